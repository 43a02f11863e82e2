"""Binds the audit context (client address, user agent, request id) for each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http import HttpResponse

from thads.audit.context import bind
from thads.audit.context import context_from_request
from thads.audit.context import unbind


class AuditContextMiddleware:
    """Make the request's origin available to ``audit_log`` without passing the request.

    The request id is echoed in the ``X-Request-ID`` response header so that a user's report
    can be matched with the audit trail and the logs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ctx = context_from_request(request)
        request.audit_request_id = ctx.request_id  # type: ignore[attr-defined]
        token = bind(ctx)
        try:
            response = self.get_response(request)
        finally:
            unbind(token)
        response.setdefault("X-Request-ID", ctx.request_id)
        return response
