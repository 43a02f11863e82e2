"""Every write of the enforcement app. Service of documents, verification, coercion.

Service of documents (domain.md §2.4; L2008 Arts 39-43; ND152 Arts 15-20): the channel rule
picks the required channel when a document to serve is recorded; each try is an attempt; the
first attempt that proves notice fixes ``valid_notice_at`` by its channel's rule, and for the
enforcement decision (QĐTHA) the case moves on through ``case_transition("serve_notice")`` so
the voluntary period starts from that moment.

Outside systems (VNeID, banks, registries, population database) are called through
``thads.integrations.adapters`` OUTSIDE any transaction (the adapter records its own attempt);
the answer is then written in one short transaction. A timeout or a garbage answer leaves a
failed attempt with ``next_retry_at`` (1, 2, 4, 8 minutes: ``thads.integrations.policy``) that
the beat task :func:`enforcement.tasks.actions.actions_retry_due_task` sends again: never a
half-updated case.

Legal periods come from ``LegalRule`` rows (rules data with effective dates), never constants.
Codes used here: ``POSTING_DURATION``, ``T12_REVERIFY``, ``T12_REVERIFY_LONG``,
``COERCION_FREEZE_RESOLVE``, ``COERCION_COST_NOTICE``, ``COERCION_TET_BLACKOUT``.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from enforcement.exceptions.actions import CoercionBlackoutError
from enforcement.exceptions.actions import CoercionError
from enforcement.exceptions.actions import PortalAccessLockedError
from enforcement.exceptions.actions import PortalCodeError
from enforcement.exceptions.actions import ServiceError
from enforcement.exceptions.actions import VerificationError
from enforcement.exceptions.cases import LegalRuleMissingError
from enforcement.models import ENDED_STATES
from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import CaseTask
from enforcement.models import CoercionMeasure
from enforcement.models import CoercionPlan
from enforcement.models import Deadline
from enforcement.models import LegalRule
from enforcement.models import PortalAccess
from enforcement.models import ServedDocument
from enforcement.models import ServiceAttempt
from enforcement.models import ServiceChannel
from enforcement.models import Verification
from enforcement.models import VerificationRequest
from enforcement.permissions import CASE_HEAD_ROLES
from thads.audit.services import audit_log
from thads.calendar.workdays import add_working_days
from thads.calendar.workdays import day_info
from thads.calendar.workdays import explain_calendar_days
from thads.integrations import adapters
from thads.integrations.exceptions import IntegrationCallError
from thads.integrations.exceptions import IntegrationError
from thads.integrations.policy import MAX_ATTEMPTS
from thads.integrations.policy import retry_delay

logger = logging.getLogger(__name__)

__all__ = [
    "CHANNEL_RULE_NEW_VERSIONS",
    "PORTAL_MAX_FAILED_CODES",
    "ChannelDecision",
    "PortalOpenResult",
    "actions_retry_due",
    "coercion_blackout_problems",
    "coercion_measure_add",
    "coercion_measure_execute",
    "coercion_measure_lift",
    "coercion_plan_create",
    "legal_rule_in_force",
    "lunar_new_year",
    "portal_access_create",
    "portal_open",
    "portal_url",
    "served_document_create",
    "service_attempt_record",
    "service_attempt_retry",
    "service_channel_rule",
    "service_vneid_deliver",
    "service_vneid_send",
    "verification_answer_record",
    "verification_classify",
    "verification_propose",
    "verification_record",
    "verification_record_pdf",
    "verification_record_store",
    "verification_request_retry",
    "verification_request_send",
    "verification_start",
    "verifications_schedule_due",
]

State = Case.State

#: Law versions whose rules make VNeID the default channel (ND152 Art 15, from 01/07/2026).
CHANNEL_RULE_NEW_VERSIONS = frozenset({"ND152", "L2025"})
#: Identification codes: 8 characters without look-alikes (0/O, 1/I): 40 bits, rate-limited.
PORTAL_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PORTAL_CODE_LENGTH = 8
#: Wrong codes before a portal access locks.
PORTAL_MAX_FAILED_CODES = 5
#: A PENDING attempt older than this lost its task: the retry sweep sends it again.
PENDING_LOST_AFTER = dt.timedelta(minutes=10)
#: Kinds of verification requests and the adapter each uses.
VERIFICATION_KINDS = tuple(VerificationRequest.Kind.values)

_NIGHT_START = dt.time(22, 0)
_NIGHT_END = dt.time(6, 0)
_BLACKOUT_BASIS = "Điều 46 khoản 2 Luật THADS 2008"


# --- Small helpers ------------------------------------------------------------------------------


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and actor.pk else None


def _fmt(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _start_of_day(d: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(d, dt.time.min))


def _event(case: Case, actor: Any, kind: str, title: str, detail: dict[str, Any]) -> None:
    CaseEvent.objects.create(
        case=case,
        actor=_user(actor),
        kind=kind,
        title=title[:300],
        detail=detail,
        state_before=case.state,
        state_after=case.state,
    )


def _lock_case(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _require_active(case: Case, error: type[Exception]) -> None:
    if case.state in ENDED_STATES:
        raise error(_("Hồ sơ đã kết thúc: không thực hiện được thao tác này."))


def legal_rule_in_force(*, code: str, on: dt.date) -> LegalRule | None:
    """The rule of ``code`` in force on ``on`` (the day the step's trigger occurred), or None.

    domain.md §0: both the 2008 and the 2025 law govern open cases, so the rule is chosen by
    date. ``valid_to`` is inclusive; where two rows overlap the later ``valid_from`` wins.
    """
    return (
        LegalRule.objects.filter(code=code, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def _require_rule(code: str, on: dt.date) -> LegalRule:
    rule = legal_rule_in_force(code=code, on=on)
    if rule is None:
        raise LegalRuleMissingError(
            _("Chưa có quy định “%(code)s” áp dụng cho ngày %(day)s trong dữ liệu pháp lý.")
            % {"code": code, "day": _fmt(on)}
        )
    return rule


def _period_end(start: dt.date, rule: LegalRule) -> dt.date:
    """End of the rule's period after ``start`` (Civil Code Arts 147-148 via thads.calendar)."""
    if rule.unit == LegalRule.Unit.WORKING_DAYS:
        return add_working_days(start, rule.length)
    if rule.unit == LegalRule.Unit.DAYS:
        return explain_calendar_days(start, rule.length).end
    if rule.unit == LegalRule.Unit.MONTHS:
        return start + relativedelta(months=rule.length)
    if rule.unit == LegalRule.Unit.YEARS:
        return start + relativedelta(years=rule.length)
    return start


def _case_transition(*, actor: Any, case: Case, action: str, payload: dict[str, Any]) -> Case:
    """Call H5a's ``case_transition`` with the case's current version (row already locked)."""
    from enforcement.services.cases import case_transition

    return case_transition(
        actor=actor, case=case, action=action, version=case.version, payload=payload
    )


# --- Service of documents: channel rules ---------------------------------------------------------


@dataclass(frozen=True)
class ChannelDecision:
    """The channel a document must be served by, why, and under which law version."""

    channel: str
    reason: str
    law_version: str


def service_channel_rule(
    *,
    document_date: dt.date,
    is_enforcement_decision: bool,
    has_id_number: bool,
    has_address: bool,
) -> ChannelDecision:
    """Which channel the law requires for a document of ``document_date``.

    From 01/07/2026 (ND152 Arts 15-20, domain.md §2.4): VNeID is the default and its "sent"
    time is the valid notice; the QĐTHA itself and a recipient whose personal identification
    number is unknown but whose address is known are served physically; nothing known:
    posting. Before (L2008 Arts 39-43): direct delivery with signature, else posting. Which
    regime applies is read from the posting rule in force on the document's date (rules
    data), ND152 Art 115: steps after the switch follow the new decree.
    """
    posting = _require_rule("POSTING_DURATION", document_date)
    if posting.law_version in CHANNEL_RULE_NEW_VERSIONS:
        basis = _("Điều 15–20 Nghị định 152/2026/NĐ-CP")
        if is_enforcement_decision:
            # The QĐTHA itself is delivered in person (exceptions of ND152 not modelled [?]);
            # without an address, physical delivery cannot happen: posting.
            if has_address:
                reason = _("Quyết định thi hành án được giao trực tiếp (%(basis)s).") % {
                    "basis": basis
                }
                return ChannelDecision(ServiceChannel.PHYSICAL, reason, posting.law_version)
            reason = _("Không rõ địa chỉ người nhận: niêm yết công khai (%(article)s).") % {
                "article": posting.article
            }
            return ChannelDecision(ServiceChannel.POSTING, reason, posting.law_version)
        if has_id_number:
            return ChannelDecision(
                ServiceChannel.VNEID,
                _(
                    "Kênh mặc định là VNeID; thời điểm VNeID báo “đã gửi” là thời điểm thông báo "
                    "hợp lệ (Điều 15 Nghị định 152/2026/NĐ-CP)."
                ),
                posting.law_version,
            )
        if has_address:
            return ChannelDecision(
                ServiceChannel.PHYSICAL,
                _("Không có số định danh cá nhân nhưng biết địa chỉ: giao trực tiếp (%(basis)s).")
                % {"basis": basis},
                posting.law_version,
            )
        return ChannelDecision(
            ServiceChannel.POSTING,
            _("Không rõ số định danh và địa chỉ người nhận: niêm yết công khai (%(article)s).")
            % {"article": posting.article},
            posting.law_version,
        )
    if has_address:
        return ChannelDecision(
            ServiceChannel.PHYSICAL,
            _("Giao trực tiếp, người nhận ký nhận (Điều 40 Luật THADS 2008)."),
            posting.law_version,
        )
    return ChannelDecision(
        ServiceChannel.POSTING,
        _("Không rõ địa chỉ người nhận: niêm yết công khai (%(article)s).")
        % {"article": posting.article},
        posting.law_version,
    )


def _doc_snapshot(doc: ServedDocument) -> dict[str, Any]:
    return {
        "title": doc.title,
        "recipient": doc.recipient_name,
        "required_channel": doc.required_channel,
        "status": doc.status,
        "valid_notice_at": doc.valid_notice_at,
        "valid_notice_channel": doc.valid_notice_channel,
    }


@transaction.atomic
def served_document_create(
    *,
    actor: Any,
    case: Case,
    title: str,
    document_date: dt.date,
    recipient_name: str,
    recipient_id_number: str = "",
    recipient_address: str = "",
    party: Any = None,
    decision_id: int | None = None,
    document: Any = None,
    is_enforcement_decision: bool = False,
) -> ServedDocument:
    """Record a document to serve on one recipient, with the channel the rules require.

    Basis: L2008 Art 39 (serve within 3 wd, T8); ND152 Arts 15-20 (channels). Side effects:
    audit ``enforcement.served_document_created``, a timeline event. Raises ``ServiceError``
    on an ended case or a document of another office, ``LegalRuleMissingError`` when the
    posting rule is missing for the date.
    """
    case = _lock_case(case)
    _require_active(case, ServiceError)
    if document is not None and document.office_id != case.office_id:
        raise ServiceError(_("Tệp văn bản không thuộc đơn vị của hồ sơ."), field="document")
    decision = service_channel_rule(
        document_date=document_date,
        is_enforcement_decision=is_enforcement_decision,
        has_id_number=bool(recipient_id_number.strip()),
        has_address=bool(recipient_address.strip()),
    )
    doc = ServedDocument(
        case=case,
        title=title.strip(),
        decision_id=decision_id,
        document=document,
        document_date=document_date,
        is_enforcement_decision=is_enforcement_decision,
        party=party,
        recipient_name=recipient_name.strip(),
        recipient_id_number=recipient_id_number.strip(),
        recipient_address=recipient_address.strip(),
        required_channel=decision.channel,
        channel_reason=decision.reason[:500],
        law_version=decision.law_version,
        created_by=_user(actor),
    )
    doc.full_clean(exclude=["case", "party", "document", "valid_notice_attempt"])
    doc.save()
    audit_log(
        actor=actor,
        action="enforcement.served_document_created",
        target=doc,
        office=case.office,
        after=_doc_snapshot(doc),
        summary=_("Lập văn bản cần tống đạt “%(title)s” cho %(recipient)s")
        % {"title": doc.title, "recipient": doc.recipient_name},
    )
    _event(
        case,
        actor,
        "service_document",
        _("Văn bản cần tống đạt: %(title)s") % {"title": doc.title},
        {"served_document_id": doc.pk, "required_channel": doc.required_channel},
    )
    return doc


def _lock_doc(doc: ServedDocument) -> ServedDocument:
    return ServedDocument.objects.select_for_update().select_related("case").get(pk=doc.pk)


def _next_number(doc: ServedDocument) -> int:
    last = doc.attempts.aggregate(n=Max("number"))["n"] or 0
    return last + 1


def _new_attempt(doc: ServedDocument, **fields: Any) -> ServiceAttempt:
    return ServiceAttempt.objects.create(served_document=doc, number=_next_number(doc), **fields)


def _establish_notice(*, doc: ServedDocument, attempt: ServiceAttempt, actor: Any) -> None:
    """Fix the proof of service (the first valid notice wins) and move the case on.

    For the QĐTHA, ``case_transition(action="serve_notice")`` with the valid-notice moment
    starts the voluntary period (L2008 Art 45(1), T9). When the case cannot take that action
    now (another document already did, or a state that does not allow it) the reason is kept
    on the document and the proof stands.
    """
    if doc.valid_notice_at is not None or attempt.valid_notice_at is None:
        return
    doc.valid_notice_at = attempt.valid_notice_at
    doc.valid_notice_channel = attempt.channel
    doc.valid_notice_attempt = attempt
    doc.status = ServedDocument.Status.SERVED
    doc.valid_notice_basis = _notice_basis(attempt)[:300]
    fields = [
        "valid_notice_at",
        "valid_notice_channel",
        "valid_notice_attempt",
        "status",
        "valid_notice_basis",
    ]
    if doc.is_enforcement_decision and not doc.case_notified:
        from enforcement.exceptions.cases import CaseTransitionError

        case = _lock_case(doc.case)
        try:
            with transaction.atomic():
                _case_transition(
                    actor=actor,
                    case=case,
                    action="serve_notice",
                    payload={
                        "valid_notice_at": doc.valid_notice_at,
                        "served_document_id": doc.pk,
                    },
                )
        except CaseTransitionError as exc:
            doc.case_notice_error = str(getattr(exc, "message", exc))[:500]
            fields.append("case_notice_error")
        else:
            doc.case_notified = True
            doc.case_notice_error = ""
            fields += ["case_notified", "case_notice_error"]
    doc.save(update_fields=fields)
    audit_log(
        actor=actor,
        action="enforcement.served_document_notice_valid",
        target=doc,
        office=doc.case.office,
        after=_doc_snapshot(doc),
        summary=_("Văn bản “%(title)s” được thông báo hợp lệ lúc %(at)s")
        % {
            "title": doc.title,
            "at": timezone.localtime(doc.valid_notice_at).strftime("%H:%M %d/%m/%Y"),
        },
    )


def _notice_basis(attempt: ServiceAttempt) -> str:
    channel = attempt.channel
    if channel == ServiceChannel.VNEID:
        return _("Thời điểm VNeID báo đã gửi (Điều 15 Nghị định 152/2026/NĐ-CP).")
    if channel == ServiceChannel.PORTAL:
        return _("Thời điểm người nhận mở văn bản trên cổng thông tin bằng mã định danh.")
    if channel in (ServiceChannel.PHYSICAL, ServiceChannel.POST):
        return _("Ngày ghi trên biên bản giao nhận / phiếu báo phát có chữ ký.")
    if channel == ServiceChannel.POSTING:
        article = attempt.rule.article if attempt.rule_id else ""
        return _("Ngày niêm yết công khai (%(article)s).") % {"article": article}
    return _("Ngày đăng, phát thông báo lần thứ hai.")


def _check_channel_allowed(doc: ServedDocument, channel: str) -> None:
    if doc.status == ServedDocument.Status.CANCELLED:
        raise ServiceError(_("Văn bản đã hủy tống đạt."))
    if channel == ServiceChannel.VNEID:
        if doc.law_version not in CHANNEL_RULE_NEW_VERSIONS:
            raise ServiceError(
                _(
                    "Văn bản trước ngày 01/07/2026 được thông báo theo Luật THADS 2008 "
                    "(Điều 39–43): không gửi qua VNeID."
                ),
                field="channel",
            )
        if doc.is_enforcement_decision:
            raise ServiceError(
                _(
                    "Quyết định thi hành án phải được giao trực tiếp, không gửi qua VNeID "
                    "(Điều 15–20 Nghị định 152/2026/NĐ-CP)."
                ),
                field="channel",
            )
        if not doc.recipient_id_number:
            raise ServiceError(
                _("Chưa có số định danh cá nhân của người nhận: không gửi được qua VNeID."),
                field="channel",
            )
    if channel == ServiceChannel.POSTING and doc.required_channel != ServiceChannel.POSTING:
        failed_delivery = doc.attempts.filter(
            channel__in=(ServiceChannel.PHYSICAL, ServiceChannel.POST),
            result=ServiceAttempt.Result.FAILED,
        ).exists()
        if not failed_delivery:
            raise ServiceError(
                _(
                    "Chỉ niêm yết công khai khi đã giao trực tiếp không thành công hoặc không rõ "
                    "địa chỉ người nhận."
                ),
                field="channel",
            )


@transaction.atomic
def service_attempt_record(
    *,
    actor: Any,
    served_document: ServedDocument,
    channel: str,
    succeeded: bool,
    evidence_date: dt.date | None = None,
    evidence: Any = None,
    received_by: str = "",
    note: str = "",
) -> ServiceAttempt:
    """Record a physical, postal, posting or mass-media attempt and, when it proves notice,
    the valid-notice moment by the channel's rule.

    - physical / post (L2008 Art 40; ND152 Art 16): the date on the uploaded signed minutes or
      delivery report; the evidence is required;
    - posting (L2008 Art 42: 10 days; ND152 Art 17: 7 days; rule ``POSTING_DURATION`` in force
      on the posting date): the posting date is the valid date; ``posting_until`` adds the
      duration;
    - media (L2008 Art 43): the date of the second publication.

    Side effects: audit ``enforcement.service_attempt_recorded`` (+ notice audit and
    ``case_transition`` for the QĐTHA). Raises ``ServiceError``.
    """
    if channel not in (
        ServiceChannel.PHYSICAL,
        ServiceChannel.POST,
        ServiceChannel.POSTING,
        ServiceChannel.MEDIA,
    ):
        raise ServiceError(_("Kênh này được ghi nhận tự động, không nhập tay."), field="channel")
    doc = _lock_doc(served_document)
    _require_active(doc.case, ServiceError)
    _check_channel_allowed(doc, channel)
    if evidence is not None and evidence.office_id != doc.case.office_id:
        raise ServiceError(_("Tệp chứng cứ không thuộc đơn vị của hồ sơ."), field="evidence")
    today = timezone.localdate()
    valid_at = None
    rule = None
    posting_until = None
    if succeeded:
        if evidence_date is None:
            raise ServiceError(
                _("Cần ghi ngày trên biên bản, phiếu báo phát hoặc ngày niêm yết."),
                field="evidence_date",
            )
        if evidence_date > today:
            raise ServiceError(_("Ngày chứng cứ không được sau hôm nay."), field="evidence_date")
        if channel in (ServiceChannel.PHYSICAL, ServiceChannel.POST) and evidence is None:
            raise ServiceError(
                _("Cần tải lên biên bản giao nhận hoặc phiếu báo phát có chữ ký."),
                field="evidence",
            )
        if channel == ServiceChannel.POSTING:
            rule = _require_rule("POSTING_DURATION", evidence_date)
            posting_until = _period_end(evidence_date, rule)
        valid_at = _start_of_day(evidence_date)
    attempt = _new_attempt(
        doc,
        channel=channel,
        at=_start_of_day(evidence_date) if evidence_date else timezone.now(),
        result=ServiceAttempt.Result.SUCCEEDED if succeeded else ServiceAttempt.Result.FAILED,
        note=note.strip()[:1000],
        received_by=received_by.strip()[:200],
        evidence=evidence,
        evidence_date=evidence_date,
        valid_notice_at=valid_at,
        posting_until=posting_until,
        rule=rule,
        recorded_by=_user(actor),
    )
    if doc.status == ServedDocument.Status.PENDING:
        doc.status = ServedDocument.Status.IN_PROGRESS
        doc.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="enforcement.service_attempt_recorded",
        target=attempt,
        office=doc.case.office,
        after={
            "served_document_id": doc.pk,
            "channel": channel,
            "result": attempt.result,
            "evidence_date": evidence_date,
            "valid_notice_at": valid_at,
            "posting_until": posting_until,
        },
        summary=_("Tống đạt “%(title)s” qua %(channel)s: %(result)s")
        % {
            "title": doc.title,
            "channel": attempt.get_channel_display(),
            "result": attempt.get_result_display(),
        },
    )
    _event(
        doc.case,
        actor,
        "service_attempt",
        _("Tống đạt “%(title)s” qua %(channel)s: %(result)s")
        % {
            "title": doc.title,
            "channel": attempt.get_channel_display(),
            "result": attempt.get_result_display(),
        },
        {"served_document_id": doc.pk, "attempt_id": attempt.pk},
    )
    _establish_notice(doc=doc, attempt=attempt, actor=actor)
    return attempt


