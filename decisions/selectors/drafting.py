"""Every read of the decisions app, scoped to the actor. Templates, drafts, batches, signing.

What is due (:func:`decisions_due_for_judgment`) follows domain.md §3.1 and §3.3: state-revenue
items, fines, confiscation and court fees are enforced proactively (T5: 5 working days from
receipt of the judgment); private-party items wait for the creditor's request (T4: 5 working
days from its receipt). Grouping, law version and deadlines are data (``decisions.registry``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.models import CreditorRequest
from decisions.models import Decision
from decisions.models import DecisionBatch
from decisions.models import DecisionTemplate
from decisions.models import Judgment
from decisions.registry import deadline_rule
from decisions.registry import grouping_rule
from decisions.registry import kind_label
from decisions.registry import law_for_date
from decisions.types import STATE
from decisions.types import DecisionSummary
from thads.calendar.workdays import add_working_days
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import scope_queryset

__all__ = [
    "DueDecision",
    "DueItem",
    "creditor_requests_for_judgment",
    "decision_batch_get_for_user",
    "decision_batch_list_for_user",
    "decision_batch_progress",
    "decision_field_errors",
    "decision_get_for_user",
    "decision_list_for_user",
    "decision_public_signature",
    "decision_summaries",
    "decision_summaries_for_case",
    "decision_template_for",
    "decisions_due_for_judgment",
    "judgment_for_drafting_get",
    "judgments_for_drafting",
    "obligation_is_proactive",
]

#: Obligation kinds enforced proactively whoever the creditor is (domain.md §3.1).
PROACTIVE_KINDS = frozenset({"fine", "confiscation"})


@dataclass(frozen=True)
class DueItem:
    """One item to enforce: a court fee or an obligation of the judgment."""

    source: str  # "fee" or "obligation"
    source_id: int
    kind: str
    description: str
    amount_vnd: int | None
    debtor_name: str
    creditor_name: str
    joint: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_id": self.source_id,
            "kind": self.kind,
            "description": self.description,
            "amount_vnd": self.amount_vnd,
            "debtor": self.debtor_name,
            "creditor": self.creditor_name,
            "joint": self.joint,
        }


@dataclass(frozen=True)
class DueDecision:
    """A decision the law requires for a judgment, drafted or not."""

    key: str  # source_key of the decision: "j12:proactive:p34"
    judgment_id: int
    kind: str  # "proactive" or "on_request"
    kind_label: str
    status: str  # "due", "awaiting_request", "drafted"
    status_label: str
    debtor_name: str
    debtor_address: str
    debtor_id_number: str
    creditor_name: str
    items: tuple[DueItem, ...]
    total_vnd: int
    joint: bool
    law_version: str
    legal_basis: str  # the grouping and issuing rule, as the officer reads it
    deadline: dt.date | None
    deadline_basis: str
    trigger_on: dt.date | None  # receipt of the judgment (T5) or of the request (T4)
    request_date: dt.date | None = None
    decision_id: int | None = None


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFC", name or "").strip().casefold()
    return " ".join(text.split())


def _is_state(name: str) -> bool:
    text = _norm(name)
    return text in {_norm(STATE), "ngân sách nhà nước", "nhà nước (ngân sách)"} or text.startswith(
        "ngân sách nhà nước"
    )


def obligation_is_proactive(*, kind: str, creditor_name: str) -> bool:
    """Fines, confiscation and any item owed to the State are proactive (L2008 Art 36(2))."""
    return kind in PROACTIVE_KINDS or _is_state(creditor_name)


def _digest(text: str) -> str:
    return hashlib.sha1(_norm(text).encode(), usedforsecurity=False).hexdigest()[:10]


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localdate(value) if timezone.is_aware(value) else value.date()


@dataclass
class _Group:
    key: str
    debtor_name: str
    party_ids: list[int]
    items: list[DueItem]
    joint: bool = False


def _group_key(*, per: str, debtor_id: int | None, debtor_name: str, joint: bool) -> str:
    if per == "judgment":
        return "all"
    if joint:
        return f"joint-{_digest(debtor_name)}"
    if not debtor_name.strip() or _is_state(debtor_name):
        return "unidentified"
    if debtor_id is not None:
        return f"p{debtor_id}"
    return f"n-{_digest(debtor_name)}"


def decisions_due_for_judgment(
    *, judgment: Judgment, on: dt.date | None = None
) -> list[DueDecision]:
    """Every decision the law requires for a CONFIRMED judgment, with basis and deadline.

    Proactive (L2008 Art 36(2) / L2025 Art 33): court fees, fines, confiscation and items owed
    to the State; one decision per debtor and one joint decision per joint obligation from
    01/07/2026 (ND152 Art 8(1)), one for the whole judgment before (ND62 Art 6); items without
    an identified debtor form one decision. Deadline T5: 5 working days from receipt of the
    judgment. On request (L2008 Art 36(1); ND152 Art 11(1)): private items, one decision per
    debtor, "awaiting_request" until a ``CreditorRequest`` of one of its creditors is recorded;
    then due within 5 working days of its receipt (T4). Rules marked [?] in domain.md are data
    in ``decisions/registry/laws.toml`` and say so. A judgment not CONFIRMED has nothing due.
    """
    if judgment.status != Judgment.Status.CONFIRMED:
        return []
    on = on or timezone.localdate()
    parties = {p.pk: p for p in judgment.parties.all()}
    received_on = _local_date(judgment.received_at)
    requests = {
        _norm(r.creditor_name): r
        for r in CreditorRequest.objects.filter(judgment=judgment).order_by("received_on")
    }

    proactive_items: list[tuple[int | None, DueItem]] = []
    private_items: list[tuple[int | None, DueItem]] = []
    for fee in judgment.court_fees.all():
        item = DueItem(
            source="fee",
            source_id=fee.pk,
            kind="court_fee",
            description=fee.kind or _("Án phí, lệ phí Tòa án"),
            amount_vnd=fee.amount_vnd,
            debtor_name=fee.payer_name,
            creditor_name=STATE,
        )
        proactive_items.append((fee.payer_id, item))
    for obligation in judgment.obligations.all():
        item = DueItem(
            source="obligation",
            source_id=obligation.pk,
            kind=obligation.kind,
            description=obligation.description,
            amount_vnd=obligation.amount_vnd,
            debtor_name=obligation.debtor_name,
            creditor_name=obligation.creditor_name,
            joint=obligation.joint,
        )
        target = (
            proactive_items
            if obligation_is_proactive(kind=obligation.kind, creditor_name=obligation.creditor_name)
            else private_items
        )
        target.append((obligation.debtor_id, item))

    existing = dict(
        Decision.objects.filter(
            office_id=judgment.office_id,
            judgment=judgment,
            status__in=Decision.LIVE_STATUSES,
        ).values_list("source_key", "pk")
    )
    law = law_for_date(on)
    due: list[DueDecision] = []
    for kind, rows in (("proactive", proactive_items), ("on_request", private_items)):
        if not rows:
            continue
        grouping = grouping_rule(kind=kind, on=on)
        groups: dict[str, _Group] = {}
        for debtor_id, item in rows:
            key = _group_key(
                per=grouping.per,
                debtor_id=debtor_id,
                debtor_name=item.debtor_name,
                joint=item.joint,
            )
            group = groups.setdefault(
                key, _Group(key=key, debtor_name=item.debtor_name, party_ids=[], items=[])
            )
            group.items.append(item)
            group.joint = group.joint or item.joint
            if debtor_id is not None and debtor_id not in group.party_ids:
                group.party_ids.append(debtor_id)
        for group in groups.values():
            names = list(dict.fromkeys(i.debtor_name for i in group.items if i.debtor_name.strip()))
            creditors = list(dict.fromkeys(i.creditor_name for i in group.items))
            known = [parties[pk] for pk in group.party_ids if pk in parties]
            source_key = f"j{judgment.pk}:{kind}:{group.key}"
            request = None
            if kind == "on_request":
                matched = [requests[_norm(c)] for c in creditors if _norm(c) in requests]
                request = min(matched, key=lambda r: r.received_on) if matched else None
            trigger = (
                received_on if kind == "proactive" else (request.received_on if request else None)
            )
            rule = deadline_rule(kind=kind, trigger_on=trigger) if trigger else None
            deadline = add_working_days(trigger, rule.working_days) if rule and trigger else None
            decision_id = existing.get(source_key)
            if decision_id is not None:
                status, status_label = "drafted", _("Đã dự thảo")
            elif kind == "on_request" and request is None:
                status, status_label = (
                    "awaiting_request",
                    _("Chờ đơn yêu cầu của người được thi hành án"),
                )
            else:
                status, status_label = "due", _("Cần ra quyết định")
            if group.key == "unidentified":
                debtor_name = _("Không xác định người phải thi hành án")
            else:
                debtor_name = " và ".join(names) if not group.joint else names[0]
            due.append(
                DueDecision(
                    key=source_key,
                    judgment_id=judgment.pk,
                    kind=kind,
                    kind_label=kind_label(kind),
                    status=status,
                    status_label=status_label,
                    debtor_name=debtor_name,
                    debtor_address="; ".join(p.address for p in known if p.address),
                    debtor_id_number="; ".join(p.id_number for p in known if p.id_number),
                    creditor_name=", ".join(creditors),
                    items=tuple(group.items),
                    total_vnd=sum(i.amount_vnd or 0 for i in group.items),
                    joint=group.joint,
                    law_version=law.code,
                    legal_basis=grouping.basis,
                    deadline=deadline,
                    deadline_basis=rule.basis if rule else "",
                    trigger_on=trigger,
                    request_date=request.received_on if request else None,
                    decision_id=decision_id,
                )
            )
    return due


def creditor_requests_for_judgment(*, judgment: Judgment) -> QuerySet[CreditorRequest]:
    return CreditorRequest.objects.filter(judgment=judgment).select_related("recorded_by")


def decision_template_for(*, kind: str, on: dt.date) -> DecisionTemplate | None:
    """The template version of ``kind`` valid on ``on`` (the newest when several are)."""
    return (
        DecisionTemplate.objects.filter(kind=kind, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-version")
        .first()
    )


def judgments_for_drafting(*, actor: Any) -> QuerySet[Judgment]:
    """CONFIRMED judgments of the actor's scope, newest first (the batch form's choices)."""
    return scope_queryset(
        Judgment.objects.filter(status=Judgment.Status.CONFIRMED).select_related("office"),
        actor=actor,
    ).order_by("-received_at", "-pk")


def judgment_for_drafting_get(*, actor: Any, pk: int) -> Judgment:
    """One CONFIRMED judgment of the actor's scope (the "what is due" page); else ``Http404``."""
    return get_in_scope_or_404(
        Judgment.objects.filter(status=Judgment.Status.CONFIRMED).select_related("office"),
        actor=actor,
        pk=pk,
    )


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related(
        "office", "template", "judgment", "batch", "public_token"
    )


