"""Every write of the decisions app. Templates, drafts, batches, signing.

Flow (issue 4): an officer selects CONFIRMED judgments → :func:`decision_batch_create` makes
one ``DecisionBatch``, one drafting ``Job`` and one ``JobItem`` per decision due; the task
``decision_draft_render_task`` drafts and renders each item (:func:`decision_draft_item`). The
office head edits, approves (:func:`decision_batch_approve`) and signs in one action
(:func:`decision_batch_sign`): the office's signing key is checked first (a missing or expired
key changes nothing), then ONE transaction, under the batch row's lock, takes the gapless
numbers (``thads.numbering.number_next``, series ``QĐ-THADS``, per office and year) for every
approved decision and opens the signing job; ``decision_sign_task`` renders the final PDF with
its number and QR, signs it with the office key (loaded once per worker process) and, in one
short transaction, stores it, registers its public token and marks the decision SIGNED
(:func:`decision_sign_item`). Numbers are committed together with the decisions that hold
them, so a killed worker never leaves a gap or a duplicate: the rerun signs the same numbered
decision, and the JobItem claim (``FOR UPDATE SKIP LOCKED``) makes a redelivered task skip
items already done. Two heads signing one batch at once: the second waits for the batch lock,
then finds nothing approved and gets :class:`DecisionAlreadySigningError`.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.exceptions import DecisionAlreadySigningError
from decisions.exceptions import DecisionError
from decisions.exceptions import DecisionFieldsInvalidError
from decisions.exceptions import DecisionNothingDueError
from decisions.exceptions import DecisionSigningUnavailableError
from decisions.exceptions import DecisionStaleError
from decisions.exceptions import DecisionStateError
from decisions.exceptions import DecisionTemplateMissingError
from decisions.models import CreditorRequest
from decisions.models import Decision
from decisions.models import DecisionBatch
from decisions.models import DecisionTemplate
from decisions.models import Judgment
from decisions.permissions import DECISION_DRAFT_ROLES
from decisions.permissions import DECISION_SIGN_ROLES
from decisions.registry import kind_label
from decisions.registry import law_for_date
from decisions.selectors.drafting import DueDecision
from decisions.selectors.drafting import decision_field_errors
from decisions.selectors.drafting import decision_template_for
from decisions.selectors.drafting import decisions_due_for_judgment
from decisions.selectors.drafting import judgments_for_drafting
from decisions.signals import decision_signed
from decisions.types import STATE
from decisions.types import SignedDecision
from thads.audit.services import audit_log
from thads.documents import services as job_services
from thads.documents.conf import media_root
from thads.documents.models import Job
from thads.documents.models import JobItem
from thads.documents.models import PublicToken
from thads.documents.pdf import AdminDocument
from thads.documents.pdf import render_admin_document_layout
from thads.documents.pdf import vn_long_date
from thads.documents.storage import store_content_addressed
from thads.documents.verification.services import public_token_generate
from thads.documents.verification.services import public_token_issue
from thads.documents.verification.services import public_token_revoke
from thads.numbering.selectors import format_document_number
from thads.numbering.services import number_next
from thads.org.models import Office
from thads.org.selectors import office_scope_for_user

logger = logging.getLogger(__name__)

__all__ = [
    "DRAFT_JOB_KIND",
    "SERIES",
    "SIGN_JOB_KIND",
    "RenderTimings",
    "creditor_request_record",
    "decision_approve",
    "decision_batch_approve",
    "decision_batch_create",
    "decision_batch_sign",
    "decision_document",
    "decision_draft_for_case",
    "decision_draft_item",
    "decision_pdf_path",
    "decision_preview_ensure",
    "decision_public_url",
    "decision_revoke",
    "decision_sign",
    "decision_sign_item",
    "decision_sign_item_failed",
    "decision_signed_payload",
    "decision_update",
    "office_signing_check",
]

#: Number series of enforcement decisions (domain.md §3.1: "123/QĐ-THADS").
SERIES = "QĐ-THADS"
DRAFT_JOB_KIND = "decisions.batch_draft"
SIGN_JOB_KIND = "decisions.batch_sign"
#: Default voluntary period in days (L2008 Art 45(1) [V]; the L2025 figure is unconfirmed [?]).
DEFAULT_VOLUNTARY_DAYS = "10"
DEFAULT_OTHER_CONTENT = (
    "Chấp hành viên được phân công tổ chức thi hành án có trách nhiệm xác minh điều kiện thi "
    "hành án, áp dụng các biện pháp bảo đảm, cưỡng chế thi hành án khi cần thiết theo quy định "
    "của pháp luật."
)
SIGNED_DIR = "decisions/signed"
PREVIEW_DIR = "decisions/previews"
BLANK = "……"


@dataclass
class RenderTimings:
    """Seconds spent per phase in this process (read by ``bench/decision_batch.py``)."""

    render: float = 0.0
    sign: float = 0.0
    store: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, phase: str, seconds: float) -> None:
        setattr(self, phase, getattr(self, phase) + seconds)
        self.counts[phase] = self.counts.get(phase, 0) + 1


TIMINGS = RenderTimings()


def _rounded(timings: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 2) for k, v in timings.items()}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and actor.pk else None


def _snapshot(decision: Decision) -> dict[str, Any]:
    return {
        "kind": decision.kind,
        "status": decision.status,
        "number": decision.number_symbol,
        "template": f"{decision.template.kind} v{decision.template.version}",
        "law_version": decision.law_version,
        "source_key": decision.source_key,
    }


# --- Content ---------------------------------------------------------------------------------


def _vnd(amount: int) -> str:
    from thads.money import vnd_in_words

    return f"{amount:,}".replace(",", ".") + f" đồng ({vnd_in_words(amount)})"


def _item_line(item: dict[str, Any]) -> str:
    text = item.get("description") or _("Nghĩa vụ theo bản án")
    if item.get("joint") and "liên đới" not in text.casefold():
        text = f"Liên đới {text[0].lower()}{text[1:]}"
    if item.get("amount_vnd") is not None:
        text += f": {_vnd(int(item['amount_vnd']))}"
    creditor = item.get("creditor") or ""
    if creditor == STATE or item.get("kind") == "court_fee":
        text += ", nộp ngân sách Nhà nước"
    elif creditor:
        text += f", cho {creditor}"
    return f"- {text}."


def _judgment_ref(judgment: Judgment | None) -> str:
    if judgment is None:
        return BLANK
    word = "Quyết định" if "QĐ" in (judgment.number or "").upper() else "Bản án"
    ref = f"{word} số {judgment.number or BLANK}"
    if judgment.issued_on:
        ref += f" {vn_long_date(judgment.issued_on)}"
    if judgment.court:
        ref += f" của {judgment.court}"
    return ref


class _Blanks(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return BLANK


def _fill(text: str, values: dict[str, str]) -> str:
    try:
        return text.format_map(values)
    except (ValueError, IndexError):  # a stray brace in registry text
        return text


def decision_document(
    *,
    decision: Decision,
    number_symbol: str = "",
    issued_on: dt.date | None = None,
    signer_name: str = "",
    signer_title: str = "",
    verify_url: str = "",
) -> AdminDocument:
    """The Decree 30 document of ``decision`` (a preview without number, or the final one)."""
    office = decision.office
    template = decision.template
    values = _Blanks({k: str(v) for k, v in decision.fields.items() if str(v).strip()})
    values.setdefault("judgment_ref", _judgment_ref(decision.judgment))
    values.setdefault("agency", office.name)
    body: list[str] = []
    for paragraph in template.body:
        if paragraph.strip() == "{items}":
            body += [_item_line(item) for item in decision.obligations] or [BLANK]
        else:
            body.append(_fill(paragraph, values))
    level_head = template.issuing_level == DecisionTemplate.IssuingLevel.HEAD
    if level_head:
        prefix = "Trưởng" if office.level == Office.Level.REGIONAL else "Thủ trưởng"
        issuer = f"{prefix} {office.name}"
        authority = _("Trưởng phòng") if office.level == Office.Level.REGIONAL else _("Thủ trưởng")
    else:
        issuer = "Chấp hành viên"
        authority = "Chấp hành viên"
    parent = (
        office.parent.name if office.parent_id and office.level == Office.Level.REGIONAL else ""
    )
    return AdminDocument(
        agency_parent=parent,
        agency=office.name,
        number_symbol=number_symbol or f"{BLANK}/{SERIES}",
        place=office.province.name if office.province_id else "",
        date=issued_on or timezone.localdate(),
        doc_type=template.doc_type,
        summary=template.summary,
        legal_bases=[_fill(b, values) for b in decision.legal_bases],
        body=body,
        recipients=list(template.recipients),
        signer_authority=str(authority) if not signer_title else "",
        signer_title=signer_title,
        signer_name=signer_name,
        verify_url=verify_url,
        issuer_title=issuer,
    )


def decision_pdf_path(name: str) -> Path:
    """Absolute path of a stored decision PDF; refuses names outside the decisions folders."""
    root = (media_root() / "decisions").resolve()
    path = (media_root() / name).resolve()
    if not name or not path.is_relative_to(root):
        raise ValueError(f"not a decision PDF: {name!r}")
    return path


def _render_preview(decision: Decision, timings: dict[str, float] | None = None) -> str:
    started = time.perf_counter()
    rendered = render_admin_document_layout(decision_document(decision=decision))
    middle = time.perf_counter()
    name, _digest = store_content_addressed(PREVIEW_DIR, rendered.pdf)
    ended = time.perf_counter()
    TIMINGS.add("render", middle - started)
    TIMINGS.add("store", ended - middle)
    if timings is not None:
        timings.update(render_ms=(middle - started) * 1000, store_ms=(ended - middle) * 1000)
    return name


def decision_preview_ensure(*, decision: Decision) -> str:
    """The stored preview PDF of a draft (rendered now if it has none yet); returns its name.

    Previews are content-addressed files, so two concurrent first openings store the same file;
    only the name is written to the row. Not audited: a preview changes nothing of record.
    """
    if decision.preview_name:
        return decision.preview_name
    name = _render_preview(decision)
    Decision.objects.filter(pk=decision.pk, preview_name="").update(preview_name=name)
    decision.preview_name = name
    return name


def _template(kind: str, on: dt.date) -> DecisionTemplate:
    template = decision_template_for(kind=kind, on=on)
    if template is None:
        raise DecisionTemplateMissingError(
            _("Chưa có mẫu “%(kind)s” áp dụng ngày %(date)s.")
            % {"kind": kind_label(kind), "date": on.strftime("%d/%m/%Y")}
        )
    return template


def _initial_fields(template: DecisionTemplate, values: dict[str, str]) -> dict[str, str]:
    fields = {f["name"]: "" for f in template.fields}
    fields.update({k: v for k, v in values.items() if v is not None})
    if "voluntary_days" in fields and not fields["voluntary_days"]:
        fields["voluntary_days"] = DEFAULT_VOLUNTARY_DAYS
    if "other_content" in fields and not fields["other_content"]:
        fields["other_content"] = DEFAULT_OTHER_CONTENT
    return fields


def _new_decision_from_due(
    *, due: DueDecision, judgment: Judgment, batch: DecisionBatch | None, actor: Any, on: dt.date
) -> Decision:
    template = _template(due.kind, on)
    law = law_for_date(on).code
    fields = _initial_fields(
        template,
        {
            "debtor_name": due.debtor_name,
            "debtor_address": due.debtor_address,
            "debtor_id_number": due.debtor_id_number,
            "creditor_name": due.creditor_name,
            "request_date": due.request_date.strftime("%d/%m/%Y") if due.request_date else "",
        },
    )
    return Decision(
        office_id=judgment.office_id,
        batch=batch,
        judgment=judgment,
        source_key=due.key,
        template=template,
        kind=due.kind,
        law_version=law,
        legal_bases=list(template.legal_bases.get(law, [])),
        fields=fields,
        debtor_name=due.debtor_name[:400],
        creditor_name=due.creditor_name[:400],
        obligations=[item.as_dict() for item in due.items],
        total_vnd=due.total_vnd,
        deadline=due.deadline,
        deadline_basis=due.deadline_basis[:300],
        created_by=_user(actor),
    )


# --- Requests, batches and drafts -----------------------------------------------------------


@transaction.atomic
def creditor_request_record(
    *, actor: Any, judgment: Judgment, creditor_name: str, received_on: dt.date, note: str = ""
) -> CreditorRequest:
    """Record that a creditor's request was received on ``received_on`` (ND152 Art 9; T4).

    The on-request decision of that creditor's items becomes due within 5 working days of
    ``received_on``. Idempotent per creditor (the date is updated). Audited
    ``decisions.creditor_request_recorded``.
    """
    if received_on > timezone.localdate():
        raise DecisionError(_("Ngày nhận đơn không được sau ngày hôm nay."))
    request, _created = CreditorRequest.objects.update_or_create(
        judgment=judgment,
        creditor_name=creditor_name.strip(),
        defaults={"received_on": received_on, "note": note[:300], "recorded_by": actor},
    )
    audit_log(
        actor=actor,
        action="decisions.creditor_request_recorded",
        target=request,
        office=judgment.office,
        after={"creditor": request.creditor_name, "received_on": received_on},
        summary=_("Ghi nhận đơn yêu cầu thi hành án của %(name)s nhận ngày %(date)s.")
        % {"name": request.creditor_name, "date": received_on.strftime("%d/%m/%Y")},
    )
    return request


@transaction.atomic
def decision_batch_create(*, actor: Any, judgment_ids: Iterable[int]) -> DecisionBatch:
    """Start drafting every decision due for the selected CONFIRMED judgments of one office.

    One ``DecisionBatch``, one job ``decisions.batch_draft`` and one item per decision due
    (items already drafted are skipped); ``decision_draft_render_task`` is queued per item
    after commit. Raises :class:`DecisionNothingDueError` when nothing is due and
    :class:`DecisionError` when the judgments are of several offices or not all visible.
    Audited ``decisions.batch_created``.
    """
    if getattr(actor, "role", "") not in DECISION_DRAFT_ROLES:
        raise PermissionDenied
    ids = sorted(set(judgment_ids))
    judgments = list(judgments_for_drafting(actor=actor).filter(pk__in=ids).order_by("pk"))
    if not ids or len(judgments) != len(ids):
        raise DecisionError(_("Chỉ chọn được các bản án đã xác nhận thuộc phạm vi của bạn."))
    offices = {j.office_id for j in judgments}
    if len(offices) != 1:
        raise DecisionError(_("Một lô chỉ gồm bản án của cùng một đơn vị."))
    office = judgments[0].office
    keys = [
        due.key
        for judgment in judgments
        for due in decisions_due_for_judgment(judgment=judgment)
        if due.status == "due"
    ]
    if not keys:
        raise DecisionNothingDueError
    numbers = ", ".join(j.number or f"#{j.pk}" for j in judgments[:5])
    if len(judgments) > 5:
        numbers += ", …"
    title = _("Dự thảo quyết định từ %(count)s bản án (%(numbers)s)") % {
        "count": len(judgments),
        "numbers": numbers,
    }
    job = job_services.job_create(
        actor=actor, kind=DRAFT_JOB_KIND, title=title[:255], office=office, total=len(keys)
    )
    job_services.job_items_add(job_id=job.pk, keys=keys)
    batch = DecisionBatch.objects.create(
        office=office,
        title=title[:255],
        judgment_ids=[j.pk for j in judgments],
        draft_job=job,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="decisions.batch_created",
        target=batch,
        office=office,
        after={"judgments": batch.judgment_ids, "decisions_due": len(keys), "job": job.pk},
        summary=title,
    )
    from decisions.tasks.drafting import decision_draft_render_task

    def send() -> None:
        for key in keys:
            decision_draft_render_task.apply_async(kwargs={"job_id": job.pk, "key": key})

    transaction.on_commit(send)
    return batch


def decision_draft_item(*, job_id: int, key: str) -> int | None:
    """Draft one decision of a batch (the task's body); returns its id or None.

    Idempotent: an item already done, a decision already drafted for the same judgment item
    (a live decision with this ``source_key``) or an item claimed elsewhere does nothing. One
    short transaction claims the item, creates the decision (audited
    ``decisions.decision_drafted``) and marks the item done. The preview PDF is rendered when
    someone opens it (:func:`decision_preview_ensure`): a head previews a few of a batch, and
    rendering all of them cost a fifth of the batch's time.
    """
    if JobItem.objects.filter(job_id=job_id, key=key, status=JobItem.Status.DONE).exists():
        return None
    batch = DecisionBatch.objects.select_related("office", "created_by").get(draft_job_id=job_id)
    judgment_id = int(key.split(":", 1)[0][1:])
    judgment = Judgment.objects.select_related("office").get(pk=judgment_id)
    on = timezone.localdate()
    due = next(
        (d for d in decisions_due_for_judgment(judgment=judgment, on=on) if d.key == key), None
    )
    decision = None
    timings: dict[str, float] = {}
    if due is not None and due.status == "due":
        decision = _new_decision_from_due(
            due=due, judgment=judgment, batch=batch, actor=batch.created_by, on=on
        )
    with transaction.atomic():
        item = job_services.job_item_claim(job_id=job_id, key=key)
        if item is None:
            return None
        if (
            decision is None
            or Decision.objects.filter(
                office_id=judgment.office_id, source_key=key, status__in=Decision.LIVE_STATUSES
            ).exists()
        ):
            job_services.job_item_done(item=item, result={"skipped": True})
            return None
        decision.position = item.pk
        decision.save()
        audit_log(
            actor=batch.created_by,
            action="decisions.decision_drafted",
            target=decision,
            office=batch.office,
            after=_snapshot(decision),
            summary=_("Dự thảo quyết định %(kind)s: %(debtor)s")
            % {"kind": kind_label(decision.kind).lower(), "debtor": decision.debtor_name},
        )
        job_services.job_item_done(
            item=item, result={"decision_id": decision.pk, **_rounded(timings)}
        )
    return decision.pk


@transaction.atomic
def decision_draft_for_case(
    *,
    actor: Any,
    office_id: int,
    case_id: int,
    kind: str,
    fields: dict[str, str],
    judgment_id: int | None = None,
) -> int:
    """Draft a decision on an enforcement case (postponement, suspension, termination,
    coercion, entrustment, no conditions, resumption...); returns its id, status DRAFT.

    Called by the enforcement app. The template is the version of ``kind`` valid today and the
    legal bases those of the law in force today (domain.md §0). Required fields may still be
    blank: they block approval, not drafting. Raises ``PermissionDenied`` when the actor may
    not draft for that office, :class:`DecisionTemplateMissingError` for an unknown kind.
    Audited ``decisions.decision_drafted``.
    """
    if getattr(actor, "role", "") not in DECISION_DRAFT_ROLES:
        raise PermissionDenied
    office = office_scope_for_user(actor=actor).filter(pk=office_id).first()
    if office is None:
        raise PermissionDenied
    on = timezone.localdate()
    template = _template(kind, on)
    judgment = None
    if judgment_id is not None:
        judgment = Judgment.objects.filter(pk=judgment_id, office_id=office_id).first()
        if judgment is None:
            raise DecisionError(_("Bản án không thuộc đơn vị này."))
    allowed = {f["name"] for f in template.fields}
    law = law_for_date(on).code
    values = {k: str(v)[:2000] for k, v in fields.items() if k in allowed}
    decision = Decision(
        office=office,
        judgment=judgment,
        case_id=case_id,
        source_key=f"c{case_id}:{kind}:{secrets.token_hex(6)}",
        template=template,
        kind=kind,
        law_version=law,
        legal_bases=list(template.legal_bases.get(law, [])),
        fields=_initial_fields(template, values),
        debtor_name=values.get("debtor_name", "")[:400],
        creditor_name=values.get("creditor_name", "")[:400],
        created_by=_user(actor),
    )
    decision.preview_name = _render_preview(decision)
    decision.save()
    audit_log(
        actor=actor,
        action="decisions.decision_drafted",
        target=decision,
        office=office,
        after={**_snapshot(decision), "case_id": case_id},
        summary=_("Dự thảo quyết định %(kind)s cho hồ sơ %(case)s")
        % {"kind": kind_label(kind).lower(), "case": case_id},
    )
    return decision.pk


def _office_key_lock(office_id: int) -> None:
    """Lock the office row (FOR NO KEY UPDATE) before the audit chain's head.

    The rows written here reference the office, so COMMIT checks that foreign key (a KEY
    SHARE lock on the office row). A writer that locks the office row FOR UPDATE and then
    appends to the same audit chain would otherwise deadlock with us (seen with the
    enforcement app's case opening); taking the office row first keeps one lock order.
    """
    Office.objects.select_for_update(no_key=True).filter(pk=office_id).values_list("pk").first()


def _lock(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("office", "template", "judgment", "office__province", "office__parent")
        .get(pk=decision.pk)
    )


@transaction.atomic
def decision_update(
    *, actor: Any, decision: Decision, fields: dict[str, str], version: int
) -> Decision:
    """Save the officer's edits of a draft's fields and re-render its preview.

    Only the template's fields are kept; an approved decision goes back to DRAFT. Raises
    :class:`DecisionStaleError` when ``version`` is not the row's, :class:`DecisionStateError`
    once signing started. Audited ``decisions.decision_updated`` (before/after per field).
    """
    locked = _lock(decision)
    if locked.version != version:
        raise DecisionStaleError
    if locked.status not in (Decision.Status.DRAFT, Decision.Status.APPROVED):
        raise DecisionStateError(_("Chỉ sửa được quyết định đang là dự thảo."))
    allowed = {f["name"] for f in locked.template.fields}
    before = {k: locked.fields.get(k, "") for k in allowed}
    after = dict(locked.fields)
    after.update({k: str(v).strip()[:2000] for k, v in fields.items() if k in allowed})
    changed = {k: after[k] for k in allowed if after.get(k, "") != before.get(k, "")}
    if not changed and locked.status == Decision.Status.DRAFT:
        return locked
    locked.fields = after
    if "debtor_name" in changed:
        locked.debtor_name = after["debtor_name"][:400]
    if "creditor_name" in changed:
        locked.creditor_name = after["creditor_name"][:400]
    previous_status = locked.status
    locked.status = Decision.Status.DRAFT
    locked.approved_by = None
    locked.approved_at = None
    locked.version += 1
    locked.preview_name = _render_preview(locked)
    locked.save()
    audit_log(
        actor=actor,
        action="decisions.decision_updated",
        target=locked,
        office=locked.office,
        before={**{k: before.get(k, "") for k in changed}, "status": previous_status},
        after={**changed, "status": locked.status},
        summary=_("Sửa dự thảo quyết định #%(pk)s") % {"pk": locked.pk},
    )
    return locked


def _approve_locked(*, actor: Any, locked: Decision) -> None:
    if locked.status != Decision.Status.DRAFT:
        raise DecisionStateError(_("Chỉ duyệt được quyết định đang là dự thảo."))
    errors = decision_field_errors(decision=locked)
    if errors:
        raise DecisionFieldsInvalidError(errors)
    locked.status = Decision.Status.APPROVED
    locked.approved_by = actor
    locked.approved_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "approved_by", "approved_at", "version"])
    audit_log(
        actor=actor,
        action="decisions.decision_approved",
        target=locked,
        office=locked.office,
        before={"status": Decision.Status.DRAFT},
        after={"status": locked.status},
        summary=_("Duyệt dự thảo quyết định #%(pk)s") % {"pk": locked.pk},
    )


@transaction.atomic
def decision_approve(*, actor: Any, decision: Decision) -> Decision:
    """Approve a draft (Thủ trưởng: L2008 Art 23; ND152 Art 13).

    Raises :class:`DecisionFieldsInvalidError` with one Vietnamese message per blank required
    field, :class:`DecisionStateError` when it is not a draft. Audited
    ``decisions.decision_approved``.
    """
    if getattr(actor, "role", "") not in DECISION_SIGN_ROLES:
        raise PermissionDenied
    locked = _lock(decision)
    _approve_locked(actor=actor, locked=locked)
    return locked


@transaction.atomic
def decision_batch_approve(
    *, actor: Any, batch: DecisionBatch, decision_ids: Iterable[int] | None = None
) -> tuple[list[int], dict[int, dict[str, str]]]:
    """Approve the batch's drafts (all, or ``decision_ids``); returns (approved ids, blocked).

    A draft with blank required fields stays a draft; ``blocked`` maps its id to the per-field
    messages. Each approval is audited.
    """
    if getattr(actor, "role", "") not in DECISION_SIGN_ROLES:
        raise PermissionDenied
    queryset = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("office", "template")
        .filter(batch=batch, status=Decision.Status.DRAFT)
        .order_by("position", "pk")
    )
    if decision_ids is not None:
        queryset = queryset.filter(pk__in=list(decision_ids))
    approved: list[int] = []
    blocked: dict[int, dict[str, str]] = {}
    for locked in queryset:
        try:
            with transaction.atomic():
                _approve_locked(actor=actor, locked=locked)
        except DecisionFieldsInvalidError as exc:
            blocked[locked.pk] = exc.errors
            continue
        approved.append(locked.pk)
    return approved, blocked


# --- Signing ------------------------------------------------------------------------------


def office_signing_check(*, office: Office) -> None:
    """Load the office's signer and check its certificate is valid now.

    Raises :class:`DecisionSigningUnavailableError` with a Vietnamese message when the key is
    missing, unreadable or the certificate is expired or not yet valid. Loads the signer into
    this process's cache (quality.md P3).
    """
    from thads.documents.signing import SigningError
    from thads.documents.signing import office_signer

    try:
        signer = office_signer(office_code=office.code, office_name=office.name)
    except SigningError as exc:
        raise DecisionSigningUnavailableError(
            _("Không ký số được: %(reason)s Chưa quyết định nào được cấp số.")
            % {"reason": exc.message}
        ) from exc
    cert = signer.signing_cert
    now = timezone.now()
    if cert.not_valid_after <= now or cert.not_valid_before > now:
        raise DecisionSigningUnavailableError(
            _(
                "Không ký số được: chứng thư ký số của đơn vị %(office)s đã hết hạn hoặc chưa có "
                "hiệu lực (hiệu lực đến %(date)s). Chưa quyết định nào được cấp số."
            )
            % {
                "office": office.name,
                "date": timezone.localtime(cert.not_valid_after).strftime("%d/%m/%Y"),
            }
        )


def decision_sign(*, actor: Any, decision: Decision) -> Job:
    """Number and sign one approved decision, such as one drafted for a case by enforcement.

    The same path as a batch (:func:`decision_batch_sign`: key check first, the number taken
    under the batch lock, the signing job resumable after a killed worker): a decision drafted
    outside any batch is first put into a batch of its own. Audited ``decisions.batch_created``
    for that batch, then as a batch signature. Raises ``DecisionAlreadySigningError`` when the
    decision is not approved or already signing.
    """
    if getattr(actor, "role", "") not in DECISION_SIGN_ROLES:
        raise PermissionDenied
    with transaction.atomic():
        locked = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
        if locked.status != Decision.Status.APPROVED:
            raise DecisionAlreadySigningError(
                _("Chỉ ký được quyết định đã duyệt; quyết định này đang ở trạng thái “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        if locked.batch_id is None:
            batch = DecisionBatch.objects.create(
                office_id=locked.office_id,
                title=_("Quyết định %(kind)s (ký riêng)") % {"kind": locked.template.title},
                judgment_ids=[locked.judgment_id] if locked.judgment_id else [],
                created_by=actor,
            )
            Decision.objects.filter(pk=locked.pk).update(batch=batch)
            audit_log(
                actor=actor,
                action="decisions.batch_created",
                target=batch,
                office=batch.office,
                after={"decision_ids": [locked.pk]},
                summary=_("Lập lô ký riêng cho quyết định #%(pk)s") % {"pk": locked.pk},
            )
        else:
            batch = DecisionBatch.objects.get(pk=locked.batch_id)
    return decision_batch_sign(actor=actor, batch=batch, decision_ids=[decision.pk])


def decision_batch_sign(
    *, actor: Any, batch: DecisionBatch, decision_ids: Iterable[int] | None = None
) -> Job:
    """Number and sign the batch's approved decisions (all, or ``decision_ids``) in one action.

    1. The office's key is checked (:func:`office_signing_check`): a missing or expired key
       raises :class:`DecisionSigningUnavailableError` and nothing changes (no number taken).
    2. One transaction under the batch row's lock: each approved decision, in batch order,
       takes the next number of ``QĐ-THADS`` for the office and the issue year (gapless:
       ``number_next`` rolls back with the transaction) and becomes SIGNING; one job
       ``decisions.batch_sign`` with one item per decision is opened; decisions left SIGNING by
       an earlier failed job are added to it with the number they hold. Audited
       ``decisions.batch_sign_started``. ``decision_sign_task`` is queued per item after commit.
    A second head signing the same batch meanwhile waits for the lock, then finds nothing to
    sign: :class:`DecisionAlreadySigningError`.
    """
    if getattr(actor, "role", "") not in DECISION_SIGN_ROLES:
        raise PermissionDenied
    office_signing_check(office=batch.office)
    with transaction.atomic():
        locked_batch = (
            DecisionBatch.objects.select_for_update(of=("self",))
            .select_related("office", "sign_job", "sign_requested_by")
            .get(pk=batch.pk)
        )
        queryset = (
            Decision.objects.select_for_update(of=("self",))
            .filter(batch=locked_batch)
            .order_by("position", "pk")
        )
        if decision_ids is not None:
            queryset = queryset.filter(pk__in=list(decision_ids))
        approved = list(queryset.filter(status=Decision.Status.APPROVED))
        previous_job = locked_batch.sign_job
        stranded: list[Decision] = []
        if previous_job is not None and previous_job.is_final:
            stranded = list(queryset.filter(status=Decision.Status.SIGNING))
        if not approved and not stranded:
            # re-read after the lock wait: the row a concurrent signer just committed
            locked_batch = DecisionBatch.objects.select_related("sign_requested_by").get(
                pk=locked_batch.pk
            )
            who = locked_batch.sign_requested_by
            if who is not None and queryset.filter(status__in=["signing", "signed"]).exists():
                raise DecisionAlreadySigningError(
                    _(
                        "Lô quyết định này đã được %(name)s ký (hoặc đang ký) lúc %(time)s; không "
                        "còn quyết định đã duyệt nào chờ ký."
                    )
                    % {
                        "name": who.get_full_name(),
                        "time": timezone.localtime(locked_batch.sign_requested_at).strftime(
                            "%H:%M %d/%m/%Y"
                        ),
                    }
                )
            raise DecisionAlreadySigningError(_("Chưa có quyết định nào đã duyệt để ký."))
        issued_on = timezone.localdate()
        now = timezone.now()
        for decision in approved:
            number = number_next(office=locked_batch.office_id, series=SERIES, year=issued_on.year)
            decision.number = number
            decision.year = issued_on.year
            decision.number_symbol = format_document_number(number, SERIES)
            decision.issued_on = issued_on
            decision.status = Decision.Status.SIGNING
            decision.signed_by = actor
            decision.error = ""
            decision.version += 1
        Decision.objects.bulk_update(
            approved,
            [
                "number",
                "year",
                "number_symbol",
                "issued_on",
                "status",
                "signed_by",
                "error",
                "version",
            ],
        )
        to_sign = approved + stranded
        title = _("Ký số %(count)s quyết định — %(batch)s") % {
            "count": len(to_sign),
            "batch": locked_batch.title,
        }
        job = job_services.job_create(
            actor=actor, kind=SIGN_JOB_KIND, title=title[:255], office=locked_batch.office
        )
        keys = [f"d{d.pk}" for d in to_sign]
        job_services.job_items_add(job_id=job.pk, keys=keys)
        locked_batch.sign_job = job
        locked_batch.sign_requested_by = actor
        locked_batch.sign_requested_at = now
        locked_batch.save(update_fields=["sign_job", "sign_requested_by", "sign_requested_at"])
        audit_log(
            actor=actor,
            action="decisions.batch_sign_started",
            target=locked_batch,
            office=locked_batch.office,
            after={
                "job": job.pk,
                "numbers": [d.number_symbol for d in approved],
                "resumed": [d.number_symbol for d in stranded],
            },
            summary=title,
        )
        from decisions.tasks.drafting import decision_sign_task

        def send() -> None:
            for key in keys:
                decision_sign_task.apply_async(kwargs={"job_id": job.pk, "key": key})

        transaction.on_commit(send)
    return job


def decision_public_url(token: str) -> str:
    """The absolute public verification URL of a decision (printed in its QR code)."""
    from django.conf import settings

    from thads.documents.verification.services import DEFAULT_PUBLIC_BASE_URL

    base = (getattr(settings, "PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL).rstrip("/")
    return base + reverse("decisions_public:decision-verify", kwargs={"token": token})


def decision_signed_payload(decision: Decision) -> SignedDecision:
    """The ``decision_signed`` event's payload for a signed decision."""
    judgment = decision.judgment
    return SignedDecision(
        decision_id=decision.pk,
        office_id=decision.office_id,
        number=decision.number_symbol,
        kind=decision.kind,
        signed_at=decision.signed_at or timezone.now(),
        issued_on=decision.issued_on or timezone.localdate(),
        judgment_id=decision.judgment_id,
        judgment_number=judgment.number if judgment else "",
        court=judgment.court if judgment else "",
        debtor_name=str(decision.fields.get("debtor_name", decision.debtor_name)),
        debtor_id_number=str(decision.fields.get("debtor_id_number", "")),
        debtor_address=str(decision.fields.get("debtor_address", "")),
        creditor_name=decision.creditor_name,
        obligations=tuple(
            {
                "kind": o.get("kind", ""),
                "amount_vnd": o.get("amount_vnd"),
                "description": o.get("description", ""),
                "creditor": o.get("creditor", ""),
            }
            for o in decision.obligations
        ),
        legal_basis="; ".join(decision.legal_bases),
        pdf_document_id=None,
        supersedes_decision_id=decision.supersedes_id,
        case_id=decision.case_id,
    )


def _announce(decision_id: int) -> None:
    """Send ``decision_signed`` after commit. A receiver's error is logged, never allowed to
    undo or fail the signing (the decision is signed; receivers queue their own work)."""
    decision = Decision.objects.select_related("judgment").get(pk=decision_id)
    results = decision_signed.send_robust(
        sender=Decision, decision_id=decision.pk, data=decision_signed_payload(decision)
    )
    for receiver, result in results:
        if isinstance(result, Exception):
            logger.error(
                "decision_signed receiver %s failed for decision %s: %r",
                getattr(receiver, "__qualname__", receiver),
                decision.pk,
                result,
            )


def decision_sign_item(*, job_id: int, key: str) -> int | None:
    """Render, sign and store one numbered decision (the task's body); its id or None.

    Rendering and signing (pure computation, the office's signer cached in this process) run
    before the short transaction that claims the item, locks the decision, registers its
    public token (audited), marks it SIGNED (audited ``decisions.decision_signed``) and marks
    the item done; ``decision_signed`` is sent after commit. A redelivered task finds the item
    done and announces the decision again (receivers are idempotent). Raises ``SigningError``
    (Vietnamese message) when the PDF cannot be signed.
    """
    from thads.documents.signing import sign_pdf

    decision_id = int(key[1:])
    decision = (
        Decision.objects.select_related(
            "office", "office__province", "office__parent", "template", "judgment", "signed_by"
        )
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return None
    if decision.status != Decision.Status.SIGNING:
        with transaction.atomic():
            item = job_services.job_item_claim(job_id=job_id, key=key)
            if item is not None:
                job_services.job_item_done(item=item, result={"decision_id": decision.pk})
        if decision.status == Decision.Status.SIGNED:
            _announce(decision.pk)
        return None
    signer = decision.signed_by
    token = public_token_generate()
    url = decision_public_url(token)
    started = time.perf_counter()
    rendered = render_admin_document_layout(
        decision_document(
            decision=decision,
            number_symbol=decision.number_symbol,
            issued_on=decision.issued_on,
            signer_name=signer.get_full_name() if signer else "",
            signer_title=(signer.job_title if signer and signer.job_title else ""),
            verify_url=url,
        )
    )
    render_s = time.perf_counter() - started
    TIMINGS.add("render", render_s)
    box: dict[str, Any] = {}
    if rendered.signature_box is not None:
        sig = rendered.signature_box
        box = {"box": (sig.x1, sig.y1, sig.x2, sig.y2), "page_index": sig.page_index}
    started = time.perf_counter()
    signed = sign_pdf(
        pdf_bytes=rendered.pdf,
        office_code=decision.office.code,
        office_name=decision.office.name,
        reason=f"Ký ban hành quyết định số {decision.number_symbol}",
        location=decision.office.province.name if decision.office.province_id else "",
        signer_name=signer.get_full_name() if signer else decision.office.name,
        **box,
    )
    sign_s = time.perf_counter() - started
    TIMINGS.add("sign", sign_s)
    started = time.perf_counter()
    name, digest = store_content_addressed(SIGNED_DIR, signed)
    with transaction.atomic():
        _office_key_lock(decision.office_id)
        item = job_services.job_item_claim(job_id=job_id, key=key)
        if item is None:
            return None
        locked = _lock(decision)
        if locked.status != Decision.Status.SIGNING:
            job_services.job_item_done(item=item, result={"decision_id": locked.pk})
            return None
        public_token, _raw = public_token_issue(
            actor=signer,
            kind=PublicToken.Kind.DECISION,
            target=locked,
            office=locked.office,
            summary={
                "doc_type": f"Quyết định {kind_label(locked.kind).lower()}",
                "number": locked.number_symbol,
                "issued_on": locked.issued_on.isoformat() if locked.issued_on else "",
                "office_name": locked.office.name,
                "status": "Đã ký",
            },
            pdf_sha256=digest,
            token=token,
        )
        locked.status = Decision.Status.SIGNED
        locked.pdf_name = name
        locked.pdf_sha256 = digest
        locked.public_token = public_token
        locked.signed_at = timezone.now()
        locked.error = ""
        locked.version += 1
        locked.save(
            update_fields=[
                "status",
                "pdf_name",
                "pdf_sha256",
                "public_token",
                "signed_at",
                "error",
                "version",
            ]
        )
        audit_log(
            actor=signer,
            action="decisions.decision_signed",
            target=locked,
            office=locked.office,
            before={"status": Decision.Status.SIGNING},
            after={"status": locked.status, "number": locked.number_symbol, "pdf_sha256": digest},
            summary=_("Ký số quyết định số %(number)s") % {"number": locked.number_symbol},
        )
        store_s = time.perf_counter() - started
        job_services.job_item_done(
            item=item,
            result={
                "decision_id": locked.pk,
                "sha256": digest,
                **_rounded(
                    {
                        "render_ms": render_s * 1000,
                        "sign_ms": sign_s * 1000,
                        "store_ms": store_s * 1000,
                    }
                ),
            },
        )
        transaction.on_commit(lambda: _announce(locked.pk))
    TIMINGS.add("store", store_s)
    return locked.pk


@transaction.atomic
def decision_sign_item_failed(*, job_id: int, key: str, message: str) -> None:
    """Record a signing failure: the item fails for good and the decision keeps its number
    (still SIGNING, with the message) until the head signs the batch again."""
    item = JobItem.objects.filter(job_id=job_id, key=key).first()
    if item is not None:
        job_services.job_item_fail(item=item, error=message, retryable=False)
    Decision.objects.filter(pk=int(key[1:]), status=Decision.Status.SIGNING).update(
        error=message[:500]
    )


@transaction.atomic
def decision_revoke(*, actor: Any, decision: Decision, reason: str) -> Decision:
    """Revoke a signed decision (L2008 Art 37): its public page then says revoked.

    Revokes the public token (audited by the core) and writes ``decisions.decision_revoked``.
    """
    if getattr(actor, "role", "") not in DECISION_SIGN_ROLES:
        raise PermissionDenied
    locked = _lock(decision)
    if locked.status != Decision.Status.SIGNED:
        raise DecisionStateError(_("Chỉ thu hồi được quyết định đã ký."))
    if not reason.strip():
        raise DecisionError(_("Cần ghi lý do thu hồi."))
    if locked.public_token_id is not None:
        public_token_revoke(actor=actor, public_token=locked.public_token, reason=reason)
    locked.status = Decision.Status.REVOKED
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    audit_log(
        actor=actor,
        action="decisions.decision_revoked",
        target=locked,
        office=locked.office,
        before={"status": Decision.Status.SIGNED},
        after={"status": locked.status, "reason": reason.strip()[:500]},
        summary=_("Thu hồi quyết định số %(number)s") % {"number": locked.number_symbol},
    )
    return locked
