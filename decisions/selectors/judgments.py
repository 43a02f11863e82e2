"""Every read of the decisions app, scoped to the actor. Judgments and extraction.

Lists go through ``thads.org.selectors.scope_queryset`` (an office sees its own judgments, a
provincial head the province's, the ministry all) and details through
``get_in_scope_or_404``: another office's judgment is a 404, never a leak.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.db.models import Q
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from decisions.models.judgments import FIELD_GROUPS
from decisions.models.judgments import FIELD_SPECS
from decisions.models.judgments import OBLIGATION_KIND_LABELS
from decisions.models.judgments import PARTY_ROLE_LABELS
from decisions.models.judgments import ExtractedField
from decisions.models.judgments import FieldCorrection
from decisions.models.judgments import FieldPath
from decisions.models.judgments import Judgment
from decisions.models.judgments import JudgmentCourtFee
from decisions.models.judgments import JudgmentObligation
from decisions.models.judgments import JudgmentParty
from decisions.models.judgments import parse_field_path
from decisions.types import CrossCheckIssue
from decisions.types import ExtractedFee
from decisions.types import ExtractedJudgment
from decisions.types import ExtractedObligation
from decisions.types import ExtractedParty
from decisions.types import Field
from decisions.types import Span
from thads.documents.selectors import document_page_get_for_user
from thads.documents.selectors import document_page_texts
from thads.money import format_vnd
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import scope_queryset

__all__ = [
    "LOW_CONFIDENCE",
    "FieldItem",
    "FieldSection",
    "SourceView",
    "judgment_as_extracted",
    "judgment_corrections_for_export",
    "judgment_field_item",
    "judgment_for_extraction",
    "judgment_get_for_user",
    "judgment_issues",
    "judgment_list_for_user",
    "judgment_page_text_spans",
    "judgment_review_sections",
    "judgment_source_view",
    "span_boxes",
]

logger = logging.getLogger(__name__)

#: Below this confidence a field is flagged for attention (badge "danger").
LOW_CONFIDENCE = 0.6
#: Below this, a warning badge; above, "ok".
MEDIUM_CONFIDENCE = 0.85


def judgment_list_for_user(*, actor: Any, status: str = "", query: str = "") -> QuerySet[Judgment]:
    """Judgments of the offices in the actor's scope, newest first (one query, id subquery).

    ``status`` filters on ``Judgment.Status``; ``query`` matches the number or the court
    (case-insensitive, contains).
    """
    qs = scope_queryset(
        Judgment.objects.select_related("office", "document"), actor=actor
    ).order_by("-received_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    query = (query or "").strip()
    if query:
        qs = qs.filter(Q(number__icontains=query) | Q(court__icontains=query))
    return qs


def judgment_get_for_user(*, actor: Any, pk: int) -> Judgment:
    """One judgment of an office in the actor's scope (with its document and job); else 404."""
    return get_in_scope_or_404(
        Judgment.objects.select_related(
            "office", "document", "document__job", "received_by", "confirmed_by"
        ),
        actor=actor,
        pk=pk,
    )


def judgment_for_extraction(*, judgment_id: int) -> Judgment | None:
    """A system read for the extraction task: the judgment if it is EXTRACTING and has a
    document, else None (a redelivered or stale task then does nothing)."""
    return (
        Judgment.objects.filter(
            pk=judgment_id, status=Judgment.Status.EXTRACTING, document__isnull=False
        )
        .only("pk", "document_id", "status")
        .first()
    )


# --- Review screen ------------------------------------------------------------------------------


@dataclass
class FieldItem:
    """One value as the review screen shows it (extracted or not yet)."""

    path: str
    group: str
    row_label: str
    label: str
    kind: str
    value: Any
    display: str
    input_value: str
    confidence: float | None
    status: str
    status_label: str
    page: int | None
    start: int | None
    end: int | None
    source: str
    required: bool
    choices: list[tuple[str, str]] = dc_field(default_factory=list)

    @property
    def confidence_percent(self) -> int | None:
        return None if self.confidence is None else round(self.confidence * 100)

    @property
    def confidence_tone(self) -> str:
        if self.confidence is None:
            return "muted"
        if self.confidence < LOW_CONFIDENCE:
            return "danger"
        if self.confidence < MEDIUM_CONFIDENCE:
            return "warn"
        return "ok"

    @property
    def status_tone(self) -> str:
        return {"confirmed": "ok", "corrected": "ok"}.get(self.status, "muted")

    @property
    def dom_id(self) -> str:
        return "field-" + "".join(c if c.isalnum() else "-" for c in self.path)


