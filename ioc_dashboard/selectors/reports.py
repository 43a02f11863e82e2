"""The sector's periodic statistical report, generated from live data (domain.md §6; issue 8,
item 3): statistical year 1 October to 30 September, named by the year it ends in; periods of
3, 6, 10 and 12 months cumulated from 1 October (TTLT 12/2021 Art 6); results by cases and by
money, with and without conditions, by case type, for an office, a province or the nation,
with the sub-units (provinces of the nation, offices of a province) in a third table.

Figures (docs/ioc_figures.md): brought forward = cases (money) still to enforce at the end of
the day before the period; total to enforce = brought forward + newly received - entrusted out;
with conditions = open with conditions at the end + done in the period; rate = done ÷ with
conditions. Every number comes from ``figures_compute`` (the summary tables).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.utils.translation import gettext as _

from ioc_dashboard.selectors.metrics import CASE_TYPE_LABELS
from ioc_dashboard.selectors.metrics import figures_compute
from ioc_dashboard.selectors.metrics import figures_from_columns
from ioc_dashboard.selectors.metrics import resolve_scope
from ioc_dashboard.summaries import figures_fresh_at
from ioc_dashboard.types import CASE_TYPES
from ioc_dashboard.types import Period
from thads.org.models import Office
from thads.org.models import Province

__all__ = [
    "REPORT_MONTHS",
    "Report",
    "ReportTable",
    "report_compute",
    "report_period",
]

#: Report periods: months from 1 October -> (month, day) of the last day.
REPORT_MONTHS: dict[int, tuple[int, int]] = {3: (12, 31), 6: (3, 31), 10: (7, 31), 12: (9, 30)}


def report_period(*, year: int, months: int) -> Period:
    """The period of the ``months``-month report of statistical year ``year`` (which runs from
    1/10/(year-1) to 30/9/year)."""
    if months not in REPORT_MONTHS:
        raise ValueError(f"months must be one of {sorted(REPORT_MONTHS)}")
    month, day = REPORT_MONTHS[months]
    end_year = year - 1 if month >= 10 else year
    return Period(start=dt.date(year - 1, 10, 1), end=dt.date(end_year, month, day))


@dataclass(frozen=True)
class ReportTable:
    """One table: ``rows`` are display strings (first cell the row heading), ``values`` the same
    cells as numbers (None for an empty rate) for the XLSX export; ``kinds`` per column:
    "text", "count", "vnd", "rate"."""

    title: str
    headers: list[str]
    kinds: list[str]
    values: list[list[Any]]
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    title: str
    scope_label: str
    year: int
    months: int
    period: Period
    fresh_at: dt.datetime | None
    tables: list[ReportTable]
    #: The total row's figures (figures_from_columns names plus brought_forward...).
    totals: dict[str, Any]


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "rate":
        return f"{value * 100:.2f}".replace(".", ",") + "%"
    if kind in ("count", "vnd"):
        return f"{int(value):,}".replace(",", ".")
    return str(value)


def _table(
    title: str, headers: list[str], kinds: list[str], values: list[list[Any]]
) -> ReportTable:
    rows = [[_fmt(v, k) for v, k in zip(row, kinds, strict=True)] for row in values]
    return ReportTable(title=title, headers=headers, kinds=kinds, values=values, rows=rows)


def _line(figs: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    out = dict(figs)
    out["brought_forward"] = before["cases_pending"]
    out["brought_forward_vnd"] = before["money_pending"]
    out["total_to_enforce"] = (
        before["cases_pending"] + figs["cases_received"] - figs["cases_entrusted_out"]
    )
    out["total_to_enforce_vnd"] = before["money_pending"] + figs["received_vnd"]
    return out


def _scope_label(filters: dict[str, Any]) -> str:
    if filters.get("office"):
        name = Office.objects.filter(code=filters["office"]).values_list("name", flat=True).first()
        return name or filters["office"]
    if filters.get("province") is not None:
        name = (
            Province.objects.filter(code=int(filters["province"]))
            .values_list("name", flat=True)
            .first()
        )
        return name or str(filters["province"])
    return _("Toàn quốc")


def report_compute(
    *, filters: dict[str, Any] | None = None, year: int, months: int, today: dt.date
) -> Report:
    """The ``months``-month report of statistical year ``year`` for the scope in ``filters``
    (province code and/or office code; none: the nation)."""
    filters = dict(filters or {})
    period = report_period(year=year, months=months)
    day_before = period.start - dt.timedelta(days=1)
    before_period = Period(start=day_before, end=day_before)
    empty = figures_from_columns({}, {})

    def lines(group_by: str | None) -> dict[Any, dict[str, Any]]:
        now = figures_compute(filters=filters, period=period, today=today, group_by=group_by)
        before = figures_compute(
            filters=filters, period=before_period, today=today, group_by=group_by
        )
        keys = set(now) | set(before)
        return {k: _line(now.get(k, empty), before.get(k, empty)) for k in keys}

    total = lines(None).get(None) or _line(empty, empty)
    by_type = lines("case_type")
    type_keys = [t for t in CASE_TYPES] + ([""] if "" in by_type else [])

    case_headers = [
        _("Loại vụ việc"),
        _("Năm trước chuyển sang"),
        _("Thụ lý mới"),
        _("Ủy thác đi"),
        _("Tổng số phải thi hành"),
        _("Có điều kiện thi hành"),
        _("Chưa có điều kiện thi hành"),
        _("Thi hành xong"),
        _("Chuyển kỳ sau (đang thi hành)"),
        _("Tỷ lệ thi hành xong"),
    ]
    case_kinds = ["text"] + ["count"] * 8 + ["rate"]

    def case_row(label: str, f: dict[str, Any]) -> list[Any]:
        return [
            label,
            f["brought_forward"],
            f["cases_received"],
            f["cases_entrusted_out"],
            f["total_to_enforce"],
            f["cases_with_conditions"],
            f["cases_without_conditions"],
            f["cases_completed"],
            f["cases_pending"],
            f["completion_rate_cases"],
        ]

    money_headers = [
        _("Loại vụ việc"),
        _("Năm trước chuyển sang (đồng)"),
        _("Thụ lý mới (đồng)"),
        _("Tổng số phải thi hành (đồng)"),
        _("Có điều kiện thi hành (đồng)"),
        _("Thi hành xong (đồng)"),
        _("Đã thu trong kỳ (đồng)"),
        _("Đã chi trả trong kỳ (đồng)"),
        _("Còn phải thi hành (đồng)"),
        _("Tỷ lệ thi hành xong về tiền"),
    ]
    money_kinds = ["text"] + ["vnd"] * 8 + ["rate"]

    def money_row(label: str, f: dict[str, Any]) -> list[Any]:
        return [
            label,
            f["brought_forward_vnd"],
            f["received_vnd"],
            f["total_to_enforce_vnd"],
            f["with_conditions_vnd"],
            f["completed_vnd"],
            f["money_collected"],
            f["money_paid_out"],
            f["money_pending"],
            f["completion_rate_money"],
        ]

    def type_label(key: str) -> str:
        return _(CASE_TYPE_LABELS.get(key, key))

    empty_line = _line(empty, empty)
    case_values = [case_row(type_label(k), by_type.get(k, empty_line)) for k in type_keys]
    case_values.append(case_row(_("Tổng cộng"), total))
    money_values = [money_row(type_label(k), by_type.get(k, empty_line)) for k in type_keys]
    money_values.append(money_row(_("Tổng cộng"), total))
    tables = [
        _table(_("Kết quả thi hành án dân sự về việc"), case_headers, case_kinds, case_values),
        _table(_("Kết quả thi hành án dân sự về tiền"), money_headers, money_kinds, money_values),
    ]

    scope = resolve_scope(filters)
    sub_group = None
    if not filters.get("office"):
        sub_group = "office" if filters.get("province") is not None else "province"
    if sub_group and not scope.empty:
        subs = lines(sub_group)
        if sub_group == "province":
            names = dict(Province.objects.values_list("code", "name"))
            keys = sorted(names)
            label_of = names
            heading = _("Tỉnh, thành phố")
        else:
            offices = list(
                Office.objects.filter(pk__in=scope.office_ids or []).values_list("pk", "name")
            )
            keys = [pk for pk, _name in offices]
            label_of = dict(offices)
            heading = _("Đơn vị")
        unit_headers = [
            heading,
            _("Tổng số phải thi hành"),
            _("Có điều kiện thi hành"),
            _("Thi hành xong"),
            _("Tỷ lệ về việc"),
            _("Có điều kiện (đồng)"),
            _("Thi hành xong (đồng)"),
            _("Tỷ lệ về tiền"),
            _("Đã thu trong kỳ (đồng)"),
        ]
        unit_kinds = ["text", "count", "count", "count", "rate", "vnd", "vnd", "rate", "vnd"]
        unit_values = []
        for key in keys:
            f = subs.get(key, empty_line)
            unit_values.append(
                [
                    label_of.get(key, str(key)),
                    f["total_to_enforce"],
                    f["cases_with_conditions"],
                    f["cases_completed"],
                    f["completion_rate_cases"],
                    f["with_conditions_vnd"],
                    f["completed_vnd"],
                    f["completion_rate_money"],
                    f["money_collected"],
                ]
            )
        tables.append(
            _table(_("Kết quả theo đơn vị trực thuộc"), unit_headers, unit_kinds, unit_values)
        )

    title = _("Báo cáo thống kê thi hành án dân sự %(m)s tháng năm %(y)s") % {
        "m": months,
        "y": year,
    }
    return Report(
        title=title,
        scope_label=_scope_label(filters),
        year=year,
        months=months,
        period=period,
        fresh_at=figures_fresh_at(),
        tables=tables,
        totals=total,
    )
