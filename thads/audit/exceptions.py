"""Errors of the audit trail, with Vietnamese messages."""

from django.utils.translation import gettext_lazy as _


class AuditError(Exception):
    """Base class of audit errors; ``str()`` is the message shown to the user."""

    default_message = _("Lỗi nhật ký kiểm toán.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(str(message or self.default_message))


class AuditAppendOnlyError(AuditError):
    """An audit event may never be changed or deleted, only appended."""

    default_message = _("Nhật ký kiểm toán chỉ được ghi thêm: không được sửa hay xóa sự kiện.")
