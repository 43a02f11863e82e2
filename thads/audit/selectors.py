"""Reads of the audit trail, scoped to the actor's offices, and the chain check.

Leaders see the events of the offices in their scope (an office head their office, a
provincial head the province, the ministry and system administrators everything). Events of
the ``system`` chain (no office) are visible to national roles only. Out of scope is 404.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from thads.audit.models import AuditEvent
from thads.audit.types import AuditEventFilters
from thads.audit.types import FieldChange
from thads.audit.verification import audit_chain_verify
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import scope_queryset

__all__ = [
    "audit_chain_verify",
    "audit_event_changes",
    "audit_event_get_for_user",
    "audit_event_list_for_user",
]


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_event_list_for_user(
    *, actor: Any, filters: AuditEventFilters | None = None
) -> QuerySet[AuditEvent]:
    """Audit events the actor may see, newest first, narrowed by ``filters``.

    Dates are whole local days (Asia/Ho_Chi_Minh), both ends included. The JSON snapshots are
    deferred: the list shows only who, when, what.
    """
    filters = filters or AuditEventFilters()
    qs = scope_queryset(
        AuditEvent.objects.select_related("office").defer("before", "after", "user_agent"),
        actor=actor,
        office_field="office",
    )
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.username:
        qs = qs.filter(actor_username__iexact=filters.username)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=_start_of_day(filters.date_from))
    if filters.date_to:
        qs = qs.filter(occurred_at__lt=_start_of_day(filters.date_to + dt.timedelta(days=1)))
    return qs.order_by("-occurred_at", "-pk")


def audit_event_get_for_user(*, actor: Any, pk: int) -> AuditEvent:
    """One audit event within the actor's scope; ``Http404`` when missing or out of scope."""
    return get_in_scope_or_404(
        AuditEvent.objects.select_related("office", "actor"),
        actor=actor,
        office_field="office",
        pk=pk,
    )


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def audit_event_changes(*, event: AuditEvent) -> list[FieldChange]:
    """The event's before/after key by key, for a side-by-side view; changed keys flagged.

    Keys are flagged only when both snapshots exist (an update); a creation or a deletion has
    one side only. When either snapshot is not an object (a list or a plain value) the whole
    values are compared as one row named "".
    """
    before, after = event.before, event.after
    both = before is not None and after is not None
    if not isinstance(before, dict | type(None)) or not isinstance(after, dict | type(None)):
        return [
            FieldChange(
                key="",
                before="" if before is None else _show(before),
                after="" if after is None else _show(after),
                changed=both and before != after,
                in_before=before is not None,
                in_after=after is not None,
            )
        ]
    before = before or {}
    after = after or {}
    keys = list(before) + [key for key in after if key not in before]
    return [
        FieldChange(
            key=key,
            before=_show(before[key]) if key in before else "",
            after=_show(after[key]) if key in after else "",
            changed=both
            and ((key in before) != (key in after) or before.get(key) != after.get(key)),
            in_before=key in before,
            in_after=key in after,
        )
        for key in keys
    ]
