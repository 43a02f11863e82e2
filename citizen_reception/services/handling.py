"""Handling a petition to the end (domain.md §5; issue 7 §4): classification, assignment,
acceptance or refusal, storing without processing, forwarding, guidance, notes, resolution,
withdrawal, closing, splitting and duplicates.

Every function locks the petition, checks the form's ``version`` (:class:`PetitionStaleError`
when someone changed it since), checks the actor's role and that the petition's responsible
office is in the actor's scope, writes the event, the audit record ``reception.<action>`` and,
for a public step, the citizen's notifications (outbox, sent after commit).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizen_reception.exceptions import PetitionInvalidError
from citizen_reception.exceptions import PetitionPermissionError
from citizen_reception.exceptions import PetitionStateError
from citizen_reception.models import Petition
from citizen_reception.models import PetitionNote
from citizen_reception.permissions import ASSIGNEE_ROLES
from citizen_reception.permissions import DECIDE_ROLES
from citizen_reception.permissions import HANDLE_ROLES
from citizen_reception.permissions import RECEIVE_ROLES
from citizen_reception.services import common
from citizen_reception.services.deadlines import cancel_deadlines
from citizen_reception.services.deadlines import deadlines_for_acceptance
from citizen_reception.services.deadlines import deadlines_for_receipt
from citizen_reception.services.deadlines import meet_deadlines
from citizen_reception.services.deadlines import store_deadlines
from thads.org.models import Office

__all__ = [
    "petition_accept",
    "petition_allowed_actions",
    "petition_assign",
    "petition_classify",
    "petition_close",
    "petition_forward",
    "petition_guide",
    "petition_link_case_from_decision",
    "petition_link_judgment",
    "petition_mark_duplicate",
    "petition_note_add",
    "petition_refuse",
    "petition_resolve",
    "petition_split",
    "petition_store",
    "petition_withdraw",
]

logger = logging.getLogger(__name__)

S = Petition.State
K = Petition.Kind

#: Clocks met when the petition is answered one way or another (accepted, refused...).
_RECEIPT_CLOCKS = (
    "enforcement_request.",
    "complaint.first.accept",
    "complaint.second.accept",
    "denunciation.initial",
    "reception.answer",
)


def _reason(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise PetitionInvalidError(message)
    return text[:4000]


# --- classification and assignment --------------------------------------------------------------


def petition_classify(
    *,
    actor: Any,
    petition: Petition,
    version: int,
    kind: str,
    complaint_level: int | None = None,
    complaint_object: str = "",
    complex_case: bool = False,
    remote_area: bool = False,
    judgment_id: int | None = None,
) -> Petition:
    """Set the kind (and, for a complaint, its level and object), the complex-case and
    remote-area marks (they extend the resolution period), and optionally link a judgment.
    A changed kind or level restarts the receipt clocks under the new kind (received date
    unchanged). Only while RECEIVED or ACCEPTED (before acceptance for a kind change).
    Audit ``reception.petition_classified``; internal step (no notification)."""
    common.require_handler(actor=actor, petition=petition, roles=HANDLE_ROLES)
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_state(p, S.RECEIVED, S.ACCEPTED)
        before = common.snapshot(p)
        if kind not in K.values:
            raise PetitionInvalidError(_("Loại đơn không hợp lệ."))
        if kind == K.COMPLAINT:
            try:
                complaint_level = int(complaint_level or 1)
            except (TypeError, ValueError):
                complaint_level = 0
            if complaint_level not in (1, 2):
                raise PetitionInvalidError(_("Lần khiếu nại phải là lần đầu hoặc lần hai."))
            if complaint_object and complaint_object not in Petition.ComplaintObject.values:
                raise PetitionInvalidError(_("Đối tượng khiếu nại không hợp lệ."))
        else:
            complaint_level, complaint_object = None, ""
        kind_changed = (kind, complaint_level) != (p.kind, p.complaint_level)
        if kind_changed and p.state != S.RECEIVED:
            raise PetitionStateError(_("Không đổi loại đơn sau khi đã thụ lý."))
        p.kind = kind
        p.complaint_level = complaint_level
        p.complaint_object = complaint_object or ""
        p.complex_case = bool(complex_case)
        p.remote_area = bool(remote_area)
        fields = ["kind", "complaint_level", "complaint_object", "complex_case", "remote_area"]
        if judgment_id is not None and judgment_id != p.judgment_id:
            _check_judgment(p, judgment_id)
            p.judgment_id = judgment_id
            fields.append("judgment")
        common.save(p, *fields)
        if kind_changed:
            cancel_deadlines(petition=p)
            store_deadlines(petition=p, computed=deadlines_for_receipt(petition=p))
        common.record(
            actor=actor,
            petition=p,
            action="petition_classified",
            summary=_("Phân loại đơn %(code)s: %(kind)s")
            % {"code": p.code, "kind": p.get_kind_display()},
            before=before,
        )
    return p


def _check_judgment(petition: Petition, judgment_id: int) -> None:
    judgment_model = Petition._meta.get_field("judgment").related_model
    if not judgment_model._default_manager.filter(pk=judgment_id).exists():
        raise PetitionInvalidError(_("Không tìm thấy bản án, quyết định đã chọn."))


def petition_assign(*, actor: Any, petition: Petition, version: int, officer: Any) -> Petition:
    """Give the petition to ``officer`` (a handling role in the responsible office) to handle.
    The head assigns (DECIDE roles). Audit ``reception.petition_assigned``; internal step."""
    common.require_handler(actor=actor, petition=petition, roles=DECIDE_ROLES)
    if (
        officer is None
        or not officer.is_active
        or officer.office_id != petition.office_id
        or officer.role not in ASSIGNEE_ROLES
    ):
        raise PetitionInvalidError(
            _("Chỉ giao đơn cho cán bộ đang làm việc tại đơn vị giải quyết đơn.")
        )
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_open(p)
        before = common.snapshot(p)
        p.assigned_to = officer
        common.save(p, "assigned_to")
        common.record(
            actor=actor,
            petition=p,
            action="petition_assigned",
            summary=_("Giao đơn %(code)s cho %(name)s")
            % {"code": p.code, "name": officer.get_full_name() or officer.username},
            before=before,
        )
    return p


def petition_link_judgment(
    *, actor: Any, petition: Petition, version: int, judgment_id: int
) -> Petition:
    """Link the judgment the petition is about (found by the officer among the office's
    judgments). An accepted enforcement request then records the creditor's request and
    starts drafting the decision (as :func:`petition_accept` does)."""
    common.require_handler(actor=actor, petition=petition, roles=HANDLE_ROLES)
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_state(p, S.RECEIVED, S.ACCEPTED)
        _check_judgment(p, judgment_id)
        before = common.snapshot(p)
        p.judgment_id = judgment_id
        common.save(p, "judgment")
        common.record(
            actor=actor,
            petition=p,
            action="petition_judgment_linked",
            summary=_("Liên kết bản án với đơn %(code)s") % {"code": p.code},
            before=before,
        )
        if p.state == S.ACCEPTED and p.kind == K.ENFORCEMENT_REQUEST:
            _enforcement_request_to_decisions(actor=actor, petition=p)
    return p


# --- acceptance and the answers that end a petition ---------------------------------------------


def _enforcement_request_to_decisions(*, actor: Any, petition: Petition) -> None:
    """Record the creditor's request on the judgment and draft the on-request decision
    through ``decisions.services`` (ND152 Art 9; L2008 Art 36(1)); signing it opens the case
    through ``enforcement.services`` (see :func:`petition_link_case_from_decision`)."""
    from decisions.exceptions import DecisionError
    from decisions.exceptions import DecisionNothingDueError
    from decisions.services import creditor_request_record
    from decisions.services import decision_batch_create

    judgment_model = Petition._meta.get_field("judgment").related_model
    judgment = judgment_model._default_manager.select_related("office").get(pk=petition.judgment_id)
    creditor_request_record(
        actor=actor,
        judgment=judgment,
        creditor_name=petition.petitioner_name or petition.representatives or petition.code,
        received_on=petition.received_on,
        note=_("Đơn %(code)s") % {"code": petition.code},
    )
    try:
        with transaction.atomic():
            batch = decision_batch_create(actor=actor, judgment_ids=[judgment.pk])
    except DecisionNothingDueError:
        note = _(
            "Đã ghi nhận đơn yêu cầu vào bản án; chưa có quyết định nào cần dự thảo (bản án chưa "
            "được xác nhận hoặc quyết định đã được dự thảo)."
        )
    except (DecisionError, PermissionError) as exc:
        note = _("Đã ghi nhận đơn yêu cầu; chưa dự thảo được quyết định: %(reason)s") % {
            "reason": exc
        }
    else:
        note = _(
            "Đã ghi nhận đơn yêu cầu và bắt đầu dự thảo quyết định thi hành án (lô %(id)s)."
        ) % {"id": batch.pk}
    common.record(
        actor=actor,
        petition=petition,
        action="petition_decision_requested",
        summary=note,
        note=note,
    )


def petition_accept(*, actor: Any, petition: Petition, version: int) -> Petition:
    """Accept (thụ lý) the petition: ACCEPTED, ``accepted_on`` today, the receipt clocks met and
    the resolution clocks started (complaint: by level and object, extended for a complex case
    or a remote area, plus the explanation request; denunciation: 60 days under L2008, 30 days
    [?] from 01/07/2026; further denunciation 20 days [?]). An enforcement request with a linked
    judgment records the creditor's request and drafts the enforcement decision through
    ``decisions.services``; the case opens when that decision is signed. The head decides.
    Public step "Đơn đã được thụ lý" (notification). Audit ``reception.petition_accepted``."""
    common.require_handler(actor=actor, petition=petition, roles=DECIDE_ROLES)
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_state(p, S.RECEIVED)
        before = common.snapshot(p)
        today = common.local_today()
        p.state = S.ACCEPTED
        p.accepted_on = today
        common.save(p, "state", "accepted_on")
        meet_deadlines(petition=p, prefixes=_RECEIPT_CLOCKS)
        clocks = store_deadlines(
            petition=p, computed=deadlines_for_acceptance(petition=p, accepted_on=today)
        )
        resolve = next((d for d in clocks if ".resolve" in d.code), None)
        if resolve is not None:
            public = _("Đơn đã được thụ lý; hạn giải quyết: %(date)s.") % {
                "date": resolve.due_on.strftime("%d/%m/%Y")
            }
        else:
            public = _("Đơn đã được thụ lý.")
        common.record(
            actor=actor,
            petition=p,
            action="petition_accepted",
            from_state=before["state"],
            summary=_("Thụ lý đơn %(code)s") % {"code": p.code},
            public_text=public,
            before=before,
        )
        if p.kind == K.ENFORCEMENT_REQUEST and p.judgment_id:
            _enforcement_request_to_decisions(actor=actor, petition=p)
    return p


def _finish(
    *,
    actor: Any,
    petition: Petition,
    version: int,
    to_state: str,
    action: str,
    summary: str,
    public_text: str,
    reason: str = "",
    roles: frozenset[str] = HANDLE_ROLES,
    from_states: tuple[str, ...] = (S.RECEIVED, S.ACCEPTED),
    extra: dict[str, Any] | None = None,
) -> Petition:
    common.require_handler(actor=actor, petition=petition, roles=roles)
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_state(p, *from_states)
        before = common.snapshot(p)
        p.state = to_state
        fields = ["state"]
        if reason:
            p.refusal_reason = reason
            fields.append("refusal_reason")
        for name, value in (extra or {}).items():
            setattr(p, name, value)
            fields.append(name)
        common.save(p, *fields)
        meet_deadlines(petition=p, prefixes=("reception.answer",))
        cancel_deadlines(petition=p)
        common.record(
            actor=actor,
            petition=p,
            action=action,
            from_state=before["state"],
            summary=summary,
            public_text=public_text,
            note=reason,
            before=before,
        )
    return p


def petition_refuse(*, actor: Any, petition: Petition, version: int, reason: str) -> Petition:
    """Refuse to accept (không thụ lý, L2008 Art 141; an enforcement request: Art 31(5)) with
    the reason written to the citizen. The head decides. Public step with the reason (the
    reason must hold no third party's personal data). Audit ``reception.petition_refused``."""
    text = _reason(reason, _("Vui lòng ghi lý do không thụ lý."))
    return _finish(
        actor=actor,
        petition=petition,
        version=version,
        to_state=S.REFUSED,
        action="petition_refused",
        summary=_("Không thụ lý đơn %(code)s") % {"code": petition.code},
        public_text=_("Đơn không được thụ lý. Lý do: %(reason)s") % {"reason": text[:240]},
        reason=text,
        roles=DECIDE_ROLES,
        from_states=(S.RECEIVED,),
    )


def petition_store(*, actor: Any, petition: Petition, version: int, reason: str) -> Petition:
    """Store without processing (lưu đơn, TT13 Art 8(4)): anonymous, repeated, illegible...
    The officer decides (the flags only suggest it). Public step. Audit
    ``reception.petition_stored``."""
    text = _reason(reason, _("Vui lòng ghi lý do lưu đơn."))
    return _finish(
        actor=actor,
        petition=petition,
        version=version,
        to_state=S.STORED,
        action="petition_stored",
        summary=_("Lưu đơn %(code)s không xử lý") % {"code": petition.code},
        public_text=_("Đơn được lưu theo quy định, không xử lý."),
        reason=text,
        from_states=(S.RECEIVED,),
    )


def petition_forward(
    *,
    actor: Any,
    petition: Petition,
    version: int,
    to_office: Office | None = None,
    to_agency: str = "",
    reason: str = "",
) -> Petition:
    """Forward to the competent body. To another THADS office (``to_office``): the petition
    moves there (it becomes the responsible office, the receiving office still sees it), stays
    RECEIVED, its clocks continue. Outside (``to_agency``): FORWARDED, the clocks end.
    Public step naming the body. Audit ``reception.petition_forwarded``."""
    text = _reason(reason, _("Vui lòng ghi lý do chuyển đơn."))
    if to_office is None and not (to_agency or "").strip():
        raise PetitionInvalidError(_("Vui lòng chọn đơn vị hoặc ghi tên cơ quan nhận đơn."))
    if to_office is None:
        agency = to_agency.strip()[:300]
        return _finish(
            actor=actor,
            petition=petition,
            version=version,
            to_state=S.FORWARDED,
            action="petition_forwarded",
            summary=_("Chuyển đơn %(code)s đến %(agency)s")
            % {"code": petition.code, "agency": agency},
            public_text=_("Đơn đã được chuyển đến %(agency)s là cơ quan có thẩm quyền giải quyết.")
            % {"agency": agency},
            reason=text,
            from_states=(S.RECEIVED,),
        )
    common.require_handler(actor=actor, petition=petition, roles=HANDLE_ROLES)
    if to_office.pk == petition.office_id:
        raise PetitionInvalidError(_("Đơn đang thuộc đơn vị này."))
    if not to_office.is_active:
        raise PetitionInvalidError(_("Đơn vị nhận đơn không còn hoạt động."))
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_state(p, S.RECEIVED)
        before = common.snapshot(p)
        p.office = to_office
        p.assigned_to = None
        common.save(p, "office", "assigned_to")
        common.record(
            actor=actor,
            petition=p,
            action="petition_forwarded",
            from_state=before["state"],
            summary=_("Chuyển đơn %(code)s đến %(office)s")
            % {"code": p.code, "office": to_office.name},
            public_text=_("Đơn đã được chuyển đến %(office)s để giải quyết theo thẩm quyền.")
            % {"office": to_office.name},
            note=text,
            before=before,
        )
    return p


def petition_guide(*, actor: Any, petition: Petition, version: int, text: str) -> Petition:
    """Answer with one written guidance (not admissible here, or a proposal answered by
    guidance; ND62 Art 38(1); TT13 Art 28): GUIDED, the clocks end. The guidance is
    sent to the citizen (public step). Audit ``reception.petition_guided``."""
    guidance = _reason(text, _("Vui lòng nhập nội dung hướng dẫn."))
    return _finish(
        actor=actor,
        petition=petition,
        version=version,
        to_state=S.GUIDED,
        action="petition_guided",
        summary=_("Hướng dẫn công dân về đơn %(code)s") % {"code": petition.code},
        public_text=_("Đã có văn bản hướng dẫn: %(text)s") % {"text": guidance[:250]},
        reason=guidance,
        from_states=(S.RECEIVED,),
    )


def petition_note_add(*, actor: Any, petition: Petition, kind: str, text: str) -> PetitionNote:
    """Add an investigation note, explanation request, explanation or dialogue record (never
    public). A note kind EXPLANATION_REQUEST meets the explanation-request clock. Audit
    ``reception.petition_note_added``."""
    common.require_handler(actor=actor, petition=petition, roles=HANDLE_ROLES)
    if kind not in PetitionNote.Kind.values:
        raise PetitionInvalidError(_("Loại ghi chép không hợp lệ."))
    body = _reason(text, _("Vui lòng nhập nội dung ghi chép."))
    with transaction.atomic():
        p = common.lock(petition, None)
        common.require_open(p)
        note = PetitionNote.objects.create(petition=p, kind=kind, text=body, author=actor)
        if kind == PetitionNote.Kind.EXPLANATION_REQUEST:
            meet_deadlines(petition=p, prefixes=("complaint.explanation_request",))
        # A note changes no field of the petition: the version stays, open forms stay valid.
        common.record(
            actor=actor,
            petition=p,
            action="petition_note_added",
            summary=_("Thêm %(kind)s vào đơn %(code)s")
            % {"kind": note.get_kind_display().lower(), "code": p.code},
        )
    return note


def petition_resolve(*, actor: Any, petition: Petition, version: int, summary: str) -> Petition:
    """Resolve an accepted petition: RESOLVED with ``summary``; the resolution decision (or
    answer) is rendered, signed with the office key and stored after commit
    (``petition_resolution_render_task`` sets ``resolution_document``). The head decides.
    Public step "Đã có kết quả giải quyết" (the summary stays internal: it may name people).
    Audit ``reception.petition_resolved``."""
    text = _reason(summary, _("Vui lòng nhập kết quả giải quyết."))
    common.require_handler(actor=actor, petition=petition, roles=DECIDE_ROLES)
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_state(p, S.ACCEPTED, S.RECEIVED)
        if p.state == S.RECEIVED and p.kind not in (K.PROPOSAL, K.REPORT):
            raise PetitionStateError(_("Cần thụ lý đơn trước khi giải quyết."))
        before = common.snapshot(p)
        p.state = S.RESOLVED
        p.resolution_summary = text
        p.resolved_at = timezone.now()
        common.save(p, "state", "resolution_summary", "resolved_at")
        meet_deadlines(petition=p)
        if p.kind == K.COMPLAINT and p.complaint_level == 1:
            public = _(
                "Đã có quyết định giải quyết khiếu nại lần đầu. Nếu không đồng ý, công dân có "
                "quyền khiếu nại lần hai lên cơ quan cấp trên."
            )
        else:
            public = _("Đã có kết quả giải quyết đơn.")
        common.record(
            actor=actor,
            petition=p,
            action="petition_resolved",
            from_state=before["state"],
            summary=_("Giải quyết đơn %(code)s") % {"code": p.code},
            public_text=public,
            note=text,
            before=before,
        )
        petition_id, actor_id = p.pk, common.user_or_none(actor) and actor.pk

        def _queue() -> None:
            from citizen_reception.tasks import petition_resolution_render_task

            petition_resolution_render_task.delay(petition_id=petition_id, actor_id=actor_id)

        transaction.on_commit(_queue)
    return p


def petition_withdraw(*, actor: Any, petition: Petition, version: int, reason: str) -> Petition:
    """The citizen withdraws the petition (rút đơn): WITHDRAWN, the clocks end. Recorded by
    staff on a written request, or by the public (``actor`` None) after a one-time code
    check by the caller. A withdrawn complaint is not resolved further (L2008 Art 144) [V].
    Public step. Audit ``reception.petition_withdrawn``."""
    text = _reason(reason, _("Vui lòng ghi lý do rút đơn."))
    roles = HANDLE_ROLES | RECEIVE_ROLES
    if common.user_or_none(actor) is None:
        with transaction.atomic():
            p = common.lock(petition, version)
            common.require_state(p, S.RECEIVED, S.ACCEPTED)
            before = common.snapshot(p)
            p.state = S.WITHDRAWN
            p.refusal_reason = text
            common.save(p, "state", "refusal_reason")
            cancel_deadlines(petition=p)
            common.record(
                actor=None,
                petition=p,
                action="petition_withdrawn",
                from_state=before["state"],
                summary=_("Công dân rút đơn %(code)s") % {"code": p.code},
                public_text=_("Công dân đã rút đơn."),
                note=text,
                before=before,
            )
        return p
    return _finish(
        actor=actor,
        petition=petition,
        version=version,
        to_state=S.WITHDRAWN,
        action="petition_withdrawn",
        summary=_("Ghi nhận rút đơn %(code)s") % {"code": petition.code},
        public_text=_("Công dân đã rút đơn."),
        reason=text,
        roles=roles,
    )


def petition_close(*, actor: Any, petition: Petition, version: int, reason: str = "") -> Petition:
    """Close a resolved petition once the decision has been sent and published (TT13 Art 14):
    CLOSED. The head decides. Public step "Kết thúc". Audit ``reception.petition_closed``."""
    return _finish(
        actor=actor,
        petition=petition,
        version=version,
        to_state=S.CLOSED,
        action="petition_closed",
        summary=_("Kết thúc đơn %(code)s") % {"code": petition.code},
        public_text=_("Kết thúc xử lý đơn."),
        reason=(reason or "").strip()[:4000],
        roles=DECIDE_ROLES,
        from_states=(S.RESOLVED,),
    )


def petition_mark_duplicate(
    *, actor: Any, petition: Petition, version: int, original: Petition
) -> Petition:
    """Mark the petition a repeat of ``original`` (same matter, same person) and store it
    without processing (TT13 Art 8(4)). Public step. Audit ``reception.petition_duplicate``."""
    if original.pk == petition.pk:
        raise PetitionInvalidError(_("Không thể đánh dấu đơn trùng với chính nó."))
    if original.duplicate_of_id == petition.pk:
        raise PetitionInvalidError(_("Đơn gốc đã được đánh dấu trùng với đơn này."))
    common.require_handler(actor=actor, petition=petition, roles=HANDLE_ROLES)
    if not (
        common.actor_in_office_scope(actor=actor, office_id=original.office_id)
        or common.actor_in_office_scope(actor=actor, office_id=original.received_office_id)
    ):
        raise PetitionPermissionError(_("Không tìm thấy đơn gốc trong phạm vi của bạn."))
    return _finish(
        actor=actor,
        petition=petition,
        version=version,
        to_state=S.STORED,
        action="petition_duplicate",
        summary=_("Đơn %(code)s trùng với đơn %(original)s")
        % {"code": petition.code, "original": original.code},
        public_text=_("Đơn trùng nội dung với đơn đã nhận trước đó; được lưu, không xử lý lại."),
        reason=_("Trùng với đơn %(original)s") % {"original": original.code},
        from_states=(S.RECEIVED,),
        extra={"duplicate_of": original},
    )


def petition_split(
    *, actor: Any, petition: Petition, version: int, parts: list[tuple[str, str]]
) -> list[Petition]:
    """Split a letter mixing contents (TT13 Art 5): one new petition per ``(kind, subject)``,
    each with its own code and clocks (from the original's received date), the attachments
    shared, ``split_from`` set; the original is CLOSED. At least two parts. Public step on the
    original naming the new codes; each part notifies the citizen. Audit
    ``reception.petition_split``."""
    from citizen_reception.models import PetitionAttachment
    from citizen_reception.services.intake import _receive
    from citizen_reception.types import PetitionIntake

    if len(parts) < 2:
        raise PetitionInvalidError(_("Cần tách thành ít nhất hai phần."))
    for kind, subject in parts:
        if kind not in K.values or not (subject or "").strip():
            raise PetitionInvalidError(_("Mỗi phần cần có loại đơn và trích yếu."))
    common.require_handler(actor=actor, petition=petition, roles=HANDLE_ROLES)
    with transaction.atomic():
        p = common.lock(petition, version)
        common.require_state(p, S.RECEIVED)
        before = common.snapshot(p)
        created = []
        for index, (kind, subject) in enumerate(parts, start=1):
            data = PetitionIntake(
                kind=kind,
                channel=p.channel,
                subject=subject,
                content=p.content,
                petitioner_name=p.petitioner_name,
                petitioner_id_number=p.petitioner_id_number,
                petitioner_id_kind=p.petitioner_id_kind,
                petitioner_birth_year=p.petitioner_birth_year,
                petitioner_address=p.petitioner_address,
                petitioner_phone=p.petitioner_phone,
                petitioner_email=p.petitioner_email,
                anonymous=p.anonymous,
                signatory_count=p.signatory_count,
                representatives=p.representatives,
                respondent=p.respondent,
                complaint_level=p.complaint_level if kind == K.COMPLAINT else None,
                complaint_object=p.complaint_object if kind == K.COMPLAINT else "",
                forwarded_by=p.forwarded_by
                or ("-" if p.channel == Petition.Channel.FORWARDED else ""),
                received_on=p.received_on,
                case_id=p.case_id,
                judgment_reference=p.judgment_reference,
                notify_email=p.notify_email,
                notify_phone=p.notify_phone,
                judgment_id=p.judgment_id,
            )
            part = _receive(
                actor=actor,
                receiving_office=p.received_office,
                data=data,
                idempotency_key=f"split-{p.pk}-{index}",
                office=p.office,
                split_from=p,
            )
            for a in PetitionAttachment.objects.filter(petition=p):
                PetitionAttachment.objects.create(
                    petition=part,
                    document_id=a.document_id,
                    original_name=a.original_name,
                    content_type=a.content_type,
                    size=a.size,
                    uploaded_by=a.uploaded_by,
                )
            created.append(part)
        p.state = S.CLOSED
        common.save(p, "state")
        cancel_deadlines(petition=p)
        codes = ", ".join(c.code for c in created)
        common.record(
            actor=actor,
            petition=p,
            action="petition_split",
            from_state=before["state"],
            summary=_("Tách đơn %(code)s thành %(codes)s") % {"code": p.code, "codes": codes},
            public_text=_("Đơn có nhiều nội dung nên được tách thành các đơn: %(codes)s.")
            % {"codes": codes},
            before=before,
        )
    return created


# --- what the UI may offer ----------------------------------------------------------------------


def petition_allowed_actions(*, actor: Any, petition: Petition) -> list[str]:
    """The actions ``actor`` may take on ``petition`` now, by name: "classify", "assign",
    "accept", "refuse", "store", "forward", "guide", "note", "resolve", "withdraw", "close",
    "split", "mark_duplicate", "link_judgment", "appeal". Empty for a viewer only (the
    receiving office, leaders up the chain)."""
    role = getattr(actor, "role", "")
    if common.user_or_none(actor) is None or not common.actor_in_office_scope(
        actor=actor, office_id=petition.office_id
    ):
        return []
    handle = role in HANDLE_ROLES
    decide = role in DECIDE_ROLES
    state = petition.state
    out: list[str] = []
    if state in (S.RECEIVED, S.ACCEPTED):
        if handle:
            out += ["classify", "note", "link_judgment"]
        if decide:
            out.append("assign")
        if state == S.RECEIVED:
            if decide:
                out += ["accept", "refuse"]
                if petition.kind in (K.PROPOSAL, K.REPORT):
                    out.append("resolve")
            if handle:
                out += ["store", "forward", "guide", "split", "mark_duplicate"]
        if state == S.ACCEPTED and decide:
            out.append("resolve")
        if handle or role in RECEIVE_ROLES:
            out.append("withdraw")
    if state == S.RESOLVED:
        if decide:
            out.append("close")
        if (
            role in RECEIVE_ROLES
            and petition.office.parent_id is not None
            and (
                (petition.kind == K.COMPLAINT and petition.complaint_level == 1)
                or petition.kind == K.DENUNCIATION
            )
        ):
            out.append("appeal")
    return list(dict.fromkeys(out))


# --- the case opened by a signed decision -------------------------------------------------------


def petition_link_case_from_decision(*, data: Any) -> list[int]:
    """A decision was signed (``decisions.signals.decision_signed``): for an on-request
    decision of a judgment that accepted enforcement requests name, open the case through
    ``enforcement.services.case_open_from_decision`` (idempotent: the enforcement app's own
    receiver opens the same case) and link those petitions to it, with a public step
    "Đã ra quyết định thi hành án". Returns the petition ids linked."""
    from enforcement.services import case_open_from_decision

    if getattr(data, "case_id", None) is not None or data.kind != "on_request":
        return []
    if not data.judgment_id:
        return []
    petitions = list(
        Petition.objects.filter(
            kind=K.ENFORCEMENT_REQUEST,
            judgment_id=data.judgment_id,
            state=S.ACCEPTED,
            case__isnull=True,
        )
    )
    creditors = " ".join((data.creditor_name or "").casefold().split())
    petitions = [
        p
        for p in petitions
        if not p.petitioner_name or " ".join(p.petitioner_name.casefold().split()) in creditors
    ]
    if not petitions:
        return []
    case = case_open_from_decision(data=data)
    linked = []
    with transaction.atomic():
        for petition in petitions:
            p = common.lock(petition, None)
            if p.case_id is not None:
                continue
            before = common.snapshot(p)
            p.case_id = case.pk
            p.state = S.RESOLVED
            p.resolved_at = timezone.now()
            p.resolution_summary = _("Đã ra quyết định thi hành án số %(number)s.") % {
                "number": data.number
            }
            fields = ["case", "state", "resolved_at", "resolution_summary"]
            if getattr(data, "pdf_document_id", None):
                # the signed enforcement decision is the answer to the request
                p.resolution_document_id = data.pdf_document_id
                fields.append("resolution_document")
            common.save(p, *fields)
            meet_deadlines(petition=p)
            common.record(
                actor=None,
                petition=p,
                action="petition_case_opened",
                from_state=before["state"],
                summary=_("Đơn %(code)s: đã ra quyết định thi hành án, mở hồ sơ %(case)s")
                % {"code": p.code, "case": case.number},
                public_text=_("Đã ra quyết định thi hành án theo đơn yêu cầu."),
                before=before,
            )
            linked.append(p.pk)
    return linked
