"""Every write of the decisions app. Judgments and extraction.

Flow: :func:`judgment_intake` stores the original (``thads.documents``) and starts its text
pipeline; when the pages are read (``document_processed``), :func:`judgment_extraction_queue`
queues ``judgment_extract_task``, which calls :func:`judgment_apply_extraction`; the officer
then corrects (:func:`judgment_field_correct`), confirms fields, adds or removes rows and
confirms the judgment (:func:`judgment_confirm`), which the legal cross-checks may refuse.

Every service is atomic and writes its audit event in the same transaction; every write of a
judgment increments ``Judgment.version`` (stale forms are refused).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.exceptions.judgments import JudgmentConfirmBlockedError
from decisions.exceptions.judgments import JudgmentError
from decisions.exceptions.judgments import JudgmentFieldInvalidError
from decisions.exceptions.judgments import JudgmentIntakeRejectedError
from decisions.exceptions.judgments import JudgmentNotEditableError
from decisions.exceptions.judgments import JudgmentStaleVersionError
from decisions.models.judgments import FIELD_SPECS
from decisions.models.judgments import ExtractedField
from decisions.models.judgments import FieldCorrection
from decisions.models.judgments import FieldPath
from decisions.models.judgments import Judgment
from decisions.models.judgments import JudgmentCourtFee
from decisions.models.judgments import JudgmentObligation
from decisions.models.judgments import JudgmentParty
from decisions.models.judgments import parse_field_path
from decisions.selectors.judgments import judgment_issues
from decisions.selectors.judgments import judgment_page_text_spans
from decisions.types import CASE_TYPES
from decisions.types import OBLIGATION_KINDS
from decisions.types import PARTY_ROLES
from decisions.types import STATE
from decisions.types import ExtractedJudgment
from decisions.types import Field
from thads.audit.services import audit_log
from thads.documents.exceptions import DocumentRejectedError
from thads.documents.services import document_process_start
from thads.documents.services import document_store
from thads.money import AmountError
from thads.money import parse_vnd

__all__ = [
    "EXPORT_COLUMNS",
    "EXTRACTION_MODE_DEFAULT",
    "judgment_apply_extraction",
    "judgment_confirm",
    "judgment_corrections_export",
    "judgment_document_failed",
    "judgment_extraction_fail",
    "judgment_extraction_mode",
    "judgment_extraction_queue",
    "judgment_extraction_rerun",
    "judgment_field_confirm",
    "judgment_field_correct",
    "judgment_intake",
    "judgment_row_add",
    "judgment_row_remove",
    "normalize_field_value",
]

logger = logging.getLogger(__name__)

#: Extraction mode when ``settings.JUDGMENT_EXTRACTION_MODE`` is empty: the rules alone (the
#: token classifier adds no accuracy on the real samples; ``decisions.extraction.extract``).
EXTRACTION_MODE_DEFAULT = "rules"
#: Metadata keys of a court transfer that pre-fill the header (confidence 1.0, source "court").
_METADATA_FIELDS = {
    "court": "court",
    "court_name": "court",
    "judgment_number": "judgment_number",
    "number": "judgment_number",
    "judgment_date": "date",
    "date": "date",
    "case_type": "case_type",
}
_GROUP_MODELS: dict[str, type[JudgmentParty | JudgmentObligation | JudgmentCourtFee]] = {
    "parties": JudgmentParty,
    "obligations": JudgmentObligation,
    "court_fees": JudgmentCourtFee,
}
#: Name columns of each group that point at a party (the FK is set when a party has the name).
_PARTY_LINKS = {
    "obligations": (("debtor_name", "debtor"), ("creditor_name", "creditor")),
    "court_fees": (("payer_name", "payer"),),
}
_TRUE = {"true", "1", "có", "co", "yes", "on"}
_FALSE = {"false", "0", "không", "khong", "no", "off", ""}


def judgment_extraction_mode() -> str:
    """The extraction mode the task uses ("rules" or "hybrid")."""
    return str(getattr(settings, "JUDGMENT_EXTRACTION_MODE", "") or EXTRACTION_MODE_DEFAULT)


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _json_value(value: Any) -> Any:
    """A value as stored in ``ExtractedField.value`` (JSON): dates as ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _snapshot(judgment: Judgment) -> dict[str, Any]:
    return {
        "status": judgment.status,
        "court": judgment.court,
        "number": judgment.number,
        "issued_on": judgment.issued_on,
        "case_type": judgment.case_type,
        "version": judgment.version,
    }


def _lock(judgment: Judgment | int) -> Judgment:
    pk = judgment if isinstance(judgment, int) else judgment.pk
    return Judgment.objects.select_for_update(of=("self",)).select_related("office").get(pk=pk)


