"""An ``ExtractedJudgment`` built from data in the labels.json shape (officer-corrected data).

The review screen stores what the officer confirmed; to run ``checks.cross_check`` on it, the
caller hands the confirmed values in the shape of ``ExtractedJudgment.to_labels()`` (the shape
of labels.json and of ``extract_judgment --json``), optionally with the extra keys the checks
use: ``amount_words`` and ``components`` on obligations, ``kind`` and ``amount_words`` on
fees. Every field gets confidence 1.0 and source "officer" (or ``source``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from decisions.types import ExtractedFee
from decisions.types import ExtractedJudgment
from decisions.types import ExtractedObligation
from decisions.types import ExtractedParty
from decisions.types import Field


def _field(value: Any, source: str) -> Field:
    return Field(value, 1.0, None, source)


def _optional(data: dict[str, Any], key: str, source: str) -> Field | None:
    value = data.get(key)
    return None if value is None else _field(value, source)


def from_labels(data: dict[str, Any], *, source: str = "officer") -> ExtractedJudgment:
    """``data`` (labels.json shape) as an ``ExtractedJudgment``; the date may be a ``date``
    or an ISO string. ``from_labels(x.to_labels()).to_labels() == x.to_labels()``."""
    date = data.get("date")
    if isinstance(date, str) and date:
        date = dt.date.fromisoformat(date)
    parties = tuple(
        ExtractedParty(
            role=_field(p.get("role"), source),
            name=_field(p.get("name"), source),
            birth_year=_optional(p, "birth_year", source),
            id_number=_optional(p, "id_number", source),
            address=_optional(p, "address", source),
            representative=_optional(p, "representative", source),
        )
        for p in data.get("parties") or ()
    )
    obligations = tuple(
        ExtractedObligation(
            debtor=_field(o.get("debtor"), source),
            creditor=_field(o.get("creditor"), source),
            kind=_field(o.get("kind"), source),
            amount_vnd=_optional(o, "amount_vnd", source),
            description=_optional(o, "description", source),
            amount_words=_optional(o, "amount_words", source),
            components=_optional(o, "components", source),
        )
        for o in data.get("obligations") or ()
    )
    fees = tuple(
        ExtractedFee(
            payer=_field(f.get("payer"), source),
            amount_vnd=_field(f.get("amount_vnd"), source),
            kind=_optional(f, "kind", source),
            amount_words=_optional(f, "amount_words", source),
        )
        for f in data.get("court_fees") or ()
    )
    return ExtractedJudgment(
        court=_field(data.get("court"), source),
        judgment_number=_field(data.get("judgment_number"), source),
        date=_field(date or None, source),
        case_type=_field(data.get("case_type"), source),
        parties=parties,
        obligations=obligations,
        court_fees=fees,
        mode=source,
    )
