"""Question → intent → figure → answer. The assistant never runs SQL built from a question: it
reads entities by rules (``entities``), the figure and breakdown with the trained classifier
(``classifier``), and asks ``ioc_dashboard.selectors.metrics.metric_compute`` for the numbers."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from ioc_dashboard.assistant import answers
from ioc_dashboard.assistant import classifier
from ioc_dashboard.assistant.entities import Catalogue
from ioc_dashboard.assistant.entities import Entities
from ioc_dashboard.assistant.entities import extract
from ioc_dashboard.types import Intent
from ioc_dashboard.types import MetricResult

MAX_QUESTION = 500

Compute = Callable[..., MetricResult]


@dataclass
class Understanding:
    question: str
    intent: Intent | None
    entities: Entities | None
    prediction: classifier.Prediction | None
    seconds: float


@dataclass
class Answer:
    understanding: Understanding
    text: str
    value: int | float | None = None
    result: MetricResult | None = None
    understood: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    @property
    def intent(self) -> Intent | None:
        return self.understanding.intent

    def as_json(self) -> dict[str, Any]:
        """The object printed by ``manage.py ask --json`` (issue 8, item 7)."""
        text = self.text
        if self.suggestions:
            text = f"{text} {'; '.join(self.suggestions)}"
        return {
            "intent": self.intent.as_json() if self.intent else None,
            "answer": text,
            "value": self.value,
            "rows": answers.rows_json(self.result),
        }


def understand(
    question: str, *, today: dt.date, catalogue: Catalogue | None = None
) -> Understanding:
    """The intent of ``question`` (None when it asks for no figure the assistant knows)."""
    t0 = time.perf_counter()
    question = (question or "")[:MAX_QUESTION]
    if not any(c.isalpha() for c in question):
        return Understanding(question, None, None, None, time.perf_counter() - t0)
    entities = extract(question, today=today, catalogue=catalogue)
    prediction = classifier.predict(entities.masked)
    intent = None
    if prediction.metric is not None:
        intent = Intent(
            metric=prediction.metric,
            filters=dict(entities.filters),
            group_by=prediction.group_by,  # type: ignore[arg-type]
            period=entities.period,
        )
    return Understanding(question, intent, entities, prediction, time.perf_counter() - t0)


def _metric_compute() -> Compute | None:
    try:
        from ioc_dashboard.selectors.metrics import metric_compute
    except ImportError:  # the figures engine is not installed in this checkout yet
        return None
    return metric_compute


def respond(
    understanding: Understanding,
    *,
    today: dt.date,
    catalogue: Catalogue,
    compute: Compute | None = None,
) -> Answer:
    """Compute the figure for an understood question and word the answer."""
    intent = understanding.intent
    if intent is None:
        return Answer(understanding, answers.not_understood(), suggestions=answers.suggestions())
    compute = compute or _metric_compute()
    understood = answers.understood_lines(intent, catalogue, today)
    if compute is None:
        return Answer(
            understanding,
            answers.no_figures(),
            understood=understood,
        )
    result = compute(intent=intent, today=today)
    return Answer(
        understanding,
        answers.sentence(result, catalogue, today),
        value=result.value,
        result=result,
        understood=understood,
    )


def ask(
    question: str,
    *,
    today: dt.date,
    catalogue: Catalogue | None = None,
    compute: Compute | None = None,
) -> Answer:
    """Understand ``question`` and answer it."""
    if catalogue is None:
        from ioc_dashboard.assistant.catalogue import load_catalogue

        catalogue = load_catalogue()
    understanding = understand(question, today=today, catalogue=catalogue)
    return respond(understanding, today=today, catalogue=catalogue, compute=compute)
