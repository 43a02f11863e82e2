"""Roles, the permissions each role holds, and the access policy every view declares.

A role is a ``Group`` whose permissions come from :data:`ROLE_PERMISSIONS`. Core apps list
their codenames here; a domain app adds its own from ``AppConfig.ready()`` through
:func:`register_role_permissions`, because ``thads`` imports no domain app.

Every URL's view carries an :class:`AccessPolicy` (``staff_view``, ``public_view`` or
``StaffViewMixin``); ``tests/architecture/test_urls_have_access_policy.py`` fails on a view that
has none. Out-of-scope objects are refused with 404 by the selectors, a missing role with 403
here (style.md 2.7).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of the THADS system (domain.md §1.2)."""

    MINISTRY_LEADER = "ministry_leader", _("Lãnh đạo Bộ / Cục Quản lý THADS")
    PROVINCIAL_HEAD = "provincial_head", _("Thủ trưởng cơ quan THADS tỉnh")
    OFFICE_HEAD = "office_head", _("Trưởng Phòng THADS khu vực")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("Chấp hành viên")
    CLERK = "clerk", _("Thư ký thi hành án")
    ACCOUNTANT = "accountant", _("Kế toán nghiệp vụ")
    CASHIER = "cashier", _("Thủ quỹ")
    COUNTER_STAFF = "counter_staff", _("Cán bộ bộ phận một cửa")
    RECEPTION_OFFICER = "reception_officer", _("Cán bộ tiếp công dân")
    SYSADMIN = "sysadmin", _("Quản trị hệ thống")


#: Roles whose scope is the whole country (every office).
NATIONAL_ROLES = frozenset({Role.MINISTRY_LEADER, Role.SYSADMIN})
#: Roles whose scope is their province: the provincial agency and its regional offices.
PROVINCIAL_ROLES = frozenset({Role.PROVINCIAL_HEAD})
#: Leaders: may read the audit trail and oversee their scope.
LEADER_ROLES = frozenset({Role.MINISTRY_LEADER, Role.PROVINCIAL_HEAD, Role.OFFICE_HEAD})

#: role -> permission codenames ("app_label.codename"); synced to Groups after migrate.
ROLE_PERMISSIONS: dict[str, set[str]] = {role.value: set() for role in Role}


def register_role_permissions(mapping: dict[str, Iterable[str]]) -> None:
    """Add permission codenames to roles; called by each app's ``AppConfig.ready()``."""
    for role, perms in mapping.items():
        ROLE_PERMISSIONS[Role(role).value].update(perms)


@dataclass(frozen=True)
class AccessPolicy:
    """Who may open a view: the public, or authenticated staff with an office and a role."""

    public: bool = False
    roles: frozenset[str] | None = None  # None: every staff role
    note: str = ""

    def allows(self, user: Any) -> bool:
        if self.public:
            return True
        if not user.is_authenticated or not user.is_active:
            return False
        if getattr(user, "office_id", None) is None or not getattr(user, "role", ""):
            return False
        return self.roles is None or user.role in self.roles


class NoOfficeError(PermissionDenied):
    """A staff account that has no office or role cannot use any staff page."""


def check_access(policy: AccessPolicy, request: HttpRequest) -> None:
    """Raise ``PermissionDenied`` (403) unless ``policy`` admits the request's user."""
    user = request.user
    if policy.public:
        return
    if getattr(user, "office_id", None) is None or not getattr(user, "role", ""):
        raise NoOfficeError(
            _("Tài khoản của bạn chưa được gán đơn vị và vai trò. Hãy liên hệ quản trị hệ thống.")
        )
    if not policy.allows(user):
        raise PermissionDenied(_("Vai trò của bạn không được phép thực hiện chức năng này."))


ViewFunc = Callable[..., HttpResponse]


def staff_view(*roles: str, note: str = "") -> Callable[[ViewFunc], ViewFunc]:
    """Decorate a function view for staff; with ``roles``, only those roles may open it."""
    policy = AccessPolicy(roles=frozenset(roles) if roles else None, note=note)

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            check_access(policy, request)
            return view(request, *args, **kwargs)

        wrapped.access_policy = policy  # type: ignore[attr-defined]
        return wrapped

    return decorator


def public_view(view: ViewFunc | None = None, *, note: str = "") -> Any:
    """Mark a view as open to everyone (public portal, login page, health check)."""
    policy = AccessPolicy(public=True, note=note)

    def decorator(fn: ViewFunc) -> ViewFunc:
        fn = login_not_required(fn)
        fn.access_policy = policy  # type: ignore[attr-defined]
        return fn

    return decorator(view) if view is not None else decorator


class StaffViewMixin:
    """Class-based equivalent of :func:`staff_view`: set ``access_roles`` on the view class."""

    access_roles: Iterable[str] | None = None
    access_note: str = ""

    @classmethod
    def get_access_policy(cls) -> AccessPolicy:
        roles = frozenset(cls.access_roles) if cls.access_roles is not None else None
        return AccessPolicy(roles=roles, note=cls.access_note)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        check_access(self.get_access_policy(), request)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def view_access_policy(callback: Any) -> AccessPolicy | None:
    """The policy declared by a URL callback (function view or ``as_view()``), or None."""
    policy = getattr(callback, "access_policy", None)
    if policy is not None:
        return policy
    view_class = getattr(callback, "view_class", None)
    if view_class is not None and hasattr(view_class, "get_access_policy"):
        return view_class.get_access_policy()
    return None
