"""The text pipeline on a real Celery worker over Redis: one task per page, on the ocr queue.

Skipped without REDIS_URL and a database another process can open (tests/fixtures/celery.py).
The worker has its own settings, so this test stores into the real MEDIA_ROOT (the worker's)
and removes the files it created.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.fixtures.celery import wait_for
from tests.samples.generate import scan_pdf
from thads.documents import services
from thads.documents.models import Document
from thads.documents.models import DocumentPage
from thads.documents.models import Job
from thads.documents.storage import original_path

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def created_media():
    """Files this test adds under MEDIA_ROOT, removed afterwards (originals are 0444)."""
    root = Path(settings.MEDIA_ROOT)
    before = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    yield root
    for path in {p for p in root.rglob("*") if p.is_file()} - before:
        path.chmod(0o644)
        path.unlink()


def test_two_page_scan_is_read_page_by_page_on_the_worker(
    office, officer, tmp_path, created_media, celery_worker
):
    source = scan_pdf(tmp_path / "scan-2-trang.pdf", pages=2)

    document = services.document_store(
        actor=officer, office=office, purpose="judgment", path=source, process=True
    )

    document = wait_for(
        lambda: (d := Document.objects.get(pk=document.pk)).status != "processing" and d,
        timeout=60,
        what="the document to be read",
    )
    assert original_path(document.storage_name).is_file()
    assert (document.status, document.text_source) == (
        Document.Status.READY,
        Document.TextSource.OCR,
    )
    job = Job.objects.get(pk=document.job_id)
    assert (job.status, job.done, job.total) == (Job.Status.SUCCEEDED, 2, 2)
    texts = dict(DocumentPage.objects.filter(document=document).values_list("number", "text"))
    assert "Trang 1" in texts[1]
    assert "Trang 2" in texts[2]
    log = celery_worker.log_text()
    for number in (1, 2):
        assert f"document {document.pk} page {number} read from ocr" in log
    assert log.count("thads.documents.tasks.document_page_ocr_task") >= 2
