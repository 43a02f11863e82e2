from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Tổ chức thi hành án")

    def ready(self) -> None:
        from enforcement import receivers
        from enforcement import seeding
        from enforcement import seeding_large
        from thads.navigation import register_nav_item
        from thads.notify.rendering import register_notification_template
        from thads.permissions import Role

        receivers.connect()
        seeding.register()
        seeding_large.register()
        register_notification_template(
            "enforcement_deadline_reminder", _("Nhắc thời hạn thi hành án")
        )
        register_notification_template(
            "enforcement_deadline_escalation", _("Báo cáo thời hạn thi hành án quá hạn")
        )
        register_notification_template(
            "enforcement_inbound_document", _("Văn bản gửi đến cho hồ sơ thi hành án")
        )
        register_nav_item(
            "enforcement-worklist",
            _("Việc của tôi"),
            "enforcement:worklist",
            roles={Role.ENFORCEMENT_OFFICER, Role.OFFICE_HEAD},
            order=20,
            section="work",
            description=_("Hồ sơ đang giải quyết, việc khẩn nhất lên trước."),
        )
        register_nav_item(
            "enforcement-office-load",
            _("Phân công hồ sơ"),
            "enforcement:office-load",
            roles={Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD},
            order=21,
            section="work",
            description=_("Khối lượng công việc của chấp hành viên, phân công và đề xuất."),
        )
        register_nav_item(
            "enforcement-cases",
            _("Hồ sơ thi hành án"),
            "enforcement:case-list",
            roles={Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD, Role.MINISTRY_LEADER},
            order=22,
            section="work",
            description=_("Toàn bộ hồ sơ thi hành án trong phạm vi quản lý."),
        )