# --- VNeID -------------------------------------------------------------------------------------


def _vneid_key(doc: ServedDocument) -> str:
    return f"enf-served-{doc.pk}-vneid"


@transaction.atomic
def service_vneid_send(*, actor: Any, served_document: ServedDocument) -> ServiceAttempt:
    """Queue sending a document to the recipient's VNeID account (ND152 Art 15).

    Creates a PENDING attempt and, after commit, ``service_vneid_send_task``; the task calls
    :func:`service_vneid_deliver`. Side effect: audit ``enforcement.service_vneid_queued``.
    Raises ``ServiceError`` (not a VNeID document, already served, a send in progress).
    """
    from enforcement.tasks.actions import service_vneid_send_task

    doc = _lock_doc(served_document)
    _require_active(doc.case, ServiceError)
    if doc.valid_notice_at is not None:
        raise ServiceError(_("Văn bản đã được thông báo hợp lệ."))
    _check_channel_allowed(doc, ServiceChannel.VNEID)
    if doc.attempts.filter(
        channel=ServiceChannel.VNEID, result=ServiceAttempt.Result.PENDING
    ).exists():
        raise ServiceError(_("Văn bản đang được gửi qua VNeID; vui lòng chờ kết quả."))
    attempt = _new_attempt(
        doc,
        channel=ServiceChannel.VNEID,
        result=ServiceAttempt.Result.PENDING,
        recorded_by=_user(actor),
    )
    if doc.status == ServedDocument.Status.PENDING:
        doc.status = ServedDocument.Status.IN_PROGRESS
        doc.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="enforcement.service_vneid_queued",
        target=attempt,
        office=doc.case.office,
        after={"served_document_id": doc.pk, "number": attempt.number},
        summary=_("Gửi “%(title)s” qua VNeID") % {"title": doc.title},
    )
    attempt_id, actor_id = attempt.pk, getattr(_user(actor), "pk", None)
    transaction.on_commit(
        lambda: service_vneid_send_task.delay(attempt_id=attempt_id, actor_id=actor_id)
    )
    return attempt


