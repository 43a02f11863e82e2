"""Reads of the reception log and the heads' reception days, scoped to the user's offices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from citizen_reception.models import ReceptionLogEntry
from citizen_reception.models import ReceptionSchedule
from citizen_reception.permissions import VIEW_ROLES
from thads.org.selectors import scope_queryset

__all__ = ["reception_log_for_user", "reception_schedule_for_office"]


def reception_log_for_user(
    *, user: Any, filters: dict[str, Any] | None = None
) -> QuerySet[ReceptionLogEntry]:
    """Reception log lines of the offices in ``user``'s scope, newest first. ``filters``:
    ``office`` (id), ``date_from``/``date_to`` (dates, local), ``result``, ``q`` (name,
    identity number or content)."""
    from django.db.models import Q

    if getattr(user, "role", "") not in VIEW_ROLES:
        return ReceptionLogEntry.objects.none()
    filters = filters or {}
    qs = scope_queryset(
        ReceptionLogEntry.objects.select_related("office", "receiver", "petition", "schedule"),
        actor=user,
    )
    if filters.get("office"):
        qs = qs.filter(office_id=filters["office"])
    if filters.get("date_from"):
        qs = qs.filter(received_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(received_at__date__lte=filters["date_to"])
    if filters.get("result"):
        qs = qs.filter(result=filters["result"])
    q = " ".join(str(filters.get("q") or "").split())
    if q:
        qs = qs.filter(
            Q(person_name__icontains=q) | Q(person_id_number=q) | Q(content__icontains=q)
        )
    return qs.order_by("-received_at", "-pk")


def reception_schedule_for_office(
    *, office: Any, from_date: dt.date | None = None, include_cancelled: bool = False
) -> QuerySet[ReceptionSchedule]:
    """The office's reception days from ``from_date`` (default: all), in date order. Public
    information (the citizen portal may list it): no personal data beyond the host's name."""
    qs = ReceptionSchedule.objects.filter(office=office).select_related("host", "office")
    if from_date is not None:
        qs = qs.filter(day__gte=from_date)
    if not include_cancelled:
        qs = qs.filter(cancelled=False)
    return qs.order_by("day", "starts_at", "pk")
