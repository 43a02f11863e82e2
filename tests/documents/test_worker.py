"""Tasks on a real Celery worker over Redis (skipped without REDIS_URL and PostgreSQL).

The worker (tests/fixtures/celery.py) runs the real ``thads`` app against the test database;
these tests publish to Redis and poll the database for the outcome.
"""

import os
import signal
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.fixtures.celery import wait_for
from thads.documents import services
from thads.documents.models import Job
from thads.documents.tasks import jobs_sweep_stale_task

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

GENERIC_FAILURE = (
    "Tác vụ gặp lỗi không mong muốn và đã dừng. Vui lòng chạy lại; "
    "nếu lỗi lặp lại, hãy báo quản trị hệ thống."
)


def job_state(pk):
    return Job.objects.get(pk=pk)


def test_job_queued_on_commit_runs_on_the_worker(sysadmin, celery_worker):
    job = services.job_selftest_start(actor=sysadmin, steps=3, step_seconds=0.1)

    job = wait_for(
        lambda: (j := job_state(job.pk)).is_final and j, timeout=10, what="the job to finish"
    )
    assert (job.status, job.done, job.total, job.attempts) == (Job.Status.SUCCEEDED, 3, 3, 1)
    assert job.message == "Kiểm tra hoàn tất: 3 bước đã chạy."
    assert "job_selftest_task" in celery_worker.log_text()


def test_failure_on_the_worker_marks_the_job_failed(sysadmin, celery_worker):
    job = services.job_selftest_start(actor=sysadmin, steps=3, step_seconds=0, fail_at_step=2)

    job = wait_for(lambda: (j := job_state(job.pk)).is_final and j, timeout=10, what="failure")
    assert (job.status, job.done, job.message) == (Job.Status.FAILED, 1, GENERIC_FAILURE)


def test_sweeper_task_on_the_worker(make_job, celery_worker):
    stale = make_job(status=Job.Status.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1))
    fresh = make_job(status=Job.Status.RUNNING, heartbeat_at=timezone.now())

    jobs_sweep_stale_task.delay()

    stale = wait_for(lambda: (j := job_state(stale.pk)).is_final and j, timeout=10, what="sweep")
    assert stale.status == Job.Status.FAILED
    assert stale.message == (
        "Tác vụ bị gián đoạn (tiến trình xử lý dừng bất thường). Vui lòng chạy lại."
    )
    assert job_state(fresh.pk).status == Job.Status.RUNNING


def test_killed_worker_child_redelivers_the_task(sysadmin, celery_worker):
    """acks_late + reject_on_worker_lost: kill -9 mid-task, the task runs again to the end."""
    job = services.job_selftest_start(actor=sysadmin, steps=8, step_seconds=0.25)
    wait_for(lambda: job_state(job.pk).done >= 2, timeout=10, what="the first run to progress")
    [task] = wait_for(celery_worker.active_tasks, timeout=5, what="the running task")
    assert task["name"] == "thads.documents.tasks.job_selftest_task"
    assert task["kwargs"]["job_id"] == job.pk

    os.kill(task["worker_pid"], signal.SIGKILL)

    job = wait_for(
        lambda: (j := job_state(job.pk)).is_final and j, timeout=15, what="the redelivered run"
    )
    assert (job.status, job.done, job.attempts) == (Job.Status.SUCCEEDED, 8, 2)
    log = celery_worker.log_text()
    assert "WorkerLostError" in log or "signal 9" in log
