from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IocDashboardConfig(AppConfig):
    name = "ioc_dashboard"
    verbose_name = _("Trung tâm điều hành")
