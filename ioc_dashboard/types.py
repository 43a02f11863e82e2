"""The contract of the operations centre: the fixed vocabulary of figures and the intent a
question (or a dashboard tile) is turned into. The question assistant (``ioc_dashboard.assistant``)
produces an :class:`Intent`; ``ioc_dashboard.selectors.metrics.metric_compute`` answers it from
the summary tables. Nothing here runs SQL written from a question: an intent only ever names
members of these fixed sets.

The JSON form (``Intent.as_json``) is the ``"intent"`` object printed by ``manage.py ask --json``
(issue 8, item 7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Literal

#: The figures, in the issue's order. Money figures are integer VND; rates are fractions 0..1.
METRICS: tuple[str, ...] = (
    "cases_received",
    "cases_completed",
    "cases_pending",
    "cases_overdue",
    "cases_with_conditions",
    "cases_without_conditions",
    "completion_rate_cases",
    "completion_rate_money",
    "money_collected",
    "money_paid_out",
    "money_pending",
    "decisions_issued",
    "receipts_issued",
    "receipts_voided",
    "petitions_received",
    "petitions_pending",
    "complaints_overdue",
)
MONEY_METRICS = frozenset({"money_collected", "money_paid_out", "money_pending"})
RATE_METRICS = frozenset({"completion_rate_cases", "completion_rate_money"})
#: Figures that are a state at the end of the period (a stock), not a sum over it (a flow).
STOCK_METRICS = frozenset(
    {
        "cases_pending",
        "cases_overdue",
        "cases_with_conditions",
        "cases_without_conditions",
        "money_pending",
        "petitions_pending",
        "complaints_overdue",
    }
)
GROUP_BYS: tuple[str, ...] = ("province", "office", "officer", "month", "case_type")
#: Judgment case types (decisions app): civil, family, commercial, labour, administrative, criminal.
CASE_TYPES: tuple[str, ...] = ("DS", "HNGD", "KDTM", "LD", "HC", "HS")
FILTER_KEYS: tuple[str, ...] = ("province", "office", "officer", "case_type", "status")

GroupBy = Literal["province", "office", "officer", "month", "case_type"]


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def as_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


@dataclass(frozen=True)
class Intent:
    """What to compute. ``filters`` has exactly the keys of :data:`FILTER_KEYS` (values or None):
    province = vietnam-provinces code (int as str is not allowed: int), office = Office.code,
    officer = username, case_type = one of :data:`CASE_TYPES`, status = a case state value."""

    metric: str
    filters: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(FILTER_KEYS))
    group_by: GroupBy | None = None
    period: Period | None = None

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}")
        if self.group_by is not None and self.group_by not in GROUP_BYS:
            raise ValueError(f"unknown group_by {self.group_by!r}")
        unknown = set(self.filters) - set(FILTER_KEYS)
        if unknown:
            raise ValueError(f"unknown filters {sorted(unknown)}")
        for key in FILTER_KEYS:
            self.filters.setdefault(key, None)

    def as_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "filters": {key: self.filters.get(key) for key in FILTER_KEYS},
            "group_by": self.group_by,
            "period": self.period.as_json() if self.period else None,
        }


@dataclass(frozen=True)
class MetricRow:
    """One row of a grouped answer: ``key`` is the group's code (province code, office code,
    username, ``YYYY-MM``, case type), ``label`` its Vietnamese name."""

    key: str
    label: str
    value: int | float


@dataclass(frozen=True)
class MetricResult:
    intent: Intent
    value: int | float | None
    rows: list[MetricRow]
    #: When the summary behind the figure was last brought up to date (shown on screen).
    fresh_at: dt.datetime | None
    #: URL of the list of objects behind the figure (cases, receipts, petitions), if any.
    list_url: str | None = None
