"""Errors of the notification outbox and one-time codes; ``message`` is Vietnamese."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class NotifyError(Exception):
    """A notification operation that cannot be done; ``message`` is shown to the user."""

    default_message = _("Không thể gửi thông báo.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class NotificationRecipientInvalidError(NotifyError):
    default_message = _("Người nhận không hợp lệ.")


class NotificationChannelError(NotifyError):
    default_message = _("Kênh gửi không được hỗ trợ cho loại thông báo này.")


class NotificationTemplateError(NotifyError):
    default_message = _("Không tìm thấy mẫu thông báo.")


class OneTimeCodeRateLimitedError(NotifyError):
    """Too many codes asked for one recipient; ``retry_after_minutes`` says when to try again."""

    def __init__(self, message: str, *, retry_after_minutes: int) -> None:
        super().__init__(message)
        self.retry_after_minutes = retry_after_minutes
