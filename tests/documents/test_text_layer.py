"""The text-layer task of a PDF: one pass over the file, chunks of pages, OCR for the rest.

``document_text_layer_task`` reads every pending page's text layer with the PDF opened once and
stores ``TEXT_LAYER_CHUNK_PAGES`` pages per transaction; pages without real text stay PENDING
and get the page (OCR) task. Tasks run in-process; the chunk is 2 pages so small files cross
chunk boundaries.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.samples.generate import FONT_SANS
from tests.samples.generate import scan_image
from thads.audit.models import AuditEvent
from thads.documents import pages
from thads.documents import services
from thads.documents import tasks
from thads.documents.models import Document
from thads.documents.models import DocumentPage
from thads.documents.models import Job
from thads.documents.models import JobItem
from thads.documents.selectors import document_page_texts
from thads.documents.tasks import document_text_layer_task

pytestmark = pytest.mark.django_db

IMAGE_PAGE = 3


def page_lines(number: int) -> tuple[str, ...]:
    return (
        f"BẢN ÁN - TRANG {number}",
        f"Nội dung vụ án, đoạn {number}: Ông Nguyễn Văn Đức phải trả 12.500.000 đồng.",
    )


def mixed_pdf(path: Path, *, pages_total: int, image_pages: tuple[int, ...] = ()) -> Path:
    """A PDF whose pages carry a text layer, except ``image_pages`` (a scan image, no text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_SANS)))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages_total + 1):
        if number in image_pages:
            image = scan_image()
            width = image.width * 72 / 300
            height = image.height * 72 / 300
            pdf.drawImage(ImageReader(image), 72, 800 - height, width=width, height=height)
        else:
            pdf.setFont("DejaVuSans", 12)
            for index, line in enumerate(page_lines(number)):
                pdf.drawString(72, 770 - index * 24, line)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(tasks, "TEXT_LAYER_CHUNK_PAGES", 2)


@pytest.fixture
def extract_calls(monkeypatch):
    """Page numbers read by the page (OCR) task, in call order."""
    calls = []
    real = pages.extract_page

    def spy(path, *, kind, number, options=None):
        calls.append(number)
        return real(path, kind=kind, number=number, options=options)

    monkeypatch.setattr(pages, "extract_page", spy)
    return calls


@pytest.fixture
def layer_reads(monkeypatch):
    """Page numbers handed to ``pages.read_text_layers``, one list per call."""
    calls = []
    real = pages.read_text_layers

    def spy(path, numbers, *, options=None):
        calls.append(list(numbers))
        return real(path, numbers, options=options)

    monkeypatch.setattr(pages, "read_text_layers", spy)
    return calls


@pytest.fixture
def chunk_progress(monkeypatch):
    """(job.done, job.message) after each call of ``document_text_layer_store``."""
    seen = []
    real = services.document_text_layer_store

    def spy(*, job_id, **kwargs):
        outcome = real(job_id=job_id, **kwargs)
        job = Job.objects.get(pk=job_id)
        seen.append((job.done, job.message))
        return outcome

    monkeypatch.setattr(services, "document_text_layer_store", spy)
    return seen


@pytest.fixture
def mixed_document(office, make_document, tmp_path):
    path = mixed_pdf(tmp_path / "ban-an-hon-hop.pdf", pages_total=5, image_pages=(IMAGE_PAGE,))
    return make_document(office, path, page_count=5)


@pytest.fixture
def text_document(office, make_document, tmp_path):
    path = mixed_pdf(tmp_path / "ban-an-5-trang.pdf", pages_total=5)
    return make_document(office, path, page_count=5)


def page_rows(document):
    return list(
        DocumentPage.objects.filter(document=document)
        .order_by("number")
        .values_list("number", "status", "source")
    )


