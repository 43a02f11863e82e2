"""Errors of the integration layer; each carries a Vietnamese ``message`` for staff.

An :class:`IntegrationCallError` means the request was sent (or tried) and recorded: ``call_id``
names the ``IntegrationCall`` row, ``status`` its outcome and ``retryable`` whether sending the
same request again may succeed (a timeout, a 5xx, garbage) or not (a 4xx refusal).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class IntegrationError(Exception):
    """A request to an outside system that could not be made or did not succeed."""

    default_message = _("Không thực hiện được yêu cầu tới hệ thống bên ngoài.")
    retryable = False

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class IntegrationNotConfiguredError(IntegrationError):
    """The integration is switched on (``THADS_USE_<SYSTEM>``) but its URL or secret is missing.

    Raised before anything is recorded; ``manage.py check`` reports the same as
    ``integrations.E001``.
    """

    retryable = True


class IntegrationCallError(IntegrationError):
    """The request was recorded and did not succeed; see ``call_id`` for the evidence."""

    def __init__(self, message: str, *, call_id: int | None, status: str, retryable: bool) -> None:
        super().__init__(message)
        self.call_id = call_id
        self.status = status
        self.retryable = retryable


class IntegrationCallInProgressError(IntegrationCallError):
    """Another process is sending this very request (same system and idempotency key)."""


class IntegrationIdempotencyConflictError(IntegrationError):
    """The idempotency key was already used for a different request to the same system."""


class IntegrationCallNotRetryableError(IntegrationError):
    """A manual or scheduled retry of a call that succeeded, was refused, or lost its payload."""

    default_message = _("Lượt gọi này không thể gửi lại.")


class IntegrationSealError(IntegrationError):
    """The kept payload cannot be decrypted (the secret key changed)."""

    default_message = _(
        "Không giải mã được dữ liệu gốc của yêu cầu (khóa bí mật đã thay đổi). "
        "Yêu cầu phải được lập lại từ nghiệp vụ gốc."
    )
