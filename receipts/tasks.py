"""Celery tasks of the receipts app: signing receipts after commit, and the sweeper.

``receipt_sign_task`` routes to the ``pdf`` queue (``*_sign_*`` in ``thads/celery.py``). A
worker killed while signing leads to redelivery (``acks_late``); the service's status guard
under the receipt's row lock makes the rerun harmless, so a receipt is signed exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from celery import shared_task
from django.utils import timezone

from receipts.selectors import offices_with_receipts_on
from receipts.selectors import receipts_unsigned
from receipts.services import daily_statement_make
from receipts.services import receipt_sign
from receipts.services.money import receipt_sign_failed

logger = logging.getLogger(__name__)


def _receipt_sign_task_failure(
    self: Any, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any
) -> None:
    receipt_sign_failed(receipt_id=int(kwargs.get("receipt_id", 0)), message=str(exc))


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    default_retry_delay=10,
    soft_time_limit=60,
    time_limit=90,
    on_failure=_receipt_sign_task_failure,
)
def receipt_sign_task(self: Any, *, receipt_id: int) -> int | None:
    """Render, sign and store one receipt's PDF (idempotent: a signed receipt is skipped)."""
    receipt = receipt_sign(receipt_id=receipt_id)
    logger.info(
        "receipt_sign_task %s receipt=%s signed=%s", self.request.id, receipt_id, bool(receipt)
    )
    return receipt.pk if receipt is not None else None


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def receipts_sign_sweep_task() -> int:
    """Re-queue receipts left unsigned for more than 5 minutes (a lost message, a dead worker)."""
    ids = receipts_unsigned(older_than=timezone.now() - dt.timedelta(minutes=5))
    for receipt_id in ids:
        receipt_sign_task.delay(receipt_id=receipt_id)
    return len(ids)


@shared_task(acks_late=True, soft_time_limit=1500, time_limit=1800)
def receipts_daily_statements_task(day: str = "") -> int:
    """Make yesterday's (or ``day``'s, ISO) signed statement for every office with receipts."""
    on = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
    made = 0
    for office in offices_with_receipts_on(day=on):
        daily_statement_make(office=office, day=on)
        made += 1
    return made


from receipts.tasks_intake import *  # noqa: E402, F403
