"""Calendar pages: the month grid with the deadline calculator, and the overrides (sysadmin)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from thads.calendar import selectors
from thads.calendar import services
from thads.calendar.exceptions import CalendarError
from thads.calendar.forms import CalendarOverrideForm
from thads.calendar.forms import DeadlineCalcForm
from thads.calendar.workdays import MAX_YEAR
from thads.calendar.workdays import MIN_YEAR
from thads.calendar.workdays import explain_calendar_days
from thads.calendar.workdays import explain_working_days
from thads.calendar.workdays import upcoming_days_off
from thads.permissions import Role
from thads.permissions import staff_view

MONTH_TEMPLATE = "calendar/calendar_month.html"
OVERRIDE_TEMPLATE = "calendar/override_list.html"


def _int_param(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if lo <= number <= hi else default


def _month_context(request: HttpRequest, calc_form: DeadlineCalcForm) -> dict[str, Any]:
    today = selectors.calendar_today()
    year = _int_param(request.GET.get("year"), today.year, MIN_YEAR, MAX_YEAR)
    month = _int_param(request.GET.get("month"), today.month, 1, 12)
    grid = selectors.calendar_month_grid(year=year, month=month, today=today)
    return {
        "grid": grid,
        "today": today,
        "calc_form": calc_form,
        "upcoming": upcoming_days_off(today, limit=8),
        "can_manage": request.user.role == Role.SYSADMIN,
        "min_year": MIN_YEAR,
        "max_year": MAX_YEAR,
    }


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], **kwargs: Any
) -> HttpResponse:
    response = render(request, template, context, **kwargs)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@staff_view(note="every staff role; the national working-day calendar")
def calendar_month(request: HttpRequest) -> HttpResponse:
    """Month grid (Monday first) with holidays, days off and makeup days; htmx swaps the month."""
    calc_form = DeadlineCalcForm(initial={"start": selectors.calendar_today(), "number": 5})
    context = _month_context(request, calc_form)
    template = MONTH_TEMPLATE
    if request.htmx and request.htmx.target == "calendar-month":
        template += "#calendar-month"
    return _render(request, template, context)


@require_GET
@staff_view(note="every staff role; computes a deadline, changes nothing")
def calendar_calculate(request: HttpRequest) -> HttpResponse:
    """Deadline calculator: end date of n working or calendar days after a date, explained."""
    form = DeadlineCalcForm(request.GET)
    span = None
    if form.is_valid():
        start, number = form.cleaned_data["start"], form.cleaned_data["number"]
        try:
            if form.cleaned_data["unit"] == DeadlineCalcForm.UNIT_WORKING:
                span = explain_working_days(start, number)
            else:
                span = explain_calendar_days(start, number)
        except CalendarError as error:
            form.add_error(None, error.message)
    if request.htmx:
        return _render(
            request, MONTH_TEMPLATE + "#calendar-calc", {"calc_form": form, "span": span}
        )
    context = _month_context(request, form)
    context["span"] = span
    return _render(request, MONTH_TEMPLATE, context)


def _override_page(
    request: HttpRequest, form: CalendarOverrideForm, *, status: int = 200
) -> HttpResponse:
    if request.htmx and request.method == "POST":
        return _render(request, OVERRIDE_TEMPLATE + "#override-form", {"form": form}, status=status)
    page = Paginator(selectors.calendar_override_list(), 50).get_page(request.GET.get("page"))
    return _render(request, OVERRIDE_TEMPLATE, {"form": form, "page": page}, status=status)


@require_GET
@staff_view(Role.SYSADMIN, note="system administrators: official days off and working days")
def override_list(request: HttpRequest) -> HttpResponse:
    """Overrides (newest date first) and the form to add one; ``?edit=<pk>`` pre-fills it."""
    initial: dict[str, Any] = {}
    edit_pk = _int_param(request.GET.get("edit"), 0, 1, 2**63 - 1)
    editing = selectors.calendar_override_get(pk=edit_pk) if edit_pk else None
    if editing is not None:
        initial = {
            "date": editing.date,
            "kind": editing.kind,
            "name": editing.name,
            "legal_basis": editing.legal_basis,
        }
    return _override_page(request, CalendarOverrideForm(initial=initial))


def _to_list() -> HttpResponse:
    return redirect(reverse("calendar:override-list"), permanent=False)


def _done(request: HttpRequest) -> HttpResponse:
    if request.htmx:
        return HttpResponseClientRedirect(reverse("calendar:override-list"))
    response = _to_list()
    response.status_code = 303
    return response


@require_POST
@staff_view(Role.SYSADMIN, note="system administrators: record an official day off/working day")
def override_create(request: HttpRequest) -> HttpResponse:
    """Record (or change) the override of a date; re-renders the form with 422 on errors."""
    form = CalendarOverrideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            override = services.calendar_override_set(
                actor=request.user,
                day=data["date"],
                kind=data["kind"],
                name=data["name"],
                legal_basis=data["legal_basis"],
            )
        except CalendarError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Đã lưu ngày ngoại lệ {day}: {name}.").format(
                    day=override.date.strftime("%d/%m/%Y"), name=override.name
                ),
            )
            return _done(request)
    return _override_page(request, form, status=422)


@require_POST
@staff_view(Role.SYSADMIN, note="system administrators: remove an override")
def override_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an override; a second submit finds it gone and says so (no error)."""
    override = selectors.calendar_override_get(pk=pk)
    if override is None:
        messages.info(request, _("Ngày ngoại lệ này đã được xóa trước đó."))
        return _done(request)
    services.calendar_override_remove(actor=request.user, override=override)
    messages.success(
        request,
        _("Đã xóa ngày ngoại lệ {day}: {name}.").format(
            day=override.date.strftime("%d/%m/%Y"), name=override.name
        ),
    )
    return _done(request)
