"""Reads of the integration call log, scoped to the actor's offices.

A call belongs to the office that made it; calls without an office (system work) are seen by
the national roles only. Out of scope is 404 (style.md 2.7).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from thads.integrations.models import IntegrationCall
from thads.integrations.policy import PENDING_STALE_AFTER
from thads.integrations.types import CallOutcome
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import scope_queryset


def integration_call_list_for_user(
    *, actor: Any, status: str = "", system: str = ""
) -> QuerySet[IntegrationCall]:
    """Calls the actor may see, newest first, optionally of one status and one system.

    The encrypted payload and the answer are deferred: the list shows what, when, how it went.
    """
    qs = scope_queryset(
        IntegrationCall.objects.select_related("office").defer("payload_sealed", "response"),
        actor=actor,
        office_field="office",
    )
    if status:
        qs = qs.filter(status=status)
    if system:
        qs = qs.filter(system=system)
    return qs.order_by("-created_at", "-pk")


def integration_call_get_for_user(*, actor: Any, pk: int) -> IntegrationCall:
    """One call within the actor's scope; ``Http404`` when missing or out of scope."""
    return get_in_scope_or_404(IntegrationCall.objects.select_related("office"), actor=actor, pk=pk)


def integration_call_due_ids(*, now: dt.datetime | None = None, limit: int = 200) -> list[int]:
    """Ids of calls to send again now: temporary failures whose retry time has come, and
    attempts left PENDING by a process that died. Only calls with ``auto_retry``."""
    now = now or timezone.now()
    due = Q(
        status__in=IntegrationCall.RETRY_STATUSES,
        retryable=True,
        next_retry_at__lte=now,
    ) | Q(status=IntegrationCall.Status.PENDING, started_at__lt=now - PENDING_STALE_AFTER)
    return list(
        IntegrationCall.objects.filter(due, auto_retry=True)
        .exclude(payload_sealed="")
        .order_by("next_retry_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def call_outcome(call: IntegrationCall) -> CallOutcome:
    """The plain summary of a call handed to other apps."""
    return CallOutcome(
        call_id=call.pk,
        system=call.system,
        operation=call.operation,
        status=call.status,
        http_status=call.http_status,
        error=call.error,
        attempts=call.attempts,
        object_type=call.object_type,
        object_id=call.object_id,
        next_retry_at=call.next_retry_at,
        finished_at=call.finished_at,
    )


def integration_call_outcome(*, call_id: int) -> CallOutcome | None:
    """Where call ``call_id`` stands (for another app's record), or None when it is unknown."""
    call = IntegrationCall.objects.filter(pk=call_id).first()
    return call_outcome(call) if call is not None else None
