from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Hỗ trợ ra quyết định thi hành án")

    def ready(self) -> None:
        from decisions import receivers

        receivers.connect()