@dataclass
class FieldSection:
    key: str
    label: str
    items: list[FieldItem]
    rows: list[tuple[int, str]] = dc_field(default_factory=list)  # (index, label) removable


def _choices(kind: str) -> list[tuple[str, str]]:
    if kind == "role":
        return [(k, str(v)) for k, v in PARTY_ROLE_LABELS.items()]
    if kind == "obligation_kind":
        return [(k, str(v)) for k, v in OBLIGATION_KIND_LABELS.items()]
    if kind == "case_type":
        return [(str(k), str(v)) for k, v in Judgment.CaseType.choices]
    if kind == "bool":
        return [("false", _("Không")), ("true", _("Có"))]
    return []


def _display(kind: str, value: Any) -> tuple[str, str]:
    """(shown text, input text) of a stored value."""
    if value is None or value == "":
        return "", ""
    if kind == "date":
        try:
            date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value), str(value)
        text = date.strftime("%d/%m/%Y")
        return text, text
    if kind == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return format_vnd(value), f"{value:,}".replace(",", ".")
    if kind == "role":
        return str(PARTY_ROLE_LABELS.get(value, value)), str(value)
    if kind == "obligation_kind":
        return str(OBLIGATION_KIND_LABELS.get(value, value)), str(value)
    if kind == "case_type":
        labels = dict(Judgment.CaseType.choices)
        return f"{value} · {labels.get(value, '')}".rstrip(" ·"), str(value)
    if kind == "bool":
        return (_("Có"), "true") if value else (_("Không"), "false")
    return str(value), str(value)


def _rows(judgment: Judgment) -> dict[str, list[Any]]:
    return {
        "parties": list(JudgmentParty.objects.filter(judgment=judgment).order_by("position")),
        "obligations": list(
            JudgmentObligation.objects.filter(judgment=judgment).order_by("position")
        ),
        "court_fees": list(JudgmentCourtFee.objects.filter(judgment=judgment).order_by("position")),
    }


def _row_label(group: str, index: int, row: Any) -> str:
    if group == "parties":
        return _("Đương sự %(n)s: %(name)s") % {"n": index + 1, "name": row.name}
    if group == "obligations":
        return _("Nghĩa vụ %(n)s: %(debtor)s") % {"n": index + 1, "debtor": row.debtor_name}
    return _("Án phí %(n)s: %(payer)s") % {"n": index + 1, "payer": row.payer_name}


def _item(path: FieldPath, value: Any, field: ExtractedField | None, row_label: str) -> FieldItem:
    spec = path.spec
    if not spec.column and field is not None:
        value = field.value
    display, input_value = _display(spec.kind, value)
    status = field.status if field is not None else ""
    status_label = str(ExtractedField.Status(status).label) if status else _("Chưa trích xuất được")
    confidence = field.confidence if field is not None else None
    if field is None and spec.required and not display:
        confidence = 0.0
    return FieldItem(
        path=str(path),
        group=path.group,
        row_label=row_label,
        label=str(spec.label),
        kind=spec.kind,
        value=value,
        display=display,
        input_value=input_value,
        confidence=confidence,
        status=status,
        status_label=status_label,
        page=field.page if field is not None else None,
        start=field.start if field is not None else None,
        end=field.end if field is not None else None,
        source=field.source if field is not None else "",
        required=spec.required,
        choices=_choices(spec.kind),
    )


def _sort_key(item: FieldItem) -> tuple[float, str]:
    # Low confidence first; values never extracted (None) after those that were.
    return (item.confidence if item.confidence is not None else 2.0, item.path)


