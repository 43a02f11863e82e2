"""Frozen values of the decisions app, handed to other apps and between extraction layers.

No Django imports here (style.md 2.3). Two families:

* Extraction: what the rules parser and the token classifier read from a judgment's pages.
  Every value carries its confidence (0..1) and where it came from (page and character span in
  that page's text), so the review screen can highlight it and sort low confidence first.
  ``ExtractedJudgment.to_labels()`` gives exactly the shape of
  ``../shared/samples/judgments/labels.json`` and of ``extract_judgment --json``.
* Hand-over: ``SignedDecision``, the payload of the ``decision_signed`` domain event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Any

#: Roles of parties, as in labels.json (domain.md §3.3).
PARTY_ROLES = (
    "plaintiff",
    "defendant",
    "related_party",
    "accused",
    "victim",
    "petitioner",
    "civil_plaintiff",
    "civil_defendant",
    "other",
)
#: Kinds of obligations, as in labels.json.
OBLIGATION_KINDS = ("money", "periodic_money", "asset", "act", "fine", "confiscation")
#: Case types of judgment numbers (DS, HNGĐ, KDTM, LĐ, HC, HS), ASCII as in labels.json.
CASE_TYPES = ("DS", "HNGD", "KDTM", "LD", "HC", "HS")
#: The State as a debtor or creditor.
STATE = "Nhà nước"


@dataclass(frozen=True)
class Span:
    """Where a value was read: 1-based page number, character offsets in that page's text."""

    page: int
    start: int
    end: int


@dataclass(frozen=True)
class Field:
    """One extracted value with its confidence (0..1), its source span and who produced it.

    ``source``: "rules", "model" (token classifier), "hybrid" (both agreed) or "officer".
    """

    value: Any
    confidence: float
    span: Span | None = None
    source: str = "rules"

    @property
    def is_empty(self) -> bool:
        return self.value is None or self.value == ""


def _v(f: Field | None) -> Any:
    return None if f is None else f.value


@dataclass(frozen=True)
class ExtractedParty:
    role: Field
    name: Field
    birth_year: Field | None = None
    id_number: Field | None = None
    address: Field | None = None
    representative: Field | None = None

    def to_label(self) -> dict[str, Any]:
        return {
            "role": _v(self.role),
            "name": _v(self.name),
            "birth_year": _v(self.birth_year),
            "id_number": _v(self.id_number),
            "address": _v(self.address),
        }


@dataclass(frozen=True)
class ExtractedObligation:
    """An obligation from the dispositive part only (never from the facts or the proposal)."""

    debtor: Field
    creditor: Field
    kind: Field
    amount_vnd: Field | None = None  # int VND or None (assets, acts)
    description: Field | None = None
    amount_words: Field | None = None  # the amount as written in words, for the cross-check
    periodic: Field | None = None  # e.g. {"every": "month", "amount_vnd": 3000000, "until": ...}
    joint: Field | None = None  # bool: liên đới
    interest_clause: Field | None = None  # bool or the clause text
    deadline: Field | None = None  # dt.date or None
    #: the breakdown printed with the amount ("gồm nợ gốc ..., lãi ..."): value is a list of
    #: {"label": str, "amount_vnd": int}; checked against the amount (shares vs total).
    components: Field | None = None

    def to_label(self) -> dict[str, Any]:
        return {
            "debtor": _v(self.debtor),
            "creditor": _v(self.creditor),
            "kind": _v(self.kind),
            "amount_vnd": _v(self.amount_vnd),
            "description": _v(self.description),
        }


@dataclass(frozen=True)
class ExtractedFee:
    """A court fee (án phí, lệ phí) a party must pay; refunds of advances are not fees."""

    payer: Field
    amount_vnd: Field
    kind: Field | None = None  # e.g. "án phí dân sự sơ thẩm"
    amount_words: Field | None = None

    def to_label(self) -> dict[str, Any]:
        return {"payer": _v(self.payer), "amount_vnd": _v(self.amount_vnd)}


@dataclass(frozen=True)
class ExtractedJudgment:
    """Everything read from one judgment, with per-field confidence and spans."""

    court: Field
    judgment_number: Field
    date: Field  # value: dt.date or None
    case_type: Field
    parties: tuple[ExtractedParty, ...] = ()
    obligations: tuple[ExtractedObligation, ...] = ()
    court_fees: tuple[ExtractedFee, ...] = ()
    #: Where the dispositive part ("QUYẾT ĐỊNH") starts, if found.
    dispositive_span: Span | None = None
    #: Which extractor produced this: "rules" or "hybrid".
    mode: str = "rules"
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_labels(self) -> dict[str, Any]:
        """The labels.json / ``extract_judgment --json`` shape (required keys only)."""
        date = _v(self.date)
        return {
            "court": _v(self.court),
            "judgment_number": _v(self.judgment_number),
            "date": date.isoformat() if isinstance(date, dt.date) else date,
            "case_type": _v(self.case_type),
            "parties": [p.to_label() for p in self.parties],
            "obligations": [o.to_label() for o in self.obligations],
            "court_fees": [f.to_label() for f in self.court_fees],
        }


@dataclass(frozen=True)
class PageInput:
    """One page of text handed to the extractor (from ``thads.documents`` ``PageText``)."""

    number: int
    text: str
    mean_confidence: float | None = None  # OCR confidence 0..100; None for a text layer


@dataclass(frozen=True)
class CrossCheckIssue:
    """A legal cross-check that failed (figures vs words, shares vs total, fee schedule...).

    ``blocking`` issues prevent confirmation until an officer resolves them.
    ``path`` names the field: "court_fees[0].amount_vnd", "judgment_number", ...
    """

    code: str
    message: str  # Vietnamese
    path: str
    blocking: bool = True


@dataclass(frozen=True)
class SignedDecision:
    """Payload of ``decisions.signals.decision_signed`` (what enforcement needs to open a case)."""

    decision_id: int
    office_id: int
    number: str  # "123/QĐ-THADS"
    kind: str  # decision type code of the template registry, e.g. "proactive", "on_request"
    signed_at: dt.datetime
    issued_on: dt.date
    judgment_id: int | None
    judgment_number: str
    court: str
    debtor_name: str
    debtor_id_number: str
    debtor_address: str
    creditor_name: str
    obligations: tuple[dict[str, Any], ...]  # {"kind","amount_vnd","description","creditor"}
    legal_basis: str
    pdf_document_id: int | None = None
    supersedes_decision_id: int | None = None  # revocation/amendment, postponement etc.
    case_id: int | None = None  # set when the decision was drafted for an existing case


@dataclass(frozen=True)
class DecisionSummary:
    """A decision as other apps show it (case page, timeline): no model crosses the boundary."""

    decision_id: int
    office_id: int
    kind: str
    kind_label: str
    status: str  # "draft", "approved", "signed", "revoked"
    status_label: str
    number: str  # "" until signed
    issued_on: dt.date | None
    detail_url: str
    pdf_url: str  # "" until signed
    verify_url: str  # public verification page, "" until signed
    case_id: int | None = None