def decision_list_for_user(
    *, actor: Any, status: str = "", kind: str = "", batch_id: int | None = None
) -> QuerySet[Decision]:
    """Decisions of the actor's scope, newest first, optionally by status, kind or batch."""
    queryset = scope_queryset(_decisions(), actor=actor)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if batch_id is not None:
        queryset = queryset.filter(batch_id=batch_id).order_by("position", "pk")
    return queryset


def decision_get_for_user(*, actor: Any, pk: int) -> Decision:
    """One decision of the actor's scope; ``Http404`` otherwise."""
    return get_in_scope_or_404(_decisions(), actor=actor, pk=pk)


def decision_batch_list_for_user(*, actor: Any) -> QuerySet[DecisionBatch]:
    return scope_queryset(
        DecisionBatch.objects.select_related("office", "created_by", "draft_job", "sign_job"),
        actor=actor,
    )


def decision_batch_get_for_user(*, actor: Any, pk: int) -> DecisionBatch:
    return get_in_scope_or_404(
        DecisionBatch.objects.select_related("office", "created_by", "draft_job", "sign_job"),
        actor=actor,
        pk=pk,
    )


def decision_batch_progress(*, batch: DecisionBatch) -> dict[str, int]:
    """Number of the batch's decisions per status (every status present)."""
    counts = {status: 0 for status in Decision.Status.values}
    for status in batch.decisions.values_list("status", flat=True):
        counts[status] += 1
    return counts


