"""Permission codenames of the calendar (only system administrators change overrides)."""

from enum import StrEnum


class CalendarPerm(StrEnum):
    VIEW_OVERRIDE = "thads_calendar.view_calendaroverride"
    ADD_OVERRIDE = "thads_calendar.add_calendaroverride"
    CHANGE_OVERRIDE = "thads_calendar.change_calendaroverride"
    DELETE_OVERRIDE = "thads_calendar.delete_calendaroverride"
