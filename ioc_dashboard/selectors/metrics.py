"""Answering an :class:`~ioc_dashboard.types.Intent` from the summary tables.

``metric_compute(intent=..., today=...)`` is the one entry point of the dashboard tiles, the
drill-down pages and the question assistant; ``figures_compute`` returns every figure at once
for a scope and period (one pass over the tables, what a page with many tiles calls).

Definitions (docs/ioc_figures.md): flows are summed over the period's days; stocks are the
state at the end of the stock day ``min(period end, today)``; "with conditions" = cases with
conditions still open at that day + cases done during the period; completion rates = done ÷
with conditions (cases, and their amounts). Without a period, the period is the statistical
year so far (1 October to ``today``).

Sources: officer filters and groupings read :class:`FigureDay` (one row per day, office,
officer, case type); everything else reads :class:`FigureMonth` for whole months and the
running stock totals, plus :class:`FigureDay` for the days of partial months. The ``status``
filter (a case state) is answered live from the cases (current state) for the case figures.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from enforcement.selectors.ioc import CASE_STATE_CATEGORY
from enforcement.selectors.ioc import ioc_case_state_counts
from ioc_dashboard.models import FLOW_COLUMNS
from ioc_dashboard.models import STOCK_COLUMNS
from ioc_dashboard.models import FigureDay
from ioc_dashboard.models import FigureMonth
from ioc_dashboard.models import FigureOfficeDay
from ioc_dashboard.summaries import CUM_OF
from ioc_dashboard.summaries import figures_fresh_at
from ioc_dashboard.types import CASE_TYPES
from ioc_dashboard.types import METRICS
from ioc_dashboard.types import RATE_METRICS
from ioc_dashboard.types import STOCK_METRICS
from ioc_dashboard.types import Intent
from ioc_dashboard.types import MetricResult
from ioc_dashboard.types import MetricRow
from ioc_dashboard.types import Period
from thads.org.models import Office
from thads.org.models import Province

__all__ = [
    "CASE_TYPE_LABELS",
    "METRIC_LABELS",
    "Scope",
    "default_period",
    "figures_compute",
    "figures_from_columns",
    "metric_compute",
    "resolve_scope",
    "statistical_year_start",
]

#: Vietnamese names of the figures (tiles, answers, report headings).
METRIC_LABELS: dict[str, str] = {
    "cases_received": gettext_noop("Số việc thụ lý mới"),
    "cases_completed": gettext_noop("Số việc thi hành xong"),
    "cases_pending": gettext_noop("Số việc đang thi hành"),
    "cases_overdue": gettext_noop("Số bước quá hạn"),
    "cases_with_conditions": gettext_noop("Số việc có điều kiện thi hành"),
    "cases_without_conditions": gettext_noop("Số việc chưa có điều kiện thi hành"),
    "completion_rate_cases": gettext_noop("Tỷ lệ thi hành xong về việc"),
    "completion_rate_money": gettext_noop("Tỷ lệ thi hành xong về tiền"),
    "money_collected": gettext_noop("Số tiền đã thu"),
    "money_paid_out": gettext_noop("Số tiền đã chi trả"),
    "money_pending": gettext_noop("Số tiền còn phải thi hành"),
    "decisions_issued": gettext_noop("Số quyết định đã ban hành"),
    "receipts_issued": gettext_noop("Số biên lai đã lập"),
    "receipts_voided": gettext_noop("Số biên lai đã hủy"),
    "petitions_received": gettext_noop("Số đơn đã nhận"),
    "petitions_pending": gettext_noop("Số đơn đang giải quyết"),
    "complaints_overdue": gettext_noop("Số khiếu nại, tố cáo quá hạn"),
}
CASE_TYPE_LABELS: dict[str, str] = {
    "DS": gettext_noop("Dân sự"),
    "HNGD": gettext_noop("Hôn nhân và gia đình"),
    "KDTM": gettext_noop("Kinh doanh, thương mại"),
    "LD": gettext_noop("Lao động"),
    "HC": gettext_noop("Hành chính"),
    "HS": gettext_noop("Hình sự"),
    "": gettext_noop("Chưa xác định loại án"),
}
#: Case figures the ``status`` filter applies to (live, current state).
STATUS_METRICS = frozenset(
    {"cases_received", "cases_pending", "cases_with_conditions", "cases_without_conditions"}
)
_CACHE_SECONDS = 300


class Scope:
    """Filters resolved to ids: ``office_ids`` None = every office; ``empty`` = matches none."""

    def __init__(
        self,
        *,
        office_ids: list[int] | None,
        officer_id: int | None,
        case_type: str | None,
        status: str | None,
        empty: bool = False,
    ) -> None:
        self.office_ids = office_ids
        self.officer_id = officer_id
        self.case_type = case_type
        self.status = status
        self.empty = empty


def statistical_year_start(day: dt.date) -> dt.date:
    """1 October that opens the statistical year containing ``day`` (domain.md §6.1)."""
    return dt.date(day.year if day.month >= 10 else day.year - 1, 10, 1)


def default_period(today: dt.date) -> Period:
    """The statistical year so far."""
    return Period(start=statistical_year_start(today), end=today)


def resolve_scope(filters: dict[str, Any]) -> Scope:
    """Turn an intent's filters (province code, office code, username...) into ids."""
    office_ids: list[int] | None = None
    empty = False
    if filters.get("province") is not None:
        office_ids = list(
            Office.objects.filter(province__code=int(filters["province"])).values_list(
                "pk", flat=True
            )
        )
        empty = not office_ids
    if filters.get("office"):
        ids = list(Office.objects.filter(code=filters["office"]).values_list("pk", flat=True))
        office_ids = ids if office_ids is None else [i for i in office_ids if i in ids]
        empty = empty or not office_ids
    officer_id = None
    if filters.get("officer"):
        officer_id = (
            get_user_model()
            .objects.filter(username=filters["officer"])
            .values_list("pk", flat=True)
            .first()
        )
        empty = empty or officer_id is None
    return Scope(
        office_ids=office_ids,
        officer_id=officer_id,
        case_type=filters.get("case_type"),
        status=filters.get("status"),
        empty=empty,
    )


