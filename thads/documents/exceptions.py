"""Errors of the job machinery; each carries a Vietnamese ``message`` shown to the user."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class JobError(Exception):
    """A job operation that cannot be done; ``message`` is shown to the user."""

    default_message = _("Không thể thực hiện thao tác với tác vụ.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class JobFailedError(JobError):
    """Raised by a task to fail its job with this message (instead of the generic one)."""

    default_message = _("Tác vụ không hoàn thành được.")


class JobNotCancellableError(JobError):
    default_message = _("Tác vụ đã kết thúc, không thể hủy.")


class JobCancelNotAllowedError(JobError, PermissionDenied):
    """Only the creator, a leader or the system administrator may cancel a job (403)."""

    default_message = _("Chỉ người tạo tác vụ hoặc lãnh đạo đơn vị mới được hủy tác vụ này.")


class JobSelftestInvalidError(JobError):
    default_message = _("Số bước phải từ 1 đến 100; bước giả lập lỗi phải nằm trong số bước.")


class DocumentError(Exception):
    """A document operation that cannot be done; ``message`` is shown to the user."""

    default_message = _("Không thể xử lý tài liệu.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class DocumentRejectedError(DocumentError):
    """An upload refused by the checks (thads.documents.validation); nothing was stored.

    ``code`` names the reason for programs and tests (``encrypted``, ``bomb``, ``polyglot``,
    see ``validation.REJECTION_MESSAGES``); ``message`` is the Vietnamese text for the user.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


class DocumentPageError(DocumentError):
    """One page cannot be read (damaged page, OCR engine failure); retrying will not help."""

    default_message = _("Không đọc được trang này.")


class DocumentNotProcessableError(DocumentError):
    default_message = _("Tài liệu đang được xử lý; hãy chờ tác vụ hiện tại kết thúc.")
