"""The text pipeline with tasks run in-process: one task per page, progress, reruns, failures."""

import pytest

from tests.samples.generate import TEXT_PDF_PAGES
from thads.audit.models import AuditEvent
from thads.documents import ocr
from thads.documents import pages
from thads.documents import services
from thads.documents.exceptions import DocumentPageError
from thads.documents.models import Document
from thads.documents.models import DocumentPage
from thads.documents.models import Job
from thads.documents.models import JobItem
from thads.documents.selectors import document_page_texts
from thads.documents.tasks import document_page_ocr_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def extract_calls(monkeypatch):
    """Page numbers passed to the real ``pages.extract_page``, in call order."""
    calls = []
    real = pages.extract_page

    def spy(path, *, kind, number, options=None):
        calls.append(number)
        return real(path, kind=kind, number=number, options=options)

    monkeypatch.setattr(pages, "extract_page", spy)
    return calls


@pytest.fixture
def tesseract_runs(monkeypatch):
    """Count of tesseract invocations (the real ones still run)."""
    runs = []
    real = ocr._run

    def spy(args, image, *, timeout):
        runs.append(args)
        return real(args, image, timeout=timeout)

    monkeypatch.setattr(ocr, "_run", spy)
    return runs


def process(document, actor, capture):
    with capture(execute=True):
        job = services.document_process_start(actor=actor, document=document)
    document.refresh_from_db()
    job.refresh_from_db()
    return job


def test_text_pdf_pages_come_from_the_text_layer(
    office, officer, make_document, samples, extract_calls, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)

    job = process(document, officer, django_capture_on_commit_callbacks)

    assert (document.status, document.text_source, document.message) == (
        Document.Status.READY,
        Document.TextSource.TEXT_LAYER,
        "",
    )
    assert (job.kind, job.status, job.done, job.total, job.office) == (
        services.DOCUMENT_TEXT_KIND,
        Job.Status.SUCCEEDED,
        3,
        3,
        office,
    )
    assert job.title == "Nhận dạng văn bản: text-3-pages.pdf (3 trang)"
    assert extract_calls == []  # read in one pass by document_text_layer_task, no page task
    texts = document_page_texts(document_id=document.pk)
    assert [t.text for t in texts] == ["\n".join(lines) for lines in TEXT_PDF_PAGES]
    assert {(t.source, t.dpi, t.rotation) for t in texts} == {("text_layer", 300, 0)}
    assert texts[1].words[0][:2] == ["Người", 100]
    assert set(JobItem.objects.filter(job=job).values_list("key", "status")) == {
        ("page-1", "done"),
        ("page-2", "done"),
        ("page-3", "done"),
    }
    assert list(
        AuditEvent.objects.filter(object_id=str(document.pk), object_type="documents.document")
        .order_by("seq")
        .values_list("action", flat=True)
    ) == ["documents.document_processing_started", "documents.document_processed"]


def test_png_scan_is_read_by_ocr(
    office, officer, make_document, samples, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "scan.png")

    process(document, officer, django_capture_on_commit_callbacks)

    page = DocumentPage.objects.get(document=document)
    assert (document.status, document.text_source) == (Document.Status.READY, "ocr")
    assert (page.status, page.source, page.number) == ("done", "ocr", 1)
    assert "QUYẾT ĐỊNH" in page.text
    assert page.mean_confidence > 80
    assert (page.width_px, page.height_px, page.dpi) == (1400, 350, 300)
    assert page.words[0][0] == "QUYẾT"
    assert page.duration_ms > 0


def test_two_frame_tiff_gives_two_pages(
    office, officer, make_document, samples, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "scan-2-frames.tif", page_count=2)

    job = process(document, officer, django_capture_on_commit_callbacks)

    texts = document_page_texts(document_id=document.pk)
    assert [t.number for t in texts] == [1, 2]
    assert "Trang 1" in texts[0].text
    assert "Trang 2" in texts[1].text
    assert (job.status, job.done) == (Job.Status.SUCCEEDED, 2)


def test_rerun_redoes_only_the_failed_page(
    office,
    officer,
    make_document,
    samples,
    monkeypatch,
    tesseract_runs,
    django_capture_on_commit_callbacks,
):
    document = make_document(office, samples / "scan-2-pages.pdf", page_count=2)
    real = pages.extract_page

    def page_two_is_damaged(path, *, kind, number, options=None):
        if number == 2:
            raise DocumentPageError
        return real(path, kind=kind, number=number, options=options)

    monkeypatch.setattr(pages, "extract_page", page_two_is_damaged)

    first = process(document, officer, django_capture_on_commit_callbacks)

    assert document.status == Document.Status.FAILED
    assert document.message == (
        "Không đọc được 1/2 trang; các trang còn lại đã có văn bản. "
        "Bấm “Chạy lại” để thử lại các trang lỗi."
    )
    assert (first.status, first.done, first.failed_items) == (Job.Status.SUCCEEDED, 2, 1)
    failed = DocumentPage.objects.get(document=document, number=2)
    assert (failed.status, failed.error) == ("failed", "Trang 2 bị hỏng, không đọc được.")
    page_one_runs = len(tesseract_runs)

    monkeypatch.setattr(pages, "extract_page", real)
    second = process(document, officer, django_capture_on_commit_callbacks)

    assert second.pk != first.pk
    assert (document.status, document.text_source) == (Document.Status.READY, "ocr")
    assert (second.status, second.done, second.total) == (Job.Status.SUCCEEDED, 2, 2)
    assert len(tesseract_runs) == page_one_runs * 2  # page 2 only, read like page 1
    statuses = dict(JobItem.objects.filter(job=second).values_list("key", "result"))
    assert statuses["page-1"] == {"skipped": True}
    assert statuses["page-2"]["source"] == "ocr"


