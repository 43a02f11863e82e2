from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThadsConfig(AppConfig):
    """The project package as an app: template tags, system checks, demo seeding, home pages."""

    name = "thads"
    verbose_name = _("Nền tảng THADS")

    def ready(self) -> None:
        from thads import checks  # noqa: F401  (registers the system checks)

        restrict_admin_to_sysadmins()


def admin_has_permission(request: Any) -> bool:
    """Only an active system administrator flagged ``is_staff`` may use the Django admin."""
    from thads.permissions import Role

    user = request.user
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and getattr(user, "role", "") == Role.SYSADMIN
    )


def restrict_admin_to_sysadmins() -> None:
    """Close the Django admin to everyone but system administrators.

    The admin's own login form is replaced by the THADS login (axes lockout, Vietnamese): a
    signed-out visitor is sent there, a signed-in user who is not a system administrator gets
    403, a system administrator goes on to the admin.
    """
    from django.contrib import admin
    from django.contrib.auth.decorators import login_not_required
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponseRedirect
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    site = admin.site

    @login_not_required
    def login(request: Any, extra_context: dict[str, Any] | None = None) -> Any:
        index = reverse("admin:index", current_app=site.name)
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = index
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if not admin_has_permission(request):
            raise PermissionDenied(_("Trang quản trị chỉ dành cho quản trị hệ thống."))
        return HttpResponseRedirect(next_url)

    from thads.permissions import AccessPolicy

    login.access_policy = AccessPolicy(  # type: ignore[attr-defined]
        public=True, note="admin login: redirects to the THADS login, 403 for non-sysadmins"
    )
    site.has_permission = admin_has_permission  # type: ignore[method-assign]
    site.login = login  # type: ignore[method-assign]
    site.site_header = _("Quản trị hệ thống THADS")
    site.site_title = _("Quản trị THADS")
    site.index_title = _("Quản trị dữ liệu hệ thống")
