from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "thads.calendar"
    label = "thads_calendar"
    verbose_name = _("Lịch ngày làm việc")

    def ready(self) -> None:
        from thads.calendar.permissions import CalendarPerm
        from thads.navigation import register_nav_item
        from thads.permissions import Role
        from thads.permissions import register_role_permissions

        register_role_permissions({Role.SYSADMIN: {perm.value for perm in CalendarPerm}})
        # The month page itself is a core menu item (thads.navigation); the overrides are
        # configuration for system administrators.
        register_nav_item(
            "calendar-overrides",
            _("Ngày nghỉ, ngày làm bù"),
            "calendar:override-list",
            roles={Role.SYSADMIN},
            order=20,
            section="admin",
            description=_("Khai báo ngày nghỉ, ngày làm việc bù theo thông báo chính thức."),
        )
        # No demo seeder: the `holidays` package already carries the official 2026 days off and
        # swaps, and an override needs a real announcement (legal basis) that demo data would
        # have to invent.