def _portal_base_url() -> str:
    return (getattr(settings, "PUBLIC_BASE_URL", "") or "http://localhost:8000").rstrip("/")


def service_vneid_deliver(*, attempt_id: int, actor: Any = None) -> ServiceAttempt | None:
    """Send one PENDING VNeID attempt and record the answer; idempotent.

    The adapter is called outside any transaction with the document's idempotency key (a
    retry is another attempt on the same request, never a second notice); success fixes the
    valid notice at VNeID's "sent" time; a temporary failure (timeout, 5xx, garbage) is a
    FAILED attempt with ``next_retry_at``; a refusal (no VNeID account) is FAILED without.
    Must run outside ``transaction.atomic``.
    """
    attempt = (
        ServiceAttempt.objects.select_related("served_document__case__office")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None or attempt.result != ServiceAttempt.Result.PENDING:
        return attempt
    doc = attempt.served_document
    try:
        receipt = adapters.vneid_send_notice(
            citizen_id=doc.recipient_id_number,
            title=doc.title,
            body=_("Cơ quan thi hành án dân sự %(office)s thông báo văn bản: %(title)s.")
            % {"office": doc.case.office.name, "title": doc.title},
            document_url=_portal_base_url() + "/",
            idempotency_key=_vneid_key(doc),
            office=doc.case.office,
            related=doc,
            auto_retry=False,
        )
    except IntegrationCallError as exc:
        return _vneid_failed(
            attempt_id=attempt_id, message=exc.message, call_id=exc.call_id, retryable=exc.retryable
        )
    except IntegrationError as exc:
        return _vneid_failed(
            attempt_id=attempt_id, message=exc.message, call_id=None, retryable=True
        )
    return _vneid_succeeded(attempt_id=attempt_id, receipt=receipt, actor=actor)


@transaction.atomic
def _vneid_succeeded(*, attempt_id: int, receipt: Any, actor: Any) -> ServiceAttempt:
    attempt = ServiceAttempt.objects.select_for_update().get(pk=attempt_id)
    if attempt.result != ServiceAttempt.Result.PENDING:
        return attempt
    doc = _lock_doc(attempt.served_document)
    attempt.result = ServiceAttempt.Result.SUCCEEDED
    attempt.at = receipt.accepted_at
    attempt.valid_notice_at = receipt.accepted_at
    attempt.provider_message_id = receipt.provider_message_id[:100]
    attempt.integration_call_id = receipt.call_id
    attempt.next_retry_at = None
    attempt.save()
    audit_log(
        actor=actor,
        action="enforcement.service_vneid_sent",
        target=attempt,
        office=doc.case.office,
        after={"served_document_id": doc.pk, "accepted_at": receipt.accepted_at},
        summary=_("VNeID báo đã gửi “%(title)s”") % {"title": doc.title},
    )
    _event(
        doc.case,
        actor,
        "service_attempt",
        _("VNeID báo đã gửi “%(title)s”") % {"title": doc.title},
        {"served_document_id": doc.pk, "attempt_id": attempt.pk},
    )
    _establish_notice(doc=doc, attempt=attempt, actor=actor)
    return attempt


@transaction.atomic
def _vneid_failed(
    *, attempt_id: int, message: str, call_id: int | None, retryable: bool
) -> ServiceAttempt:
    attempt = ServiceAttempt.objects.select_for_update().get(pk=attempt_id)
    if attempt.result != ServiceAttempt.Result.PENDING:
        return attempt
    doc = attempt.served_document
    tries = doc.attempts.filter(channel=ServiceChannel.VNEID).count()
    attempt.result = ServiceAttempt.Result.FAILED
    attempt.note = message[:1000]
    attempt.integration_call_id = call_id
    if retryable and tries < MAX_ATTEMPTS:
        attempt.next_retry_at = timezone.now() + retry_delay(tries)
    attempt.save()
    audit_log(
        actor=None,
        action="enforcement.service_vneid_failed",
        target=attempt,
        office=doc.case.office,
        after={
            "served_document_id": doc.pk,
            "error": message,
            "next_retry_at": attempt.next_retry_at,
        },
        summary=_("Gửi VNeID không thành công: %(error)s") % {"error": message},
    )
    return attempt


def service_attempt_retry(*, attempt_id: int) -> ServiceAttempt | None:
    """Send a failed VNeID attempt again as a new attempt when its retry time has come.

    Idempotent: an attempt already retried, or a document served meanwhile, is left alone.
    Must run outside ``transaction.atomic``.
    """
    with transaction.atomic():
        attempt = ServiceAttempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None:
            return None
        if attempt.result == ServiceAttempt.Result.PENDING:
            retry_id = attempt.pk  # a lost task: deliver the same attempt
        else:
            if attempt.next_retry_at is None or attempt.next_retry_at > timezone.now():
                return None
            attempt.next_retry_at = None
            attempt.save(update_fields=["next_retry_at"])
            doc = _lock_doc(attempt.served_document)
            if doc.valid_notice_at is not None or doc.case.state in ENDED_STATES:
                return None
            retry = _new_attempt(
                doc,
                channel=ServiceChannel.VNEID,
                result=ServiceAttempt.Result.PENDING,
                note=_("Gửi lại tự động sau lần %(n)s.") % {"n": attempt.number},
            )
            retry_id = retry.pk
    return service_vneid_deliver(attempt_id=retry_id)


# --- Portal ------------------------------------------------------------------------------------


def _normalize_code(code: str) -> str:
    return "".join(ch for ch in str(code or "").upper() if ch.isalnum())


def _code_hash(token_hash: str, code: str) -> str:
    return salted_hmac(
        "enforcement.portal_code", f"{token_hash}:{_normalize_code(code)}", algorithm="sha256"
    ).hexdigest()


def portal_url(*, token: str) -> str:
    """The absolute portal address printed in the QR code.

    ``<PUBLIC_BASE_URL>/tra-cuu/van-ban/<token>/``."""
    from django.urls import reverse

    return _portal_base_url() + reverse(
        "enforcement_public:served-document-open", kwargs={"token": token}
    )


def _token_hash(token: str) -> str:
    from thads.documents.verification.services import public_token_hash

    return public_token_hash(token)


@transaction.atomic
def portal_access_create(
    *, actor: Any, served_document: ServedDocument
) -> tuple[PortalAccess, str, str]:
    """Issue the portal link (QR) and identification code for a served document.

    The token is 192 bits from the OS CSPRNG (``thads.documents`` verification design,
    quality.md S4); the code is 8 characters. Only hashes are stored; the raw token and code
    are returned once, to be printed on the notice. Earlier accesses of the document are
    revoked. Side effect: audit ``enforcement.portal_access_created``.
    """
    from thads.documents.verification.services import public_token_generate

    doc = _lock_doc(served_document)
    _require_active(doc.case, ServiceError)
    if doc.status == ServedDocument.Status.CANCELLED:
        raise ServiceError(_("Văn bản đã hủy tống đạt."))
    now = timezone.now()
    doc.portal_accesses.filter(revoked_at__isnull=True).update(revoked_at=now)
    token = public_token_generate()
    code = "".join(secrets.choice(PORTAL_CODE_ALPHABET) for _i in range(PORTAL_CODE_LENGTH))
    token_hash = _token_hash(token)
    access = PortalAccess.objects.create(
        served_document=doc,
        token_hash=token_hash,
        code_hash=_code_hash(token_hash, code),
        created_by=_user(actor),
    )
    audit_log(
        actor=actor,
        action="enforcement.portal_access_created",
        target=access,
        office=doc.case.office,
        after={"served_document_id": doc.pk},
        summary=_("Cấp mã định danh mở văn bản “%(title)s” trên cổng") % {"title": doc.title},
    )
    return access, token, f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True)
