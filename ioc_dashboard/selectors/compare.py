"""The same figures for the same period one year earlier (domain.md §6: figures are always read
against the same period of the previous year)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ioc_dashboard.selectors.metrics import default_period
from ioc_dashboard.selectors.metrics import figures_compute
from ioc_dashboard.selectors.metrics import figures_from_columns
from ioc_dashboard.selectors.metrics import metric_compute
from ioc_dashboard.types import Intent
from ioc_dashboard.types import MetricResult
from ioc_dashboard.types import Period

__all__ = [
    "Comparison",
    "figures_compare",
    "metric_compare",
    "one_year_earlier",
    "same_period_last_year",
]


def one_year_earlier(day: dt.date) -> dt.date:
    """The same day a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def same_period_last_year(period: Period) -> Period:
    return Period(start=one_year_earlier(period.start), end=one_year_earlier(period.end))


@dataclass(frozen=True)
class Comparison:
    """A figure now and a year earlier. ``change`` = (current - previous) / previous, None when
    there is nothing to compare with (previous 0 or None)."""

    current: Any
    previous: Any

    @property
    def delta(self) -> Any:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def change(self) -> float | None:
        if not self.previous or self.current is None:
            return None
        return round((self.current - self.previous) / self.previous, 4)


def metric_compare(*, intent: Intent, today: dt.date) -> tuple[MetricResult, MetricResult]:
    """``metric_compute`` for the intent and for the same period a year earlier (stocks of the
    earlier year are taken on the same day a year before ``today`` at the latest)."""
    period = intent.period or default_period(today)
    current = metric_compute(
        intent=Intent(
            metric=intent.metric,
            filters=dict(intent.filters),
            group_by=intent.group_by,
            period=period,
        ),
        today=today,
    )
    previous = metric_compute(
        intent=Intent(
            metric=intent.metric,
            filters=dict(intent.filters),
            group_by=intent.group_by,
            period=same_period_last_year(period),
        ),
        today=one_year_earlier(today),
    )
    return current, previous


def figures_compare(
    *,
    filters: dict[str, Any] | None = None,
    period: Period | None = None,
    today: dt.date,
    group_by: str | None = None,
) -> dict[Any, dict[str, Comparison]]:
    """Every figure now and a year earlier, per group key (see ``figures_compute``)."""
    period = period or default_period(today)
    now = figures_compute(filters=filters, period=period, today=today, group_by=group_by)
    before = figures_compute(
        filters=filters,
        period=same_period_last_year(period),
        today=one_year_earlier(today),
        group_by=group_by,
    )
    if group_by == "month":
        # Months of last year are keyed by this year's month so rows line up.
        before = {m.replace(year=m.year + 1): figs for m, figs in before.items()}
    empty = figures_from_columns({}, {})
    out: dict[Any, dict[str, Comparison]] = {}
    for key in set(now) | set(before):
        a, b = now.get(key, empty), before.get(key, empty)
        out[key] = {name: Comparison(current=a[name], previous=b[name]) for name in a}
    return out
