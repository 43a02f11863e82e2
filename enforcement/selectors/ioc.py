"""Aggregate reads of the enforcement app for the operations centre (docs/ioc_figures.md).

The ``*_figure_sql`` functions return one set-based SELECT (``IocSql``: SQL text, parameters,
the figure columns it yields) that ``ioc_dashboard.summaries`` wraps in an INSERT into its
summary tables: one row per (day, office_id, officer_id, case_type) and event, with the flows
of that day and the changes (+1/-1) of the stocks. The SQL reads this app's tables only (and
the judgment's case type, an upstream app); the IOC never names them.

Case categories (domain.md §6.2): W "có điều kiện" (has_conditions, coercion,
partially_executed, postponed, suspended), N "chưa có điều kiện" (no_conditions,
separate_tracking), U not yet classified (received ... verification), E ended (completed,
terminated, request_returned, entrusted_out, closed). "Thi hành xong" = entering completed or
terminated. A case's states over time come from its events (``CaseEvent.state_after``); when a
case has none (imported or seeded history) it is taken to be "received" from ``opened_at`` and
in its current state from ``state_changed_at``.

The live functions (``ioc_*``) serve the alerts and the lists behind them: one aggregate
query each, plain dicts or dataclasses, scope given as office ids by the caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.db.models import Q
from django.db.models.functions import TruncMonth

from enforcement.models import ENDED_STATES
from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import Deadline

__all__ = [
    "CASE_STATE_CATEGORY",
    "IocSql",
    "ioc_case_figure_sql",
    "ioc_case_open_counts_by_officer",
    "ioc_case_state_counts",
    "ioc_cases_idle",
    "ioc_changed_office_ids",
    "ioc_deadline_figure_sql",
    "ioc_deadlines_overdue",
    "ioc_step_durations",
]

#: Category of each case state for the sector's report (W, N, U, E; see the module docstring).
CASE_STATE_CATEGORY: dict[str, str] = {
    Case.State.RECEIVED: "U",
    Case.State.DECISION_ISSUED: "U",
    Case.State.NOTIFIED: "U",
    Case.State.VOLUNTARY_PERIOD: "U",
    Case.State.VERIFICATION: "U",
    Case.State.HAS_CONDITIONS: "W",
    Case.State.COERCION: "W",
    Case.State.PARTIALLY_EXECUTED: "W",
    Case.State.POSTPONED: "W",
    Case.State.SUSPENDED: "W",
    Case.State.NO_CONDITIONS: "N",
    Case.State.SEPARATE_TRACKING: "N",
    **{state: "E" for state in ENDED_STATES},
}
#: Endings that count as "thi hành xong" (domain.md §6.2).
DONE_STATES = (Case.State.COMPLETED, Case.State.TERMINATED)


@dataclass(frozen=True)
class IocSql:
    """A SELECT yielding ``day, office_id, officer_id, case_type`` then ``columns``."""

    sql: str
    params: dict[str, Any]
    columns: tuple[str, ...]


def _in_list(states: Any) -> str:
    return ", ".join(f"'{s}'" for s in sorted(str(x) for x in states))


def _cat_case(expr: str) -> str:
    by_cat: dict[str, list[str]] = {}
    for state, cat in CASE_STATE_CATEGORY.items():
        by_cat.setdefault(cat, []).append(str(state))
    return (
        f"CASE WHEN {expr} IN ({_in_list(by_cat['E'])}) THEN 'E' "
        f"WHEN {expr} IN ({_in_list(by_cat['W'])}) THEN 'W' "
        f"WHEN {expr} IN ({_in_list(by_cat['N'])}) THEN 'N' ELSE 'U' END"
    )


def ioc_case_figure_sql(*, office_ids: list[int] | None) -> IocSql:
    """Cases received, done (thi hành xong), ended, entrusted out, and the changes of the open,
    with-conditions, without-conditions and money stocks, per day of each change of category.

    Money: ``with_cond_vnd_d`` moves a case's ``total_due_vnd`` in and out of the
    with-conditions stock; ``pending_vnd_d`` adds ``total_due_vnd`` when the case opens and
    removes it when it ends (the receipts app subtracts what is collected meanwhile).
    """
    case_t = Case._meta.db_table
    event_t = CaseEvent._meta.db_table
    judgment_t = Case._meta.get_field("judgment").related_model._meta.db_table
    ended = _in_list(ENDED_STATES)
    done = _in_list(DONE_STATES)
    if office_ids is None or len(office_ids) > 20:
        # Many cases: one pass over the events (hash join).
        ev_sql = f"""
        SELECT e.case_id, e.at, e.id, e.state_before, e.state_after
        FROM {event_t} e JOIN c ON c.id = e.case_id
        WHERE e.state_after <> ''"""  # noqa: S608
    else:
        # A few offices: each case's events through the (case, at) index.
        ev_sql = f"""
        SELECT e.case_id, e.at, e.id, e.state_before, e.state_after
        FROM c CROSS JOIN LATERAL (
            SELECT * FROM {event_t} e0 WHERE e0.case_id = c.id AND e0.state_after <> ''
            OFFSET 0
        ) e"""  # noqa: S608
    sql = f"""
    WITH c AS (
        SELECT c.id, c.office_id, COALESCE(c.assigned_officer_id, 0) AS officer_id,
               COALESCE(j.case_type, '') AS case_type, c.opened_at, c.state,
               c.state_changed_at, c.total_due_vnd AS due
        FROM {case_t} c LEFT JOIN {judgment_t} j ON j.id = c.judgment_id
        WHERE (%(offices)s::bigint[] IS NULL OR c.office_id = ANY(%(offices)s::bigint[]))
    ),
    ev AS ({ev_sql}),
    firstev AS (
        SELECT DISTINCT ON (case_id) case_id, state_before FROM ev ORDER BY case_id, at, id
    ),
    lastev AS (
        SELECT DISTINCT ON (case_id) case_id, state_after, at
        FROM ev ORDER BY case_id, at DESC, id DESC
    ),
    pts AS (
        SELECT c.id AS case_id, c.opened_at AS at, 0::bigint AS seq,
               CASE WHEN f.case_id IS NOT NULL AND f.state_before <> '' THEN f.state_before
                    WHEN f.case_id IS NULL AND c.state_changed_at <= c.opened_at THEN c.state
                    ELSE 'received' END AS state
        FROM c LEFT JOIN firstev f ON f.case_id = c.id
        UNION ALL
        SELECT ev.case_id, GREATEST(ev.at, c.opened_at), ev.id, ev.state_after
        FROM ev JOIN c ON c.id = ev.case_id
        UNION ALL
        SELECT c.id, GREATEST(c.state_changed_at, COALESCE(l.at, c.opened_at)),
               9223372036854775807, c.state
        FROM c LEFT JOIN lastev l ON l.case_id = c.id
        WHERE (l.case_id IS NULL AND c.state_changed_at > c.opened_at)
           OR (l.case_id IS NOT NULL AND l.state_after <> c.state)
    ),
    tr AS (
        SELECT case_id, at, state, cat,
               LAG(cat) OVER (PARTITION BY case_id ORDER BY at, seq) AS prev
        FROM (SELECT pts.*, {_cat_case("pts.state")} AS cat FROM pts) x
    )
    SELECT (tr.at AT TIME ZONE %(tz)s)::date AS day, c.office_id, c.officer_id, c.case_type,
        (tr.prev IS NULL)::int AS received,
        CASE WHEN tr.prev IS NULL THEN c.due ELSE 0 END AS received_vnd,
        (tr.cat = 'E' AND tr.state IN ({done}))::int AS done,
        CASE WHEN tr.cat = 'E' AND tr.state IN ({done}) THEN c.due ELSE 0 END AS done_vnd,
        (tr.cat = 'E')::int AS ended,
        (tr.cat = 'E' AND tr.state = 'entrusted_out')::int AS entrusted,
        (tr.cat <> 'E')::int - (COALESCE(tr.prev, 'E') <> 'E')::int AS open_d,
        (tr.cat = 'W')::int - (COALESCE(tr.prev, '') = 'W')::int AS with_cond_d,
        ((tr.cat = 'W')::int - (COALESCE(tr.prev, '') = 'W')::int) * c.due AS with_cond_vnd_d,
        (tr.cat = 'N')::int - (COALESCE(tr.prev, '') = 'N')::int AS without_cond_d,
        ((tr.cat <> 'E')::int - (COALESCE(tr.prev, 'E') <> 'E')::int) * c.due AS pending_vnd_d
    FROM tr JOIN c ON c.id = tr.case_id
    WHERE tr.prev IS DISTINCT FROM tr.cat
    """  # noqa: S608
    # ``ended`` is used by _cat_case already; kept for readers of the SQL.
    del ended
    return IocSql(
        sql=sql,
        params={"offices": office_ids, "tz": settings.TIME_ZONE},
        columns=(
            "received",
            "received_vnd",
            "done",
            "done_vnd",
            "ended",
            "entrusted",
            "open_d",
            "with_cond_d",
            "with_cond_vnd_d",
            "without_cond_d",
            "pending_vnd_d",
        ),
    )


def ioc_deadline_figure_sql(*, office_ids: list[int] | None) -> IocSql:
    """Overdue steps (domain.md §2.3 deadlines): a deadline counts as overdue from the day after
    its last day (``due_on``) until the day it is met, cancelled (``closed_at``) or paused
    (``paused_on``). Cancelled rows without a closing time are left out."""
    deadline_t = Deadline._meta.db_table
    case_t = Case._meta.db_table
    judgment_t = Case._meta.get_field("judgment").related_model._meta.db_table
    sql = f"""
    WITH d AS (
        SELECT c.office_id, COALESCE(c.assigned_officer_id, 0) AS officer_id,
               COALESCE(j.case_type, '') AS case_type, d.due_on,
               CASE WHEN d.closed_at IS NOT NULL THEN (d.closed_at AT TIME ZONE %(tz)s)::date
                    WHEN d.status = 'paused' THEN d.paused_on END AS end_day
        FROM {deadline_t} d JOIN {case_t} c ON c.id = d.case_id
        LEFT JOIN {judgment_t} j ON j.id = c.judgment_id
        WHERE (%(offices)s::bigint[] IS NULL OR c.office_id = ANY(%(offices)s::bigint[]))
          AND NOT (d.status = 'cancelled' AND d.closed_at IS NULL)
    )
    SELECT due_on + 1 AS day, office_id, officer_id, case_type, 1 AS overdue_d
    FROM d WHERE end_day IS NULL OR end_day > due_on
    UNION ALL
    SELECT end_day, office_id, officer_id, case_type, -1
    FROM d WHERE end_day IS NOT NULL AND end_day > due_on
    """  # noqa: S608
    return IocSql(
        sql=sql,
        params={"offices": office_ids, "tz": settings.TIME_ZONE},
        columns=("overdue_d",),
    )


def ioc_changed_office_ids(*, since: dt.datetime) -> set[int]:
    """Offices whose cases, case events or deadlines changed after ``since`` (the summaries'
    incremental refresh recomputes these offices)."""
    ids: set[int] = set(
        Case.objects.filter(updated_at__gt=since).values_list("office_id", flat=True).distinct()
    )
    ids |= set(
        CaseEvent.objects.filter(at__gt=since).values_list("case__office_id", flat=True).distinct()
    )
    ids |= set(
        Deadline.objects.filter(Q(created_at__gt=since) | Q(closed_at__gt=since))
        .values_list("case__office_id", flat=True)
        .distinct()
    )
    return ids


def _office_filter(office_ids: list[int] | None) -> Q:
    return Q() if office_ids is None else Q(office_id__in=office_ids)


def ioc_case_state_counts(
    *,
    office_ids: list[int] | None,
    state: str,
    officer_id: int | None = None,
    case_type: str | None = None,
    opened_from: dt.datetime | None = None,
    opened_to: dt.datetime | None = None,
    group_by: str | None = None,
) -> dict[Any, int]:
    """Cases now in ``state`` (live), optionally opened in [opened_from, opened_to) and grouped
    by ``office_id``, ``officer_id``, ``case_type`` or ``month`` (of opening). Key None when
    not grouped."""
    qs = Case.objects.filter(_office_filter(office_ids), state=state)
    if officer_id is not None:
        qs = qs.filter(assigned_officer_id=officer_id)
    if case_type is not None:
        qs = qs.filter(judgment__case_type=case_type)
    if opened_from is not None:
        qs = qs.filter(opened_at__gte=opened_from)
    if opened_to is not None:
        qs = qs.filter(opened_at__lt=opened_to)
    if group_by is None:
        return {None: qs.count()}
    field = {
        "office_id": "office_id",
        "officer_id": "assigned_officer_id",
        "case_type": "judgment__case_type",
    }.get(group_by)
    if field is None:  # "month": the month of opening, in local time
        rows = qs.annotate(k=TruncMonth("opened_at")).values("k").annotate(n=Count("pk"))
        return {r["k"].date(): r["n"] for r in rows}
    missing = 0 if group_by == "officer_id" else ""
    rows = qs.values(field).annotate(n=Count("pk"))
    return {missing if r[field] is None else r[field]: r["n"] for r in rows}


def ioc_deadlines_overdue(
    *, office_ids: list[int] | None, on_date: dt.date, limit: int = 500
) -> dict[str, Any]:
    """Running deadlines past their last day on ``on_date`` (overdue steps): the count per office
    and the ids of the cases behind them (first ``limit``)."""
    qs = (
        Deadline.objects.filter(
            status__in=("open", "overdue"), due_on__lt=on_date, case__office_id__in=office_ids
        )
        if office_ids is not None
        else Deadline.objects.filter(status__in=("open", "overdue"), due_on__lt=on_date)
    )
    per_office = {
        r["case__office_id"]: r["n"] for r in qs.values("case__office_id").annotate(n=Count("pk"))
    }
    ids_by_office: dict[int, list[int]] = {}
    for office_id, case_id in qs.order_by("due_on", "pk").values_list("case__office_id", "case_id")[
        :limit
    ]:
        ids = ids_by_office.setdefault(office_id, [])
        if case_id not in ids:
            ids.append(case_id)
    return {"per_office": per_office, "ids_by_office": ids_by_office}


def ioc_step_durations(
    *, since: dt.date, office_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """Durations in days (trigger to met) of the steps met since ``since``, per office and
    rule: ``{"office_id", "rule_code", "days"}`` rows (one per met deadline), for the
    bottleneck alert (office median far above the national median)."""
    qs = Deadline.objects.filter(status="met", closed_at__isnull=False, trigger_on__gte=since)
    if office_ids is not None:
        qs = qs.filter(case__office_id__in=office_ids)
    rows = qs.values_list("case__office_id", "rule_code", "trigger_on", "closed_at")
    return [
        {"office_id": office_id, "rule_code": code, "days": (closed.date() - trigger).days}
        for office_id, code, trigger, closed in rows
    ]


def ioc_cases_idle(
    *, office_ids: list[int] | None, before: dt.datetime, limit: int = 500
) -> dict[str, Any]:
    """Open cases not touched (no change of any kind) since ``before``: count per office and
    the first ``limit`` ids, oldest first."""
    qs = Case.objects.exclude(state__in=ENDED_STATES).filter(
        _office_filter(office_ids), updated_at__lt=before
    )
    per_office = {r["office_id"]: r["n"] for r in qs.values("office_id").annotate(n=Count("pk"))}
    ids_by_office: dict[int, list[int]] = {}
    for office_id, pk in qs.order_by("updated_at", "pk").values_list("office_id", "pk")[:limit]:
        ids_by_office.setdefault(office_id, []).append(pk)
    return {"per_office": per_office, "ids_by_office": ids_by_office}


def ioc_case_open_counts_by_officer(*, office_ids: list[int] | None) -> dict[int, dict[str, int]]:
    """Open cases per assigned officer: ``{user_id: {"office_id": ..., "open": n}}``."""
    qs = Case.objects.exclude(state__in=ENDED_STATES).filter(
        _office_filter(office_ids), assigned_officer_id__isnull=False
    )
    return {
        r["assigned_officer_id"]: {"office_id": r["office_id"], "open": r["n"]}
        for r in qs.values("assigned_officer_id", "office_id").annotate(n=Count("pk"))
    }