class PortalOpenResult:
    """What a code entered on the portal did: ``access`` is None for an unknown token."""

    access: PortalAccess | None
    opened: bool
    error: str = ""


def portal_open(*, token: str, code: str, ip: str | None, user_agent: str) -> PortalOpenResult:
    """The recipient opens a served document with its identification code.

    A right code records the opening as a portal attempt (IP and time); the first opening is
    the valid-notice moment when the document was not served yet, which for the QĐTHA starts
    the voluntary period. A wrong code counts; after :data:`PORTAL_MAX_FAILED_CODES` the access
    locks. Side effects: audit ``enforcement.portal_opened`` / ``enforcement.portal_code_failed``.
    The counting is committed even when the code is wrong (hence no exception inside).
    """
    from thads.documents.verification.services import TOKEN_PATTERN

    if not TOKEN_PATTERN.match(token or ""):
        return PortalOpenResult(None, False)
    with transaction.atomic():
        access = (
            PortalAccess.objects.select_for_update()
            .select_related("served_document__case__office")
            .filter(token_hash=_token_hash(token))
            .first()
        )
        if access is None:
            return PortalOpenResult(None, False)
        if not access.is_usable:
            return PortalOpenResult(access, False, str(PortalAccessLockedError.default_message))
        doc = access.served_document
        if not constant_time_compare(_code_hash(access.token_hash, code), access.code_hash):
            access.failed_codes += 1
            if access.failed_codes >= PORTAL_MAX_FAILED_CODES:
                access.locked_at = timezone.now()
            access.save(update_fields=["failed_codes", "locked_at"])
            audit_log(
                actor=None,
                action="enforcement.portal_code_failed",
                target=access,
                office=doc.case.office,
                after={"failed_codes": access.failed_codes, "ip": ip},
                summary=_("Nhập sai mã định danh mở văn bản (lần %(n)s)")
                % {"n": access.failed_codes},
            )
            if access.locked_at is not None:
                return PortalOpenResult(access, False, str(PortalAccessLockedError.default_message))
            return PortalOpenResult(access, False, str(PortalCodeError.default_message))
        now = timezone.now()
        doc = _lock_doc(doc)
        first = doc.valid_notice_at is None and doc.status != ServedDocument.Status.CANCELLED
        attempt = _new_attempt(
            doc,
            channel=ServiceChannel.PORTAL,
            at=now,
            result=ServiceAttempt.Result.SUCCEEDED,
            valid_notice_at=now if first else None,
            ip=ip or None,
            user_agent=(user_agent or "")[:300],
            note=_("Người nhận mở văn bản trên cổng thông tin."),
        )
        access.open_count += 1
        access.first_opened_at = access.first_opened_at or now
        access.save(update_fields=["open_count", "first_opened_at"])
        audit_log(
            actor=None,
            action="enforcement.portal_opened",
            target=attempt,
            office=doc.case.office,
            after={"served_document_id": doc.pk, "ip": ip, "first": first},
            summary=_("Người nhận mở văn bản “%(title)s” trên cổng") % {"title": doc.title},
        )
        _event(
            doc.case,
            None,
            "service_attempt",
            _("Người nhận mở văn bản “%(title)s” trên cổng") % {"title": doc.title},
            {"served_document_id": doc.pk, "attempt_id": attempt.pk},
        )
        if first:
            _establish_notice(doc=doc, attempt=attempt, actor=None)
        return PortalOpenResult(access, True)


# --- Verification of conditions ----------------------------------------------------------------


_VERIFY_STATES = frozenset(
    {
        State.NOTIFIED,
        State.VOLUNTARY_PERIOD,
        State.VERIFICATION,
        State.HAS_CONDITIONS,
        State.NO_CONDITIONS,
        State.COERCION,
        State.PARTIALLY_EXECUTED,
    }
)


#: States from which ``case_transition("start_verification")`` moves the case (H5a's table).
_START_VERIFICATION_STATES = frozenset(
    {State.VOLUNTARY_PERIOD, State.NOTIFIED, State.HAS_CONDITIONS, State.PARTIALLY_EXECUTED}
)


