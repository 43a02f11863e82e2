"""Frozen values handed across app boundaries and from the pipeline to its services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageExtraction:
    """What the pipeline read from one page, before it is stored (``DocumentPage`` fields).

    ``words`` rows follow ``thads.documents.models.WORD_FIELDS``; boxes are pixels of the page
    image at ``dpi`` after ``rotation`` (degrees clockwise).
    """

    number: int
    source: str  # DocumentPage.Source: "text_layer" or "ocr"
    text: str
    words: list[list[Any]]
    mean_confidence: float | None
    width_px: int
    height_px: int
    dpi: int
    rotation: int
    duration_ms: int


@dataclass(frozen=True)
class PageText:
    """One page's text as other apps read it (extraction of judgments, receipts, petitions)."""

    document_id: int
    number: int
    source: str
    text: str
    mean_confidence: float | None
    words: list[list[Any]]
    width_px: int | None
    height_px: int | None
    dpi: int | None
    rotation: int
