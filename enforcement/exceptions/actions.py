"""Domain errors of the enforcement app, with Vietnamese messages. Service of documents,
verification, coercion.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

__all__ = [
    "CoercionBlackoutError",
    "CoercionError",
    "EnforcementActionError",
    "PortalAccessLockedError",
    "PortalCodeError",
    "ServiceError",
    "VerificationError",
]


class EnforcementActionError(Exception):
    """An action on a case (service, verification, coercion) that is not allowed now.

    ``message`` is the Vietnamese reason shown to the user; ``field`` names the form field it
    concerns, when one does.
    """

    default_message = _("Không thực hiện được thao tác này.")

    def __init__(self, message: str | None = None, *, field: str | None = None) -> None:
        self.message = str(message or self.default_message)
        self.field = field
        super().__init__(self.message)


class ServiceError(EnforcementActionError):
    """Service of a document refused (wrong channel, missing proof, already served...)."""


class PortalCodeError(ServiceError):
    """The identification code typed on the portal is wrong."""

    default_message = _("Mã định danh không đúng. Vui lòng kiểm tra lại mã ghi trên thông báo.")


class PortalAccessLockedError(ServiceError):
    """Too many wrong codes: the portal access is locked until staff issue a new one."""

    default_message = _(
        "Mã truy cập đã bị khóa do nhập sai quá nhiều lần. Vui lòng liên hệ cơ quan thi hành án "
        "dân sự để được cấp mã mới."
    )


class VerificationError(EnforcementActionError):
    """A verification step refused (wrong state, missing answers...)."""


class CoercionError(EnforcementActionError):
    """A coercion plan or measure refused."""


class CoercionBlackoutError(CoercionError):
    """The chosen time falls in a period when coercion is forbidden; ``problems`` lists why."""

    def __init__(self, problems: list[str], *, field: str | None = None) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(self.problems), field=field)
