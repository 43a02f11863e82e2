"""Placeholder until the UI helper lands."""

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseForbidden


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return HttpResponseForbidden("CSRF")