def document_actions(document):
    return list(
        AuditEvent.objects.filter(object_id=str(document.pk), object_type="documents.document")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_mixed_pdf_text_pages_in_one_pass_and_the_image_page_by_ocr(
    officer,
    mixed_document,
    extract_calls,
    layer_reads,
    chunk_progress,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_process_start(actor=officer, document=mixed_document)

    mixed_document.refresh_from_db()
    job.refresh_from_db()
    assert layer_reads == [[1, 2, 3, 4, 5]]  # the file opened once, for every page
    assert extract_calls == [IMAGE_PAGE]  # the page task reads (OCRs) the image page only
    assert page_rows(mixed_document) == [
        (1, "done", "text_layer"),
        (2, "done", "text_layer"),
        (3, "done", "ocr"),
        (4, "done", "text_layer"),
        (5, "done", "text_layer"),
    ]
    texts = document_page_texts(document_id=mixed_document.pk)
    assert [t.text for t in texts if t.source == "text_layer"] == [
        "\n".join(page_lines(n)) for n in (1, 2, 4, 5)
    ]
    assert "QUYẾT ĐỊNH" in texts[IMAGE_PAGE - 1].text
    assert texts[0].words[0][:2] == ["BẢN", 100]
    assert (mixed_document.status, mixed_document.text_source) == (
        Document.Status.READY,
        Document.TextSource.MIXED,
    )
    assert (job.status, job.done, job.total, job.failed_items) == (Job.Status.SUCCEEDED, 5, 5, 0)
    # Chunks [1, 2], [3 (to OCR), 4], [5]: the bar moves once per chunk, then OCR ends the job.
    assert chunk_progress == [
        (2, "Đã đọc lớp văn bản: 2/5 trang."),
        (3, "Đã đọc lớp văn bản: 3/5 trang."),
        (4, "Đã đọc lớp văn bản: 4/5 trang."),
    ]
    results = dict(JobItem.objects.filter(job=job).values_list("key", "result"))
    assert {key: value.get("source") for key, value in results.items()} == {
        "page-1": "text_layer",
        "page-2": "text_layer",
        "page-3": "ocr",
        "page-4": "text_layer",
        "page-5": "text_layer",
    }
    assert document_actions(mixed_document) == [
        "documents.document_processing_started",
        "documents.document_processed",
    ]


def test_text_pdf_is_ready_without_any_page_task(
    officer, text_document, extract_calls, chunk_progress, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = services.document_process_start(actor=officer, document=text_document)

    text_document.refresh_from_db()
    job.refresh_from_db()
    assert len(callbacks) == 2  # the text-layer task, then the document_processed signal
    assert extract_calls == []
    assert [done for done, _message in chunk_progress] == [2, 4, 5]
    assert (job.status, job.done, job.message) == (
        Job.Status.SUCCEEDED,
        5,
        "Hoàn thành: 5 mục thành công, 0 mục lỗi.",
    )
    assert (text_document.status, text_document.text_source) == ("ready", "text_layer")
    assert JobItem.objects.filter(job=job, status=JobItem.Status.DONE).count() == 5


def test_rerun_of_the_task_skips_done_pages_and_queues_ocr_once(
    officer, mixed_document, layer_reads, django_capture_on_commit_callbacks
):
    job = services.document_process_start(actor=officer, document=mixed_document)  # not sent

    with django_capture_on_commit_callbacks() as first_sends:
        first = document_text_layer_task.apply(kwargs={"job_id": job.pk}).get()
    updated = dict(DocumentPage.objects.values_list("number", "updated_at"))
    with django_capture_on_commit_callbacks() as second_sends:
        second = document_text_layer_task.apply(kwargs={"job_id": job.pk}).get()

    job.refresh_from_db()
    assert (first, second) == ("done", "done")
    assert layer_reads == [[1, 2, 3, 4, 5], []]  # the rerun reads no page at all
    assert (len(first_sends), len(second_sends)) == (1, 0)  # page 3's OCR task, queued once
    assert dict(DocumentPage.objects.values_list("number", "updated_at")) == updated
    assert (job.status, job.done, job.attempts) == (Job.Status.RUNNING, 4, 2)
    assert JobItem.objects.get(job=job, key="page-3").status == JobItem.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        first_sends[0]()  # the OCR task of page 3 runs now

    mixed_document.refresh_from_db()
    job.refresh_from_db()
    assert (job.status, job.done) == (Job.Status.SUCCEEDED, 5)
    assert mixed_document.status == Document.Status.READY


def test_task_of_a_finished_job_does_nothing(
    officer, text_document, layer_reads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_process_start(actor=officer, document=text_document)
    layer_reads.clear()
    events = AuditEvent.objects.count()

    outcome = document_text_layer_task.apply(kwargs={"job_id": job.pk}).get()

    assert outcome == "skipped"
    assert layer_reads == []
    assert AuditEvent.objects.count() == events


def test_worker_killed_after_the_first_chunk_resumes_without_duplicates(
    officer, text_document, layer_reads, monkeypatch, django_capture_on_commit_callbacks
):
    job = services.document_process_start(actor=officer, document=text_document)  # not sent
    real = services.document_text_layer_store
    stores = []

    def dies_after_first_chunk(**kwargs):
        outcome = real(**kwargs)
        stores.append(outcome)
        raise SystemExit("worker killed")  # no failure handler runs, as when the process dies

    monkeypatch.setattr(services, "document_text_layer_store", dies_after_first_chunk)
    with pytest.raises(SystemExit):
        document_text_layer_task(job_id=job.pk)

    job.refresh_from_db()
    text_document.refresh_from_db()
    assert stores == [(2, 0)]
    assert (job.status, job.done) == (Job.Status.RUNNING, 2)
    assert text_document.status == Document.Status.PROCESSING
    assert [status for _n, status, _s in page_rows(text_document)] == [
        "done",
        "done",
        "pending",
        "pending",
        "pending",
    ]

    monkeypatch.setattr(services, "document_text_layer_store", real)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = document_text_layer_task.apply(kwargs={"job_id": job.pk}).get()  # redelivery

    job.refresh_from_db()
    text_document.refresh_from_db()
    assert outcome == "done"
    assert layer_reads == [[1, 2, 3, 4, 5], [3, 4, 5]]
    assert (job.status, job.done, job.total, job.attempts) == (Job.Status.SUCCEEDED, 5, 5, 2)
    assert DocumentPage.objects.filter(document=text_document).count() == 5
    assert JobItem.objects.filter(job=job, status=JobItem.Status.DONE).count() == 5
    assert text_document.status == Document.Status.READY
    assert document_actions(text_document) == [
        "documents.document_processing_started",
        "documents.document_processed",
    ]


def test_a_task_redelivered_too_often_hands_the_pages_to_page_tasks(
    officer, text_document, layer_reads, extract_calls, django_capture_on_commit_callbacks
):
    job = services.document_process_start(actor=officer, document=text_document)  # not sent
    Job.objects.filter(pk=job.pk).update(attempts=JobItem.MAX_ATTEMPTS)  # 3 deliveries died

    with django_capture_on_commit_callbacks(execute=True):
        outcome = document_text_layer_task.apply(kwargs={"job_id": job.pk}).get()

    text_document.refresh_from_db()
    assert outcome == "handed_over"
    assert layer_reads == []
    assert extract_calls == [1, 2, 3, 4, 5]
    assert text_document.status == Document.Status.READY


def test_a_file_that_is_not_a_readable_pdf_fails_page_by_page(
    office, officer, make_document, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 64)
    document = make_document(office, path, page_count=2)

    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_process_start(actor=officer, document=document)

    document.refresh_from_db()
    job.refresh_from_db()
    assert list(
        DocumentPage.objects.filter(document=document)
        .order_by("number")
        .values_list("status", "error")
    ) == [
        ("failed", "Trang 1 bị hỏng, không đọc được."),
        ("failed", "Trang 2 bị hỏng, không đọc được."),
    ]
    assert (job.status, job.done, job.failed_items) == (Job.Status.SUCCEEDED, 2, 2)
    assert document.status == Document.Status.FAILED


def test_cancelled_job_stops_the_task(
    officer, text_document, layer_reads, django_capture_on_commit_callbacks
):
    job = services.document_process_start(actor=officer, document=text_document)  # not sent
    services.job_cancel(actor=officer, job=job)

    outcome = document_text_layer_task.apply(kwargs={"job_id": job.pk}).get()

    text_document.refresh_from_db()
    assert outcome == "skipped"
    assert layer_reads == []
    assert DocumentPage.objects.filter(document=text_document, status="done").count() == 0
    assert text_document.status == Document.Status.FAILED
    assert text_document.message.startswith("Đã hủy bởi ")


def test_cancel_between_chunks_stops_at_the_next_chunk(
    officer, text_document, monkeypatch, django_capture_on_commit_callbacks
):
    job = services.document_process_start(actor=officer, document=text_document)  # not sent
    real = services.document_text_layer_store

    def cancel_after_first_chunk(**kwargs):
        outcome = real(**kwargs)
        if Job.objects.get(pk=job.pk).status == Job.Status.RUNNING:
            services.job_cancel(actor=officer, job=job)
        return outcome

    monkeypatch.setattr(services, "document_text_layer_store", cancel_after_first_chunk)

    outcome = document_text_layer_task.apply(kwargs={"job_id": job.pk}).get()

    text_document.refresh_from_db()
    job.refresh_from_db()
    assert outcome == "cancelled"
    assert (job.status, job.done) == (Job.Status.CANCELLED, 2)
    assert DocumentPage.objects.filter(document=text_document, status="done").count() == 2
    assert text_document.status == Document.Status.FAILED


def test_page_texts_without_words_do_not_read_the_words_column(
    officer, text_document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.document_process_start(actor=officer, document=text_document)
    full = document_page_texts(document_id=text_document.pk)

    with CaptureQueriesContext(connection) as queries:
        light = document_page_texts(document_id=text_document.pk, words=False)

    assert len(queries) == 1
    assert '"words"' not in queries[0]["sql"]
    assert [p.text for p in light] == [p.text for p in full]
    assert [p.words for p in light] == [[]] * 5
    assert all(p.words for p in full)


def test_text_layer_task_runs_on_the_default_queue():
    from thads.celery import app

    route = app.amqp.router.route({}, document_text_layer_task.name)

    assert route["queue"].name == "default"


def test_a_chunk_costs_the_same_queries_whatever_its_size(office, officer, make_document, tmp_path):
    counts = []
    for total, chunk in ((5, [1, 2]), (8, [1, 2, 3, 4, 5, 6, 7])):
        path = mixed_pdf(tmp_path / f"ban-an-{total}.pdf", pages_total=total)
        document = make_document(office, path, page_count=total)
        job = services.document_process_start(actor=officer, document=document)  # not sent
        results = [r for _n, r in pages.read_text_layers(path, chunk)]
        with CaptureQueriesContext(connection) as queries:
            outcome = services.document_text_layer_store(
                job_id=job.pk, document_id=document.pk, results=results, needs_ocr=[]
            )
        job.refresh_from_db()
        assert outcome == (len(chunk), 0)
        assert job.done == len(chunk)
        counts.append(len(queries))

    # Job, item and page reads (2 with locks), 2 upserts, 1 job UPDATE, the finish check, the
    # document's lock and its pending check: 9 statements, plus the savepoint and its release.
    assert counts == [11, 11]
