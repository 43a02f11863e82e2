"""Template helpers of the calendar pages: ``{% load thads_calendar %}``."""

from datetime import date

from django import template

from thads.calendar.workdays import weekday_name

register = template.Library()


@register.filter
def weekday_vi(value: date | None) -> str:
    """The Vietnamese day of the week of a date ("Thứ Hai" … "Chủ nhật")."""
    return weekday_name(value) if value else ""
