"""Tasks: batch drafting, rendering and signing of decisions.

Both tasks take ``job_id`` and ``key`` (one ``JobItem``) and are registered with the job
sweeper (``register_job_item_task``), so items stranded by a lost worker or a lost Redis are
queued again. Names contain ``_render_`` / ``_sign_``: routed to the ``pdf`` queue.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from decisions.services import drafting as services
from thads.celery import JobTask
from thads.documents.services import register_job_item_task
from thads.documents.signing import SigningError

logger = logging.getLogger(__name__)

__all__ = ["decision_draft_render_task", "decision_sign_task"]

#: Retries of an item whose transaction PostgreSQL aborted (deadlock, serialization failure).
DB_RETRIES = 5
_TRANSIENT_SQLSTATES = {"40P01", "40001"}


def _transient(exc: OperationalError) -> bool:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) in _TRANSIENT_SQLSTATES or "deadlock" in str(exc)


@shared_task(
    bind=True,
    base=JobTask,
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
    max_retries=DB_RETRIES,
)
def decision_draft_render_task(self: JobTask, *, job_id: int, key: str) -> int | None:
    """Draft and render one decision of a batch (idempotent; see ``decision_draft_item``)."""
    try:
        decision_id = services.decision_draft_item(job_id=job_id, key=key)
    except OperationalError as exc:
        if _transient(exc) and self.request.retries < DB_RETRIES:
            raise self.retry(exc=exc, countdown=0.2 * (self.request.retries + 1)) from exc
        raise
    logger.info("decision_draft_render_task %s: %s -> %s", self.request.id, key, decision_id)
    return decision_id


@shared_task(
    bind=True,
    base=JobTask,
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
    max_retries=DB_RETRIES,
)
def decision_sign_task(self: JobTask, *, job_id: int, key: str) -> int | None:
    """Render, sign and store one numbered decision (idempotent; see ``decision_sign_item``).

    A signing error (key removed or expired meanwhile) fails the item with its Vietnamese
    message; the decision keeps its number until the head signs the batch again.
    """
    try:
        decision_id = services.decision_sign_item(job_id=job_id, key=key)
    except OperationalError as exc:
        # A deadlock or serialization failure rolled the whole item back (nothing committed,
        # no number lost): run it again shortly.
        if _transient(exc) and self.request.retries < DB_RETRIES:
            raise self.retry(exc=exc, countdown=0.2 * (self.request.retries + 1)) from exc
        raise
    except SigningError as exc:
        services.decision_sign_item_failed(job_id=job_id, key=key, message=exc.message)
        logger.warning("decision_sign_task %s: %s failed: %s", self.request.id, key, exc.message)
        return None
    logger.info("decision_sign_task %s: %s -> %s", self.request.id, key, decision_id)
    return decision_id


register_job_item_task(kind=services.DRAFT_JOB_KIND, task_name=decision_draft_render_task.name)
register_job_item_task(kind=services.SIGN_JOB_KIND, task_name=decision_sign_task.name)
