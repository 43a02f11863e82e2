"""Keeping the summary tables current (docs/ioc_figures.md).

``figures_refresh(full=False)``: the offices whose data changed since the last refresh (each
domain app's ``ioc_*changed_office_ids`` selector) get all their rows of :class:`FigureDay`
recomputed from the domain apps' set-based SELECTs, then their :class:`FigureOfficeDay` and
:class:`FigureMonth` rows (monthly sums plus the running stock totals ``cum_*``).
``full=True`` recomputes every office. Everything for one refresh runs in one transaction, so
a reader never sees half a refresh, and a PostgreSQL advisory lock keeps two refreshes (beat
and ``manage.py ioc_refresh``) apart.

Readers never wait: rows are replaced with DELETE and INSERT in that transaction (MVCC), so a
page keeps reading the previous figures until the new ones commit. The refresh moment
recorded (``FigureRefresh.refreshed_at``) is the start of the run: changes committed during
the run are picked up by the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db import transaction
from django.utils import timezone

from citizen_reception.selectors.ioc import ioc_petition_changed_office_ids
from citizen_reception.selectors.ioc import ioc_petition_figure_sql
from decisions.selectors.ioc import ioc_decision_changed_office_ids
from decisions.selectors.ioc import ioc_decision_figure_sql
from enforcement.selectors.ioc import ioc_case_figure_sql
from enforcement.selectors.ioc import ioc_changed_office_ids
from enforcement.selectors.ioc import ioc_deadline_figure_sql
from ioc_dashboard.models import FLOW_COLUMNS
from ioc_dashboard.models import STOCK_COLUMNS
from ioc_dashboard.models import FigureDay
from ioc_dashboard.models import FigureMonth
from ioc_dashboard.models import FigureOfficeDay
from ioc_dashboard.models import FigureRefresh
from receipts.selectors.ioc import ioc_payment_figure_sql
from receipts.selectors.ioc import ioc_receipt_changed_office_ids
from receipts.selectors.ioc import ioc_receipt_figure_sql

__all__ = ["REFRESH_NAME", "RefreshResult", "figures_fresh_at", "figures_refresh"]

logger = logging.getLogger(__name__)

REFRESH_NAME = "figures"
#: Key of the PostgreSQL advisory lock held while refreshing ("IOC1").
_LOCK_KEY = 0x494F4331

COLUMNS: tuple[str, ...] = FLOW_COLUMNS + STOCK_COLUMNS
#: Above this many changed offices an incremental refresh becomes a full one.
FULL_ABOVE_OFFICES = 60
#: ``cum_*`` column of FigureMonth for each stock delta column.
CUM_OF: dict[str, str] = {col: "cum_" + col.removesuffix("_d") for col in STOCK_COLUMNS}


@dataclass(frozen=True)
class RefreshResult:
    full: bool
    offices: int
    day_rows: int
    month_rows: int
    seconds: float
    refreshed_at: dt.datetime


def _parts(office_ids: list[int] | None) -> list[Any]:
    return [
        ioc_case_figure_sql(office_ids=office_ids),
        ioc_deadline_figure_sql(office_ids=office_ids),
        ioc_receipt_figure_sql(office_ids=office_ids),
        ioc_payment_figure_sql(office_ids=office_ids),
        ioc_decision_figure_sql(office_ids=office_ids),
        ioc_petition_figure_sql(office_ids=office_ids),
    ]


def _changed_office_ids(since: dt.datetime) -> set[int]:
    return (
        ioc_changed_office_ids(since=since)
        | ioc_receipt_changed_office_ids(since=since)
        | ioc_decision_changed_office_ids(since=since)
        | ioc_petition_changed_office_ids(since=since)
    )


def _day_insert_sql(office_ids: list[int] | None) -> tuple[str, dict[str, Any]]:
    """One INSERT ... SELECT summing every part by (day, office, officer, case type)."""
    selects = []
    params: dict[str, Any] = {}
    for n, part in enumerate(_parts(office_ids)):
        sql = part.sql
        for key, value in part.params.items():
            name = f"p{n}_{key}"
            sql = sql.replace(f"%({key})s", f"%({name})s")
            params[name] = value
        cols = ", ".join(
            (f"q.{col}" if col in part.columns else "0") + f" AS {col}" for col in COLUMNS
        )
        selects.append(
            f"SELECT q.day, q.office_id, q.officer_id, q.case_type, {cols} FROM ({sql}) q"  # noqa: S608
        )
    sums = ", ".join(f"SUM({col})" for col in COLUMNS)
    table = FigureDay._meta.db_table
    sql = (
        f"INSERT INTO {table} (day, office_id, officer_id, case_type, {', '.join(COLUMNS)}) "  # noqa: S608
        f"SELECT day, office_id, officer_id, case_type, {sums} FROM ("
        + " UNION ALL ".join(selects)
        + ") u WHERE day IS NOT NULL GROUP BY day, office_id, officer_id, case_type"
    )
    return sql, params


def _office_day_insert_sql() -> str:
    """Daily rows of the given offices without the officer."""
    sums = ", ".join(f"SUM({col})" for col in COLUMNS)
    return (
        f"INSERT INTO {FigureOfficeDay._meta.db_table} (day, office_id, case_type, "  # noqa: S608
        f"{', '.join(COLUMNS)}) SELECT day, office_id, case_type, {sums} "
        f"FROM {FigureDay._meta.db_table} "
        "WHERE %(offices)s::bigint[] IS NULL OR office_id = ANY(%(offices)s::bigint[]) "
        "GROUP BY day, office_id, case_type"
    )


def _month_insert_sql() -> str:
    """Monthly rows of the given offices, without gaps from each (office, case type)'s first
    month to the current month, with the running stock totals."""
    day_t = FigureDay._meta.db_table
    month_t = FigureMonth._meta.db_table
    sums = ", ".join(f"SUM({col}) AS {col}" for col in COLUMNS)
    cols = ", ".join(COLUMNS)
    g_cols = ", ".join(f"COALESCE(m.{col}, 0)" for col in COLUMNS)
    cums = ", ".join(
        f"SUM(COALESCE(m.{col}, 0)) OVER (PARTITION BY g.office_id, g.case_type ORDER BY g.month)"
        for col in STOCK_COLUMNS
    )
    cum_cols = ", ".join(CUM_OF[col] for col in STOCK_COLUMNS)
    return f"""
    WITH m AS (
        SELECT date_trunc('month', day)::date AS month, office_id, case_type, {sums}
        FROM {day_t}
        WHERE %(offices)s::bigint[] IS NULL OR office_id = ANY(%(offices)s::bigint[])
        GROUP BY 1, 2, 3
    ),
    k AS (
        SELECT office_id, case_type, MIN(month) AS first, MAX(month) AS last
        FROM m GROUP BY 1, 2
    ),
    g AS (
        SELECT k.office_id, k.case_type, gs::date AS month
        FROM k, generate_series(k.first, GREATEST(k.last, %(current)s::date),
                                interval '1 month') gs
    )
    INSERT INTO {month_t} (month, office_id, case_type, {cols}, {cum_cols})
    SELECT g.month, g.office_id, g.case_type, {g_cols}, {cums}
    FROM g LEFT JOIN m ON m.office_id = g.office_id AND m.case_type = g.case_type
                       AND m.month = g.month
    """  # noqa: S608


def _extend_months_sql() -> str:
    """Rows for the current month for (office, case type) keys whose last row is older, copying
    the running totals forward (no activity since): keeps lookups at "last month" exact."""
    month_t = FigureMonth._meta.db_table
    cum_cols = ", ".join(CUM_OF[col] for col in STOCK_COLUMNS)
    return f"""
    INSERT INTO {month_t} (month, office_id, case_type, {", ".join(COLUMNS)}, {cum_cols})
    SELECT gs::date, l.office_id, l.case_type, {", ".join("0" for _ in COLUMNS)}, {cum_cols}
    FROM (
        SELECT DISTINCT ON (office_id, case_type) office_id, case_type, month, {cum_cols}
        FROM {month_t} ORDER BY office_id, case_type, month DESC
    ) l, generate_series(l.month + interval '1 month', %(current)s::date, interval '1 month') gs
    WHERE l.month < %(current)s::date
    """  # noqa: S608


def figures_refresh(*, full: bool = False, now: dt.datetime | None = None) -> RefreshResult:
    """Bring the summary tables up to date (see the module docstring). Returns what was done."""
    started = time.monotonic()
    now = now or timezone.now()
    current_month = timezone.localtime(now).date().replace(day=1)
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        state = FigureRefresh.objects.select_for_update().filter(name=REFRESH_NAME).first()
        if state is None or state.full_at is None:
            full = True
        # ``state`` is set whenever ``full`` is False (see above).
        office_ids: list[int] | None = (
            None if full else sorted(_changed_office_ids(state.refreshed_at))  # type: ignore[union-attr]
        )
        if office_ids is not None and len(office_ids) > FULL_ABOVE_OFFICES:
            # Most offices changed: one pass over everything is cheaper than per office.
            office_ids = None
            full = True
        day_rows = month_rows = 0
        with connection.cursor() as cur:
            if office_ids is None:
                # DELETE, not TRUNCATE: readers keep seeing the previous figures (MVCC) until
                # the new ones commit, instead of waiting on TRUNCATE's exclusive lock.
                for model in (FigureDay, FigureOfficeDay, FigureMonth):
                    cur.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608
            elif office_ids:
                for model in (FigureDay, FigureOfficeDay, FigureMonth):
                    cur.execute(
                        f"DELETE FROM {model._meta.db_table} WHERE office_id = ANY(%s)",  # noqa: S608
                        [office_ids],
                    )
            if office_ids is None or office_ids:
                sql, params = _day_insert_sql(office_ids)
                cur.execute(sql, params)
                day_rows = cur.rowcount
                cur.execute(_office_day_insert_sql(), {"offices": office_ids})
                cur.execute(_month_insert_sql(), {"offices": office_ids, "current": current_month})
                month_rows = cur.rowcount
            cur.execute(_extend_months_sql(), {"current": current_month})
            month_rows += cur.rowcount
        seconds = time.monotonic() - started
        count = len(office_ids) if office_ids is not None else -1
        FigureRefresh.objects.update_or_create(
            name=REFRESH_NAME,
            defaults={
                "refreshed_at": now,
                "offices": max(count, 0),
                "duration_ms": int(seconds * 1000),
                **({"full_at": now} if full else {}),
            },
        )
    if full:
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {FigureDay._meta.db_table}")
            cur.execute(f"ANALYZE {FigureMonth._meta.db_table}")
            cur.execute(f"ANALYZE {FigureOfficeDay._meta.db_table}")
    logger.info(
        "ioc figures refreshed: full=%s offices=%s day_rows=%s month_rows=%s in %.2fs",
        full,
        count,
        day_rows,
        month_rows,
        seconds,
    )
    return RefreshResult(
        full=full,
        offices=count,
        day_rows=day_rows,
        month_rows=month_rows,
        seconds=seconds,
        refreshed_at=now,
    )


def figures_fresh_at() -> dt.datetime | None:
    """When the summary tables were last brought up to date (None: never)."""
    return (
        FigureRefresh.objects.filter(name=REFRESH_NAME)
        .values_list("refreshed_at", flat=True)
        .first()
    )
