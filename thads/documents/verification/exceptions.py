"""Errors of the public-token services; each carries a Vietnamese ``message``."""

from django.utils.translation import gettext_lazy as _


class PublicTokenError(Exception):
    """A public-token operation that cannot be done; ``message`` is shown to the user."""

    default_message = _("Không thực hiện được thao tác với mã tra cứu công khai.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class PublicTokenAlreadyRevokedError(PublicTokenError):
    default_message = _("Mã tra cứu này đã bị thu hồi trước đó.")