def _clean_targets(targets: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for kind, code in targets:
        code = (code or "").strip().upper()
        if kind not in VERIFICATION_KINDS:
            raise VerificationError(_("Nơi xác minh không hợp lệ."), field="kinds")
        if kind == VerificationRequest.Kind.BANK and not code:
            raise VerificationError(_("Cần ghi mã ngân hàng để hỏi tài khoản."), field="bank_codes")
        if kind == VerificationRequest.Kind.LAND and not code:
            raise VerificationError(
                _("Cần ghi mã tỉnh để hỏi văn phòng đăng ký đất đai."), field="province_code"
            )
        if kind not in (VerificationRequest.Kind.BANK, VerificationRequest.Kind.LAND):
            code = ""
        if (kind, code) not in out:
            out.append((kind, code))
    if not out:
        raise VerificationError(_("Chọn ít nhất một nơi cần xác minh."), field="kinds")
    return out


def _queue_requests(request_ids: list[int]) -> None:
    from enforcement.tasks.actions import verification_request_send_task

    for request_id in request_ids:
        verification_request_send_task.delay(request_id=request_id)


@transaction.atomic
def verification_start(
    *, actor: Any, case: Case, targets: Iterable[tuple[str, str]]
) -> Verification:
    """Start a verification round: one request per outside system, sent after commit.

    Basis: L2008 Art 44(1) (verify within 10 days after the voluntary period, T10); ND152
    Art 21 (banks and registries answer). A scheduled periodic round (T12) is opened instead
    of a new one. When the case may take ``start_verification`` now, it does. Side effects:
    audit ``enforcement.verification_started``, timeline event, ``verification_request_send_task``
    per request. Raises ``VerificationError``.
    """
    case = _lock_case(case)
    if case.state not in _VERIFY_STATES:
        raise VerificationError(
            _("Hồ sơ ở trạng thái “%(state)s”: chưa xác minh điều kiện thi hành án được.")
            % {"state": case.get_state_display()}
        )
    if not case.debtor_id_number:
        raise VerificationError(
            _(
                "Chưa có số định danh cá nhân của người phải thi hành án: không gửi được yêu cầu "
                "xác minh điện tử."
            )
        )
    clean = _clean_targets(targets)
    if case.verifications.filter(
        status__in=(Verification.Status.OPEN, Verification.Status.RECORDED)
    ).exists():
        raise VerificationError(_("Đang có một lần xác minh chưa kết thúc."))
    verification = case.verifications.filter(status=Verification.Status.SCHEDULED).first()
    if verification is None:
        number = (case.verifications.aggregate(n=Max("number"))["n"] or 0) + 1
        verification = Verification(case=case, number=number, created_by=_user(actor))
    verification.status = Verification.Status.OPEN
    verification.subject_name = case.debtor_name
    verification.subject_id_number = case.debtor_id_number
    verification.save()
    request_ids = [
        VerificationRequest.objects.create(
            verification=verification, kind=kind, target_code=code, requested_by=_user(actor)
        ).pk
        for kind, code in clean
    ]
    if case.state in _START_VERIFICATION_STATES:
        _maybe_transition(actor=actor, case=case, action="start_verification")
    audit_log(
        actor=actor,
        action="enforcement.verification_started",
        target=verification,
        office=case.office,
        after={"number": verification.number, "requests": clean},
        summary=_("Bắt đầu xác minh điều kiện thi hành án lần %(n)s") % {"n": verification.number},
    )
    _event(
        case,
        actor,
        "verification",
        _("Bắt đầu xác minh điều kiện thi hành án lần %(n)s") % {"n": verification.number},
        {"verification_id": verification.pk},
    )
    transaction.on_commit(lambda: _queue_requests(request_ids))
    return verification


def _maybe_transition(*, actor: Any, case: Case, action: str) -> bool:
    """Take ``action`` if the case allows it for this actor now; False (and nothing) if not."""
    from enforcement.exceptions.cases import CaseTransitionError

    try:
        with transaction.atomic():
            _case_transition(actor=actor, case=case, action=action, payload={})
    except CaseTransitionError as exc:
        logger.info("case %s: %s not taken: %s", case.pk, action, exc)
        return False
    case.refresh_from_db()
    return True


def _answer_payload(kind: str, result: Any) -> dict[str, Any]:
    if kind == VerificationRequest.Kind.BANK:
        return {
            "accounts": [
                {
                    "account_number": a.account_number,
                    "bank_code": a.bank_code,
                    "branch": a.branch,
                    "balance_vnd": int(a.balance_vnd),
                    "status": a.status,
                }
                for a in result.accounts
            ]
        }
    if kind == VerificationRequest.Kind.LAND:
        return {
            "parcels": [
                {
                    "certificate_number": p.certificate_number,
                    "parcel_number": p.parcel_number,
                    "map_sheet": p.map_sheet,
                    "address": p.address,
                    "area_m2": str(p.area_m2),
                    "land_use": p.land_use,
                    "encumbered": p.encumbered,
                }
                for p in result.parcels
            ]
        }
    if kind == VerificationRequest.Kind.VEHICLE:
        return {
            "vehicles": [
                {
                    "plate_number": v.plate_number,
                    "kind": v.kind,
                    "brand": v.brand,
                    "model": v.model,
                    "registered_on": v.registered_on.isoformat(),
                }
                for v in result.vehicles
            ]
        }
    person = result.person
    if person is None:
        return {"person": None}
    return {
        "person": {
            "full_name": person.full_name,
            "birth_date": person.birth_date.isoformat(),
            "permanent_address": person.permanent_address,
            "current_address": person.current_address,
            "marital_status": person.marital_status,
            "deceased": person.deceased,
        }
    }


def verification_request_send(*, request_id: int) -> VerificationRequest | None:
    """Send one verification request to its outside system and record the parsed answer.

    Idempotent (an answered request is left alone; the idempotency key makes a resend the same
    request). Must run outside ``transaction.atomic``.
    """
    req = (
        VerificationRequest.objects.select_related("verification__case__office")
        .filter(pk=request_id)
        .first()
    )
    if req is None or req.status in (
        VerificationRequest.Status.ANSWERED,
        VerificationRequest.Status.REFUSED,
    ):
        return req
    verification = req.verification
    office = verification.case.office
    common = {
        "idempotency_key": f"enf-verif-{req.pk}",
        "office": office,
        "related": req,
    }
    who = {"id_number": verification.subject_id_number, "full_name": verification.subject_name}
    try:
        if req.kind == VerificationRequest.Kind.BANK:
            result = adapters.bank_account_inquiry(**who, bank_code=req.target_code, **common)
        elif req.kind == VerificationRequest.Kind.LAND:
            result = adapters.land_registry_inquiry(**who, province_code=req.target_code, **common)
        elif req.kind == VerificationRequest.Kind.VEHICLE:
            result = adapters.vehicle_registry_inquiry(**who, **common)
        else:
            result = adapters.population_db_lookup(id_number=who["id_number"], **common)
    except IntegrationCallError as exc:
        return _verification_request_failed(
            request_id=req.pk, message=exc.message, call_id=exc.call_id, retryable=exc.retryable
        )
    except IntegrationError as exc:
        return _verification_request_failed(
            request_id=req.pk, message=exc.message, call_id=None, retryable=True
        )
    return _verification_request_answered(request_id=req.pk, result=result)


@transaction.atomic
def _verification_request_answered(*, request_id: int, result: Any) -> VerificationRequest:
    req = VerificationRequest.objects.select_for_update().get(pk=request_id)
    if req.status == VerificationRequest.Status.ANSWERED:
        return req
    req.status = VerificationRequest.Status.ANSWERED
    req.found = bool(result.found)
    req.answer = _answer_payload(req.kind, result)
    req.answered_at = result.answered_at
    req.integration_call_id = result.call_id
    req.attempts += 1
    req.next_retry_at = None
    req.error = ""
    req.save()
    audit_log(
        actor=None,
        action="enforcement.verification_answered",
        target=req,
        office=req.verification.case.office,
        after={"kind": req.kind, "found": req.found},
        summary=_("%(system)s trả lời yêu cầu xác minh") % {"system": req.get_kind_display()},
    )
    return req


@transaction.atomic
def _verification_request_failed(
    *, request_id: int, message: str, call_id: int | None, retryable: bool
) -> VerificationRequest:
    req = VerificationRequest.objects.select_for_update().get(pk=request_id)
    if req.status == VerificationRequest.Status.ANSWERED:
        return req
    req.attempts += 1
    req.error = message[:1000]
    req.integration_call_id = call_id or req.integration_call_id
    if retryable and req.attempts < MAX_ATTEMPTS:
        req.status = VerificationRequest.Status.FAILED
        req.next_retry_at = timezone.now() + retry_delay(req.attempts)
    else:
        req.status = (
            VerificationRequest.Status.FAILED if retryable else VerificationRequest.Status.REFUSED
        )
        req.next_retry_at = None
    req.save()
    audit_log(
        actor=None,
        action="enforcement.verification_request_failed",
        target=req,
        office=req.verification.case.office,
        after={"kind": req.kind, "error": req.error, "next_retry_at": req.next_retry_at},
        summary=_("Yêu cầu xác minh %(system)s không thành công: %(error)s")
        % {"system": req.get_kind_display(), "error": req.error},
    )
    return req


def verification_request_retry(*, request_id: int) -> VerificationRequest | None:
    """Send a failed verification request again when its retry time has come (idempotent)."""
    with transaction.atomic():
        req = VerificationRequest.objects.select_for_update().filter(pk=request_id).first()
        if req is None or req.status != VerificationRequest.Status.FAILED:
            return req
        if req.next_retry_at is None or req.next_retry_at > timezone.now():
            return req
        req.next_retry_at = None
        req.status = VerificationRequest.Status.PENDING
        req.save(update_fields=["next_retry_at", "status"])
    return verification_request_send(request_id=request_id)


@transaction.atomic
def verification_answer_record(
    *, actor: Any, request: VerificationRequest, found: bool, summary: str
) -> VerificationRequest:
    """Record an answer received outside the electronic channel (paper, visit), by hand.

    Side effect: audit ``enforcement.verification_answer_recorded``. Raises
    ``VerificationError`` when the round is closed or the summary is empty.
    """
    req = (
        VerificationRequest.objects.select_for_update()
        .select_related("verification__case__office")
        .get(pk=request.pk)
    )
    if req.verification.status != Verification.Status.OPEN:
        raise VerificationError(_("Lần xác minh này đã lập biên bản."))
    summary = summary.strip()
    if not summary:
        raise VerificationError(_("Cần ghi nội dung trả lời."), field="summary")
    req.status = VerificationRequest.Status.ANSWERED
    req.found = found
    req.answer = {**(req.answer or {}), "manual": summary[:2000]}
    req.answered_at = timezone.now()
    req.next_retry_at = None
    req.save()
    audit_log(
        actor=actor,
        action="enforcement.verification_answer_recorded",
        target=req,
        office=req.verification.case.office,
        after={"kind": req.kind, "found": found, "summary": summary[:2000]},
        summary=_("Ghi nhận trả lời xác minh của %(system)s") % {"system": req.get_kind_display()},
    )
    return req


def _findings(verification: Verification) -> dict[str, Any]:
    accounts: list[dict[str, Any]] = []
    parcels: list[dict[str, Any]] = []
    vehicles: list[dict[str, Any]] = []
    person = None
    manual: list[dict[str, Any]] = []
    unanswered: list[str] = []
    for req in verification.requests.all():
        if req.status != VerificationRequest.Status.ANSWERED:
            unanswered.append(str(req))
            continue
        answer = req.answer or {}
        accounts += answer.get("accounts", [])
        parcels += answer.get("parcels", [])
        vehicles += answer.get("vehicles", [])
        if answer.get("person"):
            person = answer["person"]
        if answer.get("manual"):
            manual.append({"source": str(req), "found": req.found, "text": answer["manual"]})
    return {
        "accounts": accounts,
        "total_balance_vnd": sum(int(a["balance_vnd"]) for a in accounts),
        "parcels": parcels,
        "vehicles": vehicles,
        "person": person,
        "manual": manual,
        "unanswered": unanswered,
    }


@transaction.atomic
def verification_record(*, actor: Any, verification: Verification) -> Verification:
    """Close the round: gather the parsed answers and queue the record PDF (biên bản xác minh).

    Every request must be answered (or refused by its system). Side effects: audit
    ``enforcement.verification_recorded``, timeline event, ``verification_record_render_task``
    after commit. Raises ``VerificationError``.
    """
    from enforcement.tasks.actions import verification_record_render_task

    v = (
        Verification.objects.select_for_update()
        .select_related("case__office")
        .get(pk=verification.pk)
    )
    if v.status != Verification.Status.OPEN:
        raise VerificationError(_("Lần xác minh này không còn mở."))
    waiting = v.requests.exclude(
        status__in=(VerificationRequest.Status.ANSWERED, VerificationRequest.Status.REFUSED)
    ).count()
    if waiting:
        raise VerificationError(
            _("Còn %(n)s yêu cầu xác minh chưa có trả lời: chưa lập biên bản được.")
            % {"n": waiting}
        )
    v.findings = _findings(v)
    v.status = Verification.Status.RECORDED
    v.recorded_at = timezone.now()
    v.save(update_fields=["findings", "status", "recorded_at"])
    audit_log(
        actor=actor,
        action="enforcement.verification_recorded",
        target=v,
        office=v.case.office,
        after={"number": v.number, "total_balance_vnd": v.findings["total_balance_vnd"]},
        summary=_("Lập biên bản xác minh lần %(n)s") % {"n": v.number},
    )
    _event(
        v.case,
        actor,
        "verification",
        _("Lập biên bản xác minh lần %(n)s") % {"n": v.number},
        {"verification_id": v.pk},
    )
    verification_id = v.pk
    transaction.on_commit(
        lambda: verification_record_render_task.delay(verification_id=verification_id)
    )
    return v


def verification_record_pdf(*, verification: Verification) -> bytes:
    """The verification record (biên bản xác minh) as a Decree 30 PDF (no official form code:
    domain.md §3.2 says the TT04 annex forms were not seen)."""
    from thads.documents.pdf import AdminDocument
    from thads.documents.pdf import render_admin_document
    from thads.money import format_vnd

    case = verification.case
    f = verification.findings or {}
    body = [
        f"Người phải thi hành án: {verification.subject_name}.",
        f"Hồ sơ thi hành án số {case.number}.",
        "Kết quả xác minh như sau:",
    ]
    accounts = f.get("accounts") or []
    if accounts:
        for a in accounts:
            body.append(
                f"Tài khoản số {a['account_number']} tại {a['bank_code']} ({a['branch']}), "
                f"số dư {format_vnd(int(a['balance_vnd']))}."
            )
        body.append(f"Tổng số dư tài khoản: {format_vnd(int(f.get('total_balance_vnd', 0)))}.")
    else:
        body.append("Không có thông tin về tài khoản tại các ngân hàng được hỏi.")
    for p in f.get("parcels") or []:
        body.append(
            f"Quyền sử dụng đất: {p['address']}, diện tích {p['area_m2']} m², "
            f"giấy chứng nhận {p['certificate_number']}."
        )
    for v in f.get("vehicles") or []:
        body.append(
            f"Phương tiện: {v['kind']} {v['brand']} {v['model']}, biển số {v['plate_number']}."
        )
    person = f.get("person")
    if person:
        body.append(f"Nơi cư trú hiện tại: {person['current_address']}.")
    for m in f.get("manual") or []:
        body.append(f"{m['source']}: {m['text']}")
    doc = AdminDocument(
        agency_parent="BỘ TƯ PHÁP",
        agency=case.office.name.upper(),
        number_symbol=f"{verification.number}/BB-XM",
        place="",
        date=timezone.localdate(verification.recorded_at or timezone.now()),
        doc_type="Biên bản",
        summary="Xác minh điều kiện thi hành án",
        legal_bases=["Căn cứ Điều 44 Luật Thi hành án dân sự"],
        body=body,
        recipients=["Hồ sơ thi hành án"],
        signer_title="Chấp hành viên",
    )
    return render_admin_document(doc)


def verification_record_store(*, verification_id: int) -> Verification | None:
    """Render the record PDF and store it as a ``Document`` of the office (idempotent).

    Runs in the PDF task, outside a transaction: rendering and the document checks take time.
    Side effect: audit ``enforcement.verification_record_stored`` (and the document's own).
    """
    from thads.documents.services import document_store

    v = Verification.objects.select_related("case__office").filter(pk=verification_id).first()
    if v is None or v.record_document_id is not None or v.recorded_at is None:
        return v
    pdf = verification_record_pdf(verification=v)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bien-ban-xac-minh-{v.case.pk}-{v.number}.pdf"
        path.write_bytes(pdf)
        document = document_store(actor=None, office=v.case.office, purpose="general", path=path)
    with transaction.atomic():
        v = Verification.objects.select_for_update().get(pk=verification_id)
        if v.record_document_id is None:
            v.record_document = document
            v.save(update_fields=["record_document"])
            audit_log(
                actor=None,
                action="enforcement.verification_record_stored",
                target=v,
                office=document.office,
                after={"document_id": document.pk, "sha256": document.sha256},
                summary=_("Lưu biên bản xác minh lần %(n)s") % {"n": v.number},
            )
    return v


@transaction.atomic
def verification_propose(
    *,
    actor: Any,
    verification: Verification,
    proposal: str,
    reason: str,
    debtor_in_prison_long: bool = False,
    debtor_address_unknown: bool = False,
) -> Verification:
    """The officer proposes the classification: has or has no conditions (L2008 Arts 44, 44a).

    The head decides with :func:`verification_classify`. The two flags choose the
    re-verification interval if the case ends up without conditions (T12). Side effect: audit
    ``enforcement.verification_proposed``. Raises ``VerificationError``.
    """
    v = Verification.objects.select_for_update().select_related("case").get(pk=verification.pk)
    if v.status not in (Verification.Status.RECORDED, Verification.Status.PROPOSED):
        raise VerificationError(_("Cần lập biên bản xác minh trước khi đề xuất phân loại."))
    if proposal not in Verification.Proposal.values:
        raise VerificationError(_("Đề xuất phân loại không hợp lệ."), field="proposal")
    if proposal == Verification.Proposal.NO_CONDITIONS and not reason.strip():
        raise VerificationError(
            _("Cần ghi căn cứ chưa có điều kiện thi hành án (Điều 44a Luật THADS 2008)."),
            field="reason",
        )
    v.proposal = proposal
    v.proposal_reason = reason.strip()[:1000]
    v.debtor_in_prison_long = debtor_in_prison_long
    v.debtor_address_unknown = debtor_address_unknown
    v.proposed_by = _user(actor)
    v.proposed_at = timezone.now()
    v.status = Verification.Status.PROPOSED
    v.save()
    audit_log(
        actor=actor,
        action="enforcement.verification_proposed",
        target=v,
        office=v.case.office,
        after={"proposal": proposal, "reason": v.proposal_reason},
        summary=_("Đề xuất phân loại: %(p)s") % {"p": v.get_proposal_display()},
    )
    _event(
        v.case,
        actor,
        "verification",
        _("Đề xuất phân loại: %(p)s") % {"p": v.get_proposal_display()},
        {"verification_id": v.pk},
    )
    return v


def _reverify_rule(*, on: dt.date, long: bool) -> LegalRule:
    return _require_rule("T12_REVERIFY_LONG" if long else "T12_REVERIFY", on)


def _schedule_reverification(
    *, case: Case, base: dt.date, long: bool, actor: Any = None
) -> Verification:
    rule = _reverify_rule(on=base, long=long)
    number = (case.verifications.aggregate(n=Max("number"))["n"] or 0) + 1
    # The case's running T12 deadline (Civil Code Art 148 roll-over included) when it has one.
    deadline = (
        Deadline.objects.filter(
            case=case, rule_code=rule.code, status__in=("open", "overdue", "paused")
        )
        .order_by("-pk")
        .first()
    )
    return Verification.objects.create(
        case=case,
        number=number,
        kind=Verification.Kind.PERIODIC,
        status=Verification.Status.SCHEDULED,
        due_on=deadline.due_on if deadline is not None else _period_end(base, rule),
        rule=rule,
        subject_name=case.debtor_name,
        subject_id_number=case.debtor_id_number,
        debtor_in_prison_long=long,
        created_by=_user(actor),
    )


def _restart_reverify_deadline(*, case: Case, long: bool, periodic: bool, number: int) -> None:
    """Keep the case's T12 deadline in step with the re-verification just decided.

    ``classify_no_conditions`` (H5a's table) starts ``T12_REVERIFY`` (6 months); a prisoner
    with 2 years or more left or an unknown address gets ``T12_REVERIFY_LONG`` instead, and a
    periodic re-verification that found nothing meets the running deadline and starts the next.
    """
    from enforcement.services.cases import deadline_start

    codes = ("T12_REVERIFY", "T12_REVERIFY_LONG")
    if periodic:
        Deadline.objects.filter(
            case=case, rule_code__in=codes, status__in=("open", "overdue", "paused")
        ).update(status="met", closed_at=timezone.now())
    elif not long:
        return  # the transition's own T12_REVERIFY deadline is the right one
    else:
        Deadline.objects.filter(
            case=case, rule_code="T12_REVERIFY", status__in=("open", "overdue", "paused")
        ).update(status="cancelled", closed_at=timezone.now())
    deadline_start(
        case=case,
        code="T12_REVERIFY_LONG" if long else "T12_REVERIFY",
        trigger_on=timezone.localdate(),
        event=_("Kết quả xác minh lần %(n)s: chưa có điều kiện thi hành án") % {"n": number},
        required=True,
    )


@transaction.atomic
def verification_classify(*, actor: Any, verification: Verification) -> Verification:
    """The head classifies the case as proposed, through ``case_transition``.

    ``classify_has_conditions`` / ``classify_no_conditions`` (L2008 Arts 44, 44a; T11). A case
    without conditions gets its next re-verification scheduled at the interval of the rules in
    force (T12: ``T12_REVERIFY``, 6 months; ``T12_REVERIFY_LONG``, 12 months for a prisoner with
    2 years or more left or an unknown address). Side effects: audit
    ``enforcement.verification_classified``; the transition's own audit and deadline. Raises
    ``VerificationError`` or ``CaseTransitionError``.
    """
    if getattr(actor, "role", None) not in CASE_HEAD_ROLES:
        raise VerificationError(
            _("Chỉ Thủ trưởng cơ quan thi hành án được phân loại điều kiện thi hành án.")
        )
    v = Verification.objects.select_for_update().get(pk=verification.pk)
    if v.status != Verification.Status.PROPOSED:
        raise VerificationError(_("Chưa có đề xuất phân loại để quyết định."))
    case = _lock_case(v.case)
    has = v.proposal == Verification.Proposal.HAS_CONDITIONS
    was_no_conditions = case.state in (State.NO_CONDITIONS, State.SEPARATE_TRACKING)
    if case.state in (State.NO_CONDITIONS, State.SEPARATE_TRACKING):
        # A periodic re-verification (T12): nothing new keeps the case as it is; new assets
        # reopen it (T10c) and classify it.
        if has:
            _case_transition(actor=actor, case=case, action="reopen_from_no_conditions", payload={})
            case.refresh_from_db()
            _case_transition(
                actor=actor,
                case=case,
                action="classify_has_conditions",
                payload={"verification_id": v.pk},
            )
    else:
        if case.state in _START_VERIFICATION_STATES:
            _maybe_transition(actor=actor, case=case, action="start_verification")
        _case_transition(
            actor=actor,
            case=case,
            action="classify_has_conditions" if has else "classify_no_conditions",
            payload={"verification_id": v.pk},
        )
    case.refresh_from_db()
    v.status = Verification.Status.CLASSIFIED
    v.classified_by = _user(actor)
    v.classified_at = timezone.now()
    v.save(update_fields=["status", "classified_by", "classified_at"])
    scheduled = None
    if v.proposal == Verification.Proposal.NO_CONDITIONS:
        long = v.debtor_in_prison_long or v.debtor_address_unknown
        _restart_reverify_deadline(
            case=case, long=long, periodic=was_no_conditions, number=v.number
        )
        scheduled = _schedule_reverification(
            case=case, base=timezone.localdate(), long=long, actor=actor
        )
    audit_log(
        actor=actor,
        action="enforcement.verification_classified",
        target=v,
        office=case.office,
        after={
            "proposal": v.proposal,
            "reverify_on": scheduled.due_on if scheduled is not None else None,
        },
        summary=_("Phân loại: %(p)s") % {"p": v.get_proposal_display()},
    )
    return v


def verifications_schedule_due(*, today: dt.date | None = None) -> list[int]:
    """Daily: schedule and open the periodic re-verifications of cases without conditions.

    T12 (L2008 Art 44(2); L2025 Art 38(3), interval unconfirmed: rules data). A case in
    ``no_conditions`` without a scheduled round gets one counted from its last verification;
    a scheduled round whose day has come opens with the same systems as the previous round,
    a task for the assigned officer, and its requests sent. Returns the opened round ids.
    """
    today = today or timezone.localdate()
    opened: list[int] = []
    cases = Case.objects.filter(state=State.NO_CONDITIONS).exclude(
        verifications__status__in=(
            Verification.Status.SCHEDULED,
            Verification.Status.OPEN,
            Verification.Status.RECORDED,
            Verification.Status.PROPOSED,
        )
    )
    for case in cases.distinct():
        with transaction.atomic():
            locked = _lock_case(case)
            last = (
                locked.verifications.exclude(recorded_at__isnull=True).order_by("-number").first()
            )
            base = (
                timezone.localdate(last.classified_at or last.recorded_at)
                if last is not None
                else timezone.localdate(locked.state_changed_at)
            )
            long = bool(last and (last.debtor_in_prison_long or last.debtor_address_unknown))
            try:
                _schedule_reverification(case=locked, base=base, long=long)
            except LegalRuleMissingError as exc:
                logger.error("re-verification of case %s not scheduled: %s", case.pk, exc)
    due = Verification.objects.filter(
        status=Verification.Status.SCHEDULED, due_on__lte=today, case__state=State.NO_CONDITIONS
    ).select_related("case")
    for scheduled in due:
        request_ids = _open_scheduled(verification_id=scheduled.pk)
        if request_ids is not None:
            opened.append(scheduled.pk)
            _queue_requests(request_ids)
    return opened


@transaction.atomic
def _open_scheduled(*, verification_id: int) -> list[int] | None:
    v = (
        Verification.objects.select_for_update()
        .select_related("case__office")
        .get(pk=verification_id)
    )
    if v.status != Verification.Status.SCHEDULED:
        return None
    case = v.case
    previous = (
        case.verifications.filter(number__lt=v.number)
        .exclude(requests=None)
        .order_by("-number")
        .first()
    )
    targets = (
        [(r.kind, r.target_code) for r in previous.requests.all()]
        if previous is not None
        else [(VerificationRequest.Kind.POPULATION, "")]
    )
    v.status = Verification.Status.OPEN
    v.subject_name = case.debtor_name
    v.subject_id_number = case.debtor_id_number
    v.save(update_fields=["status", "subject_name", "subject_id_number"])
    request_ids = []
    if case.debtor_id_number:
        request_ids = [
            VerificationRequest.objects.create(verification=v, kind=kind, target_code=code).pk
            for kind, code in targets
        ]
    _case_task(
        case=case,
        title=_("Xác minh lại định kỳ điều kiện thi hành án (lần %(n)s)") % {"n": v.number},
        due_on=v.due_on,
    )
    audit_log(
        actor=None,
        action="enforcement.verification_reopened",
        target=v,
        office=case.office,
        after={"number": v.number, "due_on": v.due_on},
        summary=_("Mở lần xác minh lại định kỳ %(n)s") % {"n": v.number},
    )
    _event(
        case,
        None,
        "verification",
        _("Đến hạn xác minh lại định kỳ (lần %(n)s)") % {"n": v.number},
        {"verification_id": v.pk},
    )
    return request_ids


def _case_task(*, case: Case, title: str, due_on: dt.date | None) -> None:
    """A system to-do for the assigned officer (``case_task_create`` needs a human actor)."""
    task = CaseTask.objects.create(
        case=case,
        office=case.office,
        assignee=case.assigned_officer,
        title=title[:300],
        due_on=due_on,
        source=CaseTask.Source.CASE,
    )
    _event(
        case, None, "task_created", _("Giao việc: %(t)s") % {"t": task.title}, {"task_id": task.pk}
    )


# --- Coercion ----------------------------------------------------------------------------------


_COERCION_STATES = frozenset({State.HAS_CONDITIONS, State.COERCION, State.PARTIALLY_EXECUTED})


def lunar_new_year(year: int) -> dt.date:
    """The first day of Tết Nguyên đán of ``year`` (Vietnamese lunisolar calendar, from the
    ``holidays`` package the working-day calendar already uses)."""
    from holidays.calendars.chinese import VIETNAMESE_CALENDAR
    from holidays.calendars.chinese import _ChineseLunisolar

    day, _estimated = _ChineseLunisolar(VIETNAMESE_CALENDAR).lunar_new_year_date(year)
    return day


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def coercion_blackout_problems(
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    mobilised_forces: bool = False,
    cost_notified_on: dt.date | None = None,
    check_cost_notice: bool = True,
) -> list[str]:
    """Why coercion may not take place in ``[starts_at, ends_at]``; empty when it may.

    - not between 22:00 and 06:00, nor on weekends and public holidays (L2008 Art 46(2),
      working-day calendar of ``thads.calendar``);
    - with mobilised forces, not within the ``COERCION_TET_BLACKOUT`` days before and after
      Tết Nguyên đán (ND152 Art 42(2); rule in force on the start day, none before 01/07/2026);
    - the estimated cost told to the debtor at least ``COERCION_COST_NOTICE`` working days
      before (L2008 Art 73(4)).
    """
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at or starts_at)
    problems: list[str] = []
    night = (
        start.date() != end.date()
        or start.time() < _NIGHT_END
        or start.time() >= _NIGHT_START
        or end.time() > _NIGHT_START
    )
    if night:
        problems.append(
            _("Không được cưỡng chế trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau (%(basis)s).")
            % {"basis": _BLACKOUT_BASIS}
        )
    for d in _days(start.date(), end.date()):
        info = day_info(d)
        if not info.is_working_day:
            problems.append(
                _("Không được cưỡng chế vào ngày nghỉ, ngày lễ: %(day)s (%(name)s) (%(basis)s).")
                % {"day": _fmt(d), "name": info.name, "basis": _BLACKOUT_BASIS}
            )
    if mobilised_forces:
        rule = legal_rule_in_force(code="COERCION_TET_BLACKOUT", on=start.date())
        if rule is not None:
            window = dt.timedelta(days=rule.length)
            for year in range(start.year - 1, end.year + 2):
                tet = lunar_new_year(year)
                lo, hi = tet - window, tet + window
                if start.date() <= hi and end.date() >= lo:
                    problems.append(
                        _(
                            "Không được cưỡng chế có huy động lực lượng trong %(n)s ngày trước và "
                            "sau Tết Nguyên đán (Tết ngày %(tet)s: từ %(lo)s đến %(hi)s) "
                            "(%(article)s)."
                        )
                        % {
                            "n": rule.length,
                            "tet": _fmt(tet),
                            "lo": _fmt(lo),
                            "hi": _fmt(hi),
                            "article": rule.article,
                        }
                    )
    if check_cost_notice:
        rule = _require_rule("COERCION_COST_NOTICE", start.date())
        if cost_notified_on is None:
            problems.append(
                _(
                    "Chưa thông báo dự kiến chi phí cưỡng chế cho người phải thi hành án: phải "
                    "thông báo ít nhất %(n)s ngày làm việc trước ngày cưỡng chế (%(article)s)."
                )
                % {"n": rule.length, "article": rule.article}
            )
        else:
            earliest = add_working_days(cost_notified_on, rule.length + 1)
            if start.date() < earliest:
                problems.append(
                    _(
                        "Dự kiến chi phí cưỡng chế thông báo ngày %(day)s: chưa đủ %(n)s ngày làm "
                        "việc, ngày cưỡng chế sớm nhất là %(earliest)s (%(article)s)."
                    )
                    % {
                        "day": _fmt(cost_notified_on),
                        "n": rule.length,
                        "earliest": _fmt(earliest),
                        "article": rule.article,
                    }
                )
    return problems


