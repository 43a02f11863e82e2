"""Template context shared by every page: the menu of the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from thads.navigation import nav_items_for
from thads.navigation import nav_sections_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``nav_items`` (flat) and ``nav_sections`` (grouped) for the staff layout, built lazily.

    Pages that do not show the menu (public portal, errors) never pay for it.
    """
    items = SimpleLazyObject(lambda: nav_items_for(getattr(request, "user", None), request.path))
    return {
        "nav_items": items,
        "nav_sections": SimpleLazyObject(lambda: nav_sections_for(list(items))),
    }
