"""Contexts for tests/architecture/test_templates_render.py: the calendar pages, for real."""

from datetime import date

from django.core.paginator import Paginator

from thads.calendar.forms import CalendarOverrideForm
from thads.calendar.forms import DeadlineCalcForm
from thads.calendar.selectors import calendar_month_grid
from thads.calendar.workdays import explain_working_days
from thads.calendar.workdays import upcoming_days_off


def _month(request):
    today = date(2026, 2, 17)
    return {
        "grid": calendar_month_grid(year=2026, month=2, today=today),
        "today": today,
        "calc_form": DeadlineCalcForm(initial={"start": today, "number": 5}),
        "span": explain_working_days(date(2026, 2, 14), 5),
        "upcoming": upcoming_days_off(today),
        "can_manage": True,
    }


def _overrides(request):
    return {"form": CalendarOverrideForm(), "page": Paginator([], 50).get_page(1)}


TEMPLATE_CONTEXTS = {
    "calendar/calendar_month.html": _month,
    "calendar/override_list.html": _overrides,
    "calendar/partials/form_field.html": lambda request: {"field": DeadlineCalcForm()["start"]},
}
