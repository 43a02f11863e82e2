"""Working days in Vietnam and statutory periods counted on them (the calendar's public API).

A day is a working day unless it is a Saturday or Sunday, a public holiday, Tết or an official
day off; official announcements can also turn a weekend day into a working day (ngày làm việc
bù). Sources, strongest first:

1. ``CalendarOverride`` rows (official announcements stored by a system administrator);
2. the ``holidays`` package for Vietnam (``holidays.VN``, Vietnamese names), including the
   swaps it knows (``weekend_workdays``: e.g. Saturday 22/08/2026 worked for Monday 31/08/2026);
3. Monday to Friday are working days, Saturday and Sunday are not.

Periods follow the Civil Code 2015 Arts 147-148 (domain.md §2.1): a period in days starts on
the day after the triggering day and ends at the end of its last day; a calendar-day period
whose last day is not a working day ends on the next working day.

Performance: everything is read from a per-process snapshot (package holidays per year, all
overrides in one query, a sorted list of working-day ordinals per contiguous year range), so a
deadline costs a binary search, never a query per day. Override services bump a version token
in the Django cache (Redis in production) after commit; each process compares its snapshot's
token with the cache at most every :data:`VERSION_CHECK_SECONDS`, so every web and worker
process sees a change within that delay, and the process that made the change at once.
"""

from __future__ import annotations

import bisect
import calendar
import logging
import threading
import time
import uuid
from datetime import date
from datetime import timedelta
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thads.calendar.exceptions import CalendarRangeError
from thads.calendar.types import CalendarDaySpan
from thads.calendar.types import DayInfo
from thads.calendar.types import DayReason
from thads.calendar.types import WorkingDaySpan

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "CalendarDaySpan",
    "DayInfo",
    "DayReason",
    "WorkingDaySpan",
    "add_calendar_days",
    "add_months",
    "add_working_days",
    "add_years",
    "bump_calendar_version",
    "clear_calendar_cache",
    "day_info",
    "days_off_between",
    "explain_calendar_days",
    "explain_working_days",
    "is_working_day",
    "next_working_day",
    "package_day_info",
    "previous_working_day",
    "upcoming_days_off",
    "weekday_name",
    "weekday_names",
    "working_days_between",
]

logger = logging.getLogger(__name__)

#: Years the calendar answers for; the package's lunar calendar ends in 2100.
MIN_YEAR = 1995
MAX_YEAR = 2100
#: How long a process trusts its snapshot before comparing the version token in the cache.
VERSION_CHECK_SECONDS = 1.0
VERSION_CACHE_KEY = "thads_calendar:version"
#: How far ``upcoming_days_off`` looks ahead.
_UPCOMING_HORIZON_DAYS = 2 * 366

_WORKING_DAYS_BASIS = "Điều 147 Bộ luật Dân sự 2015"
_CALENDAR_DAYS_BASIS = "Điều 147, Điều 148 Bộ luật Dân sự 2015"


def _fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


# --- Package data (static for the life of the process) -----------------------------------------