# --------------------------------------------------------------------------- SQL on summaries


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _prev_month(day: dt.date) -> dt.date:
    return (_month_start(day) - dt.timedelta(days=1)).replace(day=1)


def _where(scope: Scope, alias: str, params: list[Any], *, officer: bool) -> list[str]:
    conds = []
    if scope.office_ids is not None:
        conds.append(f"{alias}.office_id = ANY(%s)")
        params.append(scope.office_ids)
    if officer and scope.officer_id is not None:
        conds.append(f"{alias}.officer_id = %s")
        params.append(scope.officer_id)
    if scope.case_type is not None:
        conds.append(f"{alias}.case_type = %s")
        params.append(scope.case_type)
    return conds


def _key_sql(group_by: str | None, alias: str, date_col: str) -> tuple[str, str]:
    """(select expression, join) for the group key."""
    if group_by is None:
        return "NULL", ""
    if group_by == "office":
        return f"{alias}.office_id", ""
    if group_by == "officer":
        return f"{alias}.officer_id", ""
    if group_by == "case_type":
        return f"{alias}.case_type", ""
    if group_by == "province":
        office_t = Office._meta.db_table
        province_t = Province._meta.db_table
        return (
            "pr.code",
            f" JOIN {office_t} o ON o.id = {alias}.office_id"
            f" LEFT JOIN {province_t} pr ON pr.id = o.province_id",
        )
    if group_by == "month":
        return f"date_trunc('month', {alias}.{date_col})::date", ""
    raise ValueError(group_by)


