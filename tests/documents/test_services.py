from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone

from thads.audit.models import AuditEvent
from thads.documents import services
from thads.documents.exceptions import JobCancelNotAllowedError
from thads.documents.exceptions import JobNotCancellableError
from thads.documents.models import Job
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def test_job_create_is_pending_and_audited(officer, office, audit_calls):
    job = services.job_create(
        actor=officer,
        kind="decisions.batch_draft",
        title="Lập quyết định",
        office=office,
        total=120,
    )

    job.refresh_from_db()
    assert (job.status, job.total, job.done, job.attempts) == (Job.Status.PENDING, 120, 0, 0)
    assert (job.created_by, job.office, job.started_at, job.finished_at) == (
        officer,
        office,
        None,
        None,
    )
    assert [(c["action"], c["actor"], c["target"], c["office"]) for c in audit_calls] == [
        ("documents.job_created", officer, job, office)
    ]
    assert audit_calls[0]["summary"] == "Tạo tác vụ nền: Lập quyết định"


def test_job_create_writes_a_real_audit_event(officer, office):
    job = services.job_create(actor=officer, kind="audit.verify", title="Kiểm tra", office=office)

    events = AuditEvent.objects.filter(action="documents.job_created")
    assert events.count() == 1
    assert events.get().actor_id == officer.pk
    assert events.get().object_id == str(job.pk)


def test_job_create_by_the_system_has_no_creator(audit_calls):
    job = services.job_create(actor=None, kind="reports.nightly", title="Báo cáo")

    assert job.created_by is None
    assert job.office is None
    assert audit_calls[0]["actor"] is None


@pytest.mark.parametrize(
    ("kind", "title", "total"), [("", "Tên", 0), ("k", "", 0), ("k", "Tên", -1)]
)
def test_job_create_refuses_invalid_fields(officer, kind, title, total):
    with pytest.raises(ValidationError):
        services.job_create(actor=officer, kind=kind, title=title, total=total)

    assert Job.objects.count() == 0


def test_job_progress_sets_running_started_and_heartbeat(make_job, django_assert_num_queries):
    job = make_job(total=120)

    with django_assert_num_queries(1):
        services.job_progress(job_id=job.pk, done=37, message="Đang đọc trang 37")

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.message) == (
        Job.Status.RUNNING,
        37,
        120,
        "Đang đọc trang 37",
    )
    assert job.started_at is not None
    assert job.heartbeat_at >= job.started_at
    first_start = job.started_at

    services.job_progress(job_id=job.pk, done=40, total=200)

    job.refresh_from_db()
    assert (job.done, job.total, job.message) == (40, 200, "Đang đọc trang 37")
    assert job.started_at == first_start


def test_job_progress_refused_above_total(make_job):
    job = make_job(total=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        services.job_progress(job_id=job.pk, done=4)

    job.refresh_from_db()
    assert (job.done, job.status) == (0, Job.Status.PENDING)


@pytest.mark.parametrize("status", [Job.Status.CANCELLED, Job.Status.FAILED, Job.Status.SUCCEEDED])
def test_job_progress_leaves_a_final_job_alone(make_job, status):
    job = make_job(total=10, done=2, status=status)

    services.job_progress(job_id=job.pk, done=5)

    job.refresh_from_db()
    assert (job.status, job.done) == (status, 2)


def test_job_start_counts_attempts_and_refuses_final_jobs(make_job):
    job = make_job()

    assert services.job_start(job_id=job.pk) is True
    assert services.job_start(job_id=job.pk) is True
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.RUNNING, 2)

    Job.objects.filter(pk=job.pk).update(status=Job.Status.CANCELLED)
    assert services.job_start(job_id=job.pk) is False
    job.refresh_from_db()
    assert job.attempts == 2


def test_job_finish_succeeds_once(make_job, office, audit_calls):
    job = make_job(total=120, done=118, status=Job.Status.RUNNING, office=office)

    services.job_finish(job_id=job.pk, message="Đã lập 120 quyết định.", result={"count": 120})
    services.job_finish(job_id=job.pk, message="Lần giao lại", result={"count": 0})

    job.refresh_from_db()
    assert (job.status, job.done, job.percent, job.message, job.result) == (
        Job.Status.SUCCEEDED,
        120,
        100,
        "Đã lập 120 quyết định.",
        {"count": 120},
    )
    assert job.finished_at is not None
    assert [c["action"] for c in audit_calls] == ["documents.job_finished"]
    assert audit_calls[0]["actor"] is None
    assert audit_calls[0]["before"]["status"] == "running"
    assert audit_calls[0]["after"]["status"] == "succeeded"


