"""Domain errors of the decisions app, with Vietnamese messages. Templates, drafts, batches,
signing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

__all__ = [
    "DecisionAlreadySigningError",
    "DecisionError",
    "DecisionFieldsInvalidError",
    "DecisionNothingDueError",
    "DecisionSigningUnavailableError",
    "DecisionStaleError",
    "DecisionStateError",
    "DecisionTemplateMissingError",
]


class DecisionError(Exception):
    """A decision operation that cannot be done; ``message`` is shown to the user."""

    default_message = _("Không thực hiện được thao tác với quyết định.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class DecisionTemplateMissingError(DecisionError):
    default_message = _("Chưa có mẫu quyết định áp dụng cho ngày này.")


class DecisionStateError(DecisionError):
    default_message = _("Quyết định không ở trạng thái cho phép thao tác này.")


class DecisionStaleError(DecisionError):
    default_message = _(
        "Quyết định đã được người khác thay đổi trong lúc bạn chỉnh sửa. Hãy tải lại trang."
    )


class DecisionNothingDueError(DecisionError):
    default_message = _("Các bản án đã chọn không có quyết định nào cần dự thảo.")


class DecisionAlreadySigningError(DecisionError):
    default_message = _(
        "Các quyết định của lô này đã được ký hoặc đang được ký bởi người khác; không có quyết "
        "định nào đã duyệt chờ ký."
    )


class DecisionSigningUnavailableError(DecisionError):
    """The office's signing key is missing, expired or unusable: nothing was numbered."""

    default_message = _("Không ký số được: khóa ký số của đơn vị không sử dụng được.")


class DecisionFieldsInvalidError(DecisionError):
    """Required fields are blank; ``errors`` maps each field name to its Vietnamese message."""

    default_message = _("Quyết định còn thiếu thông tin bắt buộc.")

    def __init__(self, errors: dict[str, str], message: str | None = None) -> None:
        self.errors = errors
        super().__init__(message)
