"""Writes to jobs and their items: create, progress, finish, fail, cancel, claim, sweep.

Every long job (OCR, batch drafting, reports, audit verification) reports through these
functions; the htmx partial ``documents/partials/job_progress.html`` shows the result. State
changes that matter (create, finish, fail, cancel) are audited in the same transaction;
``job_progress`` is one cheap UPDATE and is not audited.

Batches (quality.md, "Design rules"): one ``JobItem`` per unit of work. A task claims its item
with :func:`job_item_claim` (``SELECT ... FOR UPDATE SKIP LOCKED``), does the work and records
it with :func:`job_item_done` or :func:`job_item_fail`. The beat sweeper
(:func:`jobs_sweep_stale`) re-queues items whose worker vanished and fails jobs nobody works on.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError
from django.db import transaction
from django.db.models import DateTimeField
from django.db.models import F
from django.db.models import JSONField
from django.db.models import Q
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.audit.services import audit_log
from thads.celery import app as celery_app
from thads.documents.exceptions import JobCancelNotAllowedError
from thads.documents.exceptions import JobError
from thads.documents.exceptions import JobNotCancellableError
from thads.documents.exceptions import JobSelftestInvalidError
from thads.documents.models import Document
from thads.documents.models import DocumentPage
from thads.documents.models import Job
from thads.documents.models import JobItem
from thads.documents.selectors import OCR_QUEUED
from thads.documents.selectors import job_can_cancel
from thads.documents.signals import document_processed
from thads.documents.storage import UploadTooLargeError
from thads.documents.storage import commit_original
from thads.documents.storage import original_storage_name
from thads.documents.storage import stage_upload
from thads.documents.types import PageExtraction
from thads.documents.validation import ValidationLimits
from thads.documents.validation import rejection
from thads.documents.validation import validate_upload

logger = logging.getLogger(__name__)

#: Added to the hard task time limit before an open job without heartbeat counts as abandoned:
#: one sweeper interval, so a job is failed at most one sweep after its task must have died.
JOB_STALE_MARGIN = timedelta(minutes=5)

#: job kind -> name of the task that processes one item (kwargs ``job_id`` and ``key``).
JOB_ITEM_TASKS: dict[str, str] = {}

_OPEN = tuple(Job.OPEN_STATUSES)


def register_job_item_task(*, kind: str, task_name: str) -> None:
    """Declare which task processes one item of jobs of ``kind``, so the sweeper can re-queue.

    Call from the owning app's ``AppConfig.ready()``. The task takes the keyword arguments
    ``job_id`` and ``key`` and starts with :func:`job_item_claim`.
    """
    JOB_ITEM_TASKS[kind] = task_name


def job_stale_after() -> timedelta:
    """How long an open job or claimed item may stay silent: hard time limit plus margin."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + JOB_STALE_MARGIN


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and actor.pk else None


def _snapshot(job: Job) -> dict[str, Any]:
    return {
        "kind": job.kind,
        "status": job.status,
        "total": job.total,
        "done": job.done,
        "failed_items": job.failed_items,
        "message": job.message,
    }


def _started_at(now: datetime) -> Coalesce:
    return Coalesce(F("started_at"), Value(now, output_field=DateTimeField()))


def _job_lock(job_id: int) -> Job | None:
    return (
        Job.objects.select_for_update(of=("self",))
        .select_related("office")
        .filter(pk=job_id)
        .first()
    )


@transaction.atomic
def job_create(*, actor: Any, kind: str, title: str, office: Any = None, total: int = 0) -> Job:
    """Create a PENDING job that a task will report on; returns it.

    ``actor`` is the user who started the work (``None`` for the system); ``office`` decides
    who else may see the job (its office scope). Side effect: audit event
    ``documents.job_created``. Raises ``ValidationError`` on an empty kind/title or a negative
    total.
    """
    job = Job(
        kind=kind,
        title=title,
        office=office,
        created_by=_user_or_none(actor),
        total=total,
    )
    job.full_clean()
    job.save()
    audit_log(
        actor=_user_or_none(actor),
        action="documents.job_created",
        target=job,
        office=office,
        after=_snapshot(job),
        summary=_("Tạo tác vụ nền: %(title)s") % {"title": title},
    )
    return job


def job_start(*, job_id: int) -> bool:
    """Mark the job RUNNING for one more attempt; False when it is final (cancelled, done).

    Called first by a job task: a redelivered or cancelled job's task returns early on False.
    One UPDATE, not audited.
    """
    now = timezone.now()
    updated = Job.objects.filter(pk=job_id, status__in=_OPEN).update(
        status=Job.Status.RUNNING,
        attempts=F("attempts") + 1,
        heartbeat_at=now,
        started_at=_started_at(now),
    )
    return updated == 1


