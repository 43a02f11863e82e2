from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenReceptionConfig(AppConfig):
    name = "citizen_reception"
    verbose_name = _("Tiếp công dân, khiếu nại, tố cáo")
