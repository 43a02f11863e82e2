"""Reads of the notification outbox, scoped to the actor's offices.

A notification belongs to the office that sent it; one without an office (system messages) is
seen by the national roles only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from thads.notify.models import Notification
from thads.notify.policy import QUEUED_STALE_AFTER
from thads.notify.policy import SENDING_STALE_AFTER
from thads.org.selectors import scope_queryset

Status = Notification.Status


def notification_list_for_user(
    *, actor: Any, status: str = "", channel: str = ""
) -> QuerySet[Notification]:
    """Notifications the actor may see, newest first, optionally of one status and channel.

    The context and the encrypted text are deferred; pages show ``recipient_masked`` only.
    """
    qs = scope_queryset(
        Notification.objects.select_related("office").defer("context", "sealed"),
        actor=actor,
        office_field="office",
    )
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    return qs.order_by("-created_at", "-pk")


def notification_for_task(*, notification_id: int) -> Notification | None:
    """The notification a task works on, or None when it is gone."""
    return Notification.objects.filter(pk=notification_id).first()


def notification_due_ids(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    """Ids of notifications to send now: failed ones whose retry time has come, and ones whose
    task was lost (QUEUED or SENDING for too long)."""
    now = now or timezone.now()
    due = (
        Q(status=Status.FAILED, next_retry_at__lte=now)
        | Q(status=Status.SENDING, claimed_at__lt=now - SENDING_STALE_AFTER)
        | Q(status=Status.QUEUED, created_at__lt=now - QUEUED_STALE_AFTER)
    )
    return list(
        Notification.objects.filter(due)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def notifications_for_related(*, related_type: str, related_id: str) -> QuerySet[Notification]:
    """Notifications about one object (``"citizen_reception.petition"``, ``"42"``), oldest first.

    For the owning app's own pages, which have already checked the actor's access to the object.
    """
    return Notification.objects.filter(related_type=related_type, related_id=related_id).order_by(
        "created_at", "pk"
    )
