import pytest
from django.db import IntegrityError
from django.db import transaction
from django.db.models import F

from thads.documents.models import Job
from thads.documents.models import JobItem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("done", "total", "status", "percent"),
    [
        (0, 0, Job.Status.PENDING, 0),
        (0, 0, Job.Status.RUNNING, 0),
        (0, 0, Job.Status.SUCCEEDED, 100),
        (37, 120, Job.Status.RUNNING, 31),
        (1, 3, Job.Status.RUNNING, 33),
        (1, 2, Job.Status.RUNNING, 50),
        (239, 240, Job.Status.RUNNING, 99),  # 99.6 is not shown as finished
        (120, 120, Job.Status.SUCCEEDED, 100),
        (0, 120, Job.Status.PENDING, 0),
    ],
)
def test_percent(done, total, status, percent):
    assert Job(done=done, total=total, status=status).percent == percent


@pytest.mark.parametrize(
    ("done", "total", "status", "label"),
    [
        (37, 120, Job.Status.RUNNING, "Đã xử lý 37/120 (31 %)"),
        (1250, 2000, Job.Status.RUNNING, "Đã xử lý 1.250/2.000 (63 %)"),
        (5, 0, Job.Status.RUNNING, "Đã xử lý 5 mục"),
        (0, 0, Job.Status.PENDING, "Đang chờ xử lý"),
        (0, 0, Job.Status.RUNNING, "Đang xử lý"),
        (0, 0, Job.Status.SUCCEEDED, "Đã xử lý xong"),
        (0, 0, Job.Status.FAILED, "Chưa xử lý mục nào"),
        (0, 0, Job.Status.CANCELLED, "Chưa xử lý mục nào"),
    ],
)
def test_progress_label_in_vietnamese(done, total, status, label):
    assert Job(done=done, total=total, status=status).progress_label == label


def test_final_and_open_statuses():
    assert {s for s in Job.Status if Job(status=s).is_final} == {
        Job.Status.SUCCEEDED,
        Job.Status.FAILED,
        Job.Status.CANCELLED,
    }
    assert {Job.Status.PENDING, Job.Status.RUNNING} == Job.OPEN_STATUSES


def test_database_refuses_done_above_total(make_job):
    job = make_job(total=3, done=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(done=F("total") + 1)

    job.refresh_from_db()
    assert job.done == 3


def test_done_is_free_while_total_is_unknown(make_job):
    job = make_job(total=0)

    Job.objects.filter(pk=job.pk).update(done=500)

    job.refresh_from_db()
    assert job.done == 500


@pytest.mark.parametrize("field", ["total", "done", "failed_items"])
def test_database_refuses_negative_counts(make_job, field):
    job = make_job()

    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(**{field: -1})


def test_item_key_is_unique_per_job(make_job):
    job = make_job()
    other = make_job()
    JobItem.objects.create(job=job, key="decision:1")
    JobItem.objects.create(job=other, key="decision:1")

    with pytest.raises(IntegrityError), transaction.atomic():
        JobItem.objects.create(job=job, key="decision:1")

    assert JobItem.objects.filter(key="decision:1").count() == 2
