"""Errors of PDF signing; each carries a Vietnamese ``message`` for the operator or the user."""

from django.utils.translation import gettext_lazy as _


class SigningError(Exception):
    """Signing could not be done; ``message`` says why (never a key, a PIN or a passphrase)."""

    default_message = _("Không ký số được văn bản.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class SigningConfigurationError(SigningError):
    """The signing settings are missing or point at something that does not exist."""

    default_message = _("Cấu hình ký số chưa đúng.")


class SigningKeyMissingError(SigningError):
    """An office has no signing key and certificate, and the platform cannot issue one."""

    default_message = _("Đơn vị chưa có khóa và chứng thư ký số.")