def judgment_review_sections(*, judgment: Judgment) -> list[FieldSection]:
    """The review screen's fields, grouped (header, parties, obligations, court fees), each
    group sorted low confidence first; a judgment the caller already holds (scoped)."""
    fields = {f.path: f for f in ExtractedField.objects.filter(judgment=judgment)}
    rows = _rows(judgment)
    sections: list[FieldSection] = []
    header = []
    for key, spec in FIELD_SPECS.items():
        if "." in key:
            continue
        path = FieldPath("header", None, key)
        header.append(_item(path, getattr(judgment, spec.column), fields.get(key), ""))
    sections.append(
        FieldSection("header", str(FIELD_GROUPS["header"]), sorted(header, key=_sort_key))
    )
    for group in ("parties", "obligations", "court_fees"):
        items = []
        labels = []
        for row in rows[group]:
            label = _row_label(group, row.position, row)
            labels.append((row.position, label))
            for key, spec in FIELD_SPECS.items():
                if not key.startswith(f"{group}."):
                    continue
                path = FieldPath(group, row.position, key.split(".", 1)[1])
                value = getattr(row, spec.column) if spec.column else None
                items.append(_item(path, value, fields.get(str(path)), label))
        sections.append(
            FieldSection(group, str(FIELD_GROUPS[group]), sorted(items, key=_sort_key), labels)
        )
    return sections


def judgment_field_item(*, judgment: Judgment, path: str) -> FieldItem | None:
    """One field of the review screen (after a correction); None for an unknown path/row."""
    parsed = parse_field_path(path)
    if parsed is None:
        return None
    field = ExtractedField.objects.filter(judgment=judgment, path=str(parsed)).first()
    if parsed.group == "header":
        return _item(parsed, getattr(judgment, parsed.spec.column), field, "")
    model = {
        "parties": JudgmentParty,
        "obligations": JudgmentObligation,
        "court_fees": JudgmentCourtFee,
    }[parsed.group]
    row = model.objects.filter(judgment=judgment, position=parsed.index).first()
    if row is None:
        return None
    value = getattr(row, parsed.spec.column) if parsed.spec.column else None
    return _item(parsed, value, field, _row_label(parsed.group, row.position, row))


# --- Cross-checks -------------------------------------------------------------------------------


def _f(value: Any, field: ExtractedField | None) -> Field:
    if field is None:
        return Field(value=value, confidence=1.0, source="officer")
    span = None
    if field.page is not None and field.start is not None and field.end is not None:
        span = Span(page=field.page, start=field.start, end=field.end)
    return Field(value=value, confidence=field.confidence, span=span, source=field.source)


def _opt(value: Any, field: ExtractedField | None) -> Field | None:
    if (value is None or value == "") and field is None:
        return None
    return _f(value, field)


def judgment_as_extracted(*, judgment: Judgment) -> ExtractedJudgment:
    """The judgment's current (reviewed) values as an ``ExtractedJudgment``, for the
    cross-checks: rows in position order, each value with its field's confidence and span;
    the amounts in words come from the extracted fields (no column holds them)."""
    fields = {f.path: f for f in ExtractedField.objects.filter(judgment=judgment)}
    rows = _rows(judgment)

    def fv(path: str) -> ExtractedField | None:
        return fields.get(path)

    def words(path: str) -> Field | None:
        field = fv(path)
        return _f(field.value, field) if field is not None and field.value else None

    parties = tuple(
        ExtractedParty(
            role=_f(p.role, fv(f"parties[{i}].role")),
            name=_f(p.name, fv(f"parties[{i}].name")),
            birth_year=_opt(p.birth_year, fv(f"parties[{i}].birth_year")),
            id_number=_opt(p.id_number, fv(f"parties[{i}].id_number")),
            address=_opt(p.address, fv(f"parties[{i}].address")),
            representative=_opt(p.representative, fv(f"parties[{i}].representative")),
        )
        for i, p in enumerate(rows["parties"])
    )
    obligations = tuple(
        ExtractedObligation(
            debtor=_f(o.debtor_name, fv(f"obligations[{i}].debtor")),
            creditor=_f(o.creditor_name, fv(f"obligations[{i}].creditor")),
            kind=_f(o.kind, fv(f"obligations[{i}].kind")),
            amount_vnd=_opt(o.amount_vnd, fv(f"obligations[{i}].amount_vnd")),
            description=_opt(o.description, fv(f"obligations[{i}].description")),
            amount_words=words(f"obligations[{i}].amount_words"),
            periodic=_opt(o.periodic or None, None),
            joint=_f(o.joint, fv(f"obligations[{i}].joint")),
            interest_clause=_opt(o.interest_clause, fv(f"obligations[{i}].interest_clause")),
            deadline=_opt(o.deadline, fv(f"obligations[{i}].deadline")),
        )
        for i, o in enumerate(rows["obligations"])
    )
    fees = tuple(
        ExtractedFee(
            payer=_f(c.payer_name, fv(f"court_fees[{i}].payer")),
            amount_vnd=_f(c.amount_vnd, fv(f"court_fees[{i}].amount_vnd")),
            kind=_opt(c.kind, fv(f"court_fees[{i}].kind")),
            amount_words=words(f"court_fees[{i}].amount_words"),
        )
        for i, c in enumerate(rows["court_fees"])
    )
    return ExtractedJudgment(
        court=_f(judgment.court, fv("court")),
        judgment_number=_f(judgment.number, fv("judgment_number")),
        date=_f(judgment.issued_on, fv("date")),
        case_type=_f(judgment.case_type, fv("case_type")),
        parties=parties,
        obligations=obligations,
        court_fees=fees,
        mode=judgment.extraction_mode or "rules",
    )


