"""Reads of jobs, scoped to the actor: the creator, or staff whose office scope holds the job.

A job without an office (a national verification, say) is seen by its creator and by the
national roles only. Out of scope is 404 (style.md 2.7).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404

from thads.documents.models import Document
from thads.documents.models import DocumentPage
from thads.documents.models import Job
from thads.documents.models import JobItem
from thads.documents.types import PageText
from thads.org.selectors import actor_sees_all_offices
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import office_scope_for_user
from thads.org.selectors import scope_queryset
from thads.permissions import LEADER_ROLES
from thads.permissions import Role


def _base() -> QuerySet[Job]:
    return Job.objects.select_related("office", "created_by")


def job_get_for_user(*, actor: Any, pk: int) -> Job:
    """One job the actor started or whose office is in the actor's scope; else ``Http404``."""
    if getattr(actor, "is_authenticated", False) and actor.is_active:
        own = _base().filter(pk=pk, created_by_id=actor.pk).first()
        if own is not None:
            return own
    return get_in_scope_or_404(_base(), actor=actor, pk=pk)


def job_list_for_user(*, actor: Any, status: str = "", mine: bool = False) -> QuerySet[Job]:
    """Jobs the actor may see (started by them, or of an office in scope), newest first.

    ``status`` keeps one status; ``mine`` keeps the jobs the actor started.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Job.objects.none()
    qs = _base().order_by("-created_at", "-pk")
    if mine:
        qs = qs.filter(created_by_id=actor.pk)
    elif not actor_sees_all_offices(actor=actor):
        in_scope = office_scope_for_user(actor=actor).values("pk")
        qs = qs.filter(Q(created_by_id=actor.pk) | Q(office__in=in_scope))
    if status:
        qs = qs.filter(status=status)
    return qs


def job_can_cancel(*, actor: Any, job: Job) -> bool:
    """Whether ``actor`` (who can already see ``job``) may cancel it while it is open.

    The creator, a leader of the scope or the system administrator; other staff of the office
    only watch.
    """
    if not getattr(actor, "is_authenticated", False):
        return False
    if job.created_by_id is not None and job.created_by_id == actor.pk:
        return True
    return actor.role in LEADER_ROLES or actor.role == Role.SYSADMIN


def job_is_open(*, job_id: int) -> bool:
    """True while the job is pending or running; a task stops early once it is not."""
    return Job.objects.filter(pk=job_id, status__in=Job.OPEN_STATUSES).exists()


def job_attempts(*, job_id: int) -> int:
    """How many times a task started on the job (``job_start``); 0 when the job is gone."""
    return Job.objects.filter(pk=job_id).values_list("attempts", flat=True).first() or 0


def job_item_counts(*, job: Job) -> dict[str, int]:
    """Number of items of ``job`` per status (every status present, zero when none)."""
    counts = {status: 0 for status in JobItem.Status.values}
    rows = JobItem.objects.filter(job=job).values("status").annotate(n=Count("pk"))
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def job_failed_items(*, job: Job, limit: int = 50) -> list[JobItem]:
    """The first ``limit`` failed items of ``job`` with their errors, in key order."""
    return list(
        JobItem.objects.filter(job=job, status=JobItem.Status.FAILED).order_by("key")[:limit]
    )


# --- Documents ----------------------------------------------------------------------------------


def document_list_for_user(*, actor: Any, purpose: str = "") -> QuerySet[Document]:
    """Documents of the offices in the actor's scope, newest first (one query, id subquery)."""
    qs = scope_queryset(
        Document.objects.select_related("office", "uploaded_by"), actor=actor
    ).order_by("-created_at", "-pk")
    if purpose:
        qs = qs.filter(purpose=purpose)
    return qs


def document_get_for_user(*, actor: Any, pk: int) -> Document:
    """One document of an office in the actor's scope (with its latest job); else ``Http404``."""
    return get_in_scope_or_404(
        Document.objects.select_related("office", "uploaded_by", "job"), actor=actor, pk=pk
    )


def document_pages(*, document: Document) -> QuerySet[DocumentPage]:
    """Pages of a document the caller already holds (through a ``*_for_user`` selector)."""
    return DocumentPage.objects.filter(document=document).order_by("number")


def document_page_get_for_user(*, actor: Any, pk: int, number: int) -> DocumentPage:
    """Page ``number`` of a document in the actor's scope; ``Http404`` when either is not.

    A page not yet created (the pipeline never ran) is returned unsaved and PENDING, so its
    image can still be shown.
    """
    document = document_get_for_user(actor=actor, pk=pk)
    if not 1 <= number <= document.page_count:
        raise Http404
    page = DocumentPage.objects.filter(document=document, number=number).first()
    return page or DocumentPage(document=document, number=number)


def document_page_counts(*, document: Document) -> dict[str, int]:
    """Number of pages of ``document`` per status (every status present)."""
    counts = {status: 0 for status in DocumentPage.Status.values}
    rows = DocumentPage.objects.filter(document=document).values("status").annotate(n=Count("pk"))
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def document_for_job(*, job_id: int) -> Document | None:
    """The document whose latest text job is ``job_id`` (tasks; no actor); None if none."""
    return Document.objects.filter(job_id=job_id).first()


#: Marker in the ``result`` of a page's job item that the text-layer task handed to the page
#: (OCR) task: a redelivered text-layer task does not queue it again (the sweeper still does).
OCR_QUEUED = "ocr_queued"


def document_text_layer_pending(*, job_id: int, document_id: int) -> list[int]:
    """Page numbers the text-layer task of job ``job_id`` has still to read, in order.

    A page counts when it is PENDING and its job item is PENDING and not yet handed to OCR
    (a DONE page, a page a page task holds or one queued for OCR is left out). Two queries.
    """
    keys = set(
        JobItem.objects.filter(job_id=job_id, status=JobItem.Status.PENDING)
        .exclude(result__has_key=OCR_QUEUED)
        .values_list("key", flat=True)
    )
    numbers = (
        DocumentPage.objects.filter(document_id=document_id, status=DocumentPage.Status.PENDING)
        .order_by("number")
        .values_list("number", flat=True)
    )
    return [number for number in numbers if f"page-{number}" in keys]


def document_page_is_done(*, document_id: int, number: int) -> bool:
    return DocumentPage.objects.filter(
        document_id=document_id, number=number, status=DocumentPage.Status.DONE
    ).exists()


_PAGE_TEXT_FIELDS = (
    "document_id",
    "number",
    "source",
    "text",
    "mean_confidence",
    "width_px",
    "height_px",
    "dpi",
    "rotation",
)


def document_page_texts(*, document_id: int, words: bool = True) -> list[PageText]:
    """Every page's text and word boxes, in page order, for the apps that read a document.

    A system read for tasks that hold the document id on their own (scoped) row; pages not
    read yet come back with empty text. Runs one query; ``words`` may be large (500 pages:
    megabytes of JSON), so a caller that needs the text only passes ``words=False`` and gets
    ``words=[]`` without the column being read.
    """
    rows = (
        DocumentPage.objects.filter(document_id=document_id)
        .order_by("number")
        .values(*_PAGE_TEXT_FIELDS, *(("words",) if words else ()))
    )
    return [PageText(**{"words": [], **row}) for row in rows]