def _draft_decision(*, actor: Any, measure: CoercionMeasure) -> int | None:
    """Ask the decisions app to draft the coercion decision a measure needs (enforcement
    contract: ``decision_draft_for_case``). Security measures have no template there yet
    (decisions registry kinds), so they get none; a missing template or an actor who may not
    draft leaves the measure without a draft (logged), never refused."""
    from django.core.exceptions import PermissionDenied

    from decisions import exceptions as decision_exceptions
    from decisions import services as decision_services
    from thads.money import format_vnd

    draft = getattr(decision_services, "decision_draft_for_case", None)
    if draft is None or measure.kind in CoercionMeasure.SECURITY_KINDS:
        return None
    case = measure.case
    fields = {
        "debtor_name": case.debtor_name,
        "debtor_address": case.debtor_address,
        "creditor_name": case.creditor_name,
        "measure": f"{measure.get_kind_display()}: {measure.target}",
        "amount_text": format_vnd(measure.amount_vnd),
    }
    try:
        return draft(
            actor=actor,
            office_id=case.office_id,
            case_id=case.pk,
            kind="coercion",
            fields=fields,
        )
    except (PermissionDenied, decision_exceptions.DecisionError) as exc:
        logger.warning("measure %s: no decision drafted: %s", measure.pk, exc)
        return None