def _required_issues(ext: ExtractedJudgment) -> list[CrossCheckIssue]:
    """Values without which no decision can be drafted (blocking)."""
    issues = []
    for path, field in (
        ("court", ext.court),
        ("judgment_number", ext.judgment_number),
        ("date", ext.date),
        ("case_type", ext.case_type),
    ):
        if field.is_empty:
            label = str(FIELD_SPECS[path].label)
            issues.append(
                CrossCheckIssue(
                    code="missing_value",
                    message=_("Thiếu %(label)s.") % {"label": label.lower()},
                    path=path,
                )
            )
    for i, o in enumerate(ext.obligations):
        for attr, field in (("debtor", o.debtor), ("creditor", o.creditor)):
            if field.is_empty:
                label = str(FIELD_SPECS[f"obligations.{attr}"].label)
                issues.append(
                    CrossCheckIssue(
                        code="missing_value",
                        message=_("Nghĩa vụ %(n)s: thiếu %(label)s.")
                        % {"n": i + 1, "label": label.lower()},
                        path=f"obligations[{i}].{attr}",
                    )
                )
        if o.kind.value in ("money", "periodic_money", "fine") and (
            o.amount_vnd is None or o.amount_vnd.is_empty
        ):
            issues.append(
                CrossCheckIssue(
                    code="missing_amount",
                    message=_("Nghĩa vụ %(n)s: nghĩa vụ trả tiền nhưng chưa có số tiền.")
                    % {"n": i + 1},
                    path=f"obligations[{i}].amount_vnd",
                )
            )
    for i, p in enumerate(ext.parties):
        if p.name.is_empty:
            issues.append(
                CrossCheckIssue(
                    code="missing_value",
                    message=_("Đương sự %(n)s: thiếu họ tên.") % {"n": i + 1},
                    path=f"parties[{i}].name",
                )
            )
    return issues


def _cross_check(ext: ExtractedJudgment) -> list[CrossCheckIssue]:
    """The legal cross-checks of ``decisions.extraction.checks`` (figures vs words, shares vs
    totals, fee schedule, number format, parties of the dispositive part).

    Until that module is installed (it is developed alongside), only the required-value
    checks of :func:`_required_issues` apply, with a warning in the log.
    """
    try:
        from decisions.extraction.checks import cross_check
    except ModuleNotFoundError as exc:
        if exc.name != "decisions.extraction.checks":
            raise
        logger.warning("decisions.extraction.checks is missing: legal cross-checks skipped")
        return []
    return list(cross_check(ext))


def judgment_issues(*, judgment: Judgment) -> list[CrossCheckIssue]:
    """Problems of the judgment's current values, blocking ones first: required values, then
    the legal cross-checks on the reviewed values (a judgment the caller already holds)."""
    ext = judgment_as_extracted(judgment=judgment)
    issues = _required_issues(ext) + _cross_check(ext)
    seen = set()
    unique = []
    for issue in issues:
        key = (issue.code, issue.path, issue.message)
        if key not in seen:
            seen.add(key)
            unique.append(issue)
    return sorted(unique, key=lambda issue: not issue.blocking)


# --- Source page and highlight ------------------------------------------------------------------