def job_progress(*, job_id: int, done: int, total: int | None = None, message: str = "") -> None:
    """Record progress: ``done`` (and ``total``) items, optionally a new message.

    One UPDATE, cheap enough to call per item: also sets RUNNING, ``started_at`` (first time)
    and ``heartbeat_at``. A final job (cancelled, failed) is left untouched. ``done`` above a
    positive ``total`` is refused by the database (``job_done_within_total``, IntegrityError).
    """
    now = timezone.now()
    changes: dict[str, Any] = {
        "done": done,
        "status": Job.Status.RUNNING,
        "heartbeat_at": now,
        "started_at": _started_at(now),
    }
    if total is not None:
        changes["total"] = total
    if message:
        changes["message"] = message[:500]
    Job.objects.filter(pk=job_id, status__in=_OPEN).update(**changes)


@transaction.atomic
def job_finish(*, job_id: int, message: str = "", result: dict[str, Any] | None = None) -> None:
    """Mark the job SUCCEEDED with a message for the user and an optional JSON result.

    Idempotent: a job already final (finished by an earlier delivery, cancelled, failed) is
    left as it is. Every item counts as processed (``done = total``). Side effect: audit event
    ``documents.job_finished``.
    """
    job = _job_lock(job_id)
    if job is None or job.is_final:
        return
    before = _snapshot(job)
    now = timezone.now()
    job.status = Job.Status.SUCCEEDED
    job.finished_at = now
    job.heartbeat_at = now
    job.started_at = job.started_at or now
    if job.total > 0:
        job.done = job.total
    job.message = (message or _("Hoàn thành."))[:500]
    if result is not None:
        job.result = result
    job.save(
        update_fields=[
            "status",
            "finished_at",
            "heartbeat_at",
            "started_at",
            "done",
            "message",
            "result",
        ]
    )
    audit_log(
        actor=None,
        action="documents.job_finished",
        target=job,
        office=job.office,
        before=before,
        after=_snapshot(job),
        summary=_("Tác vụ nền hoàn thành: %(title)s") % {"title": job.title},
    )


@transaction.atomic
def job_fail(*, job_id: int, message: str) -> None:
    """Mark the job FAILED with the Vietnamese ``message`` the user will read.

    Idempotent: a final job is left as it is. Called by ``JobTask.on_failure`` and the sweeper.
    Side effect: audit event ``documents.job_failed``.
    """
    job = _job_lock(job_id)
    if job is None or job.is_final:
        return
    before = _snapshot(job)
    now = timezone.now()
    job.status = Job.Status.FAILED
    job.finished_at = now
    job.message = message[:500]
    job.save(update_fields=["status", "finished_at", "message"])
    audit_log(
        actor=None,
        action="documents.job_failed",
        target=job,
        office=job.office,
        before=before,
        after=_snapshot(job),
        summary=_("Tác vụ nền thất bại: %(title)s") % {"title": job.title},
    )


@transaction.atomic
def job_cancel(*, actor: Any, job: Job) -> Job:
    """Cancel an open job; its task stops at its next progress check, its items are not claimed.

    Allowed to the creator, a leader (office, provincial, ministry) or the system administrator
    who can see the job. Raises ``JobCancelNotAllowedError`` (403) or
    ``JobNotCancellableError`` when the job is already final. Side effect: audit event
    ``documents.job_cancelled``.
    """
    locked = _job_lock(job.pk)
    if locked is None:
        raise JobNotCancellableError
    if not job_can_cancel(actor=actor, job=locked):
        raise JobCancelNotAllowedError
    if locked.is_final:
        raise JobNotCancellableError
    before = _snapshot(locked)
    now = timezone.now()
    locked.status = Job.Status.CANCELLED
    locked.finished_at = now
    locked.message = _("Đã hủy bởi %(name)s.") % {"name": actor.get_full_name()}
    locked.save(update_fields=["status", "finished_at", "message"])
    audit_log(
        actor=actor,
        action="documents.job_cancelled",
        target=locked,
        office=locked.office,
        before=before,
        after=_snapshot(locked),
        summary=_("Hủy tác vụ nền: %(title)s") % {"title": locked.title},
    )
    return locked


# --- Items of a batch ---------------------------------------------------------------------------


@transaction.atomic
def job_items_add(*, job_id: int, keys: Iterable[str]) -> int:
    """Add one PENDING item per key (duplicates ignored); ``total`` becomes the item count.

    Returns how many items were new. Raises ``JobError`` when the job is already final.
    """
    job = _job_lock(job_id)
    if job is None or job.is_final:
        raise JobError(_("Tác vụ đã kết thúc, không thể thêm mục."))
    before = JobItem.objects.filter(job_id=job_id).count()
    now = timezone.now()
    JobItem.objects.bulk_create(
        [JobItem(job_id=job_id, key=key, queued_at=now) for key in dict.fromkeys(keys)],
        ignore_conflicts=True,
    )
    after = JobItem.objects.filter(job_id=job_id).count()
    Job.objects.filter(pk=job_id).update(total=after)
    return after - before


