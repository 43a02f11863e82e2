"""What the staff views of citizen reception share: who may open what, and small helpers.

Roles follow domain.md §1.2 and §5: the one-stop counter ("bộ phận một cửa") and the reception
officer receive petitions and keep the reception log; officers of the responsible office
handle them; the office head accepts, refuses and resolves (TT13 Art 7); leaders up the chain
read. The service checks each action again (``petition_allowed_actions``), so a role listed
here only opens the page. The role sets are the services' own (``citizen_reception.permissions``).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from citizen_reception import permissions as perms

__all__ = [
    "LOG_VIEW_ROLES",
    "LOG_WRITE_ROLES",
    "PETITION_VIEW_ROLES",
    "RECEIVE_ROLES",
    "SCHEDULE_VIEW_ROLES",
    "SCHEDULE_WRITE_ROLES",
    "go",
    "vary",
]

#: Receive a petition at the counter (scan, prefill, acknowledgement).
RECEIVE_ROLES = tuple(sorted(perms.RECEIVE_ROLES))
#: Read petitions of the scope and open the action forms the service allows them.
PETITION_VIEW_ROLES = tuple(sorted(perms.VIEW_ROLES))
#: Read the reception log (sổ tiếp công dân).
LOG_VIEW_ROLES = PETITION_VIEW_ROLES
#: Write a line of the reception log.
LOG_WRITE_ROLES = RECEIVE_ROLES
#: Read the heads' reception days.
SCHEDULE_VIEW_ROLES = PETITION_VIEW_ROLES
#: Arrange or cancel a head's reception day (the head, or the reception officer for them).
SCHEDULE_WRITE_ROLES = tuple(sorted(perms.SCHEDULE_ROLES))


def vary(response: HttpResponse) -> HttpResponse:
    """One URL, two representations (page, htmx partial): caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def go(request: HttpRequest, url: str) -> HttpResponse:
    """Redirect after a write: a client redirect for htmx, 303 otherwise."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return _see_other(url)


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response