def _check_editable(judgment: Judgment, version: int | None) -> None:
    if version is not None and int(version) != judgment.version:
        raise JudgmentStaleVersionError
    if not judgment.is_reviewable:
        raise JudgmentNotEditableError


def _bump(judgment: Judgment, *fields: str) -> None:
    judgment.version += 1
    judgment.save(update_fields=["version", *fields])


# --- Intake -------------------------------------------------------------------------------------


def _metadata_values(metadata: dict[str, Any] | None) -> dict[str, Any]:
    """Header values a court transfer states (validated like an officer's input)."""
    values: dict[str, Any] = {}
    for key, target in _METADATA_FIELDS.items():
        raw = (metadata or {}).get(key)
        if raw in (None, "") or target in values:
            continue
        if target == "date" and isinstance(raw, str) and len(raw) == 10 and raw[4] == "-":
            raw = dt.date.fromisoformat(raw).strftime("%d/%m/%Y")
        values[target] = normalize_field_value(FieldPath("header", None, target), raw)
    return values


def _metadata_effective_on(metadata: dict[str, Any] | None) -> dt.date | None:
    """The date of legal effect a court transfer states (``effective_date``, YYYY-MM-DD)."""
    raw = (metadata or {}).get("effective_date")
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError as exc:
        raise JudgmentFieldInvalidError(
            _("Ngày có hiệu lực pháp luật không hợp lệ: %(value)s (định dạng YYYY-MM-DD).")
            % {"value": raw},
            path="effective_on",
        ) from exc


def judgment_intake(
    *,
    actor: Any,
    office: Any,
    file: Any,
    source: str = Judgment.Source.UPLOAD,
    metadata: dict[str, Any] | None = None,
) -> Judgment:
    """Receive a judgment for ``office`` (upload, scan or court transfer) and start reading it.

    Legal basis: L2008 Art 28 (courts transfer judgments to the enforcement agency), L2008
    Art 29 (register of received judgments), ND152 Art 7 (an electronic transfer is received
    when the system records complete valid data). ``file`` is an ``UploadedFile`` or a
    local path; it goes through ``thads.documents.services.document_store`` (purpose
    "judgment": type, size, pages and hostile-file checks, sha256 dedupe, immutable original).
    A court's ``metadata`` (court/court_name, judgment_number, judgment_date YYYY-MM-DD,
    case_type) pre-fills the header with confidence 1.0 and source "court"; its
    ``effective_date`` sets the date of legal effect. The same file
    received again by the office returns the judgment already made from it.
    ``actor`` is None for the court API. Side effects: audit ``decisions.judgment_received``;
    the document's text pipeline starts (pages fan out as tasks after commit).
    Raises ``JudgmentIntakeRejectedError`` (the store's Vietnamese message) and
    ``JudgmentFieldInvalidError`` for invalid metadata; then nothing is stored.
    """
    header = _metadata_values(metadata)
    effective_on = _metadata_effective_on(metadata)
    kwargs: dict[str, Any] = {"actor": _user_or_none(actor), "office": office}
    kwargs["purpose"] = "judgment"
    if isinstance(file, str) or hasattr(file, "__fspath__"):
        kwargs["path"] = file
    else:
        kwargs["uploaded_file"] = file
    try:
        document = document_store(**kwargs)
    except DocumentRejectedError as exc:
        raise JudgmentIntakeRejectedError(exc.message) from exc
    with transaction.atomic():
        existing = (
            Judgment.objects.select_for_update()
            .filter(office=office, document=document)
            .order_by("pk")
            .first()
        )
        if existing is not None:
            return existing
        judgment = Judgment(
            office=office,
            source=source,
            document=document,
            received_by=_user_or_none(actor),
            court=header.get("court", ""),
            number=header.get("judgment_number", ""),
            issued_on=header.get("date"),
            case_type=header.get("case_type", ""),
            effective_on=effective_on,
        )
        judgment.full_clean()
        judgment.save()
        ExtractedField.objects.bulk_create(
            [
                ExtractedField(
                    judgment=judgment,
                    path=path,
                    value=_json_value(value),
                    confidence=1.0,
                    source="court",
                )
                for path, value in header.items()
            ]
        )
        audit_log(
            actor=_user_or_none(actor),
            action="decisions.judgment_received",
            target=judgment,
            office=office,
            after={**_snapshot(judgment), "document_id": document.pk, "source": source},
            summary=_("Tiếp nhận bản án, quyết định (%(pages)s trang): %(name)s")
            % {"pages": document.page_count, "name": str(document)},
        )
        document_process_start(actor=_user_or_none(actor), document=document)
        document.refresh_from_db()
    return judgment


# --- Extraction ---------------------------------------------------------------------------------