@transaction.atomic
def job_item_claim(*, job_id: int, key: str) -> JobItem | None:
    """Claim one item of an open job for processing; None when there is nothing to do.

    None means: the item is done or failed (a redelivered task returns), another worker holds
    it (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite serialises writers instead), the job
    is final, or the item used up its attempts: a claim beyond ``JobItem.MAX_ATTEMPTS`` marks it
    FAILED (quality.md: attempts above 3 break poison-message loops).

    Called inside the work's own ``transaction.atomic()``, the row lock keeps a duplicate
    delivery away until the result is committed. Called alone (long work such as OCR, where a
    transaction must not span the run), the attempt is committed at once, so a worker killed
    mid-run still uses up an attempt.
    """
    item = (
        JobItem.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            job_id=job_id,
            key=key,
            status__in=[JobItem.Status.PENDING, JobItem.Status.RUNNING],
            job__status__in=_OPEN,
        )
        .first()
    )
    if item is None:
        return None
    now = timezone.now()
    if item.attempts >= JobItem.MAX_ATTEMPTS:
        error = _("Đã thử %(attempts)s lần không thành công; mục được đánh dấu thất bại.") % {
            "attempts": item.attempts
        }
        _job_item_mark_failed(item=item, error=error, now=now)
        return None
    item.attempts += 1
    item.status = JobItem.Status.RUNNING
    item.claimed_at = now
    item.save(update_fields=["attempts", "status", "claimed_at"])
    Job.objects.filter(pk=job_id, status__in=_OPEN).update(
        status=Job.Status.RUNNING, heartbeat_at=now, started_at=_started_at(now)
    )
    return item


@transaction.atomic
def job_item_done(*, item: JobItem, result: dict[str, Any] | None = None) -> JobItem:
    """Record a processed item and count it on its job; the last item finishes the job.

    Idempotent: an item already done or failed is returned unchanged and not counted again.
    """
    locked = JobItem.objects.select_for_update().get(pk=item.pk)
    if locked.status in (JobItem.Status.DONE, JobItem.Status.FAILED):
        return locked
    now = timezone.now()
    locked.status = JobItem.Status.DONE
    locked.finished_at = now
    locked.error = ""
    if result is not None:
        locked.result = result
    locked.save(update_fields=["status", "finished_at", "error", "result"])
    _job_count_item(job_id=locked.job_id, failed=False, now=now)
    return locked


@transaction.atomic
def job_item_fail(*, item: JobItem, error: str, retryable: bool = True) -> JobItem:
    """Record a failed attempt with a Vietnamese ``error``.

    A retryable failure with attempts left puts the item back to PENDING (the task's retry or
    the sweeper runs it again); otherwise, and once ``JobItem.MAX_ATTEMPTS`` are used, the item
    is FAILED for good and counted on its job (``done`` and ``failed_items``).
    """
    locked = JobItem.objects.select_for_update().get(pk=item.pk)
    if locked.status in (JobItem.Status.DONE, JobItem.Status.FAILED):
        return locked
    now = timezone.now()
    if retryable and locked.attempts < JobItem.MAX_ATTEMPTS:
        locked.status = JobItem.Status.PENDING
        locked.error = error[:500]
        locked.claimed_at = None
        locked.queued_at = now
        locked.save(update_fields=["status", "error", "claimed_at", "queued_at"])
        return locked
    _job_item_mark_failed(item=locked, error=error, now=now)
    return locked


def _job_item_mark_failed(*, item: JobItem, error: str, now: datetime) -> None:
    item.status = JobItem.Status.FAILED
    item.error = error[:500]
    item.finished_at = now
    item.save(update_fields=["status", "error", "finished_at"])
    _job_count_item(job_id=item.job_id, failed=True, now=now)


def _job_count_item(*, job_id: int, failed: bool, now: datetime) -> None:
    """Count one finished item; the UPDATE's row lock makes exactly one caller see the last."""
    Job.objects.filter(pk=job_id).update(
        done=F("done") + 1,
        failed_items=F("failed_items") + (1 if failed else 0),
        heartbeat_at=now,
    )
    _job_finish_if_complete(job_id=job_id)


def _job_finish_if_complete(*, job_id: int) -> None:
    job = Job.objects.only("status", "done", "total", "failed_items").get(pk=job_id)
    if job.status in Job.OPEN_STATUSES and job.total > 0 and job.done >= job.total:
        job_finish(
            job_id=job_id,
            message=_("Hoàn thành: %(ok)s mục thành công, %(failed)s mục lỗi.")
            % {"ok": job.done - job.failed_items, "failed": job.failed_items},
        )


# --- Sweeper ------------------------------------------------------------------------------------


