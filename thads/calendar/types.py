"""Values the calendar hands to other apps: one day's status and an explained deadline.

Plain frozen dataclasses (no Django imports), so a case page or a deadline row can keep them,
compare them and render them without touching the calendar's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal


class DayReason(StrEnum):
    """Why a day is (not) a working day. Compares equal to its plain string value."""

    NONE = ""  # an ordinary working day, Monday to Friday
    WEEKEND = "weekend"  # Saturday or Sunday
    HOLIDAY = "holiday"  # public holiday or official day off known to the `holidays` package
    OVERRIDE_OFF = "override_off"  # official day off recorded in the database
    OVERRIDE_WORKING = "override_working"  # official working day recorded in the database
    MAKEUP_SATURDAY = "makeup_saturday"  # weekend working day known to the `holidays` package


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One calendar day: whether it is a working day, why, and the name of the occasion."""

    date: date
    is_working_day: bool
    reason: DayReason = DayReason.NONE
    name: str = ""
    #: Legal basis of an override ("Thông báo số …/TB-BNV"); empty for package data.
    legal_basis: str = ""

    @property
    def is_override(self) -> bool:
        return self.reason in (DayReason.OVERRIDE_OFF, DayReason.OVERRIDE_WORKING)

    @property
    def is_special(self) -> bool:
        """A holiday, a day off or a working day by announcement: not an ordinary week day."""
        return self.reason not in (DayReason.NONE, DayReason.WEEKEND)


PeriodUnit = Literal["working_days", "calendar_days"]


@dataclass(frozen=True, slots=True)
class WorkingDaySpan:
    """A period of ``n`` working days after ``start`` and how its end date was reached.

    ``skipped`` lists the non-working days inside the period (after ``start`` up to ``end``
    for n > 0; between ``end`` and ``start`` for n < 0), oldest first, each with its name.
    """

    start: date
    n: int
    end: date
    skipped: tuple[DayInfo, ...]
    rule: str
    legal_basis: str
    unit: PeriodUnit = "working_days"

    @property
    def nominal_end(self) -> date:
        return self.end

    @property
    def end_moved(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class CalendarDaySpan:
    """A period of ``n`` calendar days after ``start`` (Civil Code 2015 Arts 147-148).

    ``nominal_end`` is ``start + n`` days; when it is not a working day the period ends on
    the next working day ``end``, and ``skipped`` lists the days rolled over (from
    ``nominal_end`` up to the day before ``end``).
    """

    start: date
    n: int
    nominal_end: date
    end: date
    skipped: tuple[DayInfo, ...]
    rule: str
    legal_basis: str
    unit: PeriodUnit = "calendar_days"

    @property
    def end_moved(self) -> bool:
        return self.end != self.nominal_end


@dataclass(frozen=True, slots=True)
class MonthCell:
    """One square of the month grid."""

    info: DayInfo
    in_month: bool
    is_today: bool


@dataclass(frozen=True, slots=True)
class MonthGrid:
    """A month laid out in Monday-first weeks, with the neighbouring months for navigation."""

    year: int
    month: int
    weeks: tuple[tuple[MonthCell, ...], ...]
    prev_year: int
    prev_month: int
    next_year: int
    next_month: int
    working_days: int
    #: Holidays, days off, makeup and override days of the month (not plain weekends), by date.
    special_days: tuple[DayInfo, ...]
