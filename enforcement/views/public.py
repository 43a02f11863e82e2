"""Views: public. The recipient opens a served document: ``/tra-cuu/van-ban/<token>/``.

Public (no login). The QR code carries the token; the page asks for the identification code
printed on the notice and shows nothing about the person or the case before it is right.
Every request, GET or POST, counts against the client address's limit (the
``thads.documents`` verification limiter, its own scope); over it: 429 with ``Retry-After``.
The right code records the opening (IP, time) through ``portal_open``: the first opening is
the valid notice. The browser session then remembers the opening, for the page and the file.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from enforcement import selectors
from enforcement import services
from thads.audit.context import request_client_ip
from thads.documents.storage import original_path
from thads.documents.verification.ratelimit import DEFAULT_LIMIT_PER_MINUTE
from thads.documents.verification.ratelimit import client_key
from thads.documents.verification.ratelimit import rate_limit_hit
from thads.permissions import public_view

__all__ = ["PortalCodeForm", "served_document_file", "served_document_open"]

TEMPLATE = "enforcement/public/served_document.html"
SESSION_KEY = "enforcement_portal_opened"
RATE_SCOPE = "enforcement-portal"


class PortalCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã định danh ghi trên thông báo"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


def _protect(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _limited(request: HttpRequest) -> HttpResponse | None:
    limit = int(getattr(settings, "VERIFY_RATE_LIMIT_PER_MINUTE", DEFAULT_LIMIT_PER_MINUTE))
    wait = rate_limit_hit(scope=RATE_SCOPE, key=client_key(request), limit=limit)
    if not wait:
        return None
    message = _(
        "Bạn đã thử quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(seconds)s giây."
    ) % {"seconds": wait}
    response = render(request, TEMPLATE, {"state": "limited", "message": message}, status=429)
    response["Retry-After"] = str(wait)
    return _protect(response)


def _opened(request: HttpRequest) -> list[int]:
    return list(request.session.get(SESSION_KEY, []))


@public_view(note="recipients open a served document with its code; rate-limited per address")
@require_http_methods(["GET", "POST"])
def served_document_open(request: HttpRequest, token: str) -> HttpResponse:
    limited = _limited(request)
    if limited is not None:
        return limited
    access = selectors.portal_access_lookup(token=token)
    if access is None:
        return _protect(render(request, TEMPLATE, {"state": "unknown"}, status=404))
    form = PortalCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = services.portal_open(
            token=token,
            code=form.cleaned_data["code"],
            ip=request_client_ip(request) or None,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        if result.opened:
            request.session[SESSION_KEY] = [*_opened(request), access.pk][-20:]
        else:
            form.add_error("code", result.error)
            status = 422
    elif request.method == "POST":
        status = 422
    access.refresh_from_db()
    if access.pk in _opened(request) and access.is_usable:
        context = {"state": "opened", "doc": access.served_document, "token": token}
        return _protect(render(request, TEMPLATE, context))
    state = "code"
    if access.revoked_at is not None:
        state = "revoked"
    elif access.locked_at is not None:
        state = "locked"
    return _protect(render(request, TEMPLATE, {"state": state, "form": form}, status=status))


@public_view(note="the served document's file, after the code was entered in this session")
@require_GET
def served_document_file(request: HttpRequest, token: str) -> HttpResponse:
    limited = _limited(request)
    if limited is not None:
        return limited
    access = selectors.portal_access_lookup(token=token)
    if access is None or access.pk not in _opened(request) or not access.is_usable:
        raise Http404
    document = access.served_document.document
    if document is None:
        raise Http404
    response = FileResponse(
        original_path(document.storage_name).open("rb"),
        content_type=document.mime,
        filename=document.original_name or f"van-ban.{document.kind}",
    )
    return _protect(response)
