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
