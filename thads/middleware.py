"""Request middleware of the UI shell: the interface language and expired sessions."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

SESSION_EXPIRED_MESSAGE = gettext_noop("Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.")


class VietnameseFirstLocaleMiddleware:
    """Activate the language chosen with the switcher (its cookie), else Vietnamese.

    Replaces Django's ``LocaleMiddleware``, which would follow the browser's Accept-Language
    header: staff whose browser is set to English still get the Vietnamese interface until
    they choose English themselves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = _cookie_language(request) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Cookie",))
        return response


def _cookie_language(request: HttpRequest) -> str | None:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


class SessionExpiredMiddleware:
    """Tell the user why they are back on the login page when their session has ended.

    A request that carries a session cookie the session store no longer knows (idle timeout,
    server-side logout, account disabled) and asks for a page that needs login gets the message
    "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại." before ``LoginRequiredMiddleware``
    redirects it. For htmx requests the redirect to the login page becomes ``HX-Redirect``, so
    the login form replaces the whole page instead of being swapped into a fragment.
    Place it after ``AuthenticationMiddleware`` and before ``LoginRequiredMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "htmx", False) and response.status_code == 302:
            location = response.headers.get("Location", "")
            if urlsplit(location).path == resolve_url(settings.LOGIN_URL):
                response = HttpResponse(status=204, headers={"HX-Redirect": location})
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> None:
        if not getattr(view_func, "login_required", True):
            return
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return
        if request.user.is_authenticated:
            return
        # Loading the user loaded the session: a key the store did not know is now None.
        if request.session.session_key is None:
            messages.warning(request, _(SESSION_EXPIRED_MESSAGE))
        return


def session_expired_message() -> str:
    """The translated expired-session message (for templates and tests)."""
    return _(SESSION_EXPIRED_MESSAGE)


SHED_BODY = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
    "<title>Hệ thống đang quá tải</title></head><body><h1>Hệ thống đang quá tải</h1>"
    "<p>Vui lòng thử lại sau ít giây.</p></body></html>"
)


class LoadSheddingMiddleware:
    """Answer 503 with ``Retry-After`` to a request that already waited in the queue longer than
    ``SHED_QUEUE_MS`` (``THADS_SHED_QUEUE_MS``; 0 switches it off), before any other work.

    The wait is read from the reverse proxy's stamp ``X-Request-Start: t=<epoch s or ms>``
    (nginx: ``proxy_set_header X-Request-Start "t=${msec}";``), trusted only behind a proxy
    (``THADS_PROXY_COUNT`` > 0). Beyond capacity gunicorn's backlog grows and every answer
    comes late; shedding the requests that waited too long keeps the others fast and tells
    clients when to come back instead of timing out (quality.md P8).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        budget_ms = int(getattr(settings, "SHED_QUEUE_MS", 0) or 0)
        stamp = request.META.get("HTTP_X_REQUEST_START", "")
        if budget_ms > 0 and stamp and int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0):
            try:
                value = float(stamp.removeprefix("t="))
            except ValueError:
                value = 0.0
            started = value / 1000 if value > 1e11 else value
            if started and (time.time() - started) * 1000 > budget_ms:
                response = HttpResponse(SHED_BODY, status=503)
                response["Retry-After"] = str(int(getattr(settings, "SHED_RETRY_AFTER", 5)))
                response["Cache-Control"] = "no-store"
                return response
        return self.get_response(request)
