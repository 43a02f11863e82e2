"""Alerts (issue 8 item 2): overdue steps, bottlenecks, irregularities, each opening the list of
the objects behind it, from which a leader assigns a task.

The alerts are computed by ``ioc_dashboard.selectors`` (the figures engine) for the leader's
scope; the objects behind an alert are read back through the owning app's selectors, so the
actor's office scope applies to every row (an id outside it is simply not shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from enforcement import selectors as enforcement_selectors
from ioc_dashboard.selectors.alerts import ALERT_KINDS
from ioc_dashboard.selectors.alerts import Alert
from ioc_dashboard.selectors.alerts import alerts_compute
from ioc_dashboard.views.common import carried_query
from ioc_dashboard.views.common import render_page
from ioc_dashboard.views.scope import IOC_ROLES
from ioc_dashboard.views.scope import Scope
from ioc_dashboard.views.scope import scope_for_nation
from ioc_dashboard.views.scope import scope_for_office
from ioc_dashboard.views.scope import scope_for_province
from receipts import selectors as receipt_selectors
from thads.calendar.selectors import calendar_today
from thads.org.selectors import office_list_for_user
from thads.permissions import Role
from thads.permissions import staff_view

__all__ = ["AlertGroup", "alert_detail", "alert_list", "group_alerts", "home_scope", "scope_alerts"]

#: The sections of the alerts page: (title, kinds of alert).
ALERT_PARTS: dict[str, tuple[Any, set[str]]] = {
    "steps": (
        _lazy("Thời hạn, điểm nghẽn và khối lượng công việc"),
        {"overdue_steps", "bottleneck", "idle_cases", "officer_overload"},
    ),
    "money": (
        _lazy("Tiền và biên lai"),
        {"void_spike", "large_cash", "unpaid_money"},
    ),
}
#: Rows shown behind one alert (the alert itself says how many there are in all).
LIST_LIMIT = 200


def home_scope(actor: Any) -> Scope:
    """The leader's whole scope: the nation, their province, or their office."""
    if actor.role == Role.MINISTRY_LEADER:
        return scope_for_nation(actor=actor)
    if actor.role == Role.PROVINCIAL_HEAD and actor.office.province_id is not None:
        return scope_for_province(actor=actor, code=actor.office.province.code)
    return scope_for_office(actor=actor, code=actor.office.code)


def _office_ids(actor: Any, scope: Scope) -> list[int] | None:
    if scope.level == "nation":
        return None
    if scope.level == "province":
        return list(
            office_list_for_user(actor=actor)
            .filter(province__code=scope.province_code)
            .values_list("pk", flat=True)
        )
    return [scope.office.pk]


def scope_alerts(
    *, actor: Any, scope: Scope, today: Any, kinds: set[str] | None = None
) -> list[Alert]:
    """The alerts of ``scope`` (one per kind and office), most serious first."""
    return alerts_compute(office_ids=_office_ids(actor, scope), today=today, kinds=kinds)


@dataclass(frozen=True)
class AlertGroup:
    """One kind of alert over the scope: its offices, most serious first."""

    kind: str
    title: str
    severity: str
    alerts: list[Alert]

    @property
    def count(self) -> int:
        return sum(a.count for a in self.alerts)

    @property
    def amount_vnd(self) -> int:
        return sum(a.amount_vnd for a in self.alerts)


def group_alerts(alerts: list[Alert]) -> list[AlertGroup]:
    groups: dict[str, list[Alert]] = {}
    for alert in alerts:
        groups.setdefault(alert.kind, []).append(alert)
    result = [
        AlertGroup(
            kind=kind,
            title=items[0].title,
            severity="danger" if any(a.severity == "danger" for a in items) else "warn",
            alerts=items,
        )
        for kind, items in groups.items()
    ]
    result.sort(key=lambda g: (g.severity != "danger", -g.count, g.kind))
    return result


@staff_view(*IOC_ROLES, note="alerts of the leader's own scope")
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    """A shell whose two sections (steps and cases; money and receipts) load and refresh by
    htmx, each with its own kinds of alert, so every request stays within the query budget."""
    today = calendar_today()
    scope = home_scope(request.user)
    part = request.GET.get("part", "")
    context: dict[str, Any] = {"scope": scope, "today": today, "title": None}
    if part:
        if part not in ALERT_PARTS:
            raise Http404
        alerts = scope_alerts(
            actor=request.user, scope=scope, today=today, kinds=ALERT_PARTS[part][1]
        )
        context.update(
            {"groups": group_alerts(alerts), "part": part, "part_title": ALERT_PARTS[part][0]}
        )
        return render_page(request, "ioc_dashboard/alert_list.html", context, partial="alert-part")
    context["parts"] = [
        (name, title, request.path + carried_query(request, part=name))
        for name, (title, _kinds) in ALERT_PARTS.items()
    ]
    return render_page(request, "ioc_dashboard/alert_list.html", context)


@staff_view(*IOC_ROLES, note="one alert of an office in the leader's scope, else 404")
@require_GET
def alert_detail(request: HttpRequest, kind: str, office: str) -> HttpResponse:
    if kind not in ALERT_KINDS:
        raise Http404
    today = calendar_today()
    office_scope = scope_for_office(actor=request.user, code=office)
    alerts = scope_alerts(actor=request.user, scope=office_scope, today=today, kinds={kind})
    alert = next((a for a in alerts if a.office_code == office), None)
    if alert is None:
        raise Http404
    scope = home_scope(request.user)
    context = {
        "scope": scope,
        "alert": alert,
        "rows": _rows(request, alert, today),
        "today": today,
        "limit": LIST_LIMIT,
        "office_task_url": _task_url(request, office=alert.office_code, title=str(alert.title)),
        "office_url": reverse("ioc_dashboard:office", args=[alert.office_code]),
    }
    return render_page(request, "ioc_dashboard/alert_detail.html", context)


def _task_url(request: HttpRequest, **params: Any) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    params["next"] = request.get_full_path()
    return reverse("ioc_dashboard:task-create") + "?" + urlencode(params)


def _safe_reverse(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _rows(request: HttpRequest, alert: Alert, today: Any) -> dict[str, list[dict[str, Any]]]:
    """The objects behind ``alert``, read through the owning app's selectors (scoped)."""
    actor = request.user
    title = str(alert.title)
    rows: dict[str, list[dict[str, Any]]] = {"cases": [], "receipts": []}
    ids = list(alert.object_ids)[:LIST_LIMIT]
    if ids and alert.object_kind == "case":
        cases = enforcement_selectors.case_list_for_scope(
            actor=actor, today=today, include_closed=True
        ).filter(pk__in=ids)
        for case in cases:
            officer = case.assigned_officer
            rows["cases"].append(
                {
                    "case": case,
                    "url": reverse("enforcement:case-detail", args=[case.pk]),
                    "task_url": _task_url(
                        request,
                        office=case.office.code,
                        case=case.pk,
                        assignee=officer.username if officer else "",
                        title=f"{title}: {case.number}",
                    ),
                }
            )
    if ids and alert.object_kind == "receipt":
        receipts = receipt_selectors.receipt_list_for_user(actor=actor).filter(pk__in=ids)
        for receipt in receipts:
            rows["receipts"].append(
                {
                    "receipt": receipt,
                    "url": _safe_reverse("receipts:receipt-detail", receipt.pk),
                    "task_url": _task_url(
                        request,
                        office=receipt.office.code,
                        case=receipt.case_id or "",
                        title=f"{title}: {receipt}",
                    ),
                }
            )
    return rows