@transaction.atomic
def judgment_extraction_queue(*, document_id: int) -> list[int]:
    """Queue the extraction of every judgment read from ``document_id`` whose text is ready.

    Called by the ``document_processed`` receiver (``status`` ready). Judgments RECEIVED or
    FAILED become EXTRACTING and one ``judgment_extract_task`` each is queued after commit;
    EXTRACTING ones are queued again (a rerun of the pages); a judgment in review or confirmed
    is left alone, so a repeated event changes nothing. Returns the ids queued.
    Side effect: audit ``decisions.judgment_extraction_queued``.
    """
    from decisions.tasks.judgments import judgment_extract_task

    judgments = list(
        Judgment.objects.select_for_update(of=("self",))
        .select_related("office")
        .filter(
            document_id=document_id,
            status__in=[
                Judgment.Status.RECEIVED,
                Judgment.Status.EXTRACTING,
                Judgment.Status.FAILED,
            ],
        )
        .order_by("pk")
    )
    for judgment in judgments:
        before = _snapshot(judgment)
        judgment.status = Judgment.Status.EXTRACTING
        judgment.message = ""
        _bump(judgment, "status", "message")
        audit_log(
            actor=None,
            action="decisions.judgment_extraction_queued",
            target=judgment,
            before=before,
            after=_snapshot(judgment),
            summary=_("Trích xuất thông tin bản án %(judgment)s") % {"judgment": judgment},
        )
        pk = judgment.pk
        transaction.on_commit(lambda pk=pk: judgment_extract_task.delay(judgment_id=pk))
    return [judgment.pk for judgment in judgments]


@transaction.atomic
def judgment_extraction_fail(*, judgment_id: int, message: str) -> Judgment | None:
    """Mark a judgment FAILED with a Vietnamese ``message`` (text unreadable, extractor error).

    A judgment in review or confirmed keeps its state (a late failure of a rerun does not undo
    an officer's work). Side effect: audit ``decisions.judgment_extraction_failed``.
    """
    judgment = _lock(judgment_id)
    if judgment.status in (Judgment.Status.REVIEW, Judgment.Status.CONFIRMED):
        return judgment
    before = _snapshot(judgment)
    judgment.status = Judgment.Status.FAILED
    judgment.message = str(message)[:500]
    _bump(judgment, "status", "message")
    audit_log(
        actor=None,
        action="decisions.judgment_extraction_failed",
        target=judgment,
        before=before,
        after={**_snapshot(judgment), "message": judgment.message},
        summary=_("Trích xuất bản án %(judgment)s không thành công") % {"judgment": judgment},
    )
    return judgment


