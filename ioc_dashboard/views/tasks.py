"""Assigning a task from the operations centre to an office or one of its staff, with a due date
(issue 8 item 4). The write goes through ``enforcement.services.case_task_create`` with
``source="ioc"`` (role and scope checks, audit ``enforcement.task_created``); the task then shows
on the assignee's worklist and its progress on the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from enforcement import exceptions as enforcement_exceptions
from enforcement import selectors as enforcement_selectors
from enforcement import services as enforcement_services
from ioc_dashboard.forms import TaskAssignForm
from ioc_dashboard.views.common import base_context
from ioc_dashboard.views.scope import IOC_ROLES
from thads.calendar.selectors import calendar_today
from thads.org.selectors import office_get_for_user
from thads.org.selectors import user_list_for_office
from thads.permissions import staff_view

__all__ = ["task_create"]

#: The due date the form offers: a week from today.
DEFAULT_DUE_DAYS = 7
#: How long a submitted form's key is remembered against a double submit (seconds).
IDEMPOTENCY_TTL = 24 * 3600


def _safe_next(request: HttpRequest, target: str, default: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _load(request: HttpRequest, data: Any) -> tuple[Any, list[Any], Any]:
    """The office (404 out of scope), its staff, and the case (404 out of scope), if any."""
    office = office_get_for_user(actor=request.user, code=(data.get("office") or "").strip())
    if office.level == "central":
        raise Http404
    staff = list(user_list_for_office(actor=request.user, office=office))
    case = None
    case_id = data.get("case") or ""
    if str(case_id).isdigit():
        case = enforcement_selectors.case_get_for_user(actor=request.user, pk=int(case_id))
    return office, staff, case


@staff_view(*IOC_ROLES, note="an office (and case) in the leader's scope, else 404")
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    today = calendar_today()
    source = request.POST if request.method == "POST" else request.GET
    office, staff, case = _load(request, source)
    default_next = reverse("ioc_dashboard:office", args=[office.code])
    if request.method == "GET":
        form = TaskAssignForm(
            initial={
                "office": office.code,
                "case": case.pk if case else None,
                "assignee": request.GET.get("assignee", ""),
                "title": request.GET.get("title", "")[:300],
                "next": request.GET.get("next", ""),
                "due_on": today + dt.timedelta(days=DEFAULT_DUE_DAYS),
            },
            today=today,
            staff=staff,
        )
        return _render(request, form, office, case, status=200)
    form = TaskAssignForm(request.POST, today=today, staff=staff)
    if not form.is_valid():
        return _render(request, form, office, case, status=422)
    data = form.cleaned_data
    back = _safe_next(request, data.get("next") or "", default_next)
    key = f"ioc:task-create:{request.user.pk}:{data['idempotency_key']}"
    if not cache.add(key, 1, IDEMPOTENCY_TTL):
        messages.info(request, _("Công việc này đã được giao (biểu mẫu đã gửi trước đó)."))
        return HttpResponseRedirect(back, status=303)
    assignee = next((u for u in staff if u.username == data["assignee"]), None)
    try:
        task = enforcement_services.case_task_create(
            actor=request.user,
            office=office,
            title=data["title"],
            due_on=data["due_on"],
            assignee=assignee,
            case=case,
            source="ioc",
        )
    except enforcement_exceptions.CaseError as exc:
        cache.delete(key)
        form.add_error(None, str(exc))
        return _render(request, form, office, case, status=422)
    who = assignee.get_full_name() if assignee else (office.short_name or office.name)
    messages.success(
        request,
        _("Đã giao việc “{title}” cho {who}, hạn {due}.").format(
            title=task.title, who=who, due=task.due_on.strftime("%d/%m/%Y")
        ),
    )
    return HttpResponseRedirect(back, status=303)


def _render(
    request: HttpRequest, form: TaskAssignForm, office: Any, case: Any, *, status: int
) -> HttpResponse:
    default = reverse("ioc_dashboard:office", args=[office.code])
    back = _safe_next(request, str(form["next"].value() or ""), default)
    context = {
        **base_context(request),
        "form": form,
        "office": office,
        "case": case,
        "back_url": back,
    }
    return render(request, "ioc_dashboard/task_form.html", context, status=status)
