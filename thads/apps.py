from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThadsConfig(AppConfig):
    """The project package as an app: template tags, system checks, demo seeding, home pages."""

    name = "thads"
    verbose_name = _("Nền tảng THADS")

    def ready(self) -> None:
        from thads import checks  # noqa: F401  (registers the system checks)