def _sum(
    *,
    table: str,
    alias: str,
    columns: list[str],
    date_col: str,
    date_cond: str,
    date_params: list[Any],
    scope: Scope,
    group_by: str | None,
    officer: bool,
) -> dict[Any, dict[str, int]]:
    params: list[Any] = []
    key, join = _key_sql(group_by, alias, date_col)
    conds = [date_cond.format(a=alias)]
    params.extend(date_params)
    conds += _where(scope, alias, params, officer=officer)
    sums = ", ".join(f"COALESCE(SUM({alias}.{c}), 0)" for c in columns)
    sql = (
        f"SELECT {key} AS k, {sums} FROM {table} {alias}{join} "  # noqa: S608
        f"WHERE {' AND '.join(conds)} GROUP BY 1"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    return {row[0]: dict(zip(columns, (int(v) for v in row[1:]), strict=True)) for row in rows}


def _merge(into: dict[Any, dict[str, int]], more: dict[Any, dict[str, int]]) -> None:
    for key, values in more.items():
        target = into.setdefault(key, defaultdict(int))
        for col, value in values.items():
            target[col] = target.get(col, 0) + value


def _flows(scope: Scope, start: dt.date, end: dt.date, group_by: str | None) -> dict:
    """Flow columns summed over [start, end] per group."""
    out: dict[Any, dict[str, int]] = {}
    if end < start:
        return out
    day_t = FigureDay._meta.db_table
    cols = list(FLOW_COLUMNS)
    fine = scope.officer_id is not None or group_by == "officer"
    if fine:
        _merge(
            out,
            _sum(
                table=day_t,
                alias="f",
                columns=cols,
                date_col="day",
                date_cond="{a}.day BETWEEN %s AND %s",
                date_params=[start, end],
                scope=scope,
                group_by=group_by,
                officer=True,
            ),
        )
        return out
    # Whole months from the monthly table, the edges from the daily table.
    first_full = start if start.day == 1 else _month_end(start) + dt.timedelta(days=1)
    last_full = end if end == _month_end(end) else _month_start(end) - dt.timedelta(days=1)
    if first_full <= last_full:
        _merge(
            out,
            _sum(
                table=FigureMonth._meta.db_table,
                alias="m",
                columns=cols,
                date_col="month",
                date_cond="{a}.month BETWEEN %s AND %s",
                date_params=[first_full, _month_start(last_full)],
                scope=scope,
                group_by=group_by,
                officer=False,
            ),
        )
        edges = [
            (start, first_full - dt.timedelta(days=1)),
            (last_full + dt.timedelta(days=1), end),
        ]
    else:
        edges = [(start, end)]
    for lo, hi in edges:
        if lo <= hi:
            _merge(
                out,
                _sum(
                    table=FigureOfficeDay._meta.db_table,
                    alias="f",
                    columns=cols,
                    date_col="day",
                    date_cond="{a}.day BETWEEN %s AND %s",
                    date_params=[lo, hi],
                    scope=scope,
                    group_by=group_by,
                    officer=False,
                ),
            )
    return out


def _stocks(scope: Scope, on: dt.date, group_by: str | None) -> dict:
    """Stock columns (sum of their changes up to ``on``) per group from the daily table (the
    officer path; other scopes use ``_coarse``). Keys are the stock column names."""
    return _sum(
        table=FigureDay._meta.db_table,
        alias="f",
        columns=list(STOCK_COLUMNS),
        date_col="day",
        date_cond="{a}.day <= %s",
        date_params=[on],
        scope=scope,
        group_by=group_by,
        officer=True,
    )


def _stocks_by_month(scope: Scope, start: dt.date, on: dt.date) -> dict[dt.date, dict[str, int]]:
    """Stocks at the end of each month from ``start``'s month to ``on``'s (the last one at
    ``on``), from the daily table (the officer path)."""
    out: dict[dt.date, dict[str, int]] = {}
    month = _month_start(start)
    while month <= _month_start(on):
        stock_day = min(_month_end(month), on)
        got = _stocks(scope, stock_day, None)
        out[month] = dict(got.get(None, {}))
        month = _month_end(month) + dt.timedelta(days=1)
    return out


def _cum_month_for(on: dt.date) -> tuple[dt.date, dt.date]:
    """(month whose running totals to use, first day to add from the daily table) for a stock
    on ``on``. Month rows run to the current month only."""
    current = timezone.localdate().replace(day=1)
    if on == _month_end(on) and _month_start(on) <= current:
        cum_month = _month_start(on)
    else:
        cum_month = min(_prev_month(on), current)
    return cum_month, _month_end(cum_month) + dt.timedelta(days=1)


def _coarse(
    scope: Scope, start: dt.date, end: dt.date, on: dt.date, group_by: str | None
) -> tuple[dict, dict]:
    """Flows over [start, end] and stocks on ``on`` from the monthly table (whole months,
    running totals) and one query on the daily table for the partial months."""
    flows: dict[Any, dict[str, int]] = {}
    stocks: dict[Any, dict[str, int]] = {}
    ranges: list[tuple[dt.date, dt.date]] = []
    if start <= end:
        first_full = start if start.day == 1 else _month_end(start) + dt.timedelta(days=1)
        last_full = end if end == _month_end(end) else _month_start(end) - dt.timedelta(days=1)
        if first_full <= last_full:
            _merge(
                flows,
                _sum(
                    table=FigureMonth._meta.db_table,
                    alias="m",
                    columns=list(FLOW_COLUMNS),
                    date_col="month",
                    date_cond="{a}.month BETWEEN %s AND %s",
                    date_params=[first_full, _month_start(last_full)],
                    scope=scope,
                    group_by=group_by,
                    officer=False,
                ),
            )
            ranges = [
                (start, first_full - dt.timedelta(days=1)),
                (last_full + dt.timedelta(days=1), end),
            ]
        else:
            ranges = [(start, end)]
    ranges = [(lo, hi) for lo, hi in ranges if lo <= hi]
    cum_month, stock_lo = _cum_month_for(on)
    cum = _sum(
        table=FigureMonth._meta.db_table,
        alias="m",
        columns=[CUM_OF[c] for c in STOCK_COLUMNS],
        date_col="month",
        date_cond="{a}.month = %s",
        date_params=[cum_month],
        scope=scope,
        group_by=group_by,
        officer=False,
    )
    _merge(stocks, {k: {c: v[CUM_OF[c]] for c in STOCK_COLUMNS} for k, v in cum.items()})
    stock_range = (stock_lo, on) if stock_lo <= on else None
    if not ranges and stock_range is None:
        return flows, stocks
    # One pass over the daily rows of every partial range (bitmap OR on the day index).
    params: list[Any] = []
    key, join = _key_sql(group_by, "f", "day")
    flow_cond = " OR ".join("f.day BETWEEN %s AND %s" for _ in ranges) or "FALSE"
    stock_cond = "f.day BETWEEN %s AND %s" if stock_range else "FALSE"
    sums = [f"COALESCE(SUM(f.{c}) FILTER (WHERE {flow_cond}), 0)" for c in FLOW_COLUMNS]
    sums += [f"COALESCE(SUM(f.{c}) FILTER (WHERE {stock_cond}), 0)" for c in STOCK_COLUMNS]
    for _c in FLOW_COLUMNS:
        for lo, hi in ranges:
            params += [lo, hi]
    for _c in STOCK_COLUMNS:
        if stock_range:
            params += list(stock_range)
    all_ranges = [*ranges, *([stock_range] if stock_range else [])]
    where = "(" + " OR ".join("f.day BETWEEN %s AND %s" for _ in all_ranges) + ")"
    for lo, hi in all_ranges:
        params += [lo, hi]
    conds = [where, *_where(scope, "f", params, officer=False)]
    sql = (
        f"SELECT {key} AS k, {', '.join(sums)} FROM {FigureOfficeDay._meta.db_table} f{join} "  # noqa: S608
        f"WHERE {' AND '.join(conds)} GROUP BY 1"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        for row in cur.fetchall():
            values = [int(v) for v in row[1:]]
            n = len(FLOW_COLUMNS)
            _merge(flows, {row[0]: dict(zip(FLOW_COLUMNS, values[:n], strict=True))})
            _merge(stocks, {row[0]: dict(zip(STOCK_COLUMNS, values[n:], strict=True))})
    return flows, stocks


def _coarse_stocks_by_month(
    scope: Scope, start: dt.date, on: dt.date
) -> dict[dt.date, dict[str, int]]:
    """Stocks at the end of each month of [start, on] from the running totals (one query),
    the last month at ``on``."""
    out: dict[dt.date, dict[str, int]] = {}
    cum_month, _lo = _cum_month_for(on)
    last_done = cum_month if on >= _month_end(cum_month) else _prev_month(cum_month)
    first = _month_start(start)
    if first <= last_done:
        got = _sum(
            table=FigureMonth._meta.db_table,
            alias="m",
            columns=[CUM_OF[c] for c in STOCK_COLUMNS],
            date_col="month",
            date_cond="{a}.month BETWEEN %s AND %s",
            date_params=[first, last_done],
            scope=scope,
            group_by="month",
            officer=False,
        )
        for month, values in got.items():
            out[month] = {c: values[CUM_OF[c]] for c in STOCK_COLUMNS}
    month = max(first, _month_end(last_done) + dt.timedelta(days=1))
    while month <= _month_start(on):
        _flows_unused, got_stock = _coarse(
            scope, month, month - dt.timedelta(days=1), min(_month_end(month), on), None
        )
        out[month] = dict(got_stock.get(None, {}))
        month = _month_end(month) + dt.timedelta(days=1)
    month = first
    while month <= _month_start(on):
        out.setdefault(month, {})
        month = _month_end(month) + dt.timedelta(days=1)
    return out


# --------------------------------------------------------------------------- figures


def figures_from_columns(flows: dict[str, int], stocks: dict[str, int]) -> dict[str, Any]:
    """Every figure of METRICS from one group's flow sums and stock sums."""
    f = defaultdict(int, flows)
    s = defaultdict(int, stocks)
    with_cond = s["with_cond_d"] + f["done"]
    with_cond_vnd = s["with_cond_vnd_d"] + f["done_vnd"]
    return {
        "cases_received": f["received"],
        "cases_completed": f["done"],
        "cases_pending": s["open_d"],
        "cases_overdue": s["overdue_d"],
        "cases_with_conditions": with_cond,
        "cases_without_conditions": s["without_cond_d"],
        "completion_rate_cases": (f["done"] / with_cond) if with_cond else None,
        "completion_rate_money": (f["done_vnd"] / with_cond_vnd) if with_cond_vnd else None,
        "money_collected": f["collected_vnd"],
        "money_paid_out": f["paid_out_vnd"],
        "money_pending": s["pending_vnd_d"],
        "decisions_issued": f["decisions_issued"],
        "receipts_issued": f["receipts_issued"],
        "receipts_voided": f["receipts_voided"],
        "petitions_received": f["petitions_received"],
        "petitions_pending": s["petitions_open_d"],
        "complaints_overdue": s["complaints_overdue_d"],
        # Parts of the figures, for the report and the answers.
        "with_conditions_vnd": with_cond_vnd,
        "completed_vnd": f["done_vnd"],
        "received_vnd": f["received_vnd"],
        "cases_ended": f["ended"],
        "cases_entrusted_out": f["entrusted"],
        "collected_cash_vnd": f["collected_cash_vnd"],
    }


def figures_compute(
    *,
    filters: dict[str, Any] | None = None,
    period: Period | None = None,
    today: dt.date,
    group_by: str | None = None,
) -> dict[Any, dict[str, Any]]:
    """Every figure for the scope and period, per group key (``None`` when not grouped; the
    key is the province code, office id, officer id, case type or first day of the month).
    Cached per refresh moment (a refresh makes every cached answer unreachable)."""
    period = period or default_period(today)
    fresh_at = figures_fresh_at()
    clean = {k: v for k, v in sorted((filters or {}).items()) if v is not None}
    raw = json.dumps(
        [
            clean,
            period.as_json(),
            today.isoformat(),
            group_by,
            fresh_at.isoformat() if fresh_at else "",
        ]
    )
    cache_key = "ioc:figures:" + hashlib.sha256(raw.encode()).hexdigest()
    cached = cache.get(cache_key)
    if cached is None:
        cached = _figures_compute(clean, period, today, group_by)
        cache.set(cache_key, cached, _CACHE_SECONDS)
    return cached


def _figures_compute(
    filters: dict[str, Any], period: Period, today: dt.date, group_by: str | None
) -> dict[Any, dict[str, Any]]:
    scope = resolve_scope(filters)
    if scope.empty:
        return {}
    stock_day = min(period.end, today)
    fine = scope.officer_id is not None or group_by == "officer"
    if group_by == "month":
        flows = _flows(scope, period.start, period.end, "month")
        if fine:
            stocks = _stocks_by_month(scope, period.start, stock_day)
        else:
            stocks = _coarse_stocks_by_month(scope, period.start, stock_day)
        months = sorted(set(stocks) | {k for k in flows if k <= stock_day})
        return {m: figures_from_columns(flows.get(m, {}), stocks.get(m, {})) for m in months}
    if fine:
        flows = _flows(scope, period.start, period.end, group_by)
        stocks = _stocks(scope, stock_day, group_by)
    else:
        flows, stocks = _coarse(scope, period.start, period.end, stock_day, group_by)
    keys = set(flows) | set(stocks)
    if group_by is None:
        keys.add(None)
    return {k: figures_from_columns(flows.get(k, {}), stocks.get(k, {})) for k in keys}


# --------------------------------------------------------------------------- status (live)


def _status_counts(
    metric: str, scope: Scope, period: Period, today: dt.date, group_by: str | None
) -> dict[Any, int]:
    state = scope.status
    category = CASE_STATE_CATEGORY.get(state)
    if metric == "cases_with_conditions" and category != "W":
        return {None: 0}
    if metric == "cases_without_conditions" and category != "N":
        return {None: 0}
    if metric == "cases_pending" and category == "E":
        return {None: 0}
    opened: dict[str, Any] = {}
    if metric == "cases_received":
        tz = timezone.get_current_timezone()
        opened = {
            "opened_from": dt.datetime.combine(period.start, dt.time.min, tzinfo=tz),
            "opened_to": dt.datetime.combine(
                period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz
            ),
        }
    keys = {"office": "office_id", "officer": "officer_id", "case_type": "case_type"}
    key = keys.get(group_by or "")
    if group_by == "month":
        key = "month"
    counts = ioc_case_state_counts(
        office_ids=scope.office_ids,
        state=state,
        officer_id=scope.officer_id,
        case_type=scope.case_type,
        group_by=key if group_by != "province" else "office_id",
        **opened,
    )
    if group_by == "province":
        provinces = dict(
            Office.objects.filter(pk__in=list(counts)).values_list("pk", "province__code")
        )
        merged: dict[Any, int] = defaultdict(int)
        for office_id, n in counts.items():
            merged[provinces.get(office_id)] += n
        return dict(merged)
    return counts


# --------------------------------------------------------------------------- the entry point


def _labels(group_by: str, keys: list[Any]) -> dict[Any, tuple[str, str]]:
    """{group key: (row key text, Vietnamese label)}."""
    if group_by == "province":
        names = dict(
            Province.objects.filter(code__in=[k for k in keys if k]).values_list("code", "name")
        )
        return {
            k: (str(k) if k is not None else "", names.get(k, _("Không thuộc tỉnh nào")))
            for k in keys
        }
    if group_by == "office":
        offices = {
            pk: (code, name)
            for pk, code, name in Office.objects.filter(pk__in=keys).values_list(
                "pk", "code", "name"
            )
        }
        return {k: offices.get(k, (str(k), _("Không xác định"))) for k in keys}
    if group_by == "officer":
        users = {
            pk: (username, full_name or username)
            for pk, username, full_name in get_user_model()
            .objects.filter(pk__in=keys)
            .values_list("pk", "username", "full_name")
        }
        return {k: users.get(k, ("", _("Chưa phân công"))) for k in keys}
    if group_by == "case_type":
        return {k: (k or "", _(CASE_TYPE_LABELS.get(k or "", k or ""))) for k in keys}
    if group_by == "month":
        return {k: (f"{k:%Y-%m}", _("Tháng %(m)s") % {"m": f"{k:%m/%Y}"}) for k in keys}
    raise ValueError(group_by)


def _all_group_keys(group_by: str, scope: Scope, period: Period, today: dt.date) -> list[Any]:
    """Groups shown even with no figure (every province, every office of the scope, every
    case type, every month)."""
    if group_by == "province":
        qs = Province.objects.all()
        if scope.office_ids is not None:
            qs = qs.filter(offices__pk__in=scope.office_ids)
        return list(qs.values_list("code", flat=True).distinct())
    if group_by == "office":
        if scope.office_ids is not None:
            return list(scope.office_ids)
        return list(Office.objects.exclude(level="central").values_list("pk", flat=True))
    if group_by == "case_type":
        return [scope.case_type] if scope.case_type else list(CASE_TYPES)
    if group_by == "month":
        months, month = [], _month_start(period.start)
        while month <= min(period.end, today):
            months.append(month)
            month = _month_end(month) + dt.timedelta(days=1)
        return months
    return []


def _list_url(metric: str, scope: Scope) -> str | None:
    params: dict[str, Any] = {}
    if scope.office_ids is not None and len(scope.office_ids) == 1:
        params["office"] = scope.office_ids[0]
    if scope.officer_id is not None:
        params["officer"] = scope.officer_id
    if metric.startswith(("cases_", "completion_")):
        name = "enforcement:case-list"
        if scope.status:
            params["state"] = scope.status
    elif metric in ("money_collected", "receipts_issued", "receipts_voided"):
        name = "receipts:receipt-list"
    elif metric in ("money_paid_out", "money_pending"):
        name = "receipts:payment-list" if metric == "money_paid_out" else "enforcement:case-list"
    elif metric.startswith(("petitions_", "complaints_")):
        name = "citizen_reception:petition-list"
    else:
        return None
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params)}" if params else url


