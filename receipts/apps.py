from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceiptsConfig(AppConfig):
    name = "receipts"
    verbose_name = _("Biên lai điện tử")

    def ready(self) -> None:
        from receipts import seeding
        from receipts import seeding_large
        from receipts.permissions import PAYMENT_PROPOSE_ROLES
        from receipts.permissions import RECEIPT_VIEW_ROLES
        from receipts.tasks_intake import receipt_scan_document_processed
        from thads.documents.signals import document_processed
        from thads.navigation import register_nav_item
        from thads.permissions import Role

        seeding.register()
        seeding_large.register()
        document_processed.connect(
            receipt_scan_document_processed, dispatch_uid="receipts.scan_document_processed"
        )
        register_nav_item(
            "receipts",
            _("Biên lai"),
            "receipts:receipt-list",
            roles=set(RECEIPT_VIEW_ROLES),
            order=40,
            section="work",
            description=_("Lập, ký số, hủy và tra cứu biên lai thu tiền."),
        )
        register_nav_item(
            "receipts-payments",
            _("Khoản chi trả"),
            "receipts:payment-list",
            roles=set(PAYMENT_PROPOSE_ROLES),
            order=41,
            section="work",
            description=_("Đề nghị chi, duyệt chi cho người được thi hành án."),
        )
        register_nav_item(
            "receipts-scans",
            _("Chứng từ nộp tiền"),
            "receipts:scan-list",
            roles={
                Role.COUNTER_STAFF,
                Role.CASHIER,
                Role.ACCOUNTANT,
                Role.ENFORCEMENT_OFFICER,
                Role.OFFICE_HEAD,
            },
            order=42,
            section="work",
            description=_("Quét chứng từ nộp tiền, nhận dạng và điền sẵn biên lai."),
        )
        register_nav_item(
            "receipts-reconciliation",
            _("Đối chiếu thu tiền"),
            "receipts:reconciliation-daily",
            roles={
                Role.ACCOUNTANT,
                Role.CASHIER,
                Role.OFFICE_HEAD,
                Role.PROVINCIAL_HEAD,
                Role.MINISTRY_LEADER,
            },
            order=43,
            section="work",
            description=_("Đối chiếu biên lai với sổ quỹ và sao kê ngân hàng; xuất CSV, XLSX."),
        )
