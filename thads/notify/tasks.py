"""Tasks of the notification outbox: send one notification, and the retry sweeper (beat).

Conventions in ``thads/celery.py``: ids only, keyword arguments, late acknowledgement, time
limits, idempotent bodies (a SENT notification is never sent twice).
"""

from __future__ import annotations

import logging

from celery import shared_task

from thads.notify import selectors
from thads.notify import services
from thads.notify.models import Notification

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def notification_send_task(*, notification_id: int) -> str:
    """Send one queued notification; returns its status afterwards.

    Idempotent: a notification already SENT, or being sent by another worker, is left alone.
    """
    notification = selectors.notification_for_task(notification_id=notification_id)
    if notification is None:
        logger.warning("notification_send_task: notification %s is gone", notification_id)
        return "missing"
    if notification.status == Notification.Status.SENT:
        return notification.status
    notification = services.notification_send(notification=notification)
    logger.info(
        "notification_send_task: notification %s is %s", notification_id, notification.status
    )
    return notification.status


@shared_task(acks_late=True, soft_time_limit=60, time_limit=120)
def notifications_retry_due_task() -> int:
    """Beat, every minute: queue the sending of every notification due for a retry.

    Backoff and the attempt cap are in ``services`` (1, 2, 4, 8 minutes; 5 attempts); lost
    tasks (QUEUED or SENDING too long) are picked up too. Returns how many were queued.
    """
    ids = selectors.notification_due_ids()
    for notification_id in ids:
        notification_send_task.delay(notification_id=notification_id)
    logger.info("notifications_retry_due_task: %s notification(s) queued", len(ids))
    return len(ids)
