"""The sector's periodic statistical report (issue 8 item 3): choose an office, a province or the
nation within the leader's scope, a statistical year (1 October – 30 September) and a 3, 6, 10
or 12-month period; view it, or download it as XLSX. Computed from live data by
``ioc_dashboard.selectors`` and written by ``ioc_dashboard.exports`` (the figures engine)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ioc_dashboard.exports import report_xlsx as export
from ioc_dashboard.forms import ReportForm
from ioc_dashboard.selectors import report_compute
from ioc_dashboard.views.common import render_page
from ioc_dashboard.views.scope import IOC_ROLES
from ioc_dashboard.views.scope import Scope
from ioc_dashboard.views.scope import province_short_name
from ioc_dashboard.views.scope import scope_for_nation
from ioc_dashboard.views.scope import scope_for_office
from ioc_dashboard.views.scope import scope_for_province
from thads.calendar.selectors import calendar_today
from thads.org.selectors import office_list_for_user
from thads.permissions import Role
from thads.permissions import staff_view

__all__ = ["report", "report_xlsx"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope_choices(actor: Any) -> list[tuple[str, str]]:
    offices = [o for o in office_list_for_user(actor=actor) if o.level != "central"]
    choices: list[tuple[str, str]] = []
    if actor.role == Role.MINISTRY_LEADER:
        choices.append(("nation", _("Toàn quốc")))
    if actor.role in (Role.MINISTRY_LEADER, Role.PROVINCIAL_HEAD):
        provinces = sorted({(o.province.code, o.province.name) for o in offices})
        choices += [(f"province:{code}", province_short_name(name)) for code, name in provinces]
    choices += [(f"office:{o.code}", o.name) for o in offices]
    return choices


def _scope(actor: Any, value: str) -> Scope:
    if value == "nation":
        return scope_for_nation(actor=actor)
    level, _sep, key = value.partition(":")
    if level == "province" and key.isdigit():
        return scope_for_province(actor=actor, code=int(key))
    return scope_for_office(actor=actor, code=key)


def _default_year(today: Any) -> int:
    """The statistical year in progress is named by the year it ends in (1/10/2025 → 2026)."""
    return today.year + 1 if today.month >= 10 else today.year


def _bound_form(request: HttpRequest, today: Any) -> ReportForm:
    choices = _scope_choices(request.user)
    data = request.GET.copy() if "scope" in request.GET else None
    form = ReportForm(data, scope_choices=choices, today=today)
    if data is None:
        form = ReportForm(
            {"scope": choices[0][0], "year": _default_year(today), "months": 12},
            scope_choices=choices,
            today=today,
        )
    return form


def _compute(request: HttpRequest, form: ReportForm, today: Any) -> tuple[Scope, Any]:
    scope = _scope(request.user, form.cleaned_data["scope"])
    report = report_compute(
        filters=scope.intent_filters(),
        year=form.cleaned_data["year"],
        months=form.cleaned_data["months"],
        today=today,
    )
    return scope, report


@staff_view(*IOC_ROLES, note="a scope inside the leader's own (nation/province/office), else 404")
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    today = calendar_today()
    form = _bound_form(request, today)
    scope = report_data = None
    if form.is_valid():
        scope, report_data = _compute(request, form, today)
    context = {
        "form": form,
        "report": report_data,
        "report_scope": scope,
        "scope": scope,
        "today": today,
        "xlsx_query": urlencode({k: form.data.get(k, "") for k in ("scope", "year", "months")}),
        "title": None,
    }
    status = 200 if form.is_valid() else 422
    response = render_page(request, "ioc_dashboard/report.html", context)
    response.status_code = status
    return response


@staff_view(*IOC_ROLES, note="same scope rule as the report page")
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    today = calendar_today()
    form = _bound_form(request, today)
    if not form.is_valid():
        return report(request)
    scope, report_data = _compute(request, form, today)
    content = export(report_data)
    response = HttpResponse(content, content_type=XLSX_TYPE)
    data = form.cleaned_data
    slug = scope.key.replace(":", "-")
    filename = f"bao-cao-thong-ke-{slug}-{data['year']}-{data['months']}thang.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
