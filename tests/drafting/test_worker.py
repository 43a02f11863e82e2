"""A real Celery worker killed half-way through signing a batch: the batch resumes without
duplicates or lost numbers (quality.md R4), and every PDF validates against the platform CA.

The worker runs the base settings (``var/media``, ``var/signing``), so this test reads the
signed files and the CA from there too.
"""

import os
import signal

import pytest

from decisions.models import Decision
from decisions.services import SERIES
from decisions.services import decision_batch_approve
from decisions.services import decision_batch_create
from decisions.services import decision_batch_sign
from decisions.services import decision_pdf_path
from tests.fixtures.celery import wait_for
from thads.audit.models import AuditEvent
from thads.documents.models import Job
from thads.documents.models import JobItem
from thads.documents.signing import validate_pdf_signatures
from thads.numbering.selectors import number_check
from thads.numbering.selectors import number_sequence_last

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

SIZE = 12


def _statuses(batch):
    return list(Decision.objects.filter(batch=batch).values_list("status", flat=True))


def test_killed_worker_resumes_signing_without_gaps_or_duplicates(
    celery_worker, decision_templates, officer, office_head, make_judgment
):
    batch = decision_batch_create(actor=officer, judgment_ids=[make_judgment(fees=SIZE).pk])
    wait_for(
        lambda: _statuses(batch).count("draft") == SIZE, timeout=90, what="the drafts on the worker"
    )
    decision_batch_approve(actor=office_head, batch=batch)

    job = decision_batch_sign(actor=office_head, batch=batch)
    wait_for(lambda: _statuses(batch).count("signed") >= 2, timeout=60, what="signing to start")
    # Signed decisions also queue enforcement's procuracy submissions on the same worker: kill
    # the child that is signing.
    sign_task = "decisions.tasks.drafting.decision_sign_task"
    [task] = wait_for(
        lambda: [t for t in celery_worker.active_tasks() if t["name"] == sign_task][:1],
        timeout=20,
        what="a running sign task",
    )
    os.kill(task["worker_pid"], signal.SIGKILL)

    wait_for(
        lambda: _statuses(batch).count("signed") == SIZE, timeout=120, what="the rest, resumed"
    )
    job = wait_for(
        lambda: (j := Job.objects.get(pk=job.pk)).is_final and j, timeout=30, what="the job"
    )
    assert (job.status, job.done, job.failed_items) == (Job.Status.SUCCEEDED, SIZE, 0)
    assert JobItem.objects.filter(job=job, status=JobItem.Status.DONE).count() == SIZE
    decisions = list(Decision.objects.filter(batch=batch).order_by("position"))
    assert [d.number for d in decisions] == list(range(1, SIZE + 1))
    check = number_check(
        numbers=Decision.objects.filter(office=batch.office, year=decisions[0].year).values_list(
            "number", flat=True
        ),
        last_number=number_sequence_last(
            office=batch.office, series=SERIES, year=decisions[0].year
        ),
    )
    assert (check.ok, check.count) == (True, SIZE)
    assert AuditEvent.objects.filter(action="decisions.decision_signed").count() == SIZE
    for decision in decisions:
        report = validate_pdf_signatures(decision_pdf_path(decision.pdf_name).read_bytes())
        assert report.authentic, report.messages
    log = celery_worker.log_text()
    assert "WorkerLostError" in log or "signal 9" in log


def test_killed_worker_resumes_drafting_without_duplicates(
    celery_worker, decision_templates, officer, make_judgment
):
    batch = decision_batch_create(actor=officer, judgment_ids=[make_judgment(fees=SIZE).pk])
    wait_for(lambda: len(_statuses(batch)) >= 2, timeout=60, what="drafting to start")
    [task] = wait_for(celery_worker.active_tasks, timeout=10, what="a running draft task")
    assert task["name"] == "decisions.tasks.drafting.decision_draft_render_task"
    os.kill(task["worker_pid"], signal.SIGKILL)

    wait_for(lambda: len(_statuses(batch)) == SIZE, timeout=120, what="the rest, resumed")
    job = wait_for(
        lambda: (j := Job.objects.get(pk=batch.draft_job_id)).is_final and j,
        timeout=30,
        what="the drafting job",
    )
    assert (job.status, job.done, job.failed_items) == (Job.Status.SUCCEEDED, SIZE, 0)
    keys = list(Decision.objects.filter(batch=batch).values_list("source_key", flat=True))
    assert len(keys) == len(set(keys)) == SIZE
    assert AuditEvent.objects.filter(action="decisions.decision_drafted").count() == SIZE
