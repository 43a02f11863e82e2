"""Aggregate reads of the receipts app for the operations centre (docs/ioc_figures.md).

``ioc_receipt_figure_sql`` and ``ioc_payment_figure_sql`` return set-based SELECTs in the form
``enforcement.selectors.IocSql`` describes (day, office_id, officer_id, case_type, figures), which
``ioc_dashboard.summaries`` inserts into its summary tables:

* receipts issued (every receipt, on the day collected: issued = valid + voided), receipts
  voided (on the day voided), money collected (valid receipts only, on the day collected; cash
  apart), money paid out (approved payments, payouts and refunds, on the day approved);
* the money still to enforce on open cases (``pending_vnd_d``): a valid receipt on a case
  lowers it on the day collected, and gives it back on the day the case ends (the case's whole
  amount leaves the stock then).

The officer of a row is the case's executor, else the collector (receipts) or the author
(payments). The live ``ioc_*`` functions serve the alerts (voided spike, large cash receipts,
money collected and not paid out in time).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.db.models import Q

from enforcement.selectors.ioc import CASE_STATE_CATEGORY
from enforcement.selectors.ioc import IocSql
from receipts.models import Payment
from receipts.models import Receipt

__all__ = [
    "ioc_money_unpaid_cases",
    "ioc_payment_figure_sql",
    "ioc_receipt_changed_office_ids",
    "ioc_receipt_figure_sql",
    "ioc_receipts_large_cash",
    "ioc_receipts_voided_counts",
]


def _tables() -> dict[str, str]:
    case_model = Receipt._meta.get_field("case").related_model
    judgment_model = case_model._meta.get_field("judgment").related_model
    return {
        "receipt": Receipt._meta.db_table,
        "payment": Payment._meta.db_table,
        "case": case_model._meta.db_table,
        "judgment": judgment_model._meta.db_table,
    }


def _ended_list() -> str:
    ended = sorted(str(s) for s, cat in CASE_STATE_CATEGORY.items() if cat == "E")
    return ", ".join(f"'{s}'" for s in ended)


def ioc_receipt_figure_sql(*, office_ids: list[int] | None) -> IocSql:
    """Receipts issued and voided, money collected (and in cash), and their effect on the money
    still to enforce. A voided receipt never counts as money collected."""
    t = _tables()
    sql = f"""
    WITH r AS (
        SELECT r.office_id, r.amount_vnd, r.method, r.status, r.collected_at, r.voided_at,
               r.case_id, COALESCE(c.assigned_officer_id, r.collector_id) AS officer_id,
               COALESCE(j.case_type, '') AS case_type, c.office_id AS case_office_id,
               COALESCE(c.assigned_officer_id, 0) AS case_officer_id,
               COALESCE(c.closed_at, CASE WHEN c.state IN ({_ended_list()})
                                          THEN c.state_changed_at END) AS case_end
        FROM {t["receipt"]} r
        LEFT JOIN {t["case"]} c ON c.id = r.case_id
        LEFT JOIN {t["judgment"]} j ON j.id = c.judgment_id
    )
    SELECT (collected_at AT TIME ZONE %(tz)s)::date AS day, office_id, officer_id, case_type,
           1 AS receipts_issued, 0 AS receipts_voided,
           CASE WHEN status <> 'voided' THEN amount_vnd ELSE 0 END AS collected_vnd,
           CASE WHEN status <> 'voided' AND method = 'cash' THEN amount_vnd ELSE 0 END
               AS collected_cash_vnd,
           0 AS pending_vnd_d
    FROM r WHERE (%(offices)s::bigint[] IS NULL OR office_id = ANY(%(offices)s::bigint[]))
    UNION ALL
    SELECT (voided_at AT TIME ZONE %(tz)s)::date, office_id, officer_id, case_type,
           0, 1, 0, 0, 0
    FROM r WHERE status = 'voided' AND voided_at IS NOT NULL
      AND (%(offices)s::bigint[] IS NULL OR office_id = ANY(%(offices)s::bigint[]))
    UNION ALL
    SELECT (collected_at AT TIME ZONE %(tz)s)::date, case_office_id, case_officer_id,
           case_type, 0, 0, 0, 0, -amount_vnd
    FROM r WHERE case_id IS NOT NULL AND status <> 'voided'
      AND (case_end IS NULL OR collected_at <= case_end)
      AND (%(offices)s::bigint[] IS NULL OR case_office_id = ANY(%(offices)s::bigint[]))
    UNION ALL
    SELECT (case_end AT TIME ZONE %(tz)s)::date, case_office_id, case_officer_id,
           case_type, 0, 0, 0, 0, amount_vnd
    FROM r WHERE case_id IS NOT NULL AND status <> 'voided'
      AND case_end IS NOT NULL AND collected_at <= case_end
      AND (%(offices)s::bigint[] IS NULL OR case_office_id = ANY(%(offices)s::bigint[]))
    """  # noqa: S608
    return IocSql(
        sql=sql,
        params={"offices": office_ids, "tz": settings.TIME_ZONE},
        columns=(
            "receipts_issued",
            "receipts_voided",
            "collected_vnd",
            "collected_cash_vnd",
            "pending_vnd_d",
        ),
    )


def ioc_payment_figure_sql(*, office_ids: list[int] | None) -> IocSql:
    """Money paid out: approved payments (payouts to creditors and refunds), on the day
    approved (L2008 Art 47; TT04 Art 18)."""
    t = _tables()
    sql = f"""
    SELECT (p.approved_at AT TIME ZONE %(tz)s)::date AS day, p.office_id,
           COALESCE(c.assigned_officer_id, p.created_by_id, 0) AS officer_id,
           COALESCE(j.case_type, '') AS case_type, p.amount_vnd AS paid_out_vnd
    FROM {t["payment"]} p
    JOIN {t["case"]} c ON c.id = p.case_id
    LEFT JOIN {t["judgment"]} j ON j.id = c.judgment_id
    WHERE p.status = 'approved' AND p.approved_at IS NOT NULL
      AND (%(offices)s::bigint[] IS NULL OR p.office_id = ANY(%(offices)s::bigint[]))
    """  # noqa: S608
    return IocSql(
        sql=sql,
        params={"offices": office_ids, "tz": settings.TIME_ZONE},
        columns=("paid_out_vnd",),
    )


def ioc_receipt_changed_office_ids(*, since: dt.datetime) -> set[int]:
    """Offices whose receipts or payments changed after ``since`` (and the offices of the cases
    they belong to)."""
    ids: set[int] = set()
    receipts = Receipt.objects.filter(Q(created_at__gt=since) | Q(voided_at__gt=since))
    for office_id, case_office_id in receipts.values_list("office_id", "case__office_id"):
        ids.add(office_id)
        if case_office_id:
            ids.add(case_office_id)
    payments = Payment.objects.filter(Q(created_at__gt=since) | Q(approved_at__gt=since))
    ids |= set(payments.values_list("office_id", flat=True).distinct())
    return ids


def ioc_receipts_voided_counts(
    *, office_ids: list[int] | None, start: dt.datetime, end: dt.datetime
) -> dict[int, int]:
    """Receipts voided in [start, end) per office."""
    qs = Receipt.objects.filter(status="voided", voided_at__gte=start, voided_at__lt=end)
    if office_ids is not None:
        qs = qs.filter(office_id__in=office_ids)
    return {r["office_id"]: r["n"] for r in qs.values("office_id").annotate(n=Count("pk"))}


def ioc_receipts_large_cash(
    *, office_ids: list[int] | None, since: dt.datetime, min_amount_vnd: int, limit: int = 500
) -> dict[str, Any]:
    """Valid cash receipts of at least ``min_amount_vnd`` collected since ``since``: count per
    office and, per office, the ids (largest first)."""
    qs = Receipt.objects.filter(
        method="cash", collected_at__gte=since, amount_vnd__gte=min_amount_vnd
    ).exclude(status="voided")
    if office_ids is not None:
        qs = qs.filter(office_id__in=office_ids)
    per_office = {r["office_id"]: r["n"] for r in qs.values("office_id").annotate(n=Count("pk"))}
    ids_by_office: dict[int, list[int]] = {}
    for office_id, pk in qs.order_by("-amount_vnd", "pk").values_list("office_id", "pk")[:limit]:
        ids_by_office.setdefault(office_id, []).append(pk)
    return {"per_office": per_office, "ids_by_office": ids_by_office}


def ioc_money_unpaid_cases(
    *, office_ids: list[int] | None, collected_before: dt.datetime, limit: int = 500
) -> dict[str, Any]:
    """Cases holding enforcement money collected before ``collected_before`` (i.e. past the
    pay-out period, L2008 Art 47(5)) that approved payments have not yet covered: per office
    the number of cases and the amount held, and the case ids (largest amount first)."""
    t = _tables()
    sql = f"""
    WITH coll AS (
        SELECT r.case_id, r.office_id, SUM(r.amount_vnd) AS amount
        FROM {t["receipt"]} r
        WHERE r.case_id IS NOT NULL AND r.status <> 'voided' AND r.purpose = 'enforcement_money'
          AND r.collected_at < %(before)s
          AND (%(offices)s::bigint[] IS NULL OR r.office_id = ANY(%(offices)s::bigint[]))
        GROUP BY r.case_id, r.office_id
    ),
    paid AS (
        SELECT p.case_id, SUM(p.amount_vnd) AS amount FROM {t["payment"]} p
        WHERE p.status = 'approved' AND p.case_id IN (SELECT case_id FROM coll)
        GROUP BY p.case_id
    )
    SELECT coll.case_id, coll.office_id, coll.amount - COALESCE(paid.amount, 0) AS held
    FROM coll LEFT JOIN paid ON paid.case_id = coll.case_id
    WHERE coll.amount > COALESCE(paid.amount, 0)
    ORDER BY held DESC, coll.case_id
    """  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(sql, {"before": collected_before, "offices": office_ids})
        rows = cur.fetchall()
    per_office: dict[int, dict[str, int]] = {}
    ids_by_office: dict[int, list[int]] = {}
    for case_id, office_id, held in rows:
        entry = per_office.setdefault(office_id, {"cases": 0, "held_vnd": 0})
        entry["cases"] += 1
        entry["held_vnd"] += int(held)
        ids = ids_by_office.setdefault(office_id, [])
        if len(ids) < limit:
            ids.append(case_id)
    return {"per_office": per_office, "ids_by_office": ids_by_office}
