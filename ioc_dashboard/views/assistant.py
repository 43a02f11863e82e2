"""The question assistant's page and its htmx answer partial (``/ioc/assistant/``).

``GET ?q=...`` answers a question: the whole page, or with ``HX-Request`` only the answer
partial (``assistant/answer.html``) that the panel on the dashboard swaps in. Questions are
reads, so GET; the answer is limited to the leader's scope (``assistant.scope.clamp``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from ioc_dashboard.assistant import answers
from ioc_dashboard.assistant import classifier
from ioc_dashboard.assistant.catalogue import load_catalogue
from ioc_dashboard.assistant.scope import clamp
from ioc_dashboard.assistant.service import MAX_QUESTION
from ioc_dashboard.assistant.service import Answer
from ioc_dashboard.assistant.service import respond
from ioc_dashboard.assistant.service import understand
from ioc_dashboard.views.common import base_context
from ioc_dashboard.views.scope import IOC_ROLES
from thads.permissions import staff_view

__all__ = ["assistant", "assistant_answer"]

CHART_ROWS = 12


def _answer(request: HttpRequest) -> dict[str, Any]:
    question = (request.GET.get("q") or "").strip()[:MAX_QUESTION]
    if not question:
        classifier.warm()
        return {"question": "", "answer": None}
    today = timezone.localdate()
    catalogue = load_catalogue()
    understanding = understand(question, today=today, catalogue=catalogue)
    refusal = None
    if understanding.intent is not None:
        intent, refusal = clamp(understanding.intent, actor=request.user, catalogue=catalogue)
        understanding.intent = intent
    if refusal:
        answer = Answer(understanding, refusal, suggestions=answers.suggestions())
    else:
        answer = respond(understanding, today=today, catalogue=catalogue)
    return {"question": question, "answer": answer, "chart": _chart(answer)}


def _chart(answer: Answer) -> dict[str, Any] | None:
    """Bars for the first rows of a breakdown: label, value text, width in percent, y."""
    result = answer.result
    if result is None or not result.rows:
        return None
    rows = result.rows[:CHART_ROWS]
    top = max((abs(float(r.value)) for r in rows), default=0.0) or 1.0
    metric = result.intent.metric
    bars = [
        {
            "label": r.label,
            "value": answers.format_value(metric, r.value),
            "width": f"{100 * abs(float(r.value)) / top:.1f}",
            "y": 22 * i,
            "text_y": 22 * i + 12,
        }
        for i, r in enumerate(rows)
    ]
    table = [
        {"label": r.label, "value": answers.format_value(metric, r.value)} for r in result.rows
    ]
    return {"bars": bars, "height": 22 * len(bars), "table": table}


def _context(request: HttpRequest) -> dict[str, Any]:
    return {**base_context(request), **_answer(request), "suggestions": answers.suggestions()}


@staff_view(*IOC_ROLES, note="leaders; figures limited to their province or office")
def assistant(request: HttpRequest) -> HttpResponse:
    response = render(request, "ioc_dashboard/assistant/page.html", _context(request))
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(*IOC_ROLES, note="leaders; htmx partial of the answer, same scope rule")
def assistant_answer(request: HttpRequest) -> HttpResponse:
    return render(request, "ioc_dashboard/assistant/answer.html", _context(request))