@transaction.atomic
def coercion_plan_create(
    *,
    actor: Any,
    case: Case,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    method: str = "",
    forces: str = "",
    mobilised_forces: bool = False,
    estimated_cost_vnd: int = 0,
    cost_notified_on: dt.date | None = None,
    decisions_needed: list[str] | None = None,
) -> CoercionPlan:
    """Draw up a coercion plan (L2008 Art 72; ND152 Arts 46-47), refusing a forbidden time.

    Raises ``CoercionError`` (case not classified with conditions, bad times or amounts) and
    ``CoercionBlackoutError`` with every reason (:func:`coercion_blackout_problems`). Side
    effects: audit ``enforcement.coercion_plan_created``, timeline event.
    """
    case = _lock_case(case)
    if case.state not in _COERCION_STATES:
        raise CoercionError(
            _(
                "Chỉ lập kế hoạch cưỡng chế khi hồ sơ có điều kiện thi hành hoặc đang cưỡng chế "
                "(trạng thái hiện tại: %(state)s)."
            )
            % {"state": case.get_state_display()}
        )
    if ends_at <= starts_at:
        raise CoercionError(_("Thời gian kết thúc phải sau thời gian bắt đầu."), field="ends_at")
    if estimated_cost_vnd < 0:
        raise CoercionError(_("Chi phí không được âm."), field="estimated_cost_vnd")
    problems = coercion_blackout_problems(
        starts_at=starts_at,
        ends_at=ends_at,
        mobilised_forces=mobilised_forces,
        cost_notified_on=cost_notified_on,
    )
    if problems:
        raise CoercionBlackoutError(problems, field="starts_at")
    plan = CoercionPlan.objects.create(
        case=case,
        title=title.strip(),
        method=method.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        forces=forces.strip(),
        mobilised_forces=mobilised_forces,
        estimated_cost_vnd=estimated_cost_vnd,
        cost_notified_on=cost_notified_on,
        decisions_needed=list(decisions_needed or []),
        created_by=_user(actor),
    )
    audit_log(
        actor=actor,
        action="enforcement.coercion_plan_created",
        target=plan,
        office=case.office,
        after={
            "title": plan.title,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "estimated_cost_vnd": estimated_cost_vnd,
            "mobilised_forces": mobilised_forces,
        },
        summary=_("Lập kế hoạch cưỡng chế “%(title)s”") % {"title": plan.title},
    )
    _event(
        case,
        actor,
        "coercion",
        _("Lập kế hoạch cưỡng chế “%(title)s”") % {"title": plan.title},
        {"plan_id": plan.pk},
    )
    return plan


