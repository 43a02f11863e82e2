"""The figures of a dashboard page, composed from ``ioc_dashboard.selectors``.

Every number on screen comes from ``metric_compute`` (I1's figures engine over the summary
tables): this module only asks it for the scope and period of the page and for the same
period a year earlier, and shapes the answers for the templates (labels, change, freshness).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from ioc_dashboard.selectors import metrics as engine
from ioc_dashboard.selectors.compare import figures_compare
from ioc_dashboard.selectors.metrics import metric_compute
from ioc_dashboard.summaries import figures_fresh_at
from ioc_dashboard.types import MONEY_METRICS
from ioc_dashboard.types import RATE_METRICS
from ioc_dashboard.types import STOCK_METRICS
from ioc_dashboard.types import Intent
from ioc_dashboard.types import MetricResult
from ioc_dashboard.types import Period
from ioc_dashboard.views.charts import format_value

__all__ = [
    "CHILD_COLUMNS",
    "DASHBOARD_METRICS",
    "METRIC_LABELS",
    "Figure",
    "compare",
    "compute",
    "figures_for",
    "metric_choices",
]

METRIC_LABELS: dict[str, Any] = {
    "cases_received": _("Việc thụ lý mới"),
    "cases_completed": _("Việc thi hành xong"),
    "cases_pending": _("Việc đang giải quyết"),
    "cases_overdue": _("Bước thực hiện quá hạn"),
    "cases_with_conditions": _("Việc có điều kiện thi hành"),
    "cases_without_conditions": _("Việc chưa có điều kiện thi hành"),
    "completion_rate_cases": _("Tỷ lệ thi hành xong (về việc)"),
    "completion_rate_money": _("Tỷ lệ thi hành xong (về tiền)"),
    "money_collected": _("Tiền đã thu"),
    "money_paid_out": _("Tiền đã chi trả"),
    "money_pending": _("Tiền còn phải thi hành"),
    "decisions_issued": _("Quyết định đã ban hành"),
    "receipts_issued": _("Biên lai đã lập"),
    "receipts_voided": _("Biên lai đã hủy"),
    "petitions_received": _("Đơn đã tiếp nhận"),
    "petitions_pending": _("Đơn đang giải quyết"),
    "complaints_overdue": _("Khiếu nại quá hạn giải quyết"),
}
#: The tiles of a dashboard page, in the order of the sector's report (domain.md §6.2).
DASHBOARD_METRICS: tuple[str, ...] = tuple(METRIC_LABELS)
#: Figures where a rise is good news (the others, overdue and pending, are better falling).
GOOD_WHEN_UP = frozenset(
    {
        "cases_received",
        "cases_completed",
        "cases_with_conditions",
        "completion_rate_cases",
        "completion_rate_money",
        "money_collected",
        "money_paid_out",
        "decisions_issued",
        "receipts_issued",
        "petitions_received",
    }
)
NEUTRAL = frozenset({"cases_received", "receipts_issued", "petitions_received", "decisions_issued"})
#: The columns of the breakdown table under the figures (province, office or officer rows).
CHILD_COLUMNS: tuple[str, ...] = (
    "cases_received",
    "cases_completed",
    "completion_rate_cases",
    "cases_overdue",
    "money_collected",
)


def metric_choices() -> list[tuple[str, Any]]:
    return [(metric, METRIC_LABELS[metric]) for metric in DASHBOARD_METRICS]


def metric_kind(metric: str) -> str:
    if metric in MONEY_METRICS:
        return "money"
    if metric in RATE_METRICS:
        return "rate"
    return "count"


@dataclass(frozen=True)
class Figure:
    """One tile: the figure for the period, the same period last year, and how fresh it is."""

    metric: str
    value: int | float | None
    previous: int | float | None
    fresh_at: dt.datetime | None
    list_url: str | None = None

    @property
    def label(self) -> Any:
        return METRIC_LABELS[self.metric]

    @property
    def kind(self) -> str:
        return metric_kind(self.metric)

    @property
    def is_stock(self) -> bool:
        return self.metric in STOCK_METRICS

    @property
    def change(self) -> float | None:
        """Relative change against last year (0.12 = +12 %); None when it cannot be said."""
        if self.value is None or self.previous is None:
            return None
        if self.kind == "rate":
            return float(self.value) - float(self.previous)
        if not self.previous:
            return None
        return (float(self.value) - float(self.previous)) / float(self.previous)

    @property
    def display(self) -> str:
        return format_value(self.value, self.kind)

    @property
    def previous_display(self) -> str:
        return format_value(self.previous, self.kind)

    @property
    def change_display(self) -> str:
        """ "+12,3 %" against last year ("+2,1 điểm" for a rate); "" when there is no base."""
        change = self.change
        if change is None:
            return ""
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        if self.kind == "rate":
            return f"{sign}{abs(change) * 100:.1f} điểm".replace(".", ",")
        return f"{sign}{abs(change) * 100:.1f} %".replace(".", ",")

    @property
    def tone(self) -> str:
        """ok (better than last year), danger (worse), muted (same, or neither good nor bad)."""
        change = self.change
        if change is None or abs(change) < 0.005 or self.metric in NEUTRAL:
            return "muted"
        better = (change > 0) == (self.metric in GOOD_WHEN_UP)
        return "ok" if better else "danger"


def compute(
    *,
    metric: str,
    filters: dict[str, Any],
    period: Period,
    today: dt.date,
    group_by: str | None = None,
) -> MetricResult:
    """One answer of the figures engine for one metric (cached there per refresh)."""
    intent = Intent(metric=metric, filters=dict(filters), group_by=group_by, period=period)  # type: ignore[arg-type]
    return metric_compute(intent=intent, today=today)


def compare(
    *, filters: dict[str, Any], period: Period, today: dt.date, group_by: str | None = None
) -> dict[Any, dict[str, Any]]:
    """Every figure now and a year earlier, per group key, in one pass over the summaries."""
    return figures_compare(filters=dict(filters), period=period, today=today, group_by=group_by)


def figures_for(
    *, metrics: tuple[str, ...], filters: dict[str, Any], period: Period, today: dt.date
) -> list[Figure]:
    """The tiles of a page: each figure, the same period last year, and the summaries' age."""
    both = compare(filters=filters, period=period, today=today).get(None, {})
    fresh_at = figures_fresh_at()
    resolved = engine.resolve_scope(dict(filters))
    list_url = getattr(engine, "_list_url", lambda metric, scope: None)
    figures = []
    for metric in metrics:
        pair = both.get(metric)
        figures.append(
            Figure(
                metric=metric,
                value=getattr(pair, "current", None),
                previous=getattr(pair, "previous", None),
                fresh_at=fresh_at,
                list_url=list_url(metric, resolved),
            )
        )
    return figures
