"""Errors of the working-day calendar; ``message`` is shown to the user (Vietnamese)."""

from django.utils.translation import gettext_lazy as _


class CalendarError(Exception):
    """A calendar change or computation that cannot be made."""

    default_message = _("Không thể thực hiện thao tác trên lịch ngày làm việc.")

    def __init__(self, message: str | None = None, *, field: str | None = None) -> None:
        self.message = str(message or self.default_message)
        #: The form field the message belongs to (``None``: the whole form).
        self.field = field
        super().__init__(self.message)


class CalendarOverrideInvalidError(CalendarError):
    """An override that contradicts the package calendar or lacks its legal basis."""

    default_message = _("Ngày ngoại lệ không hợp lệ.")


class CalendarRangeError(CalendarError, ValueError):
    """A date outside the years the calendar covers."""

    default_message = _("Ngày nằm ngoài phạm vi của lịch ngày làm việc.")
