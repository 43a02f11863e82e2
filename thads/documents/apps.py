from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thads.documents"
    label = "documents"
    verbose_name = _("Tài liệu và tiến trình xử lý")

    def ready(self) -> None:
        from thads.navigation import register_nav_item

        register_nav_item(
            "jobs",
            _("Tác vụ nền"),
            "documents:job-list",
            order=30,
            section="general",
            description=_("Tiến độ các công việc dài: nhận dạng văn bản, lập hàng loạt, báo cáo."),
        )