@transaction.atomic
def jobs_sweep_stale(*, now: datetime | None = None) -> int:
    """Fail open jobs that nobody works on any more; re-queue batch items left behind.

    A job is stale when its last sign of life (heartbeat, start or creation) is older than the
    hard task time limit plus :data:`JOB_STALE_MARGIN`: its worker was killed or its message
    lost (Redis restarted). Items left RUNNING or PENDING that long go back to PENDING; when the
    job's kind has a registered item task (:func:`register_job_item_task`) they are queued again
    after commit and the job stays open, otherwise the job is failed with a message asking the
    user to run it again. Returns the number of jobs failed. Side effect: one audit event
    ``documents.job_failed`` per failed job.
    """
    now = now or timezone.now()
    cutoff = now - job_stale_after()

    stale_items = list(
        JobItem.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(job__status__in=_OPEN)
        .filter(
            Q(status=JobItem.Status.RUNNING, claimed_at__lt=cutoff)
            | Q(status=JobItem.Status.PENDING, queued_at__lt=cutoff)
        )
        .values_list("pk", "job_id", "key", "job__kind")
    )
    resent_job_ids: set[int] = set()
    to_send: dict[str, list[tuple[int, str]]] = {}
    if stale_items:
        JobItem.objects.filter(pk__in=[pk for pk, *_rest in stale_items]).update(
            status=JobItem.Status.PENDING, claimed_at=None, queued_at=now
        )
        for _pk, job_id, key, kind in stale_items:
            task_name = JOB_ITEM_TASKS.get(kind)
            if task_name:
                to_send.setdefault(task_name, []).append((job_id, key))
                resent_job_ids.add(job_id)
        Job.objects.filter(pk__in=resent_job_ids).update(heartbeat_at=now)
        for task_name, pairs in to_send.items():
            transaction.on_commit(lambda name=task_name, p=pairs: _job_items_send(name, p))

    stale_jobs = (
        Job.objects.select_for_update(skip_locked=True)
        .filter(status__in=_OPEN)
        .annotate(last_seen=Coalesce("heartbeat_at", "started_at", "created_at"))
        .filter(last_seen__lt=cutoff)
        .exclude(pk__in=resent_job_ids)
        .values_list("pk", flat=True)
    )
    message = _("Tác vụ bị gián đoạn (tiến trình xử lý dừng bất thường). Vui lòng chạy lại.")
    failed = 0
    for job_id in list(stale_jobs):
        job_fail(job_id=job_id, message=message)
        failed += 1
    if failed or stale_items:
        logger.warning(
            "job sweeper: %s job(s) failed, %s item(s) re-queued", failed, len(stale_items)
        )
    return failed


def _job_items_send(task_name: str, pairs: list[tuple[int, str]]) -> None:
    task = celery_app.tasks[task_name]
    for job_id, key in pairs:
        task.apply_async(kwargs={"job_id": job_id, "key": key})


# --- Self-test ----------------------------------------------------------------------------------


SELFTEST_KIND = "documents.selftest"


@transaction.atomic
def job_selftest_start(
    *,
    actor: Any,
    steps: int = 10,
    step_seconds: float = 0.5,
    fail_at_step: int | None = None,
) -> Job:
    """Start the worker self-test: a job that counts ``steps`` steps, optionally failing.

    Lets the system administrator check, from the screen, that tasks are queued after commit,
    run, report progress and record failures (in a worker or in-process). Queues
    ``job_selftest_task`` after commit. Raises ``JobSelftestInvalidError`` on bad bounds.
    """
    if not 1 <= steps <= 100 or not 0 <= step_seconds <= 2:
        raise JobSelftestInvalidError
    if fail_at_step is not None and not 1 <= fail_at_step <= steps:
        raise JobSelftestInvalidError
    job = job_create(
        actor=actor,
        kind=SELFTEST_KIND,
        title=_("Kiểm tra tiến trình xử lý nền (%(steps)s bước)") % {"steps": steps},
        office=getattr(actor, "office", None),
        total=steps,
    )
    from thads.documents.tasks import job_selftest_task

    transaction.on_commit(
        lambda: job_selftest_task.delay(
            job_id=job.pk, steps=steps, step_seconds=step_seconds, fail_at_step=fail_at_step
        )
    )
    return job


# --- Documents: the store and the text pipeline ---------------------------------------------

#: Job kind of a document's text pipeline (one item per page, keys "page-<n>").
DOCUMENT_TEXT_KIND = "documents.document_text"


def page_item_key(number: int) -> str:
    """Key of page ``number``'s item in a document's text job."""
    return f"page-{number}"


def page_number_from_key(key: str) -> int | None:
    """Page number of an item key ``page-<n>``; None for anything else."""
    prefix, _sep, number = key.partition("-")
    if prefix != "page" or not number.isdigit():
        return None
    return int(number)