def _round(metric: str, value: Any) -> Any:
    if value is None:
        return None
    if metric in RATE_METRICS:
        return round(float(value), 4)
    return int(value)


def metric_compute(*, intent: Intent, today: dt.date) -> MetricResult:
    """The figure ``intent.metric`` for its filters and period (default: the statistical year
    so far), with one row per group when ``intent.group_by`` is set. ``value`` is the total
    over the whole scope; rates are fractions 0..1 (None when nothing has conditions)."""
    period = intent.period or default_period(today)
    fresh_at = figures_fresh_at()
    # Keyed by the refresh moment: a refresh makes every cached answer unreachable.
    stamp = fresh_at.isoformat() if fresh_at else ""
    raw = json.dumps([intent.as_json(), period.as_json(), today.isoformat(), stamp])
    cache_key = "ioc:metric:" + hashlib.sha256(raw.encode()).hexdigest()
    cached = cache.get(cache_key)
    if cached is not None:
        value, rows = cached
        result_rows = [MetricRow(key=k, label=label, value=v) for k, label, v in rows]
    else:
        value, result_rows = _compute(intent, period, today)
        cache.set(
            cache_key,
            (value, [(r.key, r.label, r.value) for r in result_rows]),
            _CACHE_SECONDS,
        )
    scope = resolve_scope(intent.filters)
    return MetricResult(
        intent=intent,
        value=value,
        rows=result_rows,
        fresh_at=fresh_at,
        list_url=_list_url(intent.metric, scope),
    )


