"""The dashboard: nation → province → office → officer, the figures of a chosen period against
the same period last year, the breakdown one level down, the tile map of the provinces, the
trend chart, and the progress of the tasks leaders assigned from the screen (issue 8 items 1, 4).

Each page is a shell whose sections load (and then refresh every minute) through htmx from the
same URL with ``?part=<section>``: each request is one pass of the figures engine over the
summary tables (``figures_compare``), which keeps a page within the 20-query budget of a staff
page (quality.md P1), and a wall display keeps itself current without reloading the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models import Q
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from enforcement import selectors as enforcement_selectors
from ioc_dashboard.selectors import metrics as engine
from ioc_dashboard.types import Period
from ioc_dashboard.views import charts
from ioc_dashboard.views.common import assistant_panel_template
from ioc_dashboard.views.common import carried_query
from ioc_dashboard.views.common import period_form
from ioc_dashboard.views.common import render_page
from ioc_dashboard.views.figures import CHILD_COLUMNS
from ioc_dashboard.views.figures import METRIC_LABELS
from ioc_dashboard.views.figures import compare
from ioc_dashboard.views.figures import figures_for
from ioc_dashboard.views.figures import metric_kind
from ioc_dashboard.views.scope import IOC_ROLES
from ioc_dashboard.views.scope import OFFICER_ROLES
from ioc_dashboard.views.scope import Scope
from ioc_dashboard.views.scope import home_scope_url
from ioc_dashboard.views.scope import province_short_name
from ioc_dashboard.views.scope import scope_for_nation
from ioc_dashboard.views.scope import scope_for_office
from ioc_dashboard.views.scope import scope_for_officer
from ioc_dashboard.views.scope import scope_for_province
from thads.calendar.selectors import calendar_today
from thads.org.selectors import office_list_for_user
from thads.org.selectors import user_list_for_office
from thads.permissions import staff_view

__all__ = ["home", "nation", "office", "officer", "province", "scope_tasks"]

#: The figure tiles, in three groups, all from one pass over the summaries.
FIGURE_GROUPS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (
        _("Về việc"),
        (
            "cases_received",
            "cases_completed",
            "cases_pending",
            "cases_overdue",
            "cases_with_conditions",
            "cases_without_conditions",
        ),
    ),
    (
        _("Về tiền và tỷ lệ"),
        (
            "completion_rate_cases",
            "completion_rate_money",
            "money_collected",
            "money_paid_out",
            "money_pending",
        ),
    ),
    (
        _("Quyết định, biên lai, đơn thư"),
        (
            "decisions_issued",
            "receipts_issued",
            "receipts_voided",
            "petitions_received",
            "petitions_pending",
            "complaints_overdue",
        ),
    ),
)
CHILD_LABELS = {"province": _("Tỉnh, thành phố"), "office": _("Đơn vị"), "officer": _("Cán bộ")}
DEFAULT_METRIC = "cases_received"
TREND_MONTHS = 12
RECENT_TASKS = 8


@staff_view(*IOC_ROLES, note="leaders: lands on the nation, their province or their office")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(home_scope_url(actor=request.user) + carried_query(request))


@staff_view(*IOC_ROLES, note="ministry leader only; others 404")
@require_GET
def nation(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, scope_for_nation(actor=request.user))


@staff_view(*IOC_ROLES, note="ministry leader, or the provincial head of that province; else 404")
@require_GET
def province(request: HttpRequest, code: int) -> HttpResponse:
    return _dashboard(request, scope_for_province(actor=request.user, code=code))


@staff_view(*IOC_ROLES, note="an office in the leader's scope (office head: own office); else 404")
@require_GET
def office(request: HttpRequest, code: str) -> HttpResponse:
    return _dashboard(request, scope_for_office(actor=request.user, code=code))


@staff_view(*IOC_ROLES, note="staff of an office in the leader's scope; else 404")
@require_GET
def officer(request: HttpRequest, code: str, username: str) -> HttpResponse:
    return _dashboard(request, scope_for_officer(actor=request.user, code=code, username=username))


# --- The page and its sections ------------------------------------------------------------------


def _sections(scope: Scope) -> list[str]:
    parts = ["figures"]
    if scope.level == "nation":
        parts.append("map")
    parts.append("trend")
    if scope.child_group_by:
        parts.append("breakdown")
    return parts


def _dashboard(request: HttpRequest, scope: Scope) -> HttpResponse:
    today = calendar_today()
    form = period_form(request, today=today)
    period = form.chosen_period()
    metric = form.chosen_metric(DEFAULT_METRIC)
    context: dict[str, Any] = {
        "scope": scope,
        "form": form,
        "period": period,
        "metric": metric,
        "metric_label": METRIC_LABELS[metric],
        "today": today,
    }
    part = request.GET.get("part", "")
    if part:
        if part not in _sections(scope) and part != "tasks":
            raise Http404
        context.update(
            _part_context(
                part, actor=request.user, scope=scope, period=period, metric=metric, today=today
            )
        )
        context.update(_task_context(request, scope, today) if part == "tasks" else {})
        return render_page(request, "ioc_dashboard/dashboard.html", context, partial=f"part-{part}")
    sections = _sections(scope)
    context.update(
        {
            "sections": [
                (name, scope.url + carried_query(request, part=name)) for name in sections
            ],
            "tasks_url": scope.url + carried_query(request, part="tasks"),
            "assign_url": _assign_url(scope, request),
            "assistant_panel": assistant_panel_template(),
        }
    )
    context.update(_task_context(request, scope, today))
    return render_page(request, "ioc_dashboard/dashboard.html", context)


def _part_context(
    part: str, *, actor: Any, scope: Scope, period: Period, metric: str, today: dt.date
) -> dict[str, Any]:
    filters = scope.intent_filters()
    if part == "figures":
        metrics = tuple(m for _title, group in FIGURE_GROUPS for m in group)
        by_metric = {
            f.metric: f
            for f in figures_for(metrics=metrics, filters=filters, period=period, today=today)
        }
        groups = [(title, [by_metric[m] for m in group]) for title, group in FIGURE_GROUPS]
        return {"figure_groups": groups}
    if part == "map":
        return {"map": _map(actor=actor, scope=scope, period=period, metric=metric, today=today)}
    if part == "trend":
        return {"chart": _trend(scope=scope, period=period, metric=metric, today=today)}
    if part == "breakdown":
        return _breakdown(actor=actor, scope=scope, period=period, today=today)
    return {}


def _provinces(actor: Any) -> list[tuple[int, str, str]]:
    """(code, short name, provincial agency's office code) of every province in scope."""
    agencies = office_list_for_user(actor=actor).filter(level="provincial")
    rows = [(o.province.code, province_short_name(o.province.name), o.code) for o in agencies]
    return sorted(rows)


def _map(
    *, actor: Any, scope: Scope, period: Period, metric: str, today: dt.date
) -> charts.TileMap:
    per_province = engine.figures_compute(
        filters=scope.intent_filters(), period=period, today=today, group_by="province"
    )
    provinces = [(code, name) for code, name, _agency in _provinces(actor)]
    # A province with no summary row has none of the events counted: 0, except for a rate.
    missing = None if metric_kind(metric) == "rate" else 0
    values = {code: per_province.get(code, {}).get(metric, missing) for code, _name in provinces}
    return charts.tile_map(
        provinces=provinces,
        values=values,
        kind=metric_kind(metric),
        url_for=lambda code: reverse("ioc_dashboard:province", args=[code]),
    )


def _month_keys(end: dt.date, months: int) -> list[tuple[str, str]]:
    keys = []
    year, month = end.year, end.month
    for _step in range(months):
        keys.append((f"{year:04d}-{month:02d}", f"{month:02d}/{year % 100:02d}"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(keys))


def _trend(*, scope: Scope, period: Period, metric: str, today: dt.date) -> charts.TrendChart:
    """The last 12 months to the end of the period, against the same months a year earlier."""
    keys = _month_keys(period.end, TREND_MONTHS)
    first = keys[0][0]
    start = dt.date(int(first[:4]), int(first[5:]), 1)
    per_month = compare(
        filters=scope.intent_filters(),
        period=Period(start=start, end=period.end),
        today=today,
        group_by="month",
    )
    by_key = {
        f"{month:%Y-%m}": figs.get(metric) for month, figs in per_month.items() if month is not None
    }
    return charts.trend_chart(
        now=[(label, getattr(by_key.get(key), "current", None)) for key, label in keys],
        before=[(label, getattr(by_key.get(key), "previous", None)) for key, label in keys],
        kind=metric_kind(metric),
    )


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    url: str
    values: list[str]
    office_code: str | None = None
    username: str | None = None


def _children(scope: Scope, actor: Any) -> list[tuple[Any, str, str, str | None, str | None]]:
    """(engine key, label, url, office code for a task, username for a task) of each child:
    the engine groups provinces by code, offices by id and officers by user id."""
    if scope.level == "nation":
        return [
            (code, name, reverse("ioc_dashboard:province", args=[code]), agency, None)
            for code, name, agency in _provinces(actor)
        ]
    if scope.level == "province":
        offices = office_list_for_user(actor=actor).filter(province__code=scope.province_code)
        return [
            (
                o.pk,
                o.short_name or o.name,
                reverse("ioc_dashboard:office", args=[o.code]),
                o.code,
                None,
            )
            for o in offices
        ]
    staff = user_list_for_office(actor=actor, office=scope.office).filter(role__in=OFFICER_ROLES)
    return [
        (
            u.pk,
            u.get_full_name(),
            reverse("ioc_dashboard:officer", args=[scope.office.code, u.username]),
            scope.office.code,
            u.username,
        )
        for u in staff
    ]


def _current(figs: dict[str, Any], metric: str) -> Any:
    """The figure now; a child with no summary row counts 0 (a rate has no value)."""
    pair = figs.get(metric)
    if pair is None:
        return None if metric_kind(metric) == "rate" else 0
    return pair.current


def _breakdown(*, actor: Any, scope: Scope, period: Period, today: dt.date) -> dict[str, Any]:
    per_child = compare(
        filters=scope.intent_filters(), period=period, today=today, group_by=scope.child_group_by
    )
    rows = []
    for key, label, url, office_code, username in _children(scope, actor):
        figs = per_child.get(key, {})
        rows.append(
            BreakdownRow(
                key=str(key),
                label=label,
                url=url,
                values=[
                    charts.format_value(_current(figs, metric), metric_kind(metric))
                    for metric in CHILD_COLUMNS
                ],
                office_code=office_code,
                username=username,
            )
        )
    return {
        "rows": rows,
        "columns": [METRIC_LABELS[m] for m in CHILD_COLUMNS],
        "child_label": CHILD_LABELS[scope.child_group_by or "office"],
    }


def _assign_url(scope: Scope, request: HttpRequest) -> str | None:
    """The task form for this office or officer (the nation and a province have no single
    office: their rows each carry their own link)."""
    if scope.office is None:
        return None
    params = {"office": scope.office.code, "next": request.get_full_path()}
    if scope.officer is not None:
        params["assignee"] = scope.officer.username
    return reverse("ioc_dashboard:task-create") + "?" + urlencode(params)


# --- Tasks assigned from the screen -------------------------------------------------------------


def scope_tasks(*, actor: Any, scope: Scope) -> Any:
    """Tasks the operations centre assigned inside ``scope`` (the actor's scope applies first)."""
    tasks = enforcement_selectors.case_task_list_for_user(actor=actor, open_only=False).filter(
        source="ioc"
    )
    if scope.level == "province":
        tasks = tasks.filter(office__province__code=scope.province_code)
    elif scope.level == "office":
        tasks = tasks.filter(office_id=scope.office.pk)
    elif scope.level == "officer":
        tasks = tasks.filter(assignee_id=scope.officer.pk)
    return tasks


def _task_context(request: HttpRequest, scope: Scope, today: dt.date) -> dict[str, Any]:
    tasks = scope_tasks(actor=request.user, scope=scope)
    counts = tasks.order_by().aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status="done")),
        open=Count("pk", filter=Q(status="open")),
        overdue=Count("pk", filter=Q(status="open", due_on__lt=today)),
    )
    recent = list(tasks.select_related("office").order_by("-created_at", "-pk")[:RECENT_TASKS])
    return {"task_counts": counts, "recent_tasks": recent}
