"""A real Celery worker killed while signing receipts: every receipt ends signed exactly once
(quality.md R4) and each PDF validates against the platform CA.

The worker runs the base settings (``var/media``, ``var/signing``), so this test reads the
signed files and the CA from there too.
"""

import os
import signal

import pytest

from receipts.models import Receipt
from tests.fixtures.celery import wait_for
from thads.audit.models import AuditEvent
from thads.documents.conf import media_root
from thads.documents.models import PublicToken
from thads.documents.signing import validate_pdf_signatures

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

SIZE = 20


def _signed():
    return Receipt.objects.filter(status=Receipt.Status.SIGNED).count()


def test_killed_worker_signs_each_receipt_exactly_once(celery_worker, issue):
    receipts = [issue(amount_vnd=100_000 * (n + 1)) for n in range(SIZE)]

    [task] = wait_for(celery_worker.active_tasks, timeout=30, what="a running sign task")
    assert task["name"] == "receipts.tasks.receipt_sign_task"
    os.kill(task["worker_pid"], signal.SIGKILL)

    wait_for(lambda: _signed() == SIZE, timeout=120, what="every receipt signed")
    assert AuditEvent.objects.filter(action="receipts.receipt_signed").count() == SIZE
    assert PublicToken.objects.filter(object_type="receipts.receipt").count() == SIZE
    for receipt in Receipt.objects.filter(pk__in=[r.pk for r in receipts]):
        report = validate_pdf_signatures((media_root() / receipt.pdf_name).read_bytes())
        assert report.authentic, report.messages
    log = celery_worker.log_text()
    assert "WorkerLostError" in log or "signal 9" in log
