from datetime import timedelta

import pytest
from django.utils import timezone

from thads.documents import services
from thads.documents.models import Job
from thads.documents.models import JobItem

pytestmark = pytest.mark.django_db

MESSAGE = "Tác vụ bị gián đoạn (tiến trình xử lý dừng bất thường). Vui lòng chạy lại."


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def stale(now, settings):
    settings.CELERY_TASK_TIME_LIMIT = 1800
    return now - timedelta(minutes=36)  # hard limit 30 min + margin 5 min, plus one


@pytest.fixture
def fresh(now):
    return now - timedelta(minutes=34)


def test_stale_jobs_fail_with_the_exact_message(make_job, now, stale, fresh, audit_calls):
    running_stale = make_job(status=Job.Status.RUNNING, heartbeat_at=stale, started_at=stale)
    pending_stale = make_job(status=Job.Status.PENDING, created_at=stale)
    running_fresh = make_job(status=Job.Status.RUNNING, heartbeat_at=fresh, started_at=stale)
    pending_fresh = make_job(status=Job.Status.PENDING, created_at=fresh)
    done_long_ago = make_job(status=Job.Status.SUCCEEDED, heartbeat_at=stale, message="Xong")

    failed = services.jobs_sweep_stale(now=now)

    assert failed == 2
    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {
        running_stale.pk: Job.Status.FAILED,
        pending_stale.pk: Job.Status.FAILED,
        running_fresh.pk: Job.Status.RUNNING,
        pending_fresh.pk: Job.Status.PENDING,
        done_long_ago.pk: Job.Status.SUCCEEDED,
    }
    running_stale.refresh_from_db()
    assert running_stale.message == MESSAGE
    assert running_stale.finished_at is not None
    assert sorted(c["target"].pk for c in audit_calls) == sorted(
        [running_stale.pk, pending_stale.pk]
    )
    assert {c["action"] for c in audit_calls} == {"documents.job_failed"}


def test_sweeping_twice_changes_nothing_more(make_job, now, stale):
    make_job(status=Job.Status.RUNNING, heartbeat_at=stale)

    assert services.jobs_sweep_stale(now=now) == 1
    assert services.jobs_sweep_stale(now=now) == 0


def test_stranded_items_of_an_unregistered_kind_go_back_to_pending(make_job, now, stale):
    job = make_job(status=Job.Status.RUNNING, heartbeat_at=stale, total=2)
    JobItem.objects.create(
        job=job, key="a", status=JobItem.Status.RUNNING, attempts=1, claimed_at=stale
    )
    JobItem.objects.create(job=job, key="b", status=JobItem.Status.DONE, attempts=1)

    assert services.jobs_sweep_stale(now=now) == 1

    assert dict(job.items.values_list("key", "status")) == {"a": "pending", "b": "done"}
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_stranded_items_of_a_registered_kind_are_queued_again(
    make_job, now, stale, fresh, monkeypatch, django_capture_on_commit_callbacks
):
    sent: list[tuple[str, list]] = []
    monkeypatch.setattr(services, "_job_items_send", lambda name, pairs: sent.append((name, pairs)))
    monkeypatch.setitem(services.JOB_ITEM_TASKS, "tests.batch", "tests.tasks.item_task")
    job = make_job(kind="tests.batch", status=Job.Status.RUNNING, heartbeat_at=stale, total=4)
    JobItem.objects.create(
        job=job, key="running", status=JobItem.Status.RUNNING, attempts=1, claimed_at=stale
    )
    JobItem.objects.create(job=job, key="lost", status=JobItem.Status.PENDING, queued_at=stale)
    JobItem.objects.create(
        job=job, key="busy", status=JobItem.Status.RUNNING, attempts=1, claimed_at=fresh
    )
    JobItem.objects.create(job=job, key="waiting", queued_at=fresh)

    with django_capture_on_commit_callbacks(execute=True):
        failed = services.jobs_sweep_stale(now=now)

    assert failed == 0
    job.refresh_from_db()
    assert (job.status, job.heartbeat_at) == (Job.Status.RUNNING, now)
    assert dict(job.items.values_list("key", "status")) == {
        "running": "pending",
        "lost": "pending",
        "busy": "running",
        "waiting": "pending",
    }
    assert len(sent) == 1
    assert sent[0][0] == "tests.tasks.item_task"
    assert sorted(sent[0][1]) == [(job.pk, "lost"), (job.pk, "running")]


def test_items_of_final_jobs_are_left_alone(make_job, now, stale):
    job = make_job(status=Job.Status.CANCELLED)
    JobItem.objects.create(job=job, key="a", status=JobItem.Status.RUNNING, claimed_at=stale)

    assert services.jobs_sweep_stale(now=now) == 0
    assert job.items.get().status == JobItem.Status.RUNNING
