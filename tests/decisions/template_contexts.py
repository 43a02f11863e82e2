"""Contexts for tests/architecture/test_templates_render.py: the judgment pages."""

import secrets

from decisions import selectors
from decisions.models import Judgment
from decisions.services import judgment_apply_extraction
from decisions.views.judgments import _review_context
from tests.factories.decisions import JudgmentFactory
from tests.fixtures.decisions import extraction_result
from thads.documents.models import Document
from thads.documents.models import DocumentPage
from thads.documents.models import Job


def _document(request, status=Document.Status.READY):
    job = Job.objects.create(
        kind="documents.document_text",
        title="Nhận dạng văn bản: ban-an.pdf (2 trang)",
        office=request.user.office,
        created_by=request.user,
        total=2,
        done=2 if status == Document.Status.READY else 1,
        status=Job.Status.SUCCEEDED if status == Document.Status.READY else Job.Status.RUNNING,
    )
    sha = secrets.token_hex(32)
    document = Document.objects.create(
        office=request.user.office,
        uploaded_by=request.user,
        purpose="judgment",
        original_name="ban-an.pdf",
        kind="pdf",
        mime="application/pdf",
        size_bytes=123_456,
        sha256=sha,
        storage_name=f"documents/{sha[:2]}/{sha}.pdf",
        page_count=2,
        status=status,
        job=job,
    )
    text = "TÒA ÁN NHÂN DÂN KHU VỰC 1\nSố: 12/2025/QĐST-KDTM"
    words = [
        ["TÒA", 100, 100, 100, 60, 20, 1, 1, 1],
        ["ÁN", 100, 170, 100, 40, 20, 1, 1, 1],
        ["Số:", 100, 100, 140, 40, 20, 1, 1, 2],
        ["12/2025/QĐST-KDTM", 100, 150, 140, 220, 20, 1, 1, 2],
    ]
    for number in (1, 2):
        DocumentPage.objects.create(
            document=document,
            number=number,
            status="done",
            source="text_layer",
            text=text,
            words=words,
            width_px=2480,
            height_px=3508,
            dpi=300,
        )
    return document


def _review(request):
    judgment = JudgmentFactory(
        office=request.user.office, status=Judgment.Status.EXTRACTING, document=_document(request)
    )
    judgment_apply_extraction(judgment_id=judgment.pk, result=extraction_result())
    judgment.refresh_from_db()
    return judgment


def _review_page(request):
    return _review_context(request, _review(request))


def _progress_page(request):
    judgment = JudgmentFactory(
        office=request.user.office,
        status=Judgment.Status.EXTRACTING,
        document=_document(request, Document.Status.PROCESSING),
    )
    return _review_context(request, judgment)


def _row(request):
    judgment = _review(request)
    return {
        "judgment": judgment,
        "item": selectors.judgment_field_item(judgment=judgment, path="obligations[0].amount_vnd"),
        "editing": True,
        "error": "Số tiền không được là số âm.",
        "typed": "-5",
        "can_review": True,
        "oob": True,
        "issues": selectors.judgment_issues(judgment=judgment),
        "blocking": [],
    }


def _source(request):
    judgment = _review(request)
    return {
        "judgment": judgment,
        "source": selectors.judgment_source_view(
            actor=request.user, judgment=judgment, path="judgment_number"
        ),
    }


def _issues(request):
    judgment = _review(request)
    return {
        "judgment": judgment,
        "issues": selectors.judgment_issues(judgment=judgment),
        "blocking": [],
        "can_review": True,
    }


TEMPLATE_CONTEXTS = {
    "decisions/judgment_review.html": _review_page,
    "decisions/judgment_review.html#judgment-status": _progress_page,
    "decisions/partials/judgment_field_row.html": _row,
    "decisions/partials/judgment_source.html": _source,
    "decisions/partials/judgment_issues.html": _issues,
}
