from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenReceptionConfig(AppConfig):
    name = "citizen_reception"
    verbose_name = _("Tiếp công dân, khiếu nại, tố cáo")

    def ready(self) -> None:
        from citizen_reception import receivers
        from citizen_reception import seeding
        from citizen_reception import seeding_large
        from citizen_reception.navigation import register_navigation
        from citizen_reception.permissions import DECIDE_ROLES
        from citizen_reception.permissions import HANDLE_ROLES
        from citizen_reception.permissions import RECEIVE_ROLES
        from citizen_reception.permissions import SCHEDULE_ROLES
        from citizen_reception.permissions import VIEW_ROLES
        from thads.notify.rendering import register_notification_template
        from thads.permissions import register_role_permissions

        receivers.connect()
        seeding.register()
        seeding_large.register()
        register_navigation()
        register_notification_template("petition_received", _("Xác nhận đã tiếp nhận đơn"))
        register_notification_template("petition_update", _("Cập nhật tiến độ giải quyết đơn"))
        register_notification_template("petition_deadline_reminder", _("Nhắc thời hạn xử lý đơn"))
        view = {
            "citizen_reception.view_petition",
            "citizen_reception.view_petitionevent",
            "citizen_reception.view_petitiondeadline",
            "citizen_reception.view_receptionlogentry",
            "citizen_reception.view_receptionschedule",
        }
        mapping: dict[str, set[str]] = {role: set(view) for role in VIEW_ROLES}
        for role in RECEIVE_ROLES:
            mapping[role] |= {
                "citizen_reception.add_petition",
                "citizen_reception.add_receptionlogentry",
            }
        for role in HANDLE_ROLES:
            mapping[role] |= {
                "citizen_reception.change_petition",
                "citizen_reception.add_petitionnote",
                "citizen_reception.view_petitionnote",
            }
        for role in DECIDE_ROLES:
            mapping[role] |= {"citizen_reception.change_petition"}
        for role in SCHEDULE_ROLES:
            mapping[role] |= {
                "citizen_reception.add_receptionschedule",
                "citizen_reception.change_receptionschedule",
            }
        register_role_permissions(mapping)
