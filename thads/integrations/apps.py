from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "thads.integrations"
    label = "integrations"
    verbose_name = _("Kết nối liên thông")

    def ready(self) -> None:
        from thads.integrations import checks  # noqa: F401  (registers the system checks)
        from thads.navigation import register_nav_item
        from thads.permissions import LEADER_ROLES
        from thads.permissions import Role

        register_nav_item(
            "integration-calls",
            _("Kết nối liên thông"),
            "integrations:call-list",
            roles=LEADER_ROLES | {Role.SYSADMIN},
            order=40,
            section="admin",
            description=_(
                "Các lượt gọi VNeID, ngân hàng, đăng ký tài sản, dân cư, viện kiểm sát "
                "và kết quả từng lần gửi."
            ),
        )
