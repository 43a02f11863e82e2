"""Extraction of the data of a court judgment (domain.md §3.3): rules, then the model.

``extract(pages, mode="rules")`` runs the deterministic parser (``rules.parse``).
``mode="hybrid"`` (the default) runs the rules and, when the token classifier
(``decisions.extraction.hybrid``, trained by ``train.py``) is importable and ``available()``,
hands the rules' result to ``hybrid.refine``; otherwise it returns the rules' result (mode
"rules"). Cross-checks are in ``checks``, the scoring against gold labels in ``evaluate``,
file readers for the CLI in ``sources``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

from decisions.extraction.rules import parse
from decisions.types import ExtractedJudgment
from decisions.types import PageInput

MODES = ("rules", "hybrid")


def _hybrid() -> ModuleType | None:
    try:
        module = importlib.import_module("decisions.extraction.hybrid")
    except ImportError:
        return None
    available = getattr(module, "available", None)
    refine = getattr(module, "refine", None)
    if available is None or refine is None:
        return None
    try:
        return module if available() else None
    except Exception:  # a broken model must not stop extraction
        return None


def extract(pages: Sequence[PageInput], *, mode: str = "rules") -> ExtractedJudgment:
    """Extract the judgment's fields from its ``pages``.

    ``mode``: "rules" (deterministic parser only) or "hybrid" (rules refined by the token
    classifier when it is available; the result's ``mode`` says which one ran). Rules are the
    default: on the real court samples the hybrid scores the same as the rules alone (see
    ``decisions/extraction/weights/meta.json`` and ``bench/extraction.py``), so the model is kept
    but not switched on (``THADS_JUDGMENT_EXTRACTION_MODE=hybrid`` turns it on).
    Raises ``ValueError`` for an unknown mode.
    """
    if mode not in MODES:
        raise ValueError(f"unknown extraction mode: {mode!r}")
    result = parse(pages)
    if mode == "hybrid":
        hybrid = _hybrid()
        if hybrid is not None:
            return hybrid.refine(result, pages)
    return result


__all__ = ["MODES", "extract"]
