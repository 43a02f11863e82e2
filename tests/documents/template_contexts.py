"""Contexts for tests/architecture/test_templates_render.py: the document store's pages."""

import secrets

from django.core.paginator import Paginator

from thads.documents.forms import DocumentUploadForm
from thads.documents.models import Document
from thads.documents.models import DocumentPage
from thads.documents.models import Job


def _document(request):
    job = Job.objects.create(
        kind="documents.document_text",
        title="Nhận dạng văn bản: ban-an.pdf (2 trang)",
        office=request.user.office,
        created_by=request.user,
        total=2,
        done=1,
        status=Job.Status.RUNNING,
    )
    sha = secrets.token_hex(32)  # each partial of a template renders with its own document
    return Document.objects.create(
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
        status=Document.Status.PROCESSING,
        job=job,
    )


def _pages(document):
    return [
        DocumentPage.objects.create(
            document=document,
            number=1,
            status="done",
            source="ocr",
            text="QUYẾT ĐỊNH\nThi hành án dân sự",
            mean_confidence=91.5,
            duration_ms=2100,
            rotation=90,
        ),
        DocumentPage.objects.create(document=document, number=2),
    ]


def _detail(request):
    document = _document(request)
    pages = _pages(document)
    return {
        "document": document,
        "job": document.job,
        "page": Paginator(pages, 10).get_page(1),
        "page_counts": {"pending": 1, "done": 1, "failed": 0},
        "can_process": True,
        "can_cancel": True,
    }


def _page(request):
    document = _document(request)
    first, _second = _pages(document)
    return {
        "document": document,
        "doc_page": first,
        "previous_number": None,
        "next_number": 2,
        "image_width": 1200,
    }


TEMPLATE_CONTEXTS = {
    "documents/document_upload.html": lambda request: {"form": DocumentUploadForm()},
    "documents/document_detail.html": _detail,
    "documents/document_page.html": _page,
}
