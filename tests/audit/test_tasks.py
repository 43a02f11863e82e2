import pytest
from django.urls import reverse

from tests.audit.conftest import raw
from thads.audit.models import AuditEvent
from thads.audit.services import audit_verify_start
from thads.audit.tasks import audit_verify_task
from thads.documents.models import Job

pytestmark = pytest.mark.django_db


def test_sysadmin_starts_a_verification_that_runs_after_commit(
    client, sysadmin, chain6, django_capture_on_commit_callbacks
):
    client.force_login(sysadmin)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("audit:verify-start"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="audit-verify"
        )

    assert response.status_code == 200
    assert len(callbacks) == 1
    job = Job.objects.get(kind="audit.verify")
    assert f'id="job-progress-{job.pk}"' in response.content.decode()
    assert job.status == Job.Status.SUCCEEDED
    assert job.message.startswith("Nhật ký toàn vẹn: đã kiểm tra ")
    assert job.result["ok"] is True
    started = AuditEvent.objects.get(action="audit.verify_started")
    assert (started.actor_id, started.chain, started.after) == (
        sysadmin.pk,
        "CQL",
        {"job_id": job.pk},
    )
    assert started.object_type == "documents.job"


def test_tampered_log_fails_the_job_with_the_first_problem(
    sysadmin, chain6, django_capture_on_commit_callbacks
):
    raw("DELETE FROM audit_auditevent WHERE chain = 'T101-KV01' AND seq = 2")

    with django_capture_on_commit_callbacks(execute=True):
        job = audit_verify_start(actor=sysadmin)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == (
        "Phát hiện 1 sai lệch trong nhật ký kiểm toán (đã kiểm tra 7 sự kiện). Đầu tiên:"
        " Chuỗi T101-KV01 thiếu sự kiện số 2: có thể đã bị xóa. Chạy lệnh audit_verify để"
        " xem đầy đủ."
    )


def test_task_reports_progress(sysadmin, chain6, monkeypatch):
    from thads.audit import verification
    from thads.documents import services as job_services

    monkeypatch.setattr(verification, "BATCH_SIZE", 1)
    monkeypatch.setattr(verification, "PROGRESS_EVERY", 1)
    calls = []
    original = job_services.job_progress

    def spy(**kwargs):
        calls.append((kwargs["done"], kwargs["total"]))
        original(**kwargs)

    monkeypatch.setattr(job_services, "job_progress", spy)
    job = job_services.job_create(actor=sysadmin, kind="audit.verify", title="Kiểm tra")

    audit_verify_task.apply(kwargs={"job_id": job.pk})

    total = AuditEvent.objects.count() - 1  # the job_finished event comes after the check
    assert calls == [(n, total) for n in range(1, total + 1)]
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.SUCCEEDED, total, total)


def test_task_is_idempotent_on_a_final_job(sysadmin, chain6):
    from thads.documents import services as job_services

    job = job_services.job_create(actor=sysadmin, kind="audit.verify", title="Kiểm tra")
    audit_verify_task.apply(kwargs={"job_id": job.pk})
    job.refresh_from_db()
    finished_at, events = job.finished_at, AuditEvent.objects.count()

    audit_verify_task.apply(kwargs={"job_id": job.pk})

    job.refresh_from_db()
    assert (job.status, job.finished_at) == (Job.Status.SUCCEEDED, finished_at)
    assert AuditEvent.objects.count() == events


def test_cancelled_job_stops_the_check(sysadmin, chain6, monkeypatch):
    from thads.audit import verification
    from thads.documents import services as job_services

    monkeypatch.setattr(verification, "BATCH_SIZE", 1)
    monkeypatch.setattr(verification, "PROGRESS_EVERY", 1)
    job = job_services.job_create(actor=sysadmin, kind="audit.verify", title="Kiểm tra")
    original = job_services.job_progress

    def cancel_after_first(**kwargs):
        original(**kwargs)
        if kwargs["done"] == 1:
            job_services.job_cancel(actor=sysadmin, job=Job.objects.get(pk=job.pk))

    monkeypatch.setattr(job_services, "job_progress", cancel_after_first)

    audit_verify_task.apply(kwargs={"job_id": job.pk})

    job.refresh_from_db()
    assert (job.status, job.done) == (Job.Status.CANCELLED, 1)
