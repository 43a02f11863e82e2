"""From upload to review with tasks run in-process: intake, page text, receiver, extraction task.

The judgment is a synthetic commercial decision rendered as a text PDF
(``decisions.synthetic``), read by the real pipeline and the real extractor.
"""

import pytest

from decisions import services
from decisions.exceptions import JudgmentNotEditableError
from decisions.models import ExtractedField
from decisions.models import Judgment
from decisions.models import JudgmentParty
from decisions.receivers import on_document_processed
from decisions.tasks.judgments import judgment_extract_task
from thads.audit.models import AuditEvent
from thads.documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def synthetic():
    from decisions.synthetic import generate

    return generate(1, seed=3, case_types=["KDTM"])[0]


@pytest.fixture
def synthetic_pdf(synthetic, tmp_path):
    from decisions.synthetic.render import render_text_pdf

    path = tmp_path / "ban-an-kdtm.pdf"
    path.write_bytes(render_text_pdf(synthetic))
    return path


@pytest.fixture
def received(office, officer, media_root, synthetic_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        judgment = services.judgment_intake(actor=officer, office=office, file=synthetic_pdf)
    judgment.refresh_from_db()
    return judgment


def test_upload_to_review_runs_the_whole_pipeline(received, synthetic):
    judgment = received

    assert judgment.document.status == Document.Status.READY
    assert judgment.document.text_source == Document.TextSource.TEXT_LAYER
    assert judgment.status == Judgment.Status.REVIEW
    assert judgment.number == synthetic.labels["judgment_number"]
    assert judgment.case_type == synthetic.labels["case_type"]
    assert judgment.extraction["judgment_number"] == synthetic.labels["judgment_number"]
    assert JudgmentParty.objects.filter(judgment=judgment).count() >= 2
    number = ExtractedField.objects.get(judgment=judgment, path="judgment_number")
    assert number.page == 1
    page_text = judgment.document.pages.get(number=1).text
    assert page_text[number.start : number.end].replace(" ", "") == number.value.replace(" ", "")
    actions = list(
        AuditEvent.objects.filter(action__startswith="decisions.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "decisions.judgment_received",
        "decisions.judgment_extraction_queued",
        "decisions.judgment_extracted",
    ]


def test_a_repeated_ready_event_changes_nothing(received, django_capture_on_commit_callbacks):
    before = AuditEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        on_document_processed(
            sender=Document,
            document_id=received.document_id,
            purpose="judgment",
            office_id=received.office_id,
            status="ready",
        )

    received.refresh_from_db()
    assert received.status == Judgment.Status.REVIEW
    assert AuditEvent.objects.count() == before


def test_a_redelivered_task_does_not_overwrite_the_review(received, officer):
    services.judgment_field_correct(
        actor=officer, judgment=received, path="court", value="Tòa đã sửa", version=received.version
    )
    fields = ExtractedField.objects.filter(judgment=received).count()

    judgment_extract_task.delay(judgment_id=received.pk)

    received.refresh_from_db()
    assert received.court == "Tòa đã sửa"
    assert ExtractedField.objects.filter(judgment=received).count() == fields


def test_the_task_reads_text_only_never_page_images(
    received, monkeypatch, django_capture_on_commit_callbacks
):
    def no_images(*args, **kwargs):
        raise AssertionError("the extraction must not render page images")

    monkeypatch.setattr("thads.documents.pages.render_page_image", no_images)
    monkeypatch.setattr("thads.documents.pages.extract_page", no_images)

    with django_capture_on_commit_callbacks(execute=True):
        services.judgment_extraction_rerun(actor=None, judgment=received)

    received.refresh_from_db()
    assert received.status == Judgment.Status.REVIEW
    assert AuditEvent.objects.filter(action="decisions.judgment_extracted").count() == 2


def test_an_extractor_error_fails_the_judgment(
    received, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(pages, *, mode):
        raise RuntimeError("boom")

    monkeypatch.setattr("decisions.extraction.extract", broken)

    with django_capture_on_commit_callbacks(execute=True):
        services.judgment_extraction_rerun(actor=None, judgment=received)

    received.refresh_from_db()
    assert received.status == Judgment.Status.FAILED
    assert received.message == (
        "Không trích xuất được thông tin từ văn bản của bản án. Hãy bấm “Trích xuất lại”; "
        "nếu lỗi lặp lại, hãy báo quản trị hệ thống."
    )
    assert AuditEvent.objects.filter(action="decisions.judgment_extraction_failed").count() == 1


def test_an_unreadable_document_fails_its_judgment(office, officer, media_root, samples):
    judgment = services.judgment_intake(actor=officer, office=office, file=samples / "scan.png")

    on_document_processed(
        sender=Document,
        document_id=judgment.document_id,
        purpose="judgment",
        office_id=office.pk,
        status="failed",
    )

    judgment.refresh_from_db()
    assert judgment.status == Judgment.Status.FAILED
    assert judgment.message == (
        "Không đọc được văn bản của một số trang bản án. Hãy mở tài liệu, bấm "
        "“Chạy lại” để đọc lại các trang lỗi, hoặc tải lên bản quét rõ hơn."
    )
    [event] = AuditEvent.objects.filter(action="decisions.judgment_extraction_failed")
    assert event.actor_id is None


def test_a_document_without_judgment_is_ignored(office, make_document, samples):
    document = make_document(office, samples / "scan.png")

    on_document_processed(
        sender=Document,
        document_id=document.pk,
        purpose="general",
        office_id=office.pk,
        status="ready",
    )

    assert AuditEvent.objects.filter(action__startswith="decisions.").count() == 0


def test_a_confirmed_judgment_refuses_a_rerun(review_judgment, officer):
    services.judgment_confirm(
        actor=officer, judgment=review_judgment, version=review_judgment.version
    )

    with pytest.raises(JudgmentNotEditableError):
        services.judgment_extraction_rerun(actor=officer, judgment=review_judgment)

    assert AuditEvent.objects.filter(action="decisions.judgment_extraction_rerun").count() == 0
