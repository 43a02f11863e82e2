from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "thads.calendar"
    label = "thads_calendar"
    verbose_name = _("Lịch ngày làm việc")
