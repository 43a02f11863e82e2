from django.utils.translation import gettext_lazy as _


class OrgError(Exception):
    """An organisation change that cannot be made; ``message`` is shown to the user."""

    default_message = _("Không thể thực hiện thay đổi về tổ chức.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class UserRoleInvalidError(OrgError):
    default_message = _("Vai trò không phù hợp với cấp của đơn vị.")
