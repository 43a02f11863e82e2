from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thads.documents"
    label = "documents"
    verbose_name = _("Tài liệu và tiến trình xử lý")

    def ready(self) -> None:
        from thads.navigation import register_nav_item
        from thads.permissions import Role

        register_nav_item(
            "jobs",
            _("Tác vụ nền"),
            "documents:job-list",
            order=30,
            section="general",
            description=_("Tiến độ các công việc dài: nhận dạng văn bản, lập hàng loạt, báo cáo."),
        )

        register_nav_item(
            "documents-upload",
            _("Tải lên tài liệu"),
            "documents:document-upload",
            roles=[r for r in Role if r not in (Role.MINISTRY_LEADER, Role.SYSADMIN)],
            order=25,
            section="general",
            description=_("Tải lên bản án, quyết định, đơn hoặc chứng từ đã quét."),
        )

        from thads.documents.signing.checks import register_checks

        register_checks()