def test_rerun_of_a_ready_document_reads_nothing(
    office, officer, make_document, samples, extract_calls, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    process(document, officer, django_capture_on_commit_callbacks)
    extract_calls.clear()
    updated = list(DocumentPage.objects.values_list("updated_at", flat=True))

    job = process(document, officer, django_capture_on_commit_callbacks)

    assert extract_calls == []
    assert (job.status, job.done, job.message) == (
        Job.Status.SUCCEEDED,
        3,
        "Mọi trang đã có văn bản từ lần xử lý trước.",
    )
    assert list(DocumentPage.objects.values_list("updated_at", flat=True)) == updated
    assert document.status == Document.Status.READY


def test_start_while_a_job_is_open_returns_that_job(office, officer, make_document, samples):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    first = services.document_process_start(actor=officer, document=document)  # tasks not run

    again = services.document_process_start(actor=officer, document=document)

    assert again.pk == first.pk
    assert Job.objects.count() == 1


def test_redelivered_task_for_a_done_page_does_nothing(
    office, officer, make_document, samples, extract_calls, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    job = process(document, officer, django_capture_on_commit_callbacks)
    extract_calls.clear()

    outcome = document_page_ocr_task.apply(kwargs={"job_id": job.pk, "key": "page-2"}).get()

    assert outcome == "skipped"
    assert extract_calls == []


def test_engine_error_retries_then_fails_the_page(
    office, officer, make_document, samples, monkeypatch, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "scan.png")
    attempts = []

    def broken(path, *, kind, number, options=None):
        attempts.append(number)
        raise ocr.OcrEngineError("tesseract crashed")

    monkeypatch.setattr(pages, "extract_page", broken)
    monkeypatch.setattr("thads.documents.tasks.PAGE_RETRY_SECONDS", 0)

    job = process(document, officer, django_capture_on_commit_callbacks)

    assert attempts == [1, 1, 1]  # JobItem.MAX_ATTEMPTS
    page = DocumentPage.objects.get(document=document)
    assert (page.status, page.error) == ("failed", "Bộ nhận dạng ký tự gặp lỗi ở trang 1.")
    assert (document.status, job.status, job.failed_items) == ("failed", "succeeded", 1)


def test_unexpected_error_fails_the_job_and_the_document(
    office, officer, make_document, samples, monkeypatch, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "scan.png")

    def boom(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "document_page_store_result", boom)

    job = process(document, officer, django_capture_on_commit_callbacks)

    assert job.status == Job.Status.FAILED
    assert document.status == Document.Status.FAILED
    assert document.message == job.message


def test_cancelled_job_leaves_the_document_failed(
    office, officer, make_document, samples, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "scan-2-pages.pdf", page_count=2)
    job = services.document_process_start(actor=officer, document=document)
    services.job_cancel(actor=officer, job=job)

    outcome = document_page_ocr_task.apply(kwargs={"job_id": job.pk, "key": "page-1"}).get()

    document.refresh_from_db()
    assert outcome == "skipped"
    assert document.status == Document.Status.FAILED
    assert document.message.startswith("Đã hủy bởi ")


def test_page_task_is_routed_to_the_ocr_queue_and_known_to_the_sweeper():
    from thads.celery import app

    route = app.amqp.router.route({}, document_page_ocr_task.name)

    assert route["queue"].name == "ocr"
    assert services.JOB_ITEM_TASKS[services.DOCUMENT_TEXT_KIND] == document_page_ocr_task.name


def test_sweeper_requeues_a_page_whose_worker_vanished(
    office, officer, make_document, samples, extract_calls, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    job = services.document_process_start(actor=officer, document=document)  # messages lost
    long_ago = timezone.now() - timedelta(hours=2)
    JobItem.objects.filter(job=job).update(queued_at=long_ago)
    Job.objects.filter(pk=job.pk).update(created_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        services.jobs_sweep_stale()

    document.refresh_from_db()
    assert sorted(extract_calls) == [1, 2, 3]
    assert document.status == Document.Status.READY