def span_boxes(
    *, text: str, words: list[list[Any]], start: int, end: int, width: int, height: int
) -> list[dict[str, float]]:
    """Boxes (percent of the page image) of the words covering ``text[start:end]``.

    ``words`` are ``thads.documents.models.WORD_FIELDS`` rows in reading order; the page
    text was built from them (OCR) or they were cut from it (text layer), so each word is
    found in the text after the previous one. Words of one line are merged into one box.
    """
    if not words or width <= 0 or height <= 0 or end <= start:
        return []
    position = 0
    lines: dict[tuple[Any, ...], list[float]] = {}
    for word in words:
        token = str(word[0])
        found = text.find(token, position)
        if found < 0:
            continue
        stop = found + len(token)
        position = stop
        if found >= end:
            break
        if stop <= start:
            continue
        left, top, w, h = (float(v) for v in word[2:6])
        key = (word[6], word[7], word[8]) if len(word) > 8 else (top,)
        box = lines.get(key)
        if box is None:
            lines[key] = [left, top, left + w, top + h]
        else:
            box[0], box[1] = min(box[0], left), min(box[1], top)
            box[2], box[3] = max(box[2], left + w), max(box[3], top + h)
    return [
        {
            "left": round(100 * x0 / width, 3),
            "top": round(100 * y0 / height, 3),
            "width": round(100 * (x1 - x0) / width, 3),
            "height": round(100 * (y1 - y0) / height, 3),
        }
        for x0, y0, x1, y1 in lines.values()
    ]


@dataclass
class SourceView:
    """The page beside the fields: which page, its boxes for the selected field, its text."""

    document_id: int | None
    page_number: int
    page_count: int
    boxes: list[dict[str, float]]
    span_text: str
    item: FieldItem | None


def judgment_source_view(
    *, actor: Any, judgment: Judgment, path: str = "", page: int | None = None
) -> SourceView:
    """The source page of the field ``path`` (or page ``page``, default 1) with the boxes of
    its span; reads one page (text and word boxes), never the page image nor other pages."""
    item = judgment_field_item(judgment=judgment, path=path) if path else None
    document = judgment.document
    if document is None:
        return SourceView(None, 1, 0, [], "", item)
    number = item.page if item is not None and item.page else (page or 1)
    number = min(max(1, number), document.page_count)
    doc_page = document_page_get_for_user(actor=actor, pk=document.pk, number=number)
    boxes: list[dict[str, float]] = []
    span_text = ""
    if item is not None and item.page == number and item.start is not None and item.end:
        text = doc_page.text or ""
        span_text = text[item.start : item.end]
        boxes = span_boxes(
            text=text,
            words=doc_page.words or [],
            start=item.start,
            end=item.end,
            width=doc_page.width_px or 0,
            height=doc_page.height_px or 0,
        )
    return SourceView(document.pk, number, document.page_count, boxes, span_text, item)


# --- Training data ------------------------------------------------------------------------------


def judgment_corrections_for_export(*, actor: Any) -> QuerySet[FieldCorrection]:
    """Corrections of the judgments in the actor's scope, oldest first."""
    judgments = scope_queryset(Judgment.objects.all(), actor=actor).values("pk")
    return (
        FieldCorrection.objects.filter(judgment__in=judgments)
        .select_related("judgment", "judgment__office")
        .order_by("corrected_at", "pk")
    )


CONTEXT_CHARS = 200


def judgment_page_text_spans(
    *, corrections: QuerySet[FieldCorrection]
) -> Iterator[tuple[FieldCorrection, str, str]]:
    """Each correction with the text of its span and the span's context (200 characters each
    side), reading each document's pages once (corrections must be in scope already)."""
    texts: dict[int, dict[int, str]] = {}
    for correction in corrections.iterator(chunk_size=500):
        document_id = correction.judgment.document_id
        span_text = context = ""
        if document_id is not None and correction.page and correction.start is not None:
            if document_id not in texts:
                pages = document_page_texts(document_id=document_id, words=False)
                texts[document_id] = {p.number: p.text for p in pages}
            text = texts[document_id].get(correction.page, "")
            end = correction.end or correction.start
            span_text = text[correction.start : end]
            context = text[max(0, correction.start - CONTEXT_CHARS) : end + CONTEXT_CHARS]
        yield correction, span_text, context
