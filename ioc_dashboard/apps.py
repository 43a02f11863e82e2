from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IocDashboardConfig(AppConfig):
    name = "ioc_dashboard"
    verbose_name = _("Trung tâm điều hành")

    def ready(self) -> None:
        from ioc_dashboard.navigation import register_navigation

        register_navigation()