@lru_cache(maxsize=256)
def _package_year(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """The package's holidays of ``year`` and its weekend working days, with Vietnamese names.

    The neighbouring years are populated too: a swap announced for one year can move a day of
    the next (2015: Friday 02/01/2015 off for Saturday 27/12/2014).
    """
    vn = holidays.VN(years=range(year - 1, year + 2), language="vi")
    days_off = {d: str(name) for d, name in vn.items() if d.year == year}
    all_names = {d: str(name) for d, name in vn.items()}
    workdays: dict[date, str] = {}
    for d in sorted(vn.weekend_workdays):
        if d.year != year or d.weekday() < 5:
            continue
        swapped = [other for other, name in all_names.items() if _fmt(d) in name]
        if swapped:
            workdays[d] = "Ngày làm việc bù (nghỉ ngày {})".format(
                ", ".join(_fmt(o) for o in sorted(swapped))
            )
        else:
            workdays[d] = "Ngày làm việc bù"
    return days_off, workdays


def package_day_info(d: date) -> DayInfo:
    """The status of ``d`` by the ``holidays`` package alone, ignoring overrides.

    Used by the override services to decide whether an announcement changes anything.
    """
    _check_range(d)
    days_off, workdays = _package_year(d.year)
    if d in workdays:
        return DayInfo(d, True, DayReason.MAKEUP_SATURDAY, workdays[d])
    if d in days_off:
        return DayInfo(d, False, DayReason.HOLIDAY, days_off[d])
    return _ordinary_day(d)


_WEEKDAY_NAMES = (
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ nhật"),
)


def weekday_names() -> tuple[str, ...]:
    """Vietnamese names of the days of the week, Monday first (translated when not Vietnamese)."""
    return tuple(_(name) for name in _WEEKDAY_NAMES)


def weekday_name(d: date) -> str:
    """The day of the week of ``d`` in Vietnamese ("Thứ Hai" … "Chủ nhật")."""
    return _(_WEEKDAY_NAMES[d.weekday()])


def _ordinary_day(d: date) -> DayInfo:
    if d.weekday() >= 5:
        return DayInfo(d, False, DayReason.WEEKEND, weekday_name(d))
    return DayInfo(d, True)


def _check_range(d: date) -> None:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise CalendarRangeError(
            _("Lịch ngày làm việc chỉ hỗ trợ các năm từ {min} đến {max}.").format(
                min=MIN_YEAR, max=MAX_YEAR
            )
        )


# --- Snapshot: package + overrides, per process ------------------------------------------------


class _Snapshot:
    """Calendar data of one version: special days per year and the sorted working ordinals."""

    def __init__(self, token: str | None, overrides: dict[date, DayInfo]) -> None:
        self.token = token
        self.overrides = overrides
        self._special: dict[int, dict[date, DayInfo]] = {}
        # (first year, last year, ordinals of every working day in those years, ascending).
        self._span: tuple[int, int, list[int]] | None = None
        self._lock = threading.Lock()

    def special(self, year: int) -> dict[date, DayInfo]:
        """Days of ``year`` that are not ordinary weekdays/weekends (holidays, swaps, overrides)."""
        found = self._special.get(year)
        if found is not None:
            return found
        days_off, workdays = _package_year(year)
        built: dict[date, DayInfo] = {}
        for d, name in days_off.items():
            built[d] = DayInfo(d, False, DayReason.HOLIDAY, name)
        for d, name in workdays.items():
            built[d] = DayInfo(d, True, DayReason.MAKEUP_SATURDAY, name)
        for d, info in self.overrides.items():
            if d.year == year:
                built[d] = info
        self._special[year] = built
        return built

    def day(self, d: date) -> DayInfo:
        info = self.special(d.year).get(d)
        return info if info is not None else _ordinary_day(d)

    def is_working(self, d: date) -> bool:
        info = self.special(d.year).get(d)
        return info.is_working_day if info is not None else d.weekday() < 5

    def _year_ordinals(self, year: int) -> list[int]:
        special = self.special(year)
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        out = []
        for o in range(first, last + 1):
            d = date.fromordinal(o)
            info = special.get(d)
            if info.is_working_day if info is not None else d.weekday() < 5:
                out.append(o)
        return out

    def span(self, lo: int, hi: int) -> tuple[int, int, list[int]]:
        """Working ordinals covering at least the years ``lo``..``hi`` (clamped to the range)."""
        lo, hi = max(lo, MIN_YEAR), min(hi, MAX_YEAR)
        current = self._span
        if current is not None and current[0] <= lo and hi <= current[1]:
            return current
        with self._lock:
            current = self._span
            if current is None:
                new_lo, new_hi, ords = lo, hi, []
                for y in range(lo, hi + 1):
                    ords.extend(self._year_ordinals(y))
            else:
                new_lo, new_hi = min(lo, current[0]), max(hi, current[1])
                ords = []
                for y in range(new_lo, current[0]):
                    ords.extend(self._year_ordinals(y))
                ords.extend(current[2])
                for y in range(current[1] + 1, new_hi + 1):
                    ords.extend(self._year_ordinals(y))
            self._span = (new_lo, new_hi, ords)
            return self._span


_state_lock = threading.Lock()
_snapshot: _Snapshot | None = None
_checked_at = 0.0


def _read_token() -> str | None:
    """The shared version token; created when missing (first start, or the cache was flushed)."""
    try:
        token = cache.get(VERSION_CACHE_KEY)
        if token is None:
            cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
            token = cache.get(VERSION_CACHE_KEY)
    except Exception:
        # The cache being down must not stop deadline computation: keep the snapshot we have
        # (the database stays the source of truth on the next successful check).
        logger.warning("calendar: version token unavailable", exc_info=True)
        return None
    return token


def _load_overrides() -> dict[date, DayInfo]:
    from thads.calendar.models import CalendarOverride

    out: dict[date, DayInfo] = {}
    rows = CalendarOverride.objects.values_list("date", "kind", "name", "legal_basis")
    for d, kind, name, basis in rows:
        if kind == CalendarOverride.Kind.WORKING_DAY:
            out[d] = DayInfo(d, True, DayReason.OVERRIDE_WORKING, name, basis)
        else:
            out[d] = DayInfo(d, False, DayReason.OVERRIDE_OFF, name, basis)
    return out


def _current() -> _Snapshot:
    global _snapshot, _checked_at
    snap = _snapshot
    now = time.monotonic()
    if snap is not None and now - _checked_at < VERSION_CHECK_SECONDS:
        return snap
    with _state_lock:
        snap = _snapshot
        if snap is not None and time.monotonic() - _checked_at < VERSION_CHECK_SECONDS:
            return snap
        # Token first, then the rows: a change committed in between only causes one more reload.
        token = _read_token()
        if snap is None or (token is not None and token != snap.token):
            snap = _Snapshot(token, _load_overrides())
            _snapshot = snap
        _checked_at = time.monotonic()
        return snap


def clear_calendar_cache() -> None:
    """Forget this process's snapshot; the next call reloads overrides from the database.

    For tests (each test starts from the database it sees) and for the override services.
    """
    global _snapshot, _checked_at
    with _state_lock:
        _snapshot = None
        _checked_at = 0.0


def bump_calendar_version() -> None:
    """Tell every process that overrides changed: new token in the shared cache, local reset.

    Called by the override services through ``transaction.on_commit`` only, so that no process
    can load the old rows under the new token.
    """
    try:
        cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning("calendar: could not publish a new version token", exc_info=True)
    clear_calendar_cache()


# --- Days ---------------------------------------------------------------------------------------


def is_working_day(d: date) -> bool:
    """Whether ``d`` is a working day (overrides, then the package, then Monday-Friday).

    Raises ``CalendarRangeError`` outside ``MIN_YEAR``..``MAX_YEAR``.
    """
    _check_range(d)
    return _current().is_working(d)


def day_info(d: date) -> DayInfo:
    """The status of ``d`` with its reason and name (holiday, day off, makeup day, weekend).

    Raises ``CalendarRangeError`` outside ``MIN_YEAR``..``MAX_YEAR``.
    """
    _check_range(d)
    return _current().day(d)


def days_off_between(start: date, end: date) -> list[DayInfo]:
    """Every non-working day in ``(start, end]`` (weekends included), oldest first.

    The same half-open interval as ``working_days_between``, so that for n > 0
    ``days_off_between(d, add_working_days(d, n))`` is the list a deadline explanation shows.
    Empty when ``end <= start``.
    """
    if end <= start:
        return []
    _check_range(start)
    _check_range(end)
    snap = _current()
    _y0, _y1, ords = snap.span(start.year, end.year)
    first, last = start.toordinal(), end.toordinal()
    out: list[DayInfo] = []
    previous = first
    # The gaps between consecutive working days are exactly the days off.
    for working in ords[bisect.bisect_right(ords, first) : bisect.bisect_right(ords, last)]:
        out.extend(snap.day(date.fromordinal(o)) for o in range(previous + 1, working))
        previous = working
    out.extend(snap.day(date.fromordinal(o)) for o in range(previous + 1, last + 1))
    return out


def upcoming_days_off(from_date: date, limit: int = 5) -> list[DayInfo]:
    """The next ``limit`` holidays and official days off from ``from_date`` (inclusive).

    Ordinary weekends are left out; a holiday that falls on a weekend is listed. Looks two
    years ahead at most (and never past ``MAX_YEAR``).
    """
    _check_range(from_date)
    if limit <= 0:
        return []
    snap = _current()
    horizon = min(from_date + timedelta(days=_UPCOMING_HORIZON_DAYS), date(MAX_YEAR, 12, 31))
    found: list[DayInfo] = []
    for year in range(from_date.year, horizon.year + 1):
        for d in sorted(snap.special(year)):
            info = snap.special(year)[d]
            if from_date <= d <= horizon and not info.is_working_day:
                found.append(info)
                if len(found) >= limit:
                    return found
    return found


def next_working_day(d: date) -> date:
    """The first working day strictly after ``d``."""
    return add_working_days(d, 1)


def previous_working_day(d: date) -> date:
    """The last working day strictly before ``d``."""
    return add_working_days(d, -1)


# --- Periods ------------------------------------------------------------------------------------


def _working_index(snap: _Snapshot, start: date, n: int) -> date:
    """``W[bisect_right(W, start) + n - 1]`` over the sorted working ordinals ``W``."""
    s = start.toordinal()
    # Years needed, estimated generously (>= 5 working days a week); grown if short.
    reach = abs(n) * 7 // 5 + 40
    lo = (start - timedelta(days=reach)).year if n < 0 else start.year
    hi = (start + timedelta(days=reach)).year if n > 0 else start.year
    while True:
        y0, y1, ords = snap.span(max(lo, MIN_YEAR), min(hi, MAX_YEAR))
        target = bisect.bisect_right(ords, s) + n - 1
        if 0 <= target < len(ords):
            return date.fromordinal(ords[target])
        if (target < 0 and y0 <= MIN_YEAR) or (target >= len(ords) and y1 >= MAX_YEAR):
            raise CalendarRangeError(
                _("Thời hạn vượt ra ngoài phạm vi của lịch ngày làm việc ({min}–{max}).").format(
                    min=MIN_YEAR, max=MAX_YEAR
                )
            )
        lo, hi = (y0 - 1, y1) if target < 0 else (y0, y1 + 1)


def add_working_days(start: date, n: int) -> date:
    """The last day of a period of ``n`` working days counted from the day after ``start``.

    Civil Code 2015 Art 147: the period starts on the day after the triggering day; Saturdays,
    Sundays, holidays, Tết and official days off are not counted, makeup working days are.
    - ``n > 0``: the n-th working day after ``start`` (``start`` itself never counts).
    - ``n == 0``: ``start`` unchanged (an empty period; no roll to a working day).
    - ``n < 0``: counting back, the working day ``e`` such that ``(e, start]`` holds exactly
      ``-n`` working days ("3 working days before Friday" is Tuesday).
    Always ``working_days_between(start, add_working_days(start, n)) == n``.
    Raises ``CalendarRangeError`` when the result would leave ``MIN_YEAR``..``MAX_YEAR``.
    """
    _check_range(start)
    if n == 0:
        return start
    return _working_index(_current(), start, n)


def working_days_between(start: date, end: date) -> int:
    """The number of working days in ``(start, end]``; negative (minus ``(end, start]``) if
    ``end < start``.

    The inverse of ``add_working_days``: ``working_days_between(d, add_working_days(d, n)) == n``.
    """
    _check_range(start)
    _check_range(end)
    if start == end:
        return 0
    lo, hi = min(start, end), max(start, end)
    _y0, _y1, ords = _current().span(lo.year, hi.year)
    count = bisect.bisect_right(ords, hi.toordinal()) - bisect.bisect_right(ords, lo.toordinal())
    return count if end > start else -count


def add_calendar_days(start: date, n: int) -> date:
    """The end of a period of ``n`` calendar days after ``start`` (Civil Code 2015 Art 148).

    The last day is ``start + n`` days; if it is a weekend, holiday or official day off the
    period ends on the next working day. ``n == 0`` returns ``start`` unchanged; for ``n < 0``
    ("n days before") a non-working last day moves back to the previous working day, so that
    the earlier, safe date is kept.
    """
    return explain_calendar_days(start, n).end


def explain_working_days(start: date, n: int) -> WorkingDaySpan:
    """``add_working_days(start, n)`` with the days skipped and the rule, in Vietnamese.

    The explanation a deadline shows on the case page: the start, the rule applied, the
    non-working days not counted (each with its name) and the end date.
    """
    end = add_working_days(start, n)
    skipped = tuple(days_off_between(min(start, end), max(start, end)))
    excluded = _("không kể thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ bù")
    if n > 0:
        rule = _("Tính {n} ngày làm việc kể từ ngày tiếp theo sau {start}, {excluded}.").format(
            n=n, start=_fmt(start), excluded=excluded
        )
    elif n < 0:
        rule = _("Tính lùi {n} ngày làm việc trước ngày {start}, {excluded}.").format(
            n=-n, start=_fmt(start), excluded=excluded
        )
    else:
        rule = _("Thời hạn 0 ngày làm việc: kết thúc trong ngày {start}.").format(start=_fmt(start))
    return WorkingDaySpan(
        start=start,
        n=n,
        end=end,
        skipped=skipped,
        rule=rule,
        legal_basis=_WORKING_DAYS_BASIS,
    )


def explain_calendar_days(start: date, n: int) -> CalendarDaySpan:
    """``add_calendar_days(start, n)`` with the days the end moved over and the rule.

    Days inside a calendar-day period all count (weekends included); only a non-working last
    day moves the end (Civil Code 2015 Art 148), and those days are ``skipped``.
    """
    _check_range(start)
    nominal = start + timedelta(days=n)
    _check_range(nominal)
    snap = _current()
    step = timedelta(days=-1 if n < 0 else 1)
    end = nominal
    skipped: list[DayInfo] = []
    if n != 0:
        while not (info := snap.day(end)).is_working_day:
            skipped.append(info)
            end += step
            _check_range(end)
    skipped.sort(key=lambda i: i.date)
    if n > 0:
        rule = _(
            "Tính {n} ngày kể từ ngày tiếp theo sau {start}; ngày cuối cùng của thời hạn là {last}."
        ).format(n=n, start=_fmt(start), last=_fmt(nominal))
    elif n < 0:
        rule = _("Tính lùi {n} ngày trước ngày {start}; ngày cuối cùng là {last}.").format(
            n=-n, start=_fmt(start), last=_fmt(nominal)
        )
    else:
        rule = _("Thời hạn 0 ngày: kết thúc trong ngày {start}.").format(start=_fmt(start))
    if end != nominal:
        if n > 0:
            rule += " " + _(
                "Ngày đó là ngày nghỉ nên thời hạn kết thúc vào ngày làm việc tiếp theo, {end}."
            ).format(end=_fmt(end))
        else:
            rule += " " + _("Ngày đó là ngày nghỉ nên lấy ngày làm việc liền trước, {end}.").format(
                end=_fmt(end)
            )
    return CalendarDaySpan(
        start=start,
        n=n,
        nominal_end=nominal,
        end=end,
        skipped=tuple(skipped),
        rule=rule,
        legal_basis=_CALENDAR_DAYS_BASIS,
    )


def _roll_forward(d: date) -> date:
    snap = _current()
    while not snap.day(d).is_working_day:
        d += timedelta(days=1)
        _check_range(d)
    return d


def add_months(start: date, n: int, *, roll_forward: bool = True) -> date:
    """The end of a period of ``n`` months after ``start`` (Civil Code 2015 Arts 147-148).

    The period ends on the day of the last month that corresponds to ``start``'s day, or on
    that month's last day when it has no such day (31/08 + 6 months = 28/02 or 29/02). With
    ``roll_forward`` a non-working last day moves to the next working day (Art 148).
    ``n`` must be >= 0.
    """
    if n < 0:
        raise ValueError("add_months(): n must be >= 0")
    _check_range(start)
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    end = date(year, month, day)
    _check_range(end)
    return _roll_forward(end) if roll_forward and n else end


def add_years(start: date, n: int, *, roll_forward: bool = True) -> date:
    """The end of a period of ``n`` years after ``start``: the same day and month (29/02 ends
    on 28/02 in a common year); with ``roll_forward`` a non-working last day moves to the next
    working day (Civil Code 2015 Arts 147-148). ``n`` must be >= 0.
    """
    return add_months(start, 12 * n, roll_forward=roll_forward)
