"""Aggregate reads of the decisions app for the operations centre (docs/ioc_figures.md).

``ioc_decision_figure_sql`` returns a set-based SELECT in the form ``IocSql`` describes
(day, office_id, officer_id, case_type, figures) that ``ioc_dashboard.summaries`` inserts into
its summary tables: enforcement decisions issued, i.e. given a number at signing (signed, or
signed and later revoked: a revoked decision keeps its number), on the day of issue
(``issued_on``, else the signing day). The officer is the author of the draft; the case type
is the judgment's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q

from decisions.models import Decision

__all__ = ["DecisionIocSql", "ioc_decision_changed_office_ids", "ioc_decision_figure_sql"]


@dataclass(frozen=True)
class DecisionIocSql:
    """A SELECT yielding ``day, office_id, officer_id, case_type`` then ``columns``."""

    sql: str
    params: dict[str, Any]
    columns: tuple[str, ...]


def ioc_decision_figure_sql(*, office_ids: list[int] | None) -> DecisionIocSql:
    """Decisions issued per day, office, author and case type."""
    decision_t = Decision._meta.db_table
    judgment_t = Decision._meta.get_field("judgment").related_model._meta.db_table
    sql = f"""
    SELECT COALESCE(d.issued_on, (d.signed_at AT TIME ZONE %(tz)s)::date) AS day, d.office_id,
           COALESCE(d.created_by_id, 0) AS officer_id, COALESCE(j.case_type, '') AS case_type,
           1 AS decisions_issued
    FROM {decision_t} d LEFT JOIN {judgment_t} j ON j.id = d.judgment_id
    WHERE d.number IS NOT NULL AND d.status IN ('signed', 'revoked')
      AND (d.issued_on IS NOT NULL OR d.signed_at IS NOT NULL)
      AND (%(offices)s::bigint[] IS NULL OR d.office_id = ANY(%(offices)s::bigint[]))
    """  # noqa: S608
    return DecisionIocSql(
        sql=sql,
        params={"offices": office_ids, "tz": settings.TIME_ZONE},
        columns=("decisions_issued",),
    )


def ioc_decision_changed_office_ids(*, since: dt.datetime) -> set[int]:
    """Offices with decisions signed (or drafted) after ``since``."""
    qs = Decision.objects.filter(Q(signed_at__gt=since) | Q(created_at__gt=since))
    return set(qs.values_list("office_id", flat=True).distinct())
