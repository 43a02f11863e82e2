"""Aggregate reads of the citizen_reception app for the operations centre
(docs/ioc_figures.md).

``ioc_petition_figure_sql`` returns a set-based SELECT in the form ``IocSql`` describes (day,
office_id, officer_id, case_type, figures) that ``ioc_dashboard.summaries`` inserts into its
summary tables:

* petitions received (every petition or split part, on ``received_on``, at the office
  responsible for it);
* petitions being handled (``petitions_open_d``): +1 on the day received, -1 on the day it
  reached a final or resolved state (the first such event; else ``resolved_at``; else its
  last update);
* complaints and denunciations overdue (``complaints_overdue_d``): each statutory clock
  (``PetitionDeadline``) of a complaint or denunciation is overdue from the day after its
  ``due_on`` until the day it is met; clocks no longer applicable are left out.

The officer is the one the petition is assigned to; the case type is the judgment's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q

from citizen_reception.models import Petition
from citizen_reception.models import PetitionDeadline
from citizen_reception.models import PetitionEvent

__all__ = ["PetitionIocSql", "ioc_petition_changed_office_ids", "ioc_petition_figure_sql"]


@dataclass(frozen=True)
class PetitionIocSql:
    """A SELECT yielding ``day, office_id, officer_id, case_type`` then ``columns``."""

    sql: str
    params: dict[str, Any]
    columns: tuple[str, ...]


def ioc_petition_figure_sql(*, office_ids: list[int] | None) -> PetitionIocSql:
    """Petitions received, petitions being handled, complaint clocks overdue."""
    petition_t = Petition._meta.db_table
    event_t = PetitionEvent._meta.db_table
    deadline_t = PetitionDeadline._meta.db_table
    judgment_t = Petition._meta.get_field("judgment").related_model._meta.db_table
    closed = sorted({str(s) for s in Petition.FINAL_STATES} | {str(Petition.State.RESOLVED)})
    closed_sql = ", ".join(f"'{s}'" for s in closed)
    sql = f"""
    WITH p AS (
        SELECT p.id, p.office_id, COALESCE(p.assigned_to_id, 0) AS officer_id,
               COALESCE(j.case_type, '') AS case_type, p.received_on, p.kind,
               CASE WHEN p.state IN ({closed_sql}) THEN COALESCE(
                   (SELECT (MIN(e.at) AT TIME ZONE %(tz)s)::date FROM {event_t} e
                    WHERE e.petition_id = p.id AND e.to_state IN ({closed_sql})),
                   (p.resolved_at AT TIME ZONE %(tz)s)::date,
                   (p.updated_at AT TIME ZONE %(tz)s)::date) END AS end_day
        FROM {petition_t} p LEFT JOIN {judgment_t} j ON j.id = p.judgment_id
        WHERE (%(offices)s::bigint[] IS NULL OR p.office_id = ANY(%(offices)s::bigint[]))
    ),
    d AS (
        SELECT p.office_id, p.officer_id, p.case_type, d.due_on,
               (d.met_at AT TIME ZONE %(tz)s)::date AS met_day
        FROM {deadline_t} d JOIN p ON p.id = d.petition_id
        WHERE NOT d.cancelled AND p.kind IN ('complaint', 'denunciation')
    )
    SELECT received_on AS day, office_id, officer_id, case_type,
           1 AS petitions_received, 1 AS petitions_open_d, 0 AS complaints_overdue_d
    FROM p
    UNION ALL
    SELECT GREATEST(end_day, received_on), office_id, officer_id, case_type, 0, -1, 0
    FROM p WHERE end_day IS NOT NULL
    UNION ALL
    SELECT due_on + 1, office_id, officer_id, case_type, 0, 0, 1
    FROM d WHERE met_day IS NULL OR met_day > due_on
    UNION ALL
    SELECT met_day, office_id, officer_id, case_type, 0, 0, -1
    FROM d WHERE met_day IS NOT NULL AND met_day > due_on
    """  # noqa: S608
    return PetitionIocSql(
        sql=sql,
        params={"offices": office_ids, "tz": settings.TIME_ZONE},
        columns=("petitions_received", "petitions_open_d", "complaints_overdue_d"),
    )


def ioc_petition_changed_office_ids(*, since: dt.datetime) -> set[int]:
    """Offices whose petitions, petition events or met clocks changed after ``since``."""
    ids = set(
        Petition.objects.filter(updated_at__gt=since).values_list("office_id", flat=True).distinct()
    )
    ids |= set(
        PetitionEvent.objects.filter(at__gt=since)
        .values_list("petition__office_id", flat=True)
        .distinct()
    )
    ids |= set(
        PetitionDeadline.objects.filter(Q(met_at__gt=since))
        .values_list("petition__office_id", flat=True)
        .distinct()
    )
    return ids