def _compute(intent: Intent, period: Period, today: dt.date) -> tuple[Any, list[MetricRow]]:
    metric = intent.metric
    scope = resolve_scope(intent.filters)
    if scope.empty:
        return (None if metric in RATE_METRICS else 0), []
    group_by = intent.group_by
    if scope.status and metric in STATUS_METRICS:
        total = sum(_status_counts(metric, scope, period, today, None).values())
        grouped = _status_counts(metric, scope, period, today, group_by) if group_by else {}
        values: dict[Any, Any] = grouped
    else:
        total_figs = figures_compute(filters=intent.filters, period=period, today=today)
        total = total_figs.get(None, figures_from_columns({}, {}))[metric]
        values = {}
        if group_by:
            per = figures_compute(
                filters=intent.filters, period=period, today=today, group_by=group_by
            )
            values = {k: figs[metric] for k, figs in per.items()}
    rows: list[MetricRow] = []
    if group_by:
        base = _all_group_keys(group_by, scope, period, today)
        extra = [k for k in values if k not in base and values[k] not in (0, None)]
        keys = list(dict.fromkeys([*base, *extra]))
        if group_by == "month":
            keys = sorted(k for k in keys if k is not None)
        labels = _labels(group_by, keys)
        empty = None if metric in RATE_METRICS else 0
        rows = [
            MetricRow(
                key=labels[k][0], label=labels[k][1], value=_round(metric, values.get(k, empty))
            )
            for k in keys
        ]
        rows = [r for r in rows if r.value is not None or metric in RATE_METRICS]
        if group_by != "month":
            rows.sort(key=lambda r: (-(r.value or 0), r.label))
    return _round(metric, total), rows


if set(METRIC_LABELS) != set(METRICS) or not set(METRICS) >= STOCK_METRICS:  # pragma: no cover
    raise ImportError("METRIC_LABELS must name every figure of ioc_dashboard.types.METRICS")
