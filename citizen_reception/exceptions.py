"""Errors of the citizen_reception app; each carries a Vietnamese message for the officer or
the citizen (``message``), safe to show as is."""

from __future__ import annotations

from django.utils.translation import gettext as _

__all__ = [
    "PetitionAttachmentError",
    "PetitionError",
    "PetitionInvalidError",
    "PetitionPermissionError",
    "PetitionRateLimitedError",
    "PetitionRuleMissingError",
    "PetitionStaleError",
    "PetitionStateError",
    "ReceptionError",
]


class PetitionError(Exception):
    """A petition operation was refused; ``message`` says why (Vietnamese)."""

    default_message = ""

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message or _("Không thực hiện được thao tác."))
        super().__init__(self.message)


class PetitionStaleError(PetitionError):
    """The form was made from an older version of the petition: someone changed it since."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Đơn đã được người khác cập nhật sau khi bạn mở trang. "
                "Hãy tải lại trang để xem thông tin mới nhất rồi thực hiện lại."
            )
        )


class PetitionPermissionError(PetitionError):
    """The actor's role or office may not do this to this petition."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Bạn không có quyền thực hiện thao tác này với đơn."))


class PetitionRateLimitedError(PetitionError):
    """Too many submissions from one address or identity in a short time."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or _("Bạn đã gửi quá nhiều đơn trong thời gian ngắn. Vui lòng thử lại sau.")
        )


class PetitionStateError(PetitionError):
    """The petition is not in a state that allows the operation (already resolved, ...)."""


class PetitionInvalidError(PetitionError):
    """The data given is incomplete or inconsistent (missing subject, bad complaint level...)."""


class PetitionAttachmentError(PetitionInvalidError):
    """An attached file was refused (type, size, too many files, malicious content)."""


class PetitionRuleMissingError(PetitionError):
    """No deadline rule is in force for this kind on this date (rules not loaded)."""


class ReceptionError(PetitionError):
    """A reception log entry or a reception day was refused."""
