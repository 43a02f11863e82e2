"""Reads of the calendar for its pages: the month grid and the list of overrides.

Deadline arithmetic for other apps lives in ``thads.calendar.workdays``.
"""

from __future__ import annotations

import calendar as std_calendar
from datetime import date
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from thads.calendar.models import CalendarOverride
from thads.calendar.types import MonthCell
from thads.calendar.types import MonthGrid
from thads.calendar.workdays import day_info
from thads.calendar.workdays import working_days_between

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def calendar_today() -> date:
    """Today's date in Vietnam (Asia/Ho_Chi_Minh), whatever the server's time zone."""
    return timezone.localdate(timezone=VIETNAM_TZ)


def calendar_month_grid(*, year: int, month: int, today: date | None = None) -> MonthGrid:
    """The month ``year``/``month`` in Monday-first weeks, each day with its status.

    Days of the neighbouring months fill the first and last weeks (``in_month`` False).
    Raises ``CalendarRangeError`` outside the calendar's years.
    """
    today = today or calendar_today()
    first = date(year, month, 1)
    days_in_month = std_calendar.monthrange(year, month)[1]
    last = date(year, month, days_in_month)
    grid_start = first - timedelta(days=first.weekday())
    grid_end = last + timedelta(days=6 - last.weekday())
    weeks: list[tuple[MonthCell, ...]] = []
    week: list[MonthCell] = []
    day = grid_start
    while day <= grid_end:
        week.append(
            MonthCell(info=day_info(day), in_month=day.month == month, is_today=day == today)
        )
        if len(week) == 7:
            weeks.append(tuple(week))
            week = []
        day += timedelta(days=1)
    prev_last = first - timedelta(days=1)
    next_first = last + timedelta(days=1)
    special_days = tuple(
        cell.info for w in weeks for cell in w if cell.in_month and cell.info.is_special
    )
    return MonthGrid(
        year=year,
        month=month,
        weeks=tuple(weeks),
        prev_year=prev_last.year,
        prev_month=prev_last.month,
        next_year=next_first.year,
        next_month=next_first.month,
        working_days=working_days_between(prev_last, last),
        special_days=special_days,
    )


def calendar_override_list() -> QuerySet[CalendarOverride]:
    """Every override, newest date first, with its author (national configuration)."""
    return CalendarOverride.objects.select_related("created_by").order_by("-date")


def calendar_override_get(*, pk: int) -> CalendarOverride | None:
    """One override by id, or None when it does not exist (already removed)."""
    return CalendarOverride.objects.filter(pk=pk).first()
