"""Tasks of the job machinery (the beat sweeper, the worker self-test) and the text pipeline.

A PDF's pages are read by one ``document_text_layer_task`` (text layer, one pass, chunks);
pages without real text, and every page of an image, by one ``document_page_ocr_task`` each.

Conventions for every task of the platform are in ``thads/celery.py``: ids only, keyword
arguments, late acknowledgement, soft and hard time limits, idempotent bodies.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from thads.celery import JobTask
from thads.documents import pages
from thads.documents import services
from thads.documents.exceptions import DocumentPageError
from thads.documents.models import JobItem
from thads.documents.ocr import OcrEngineError
from thads.documents.selectors import document_for_job
from thads.documents.selectors import document_page_is_done
from thads.documents.selectors import document_text_layer_pending
from thads.documents.selectors import job_attempts
from thads.documents.selectors import job_is_open
from thads.documents.storage import original_path
from thads.documents.types import PageExtraction

logger = logging.getLogger(__name__)

#: One page: the text layer takes milliseconds; OCR 2-5 s, up to 4 tesseract runs when the
#: page must be turned. The hard limit adds a minute; the broker's visibility timeout is above.
PAGE_SOFT_TIME_LIMIT = 300
#: Pause before retrying a page after an OCR engine error, times the attempts so far.
PAGE_RETRY_SECONDS = 10
#: Pages of a PDF's text layer stored per transaction (and per move of the progress bar).
TEXT_LAYER_CHUNK_PAGES = 50
#: The whole text layer: 1-15 ms a page read, about 1 ms a page stored; 500 pages take seconds.
TEXT_LAYER_SOFT_TIME_LIMIT = 300


@shared_task(acks_late=True, soft_time_limit=60, time_limit=120)
def jobs_sweep_stale_task() -> int:
    """Beat, every 5 minutes: fail abandoned jobs and re-queue their stranded items.

    Idempotent: a job already failed is skipped, a re-queued item is claimed at most once.
    Returns the number of jobs failed.
    """
    failed = services.jobs_sweep_stale()
    logger.info("jobs_sweep_stale_task: %s job(s) failed", failed)
    return failed


@shared_task(bind=True, base=JobTask, acks_late=True, soft_time_limit=240, time_limit=300)
def job_selftest_task(
    self: JobTask,
    *,
    job_id: int,
    steps: int,
    step_seconds: float = 0.5,
    fail_at_step: int | None = None,
) -> None:
    """Worker self-test: count ``steps`` steps with progress, fail at ``fail_at_step`` if given.

    Idempotent: a final (done, cancelled) job returns at once; a redelivered run starts the
    count again and records one more attempt. The failure is a plain exception on purpose, so
    ``JobTask.on_failure`` records the generic Vietnamese message as for any unexpected error.
    """
    if not services.job_start(job_id=job_id):
        logger.info("job_selftest_task %s: job %s is final, nothing to do", self.request.id, job_id)
        return
    for step in range(1, steps + 1):
        if fail_at_step == step:
            raise RuntimeError(f"self-test failure requested at step {step}")
        if step_seconds:
            time.sleep(step_seconds)
        if not job_is_open(job_id=job_id):
            logger.info("job_selftest_task %s: job %s cancelled", self.request.id, job_id)
            return
        services.job_progress(
            job_id=job_id,
            done=step,
            total=steps,
            message=_("Đang chạy bước %(step)s/%(steps)s.") % {"step": step, "steps": steps},
        )
    services.job_finish(
        job_id=job_id,
        message=_("Kiểm tra hoàn tất: %(steps)s bước đã chạy.") % {"steps": steps},
        result={"steps": steps},
    )


# --- Document text pipeline ---------------------------------------------------------------------


class DocumentPageTask(JobTask):
    """A page task: a failure that escapes the body fails the job and then the document."""

    def on_failure(
        self,
        exc: BaseException,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: Any,
    ) -> None:
        super().on_failure(exc, task_id, args, kwargs, einfo)
        job_id = (kwargs or {}).get("job_id")
        document = document_for_job(job_id=int(job_id)) if job_id is not None else None
        if document is not None:
            services.document_mark_failed(
                document_id=document.pk, message=self.failure_message(exc)
            )


@shared_task(
    bind=True,
    base=DocumentPageTask,
    acks_late=True,
    soft_time_limit=PAGE_SOFT_TIME_LIMIT,
    time_limit=PAGE_SOFT_TIME_LIMIT + 60,
    max_retries=JobItem.MAX_ATTEMPTS,
)
def document_page_ocr_task(self: DocumentPageTask, *, job_id: int, key: str) -> str:
    """Read one page of a document (text layer, else OCR) and store it; routed to ``ocr``.

    Arguments are the job's id and the item key ``page-<n>`` (the sweeper's contract,
    ``register_job_item_task``). Idempotent: the item is claimed first (``FOR UPDATE SKIP
    LOCKED``); a DONE page or a closed job returns at once. Only page ``n`` is opened
    (``pages.extract_page``), outside any transaction; the result is stored by
    ``document_page_store_result``. A damaged page or a time-out fails the page for good; an
    OCR engine error retries (at most ``JobItem.MAX_ATTEMPTS`` attempts). Returns the outcome.
    """
    number = services.page_number_from_key(key)
    document = document_for_job(job_id=job_id)
    if number is None or document is None:
        logger.warning("document_page_ocr_task %s: no document for job %s", self.request.id, job_id)
        return "gone"
    item = services.job_item_claim(job_id=job_id, key=key)
    if item is None:
        services.document_pages_sync(document_id=document.pk)
        return "skipped"
    if document_page_is_done(document_id=document.pk, number=number):
        services.job_item_done(item=item, result={"page": number, "skipped": True})
        services.document_pages_sync(document_id=document.pk)
        return "skipped"
    try:
        result = pages.extract_page(
            original_path(document.storage_name), kind=document.kind, number=number
        )
    except DocumentPageError:
        error = _("Trang %(page)s bị hỏng, không đọc được.") % {"page": number}
        services.document_page_store_failure(
            item=item, document_id=document.pk, page_number=number, error=error, retryable=False
        )
        return "failed"
    except SoftTimeLimitExceeded:
        error = _("Trang %(page)s xử lý quá thời gian cho phép.") % {"page": number}
        services.document_page_store_failure(
            item=item, document_id=document.pk, page_number=number, error=error, retryable=False
        )
        return "failed"
    except (OcrEngineError, OSError) as exc:
        logger.warning(
            "document_page_ocr_task %s: page %s of document %s: %r",
            self.request.id,
            number,
            document.pk,
            exc,
        )
        error = _("Bộ nhận dạng ký tự gặp lỗi ở trang %(page)s.") % {"page": number}
        item = services.document_page_store_failure(
            item=item, document_id=document.pk, page_number=number, error=error, retryable=True
        )
        if item.status == JobItem.Status.PENDING:
            raise self.retry(countdown=PAGE_RETRY_SECONDS * item.attempts) from exc
        return "failed"
    services.document_page_store_result(item=item, document_id=document.pk, result=result)
    logger.info(
        "document_page_ocr_task %s: document %s page %s read from %s in %s ms",
        self.request.id,
        document.pk,
        number,
        result.source,
        result.duration_ms,
    )
    return "done"


@shared_task(
    bind=True,
    base=DocumentPageTask,
    acks_late=True,
    soft_time_limit=TEXT_LAYER_SOFT_TIME_LIMIT,
    time_limit=TEXT_LAYER_SOFT_TIME_LIMIT + 60,
)
def document_text_layer_task(self: DocumentPageTask, *, job_id: int) -> str:
    """Read the text layer of every pending page of a PDF in one pass; routed to ``default``.

    The PDF is opened once and read page by page in order (``pages.read_text_layers``: one
    page in memory at a time); every ``TEXT_LAYER_CHUNK_PAGES`` pages are stored in one
    transaction (``document_text_layer_store``), which moves the progress bar. A page without
    real text (a scan) stays PENDING and gets its ``document_page_ocr_task``, as every page
    did before. The last page finishes the document as the page tasks do.

    Idempotent: only pages still PENDING (and not yet handed to OCR) are read and written, so
    a rerun skips DONE pages and a redelivery after a worker died mid-way resumes where the last
    committed chunk ended. Each delivery counts one attempt on the job (``job_start``); beyond
    ``JobItem.MAX_ATTEMPTS`` (a page that kills the worker), or when the file does not open,
    the remaining pages go to the page tasks, which fail bad pages one by one. Returns the
    outcome.
    """
    document = document_for_job(job_id=job_id)
    if document is None:
        logger.warning(
            "document_text_layer_task %s: no document for job %s", self.request.id, job_id
        )
        return "gone"
    if not services.job_start(job_id=job_id):
        services.document_pages_sync(document_id=document.pk)
        return "skipped"
    numbers = document_text_layer_pending(job_id=job_id, document_id=document.pk)
    attempts = job_attempts(job_id=job_id)
    stored = queued = 0
    results: list[PageExtraction] = []
    needs_ocr: list[int] = []

    def flush() -> bool:
        nonlocal stored, queued
        outcome = services.document_text_layer_store(
            job_id=job_id, document_id=document.pk, results=results, needs_ocr=needs_ocr
        )
        results.clear()
        needs_ocr.clear()
        if outcome is None:
            return False
        stored += outcome[0]
        queued += outcome[1]
        return True

    if attempts > JobItem.MAX_ATTEMPTS:
        needs_ocr.extend(numbers)
        flush()
        logger.warning(
            "document_text_layer_task %s: document %s, attempt %s: %s page(s) left to page tasks",
            self.request.id,
            document.pk,
            attempts,
            queued,
        )
        return "handed_over"
    read = pages.read_text_layers(original_path(document.storage_name), numbers)
    try:
        if not numbers:  # a redelivery after the last chunk: nothing to open
            return "done"
        for number, result in read:
            if result is None:
                needs_ocr.append(number)
            else:
                results.append(result)
            if len(results) + len(needs_ocr) >= TEXT_LAYER_CHUNK_PAGES and not flush():
                services.document_pages_sync(document_id=document.pk)
                return "cancelled"
    except DocumentPageError:
        # Not a readable PDF (raised before the first page): the page tasks report each page.
        results.clear()
        needs_ocr[:] = numbers
    finally:
        read.close()
    if (results or needs_ocr) and not flush():
        services.document_pages_sync(document_id=document.pk)
        return "cancelled"
    logger.info(
        "document_text_layer_task %s: document %s: %s page(s) from the text layer, %s to OCR",
        self.request.id,
        document.pk,
        stored,
        queued,
    )
    return "done"


# The beat sweeper re-queues a page whose worker vanished (it runs where this module is loaded).
services.register_job_item_task(
    kind=services.DOCUMENT_TEXT_KIND, task_name=document_page_ocr_task.name
)
