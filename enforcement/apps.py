from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Tổ chức thi hành án")

    def ready(self) -> None:
        from enforcement import receivers

        receivers.connect()