def test_job_finish_default_message(make_job):
    job = make_job()

    services.job_finish(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.message, job.result) == (Job.Status.SUCCEEDED, "Hoàn thành.", {})


def test_job_finish_does_not_revive_a_cancelled_job(make_job):
    job = make_job(status=Job.Status.CANCELLED, message="Đã hủy bởi A.")

    services.job_finish(job_id=job.pk, message="Xong")

    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.CANCELLED, "Đã hủy bởi A.")


def test_job_fail_records_the_message_once(make_job, audit_calls):
    job = make_job(status=Job.Status.RUNNING)

    services.job_fail(job_id=job.pk, message="Tệp PDF bị hỏng.")
    services.job_fail(job_id=job.pk, message="Lỗi khác")

    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, "Tệp PDF bị hỏng.")
    assert job.finished_at is not None
    assert [c["action"] for c in audit_calls] == ["documents.job_failed"]


def test_job_fail_of_a_missing_job_is_a_no_op(audit_calls):
    services.job_fail(job_id=987654, message="x")

    assert audit_calls == []


def test_creator_cancels_an_open_job(officer, office, make_job, audit_calls):
    job = make_job(office=office, created_by=officer, status=Job.Status.RUNNING)

    cancelled = services.job_cancel(actor=officer, job=job)

    job.refresh_from_db()
    assert cancelled.pk == job.pk
    assert job.status == Job.Status.CANCELLED
    assert job.message == f"Đã hủy bởi {officer.get_full_name()}."
    assert job.finished_at is not None
    assert [(c["action"], c["actor"]) for c in audit_calls] == [
        ("documents.job_cancelled", officer)
    ]


@pytest.mark.parametrize("role", [Role.OFFICE_HEAD])
def test_leader_cancels_a_colleagues_job(make_user, officer, office, make_job, role):
    head = make_user(role, office)
    job = make_job(office=office, created_by=officer)

    services.job_cancel(actor=head, job=job)

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED


def test_colleague_may_not_cancel(make_user, officer, office, make_job, audit_calls):
    colleague = make_user(Role.ENFORCEMENT_OFFICER, office)
    job = make_job(office=office, created_by=officer, status=Job.Status.RUNNING)

    with pytest.raises(JobCancelNotAllowedError) as excinfo:
        services.job_cancel(actor=colleague, job=job)

    assert excinfo.value.message == (
        "Chỉ người tạo tác vụ hoặc lãnh đạo đơn vị mới được hủy tác vụ này."
    )
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert audit_calls == []


@pytest.mark.parametrize("status", [Job.Status.SUCCEEDED, Job.Status.FAILED, Job.Status.CANCELLED])
def test_final_job_cannot_be_cancelled(officer, make_job, status, audit_calls):
    job = make_job(created_by=officer, status=status, message="Trước")

    with pytest.raises(JobNotCancellableError) as excinfo:
        services.job_cancel(actor=officer, job=job)

    assert excinfo.value.message == "Tác vụ đã kết thúc, không thể hủy."
    job.refresh_from_db()
    assert (job.status, job.message) == (status, "Trước")
    assert audit_calls == []


def test_stale_after_is_hard_time_limit_plus_margin(settings):
    settings.CELERY_TASK_TIME_LIMIT = 1800

    assert services.job_stale_after() == timedelta(minutes=35)


def test_selftest_start_refuses_bad_bounds(sysadmin):
    from thads.documents.exceptions import JobSelftestInvalidError

    for kwargs in ({"steps": 0}, {"steps": 101}, {"steps": 3, "fail_at_step": 4}):
        with pytest.raises(JobSelftestInvalidError):
            services.job_selftest_start(actor=sysadmin, **kwargs)

    assert Job.objects.count() == 0


def test_created_at_is_now(make_job):
    before = timezone.now()

    job = make_job()

    assert before <= job.created_at <= timezone.now()
