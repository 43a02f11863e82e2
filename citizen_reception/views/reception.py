"""The reception log (sổ tiếp công dân) and the heads' reception days (Luật Tiếp công dân
Arts 18, 26; domain.md §5.6): lists to read and print, a form to record who was received, and
the schedule a head (or the reception officer for them) arranges and cancels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from citizen_reception import selectors
from citizen_reception import services
from citizen_reception.exceptions import PetitionError
from citizen_reception.forms import ReceptionLogFilterForm
from citizen_reception.forms import ReceptionLogForm
from citizen_reception.forms import ScheduleCancelForm
from citizen_reception.forms import ScheduleForm
from citizen_reception.views.common import LOG_VIEW_ROLES
from citizen_reception.views.common import LOG_WRITE_ROLES
from citizen_reception.views.common import SCHEDULE_VIEW_ROLES
from citizen_reception.views.common import SCHEDULE_WRITE_ROLES
from citizen_reception.views.common import go
from citizen_reception.views.common import vary
from thads.org.selectors import user_list_for_office
from thads.permissions import LEADER_ROLES
from thads.permissions import staff_view

__all__ = [
    "reception_log",
    "reception_log_new",
    "schedule_cancel",
    "schedule_list",
]

PAGE_SIZE = 50
#: How far back the schedule page shows past reception days.
HISTORY_DAYS = 90
#: How long a used idempotency key of the log form is remembered (double submits).
IDEMPOTENCY_TTL = 24 * 3600


def _log_filters(form: ReceptionLogFilterForm) -> dict[str, Any]:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return {
        "date_from": data.get("day_from"),
        "date_to": data.get("day_to"),
        "q": (data.get("q") or "").strip(),
    }


@staff_view(*LOG_VIEW_ROLES, note="log entries of offices in scope")
@require_GET
def reception_log(request: HttpRequest) -> HttpResponse:
    form = ReceptionLogFilterForm(request.GET or None)
    filters = _log_filters(form)
    queryset = selectors.reception_log_for_user(user=request.user, filters=filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_write": request.user.role in LOG_WRITE_ROLES,
        "printing": request.GET.get("print") == "1",
        "now": timezone.localtime(),
    }
    template = "citizen_reception/staff/reception_log.html"
    if request.htmx and request.htmx.target == "reception-log-table":
        template += "#reception-log-table"
    return vary(render(request, template, context))


def _schedules(request: HttpRequest) -> Any:
    return selectors.reception_schedule_for_office(
        office=request.user.office, from_date=timezone.localdate() - dt.timedelta(days=1)
    )


def _log_entry_data(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    petition = None
    if data["petition_code"]:
        try:
            petition = selectors.petition_get_by_code_for_user(
                user=request.user, code=data["petition_code"]
            )
        except Http404:
            raise PetitionError(
                _("Không tìm thấy đơn có mã %(code)s.") % {"code": data["petition_code"]}
            ) from None
    fields = (
        "received_at",
        "person_name",
        "person_id_number",
        "person_address",
        "people_count",
        "content",
        "documents_received",
        "result",
        "refusal_reason",
        "follow_up",
        "schedule",
    )
    return {**{name: data[name] for name in fields}, "petition": petition}


@staff_view(*LOG_WRITE_ROLES, note="records into the actor's own office")
@require_http_methods(["GET", "POST"])
def reception_log_new(request: HttpRequest) -> HttpResponse:
    form = ReceptionLogForm(request.POST or None, schedules=_schedules(request))
    if request.method == "POST" and form.is_valid():
        key = f"citizen_reception:log:{request.user.pk}:{form.cleaned_data['idempotency_key']}"
        if not cache.add(key, 1, IDEMPOTENCY_TTL):
            messages.info(request, _("Lượt tiếp này đã được ghi sổ."))
            return go(request, reverse("citizen_reception:reception-log"))
        try:
            services.reception_log_record(
                actor=request.user,
                office=request.user.office,
                data=_log_entry_data(request, form.cleaned_data),
            )
        except PetitionError as exc:
            cache.delete(key)
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi sổ tiếp công dân."))
            return go(request, reverse("citizen_reception:reception-log"))
    status = 422 if request.method == "POST" else 200
    return render(
        request, "citizen_reception/staff/reception_log_form.html", {"form": form}, status=status
    )


def _hosts(request: HttpRequest) -> Any:
    return user_list_for_office(actor=request.user, office=request.user.office).filter(
        role__in=sorted(LEADER_ROLES)
    )


@staff_view(*SCHEDULE_VIEW_ROLES, note="reception days of the actor's office; heads arrange them")
@require_http_methods(["GET", "POST"])
def schedule_list(request: HttpRequest) -> HttpResponse:
    can_write = request.user.role in SCHEDULE_WRITE_ROLES
    form = (
        ScheduleForm(
            request.POST or None,
            hosts=_hosts(request),
            initial={"host": request.user.pk} if request.user.role in LEADER_ROLES else None,
        )
        if can_write
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.reception_schedule_create(
                    actor=request.user, office=request.user.office, **form.cleaned_data
                )
            except PetitionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lập lịch tiếp công dân."))
                return go(request, reverse("citizen_reception:schedule-list"))
    schedules = selectors.reception_schedule_for_office(
        office=request.user.office,
        from_date=timezone.localdate() - dt.timedelta(days=HISTORY_DAYS),
        include_cancelled=True,
    )
    context = {
        "schedules": schedules,
        "form": form,
        "can_write": can_write,
        "cancel_form": ScheduleCancelForm(),
        "today": timezone.localdate(),
        "office": request.user.office,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "citizen_reception/staff/schedule_list.html", context, status=status)


@staff_view(*SCHEDULE_WRITE_ROLES, note="reception day of the actor's office, else 404")
@require_POST
def schedule_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = (
        selectors.reception_schedule_for_office(office=request.user.office, include_cancelled=True)
        .filter(pk=pk)
        .first()
    )
    if schedule is None:
        raise Http404
    form = ScheduleCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do hủy buổi tiếp."))
    else:
        try:
            services.reception_schedule_cancel(
                actor=request.user, schedule=schedule, reason=form.cleaned_data["reason"]
            )
        except PetitionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã hủy buổi tiếp công dân."))
    return go(request, reverse("citizen_reception:schedule-list"))
