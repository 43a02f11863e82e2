"""Contexts for tests/architecture/test_templates_render.py: the operations centre's pages and
their htmx sections, rendered for the office of the signed-in user with real objects."""

import datetime as dt

from django.urls import reverse

from ioc_dashboard.forms import PeriodForm
from ioc_dashboard.forms import ReportForm
from ioc_dashboard.forms import TaskAssignForm
from ioc_dashboard.selectors.alerts import Alert
from ioc_dashboard.types import Period
from ioc_dashboard.views import charts
from ioc_dashboard.views.alerts import group_alerts
from ioc_dashboard.views.common import base_context
from ioc_dashboard.views.dashboard import BreakdownRow
from ioc_dashboard.views.figures import Figure
from ioc_dashboard.views.figures import metric_choices
from ioc_dashboard.views.scope import Crumb
from ioc_dashboard.views.scope import Scope
from tests.factories.enforcement import CaseFactory

TODAY = dt.date(2026, 11, 23)
PERIOD = Period(start=dt.date(2025, 10, 1), end=TODAY)


def _scope(request):
    office = request.user.office
    url = reverse("ioc_dashboard:office", args=[office.code])
    return Scope(
        level="office",
        name=office.name,
        url=url,
        filters={"office": office.code},
        crumbs=(Crumb(office.name, url),),
        child_group_by="officer",
        office=office,
    )


def _alert(request, case):
    office = request.user.office
    return Alert(
        kind="overdue_steps",
        title="Bước thực hiện quá hạn",
        detail="1 bước thực hiện đã quá hạn luật định.",
        severity="danger",
        office_id=office.pk,
        office_code=office.code,
        office_name=office.name,
        count=1,
        object_ids=[case.pk],
    )


def _base(request):
    scope = _scope(request)
    return {
        **base_context(request),
        "request": request,
        "scope": scope,
        "period": PERIOD,
        "today": TODAY,
        "metric_label": "Việc thụ lý mới",
        "form": PeriodForm(today=TODAY, metric_choices=metric_choices()),
    }


def dashboard(request):
    scope = _scope(request)
    return {
        **_base(request),
        "sections": [("figures", scope.url + "?part=figures")],
        "tasks_url": scope.url + "?part=tasks",
        "assign_url": reverse("ioc_dashboard:task-create") + f"?office={scope.office.code}",
        "task_counts": {"total": 0, "done": 0, "open": 0, "overdue": 0},
        "recent_tasks": [],
    }


def figures(request):
    figure = Figure(metric="cases_received", value=3, previous=1, fresh_at=None, list_url="/")
    return {**_base(request), "figure_groups": [("Về việc", [figure])]}


def tile_map(request):
    return {
        **_base(request),
        "map": charts.tile_map(
            provinces=[(1, "Hà Nội"), (79, "Hồ Chí Minh")],
            values={1: 10, 79: 20},
            kind="count",
            url_for=lambda code: f"/ioc/provinces/{code}/",
        ),
    }


def trend(request):
    return {
        **_base(request),
        "chart": charts.trend_chart(now=[("10/25", 1), ("11/25", 2)], before=[], kind="count"),
    }


def breakdown(request):
    row = BreakdownRow(
        key="1",
        label="Nguyễn Văn Một",
        url="/ioc/",
        values=["1"],
        office_code=request.user.office.code,
        username="cb1",
    )
    return {
        **_base(request),
        "rows": [row],
        "columns": ["Việc thụ lý mới"],
        "child_label": "Cán bộ",
    }


def alert_list(request):
    return {**_base(request), "title": None, "parts": [("steps", "Thời hạn", "/ioc/alerts/")]}


def alert_part(request):
    case = CaseFactory(office=request.user.office)
    return {
        **_base(request),
        "part": "steps",
        "part_title": "Thời hạn",
        "groups": group_alerts([_alert(request, case)]),
    }


def alert_detail(request):
    case = CaseFactory(office=request.user.office)
    return {
        **_base(request),
        "alert": _alert(request, case),
        "rows": {"cases": [{"case": case, "url": "/", "task_url": "/"}], "receipts": []},
        "office_task_url": "/",
        "office_url": "/",
    }


def report(request):
    office = request.user.office
    choices = [(f"office:{office.code}", office.name)]
    form = ReportForm(
        {"scope": choices[0][0], "year": 2026, "months": 12}, scope_choices=choices, today=TODAY
    )
    form.is_valid()
    return {**_base(request), "form": form, "report": None, "report_scope": None, "title": None}


def task_form(request):
    office = request.user.office
    form = TaskAssignForm(initial={"office": office.code}, today=TODAY, staff=[request.user])
    return {**base_context(request), "form": form, "office": office, "case": None, "back_url": "/"}


TEMPLATE_CONTEXTS = {
    "ioc_dashboard/dashboard.html": dashboard,
    "ioc_dashboard/dashboard.html#part-figures": figures,
    "ioc_dashboard/dashboard.html#part-map": tile_map,
    "ioc_dashboard/dashboard.html#part-trend": trend,
    "ioc_dashboard/dashboard.html#part-breakdown": breakdown,
    "ioc_dashboard/dashboard.html#part-tasks": dashboard,
    "ioc_dashboard/alert_list.html": alert_list,
    "ioc_dashboard/alert_list.html#alert-part": alert_part,
    "ioc_dashboard/alert_detail.html": alert_detail,
    "ioc_dashboard/report.html": report,
    "ioc_dashboard/task_form.html": task_form,
}
