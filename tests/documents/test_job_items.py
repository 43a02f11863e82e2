import pytest
from django.db import transaction

from thads.documents import services
from thads.documents.exceptions import JobError
from thads.documents.models import Job
from thads.documents.models import JobItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(make_job):
    job = make_job(kind="decisions.batch_draft")
    services.job_items_add(job_id=job.pk, keys=["decision:1", "decision:2", "decision:3"])
    job.refresh_from_db()
    return job


def test_items_add_sets_total_and_ignores_duplicates(batch):
    added = services.job_items_add(job_id=batch.pk, keys=["decision:3", "decision:4", "decision:4"])

    batch.refresh_from_db()
    assert added == 1
    assert batch.total == 4
    assert list(batch.items.values_list("key", "status")) == [
        ("decision:1", "pending"),
        ("decision:2", "pending"),
        ("decision:3", "pending"),
        ("decision:4", "pending"),
    ]


def test_items_cannot_be_added_to_a_final_job(make_job):
    job = make_job(status=Job.Status.SUCCEEDED)

    with pytest.raises(JobError) as excinfo:
        services.job_items_add(job_id=job.pk, keys=["x"])

    assert excinfo.value.message == "Tác vụ đã kết thúc, không thể thêm mục."
    assert JobItem.objects.count() == 0


def test_claim_marks_running_and_counts_the_attempt(batch):
    item = services.job_item_claim(job_id=batch.pk, key="decision:1")

    assert item is not None
    item.refresh_from_db()
    batch.refresh_from_db()
    assert (item.status, item.attempts) == (JobItem.Status.RUNNING, 1)
    assert item.claimed_at is not None
    assert batch.status == Job.Status.RUNNING


def test_done_item_is_not_claimed_again(batch):
    with transaction.atomic():
        item = services.job_item_claim(job_id=batch.pk, key="decision:1")
        services.job_item_done(item=item, result={"decision_id": 1})

    assert services.job_item_claim(job_id=batch.pk, key="decision:1") is None
    item.refresh_from_db()
    batch.refresh_from_db()
    assert (item.status, item.attempts, item.result) == (
        JobItem.Status.DONE,
        1,
        {"decision_id": 1},
    )
    assert (batch.done, batch.failed_items) == (1, 0)


def test_done_twice_counts_once(batch):
    item = services.job_item_claim(job_id=batch.pk, key="decision:1")

    services.job_item_done(item=item)
    services.job_item_done(item=item)

    batch.refresh_from_db()
    assert batch.done == 1


def test_a_running_item_is_claimed_again_after_its_worker_died(batch):
    first = services.job_item_claim(job_id=batch.pk, key="decision:2")
    # the worker is killed: no done, no fail; the message is redelivered
    second = services.job_item_claim(job_id=batch.pk, key="decision:2")

    assert first.pk == second.pk
    second.refresh_from_db()
    assert (second.status, second.attempts) == (JobItem.Status.RUNNING, 2)


def test_claim_beyond_three_attempts_fails_the_item(batch):
    for _ in range(3):
        assert services.job_item_claim(job_id=batch.pk, key="decision:1") is not None

    assert services.job_item_claim(job_id=batch.pk, key="decision:1") is None

    item = JobItem.objects.get(job=batch, key="decision:1")
    batch.refresh_from_db()
    assert (item.status, item.attempts) == (JobItem.Status.FAILED, 3)
    assert item.error == "Đã thử 3 lần không thành công; mục được đánh dấu thất bại."
    assert (batch.done, batch.failed_items, batch.status) == (1, 1, Job.Status.RUNNING)
    assert services.job_item_claim(job_id=batch.pk, key="decision:1") is None


def test_failed_attempt_goes_back_to_pending_until_the_third(batch):
    for attempt in (1, 2):
        item = services.job_item_claim(job_id=batch.pk, key="decision:1")
        item = services.job_item_fail(item=item, error="Máy chủ bận")
        assert (item.status, item.attempts) == (JobItem.Status.PENDING, attempt)

    item = services.job_item_claim(job_id=batch.pk, key="decision:1")
    item = services.job_item_fail(item=item, error="Máy chủ bận")

    batch.refresh_from_db()
    assert (item.status, item.attempts, item.error) == (JobItem.Status.FAILED, 3, "Máy chủ bận")
    assert (batch.done, batch.failed_items) == (1, 1)


def test_non_retryable_failure_is_final_at_once(batch):
    item = services.job_item_claim(job_id=batch.pk, key="decision:2")

    item = services.job_item_fail(item=item, error="Bản án thiếu số.", retryable=False)

    assert (item.status, item.attempts) == (JobItem.Status.FAILED, 1)
    assert services.job_item_claim(job_id=batch.pk, key="decision:2") is None


def test_last_item_finishes_the_job(batch):
    for key in ("decision:1", "decision:2"):
        services.job_item_done(item=services.job_item_claim(job_id=batch.pk, key=key))
    item = services.job_item_claim(job_id=batch.pk, key="decision:3")
    services.job_item_fail(item=item, error="Hỏng", retryable=False)

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.failed_items, batch.percent) == (
        Job.Status.SUCCEEDED,
        3,
        1,
        100,
    )
    assert batch.message == "Hoàn thành: 2 mục thành công, 1 mục lỗi."


def test_items_of_a_cancelled_job_are_not_claimed(batch, officer):
    Job.objects.filter(pk=batch.pk).update(status=Job.Status.CANCELLED)

    assert services.job_item_claim(job_id=batch.pk, key="decision:1") is None
    assert JobItem.objects.get(job=batch, key="decision:1").attempts == 0


def test_unknown_item_is_not_claimed(batch):
    assert services.job_item_claim(job_id=batch.pk, key="decision:99") is None
