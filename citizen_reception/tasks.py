"""Celery tasks of the citizen_reception app: the signed PDFs after commit (``pdf`` queue by
their ``_render_`` names) and the daily deadline reminders (beat).

Ids only (JSON); each task calls one service, which is idempotent under the petition's row lock,
so a redelivered task (``acks_late`` after a killed worker) changes nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from celery import shared_task
from django.utils import timezone

from citizen_reception.services import deadlines_remind
from citizen_reception.services import petition_acknowledgement_render
from citizen_reception.services import petition_documents_missing
from citizen_reception.services import petition_resolution_render

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    default_retry_delay=30,
    soft_time_limit=60,
    time_limit=90,
)
def petition_acknowledgement_render_task(self: Any, *, petition_id: int) -> int | None:
    """Render, sign and store a petition's acknowledgement (giấy biên nhận)."""
    from thads.documents.signing.exceptions import SigningError

    try:
        petition = petition_acknowledgement_render(petition_id=petition_id)
    except SigningError as exc:
        raise self.retry(exc=exc) from exc
    logger.info("petition %s acknowledgement issued=%s", petition_id, petition is not None)
    return petition.acknowledgement_document_id if petition is not None else None


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    default_retry_delay=30,
    soft_time_limit=60,
    time_limit=90,
)
def petition_resolution_render_task(
    self: Any, *, petition_id: int, actor_id: int | None = None
) -> int | None:
    """Render, number, sign and store a petition's resolution document."""
    from thads.documents.signing.exceptions import SigningError

    try:
        petition = petition_resolution_render(petition_id=petition_id, actor_id=actor_id)
    except SigningError as exc:
        raise self.retry(exc=exc) from exc
    logger.info("petition %s resolution signed=%s", petition_id, petition is not None)
    return petition.resolution_document_id if petition is not None else None


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def petition_deadlines_remind_task(*, on_date: str | None = None) -> int:
    """Beat, daily: remind assignees (or heads) of petition clocks overdue or ending within
    two working days. Idempotent per day. ``on_date`` (ISO) for replays."""
    day = dt.date.fromisoformat(on_date) if on_date else timezone.localdate()
    queued = deadlines_remind(on=day)
    logger.info("petition deadline reminders %s: %s queued", day, queued)
    return queued


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def petition_documents_sweep_task() -> int:
    """Beat, every 10 minutes: queue again the acknowledgements and resolution documents
    missing for more than 5 minutes (a lost message, a dead worker). Idempotent."""
    acknowledgements, resolutions = petition_documents_missing(
        older_than=timezone.now() - dt.timedelta(minutes=5)
    )
    for petition_id in acknowledgements:
        petition_acknowledgement_render_task.delay(petition_id=petition_id)
    for petition_id in resolutions:
        petition_resolution_render_task.delay(petition_id=petition_id)
    return len(acknowledgements) + len(resolutions)
