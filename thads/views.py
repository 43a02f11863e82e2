"""Pages of the platform shell: home per role, login and logout, health check, error pages."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.contrib.auth.views import LogoutView
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db import connection
from django.db.models import Count
from django.db.models import Q
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.http import JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.i18n import set_language as django_set_language

from thads.calendar.exceptions import CalendarRangeError
from thads.calendar.types import DayInfo
from thads.calendar.workdays import day_info
from thads.calendar.workdays import upcoming_days_off
from thads.navigation import nav_items_for
from thads.org.selectors import office_scope_for_user
from thads.permissions import LEADER_ROLES
from thads.permissions import Role
from thads.permissions import public_view
from thads.permissions import staff_view

logger = logging.getLogger(__name__)

#: Home template per role: one page per group of roles that share a working day.
HOME_TEMPLATES: dict[str, str] = {
    Role.MINISTRY_LEADER: "home/leader.html",
    Role.PROVINCIAL_HEAD: "home/leader.html",
    Role.OFFICE_HEAD: "home/leader.html",
    Role.ENFORCEMENT_OFFICER: "home/officer.html",
    Role.CLERK: "home/officer.html",
    Role.ACCOUNTANT: "home/money.html",
    Role.CASHIER: "home/money.html",
    Role.COUNTER_STAFF: "home/counter.html",
    Role.RECEPTION_OFFICER: "home/counter.html",
    Role.SYSADMIN: "home/sysadmin.html",
}
#: Roles whose home page shows how many offices and staff their scope holds.
SCOPE_FIGURE_ROLES = LEADER_ROLES | {Role.SYSADMIN}


class LoginForm(AuthenticationForm):
    """Django's login form with Vietnamese labels and a clearer error message."""

    error_messages = {
        "invalid_login": gettext_lazy(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và "
            "chữ thường; đăng nhập sai nhiều lần, tài khoản sẽ bị tạm khóa."
        ),
        "inactive": gettext_lazy(
            "Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = gettext_lazy("Tên đăng nhập")
        self.fields["password"].label = gettext_lazy("Mật khẩu")
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocomplete": "username", "spellcheck": "false"}
        )


class ThadsLoginView(LoginView):
    """Sign in; ``next`` is followed only when it stays on this site (LoginView's check)."""

    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class ThadsLogoutView(LogoutView):
    """Sign out (POST only) and say so on the login page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.info(request, _("Bạn đã đăng xuất."))
        return response


login = public_view(ThadsLoginView.as_view(), note="login form; axes locks repeated failures")
logout = public_view(
    ThadsLogoutView.as_view(),
    note="POST only; any signed-in account, with or without office, may end its own session",
)


@public_view(note="language switcher; also on the login page (POST, CSRF)")
def set_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen interface language in its cookie; only THADS's languages count.

    Django's view accepts any language it has a catalogue for; an unknown one is ignored here
    and the user is sent back without a cookie.
    """
    if request.method == "POST" and request.POST.get("language") not in dict(settings.LANGUAGES):
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = "/"
        return HttpResponseRedirect(next_url)
    return django_set_language(request)


@public_view(note="load balancer health check: JSON, no data")
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Report that the process answers and the database accepts a query (503 if not)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@staff_view(note="every staff role; the page is chosen by role")
def home(request: HttpRequest) -> HttpResponse:
    """The home page of the signed-in user's role: today, days off, modules, scope figures."""
    user = request.user
    template = HOME_TEMPLATES.get(user.role)
    if template is None:
        raise PermissionDenied(_("Vai trò của bạn không được phép thực hiện chức năng này."))
    today = timezone.localdate()
    context: dict[str, Any] = {
        "today": today,
        "today_info": _day_info_or_none(today),
        "days_off": _upcoming_days_off_or_empty(today),
        "modules": [e for e in nav_items_for(user, request.path) if e.key != "home"],
        "figures": _scope_figures(user) if user.role in SCOPE_FIGURE_ROLES else None,
    }
    return render(request, template, context)


def _day_info_or_none(today: date) -> DayInfo | None:
    try:
        return day_info(today)
    except CalendarRangeError:
        return None


def _upcoming_days_off_or_empty(today: date) -> list[DayInfo]:
    try:
        return upcoming_days_off(today, limit=5)
    except CalendarRangeError:
        return []


def _scope_figures(user: Any) -> dict[str, int]:
    """How many active offices and active staff the user's scope holds (one query)."""
    return office_scope_for_user(actor=user).aggregate(
        offices=Count("pk", filter=Q(is_active=True), distinct=True),
        staff=Count("staff", filter=Q(staff__is_active=True), distinct=True),
    )


# --- Errors -----------------------------------------------------------------------------------


def _error_layout(request: HttpRequest) -> str:
    """Staff with an office see errors inside their usual layout; everyone else the public one."""
    user = getattr(request, "user", None)
    if (
        user is not None
        and user.is_authenticated
        and getattr(user, "office_id", None)
        and getattr(user, "role", "")
    ):
        return "layouts/staff.html"
    return "layouts/public.html"


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form was sent without a valid CSRF token: explain in Vietnamese, change nothing."""
    logger.warning("CSRF failure on %s %s: %s", request.method, request.path, reason)
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(
        request,
        "errors/csrf.html",
        {"back_url": back, "layout": _error_layout(request)},
        status=403,
    )


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the request could not be understood."""
    return render(request, "errors/400.html", {"layout": _error_layout(request)}, status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: show the refusal's own message (e.g. the account has no office) and a way out."""
    message = str(exception) if isinstance(exception, PermissionDenied) else ""
    if not message:
        message = _("Bạn không có quyền truy cập trang này.")
    return render(
        request,
        "errors/403.html",
        {"message": message, "layout": _error_layout(request)},
        status=403,
    )


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: never repeats the exception text, so nothing about other offices leaks."""
    return render(request, "errors/404.html", {"layout": _error_layout(request)}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: rendered without context processors, which may be what failed."""
    template = loader.get_template("errors/500.html")
    return HttpResponse(
        template.render(
            {"LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)}
        ),
        status=500,
    )
