"""Pieces every page of the operations centre shares: the layout (desk or wall display), the
period form, and the query string carried from page to page."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import select_template
from django.utils.cache import patch_vary_headers

from ioc_dashboard.forms import PeriodForm
from ioc_dashboard.views.figures import metric_choices

__all__ = [
    "ASSISTANT_PANEL",
    "CARRIED_PARAMS",
    "POLL_SECONDS",
    "assistant_panel_template",
    "base_context",
    "carried_query",
    "period_form",
    "render_page",
]

#: How often a page refreshes its figures (htmx polling); the summaries refresh every few minutes.
POLL_SECONDS = 60
#: The query parameters that follow the leader through the drill-down.
CARRIED_PARAMS = ("period", "start", "end", "metric", "wall")
#: The question assistant's panel (another helper's template; shown when it exists).
ASSISTANT_PANEL = "ioc_dashboard/assistant/panel.html"


def is_wall(request: HttpRequest) -> bool:
    return request.GET.get("wall") == "1"


def carried_query(request: HttpRequest, **overrides: Any) -> str:
    """The carried parameters as a query string (``?period=month&wall=1``), or ""."""
    params = {key: request.GET.get(key, "") for key in CARRIED_PARAMS}
    params.update({key: ("" if value is None else str(value)) for key, value in overrides.items()})
    kept = {key: value for key, value in params.items() if value}
    return "?" + urlencode(kept) if kept else ""


def period_form(request: HttpRequest, *, today: dt.date) -> PeriodForm:
    data = {
        key: request.GET[key] for key in ("period", "start", "end", "metric") if key in request.GET
    }
    return PeriodForm(data or None, today=today, metric_choices=metric_choices())


def assistant_panel_template() -> str | None:
    try:
        select_template([ASSISTANT_PANEL])
    except Exception:  # TemplateDoesNotExist or a syntax error in a panel being written
        return None
    return ASSISTANT_PANEL


def base_context(request: HttpRequest) -> dict[str, Any]:
    wall = is_wall(request)
    return {
        "wall": wall,
        "layout": "layouts/ioc.html" if wall else "layouts/staff.html",
        "poll_seconds": POLL_SECONDS,
        "query": carried_query(request),
        "wall_query": carried_query(request, wall="" if wall else "1"),
    }


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, partial: str | None = None
) -> HttpResponse:
    """The whole page, or only ``partial`` (a partialdef) for an htmx request asking for it."""
    if partial is not None:
        template = f"{template}#{partial}"
    response = render(request, template, {**base_context(request), **context})
    patch_vary_headers(response, ["HX-Request"])
    return response