@transaction.atomic
def judgment_document_failed(*, document_id: int, message: str) -> list[int]:
    """The text of ``document_id`` could not be read: its judgments waiting for it (RECEIVED,
    EXTRACTING) become FAILED with ``message``. Idempotent. Returns the ids failed.
    Side effect: audit ``decisions.judgment_extraction_failed`` per judgment.
    """
    ids = list(
        Judgment.objects.filter(
            document_id=document_id,
            status__in=[Judgment.Status.RECEIVED, Judgment.Status.EXTRACTING],
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        judgment_extraction_fail(judgment_id=pk, message=message)
    return ids


@transaction.atomic
def judgment_extraction_rerun(*, actor: Any, judgment: Judgment) -> Judgment:
    """Extract a FAILED or in-review judgment again from its pages (officer's request).

    The normalised rows and fields are replaced when the task ends; past corrections stay in
    ``FieldCorrection``. A confirmed judgment is refused (``JudgmentNotEditableError``).
    Side effect: audit ``decisions.judgment_extraction_rerun``; the task is queued after commit.
    """
    from decisions.tasks.judgments import judgment_extract_task

    locked = _lock(judgment)
    if locked.status == Judgment.Status.CONFIRMED or locked.document_id is None:
        raise JudgmentNotEditableError
    before = _snapshot(locked)
    locked.status = Judgment.Status.EXTRACTING
    locked.message = ""
    _bump(locked, "status", "message")
    audit_log(
        actor=actor,
        action="decisions.judgment_extraction_rerun",
        target=locked,
        before=before,
        after=_snapshot(locked),
        summary=_("Trích xuất lại bản án %(judgment)s") % {"judgment": locked},
    )
    transaction.on_commit(lambda: judgment_extract_task.delay(judgment_id=locked.pk))
    return locked


def _field_rows(result: ExtractedJudgment) -> list[tuple[str, Field]]:
    """(path, Field) of every value the extractor produced, in document order."""
    rows: list[tuple[str, Field]] = [
        ("court", result.court),
        ("judgment_number", result.judgment_number),
        ("date", result.date),
        ("case_type", result.case_type),
    ]
    attrs = {
        "parties": ("role", "name", "birth_year", "id_number", "address", "representative"),
        "obligations": (
            "debtor",
            "creditor",
            "kind",
            "amount_vnd",
            "amount_words",
            "description",
            "joint",
            "interest_clause",
            "deadline",
        ),
        "court_fees": ("payer", "amount_vnd", "amount_words", "kind"),
    }
    for group, items in (
        ("parties", result.parties),
        ("obligations", result.obligations),
        ("court_fees", result.court_fees),
    ):
        for index, item in enumerate(items):
            for attr in attrs[group]:
                field = getattr(item, attr, None)
                if field is not None:
                    rows.append((f"{group}[{index}].{attr}", field))
    return rows


def _v(field: Field | None, default: Any = None) -> Any:
    if field is None or field.value is None:
        return default
    return field.value


def _text(field: Field | None, limit: int) -> str:
    value = _v(field, "")
    return str(value)[:limit] if value is not None else ""


def _amount(field: Field | None) -> int | None:
    value = _v(field)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _party_by_name(parties: Iterable[JudgmentParty]) -> dict[str, JudgmentParty]:
    by_name: dict[str, JudgmentParty] = {}
    for party in parties:
        by_name.setdefault(party.name.strip().casefold(), party)
    return by_name


def _link(by_name: dict[str, JudgmentParty], name: str) -> JudgmentParty | None:
    if not name or name == STATE:
        return None
    return by_name.get(name.strip().casefold())


@transaction.atomic
def judgment_apply_extraction(
    *, judgment_id: int, result: ExtractedJudgment, only_if_extracting: bool = False
) -> Judgment | None:
    """Store an extraction result on the judgment and put it in review (status REVIEW).

    Replaces the parties, obligations, court fees and ``ExtractedField`` rows (one per value
    with its confidence, page, span and source), so a rerun never duplicates; header values a
    court stated (source "court") are kept over the extractor's. Obligations and fees are
    linked to the party of the same name; the State ("Nhà nước") has no party row.
    With ``only_if_extracting`` (the task) a judgment no longer EXTRACTING is left alone, so
    a redelivered task cannot overwrite an officer's review. A CONFIRMED judgment is never
    changed (``JudgmentNotEditableError``). Side effect: audit ``decisions.judgment_extracted``.
    """
    judgment = _lock(judgment_id)
    if judgment.status == Judgment.Status.CONFIRMED:
        raise JudgmentNotEditableError
    if only_if_extracting and judgment.status != Judgment.Status.EXTRACTING:
        logger.info("judgment %s is %s: extraction result dropped", judgment.pk, judgment.status)
        return None
    before = _snapshot(judgment)
    court_fields = {
        f.path: f for f in ExtractedField.objects.filter(judgment=judgment, source="court")
    }
    JudgmentObligation.objects.filter(judgment=judgment).delete()
    JudgmentCourtFee.objects.filter(judgment=judgment).delete()
    JudgmentParty.objects.filter(judgment=judgment).delete()
    ExtractedField.objects.filter(judgment=judgment).delete()

    if "court" not in court_fields:
        judgment.court = _text(result.court, 300)
    if "judgment_number" not in court_fields:
        judgment.number = _text(result.judgment_number, 80)
    if "date" not in court_fields:
        date = _v(result.date)
        judgment.issued_on = date if isinstance(date, dt.date) else None
    if "case_type" not in court_fields:
        case_type = _v(result.case_type, "")
        judgment.case_type = case_type if case_type in CASE_TYPES else ""

    parties = JudgmentParty.objects.bulk_create(
        [
            JudgmentParty(
                judgment=judgment,
                position=index,
                role=_v(p.role) if _v(p.role) in PARTY_ROLES else "other",
                name=_text(p.name, 200),
                birth_year=_v(p.birth_year) if isinstance(_v(p.birth_year), int) else None,
                id_number=_text(p.id_number, 20),
                address=_text(p.address, 500),
                representative=_text(p.representative, 300),
            )
            for index, p in enumerate(result.parties)
        ]
    )
    by_name = _party_by_name(parties)
    obligations = []
    for index, o in enumerate(result.obligations):
        debtor, creditor = _text(o.debtor, 200), _text(o.creditor, 200)
        deadline = _v(o.deadline)
        interest = _v(o.interest_clause, "")
        periodic = _v(o.periodic, {})
        obligations.append(
            JudgmentObligation(
                judgment=judgment,
                position=index,
                debtor=_link(by_name, debtor),
                debtor_name=debtor,
                creditor=_link(by_name, creditor),
                creditor_name=creditor,
                kind=_v(o.kind) if _v(o.kind) in OBLIGATION_KINDS else "money",
                amount_vnd=_amount(o.amount_vnd),
                description=_text(o.description, 2000),
                periodic=_json_value(periodic) if isinstance(periodic, dict) else {},
                joint=bool(_v(o.joint, False)),
                interest_clause=(
                    _("Có") if interest is True else "" if interest is False else str(interest)
                ),
                deadline=deadline if isinstance(deadline, dt.date) else None,
            )
        )
    JudgmentObligation.objects.bulk_create(obligations)
    fees = []
    for index, f in enumerate(result.court_fees):
        payer = _text(f.payer, 200)
        fees.append(
            JudgmentCourtFee(
                judgment=judgment,
                position=index,
                payer=_link(by_name, payer),
                payer_name=payer,
                amount_vnd=_amount(f.amount_vnd) or 0,
                kind=_text(f.kind, 200),
            )
        )
    JudgmentCourtFee.objects.bulk_create(fees)

    extracted = []
    for path, field in _field_rows(result):
        if path in court_fields:
            continue
        span = field.span
        extracted.append(
            ExtractedField(
                judgment=judgment,
                path=path,
                value=_json_value(field.value),
                confidence=min(1.0, max(0.0, float(field.confidence))),
                page=span.page if span else None,
                start=span.start if span else None,
                end=span.end if span else None,
                source=(field.source or "rules")[:12],
            )
        )
    for field in court_fields.values():
        field.pk = None
        extracted.append(field)
    ExtractedField.objects.bulk_create(extracted)

    judgment.extraction = {
        **_json_value(result.to_labels()),
        "mode": result.mode,
        "warnings": list(result.warnings),
    }
    judgment.extraction_mode = result.mode[:12]
    judgment.status = Judgment.Status.REVIEW
    judgment.message = ""
    _bump(
        judgment,
        "court",
        "number",
        "issued_on",
        "case_type",
        "extraction",
        "extraction_mode",
        "status",
        "message",
    )
    audit_log(
        actor=None,
        action="decisions.judgment_extracted",
        target=judgment,
        before=before,
        after={
            **_snapshot(judgment),
            "parties": len(parties),
            "obligations": len(obligations),
            "court_fees": len(fees),
            "fields": len(extracted),
            "mode": result.mode,
        },
        summary=_("Đã trích xuất bản án %(judgment)s, chờ rà soát") % {"judgment": judgment},
    )
    return judgment


# --- Review -------------------------------------------------------------------------------------


def _invalid(message: str, path: FieldPath) -> JudgmentFieldInvalidError:
    return JudgmentFieldInvalidError(message, path=str(path))


def normalize_field_value(path: FieldPath, raw: Any) -> Any:
    """Check an officer's (or a court's) input for one field; return the Python value.

    Dates are dd/mm/yyyy, amounts go through ``thads.money.parse_vnd`` (integer đồng), roles,
    obligation kinds and case types must be the known codes (``decisions.types``).
    Raises ``JudgmentFieldInvalidError`` with a Vietnamese message.
    """
    spec = path.spec
    label = str(spec.label)
    text = "" if raw is None else str(raw).strip()
    if not text:
        if spec.required:
            raise _invalid(_("Hãy nhập %(label)s.") % {"label": label.lower()}, path)
        return {"text": "", "date": None, "amount": None, "year": None, "bool": False}.get(
            spec.kind, ""
        )
    if spec.kind == "date":
        try:
            value = dt.datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007 (a date)
        except ValueError:
            raise _invalid(
                _("Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 22/05/2025."), path
            ) from None
        if not 1945 <= value.year <= timezone.localdate().year + 1:
            raise _invalid(_("Năm của ngày không hợp lệ."), path)
        return value
    if spec.kind == "amount":
        try:
            return parse_vnd(text)
        except AmountError as exc:
            raise _invalid(exc.message, path) from None
    if spec.kind == "year":
        if not text.isdigit() or not 1900 <= int(text) <= timezone.localdate().year:
            raise _invalid(_("Năm sinh phải là số có 4 chữ số, ví dụ 1985."), path)
        return int(text)
    if spec.kind == "id_number":
        if not text.isdigit() or len(text) not in (9, 12):
            raise _invalid(
                _("Số định danh phải gồm 12 chữ số (hoặc 9 chữ số với chứng minh nhân dân cũ)."),
                path,
            )
        return text
    if spec.kind == "bool":
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise _invalid(_("Hãy chọn “Có” hoặc “Không”."), path)
    choices = {
        "role": PARTY_ROLES,
        "obligation_kind": OBLIGATION_KINDS,
        "case_type": CASE_TYPES,
    }.get(spec.kind)
    if choices is not None:
        if text not in choices:
            raise _invalid(_("Giá trị không thuộc danh mục cho phép."), path)
        return text
    if spec.max_length and len(text) > spec.max_length:
        raise _invalid(
            _("%(label)s dài quá %(limit)s ký tự.") % {"label": label, "limit": spec.max_length},
            path,
        )
    return text


def _row(judgment: Judgment, path: FieldPath) -> Any:
    """The model row holding ``path`` (the judgment itself for the header); else an error."""
    if path.group == "header":
        return judgment
    row = _GROUP_MODELS[path.group].objects.filter(judgment=judgment, position=path.index).first()
    if row is None:
        raise _invalid(_("Không tìm thấy dòng cần sửa; hãy tải lại trang."), path)
    return row


def _current_value(judgment: Judgment, path: FieldPath, field: ExtractedField | None) -> Any:
    if path.spec.column:
        return _json_value(getattr(_row(judgment, path), path.spec.column))
    return field.value if field is not None else None


def _resolve_path(path: str) -> FieldPath:
    parsed = parse_field_path(path)
    if parsed is None:
        raise JudgmentFieldInvalidError(_("Trường không hợp lệ."), path=path)
    return parsed


def _set_value(judgment: Judgment, path: FieldPath, value: Any) -> None:
    column = path.spec.column
    if not column:
        return
    row = _row(judgment, path)
    setattr(row, column, value)
    fields = [column]
    for name_column, fk in _PARTY_LINKS.get(path.group, ()):
        if name_column == column:
            parties = JudgmentParty.objects.filter(judgment=judgment)
            setattr(row, fk, _link(_party_by_name(parties), value))
            fields.append(fk)
    if row is judgment:
        return  # saved by _bump
    row.save(update_fields=fields)


@transaction.atomic
def judgment_field_correct(
    *, actor: Any, judgment: Judgment, path: str, value: Any, version: int
) -> ExtractedField:
    """Correct one extracted value; keep the correction as training data.

    ``value`` is the officer's text (checked by :func:`normalize_field_value`). Stores a
    ``FieldCorrection`` (who, when, before, after, the source page and span), updates the
    normalised row (a debtor, creditor or payer name is relinked to the party of that name)
    and the ``ExtractedField`` (status CORRECTED). The same value as before only confirms the
    field. Raises ``JudgmentStaleVersionError`` when ``version`` is not the current one,
    ``JudgmentNotEditableError`` outside review, ``JudgmentFieldInvalidError``.
    Side effect: audit ``decisions.judgment_field_corrected``.
    """
    locked = _lock(judgment)
    _check_editable(locked, version)
    parsed = _resolve_path(path)
    new_value = normalize_field_value(parsed, value)
    field = ExtractedField.objects.filter(judgment=locked, path=str(parsed)).first()
    before = _current_value(locked, parsed, field)
    after = _json_value(new_value)
    if field is not None and before == after:
        field.status = ExtractedField.Status.CONFIRMED
        field.save(update_fields=["status"])
        _bump(locked)
        audit_log(
            actor=actor,
            action="decisions.judgment_field_confirmed",
            target=locked,
            after={"path": str(parsed), "value": after},
            summary=_("Xác nhận trường %(label)s của bản án %(judgment)s")
            % {"label": parsed.spec.label, "judgment": locked},
        )
        return field
    _set_value(locked, parsed, new_value)
    if field is None:
        field = ExtractedField(judgment=locked, path=str(parsed), confidence=1.0, source="officer")
    field.value = after
    field.status = ExtractedField.Status.CORRECTED
    field.save()
    FieldCorrection.objects.create(
        judgment=locked,
        path=str(parsed),
        before=before,
        after=after,
        page=field.page,
        start=field.start,
        end=field.end,
        corrected_by=actor,
    )
    _bump(
        locked, *(["court", "number", "issued_on", "case_type"] if parsed.group == "header" else [])
    )
    audit_log(
        actor=actor,
        action="decisions.judgment_field_corrected",
        target=locked,
        before={"path": str(parsed), "value": before},
        after={"path": str(parsed), "value": after},
        summary=_("Sửa trường %(label)s của bản án %(judgment)s")
        % {"label": parsed.spec.label, "judgment": locked},
    )
    judgment.version = locked.version
    return field


@transaction.atomic
def judgment_field_confirm(
    *, actor: Any, judgment: Judgment, path: str, version: int
) -> ExtractedField:
    """Confirm an extracted value as read (status CONFIRMED); no correction is stored.

    Raises ``JudgmentStaleVersionError``, ``JudgmentNotEditableError``, or
    ``JudgmentFieldInvalidError`` for a path with no extracted value.
    Side effect: audit ``decisions.judgment_field_confirmed``.
    """
    locked = _lock(judgment)
    _check_editable(locked, version)
    parsed = _resolve_path(path)
    field = ExtractedField.objects.filter(judgment=locked, path=str(parsed)).first()
    if field is None:
        raise JudgmentFieldInvalidError(
            _("Trường này chưa có giá trị để xác nhận; hãy nhập giá trị."), path=str(parsed)
        )
    field.status = ExtractedField.Status.CONFIRMED
    field.save(update_fields=["status"])
    _bump(locked)
    audit_log(
        actor=actor,
        action="decisions.judgment_field_confirmed",
        target=locked,
        after={"path": str(parsed), "value": field.value},
        summary=_("Xác nhận trường %(label)s của bản án %(judgment)s")
        % {"label": parsed.spec.label, "judgment": locked},
    )
    judgment.version = locked.version
    return field


def _row_snapshot(group: str, row: Any) -> dict[str, Any]:
    values = {}
    for key, spec in FIELD_SPECS.items():
        if key.startswith(f"{group}.") and spec.column:
            values[key.split(".", 1)[1]] = _json_value(getattr(row, spec.column))
    return values


@transaction.atomic
def judgment_row_add(
    *, actor: Any, judgment: Judgment, group: str, values: dict[str, Any], version: int
) -> Any:
    """Add a party, obligation or court fee the extraction missed (``group``: parties,
    obligations, court_fees), at the end of its list.

    ``values`` maps attributes ("name", "role", "amount_vnd"...) to the officer's text, each
    checked like a correction; the required ones must be given. Stores the values as
    CORRECTED fields (source "officer") and a ``FieldCorrection`` of the whole row (before
    None), useful as a missed-entity training example. Side effect: audit
    ``decisions.judgment_row_added``.
    """
    locked = _lock(judgment)
    _check_editable(locked, version)
    if group not in _GROUP_MODELS:
        raise JudgmentFieldInvalidError(_("Nhóm thông tin không hợp lệ."), path=group)
    model = _GROUP_MODELS[group]
    last = model.objects.filter(judgment=locked).order_by("-position").first()
    position = last.position + 1 if last is not None else 0
    row = model(judgment=locked, position=position)
    cleaned: dict[str, Any] = {}
    for key, spec in FIELD_SPECS.items():
        if not key.startswith(f"{group}."):
            continue
        attr = key.split(".", 1)[1]
        parsed = FieldPath(group, position, attr)
        raw = values.get(attr, "")
        if not spec.column and raw in ("", None):
            continue
        cleaned[attr] = normalize_field_value(parsed, raw)
        if spec.column:
            setattr(row, spec.column, cleaned[attr])
    parties = _party_by_name(JudgmentParty.objects.filter(judgment=locked))
    for name_column, fk in _PARTY_LINKS.get(group, ()):
        setattr(row, fk, _link(parties, getattr(row, name_column)))
    row.save()
    ExtractedField.objects.bulk_create(
        [
            ExtractedField(
                judgment=locked,
                path=f"{group}[{position}].{attr}",
                value=_json_value(value),
                confidence=1.0,
                source="officer",
                status=ExtractedField.Status.CORRECTED,
            )
            for attr, value in cleaned.items()
            if value not in ("", None)
        ]
    )
    after = _json_value(cleaned)
    FieldCorrection.objects.create(
        judgment=locked, path=f"{group}[{position}]", before=None, after=after, corrected_by=actor
    )
    _bump(locked)
    audit_log(
        actor=actor,
        action="decisions.judgment_row_added",
        target=locked,
        after={"path": f"{group}[{position}]", "values": after},
        summary=_("Thêm %(group)s vào bản án %(judgment)s")
        % {"group": _group_label(group), "judgment": locked},
    )
    judgment.version = locked.version
    return row


def _group_label(group: str) -> str:
    from decisions.models.judgments import FIELD_GROUPS

    return str(FIELD_GROUPS[group]).lower()


@transaction.atomic
def judgment_row_remove(
    *, actor: Any, judgment: Judgment, group: str, index: int, version: int
) -> None:
    """Remove a party, obligation or court fee wrongly extracted (e.g. money from the facts).

    The rows after it move up one place, with their extracted fields; a ``FieldCorrection``
    of the whole row (after None) is stored. Obligations and fees that pointed at a removed
    party keep the name, without the link. Side effect: audit ``decisions.judgment_row_removed``.
    """
    locked = _lock(judgment)
    _check_editable(locked, version)
    if group not in _GROUP_MODELS:
        raise JudgmentFieldInvalidError(_("Nhóm thông tin không hợp lệ."), path=group)
    model = _GROUP_MODELS[group]
    row = model.objects.filter(judgment=locked, position=index).first()
    if row is None:
        raise JudgmentFieldInvalidError(
            _("Không tìm thấy dòng cần xóa; hãy tải lại trang."), path=f"{group}[{index}]"
        )
    before = _row_snapshot(group, row)
    prefix = f"{group}[{index}]."
    first = ExtractedField.objects.filter(judgment=locked, path__startswith=prefix).first()
    row.delete()
    ExtractedField.objects.filter(judgment=locked, path__startswith=prefix).delete()
    for later in model.objects.filter(judgment=locked, position__gt=index).order_by("position"):
        old = f"{group}[{later.position}]."
        later.position -= 1
        later.save(update_fields=["position"])
        new = f"{group}[{later.position}]."
        for field in ExtractedField.objects.filter(judgment=locked, path__startswith=old):
            field.path = new + field.path[len(old) :]
            field.save(update_fields=["path"])
    FieldCorrection.objects.create(
        judgment=locked,
        path=f"{group}[{index}]",
        before=before,
        after=None,
        page=first.page if first else None,
        start=first.start if first else None,
        end=first.end if first else None,
        corrected_by=actor,
    )
    _bump(locked)
    audit_log(
        actor=actor,
        action="decisions.judgment_row_removed",
        target=locked,
        before={"path": f"{group}[{index}]", "values": before},
        summary=_("Xóa %(group)s khỏi bản án %(judgment)s")
        % {"group": _group_label(group), "judgment": locked},
    )
    judgment.version = locked.version


@transaction.atomic
def judgment_confirm(*, actor: Any, judgment: Judgment, version: int) -> Judgment:
    """Confirm the reviewed judgment: it then feeds decision drafting (status CONFIRMED).

    Runs the legal cross-checks (``decisions.selectors.judgment_issues``: required header and
    row values, then ``decisions.extraction.checks.cross_check`` on the reviewed values:
    figures against words, shares against totals, the court-fee schedule, the number format,
    parties of the dispositive part) and refuses while a blocking issue remains
    (``JudgmentConfirmBlockedError`` listing each Vietnamese message). The receipt of the
    judgment starts the proactive-decision clock: 5 working days, L2008 Art 36(2), L2025
    Art 33 (domain.md T5); one decision per debtor, ND152 Art 8(1).
    Side effect: audit ``decisions.judgment_confirmed``.
    """
    locked = _lock(judgment)
    _check_editable(locked, version)
    blocking = [issue for issue in judgment_issues(judgment=locked) if issue.blocking]
    if blocking:
        raise JudgmentConfirmBlockedError(blocking)
    before = _snapshot(locked)
    # The officer vouches for every value shown: those not touched count as confirmed.
    ExtractedField.objects.filter(judgment=locked, status=ExtractedField.Status.PENDING).update(
        status=ExtractedField.Status.CONFIRMED
    )
    locked.status = Judgment.Status.CONFIRMED
    locked.confirmed_by = actor
    locked.confirmed_at = timezone.now()
    _bump(locked, "status", "confirmed_by", "confirmed_at")
    audit_log(
        actor=actor,
        action="decisions.judgment_confirmed",
        target=locked,
        before=before,
        after=_snapshot(locked),
        summary=_("Xác nhận bản án %(judgment)s") % {"judgment": locked},
    )
    return locked


# --- Training data ------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "judgment_id",
    "office",
    "path",
    "before",
    "after",
    "page",
    "start",
    "end",
    "span_text",
    "context",
    "corrected_at",
)


def judgment_corrections_export(*, actor: Any, corrections: Any, fmt: str) -> tuple[str, bytes]:
    """Write the officers' corrections as training data: JSON Lines or CSV.

    ``corrections`` comes from ``decisions.selectors.judgment_corrections_for_export`` (the
    actor's scope). Each row carries the value before and after, the page, the span and the
    span's text with 200 characters of context, so the extractor can learn from it; no
    officer's name leaves with the data. Returns (file name, bytes).
    Side effect: audit ``decisions.judgment_corrections_exported`` (personal data leaves).
    """
    if fmt not in ("jsonl", "csv"):
        raise JudgmentError(_("Định dạng tải về không hợp lệ."))
    rows = []
    for correction, span_text, context in judgment_page_text_spans(corrections=corrections):
        rows.append(
            {
                "judgment_id": correction.judgment_id,
                "office": correction.judgment.office.code,
                "path": correction.path,
                "before": correction.before,
                "after": correction.after,
                "page": correction.page,
                "start": correction.start,
                "end": correction.end,
                "span_text": span_text,
                "context": context,
                "corrected_at": correction.corrected_at.isoformat(),
            }
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "jsonl":
        data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if k in ("before", "after") else v
                    for k, v in row.items()
                }
            )
        data = ("\ufeff" + buffer.getvalue()).encode()  # BOM: spreadsheet apps read UTF-8
    audit_log(
        actor=actor,
        action="decisions.judgment_corrections_exported",
        target=None,
        office=getattr(actor, "office", None),
        after={"format": fmt, "rows": len(rows)},
        summary=_("Tải về %(rows)s chỉnh sửa trường trích xuất làm dữ liệu huấn luyện")
        % {"rows": len(rows)},
    )
    return f"chinh-sua-trich-xuat-{stamp}.{fmt}", data