def _clean_file_name(name: str) -> str:
    """The client's file name as a label: no folders, no control characters, NFC, 255 chars."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:255]


def _document_snapshot(document: Document) -> dict[str, Any]:
    return {
        "original_name": document.original_name,
        "purpose": document.purpose,
        "kind": document.kind,
        "size_bytes": document.size_bytes,
        "sha256": document.sha256,
        "page_count": document.page_count,
        "status": document.status,
        "text_source": document.text_source,
    }


def document_store(
    *,
    actor: Any,
    office: Any,
    purpose: str,
    uploaded_file: Any = None,
    path: Path | str | None = None,
    original_name: str = "",
    process: bool = False,
) -> Document:
    """Store an uploaded original for ``office`` and return its ``Document``.

    The file (a Django ``UploadedFile`` or a local ``path``, which is copied, never moved) is
    streamed to staging while hashed, checked in a sandboxed child process
    (``validation.validate_upload``: type by magic bytes, size, pages, pixels, inflated streams,
    encryption, polyglots; quality.md S3), then renamed read-only into
    ``MEDIA_ROOT/documents/<sha[:2]>/<sha>.<ext>``. The same bytes already stored for the office
    return the existing document (idempotent double submit, ``UNIQUE (office, sha256)``).
    With ``process`` the text pipeline starts (:func:`document_process_start`).

    Raises ``DocumentRejectedError`` with a Vietnamese message; then no row and no file remain
    (the staged copy is removed). Side effect: audit event ``documents.document_stored``.
    """
    if (uploaded_file is None) == (path is None):
        raise ValueError("document_store takes exactly one of uploaded_file and path")
    limits = ValidationLimits.from_settings()
    source = uploaded_file if uploaded_file is not None else Path(path)  # type: ignore[arg-type]
    name = _clean_file_name(
        original_name or getattr(uploaded_file, "name", "") or Path(str(path)).name
    )
    try:
        staged = stage_upload(source, max_bytes=limits.max_bytes)
    except UploadTooLargeError:
        raise rejection("too_large", limits) from None
    try:
        existing = Document.objects.filter(office=office, sha256=staged.sha256).first()
        if existing is None:
            checked = validate_upload(staged.path, sha256=staged.sha256, limits=limits)
    except BaseException:
        staged.discard()
        raise
    if existing is not None:
        staged.discard()
        return _document_reuse(actor=actor, document=existing, process=process)

    storage_name = original_storage_name(checked.sha256, checked.extension)
    commit_original(staged, storage_name)
    try:
        with transaction.atomic():
            document = Document(
                office=office,
                uploaded_by=_user_or_none(actor),
                purpose=purpose,
                original_name=name,
                kind=checked.kind,
                mime=checked.mime,
                size_bytes=checked.size_bytes,
                sha256=checked.sha256,
                storage_name=storage_name,
                page_count=checked.page_count,
                width_px=checked.width,
                height_px=checked.height,
            )
            # UNIQUE (office, sha256) is left to the database: a lost race is caught below.
            document.full_clean(validate_unique=False, validate_constraints=False)
            document.save()
            audit_log(
                actor=_user_or_none(actor),
                action="documents.document_stored",
                target=document,
                office=office,
                after=_document_snapshot(document),
                summary=_("Tải lên tài liệu %(name)s (%(pages)s trang)")
                % {"name": name or checked.sha256[:12], "pages": checked.page_count},
            )
            if process:
                document_process_start(actor=actor, document=document)
    except IntegrityError:
        # A concurrent upload of the same bytes won the UNIQUE (office, sha256) race.
        existing = Document.objects.get(office=office, sha256=checked.sha256)
        return _document_reuse(actor=actor, document=existing, process=process)
    return document


def _document_reuse(*, actor: Any, document: Document, process: bool) -> Document:
    if process and document.status in (Document.Status.UPLOADED, Document.Status.FAILED):
        document_process_start(actor=actor, document=document)
        document.refresh_from_db()
    return document


@transaction.atomic
def document_process_start(*, actor: Any, document: Document) -> Job:
    """Start (or rerun) the text pipeline of ``document``; return the job to follow.

    One job item per page (``page-<n>``). A PDF gets one ``document_text_layer_task``
    (``default`` queue) that reads every page's text layer in one pass and queues a
    ``document_page_ocr_task`` (``ocr`` queue) for each page without real text; an image gets
    one ``document_page_ocr_task`` per page. Tasks are queued after commit. DONE pages keep
    their text and count as done at once (a rerun only redoes pages that failed or never ran).
    While a job of the document is open it is returned as it is (double click). Side effects:
    audit events ``documents.job_created`` and ``documents.document_processing_started``.
    """
    locked = (
        Document.objects.select_for_update(of=("self",)).select_related("job").get(pk=document.pk)
    )
    if locked.job is not None and locked.job.status in Job.OPEN_STATUSES:
        return locked.job
    now = timezone.now()
    numbers = range(1, locked.page_count + 1)
    DocumentPage.objects.bulk_create(
        [DocumentPage(document=locked, number=n, updated_at=now) for n in numbers],
        ignore_conflicts=True,
    )
    DocumentPage.objects.filter(document=locked, status=DocumentPage.Status.FAILED).update(
        status=DocumentPage.Status.PENDING, error="", updated_at=now
    )
    done = set(
        DocumentPage.objects.filter(document=locked, status=DocumentPage.Status.DONE).values_list(
            "number", flat=True
        )
    )
    job = job_create(
        actor=actor,
        kind=DOCUMENT_TEXT_KIND,
        title=_("Nhận dạng văn bản: %(name)s (%(pages)s trang)")
        % {"name": str(locked), "pages": locked.page_count},
        office=locked.office,
        total=locked.page_count,
    )
    JobItem.objects.bulk_create(
        [
            JobItem(
                job=job,
                key=page_item_key(n),
                status=JobItem.Status.DONE if n in done else JobItem.Status.PENDING,
                queued_at=now,
                finished_at=now if n in done else None,
                result={"skipped": True} if n in done else {},
            )
            for n in numbers
        ]
    )
    before = _document_snapshot(locked)
    locked.status = Document.Status.PROCESSING
    locked.job = job
    locked.message = ""
    locked.save(update_fields=["status", "job", "message"])
    audit_log(
        actor=_user_or_none(actor),
        action="documents.document_processing_started",
        target=locked,
        office=locked.office,
        before=before,
        after={**_document_snapshot(locked), "pages_to_read": locked.page_count - len(done)},
        summary=_("Nhận dạng văn bản tài liệu %(name)s") % {"name": str(locked)},
    )
    pending = [n for n in numbers if n not in done]
    if done:
        Job.objects.filter(pk=job.pk).update(done=len(done))
    if not pending:
        job_finish(job_id=job.pk, message=_("Mọi trang đã có văn bản từ lần xử lý trước."))
        _document_refresh(document_id=locked.pk)
    elif locked.kind == Document.Kind.PDF:
        transaction.on_commit(lambda: _document_text_layer_send(job.pk))
    else:
        transaction.on_commit(lambda: _document_pages_send(job.pk, pending))
    job.refresh_from_db()
    return job


def _document_text_layer_send(job_id: int) -> None:
    from thads.documents.tasks import document_text_layer_task

    document_text_layer_task.delay(job_id=job_id)


def _document_pages_send(job_id: int, numbers: list[int]) -> None:
    from thads.documents.tasks import document_page_ocr_task

    for number in numbers:
        document_page_ocr_task.delay(job_id=job_id, key=page_item_key(number))


_PAGE_FIELDS = [
    "status",
    "source",
    "text",
    "words",
    "mean_confidence",
    "width_px",
    "height_px",
    "dpi",
    "rotation",
    "duration_ms",
    "error",
    "updated_at",
]


@transaction.atomic
def document_text_layer_store(
    *, job_id: int, document_id: int, results: list[PageExtraction], needs_ocr: list[int]
) -> tuple[int, int] | None:
    """Store one chunk of pages read from a PDF's text layer, in one transaction.

    ``results`` are pages with real text; ``needs_ocr`` the page numbers whose layer is empty,
    garbage or unreadable: they stay PENDING and one ``document_page_ocr_task`` each is queued
    after commit (as before for every page). Idempotent and safe beside page tasks: only items
    still PENDING (``FOR UPDATE SKIP LOCKED``; an item a page task claimed is RUNNING) and pages
    still PENDING are written, so a redelivered chunk neither duplicates nor overwrites. The
    job's ``done`` moves once per chunk (the progress bar); the last page finishes the job and
    the document (:func:`_document_refresh`). Not audited per chunk; the document's outcome
    is. Returns ``(pages stored, pages queued for OCR)``, or None when the job is no longer
    open (cancelled, failed).
    """
    wanted = {page_item_key(r.number): r for r in results}
    wanted_ocr = {page_item_key(n): n for n in needs_ocr}
    job = Job.objects.filter(pk=job_id, status__in=_OPEN).only("done", "total").first()
    if job is None:
        return None
    items = {
        item.key: item
        for item in JobItem.objects.select_for_update(skip_locked=True, of=("self",)).filter(
            job_id=job_id,
            key__in=[*wanted, *wanted_ocr],
            status=JobItem.Status.PENDING,
            job__status__in=_OPEN,
        )
    }
    now = timezone.now()
    by_number = {r.number: r for key, r in wanted.items() if key in items}
    page_statuses = dict(
        DocumentPage.objects.select_for_update()
        .filter(document_id=document_id, number__in=by_number)
        .values_list("number", "status")
    )
    stored: list[DocumentPage] = []
    finished: list[JobItem] = []
    for number, status in sorted(page_statuses.items()):
        item = items[page_item_key(number)]
        if status == DocumentPage.Status.PENDING:
            result = by_number[number]
            stored.append(
                DocumentPage(
                    document_id=document_id,
                    number=number,
                    status=DocumentPage.Status.DONE,
                    source=result.source,
                    text=result.text,
                    # An expression, not a literal: it keeps PostgreSQL's bulk insert off
                    # UNNEST arrays, whose client-side quoting of megabytes of JSON is slow.
                    words=Value(result.words, output_field=JSONField()),
                    mean_confidence=result.mean_confidence,
                    width_px=result.width_px,
                    height_px=result.height_px,
                    dpi=result.dpi,
                    rotation=result.rotation,
                    duration_ms=result.duration_ms,
                    error="",
                    updated_at=now,
                )
            )
            outcome = {"page": number, "source": result.source, "ms": result.duration_ms}
        elif status == DocumentPage.Status.DONE:
            outcome = {"page": number, "skipped": True}
        else:
            continue
        finished.append(
            JobItem(
                job_id=job_id,
                key=item.key,
                status=JobItem.Status.DONE,
                attempts=item.attempts,
                error="",
                result=outcome,
                queued_at=item.queued_at,
                claimed_at=item.claimed_at,
                finished_at=now,
            )
        )
    # One INSERT ... ON CONFLICT DO UPDATE per table: the rows exist and are locked, so each
    # is updated in place (same primary key) without the CASE expressions of bulk_update.
    if stored:
        DocumentPage.objects.bulk_create(
            stored,
            update_conflicts=True,
            unique_fields=["document", "number"],
            update_fields=_PAGE_FIELDS,
        )
    if finished:
        JobItem.objects.bulk_create(
            finished,
            update_conflicts=True,
            unique_fields=["job", "key"],
            update_fields=["status", "finished_at", "error", "result"],
        )
    to_ocr = [
        n for key, n in wanted_ocr.items() if key in items and OCR_QUEUED not in items[key].result
    ]
    if to_ocr:
        JobItem.objects.filter(job_id=job_id, key__in=[page_item_key(n) for n in to_ocr]).update(
            result={OCR_QUEUED: True}, queued_at=now
        )
        transaction.on_commit(lambda: _document_pages_send(job_id, to_ocr))
    if finished:
        # One UPDATE counts the chunk and moves the progress bar (``done`` is an F expression;
        # the message's figure may lag a concurrent page task by a page, never the count).
        Job.objects.filter(pk=job_id, status__in=_OPEN).update(
            done=F("done") + len(finished),
            status=Job.Status.RUNNING,
            heartbeat_at=now,
            started_at=_started_at(now),
            message=_("Đã đọc lớp văn bản: %(done)s/%(total)s trang.")
            % {"done": job.done + len(finished), "total": job.total},
        )
        _job_finish_if_complete(job_id=job_id)
        _document_refresh(document_id=document_id)
    return len(stored), len(to_ocr)


@transaction.atomic
def document_page_store_result(
    *, item: JobItem, document_id: int, result: PageExtraction
) -> DocumentPage:
    """Store what the pipeline read from one page and count the page's job item as done.

    Idempotent: a page already DONE keeps its text (a redelivered task only closes its item).
    The last page finishes the document (:func:`_document_refresh`: READY, or FAILED when some
    page failed). Not audited per page; the document's outcome is.
    """
    page = DocumentPage.objects.select_for_update().get(
        document_id=document_id, number=result.number
    )
    if page.status != DocumentPage.Status.DONE:
        page.status = DocumentPage.Status.DONE
        page.source = result.source
        page.text = result.text
        page.words = result.words
        page.mean_confidence = result.mean_confidence
        page.width_px = result.width_px
        page.height_px = result.height_px
        page.dpi = result.dpi
        page.rotation = result.rotation
        page.duration_ms = result.duration_ms
        page.error = ""
        page.updated_at = timezone.now()
        page.save()
    job_item_done(
        item=item,
        result={"page": result.number, "source": result.source, "ms": result.duration_ms},
    )
    _document_refresh(document_id=document_id)
    return page


@transaction.atomic
def document_page_store_failure(
    *, item: JobItem, document_id: int, page_number: int, error: str, retryable: bool
) -> JobItem:
    """Record a failed attempt at one page with the Vietnamese ``error``; return the item.

    A retryable failure with attempts left puts the item back to PENDING (the task retries);
    otherwise the page is FAILED with ``error`` and counted, and the document may finish.
    """
    item = job_item_fail(item=item, error=error, retryable=retryable)
    if item.status == JobItem.Status.FAILED:
        DocumentPage.objects.filter(
            document_id=document_id, number=page_number, status=DocumentPage.Status.PENDING
        ).update(status=DocumentPage.Status.FAILED, error=error[:500], updated_at=timezone.now())
        _document_refresh(document_id=document_id)
    return item


@transaction.atomic
def document_pages_sync(*, document_id: int) -> Document | None:
    """Bring a processing document in line with its job when a task finds nothing to claim.

    Items failed by the claim (attempts used up) fail their pages; a job that ended without
    its pages (cancelled, failed) fails the document with the job's message. Then the document
    finishes if no page is left pending. Returns the document (None when it is gone).
    """
    document = Document.objects.select_related("job").filter(pk=document_id).first()
    if document is None or document.status != Document.Status.PROCESSING or document.job is None:
        return document
    now = timezone.now()
    for key, error in JobItem.objects.filter(
        job_id=document.job_id, status=JobItem.Status.FAILED
    ).values_list("key", "error"):
        number = page_number_from_key(key)
        if number is not None:
            DocumentPage.objects.filter(
                document_id=document_id, number=number, status=DocumentPage.Status.PENDING
            ).update(status=DocumentPage.Status.FAILED, error=error[:500], updated_at=now)
    job = document.job
    if job.status in (Job.Status.FAILED, Job.Status.CANCELLED):
        document_mark_failed(document_id=document_id, message=job.message)
    else:
        _document_refresh(document_id=document_id)
    document.refresh_from_db()
    return document


@transaction.atomic
def document_mark_failed(*, document_id: int, message: str) -> None:
    """Mark a processing document FAILED with a Vietnamese ``message`` (its job ended badly).

    Called when the job fails or is cancelled before every page was read. Pages already read
    keep their text; a rerun (:func:`document_process_start`) redoes the others. Idempotent.
    Side effect: audit event ``documents.document_failed``.
    """
    document = Document.objects.select_for_update(of=("self",)).filter(pk=document_id).first()
    if document is None or document.status != Document.Status.PROCESSING:
        return
    before = _document_snapshot(document)
    document.status = Document.Status.FAILED
    document.message = (message or _("Nhận dạng văn bản không hoàn thành."))[:500]
    document.processed_at = timezone.now()
    document.text_source = _document_text_source(document_id)
    document.save(update_fields=["status", "message", "processed_at", "text_source"])
    audit_log(
        actor=None,
        action="documents.document_failed",
        target=document,
        office=document.office,
        before=before,
        after=_document_snapshot(document),
        summary=_("Nhận dạng văn bản thất bại: %(name)s") % {"name": str(document)},
    )


def _document_text_source(document_id: int) -> str:
    sources = set(
        DocumentPage.objects.filter(document_id=document_id, status=DocumentPage.Status.DONE)
        .values_list("source", flat=True)
        .distinct()
    )
    if sources == {DocumentPage.Source.TEXT_LAYER}:
        return Document.TextSource.TEXT_LAYER
    if sources == {DocumentPage.Source.OCR}:
        return Document.TextSource.OCR
    if sources:
        return Document.TextSource.MIXED
    return Document.TextSource.NONE


def _document_refresh(*, document_id: int) -> None:
    """Finish a processing document once no page is pending (READY, or FAILED with a count).

    Locks the document row after the page rows were written, so of two pages finishing at the
    same time the one that locks last sees both and finishes the document exactly once.
    Side effect: audit event ``documents.document_processed`` or ``documents.document_failed``.
    """
    document = Document.objects.select_for_update(of=("self",)).filter(pk=document_id).first()
    if document is None or document.status != Document.Status.PROCESSING:
        return
    pages = DocumentPage.objects.filter(document_id=document_id)
    if pages.filter(status=DocumentPage.Status.PENDING).exists():
        return
    failed = pages.filter(status=DocumentPage.Status.FAILED).count()
    before = _document_snapshot(document)
    document.text_source = _document_text_source(document_id)
    document.processed_at = timezone.now()
    if failed:
        document.status = Document.Status.FAILED
        document.message = _(
            "Không đọc được %(failed)s/%(total)s trang; các trang còn lại đã có văn bản. "
            "Bấm “Chạy lại” để thử lại các trang lỗi."
        ) % {"failed": failed, "total": document.page_count}
        action = "documents.document_failed"
        summary = _("Nhận dạng văn bản có trang lỗi: %(name)s")
    else:
        document.status = Document.Status.READY
        document.message = ""
        action = "documents.document_processed"
        summary = _("Đã có văn bản của tài liệu %(name)s")
    document.save(update_fields=["status", "message", "processed_at", "text_source"])
    event = {
        "document_id": document.pk,
        "purpose": document.purpose,
        "office_id": document.office_id,
        "status": document.status,
    }
    transaction.on_commit(lambda: document_processed.send(sender=Document, **event))
    audit_log(
        actor=None,
        action=action,
        target=document,
        office=document.office,
        before=before,
        after=_document_snapshot(document),
        summary=summary % {"name": str(document)},
    )
