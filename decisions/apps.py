from typing import Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _registry_reload(**_kwargs: Any) -> None:
    """Keep the decision template table equal to ``decisions/registry`` after every migrate."""
    from decisions.registry import registry_load

    registry_load(global_apps.get_model("decisions", "DecisionTemplate"))


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Hỗ trợ ra quyết định thi hành án")

    def ready(self) -> None:
        from decisions import receivers
        from decisions import seeding
        from decisions import seeding_drafting
        from decisions import seeding_large
        from decisions.permissions import DECISION_VIEW_ROLES
        from decisions.permissions import JUDGMENT_VIEW_ROLES
        from thads.navigation import register_nav_item

        receivers.connect()
        seeding.register()
        seeding_large.register()
        seeding_drafting.register()
        post_migrate.connect(_registry_reload, sender=self, dispatch_uid="decisions.registry")
        register_nav_item(
            "judgments",
            _("Bản án, quyết định của Tòa án"),
            "decisions:judgment-list",
            roles=sorted(JUDGMENT_VIEW_ROLES),
            order=24,
            section="work",
            description=_("Tiếp nhận bản án, trích xuất tự động và rà soát các trường."),
        )
        register_nav_item(
            "decisions",
            _("Quyết định thi hành án"),
            "decisions:decision-list",
            roles=sorted(DECISION_VIEW_ROLES),
            order=25,
            section="work",
            description=_("Dự thảo hàng loạt, duyệt và ký số quyết định."),
        )
