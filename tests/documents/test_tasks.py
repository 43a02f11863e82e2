from datetime import timedelta
from types import SimpleNamespace

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone

from thads.celery import JobTask
from thads.celery import _recycle_heavy_children
from thads.celery import app as celery_app
from thads.documents import services
from thads.documents.exceptions import JobFailedError
from thads.documents.models import Job
from thads.documents.tasks import job_selftest_task
from thads.documents.tasks import jobs_sweep_stale_task

GENERIC_FAILURE = (
    "Tác vụ gặp lỗi không mong muốn và đã dừng. Vui lòng chạy lại; "
    "nếu lỗi lặp lại, hãy báo quản trị hệ thống."
)
TIME_LIMIT_FAILURE = (
    "Tác vụ chạy quá thời gian cho phép và đã bị dừng. Vui lòng chạy lại hoặc chia nhỏ công việc."
)


@celery_app.task(bind=True, base=JobTask, name="tests.documents.raise_task")
def raise_task(self, *, job_id: int, error: str) -> None:
    services.job_start(job_id=job_id)
    if error == "job":
        raise JobFailedError("Tệp quét không đọc được, hãy quét lại ở 300 dpi.")
    if error == "soft":
        raise SoftTimeLimitExceeded
    raise ValueError("boom")


# --- Reliability settings (quality.md, "Design rules": Celery) ----------------------------------


def test_reliability_settings_are_pinned():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_cancel_long_running_tasks_on_connection_loss is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.task_eager_propagates is False
    assert conf.task_default_queue == "default"
    assert [q.name for q in conf.task_queues] == ["default", "ocr", "pdf"]


def test_tests_run_tasks_in_process():
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert celery_app.conf.task_always_eager is True


def test_every_platform_task_has_time_limits_and_late_ack():
    celery_app.loader.import_default_modules()
    ours = {
        name: task
        for name, task in celery_app.tasks.items()
        if name.startswith("thads.") or name.split(".")[0] in settings.INSTALLED_APPS
    }
    assert "thads.documents.tasks.jobs_sweep_stale_task" in ours
    for name, task in ours.items():
        assert task.acks_late is True, name
        assert task.soft_time_limit is not None, name
        assert task.time_limit is not None, name
        assert task.soft_time_limit < task.time_limit, name


@pytest.mark.parametrize(
    ("name", "queue"),
    [
        ("receipts.tasks.receipt_ocr_extract_task", "ocr"),
        ("decisions.tasks.judgment_ocr_page_task", "ocr"),
        ("receipts.tasks.receipt_pdf_render_task", "pdf"),
        ("decisions.tasks.decision_batch_render_task", "pdf"),
        ("receipts.tasks.receipt_sign_task", "pdf"),
        ("thads.documents.tasks.jobs_sweep_stale_task", "default"),
        ("enforcement.tasks.case_deadline_remind_task", "default"),
        ("ioc_dashboard.tasks.task_assign_task", "default"),
    ],
)
def test_routes_by_task_name(name, queue):
    assert celery_app.amqp.router.route({}, name, (), {})["queue"].name == queue


def test_beat_schedule_runs_the_sweeper_every_five_minutes():
    entry = celery_app.conf.beat_schedule["documents-jobs-sweep-stale"]
    assert entry["task"] == jobs_sweep_stale_task.name
    assert entry["schedule"].minute == set(range(0, 60, 5))


@pytest.mark.parametrize(
    ("queues", "option", "expected"),
    [
        (["ocr"], None, 1),
        # PDF workers keep their child (signing keys stay loaded; thads/celery.py HEAVY_QUEUES).
        (["ocr", "pdf"], None, "unset"),
        ("pdf", None, "unset"),
        (["default", "ocr", "pdf"], None, "unset"),
        (["ocr"], 20, "unset"),
        ([], None, "unset"),
    ],
)
def test_heavy_queue_workers_recycle_children(queues, option, expected):
    conf = SimpleNamespace(worker_max_tasks_per_child="unset")

    _recycle_heavy_children(
        conf=conf, options={"queues": queues, "max_tasks_per_child": option}, sender="w"
    )

    assert conf.worker_max_tasks_per_child == expected


# --- Eager mode (the embedded default) ------------------------------------------------------


@pytest.mark.django_db
def test_selftest_runs_in_process_after_commit(sysadmin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = services.job_selftest_start(actor=sysadmin, steps=3, step_seconds=0)

    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == (Job.Status.SUCCEEDED, 3, 3, 1)
    assert job.message == "Kiểm tra hoàn tất: 3 bước đã chạy."
    assert job.result == {"steps": 3}


@pytest.mark.django_db
def test_selftest_is_not_queued_without_commit(sysadmin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = services.job_selftest_start(actor=sysadmin, steps=3, step_seconds=0)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.PENDING, 0)


@pytest.mark.django_db
def test_eager_exception_marks_the_job_failed_without_raising(make_job):
    job = make_job(total=5)

    result = job_selftest_task.delay(job_id=job.pk, steps=5, step_seconds=0, fail_at_step=3)

    assert result.state == "FAILURE"
    job.refresh_from_db()
    assert (job.status, job.done, job.message) == (Job.Status.FAILED, 2, GENERIC_FAILURE)
    assert job.finished_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "message"),
    [
        ("job", "Tệp quét không đọc được, hãy quét lại ở 300 dpi."),
        ("soft", TIME_LIMIT_FAILURE),
        ("other", GENERIC_FAILURE),
    ],
)
def test_job_task_failure_message(make_job, error, message):
    job = make_job()

    raise_task.delay(job_id=job.pk, error=error)

    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, message)


@pytest.mark.django_db
def test_selftest_of_a_cancelled_job_does_nothing(make_job):
    job = make_job(total=3, status=Job.Status.CANCELLED, message="Đã hủy bởi A.")

    job_selftest_task.delay(job_id=job.pk, steps=3, step_seconds=0)

    job.refresh_from_db()
    assert (job.status, job.done, job.attempts, job.message) == (
        Job.Status.CANCELLED,
        0,
        0,
        "Đã hủy bởi A.",
    )


@pytest.mark.django_db
def test_selftest_redelivered_after_success_does_nothing(make_job):
    job = make_job(total=2)
    job_selftest_task.delay(job_id=job.pk, steps=2, step_seconds=0)

    job_selftest_task.delay(job_id=job.pk, steps=2, step_seconds=0)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.SUCCEEDED, 1)


@pytest.mark.django_db
def test_sweeper_task_returns_the_number_failed(make_job):
    make_job(status=Job.Status.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=2))

    assert jobs_sweep_stale_task.delay().get() == 1
