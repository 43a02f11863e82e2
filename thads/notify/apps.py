from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "thads.notify"
    label = "notify"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from thads.navigation import register_nav_item
        from thads.permissions import LEADER_ROLES
        from thads.permissions import Role

        register_nav_item(
            "notifications",
            _("Thông báo đã gửi"),
            "notify:notification-list",
            roles=LEADER_ROLES | {Role.SYSADMIN},
            order=30,
            section="admin",
            description=_("Thư điện tử, tin nhắn SMS và thông báo VNeID gửi tới người dân."),
        )