def decision_field_errors(*, decision: Decision) -> dict[str, str]:
    """Per-field Vietnamese messages for the template's required fields left blank."""
    errors = {}
    for field in decision.template.fields:
        if field.get("required") and not str(decision.fields.get(field["name"], "")).strip():
            errors[field["name"]] = _("Chưa nhập “%(label)s”: trường này là bắt buộc.") % {
                "label": field["label"]
            }
    return errors


def _summary(decision: Decision) -> DecisionSummary:
    signed = decision.status in ("signed", "revoked") and decision.pdf_sha256
    return DecisionSummary(
        decision_id=decision.pk,
        office_id=decision.office_id,
        kind=decision.kind,
        kind_label=kind_label(decision.kind),
        status=decision.status,
        status_label=str(decision.get_status_display()),
        number=decision.number_symbol,
        issued_on=decision.issued_on,
        detail_url=reverse("decisions:decision-detail", args=[decision.pk]),
        pdf_url=reverse("decisions:decision-pdf", args=[decision.pk]) if signed else "",
        verify_url="",
        case_id=decision.case_id,
    )


def decision_summaries(*, actor: Any, ids: Iterable[int]) -> list[DecisionSummary]:
    """Decisions of ``ids`` the actor may see, as ``DecisionSummary`` (one query)."""
    queryset = scope_queryset(Decision.objects.filter(pk__in=list(ids)), actor=actor)
    return [_summary(d) for d in queryset.order_by("created_at", "pk")]


def decision_summaries_for_case(*, actor: Any, case_id: int) -> list[DecisionSummary]:
    """Decisions drafted for an enforcement case, oldest first, within the actor's scope."""
    queryset = scope_queryset(Decision.objects.filter(case_id=case_id), actor=actor)
    return [_summary(d) for d in queryset.order_by("created_at", "pk")]


def decision_public_signature(*, public_token: Any) -> Any:
    """The signature report of the registered signed PDF of a decision's public token.

    The file is the platform's own (matched by SHA-256), so parsing it is safe; None when the
    token is not a decision's or the file is gone. Returns a ``SignatureReport``.
    """
    from thads.documents.conf import media_root
    from thads.documents.signing import sha256_hex
    from thads.documents.signing import validate_pdf_signatures

    if (
        public_token.object_type != Decision._meta.label_lower
        or not public_token.object_id.isdigit()
    ):
        return None
    decision = Decision.objects.filter(pk=int(public_token.object_id)).only("pdf_name").first()
    if decision is None or not decision.pdf_name:
        return None
    path = media_root() / decision.pdf_name
    if not path.is_file():
        return None
    data = path.read_bytes()
    if sha256_hex(data) != public_token.pdf_sha256:
        return None
    return validate_pdf_signatures(data)