@transaction.atomic
def coercion_measure_add(
    *,
    actor: Any,
    case: Case,
    kind: str,
    target: str,
    amount_vnd: int,
    costs_vnd: int = 0,
    scheduled_at: dt.datetime | None = None,
    plan: CoercionPlan | None = None,
    note: str = "",
) -> CoercionMeasure:
    """Add a security or coercion measure to a case.

    Security measures (freeze, temporary seizure, registration stop: L2008 Art 66) apply at
    once without prior notice, in any running state; a freeze starts the deadline
    ``COERCION_FREEZE_RESOLVE`` (coerce or lift within 10 days: L2008 Art 67(3)). Coercion
    measures (L2008 Art 71) need a case with conditions; a time set is checked against the
    blackout rules. The decision is drafted through ``decisions.services`` when it exists.
    Side effects: audit ``enforcement.coercion_measure_added``, a deadline for a freeze.
    Raises ``CoercionError`` / ``CoercionBlackoutError``.
    """
    case = _lock_case(case)
    _require_active(case, CoercionError)
    if case.is_paused:
        raise CoercionError(_("Hồ sơ đang hoãn hoặc tạm đình chỉ: không áp dụng biện pháp được."))
    if kind not in CoercionMeasure.Kind.values:
        raise CoercionError(_("Biện pháp không hợp lệ."), field="kind")
    if amount_vnd < 0 or costs_vnd < 0 or costs_vnd > amount_vnd:
        raise CoercionError(
            _("Số tiền phải không âm và chi phí không vượt quá số tiền."), field="costs_vnd"
        )
    if plan is not None and plan.case_id != case.pk:
        raise CoercionError(_("Kế hoạch không thuộc hồ sơ này."), field="plan")
    security = kind in CoercionMeasure.SECURITY_KINDS
    if not security and case.state not in _COERCION_STATES:
        raise CoercionError(
            _(
                "Chỉ áp dụng biện pháp cưỡng chế khi hồ sơ có điều kiện thi hành hoặc đang "
                "cưỡng chế (trạng thái hiện tại: %(state)s)."
            )
            % {"state": case.get_state_display()}
        )
    if not security and scheduled_at is not None:
        problems = coercion_blackout_problems(
            starts_at=scheduled_at,
            mobilised_forces=bool(plan and plan.mobilised_forces),
            cost_notified_on=plan.cost_notified_on if plan is not None else None,
            check_cost_notice=plan is not None,
        )
        if problems:
            raise CoercionBlackoutError(problems, field="scheduled_at")
    today = timezone.localdate()
    measure = CoercionMeasure(
        case=case,
        plan=plan,
        kind=kind,
        target=target.strip(),
        amount_vnd=amount_vnd,
        costs_vnd=costs_vnd,
        scheduled_at=scheduled_at,
        note=note.strip()[:1000],
        created_by=_user(actor),
    )
    if security:
        measure.status = CoercionMeasure.Status.IN_EFFECT
        measure.applied_on = today
    if kind == CoercionMeasure.Kind.ACCOUNT_FREEZE:
        rule = _require_rule("COERCION_FREEZE_RESOLVE", today)
        span = explain_calendar_days(today, rule.length)
        measure.resolve_by = span.end
        measure.rule = rule
        if not Deadline.objects.filter(
            case=case, rule_code=rule.code, status__in=("open", "overdue", "paused")
        ).exists():
            Deadline.objects.create(
                case=case,
                rule=rule,
                rule_code=rule.code,
                title=_("Cưỡng chế hoặc chấm dứt phong tỏa tài khoản"),
                trigger_event=_("Phong tỏa tài khoản ngày %(day)s") % {"day": _fmt(today)},
                trigger_on=today,
                due_on=span.end,
                explanation={
                    "legal_basis": rule.article,
                    "law_version": rule.law_version,
                    "start": today.isoformat(),
                    "rule": span.rule,
                    "skipped": [{"date": d.date.isoformat(), "name": d.name} for d in span.skipped],
                    "end": span.end.isoformat(),
                },
            )
    measure.save()
    measure.decision_id = _draft_decision(actor=actor, measure=measure)
    if measure.decision_id is not None:
        measure.save(update_fields=["decision_id"])
    audit_log(
        actor=actor,
        action="enforcement.coercion_measure_added",
        target=measure,
        office=case.office,
        after={
            "kind": kind,
            "target": measure.target,
            "amount_vnd": amount_vnd,
            "costs_vnd": costs_vnd,
            "status": measure.status,
            "resolve_by": measure.resolve_by,
        },
        summary=_("Biện pháp %(kind)s: %(target)s")
        % {"kind": measure.get_kind_display(), "target": measure.target},
    )
    _event(
        case,
        actor,
        "coercion",
        _("Biện pháp %(kind)s: %(target)s")
        % {"kind": measure.get_kind_display(), "target": measure.target},
        {"measure_id": measure.pk},
    )
    return measure


def _close_freeze_deadline(case: Case) -> None:
    if case.coercion_measures.filter(
        kind=CoercionMeasure.Kind.ACCOUNT_FREEZE, status=CoercionMeasure.Status.IN_EFFECT
    ).exists():
        return
    Deadline.objects.filter(
        case=case, rule_code="COERCION_FREEZE_RESOLVE", status__in=("open", "overdue", "paused")
    ).update(status="met", closed_at=timezone.now())


def _finish_measure(
    *, actor: Any, measure: CoercionMeasure, status: str, reason: str, action: str
) -> CoercionMeasure:
    m = (
        CoercionMeasure.objects.select_for_update()
        .select_related("case__office")
        .get(pk=measure.pk)
    )
    if m.status not in (CoercionMeasure.Status.PROPOSED, CoercionMeasure.Status.IN_EFFECT):
        raise CoercionError(_("Biện pháp này đã kết thúc."))
    before = m.status
    m.status = status
    if reason.strip():
        m.note = (f"{m.note}\n{reason.strip()}" if m.note else reason.strip())[:1000]
    m.save(update_fields=["status", "note"])
    _close_freeze_deadline(m.case)
    audit_log(
        actor=actor,
        action=action,
        target=m,
        office=m.case.office,
        before={"status": before},
        after={"status": m.status, "reason": reason.strip()},
        summary=_("Biện pháp %(kind)s: %(status)s")
        % {"kind": m.get_kind_display(), "status": m.get_status_display()},
    )
    _event(
        m.case,
        actor,
        "coercion",
        _("Biện pháp %(kind)s: %(status)s")
        % {"kind": m.get_kind_display(), "status": m.get_status_display()},
        {"measure_id": m.pk},
    )
    return m


@transaction.atomic
def coercion_measure_lift(*, actor: Any, measure: CoercionMeasure, reason: str) -> CoercionMeasure:
    """End a measure (chấm dứt phong tỏa, hủy biện pháp). A lifted freeze meets the
    ``COERCION_FREEZE_RESOLVE`` deadline (L2008 Art 67(3)). Audit
    ``enforcement.coercion_measure_lifted``. Raises ``CoercionError``."""
    if not reason.strip():
        raise CoercionError(_("Cần ghi lý do chấm dứt biện pháp."), field="reason")
    return _finish_measure(
        actor=actor,
        measure=measure,
        status=CoercionMeasure.Status.LIFTED,
        reason=reason,
        action="enforcement.coercion_measure_lifted",
    )


@transaction.atomic
def coercion_measure_execute(*, actor: Any, measure: CoercionMeasure) -> CoercionMeasure:
    """Record a measure as carried out (a freeze followed by the deduction counts as coerced,
    meeting its deadline). Audit ``enforcement.coercion_measure_executed``."""
    return _finish_measure(
        actor=actor,
        measure=measure,
        status=CoercionMeasure.Status.EXECUTED,
        reason="",
        action="enforcement.coercion_measure_executed",
    )


# --- Retries (beat) ----------------------------------------------------------------------------


def actions_retry_due(*, now: dt.datetime | None = None) -> tuple[list[int], list[int]]:
    """Ids due for a retry: VNeID attempts (failed with their time come, or PENDING and lost)
    and verification requests (failed with their time come)."""
    now = now or timezone.now()
    attempts = list(
        ServiceAttempt.objects.filter(channel=ServiceChannel.VNEID)
        .filter(
            Q(result=ServiceAttempt.Result.FAILED, next_retry_at__lte=now)
            | Q(result=ServiceAttempt.Result.PENDING, created_at__lt=now - PENDING_LOST_AFTER)
        )
        .values_list("pk", flat=True)[:200]
    )
    requests = list(
        VerificationRequest.objects.filter(
            status=VerificationRequest.Status.FAILED, next_retry_at__lte=now
        ).values_list("pk", flat=True)[:200]
    )
    return attempts, requests
