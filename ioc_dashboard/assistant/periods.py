"""Periods in a question, relative to ``today``: rules over the folded text (see ``text.fold``).

Understood (with or without diacritics): "hôm nay", "hôm qua", "tuần này/trước", "tháng này",
"tháng trước", "tháng 3", "tháng 3/2026", "quý này/trước", "quý 2", "quý II/2026",
"năm nay", "năm ngoái/trước", "năm 2025", "từ đầu năm", "6 tháng đầu năm (2025)",
"N ngày/tháng qua", "từ 05/02 đến 20/03", "từ tháng 2 đến tháng 5", "năm thống kê (2026)"
(1 October of the year before to 30 September), the sector's 3-, 6-, 10- and 12-month report
periods of the statistical year ("báo cáo 6 tháng").

Rule for the end of a period: figures exist only up to ``today``, so a period that has begun and
is not over ends at ``today`` ("tháng này" on 23/11/2026 = 01/11/2026-23/11/2026). A period
wholly in the future is kept as named. Words that ask for a breakdown ("theo tháng",
"từng tháng", "hằng tháng") are not periods.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ioc_dashboard.types import Period

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class PeriodMatch:
    period: Period
    start: int  # span in the folded text
    end: int


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def stat_year_start(today: dt.date) -> dt.date:
    """1 October that opens the statistical year holding ``today``."""
    return dt.date(today.year if today.month >= 10 else today.year - 1, 10, 1)


def _clamp(start: dt.date, end: dt.date, today: dt.date) -> Period:
    if start <= today < end:
        end = today
    return Period(start, end)


def _year(token: str | None, today: dt.date) -> int:
    if not token:
        return today.year
    y = int(token)
    return y + 2000 if y < 100 else y


def _date(day: str, month: str, year: str | None, today: dt.date) -> dt.date | None:
    try:
        return dt.date(_year(year, today), int(month), int(day))
    except ValueError:
        return None


_Y = r"(?:\s*(?:/|-|nam)\s*(\d{4}))"  # "/2026", "-2026", " năm 2026"
_NUM = r"(\d{1,2})"
_QROMAN = r"(\d|iv|iii|ii|i)"
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?"

# (pattern, builder(match, today) -> (start, end) | None); longest patterns first.
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\btu\s+(?:ngay\s+)?{_DATE}\s+(?:den|toi|-)\s+(?:ngay\s+)?{_DATE}"), "range"),
    (re.compile(rf"\btu\s+thang\s+{_NUM}{_Y}?\s+(?:den|toi|-)\s+thang\s+{_NUM}{_Y}?"), "mrange"),
    (
        re.compile(
            r"\bnam\s+thong\s+ke(?:\s+(truoc|nay|(\d{4})(?:\s*-\s*(\d{4}))?))?"
            r"|\bnien\s+do(?:\s+(truoc|nay))?"
        ),
        "statyear",
    ),
    (re.compile(r"\b(?:bao\s+cao\s+|ky\s+(?:bao\s+cao\s+)?)(3|6|10|12)\s+thang\b"), "statpart"),
    (
        re.compile(r"\b(3|6|9)\s+thang\s+(dau|cuoi)\s+nam(?:\s+(nay|ngoai|truoc|(\d{4})))?"),
        "half",
    ),
    (re.compile(r"\b(\d{1,3})\s+(ngay|tuan|thang)\s+(?:qua|gan\s+(?:day|nhat)|vua\s+qua)"), "last"),
    (re.compile(rf"\bquy\s+{_QROMAN}{_Y}?(?:\s+(nay|ngoai|truoc))?\b"), "quarter"),
    (re.compile(r"\bquy\s+(nay|truoc|vua\s+qua)"), "quarter_rel"),
    (
        re.compile(
            rf"\bthang\s+{_NUM}{_Y}?(?:\s+(nay|ngoai|truoc))?\b(?!\s*(?:qua|gan|dau|cuoi|thang)\b)"
        ),
        "month",
    ),
    (re.compile(r"\bthang\s+(nay|truoc|vua\s+qua)\b"), "month_rel"),
    (re.compile(r"\b(?:tu\s+)?dau\s+(nam|thang|quy)(?:\s+(?:den|toi)\s+(?:nay|gio))?"), "todate"),
    (re.compile(r"\bnam\s+(\d{4})\b"), "year"),
    (re.compile(r"\bnam\s+(nay|ngoai|truoc|vua\s+qua|roi)\b"), "year_rel"),
    (re.compile(r"\btuan\s+(nay|truoc|vua\s+qua)\b"), "week_rel"),
    (re.compile(r"\bhom\s+(nay|qua)\b"), "day_rel"),
]


def _rel_year(word: str | None, today: dt.date) -> int:
    if word in ("ngoai", "truoc", "vua qua", "roi"):
        return today.year - 1
    return today.year


def _build(kind: str, m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date] | None:
    g = m.groups()
    if kind == "range":
        start = _date(g[0], g[1], g[2], today)
        end = _date(g[3], g[4], g[5] or g[2], today)
        if start is None or end is None:
            return None
        if not g[2] and start > today:  # "từ 05/02 đến 20/03" said in January: last year
            start, end = start.replace(year=start.year - 1), end.replace(year=end.year - 1)
        if end < start and not g[5]:
            end = end.replace(year=end.year + 1)
        return (start, end) if start <= end else None
    if kind == "mrange":
        m1, m2 = int(g[0]), int(g[2])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        y1 = _year(g[1] or g[3], today)
        y2 = _year(g[3], today) if g[3] else y1 + (1 if m2 < m1 else 0)
        return dt.date(y1, m1, 1), _month_end(y2, m2)
    if kind == "statyear":
        start = stat_year_start(today)
        word = g[0] or g[3]
        if word in ("truoc",):
            start = start.replace(year=start.year - 1)
        elif g[1]:  # "năm thống kê 2026" ends in 2026; "2025-2026" too
            end_year = int(g[2] or g[1])
            start = dt.date(end_year - 1, 10, 1)
        return start, dt.date(start.year + 1, 9, 30)
    if kind == "statpart":
        start = stat_year_start(today)
        return start, _add_months(start, int(g[0])) - dt.timedelta(days=1)
    if kind == "half":
        n, side = int(g[0]), g[1]
        year = int(g[3]) if g[3] else _rel_year(g[2], today)
        if side == "dau":
            return dt.date(year, 1, 1), _month_end(year, n)
        return dt.date(year, 13 - n, 1), dt.date(year, 12, 31)
    if kind == "last":
        n, unit = int(g[0]), g[1]
        if n < 1:
            return None
        if unit == "ngay":
            return today - dt.timedelta(days=n - 1), today
        if unit == "tuan":
            return today - dt.timedelta(days=7 * n - 1), today
        return _add_months(today, -n) + dt.timedelta(days=1), today
    if kind == "quarter":
        q = _ROMAN.get(g[0]) or (int(g[0]) if g[0].isdigit() else 0)
        if not 1 <= q <= 4:
            return None
        year = int(g[1]) if g[1] else _rel_year(g[2], today)
        return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if kind == "quarter_rel":
        q0 = (today.month - 1) // 3
        start = dt.date(today.year, 3 * q0 + 1, 1)
        if g[0] != "nay":
            start = _add_months(start, -3)
        return start, _add_months(start, 3) - dt.timedelta(days=1)
    if kind == "month":
        month = int(g[0])
        if not 1 <= month <= 12:
            return None
        if g[1]:
            year = int(g[1])
        elif g[2]:
            year = _rel_year(g[2], today)
        else:  # "tháng 3": the last March that has begun
            year = today.year if month <= today.month else today.year - 1
        return dt.date(year, month, 1), _month_end(year, month)
    if kind == "month_rel":
        start = today.replace(day=1)
        if g[0] != "nay":
            start = _add_months(start, -1)
        return start, _month_end(start.year, start.month)
    if kind == "todate":
        unit = g[0]
        if unit == "nam":
            return dt.date(today.year, 1, 1), today
        if unit == "thang":
            return today.replace(day=1), today
        return dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if kind == "year":
        year = int(g[0])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == "year_rel":
        year = _rel_year(g[0], today)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == "week_rel":
        start = today - dt.timedelta(days=today.weekday())
        if g[0] != "nay":
            start -= dt.timedelta(days=7)
        return start, start + dt.timedelta(days=6)
    if kind == "day_rel":
        day = today if g[0] == "nay" else today - dt.timedelta(days=1)
        return day, day
    raise AssertionError(kind)


def find_period(folded: str, today: dt.date) -> PeriodMatch | None:
    """The first (leftmost, longest) period named in ``folded`` text, or None."""
    best: tuple[int, int, Period] | None = None
    for pattern, kind in _RULES:
        for m in pattern.finditer(folded):
            built = _build(kind, m, today)
            if built is None:
                continue
            start, end = m.span()
            if best is None or start < best[0] or (start == best[0] and end > best[1]):
                best = (start, end, _clamp(built[0], built[1], today))
            break
    if best is None:
        return None
    return PeriodMatch(best[2], best[0], best[1])
