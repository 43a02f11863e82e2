"""Every write of the enforcement app. Cases, state machine, deadlines, worklists, tasks.

The state machine is the table :data:`TRANSITIONS` (domain.md §2.2–2.3): for each action the
states it may start from, the state it leads to, who may take it, the deadlines it starts,
meets or cancels, and the decision it needs. :func:`case_transition` is the only way a case
changes state: it locks the row (``SELECT … FOR UPDATE``), checks the form's ``version``
(two users acting at once: one wins, the other gets ``CaseVersionConflictError``), the actor's
role and office, the state and the action's precondition, then moves the deadlines, writes a
``CaseEvent`` and the audit record, all in one transaction.

Deadlines are computed from :class:`~enforcement.models.LegalRule` rows (data with effective
dates): the rule applied is the one in force on the day the step's trigger occurred, counted
on the working-day calendar of ``thads.calendar`` (Civil Code 2015 Arts 147–148), and each
deadline stores its explanation. A postponement or suspension pauses the running deadlines
(remaining working days kept); resumption recomputes them from the resumption day and keeps
the history. That pausing of procedural deadlines is a design choice: the law only says so
for the limitation period (L2008 Art 30) [?].
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enforcement.exceptions import CaseTaskError
from enforcement.exceptions import CaseTransitionError
from enforcement.exceptions import CaseVersionConflictError
from enforcement.exceptions import LegalRuleMissingError
from enforcement.models import ACTIVE_DEADLINE_STATUSES
from enforcement.models import ENDED_STATES
from enforcement.models import Case
from enforcement.models import CaseDecision
from enforcement.models import CaseEvent
from enforcement.models import CaseObligation
from enforcement.models import CaseParty
from enforcement.models import CaseTask
from enforcement.models import Deadline
from enforcement.models import LegalRule
from enforcement.models import OutboundSubmission
from enforcement.models import ResultCertificate
from enforcement.permissions import CASE_HEAD_ROLES
from enforcement.permissions import CASE_WORK_ROLES
from thads.audit.services import audit_log
from thads.calendar.workdays import add_months
from thads.calendar.workdays import add_years
from thads.calendar.workdays import day_info
from thads.calendar.workdays import explain_calendar_days
from thads.calendar.workdays import explain_working_days
from thads.calendar.workdays import working_days_between
from thads.numbering.services import number_next
from thads.org.models import Office
from thads.org.models import User
from thads.org.selectors import office_scope_for_user
from thads.permissions import Role

if TYPE_CHECKING:
    from decisions.types import SignedDecision

__all__ = [
    "CASE_NUMBER_SERIES",
    "DECISION_KIND_ACTIONS",
    "LAW_SWITCH_DATE",
    "STATE_REQUIRED_DEADLINES",
    "TRANSITIONS",
    "AllowedAction",
    "ReminderRun",
    "Transition",
    "case_allowed_actions",
    "case_assign",
    "case_certificate_document",
    "case_certificate_request",
    "case_certificate_sign",
    "case_certificate_store_draft",
    "case_decision_draft",
    "case_decision_record",
    "case_inbound_document_record",
    "case_open_from_decision",
    "case_task_create",
    "case_task_done",
    "case_transition",
    "deadline_compute",
    "deadline_mark_met",
    "deadline_reminders_run",
    "deadline_start",
    "legal_regime_on",
    "monthly_ended_list_queue",
    "outbound_submission_call_finished",
    "outbound_submission_record_attempt",
    "procuracy_submission_queue",
]

logger = logging.getLogger(__name__)

S = Case.State
#: L2025 and ND152 in force (domain.md §0).
LAW_SWITCH_DATE = dt.date(2026, 7, 1)
#: ``thads.numbering`` series of case numbers (one sequence per office and year).
CASE_NUMBER_SERIES = "HSTHA"

_WORK = "work"
_HEAD = "head"

# --- The transition table ----------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineStart:
    """A deadline an action starts: rule code, which day triggers it, the start event's words.

    ``trigger``: ``"at"`` (the action's day), ``"valid_notice"`` (payload ``valid_notice_at``),
    ``"until"`` (payload ``until``, skipped when absent) or ``"after:<CODE>"`` (the due day of
    the deadline ``CODE`` just started). ``fallback``: a code used when ``code`` has no version
    in force on the trigger day.
    """

    code: str
    trigger: str
    event: Any
    fallback: str = ""
    only_kind: str = ""


@dataclass(frozen=True)
class Transition:
    action: str
    label: Any
    sources: frozenset[str]
    #: None: the state does not change; ``"resume"``: back to the paused-from state.
    target: str | None
    roles: str
    starts: tuple[DeadlineStart, ...] = ()
    meets: frozenset[str] = frozenset()
    cancels: frozenset[str] = frozenset()
    needs_decision_kind: str = ""
    pauses: bool = False
    resumes: bool = False
    basis: str = ""


_RUNNING = frozenset(
    {
        S.DECISION_ISSUED,
        S.NOTIFIED,
        S.VOLUNTARY_PERIOD,
        S.VERIFICATION,
        S.HAS_CONDITIONS,
        S.NO_CONDITIONS,
        S.COERCION,
        S.PARTIALLY_EXECUTED,
        S.SEPARATE_TRACKING,
    }
)
_PAUSED = frozenset({S.POSTPONED, S.SUSPENDED})
_ENDED_NOT_CLOSED = frozenset({S.COMPLETED, S.TERMINATED, S.REQUEST_RETURNED, S.ENTRUSTED_OUT})
_T13 = frozenset({"T13_SEPARATE_TRACKING", "T13_RETURN_REQUEST"})


def _t(*args: Any, **kwargs: Any) -> Transition:
    return Transition(*args, **kwargs)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(
            "issue_decision",
            gettext_lazy("Ra quyết định thi hành án"),
            frozenset({S.RECEIVED}),
            S.DECISION_ISSUED,
            _HEAD,
            starts=(
                DeadlineStart("T7_SEND_PROCURACY", "at", gettext_lazy("Ngày ra quyết định")),
                DeadlineStart("T8_SERVE_DECISION", "at", gettext_lazy("Ngày ra quyết định")),
            ),
            meets=frozenset(
                {"T4_ISSUE_ON_REQUEST", "T5_ISSUE_PROACTIVE", "T17A_RECEIVER_DECISION"}
            ),
            needs_decision_kind="case_kind",
            basis="L2008 Art 36; L2025 Art 33",
        ),
        _t(
            "assign",
            gettext_lazy("Phân công chấp hành viên"),
            frozenset({S.RECEIVED}) | _RUNNING | _PAUSED,
            None,
            _HEAD,
            basis="L2008 Art 23; ND152 Arts 12(2), 13",
        ),
        _t(
            "open_file",
            gettext_lazy("Lập hồ sơ thi hành án"),
            frozenset({S.RECEIVED}) | _RUNNING,
            None,
            _WORK,
            meets=frozenset({"T6_OPEN_FILE"}),
            basis="ND152 Art 12(2)",
        ),
        _t(
            "serve_notice",
            gettext_lazy("Ghi nhận thông báo hợp lệ quyết định thi hành án"),
            frozenset({S.DECISION_ISSUED}),
            S.VOLUNTARY_PERIOD,
            _WORK,
            starts=(
                DeadlineStart(
                    "T9_VOLUNTARY_PERIOD",
                    "valid_notice",
                    gettext_lazy("Ngày được thông báo hợp lệ quyết định thi hành án"),
                ),
                DeadlineStart(
                    "T10_START_VERIFICATION",
                    "after:T9_VOLUNTARY_PERIOD",
                    gettext_lazy("Ngày hết thời hạn tự nguyện thi hành án"),
                ),
            ),
            meets=frozenset({"T8_SERVE_DECISION"}),
            basis="L2008 Arts 39, 45(1); ND152 Arts 15-20",
        ),
        _t(
            "start_verification",
            gettext_lazy("Bắt đầu xác minh điều kiện thi hành án"),
            frozenset({S.VOLUNTARY_PERIOD, S.NOTIFIED, S.HAS_CONDITIONS, S.PARTIALLY_EXECUTED}),
            S.VERIFICATION,
            _WORK,
            meets=frozenset(
                {"T9_VOLUNTARY_PERIOD", "T10_START_VERIFICATION", "T10_VERIFY_INTERIM"}
            ),
            basis="L2008 Art 44(1), Art 45(2)",
        ),
        _t(
            "classify_has_conditions",
            gettext_lazy("Xác định có điều kiện thi hành án"),
            frozenset({S.VERIFICATION}),
            S.HAS_CONDITIONS,
            _HEAD,
            meets=frozenset({"T10C_VERIFY_NEW_INFO"}),
            basis="L2008 Art 44",
        ),
        _t(
            "classify_no_conditions",
            gettext_lazy("Quyết định về việc chưa có điều kiện thi hành án"),
            frozenset({S.VERIFICATION}),
            S.NO_CONDITIONS,
            _HEAD,
            starts=(
                DeadlineStart(
                    "T11A_PUBLISH_NO_CONDITIONS",
                    "at",
                    gettext_lazy("Ngày ra quyết định về việc chưa có điều kiện thi hành án"),
                ),
                DeadlineStart(
                    "T12_REVERIFY",
                    "at",
                    gettext_lazy("Ngày ra quyết định về việc chưa có điều kiện thi hành án"),
                ),
                DeadlineStart(
                    "T13_SEPARATE_TRACKING",
                    "at",
                    gettext_lazy("Ngày ra quyết định về việc chưa có điều kiện thi hành án"),
                    only_kind=Case.Kind.PROACTIVE,
                ),
                DeadlineStart(
                    "T13_RETURN_REQUEST",
                    "at",
                    gettext_lazy("Ngày ra quyết định về việc chưa có điều kiện thi hành án"),
                    fallback="T13_SEPARATE_TRACKING",
                    only_kind=Case.Kind.ON_REQUEST,
                ),
            ),
            meets=frozenset({"T10C_VERIFY_NEW_INFO"}),
            needs_decision_kind="no_conditions",
            basis="L2008 Art 44a; ND62 Arts 9, 11; ND152 Arts 22-23",
        ),
        _t(
            "record_reverification",
            gettext_lazy("Ghi nhận xác minh lại định kỳ (chưa có thông tin mới)"),
            frozenset({S.NO_CONDITIONS}),
            None,
            _WORK,
            starts=(
                DeadlineStart("T12_REVERIFY", "at", gettext_lazy("Ngày xác minh lại gần nhất")),
            ),
            meets=frozenset({"T12_REVERIFY"}),
            basis="L2008 Art 44(2); L2025 Art 38(3)",
        ),
        _t(
            "reopen_from_no_conditions",
            gettext_lazy("Xác minh thông tin mới về điều kiện thi hành án"),
            frozenset({S.NO_CONDITIONS, S.SEPARATE_TRACKING}),
            S.VERIFICATION,
            _WORK,
            starts=(
                DeadlineStart(
                    "T10C_VERIFY_NEW_INFO", "at", gettext_lazy("Ngày nhận được thông tin mới")
                ),
            ),
            meets=frozenset({"T12_REVERIFY"}),
            cancels=frozenset({"T11A_PUBLISH_NO_CONDITIONS"}) | _T13,
            basis="ND62 Art 9(4)",
        ),
        _t(
            "separate_tracking",
            gettext_lazy("Chuyển sang sổ theo dõi riêng"),
            frozenset({S.NO_CONDITIONS}),
            S.SEPARATE_TRACKING,
            _HEAD,
            meets=frozenset({"T13_SEPARATE_TRACKING"}),
            cancels=frozenset({"T12_REVERIFY", "T11A_PUBLISH_NO_CONDITIONS"}),
            basis="ND62 Art 9(5); ND152 Art 22",
        ),
        _t(
            "return_request",
            gettext_lazy("Gửi lại yêu cầu thi hành án cho người yêu cầu"),
            frozenset({S.NO_CONDITIONS}),
            S.REQUEST_RETURNED,
            _HEAD,
            meets=frozenset({"T13_RETURN_REQUEST"}),
            basis="ND152 Art 22; L2025 Arts 34(2), 38(4)",
        ),
        _t(
            "start_coercion",
            gettext_lazy("Tổ chức cưỡng chế thi hành án"),
            frozenset({S.HAS_CONDITIONS, S.PARTIALLY_EXECUTED}),
            S.COERCION,
            _WORK,
            needs_decision_kind="coercion",
            basis="L2008 Arts 46, 71",
        ),
        _t(
            "record_partial",
            gettext_lazy("Ghi nhận thi hành được một phần"),
            frozenset({S.HAS_CONDITIONS, S.COERCION, S.PARTIALLY_EXECUTED}),
            S.PARTIALLY_EXECUTED,
            _WORK,
            basis="L2008 Art 47",
        ),
        _t(
            "complete",
            gettext_lazy("Xác nhận đã thi hành xong"),
            frozenset(
                {
                    S.VOLUNTARY_PERIOD,
                    S.NOTIFIED,
                    S.VERIFICATION,
                    S.HAS_CONDITIONS,
                    S.COERCION,
                    S.PARTIALLY_EXECUTED,
                }
            ),
            S.COMPLETED,
            _WORK,
            basis="L2008 Art 52",
        ),
        _t(
            "postpone",
            gettext_lazy("Hoãn thi hành án"),
            _RUNNING,
            S.POSTPONED,
            _HEAD,
            starts=(
                DeadlineStart(
                    "T14A_RESUME_POSTPONED", "until", gettext_lazy("Ngày hết thời hạn hoãn")
                ),
            ),
            needs_decision_kind="postponement",
            pauses=True,
            basis="L2008 Art 48",
        ),
        _t(
            "suspend",
            gettext_lazy("Tạm đình chỉ thi hành án"),
            _RUNNING,
            S.SUSPENDED,
            _HEAD,
            starts=(
                DeadlineStart(
                    "T15A_RESUME_SUSPENDED",
                    "until",
                    gettext_lazy("Ngày căn cứ tạm đình chỉ không còn"),
                ),
            ),
            needs_decision_kind="suspension",
            pauses=True,
            basis="L2008 Art 49",
        ),
        _t(
            "resume",
            gettext_lazy("Tiếp tục thi hành án"),
            _PAUSED,
            "resume",
            _HEAD,
            meets=frozenset({"T14A_RESUME_POSTPONED", "T15A_RESUME_SUSPENDED"}),
            needs_decision_kind="resumption",
            resumes=True,
            basis="L2008 Arts 48(4), 49(3)",
        ),
        _t(
            "terminate",
            gettext_lazy("Đình chỉ thi hành án"),
            frozenset({S.RECEIVED}) | _RUNNING | _PAUSED,
            S.TERMINATED,
            _HEAD,
            needs_decision_kind="termination",
            basis="L2008 Art 50; L2025 Art 48",
        ),
        _t(
            "entrust",
            gettext_lazy("Ủy thác thi hành án"),
            frozenset({S.RECEIVED}) | _RUNNING,
            S.ENTRUSTED_OUT,
            _HEAD,
            needs_decision_kind="entrustment",
            basis="L2008 Art 57; L2025 Art 49",
        ),
        _t(
            "close",
            gettext_lazy("Kết thúc hồ sơ"),
            _ENDED_NOT_CLOSED,
            S.CLOSED,
            _HEAD,
            basis="L2008 Art 52; ND152 Art 32(1)",
        ),
    )
}

#: Deadlines every case in a state must have running (the hypothesis test checks it): each
#: inner set is "one of these". States not listed need none.
STATE_REQUIRED_DEADLINES: dict[str, tuple[frozenset[str], ...]] = {
    S.RECEIVED: (
        frozenset({"T4_ISSUE_ON_REQUEST", "T5_ISSUE_PROACTIVE", "T17A_RECEIVER_DECISION"}),
    ),
    S.VOLUNTARY_PERIOD: (
        frozenset({"T9_VOLUNTARY_PERIOD"}),
        frozenset({"T10_START_VERIFICATION"}),
    ),
    S.NOTIFIED: (frozenset({"T10_VERIFY_INTERIM"}),),
    S.NO_CONDITIONS: (frozenset({"T12_REVERIFY"}), _T13),
}

#: Decision kinds (decisions' template registry) that act on an existing case, and the
#: action each one applies when it is signed.
DECISION_KIND_ACTIONS: dict[str, str] = {
    "proactive": "issue_decision",
    "on_request": "issue_decision",
    "no_conditions": "classify_no_conditions",
    "coercion": "start_coercion",
    "postponement": "postpone",
    "suspension": "suspend",
    "resumption": "resume",
    "termination": "terminate",
    "entrustment": "entrust",
}


@dataclass(frozen=True)
class AllowedAction:
    """An action the actor may take on the case now (for the case page's buttons).

    ``blocked_reason`` is set when the state and role allow it but its precondition does not
    hold today (the button shows disabled with the reason).
    """

    action: str
    label: str
    needs_decision_kind: str
    blocked_reason: str = ""


# --- Helpers ------------------------------------------------------------------------------------


def legal_regime_on(day: dt.date) -> str:
    """The law that governs a step taken on ``day`` (domain.md §0)."""
    return Case.LegalRegime.L2025 if day >= LAW_SWITCH_DATE else Case.LegalRegime.L2008


def _fmt(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localdate(value) if timezone.is_aware(value) else value.date()


def _as_datetime(value: Any, *, field: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time(8, 0)))
    if isinstance(value, str) and value:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
    raise CaseTransitionError(
        _("Thiếu hoặc sai thời điểm “{field}”.").format(field=field), code="payload"
    )


def _as_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return _local_date(value)
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise CaseTransitionError(_("Ngày không hợp lệ."), code="payload") from exc


def _case_snapshot(case: Case) -> dict[str, Any]:
    return {
        "state": case.state,
        "version": case.version,
        "assigned_officer": case.assigned_officer_id,
        "paused_from_state": case.paused_from_state,
        "entrusted_to_office": case.entrusted_to_office_id,
        "collected_vnd": case.collected_vnd,
        "end_reason": case.end_reason,
    }


def _is_system(actor: Any) -> bool:
    return actor is None or not getattr(actor, "is_authenticated", False)


def _role_problem(
    actor: Any, case: Case, t: Transition, scope_cache: dict[int, bool] | None = None
) -> str | None:
    """Why ``actor`` may not take ``t`` on ``case`` (None: allowed). System actor: allowed.

    ``scope_cache`` keeps the answer of the office-scope query across the actions of one page.
    """
    if _is_system(actor):
        return None
    label = str(t.label)
    role = getattr(actor, "role", "")
    if t.roles == _HEAD:
        if role not in CASE_HEAD_ROLES:
            return _("Vai trò của bạn không được thực hiện “{action}”.").format(action=label)
        if role == Role.OFFICE_HEAD and actor.office_id == case.office_id:
            return None
        cache = scope_cache if scope_cache is not None else {}
        if case.office_id not in cache:
            cache[case.office_id] = (
                office_scope_for_user(actor=actor).filter(pk=case.office_id).exists()
            )
        if not cache[case.office_id]:
            return _("Hồ sơ không thuộc phạm vi quản lý của bạn.")
        return None
    if role not in CASE_WORK_ROLES:
        return _("Vai trò của bạn không được thực hiện “{action}”.").format(action=label)
    if actor.office_id != case.office_id:
        return _("Hồ sơ không thuộc phạm vi quản lý của bạn.")
    if role == Role.ENFORCEMENT_OFFICER and case.assigned_officer_id != actor.pk:
        return _("Chỉ chấp hành viên được phân công mới được thực hiện “{action}”.").format(
            action=label
        )
    return None


def _state_problem(case: Case, t: Transition) -> str | None:
    if case.state in t.sources:
        return None
    return _("Không thể “{action}” khi hồ sơ đang ở trạng thái “{state}”.").format(
        action=str(t.label), state=case.get_state_display()
    )


def _active(case: Case, code: str) -> Deadline | None:
    return (
        Deadline.objects.filter(case=case, rule_code=code, status__in=ACTIVE_DEADLINE_STATUSES)
        .order_by("-pk")
        .first()
    )


def _pre_serve_notice(case: Case, payload: dict[str, Any] | None, at: dt.datetime) -> str | None:
    if payload is None:
        return None
    _as_datetime(payload.get("valid_notice_at"), field="valid_notice_at")
    return None


def _pre_start_verification(
    case: Case, payload: dict[str, Any] | None, at: dt.datetime
) -> str | None:
    if case.state != S.VOLUNTARY_PERIOD or (payload or {}).get("urgent"):
        return None
    voluntary = _active(case, "T9_VOLUNTARY_PERIOD")
    if voluntary is not None and _local_date(at) <= voluntary.due_on:
        return _(
            "Thời hạn tự nguyện thi hành án chưa hết (đến hết ngày {due}). Chỉ xác minh hoặc "
            "áp dụng biện pháp bảo đảm ngay khi cần ngăn chặn tẩu tán tài sản (Điều 45 khoản 2 "
            "Luật THADS 2008)."
        ).format(due=_fmt(voluntary.due_on))
    return None


def _pre_t13(code: str) -> Callable[[Case, dict[str, Any] | None, dt.datetime], str | None]:
    def check(case: Case, payload: dict[str, Any] | None, at: dt.datetime) -> str | None:
        deadline = _active(case, code)
        if deadline is None:
            if code == "T13_RETURN_REQUEST":
                return _(
                    "Chỉ gửi lại yêu cầu đối với việc thi hành án theo yêu cầu, chưa có điều kiện "
                    "thi hành từ ngày 01/07/2026 (Điều 22 Nghị định 152/2026/NĐ-CP)."
                )
            return _(
                "Việc này không thuộc trường hợp chuyển sổ theo dõi riêng "
                "(Điều 22 Nghị định 152/2026/NĐ-CP)."
            )
        if _local_date(at) < deadline.due_on:
            return _("Chưa đủ thời gian theo quy định: sớm nhất từ ngày {due}.").format(
                due=_fmt(deadline.due_on)
            )
        return None

    return check


def _pre_active(code: str, message: Any) -> Callable[..., str | None]:
    def check(case: Case, payload: dict[str, Any] | None, at: dt.datetime) -> str | None:
        return None if _active(case, code) is not None else str(message)

    return check


def _pre_resume(case: Case, payload: dict[str, Any] | None, at: dt.datetime) -> str | None:
    return None if case.paused_from_state else _("Không xác định được trạng thái để tiếp tục.")


def _pre_assign(case: Case, payload: dict[str, Any] | None, at: dt.datetime) -> str | None:
    if payload is None:
        return None
    _officer_from(case, payload)
    return None


def _pre_entrust(case: Case, payload: dict[str, Any] | None, at: dt.datetime) -> str | None:
    if payload is None:
        return None
    _entrust_office_from(case, payload)
    return None


def _pre_partial(case: Case, payload: dict[str, Any] | None, at: dt.datetime) -> str | None:
    if payload is None:
        return None
    amount = payload.get("amount_vnd", 0)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        return _("Số tiền phải là số nguyên đồng, không âm.")
    return None


_PRECONDITIONS: dict[str, Callable[[Case, dict[str, Any] | None, dt.datetime], str | None]] = {
    "assign": _pre_assign,
    "serve_notice": _pre_serve_notice,
    "start_verification": _pre_start_verification,
    "separate_tracking": _pre_t13("T13_SEPARATE_TRACKING"),
    "return_request": _pre_t13("T13_RETURN_REQUEST"),
    "open_file": _pre_active(
        "T6_OPEN_FILE", gettext_lazy("Không có thời hạn lập hồ sơ đang chạy.")
    ),
    "record_reverification": _pre_active(
        "T12_REVERIFY", gettext_lazy("Không có lịch xác minh lại đang chạy.")
    ),
    "resume": _pre_resume,
    "entrust": _pre_entrust,
    "record_partial": _pre_partial,
}


def _officer_from(case: Case, payload: dict[str, Any]) -> User:
    officer = payload.get("officer")
    if officer is None and payload.get("officer_id"):
        officer = User.objects.filter(pk=payload["officer_id"]).first()
    if (
        officer is None
        or not officer.is_active
        or officer.office_id != case.office_id
        or officer.role != Role.ENFORCEMENT_OFFICER
    ):
        raise CaseTransitionError(
            _("Chỉ phân công được chấp hành viên đang làm việc tại đơn vị của hồ sơ."),
            code="payload",
        )
    return officer


def _entrust_office_from(case: Case, payload: dict[str, Any]) -> Office:
    office = payload.get("office")
    if office is None and payload.get("office_id"):
        office = Office.objects.filter(pk=payload["office_id"]).first()
    if (
        office is None
        or office.pk == case.office_id
        or not office.is_active
        or office.level not in (Office.Level.REGIONAL, Office.Level.PROVINCIAL)
    ):
        raise CaseTransitionError(
            _("Hãy chọn cơ quan thi hành án khác nhận ủy thác."), code="payload"
        )
    return office


# --- Deadlines -----------------------------------------------------------------------------------


def _skipped(days: Any) -> list[dict[str, str]]:
    return [{"date": d.date.isoformat(), "name": d.name, "reason": str(d.reason)} for d in days]


def deadline_compute(
    *, rule: LegalRule, trigger_on: dt.date, event: str, at: dt.datetime | None = None
) -> tuple[dt.date, dt.datetime | None, dict[str, Any]]:
    """The due day (and moment, for "immediately") of ``rule`` triggered on ``trigger_on``,
    with the explanation the case page shows: legal basis and law version, start event, rule
    applied, days skipped (weekends, holidays, Tết) and whether the rule is unconfirmed.

    Counting: Civil Code 2015 Arts 147–148 through ``thads.calendar`` (working days: the
    period starts the day after the trigger; days/months/years: a non-working last day moves
    to the next working day).
    """
    unit, n = rule.unit, rule.length
    due_at: dt.datetime | None = None
    if unit == LegalRule.Unit.WORKING_DAYS:
        span = explain_working_days(trigger_on, n)
        due_on, nominal, text, skipped = span.end, span.end, span.rule, _skipped(span.skipped)
    elif unit == LegalRule.Unit.DAYS:
        cspan = explain_calendar_days(trigger_on, n)
        due_on, nominal, text, skipped = (
            cspan.end,
            cspan.nominal_end,
            cspan.rule,
            _skipped(cspan.skipped),
        )
    elif unit in (LegalRule.Unit.MONTHS, LegalRule.Unit.YEARS):
        add = add_months if unit == LegalRule.Unit.MONTHS else add_years
        nominal = add(trigger_on, n, roll_forward=False)
        due_on = add(trigger_on, n)
        days = [day_info(nominal + dt.timedelta(days=i)) for i in range((due_on - nominal).days)]
        skipped = _skipped(days)
        text = _(
            "Tính {n} {unit} kể từ ngày {start}; ngày cuối cùng là ngày tương ứng {last}."
        ).format(n=n, unit=rule.get_unit_display(), start=_fmt(trigger_on), last=_fmt(nominal))
        if due_on != nominal:
            text += " " + _(
                "Ngày đó là ngày nghỉ nên thời hạn kết thúc vào ngày làm việc tiếp theo, {end}."
            ).format(end=_fmt(due_on))
    else:
        due_on = nominal = trigger_on
        due_at = at
        skipped = []
        text = _("Thực hiện ngay từ ngày {start}.").format(start=_fmt(trigger_on))
    explanation = {
        "rule_code": rule.code,
        "legal_basis": rule.article,
        "law_version": rule.law_version,
        "confidence": rule.confidence,
        "unconfirmed": rule.confidence != LegalRule.Confidence.VERIFIED,
        "note": rule.note,
        "start_event": str(event),
        "trigger_on": trigger_on.isoformat(),
        "unit": unit,
        "length": n,
        "period": rule.period_label,
        "rule": text,
        "calendar_basis": _("Điều 147, 148 Bộ luật Dân sự 2015"),
        "nominal_end": nominal.isoformat(),
        "due_on": due_on.isoformat(),
        "skipped": skipped,
    }
    return due_on, due_at, explanation


def deadline_start(
    *,
    case: Case,
    code: str,
    trigger_on: dt.date,
    event: str,
    at: dt.datetime | None = None,
    fallback: str = "",
    required: bool = False,
) -> Deadline | None:
    """Start the deadline of rule ``code`` (version in force on ``trigger_on``) on ``case``.

    Returns None when no version of the rule (nor of ``fallback``) governs that day (a rule
    new in ND152 for a step taken before 01/07/2026); with ``required`` that raises
    ``LegalRuleMissingError``. A running deadline of the same rule is replaced (cancelled,
    kept in the history). Runs in the caller's transaction.
    """
    rule = LegalRule.objects.find(code, trigger_on)
    if rule is None and fallback:
        rule = LegalRule.objects.find(fallback, trigger_on)
    if rule is None:
        if required:
            raise LegalRuleMissingError(
                _("Chưa có quy định “{code}” áp dụng cho ngày {day}.").format(
                    code=code, day=_fmt(trigger_on)
                )
            )
        return None
    now = at or timezone.now()
    Deadline.objects.filter(
        case=case, rule_code=rule.code, status__in=ACTIVE_DEADLINE_STATUSES
    ).update(status=Deadline.Status.CANCELLED, closed_at=now)
    due_on, due_at, explanation = deadline_compute(
        rule=rule, trigger_on=trigger_on, event=event, at=now
    )
    # OPEN even when already past: the daily sweep marks OVERDUE (and reminds) once.
    status = Deadline.Status.OPEN
    return Deadline.objects.create(
        case=case,
        rule=rule,
        rule_code=rule.code,
        title=rule.title,
        trigger_event=str(event),
        trigger_on=trigger_on,
        due_on=due_on,
        due_at=due_at,
        status=status,
        explanation=explanation,
        created_at=now,
    )


def _close_deadlines(
    case: Case, codes: frozenset[str] | None, status: str, at: dt.datetime
) -> list[str]:
    qs = Deadline.objects.filter(case=case, status__in=ACTIVE_DEADLINE_STATUSES)
    if codes is not None:
        qs = qs.filter(rule_code__in=codes)
    closed = sorted(qs.values_list("rule_code", flat=True))
    qs.update(status=status, closed_at=at)
    return closed


def _pause_deadlines(
    case: Case, at: dt.datetime, reason: str, only: dict[str, Deadline] | None = None
) -> int:
    day = _local_date(at)
    count = 0
    rows = Deadline.objects.filter(case=case, status__in=("open", "overdue"))
    if only is not None:
        rows = rows.filter(pk__in=[d.pk for d in only.values()])
    for d in rows.select_related("rule"):
        if d.rule.unit == LegalRule.Unit.WORKING_DAYS:
            remaining = working_days_between(day, d.due_on)
        else:
            remaining = (d.due_on - day).days
        d.history = [
            *d.history,
            {
                "kind": "paused",
                "at": at.isoformat(),
                "reason": reason,
                "due_on": d.due_on.isoformat(),
                "remaining": remaining,
            },
        ]
        d.status = Deadline.Status.PAUSED
        d.paused_on = day
        d.remaining = remaining
        d.save(update_fields=["history", "status", "paused_on", "remaining"])
        count += 1
    return count


def _resume_deadlines(case: Case, at: dt.datetime, reason: str) -> int:
    day = _local_date(at)
    count = 0
    for d in Deadline.objects.filter(case=case, status=Deadline.Status.PAUSED).select_related(
        "rule"
    ):
        left = max(d.remaining or 0, 0)
        if d.rule.unit == LegalRule.Unit.WORKING_DAYS:
            wspan = explain_working_days(day, left)
            new_due, text, skipped = wspan.end, wspan.rule, _skipped(wspan.skipped)
        else:
            cspan = explain_calendar_days(day, left)
            new_due, text, skipped = cspan.end, cspan.rule, _skipped(cspan.skipped)
        unit_label = _("ngày làm việc") if d.rule.unit == LegalRule.Unit.WORKING_DAYS else _("ngày")
        recompute_text = _(
            "Tạm dừng từ ngày {paused} ({reason}), còn {left} {unit}; tính lại từ ngày tiếp tục "
            "{resumed}: hạn mới {due} (hạn cũ {old})."
        ).format(
            paused=_fmt(d.paused_on or day),
            reason=reason,
            left=left,
            unit=unit_label,
            resumed=_fmt(day),
            due=_fmt(new_due),
            old=_fmt(d.due_on),
        )
        d.history = [
            *d.history,
            {
                "kind": "resumed",
                "at": at.isoformat(),
                "reason": reason,
                "paused_on": (d.paused_on or day).isoformat(),
                "resumed_on": day.isoformat(),
                "remaining": left,
                "previous_due_on": d.due_on.isoformat(),
                "new_due_on": new_due.isoformat(),
                "text": recompute_text,
            },
        ]
        d.explanation = {
            **d.explanation,
            "rule": text,
            "skipped": skipped,
            "due_on": new_due.isoformat(),
            "recomputed": recompute_text,
        }
        d.due_on = max(new_due, d.trigger_on)
        d.status = Deadline.Status.OPEN
        d.recomputed = True
        d.paused_on = None
        d.remaining = None
        d.save(
            update_fields=[
                "history",
                "explanation",
                "due_on",
                "status",
                "recomputed",
                "paused_on",
                "remaining",
            ]
        )
        count += 1
    return count


def _trigger_day(
    start: DeadlineStart, payload: dict[str, Any], at: dt.datetime, started: dict[str, Deadline]
) -> dt.date | None:
    if start.trigger == "at":
        return _local_date(at)
    if start.trigger == "valid_notice":
        return _local_date(_as_datetime(payload.get("valid_notice_at"), field="valid_notice_at"))
    if start.trigger == "until":
        return _as_date(payload.get("until"))
    if start.trigger.startswith("after:"):
        previous = started.get(start.trigger.removeprefix("after:"))
        return previous.due_on if previous is not None else None
    raise ValueError(start.trigger)


# --- Transitions ---------------------------------------------------------------------------------


def _check(actor: Any, case: Case, t: Transition, payload: dict[str, Any] | None, at: Any) -> None:
    problem = _role_problem(actor, case, t) or _state_problem(case, t)
    if problem is None:
        pre = _PRECONDITIONS.get(t.action)
        problem = pre(case, payload, at) if pre is not None else None
    if problem:
        raise CaseTransitionError(problem)


#: Actions that only make sense while a given deadline runs (left out of the buttons otherwise).
_NEEDS_RUNNING_DEADLINE = {
    "open_file": "T6_OPEN_FILE",
    "record_reverification": "T12_REVERIFY",
    "separate_tracking": "T13_SEPARATE_TRACKING",
    "return_request": "T13_RETURN_REQUEST",
}


def case_allowed_actions(*, actor: Any, case: Case) -> list[AllowedAction]:
    """The actions ``actor`` may take on ``case`` in its current state, in table order.

    State and role are checked (an action refused for either is left out); a precondition
    that fails today (voluntary period still running, two years not yet passed) keeps the
    action with ``blocked_reason``.
    """
    now = timezone.now()
    out: list[AllowedAction] = []
    running = set(
        Deadline.objects.filter(case=case, status__in=ACTIVE_DEADLINE_STATUSES).values_list(
            "rule_code", flat=True
        )
    )
    scope_cache: dict[int, bool] = {}
    for t in TRANSITIONS.values():
        if _state_problem(case, t) is not None:
            continue
        if _role_problem(actor, case, t, scope_cache) is not None:
            continue
        needed = _NEEDS_RUNNING_DEADLINE.get(t.action)
        if needed is not None and needed not in running:
            continue
        pre = _PRECONDITIONS.get(t.action)
        reason = pre(case, None, now) if pre is not None else None
        kind = case.kind if t.needs_decision_kind == "case_kind" else t.needs_decision_kind
        out.append(AllowedAction(t.action, str(t.label), kind, reason or ""))
    return out


def case_transition(
    *,
    actor: Any,
    case: Case,
    action: str,
    version: int,
    payload: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Take ``action`` on ``case`` and return the updated case (see :data:`TRANSITIONS`).

    Legal basis per action in the table (domain.md §2.3, T5–T19). ``actor`` None is the
    system (the decision receiver, tasks). Locks the case; raises
    ``CaseVersionConflictError`` when ``version`` is stale, ``CaseTransitionError`` (with the
    Vietnamese reason) when the role, the office, the state or the precondition refuses it:
    then nothing changes. Writes a ``CaseEvent`` and the audit event
    ``enforcement.case_<action>`` in the same transaction; deadlines are started, met,
    paused, recomputed or cancelled as the table says, and an ending state closes them all.
    """
    t = TRANSITIONS.get(action)
    if t is None:
        raise CaseTransitionError(_("Thao tác không hợp lệ."), code="unknown_action")
    payload = dict(payload or {})
    at = at or timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.version != version:
            raise CaseVersionConflictError
        _check(actor, locked, t, payload, at)
        before = _case_snapshot(locked)
        state_before = locked.state
        detail: dict[str, Any] = {"action": action}
        if t.target is None:
            target = locked.state
        elif t.target == "resume":
            target = locked.paused_from_state
        else:
            target = t.target
        if action == "serve_notice" and payload.get("no_voluntary_period"):
            target = S.NOTIFIED
        # Effects of the action on the case itself.
        _EFFECTS.get(action, _no_effect)(locked, payload, at, detail, actor)
        if t.pauses:
            locked.paused_from_state = state_before
            detail["paused"] = _pause_deadlines(locked, at, str(t.label).lower())
        if t.resumes:
            locked.paused_from_state = ""
        # Deadlines: met, cancelled, then started (a restarted rule replaces its old row).
        met = _close_deadlines(locked, t.meets, Deadline.Status.MET, at) if t.meets else []
        cancelled = (
            _close_deadlines(locked, t.cancels, Deadline.Status.CANCELLED, at) if t.cancels else []
        )
        if t.resumes:
            detail["recomputed"] = _resume_deadlines(locked, at, str(t.label).lower())
        started: dict[str, Deadline] = {}
        if target in ENDED_STATES:
            cancelled += _close_deadlines(locked, None, Deadline.Status.CANCELLED, at)
        else:
            starts = t.starts
            if action == "serve_notice" and target == S.NOTIFIED:
                starts = (
                    DeadlineStart(
                        "T10_VERIFY_INTERIM",
                        "valid_notice",
                        gettext_lazy("Ngày được thông báo hợp lệ quyết định thi hành án"),
                    ),
                )
            for start in starts:
                if start.only_kind and start.only_kind != locked.kind:
                    continue
                day = _trigger_day(start, payload, at, started)
                if day is None:
                    continue
                deadline = deadline_start(
                    case=locked,
                    code=start.code,
                    trigger_on=day,
                    event=str(start.event),
                    at=at,
                    fallback=start.fallback,
                )
                if deadline is not None:
                    started[start.code] = deadline
            if action == "assign" and not locked.deadlines.filter(rule_code="T6_OPEN_FILE"):
                deadline = deadline_start(
                    case=locked,
                    code="T6_OPEN_FILE",
                    trigger_on=_local_date(at),
                    event=_("Ngày phân công chấp hành viên"),
                    at=at,
                )
                if deadline is not None:
                    started["T6_OPEN_FILE"] = deadline
        if target in _PAUSED and not t.pauses and started:
            # A deadline started while the case is paused (first assignment) waits too.
            _pause_deadlines(locked, at, str(Case.State(target).label).lower(), only=started)
        detail.update(
            met=met,
            cancelled=sorted(set(cancelled)),
            started=sorted(started),
        )
        if target not in _PAUSED:
            locked.paused_from_state = ""
        locked.state = target
        locked.version += 1
        if target != state_before:
            locked.state_changed_at = at
        if target == S.CLOSED:
            locked.closed_at = at
        if target in ENDED_STATES and not locked.end_reason:
            locked.end_reason = str(payload.get("reason") or locked.get_state_display())[:300]
        locked.save()
        decision_id = payload.get("decision_id")
        if decision_id:
            _record_decision(locked, payload, applied=True, at=at)
        title = str(t.label)
        if target != state_before:
            title = _("{action}: {before} → {after}").format(
                action=title,
                before=Case.State(state_before).label,
                after=Case.State(target).label,
            )
        if payload.get("note"):
            detail["note"] = str(payload["note"])[:1000]
        if payload.get("decision_number"):
            # The decision the action rests on (signed in the decisions app, or on paper).
            detail["decision_number"] = str(payload["decision_number"])[:60]
            signed_on = _as_date(payload.get("decision_date") or payload.get("signed_at"))
            if signed_on is not None:
                detail["decision_date"] = signed_on.isoformat()
            if payload.get("decision_on_paper"):
                detail["decision_on_paper"] = True
        CaseEvent.objects.create(
            case=locked,
            at=at,
            actor=None if _is_system(actor) else actor,
            kind=f"transition.{action}",
            title=title[:300],
            detail=detail,
            state_before=state_before,
            state_after=target,
        )
        audit_log(
            actor=actor,
            action=f"enforcement.case_{action}",
            target=locked,
            before=before,
            after=_case_snapshot(locked),
            summary=title,
        )
        _AFTER.get(action, _no_after)(locked, payload, at, actor)
    return locked


def _no_effect(*args: Any) -> None:
    return None


def _no_after(*args: Any) -> None:
    return None


def _effect_assign(
    case: Case, payload: dict[str, Any], at: dt.datetime, detail: dict[str, Any], actor: Any
) -> None:
    officer = _officer_from(case, payload)
    detail["officer_before"] = case.assigned_officer_id
    detail["officer_after"] = officer.pk
    detail["officer_name"] = str(officer)
    case.assigned_officer = officer


def _effect_partial(
    case: Case, payload: dict[str, Any], at: dt.datetime, detail: dict[str, Any], actor: Any
) -> None:
    amount = int(payload.get("amount_vnd") or 0)
    case.collected_vnd += amount
    detail["amount_vnd"] = amount


def _effect_complete(
    case: Case, payload: dict[str, Any], at: dt.datetime, detail: dict[str, Any], actor: Any
) -> None:
    case.end_reason = str(payload.get("reason") or _("Đã thi hành xong"))[:300]


def _effect_serve(
    case: Case, payload: dict[str, Any], at: dt.datetime, detail: dict[str, Any], actor: Any
) -> None:
    notice = _as_datetime(payload.get("valid_notice_at"), field="valid_notice_at")
    detail["valid_notice_at"] = notice.isoformat()
    if payload.get("served_document_id"):
        detail["served_document_id"] = int(payload["served_document_id"])


def _effect_entrust(
    case: Case, payload: dict[str, Any], at: dt.datetime, detail: dict[str, Any], actor: Any
) -> None:
    office = _entrust_office_from(case, payload)
    case.entrusted_to_office = office
    detail["entrusted_to_office"] = office.code


def _effect_pause(
    case: Case, payload: dict[str, Any], at: dt.datetime, detail: dict[str, Any], actor: Any
) -> None:
    if payload.get("ground"):
        detail["ground"] = str(payload["ground"])[:300]
    until = _as_date(payload.get("until"))
    if until is not None:
        if until < _local_date(at):
            raise CaseTransitionError(_("Ngày hết hạn hoãn phải sau ngày hoãn."), code="payload")
        detail["until"] = until.isoformat()


_EFFECTS: dict[str, Callable[..., None]] = {
    "assign": _effect_assign,
    "record_partial": _effect_partial,
    "complete": _effect_complete,
    "serve_notice": _effect_serve,
    "entrust": _effect_entrust,
    "postpone": _effect_pause,
    "suspend": _effect_pause,
}


def _after_entrust(case: Case, payload: dict[str, Any], at: dt.datetime, actor: Any) -> None:
    """The receiving office gets a new case, linked, in RECEIVED with its T17a deadline.

    The sender's history stays on the sender's case; ``case_get_for_user`` lets the receiving
    office read it through ``entrusted_to_office`` (a selector rule, not a guardian grant:
    one indexed condition, and it follows the case if the entrustment is later revoked).
    """
    office = case.entrusted_to_office
    if office is None:  # set by _effect_entrust in the same transaction
        raise CaseTransitionError(_("Hãy chọn cơ quan thi hành án khác nhận ủy thác."))
    year = _local_date(at).year
    number = number_next(office=office, series=CASE_NUMBER_SERIES, year=year)
    received = Case.objects.create(
        office=office,
        year=year,
        number=f"{number}/{year}",
        kind=case.kind,
        state=S.RECEIVED,
        judgment_id=case.judgment_id,
        judgment_number=case.judgment_number,
        court=case.court,
        opened_at=at,
        state_changed_at=at,
        entrusted_from=case,
        debtor_name=case.debtor_name,
        debtor_id_number=case.debtor_id_number,
        debtor_address=case.debtor_address,
        creditor_name=case.creditor_name,
        total_due_vnd=max(case.total_due_vnd - case.collected_vnd, 0),
        legal_regime=legal_regime_on(_local_date(at)),
    )
    CaseParty.objects.bulk_create(
        [
            CaseParty(
                case=received,
                position=p.position,
                role=p.role,
                name=p.name,
                id_number=p.id_number,
                address=p.address,
                phone=p.phone,
                vneid=p.vneid,
            )
            for p in case.parties.all()
        ]
    )
    CaseObligation.objects.bulk_create(
        [
            CaseObligation(
                case=received,
                position=o.position,
                kind=o.kind,
                amount_vnd=o.amount_vnd,
                description=o.description,
                creditor_name=o.creditor_name,
                periodic=o.periodic,
            )
            for o in case.obligations.all()
        ]
    )
    deadline_start(
        case=received,
        code="T17A_RECEIVER_DECISION",
        trigger_on=_local_date(at),
        event=_("Ngày nhận quyết định ủy thác"),
        at=at,
        required=True,
    )
    CaseEvent.objects.create(
        case=received,
        at=at,
        kind="entrusted_in",
        title=_("Nhận ủy thác từ {office}, hồ sơ số {number}").format(
            office=case.office.name, number=case.number
        )[:300],
        detail={"from_case": case.pk, "from_office": case.office.code},
        state_after=S.RECEIVED,
    )
    audit_log(
        actor=actor,
        action="enforcement.case_received_by_entrustment",
        target=received,
        after={"from_case": case.pk, "number": received.number},
        summary=_("Nhận ủy thác thi hành án"),
    )


_AFTER: dict[str, Callable[..., None]] = {"entrust": _after_entrust}


def case_assign(*, actor: Any, case: Case, officer: User, version: int) -> Case:
    """Assign (or reassign) the enforcement officer of ``case`` (head only).

    L2008 Art 23; ND152 Art 12(2): the officer opens the file within 2 working days of the
    first assignment (deadline ``T6_OPEN_FILE``, from 01/07/2026). See :func:`case_transition`.
    """
    return case_transition(
        actor=actor, case=case, action="assign", version=version, payload={"officer": officer}
    )


# --- Decisions and the procuracy -----------------------------------------------------------------


def _record_decision(
    case: Case, payload: dict[str, Any], *, applied: bool, at: dt.datetime, note: str = ""
) -> CaseDecision:
    decision, _created = CaseDecision.objects.get_or_create(
        case=case,
        decision_id=int(payload["decision_id"]),
        defaults={
            "kind": str(payload.get("decision_kind") or "")[:40],
            "number": str(payload.get("decision_number") or "")[:60],
            "signed_at": payload.get("signed_at") or at,
            "applied": applied,
            "note": note[:300],
        },
    )
    return decision


def procuracy_submission_queue(
    *, case: Case | None, office: Office, decision_id: int, payload: dict[str, Any], due_on: Any
) -> OutboundSubmission:
    """Record the duty to send decision ``decision_id`` to the procuracy and queue the send.

    L2008 Art 38: every enforcement decision within 3 working days of its issue. Idempotent by
    decision; the task (with retries) runs after commit.
    """
    submission, created = OutboundSubmission.objects.get_or_create(
        kind=OutboundSubmission.Kind.DECISION,
        key=f"decision-{decision_id}",
        defaults={"office": office, "case": case, "payload": payload, "due_on": due_on},
    )
    if created:
        submission_id = submission.pk

        def _queue() -> None:
            from enforcement.tasks.cases import procuracy_send_decision_task

            procuracy_send_decision_task.delay(submission_id=submission_id)

        transaction.on_commit(_queue)
    return submission


def _procuracy_payload(data: SignedDecision) -> dict[str, Any]:
    return {
        "decision_id": data.decision_id,
        "decision_number": data.number,
        "decision_date": data.issued_on.isoformat(),
        "kind": data.kind,
        "pdf_document_id": data.pdf_document_id,
    }


def _procuracy_due(data: SignedDecision) -> dt.date | None:
    rule = LegalRule.objects.find("T7_SEND_PROCURACY", data.issued_on)
    if rule is None:
        return None
    due_on, _at, _expl = deadline_compute(rule=rule, trigger_on=data.issued_on, event="")
    return due_on


def case_open_from_decision(*, data: SignedDecision) -> Case:
    """Open the case of a signed proactive or on-request enforcement decision (idempotent).

    L2008 Art 36, L2025 Art 33 (QĐTHA); the case starts in DECISION_ISSUED with its parties
    and obligations from the decision, and the deadlines T7 (to the procuracy, 3 wd, L2008
    Art 38) and T8 (serve the decision, 3 wd, L2008 Art 39(2)), both from the issue day; T6
    (open the file, 2 wd, ND152 Art 12(2)) starts when the officer is assigned. The same
    decision announced twice returns the case opened the first time. Audit
    ``enforcement.case_opened``; the procuracy submission is queued after commit.
    """
    existing = Case.objects.filter(opening_decision_id=data.decision_id).first()
    if existing is not None:
        return existing
    office = Office.objects.get(pk=data.office_id)
    at = data.signed_at
    with transaction.atomic():
        # Serialise concurrent announcements of the same decision on the office row.
        Office.objects.select_for_update(no_key=True).filter(pk=office.pk).first()
        existing = Case.objects.filter(opening_decision_id=data.decision_id).first()
        if existing is not None:
            return existing
        year = data.issued_on.year
        number = number_next(office=office, series=CASE_NUMBER_SERIES, year=year)
        obligations = [dict(o) for o in data.obligations]
        total = sum(int(o.get("amount_vnd") or 0) for o in obligations)
        kind = Case.Kind.PROACTIVE if data.kind == "proactive" else Case.Kind.ON_REQUEST
        case = Case.objects.create(
            office=office,
            year=year,
            number=f"{number}/{year}",
            kind=kind,
            state=S.DECISION_ISSUED,
            judgment_id=data.judgment_id,
            judgment_number=data.judgment_number[:80],
            court=data.court[:300],
            opening_decision_id=data.decision_id,
            opened_at=at,
            state_changed_at=at,
            debtor_name=data.debtor_name[:200],
            debtor_id_number=data.debtor_id_number[:20],
            debtor_address=data.debtor_address[:400],
            creditor_name=data.creditor_name[:200],
            total_due_vnd=max(total, 0),
            legal_regime=legal_regime_on(data.issued_on),
        )
        parties = [
            CaseParty(
                case=case,
                position=0,
                role=CaseParty.Role.DEBTOR,
                name=data.debtor_name[:200],
                id_number=data.debtor_id_number[:20],
                address=data.debtor_address[:400],
            )
        ]
        if data.creditor_name:
            parties.append(
                CaseParty(
                    case=case,
                    position=1,
                    role=CaseParty.Role.CREDITOR,
                    name=data.creditor_name[:200],
                )
            )
        CaseParty.objects.bulk_create(parties)
        kinds = set(CaseObligation.Kind.values)
        CaseObligation.objects.bulk_create(
            [
                CaseObligation(
                    case=case,
                    position=i,
                    kind=o.get("kind") if o.get("kind") in kinds else CaseObligation.Kind.MONEY,
                    amount_vnd=max(int(o.get("amount_vnd") or 0), 0),
                    description=str(o.get("description") or ""),
                    creditor_name=str(o.get("creditor") or "")[:200],
                    periodic=o.get("periodic") or {},
                )
                for i, o in enumerate(obligations)
            ]
        )
        CaseDecision.objects.create(
            case=case,
            decision_id=data.decision_id,
            kind=data.kind[:40],
            number=data.number[:60],
            signed_at=data.signed_at,
        )
        started = []
        for code in ("T7_SEND_PROCURACY", "T8_SERVE_DECISION"):
            d = deadline_start(
                case=case,
                code=code,
                trigger_on=data.issued_on,
                event=_("Ngày ra quyết định thi hành án số {number}").format(number=data.number),
                at=at,
                required=True,
            )
            if d is not None:
                started.append(code)
        CaseEvent.objects.create(
            case=case,
            at=at,
            kind="opened",
            title=_("Mở hồ sơ theo quyết định thi hành án số {number}").format(number=data.number)[
                :300
            ],
            detail={"decision_id": data.decision_id, "started": started},
            state_after=S.DECISION_ISSUED,
        )
        audit_log(
            actor=None,
            action="enforcement.case_opened",
            target=case,
            after={"decision_id": data.decision_id, "number": case.number, "state": case.state},
            summary=_("Mở hồ sơ thi hành án"),
        )
        procuracy_submission_queue(
            case=case,
            office=office,
            decision_id=data.decision_id,
            payload=_procuracy_payload(data),
            due_on=_procuracy_due(data),
        )
    return case


def case_decision_record(*, data: SignedDecision) -> CaseDecision | None:
    """Apply a signed decision drafted for an existing case (``data.case_id``), idempotently.

    The decision kind maps to an action (:data:`DECISION_KIND_ACTIONS`): postponement (L2008
    Art 48), suspension (Art 49), termination (Art 50), no conditions (Art 44a), entrustment
    (Art 57), coercion (Art 71)... The transition is applied by the system when the case's
    state allows it; when the case is already in the target state (the head took the action
    on the case page first) or the action does not apply, the decision is only recorded
    (``applied`` False with the reason). The same decision twice is a no-op. Every decision
    is queued for the procuracy (L2008 Art 38).
    """
    if data.case_id is None:
        raise ValueError("case_decision_record() needs a decision with case_id")
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=data.case_id).first()
        if case is None:
            logger.warning("decision %s names unknown case %s", data.decision_id, data.case_id)
            return None
        existing = CaseDecision.objects.filter(case=case, decision_id=data.decision_id).first()
        if existing is not None:
            return existing
        payload = {
            # What the action needs beyond the decision (receiving office, end of the
            # postponement...), kept when the decision was drafted from the case page.
            **_drafted_payload(case, data.decision_id),
            "decision_id": data.decision_id,
            "decision_kind": data.kind,
            "decision_number": data.number,
            "signed_at": data.signed_at,
            "reason": data.legal_basis,
        }
        action = DECISION_KIND_ACTIONS.get(data.kind)
        t = TRANSITIONS.get(action or "")
        note = ""
        if t is not None:
            try:
                case = case_transition(
                    actor=None,
                    case=case,
                    action=t.action,
                    version=case.version,
                    payload=payload,
                    at=data.signed_at,
                )
            except CaseTransitionError as exc:
                note = exc.message
        else:
            note = _("Quyết định được lưu vào hồ sơ, không làm thay đổi trạng thái.")
        decision = CaseDecision.objects.filter(case=case, decision_id=data.decision_id).first()
        if decision is None:
            decision = _record_decision(case, payload, applied=False, at=data.signed_at, note=note)
            CaseEvent.objects.create(
                case=case,
                at=data.signed_at,
                kind="decision_recorded",
                title=_("Nhận quyết định số {number}").format(number=data.number)[:300],
                detail={"decision_id": data.decision_id, "kind": data.kind, "note": note},
                state_before=case.state,
                state_after=case.state,
            )
            audit_log(
                actor=None,
                action="enforcement.case_decision_recorded",
                target=case,
                after={"decision_id": data.decision_id, "kind": data.kind, "note": note},
                summary=_("Lưu quyết định vào hồ sơ"),
            )
        procuracy_submission_queue(
            case=case,
            office=case.office,
            decision_id=data.decision_id,
            payload=_procuracy_payload(data),
            due_on=_procuracy_due(data),
        )
    return decision


# --- Deadlines met outside a transition ---------------------------------------------------------


def deadline_mark_met(*, actor: Any, deadline: Deadline, at: dt.datetime | None = None) -> Deadline:
    """Mark a running deadline as met (a duty done without a state change: the file opened,
    the no-conditions publication, the procuracy copy, the certificate signed).

    Raises ``CaseTransitionError`` when the deadline is no longer running. Audit
    ``enforcement.deadline_met`` and a timeline event, in one transaction.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().select_related("case").get(pk=deadline.pk)
        if locked.status not in ACTIVE_DEADLINE_STATUSES:
            raise CaseTransitionError(_("Thời hạn này đã được đóng."), code="deadline_closed")
        before = {"status": locked.status}
        locked.status = Deadline.Status.MET
        locked.closed_at = at
        locked.save(update_fields=["status", "closed_at"])
        CaseEvent.objects.create(
            case=locked.case,
            at=at,
            actor=None if _is_system(actor) else actor,
            kind="deadline_met",
            title=_("Đã thực hiện: {title}").format(title=locked.title)[:300],
            detail={"deadline_id": locked.pk, "rule_code": locked.rule_code},
            state_before=locked.case.state,
            state_after=locked.case.state,
        )
        audit_log(
            actor=actor,
            action="enforcement.deadline_met",
            target=locked.case,
            before=before,
            after={"deadline": locked.pk, "rule_code": locked.rule_code, "status": "met"},
            summary=_("Đã thực hiện: {title}").format(title=locked.title),
        )
    return locked


# --- Tasks ---------------------------------------------------------------------------------------


def case_task_create(
    *,
    actor: Any,
    office: Office,
    title: str,
    due_on: dt.date | None,
    assignee: User | None = None,
    case: Case | None = None,
    source: str = CaseTask.Source.CASE,
) -> CaseTask:
    """Create a to-do for ``office`` (optionally on ``case``, for ``assignee``).

    The IOC calls this with ``source="ioc"``. The actor must lead the office (office head in
    it, provincial head of its province, ministry leader); an officer or clerk may create
    tasks on cases of their own office; None is the system (a task or a receiver). The
    assignee must work in ``office``. Audit ``enforcement.task_created``. Raises
    ``CaseTaskError``.
    """
    title = (title or "").strip()
    if not title:
        raise CaseTaskError(_("Hãy nhập nội dung công việc."))
    if source not in CaseTask.Source.values:
        raise CaseTaskError(_("Nguồn công việc không hợp lệ."))
    if case is not None and case.office_id != office.pk:
        raise CaseTaskError(_("Hồ sơ không thuộc đơn vị này."))
    if assignee is not None and (assignee.office_id != office.pk or not assignee.is_active):
        raise CaseTaskError(_("Người thực hiện phải là cán bộ của đơn vị."))
    role = getattr(actor, "role", "")
    leads = role in (Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD, Role.MINISTRY_LEADER)
    in_scope = not _is_system(actor) and (
        office_scope_for_user(actor=actor).filter(pk=office.pk).exists()
    )
    works_here = (
        case is not None
        and role in CASE_WORK_ROLES
        and getattr(actor, "office_id", None) == office.pk
    )
    if not (_is_system(actor) or (leads and in_scope) or works_here):
        raise CaseTaskError(_("Bạn không được giao việc cho đơn vị này."))
    with transaction.atomic():
        task = CaseTask.objects.create(
            case=case,
            office=office,
            assignee=assignee,
            title=title[:300],
            due_on=due_on,
            source=source,
            created_by=None if _is_system(actor) else actor,
        )
        if case is not None:
            CaseEvent.objects.create(
                case=case,
                actor=None if _is_system(actor) else actor,
                kind="task_created",
                title=_("Giao việc: {title}").format(title=task.title)[:300],
                detail={"task_id": task.pk},
                state_before=case.state,
                state_after=case.state,
            )
        audit_log(
            actor=actor,
            action="enforcement.task_created",
            target=task,
            after={
                "title": task.title,
                "assignee": assignee.pk if assignee else None,
                "case": case.pk if case else None,
                "due_on": due_on,
                "source": source,
            },
            summary=_("Giao việc: {title}").format(title=task.title),
        )
    return task


def case_task_done(*, actor: Any, task: CaseTask) -> CaseTask:
    """Mark a task done (its assignee, or a leader of its office). Audit
    ``enforcement.task_done``. Raises ``CaseTaskError`` when not allowed or already closed."""
    with transaction.atomic():
        locked = CaseTask.objects.select_for_update().get(pk=task.pk)
        if locked.status != CaseTask.Status.OPEN:
            raise CaseTaskError(_("Công việc này đã đóng."))
        role = getattr(actor, "role", "")
        is_assignee = locked.assignee_id is not None and locked.assignee_id == actor.pk
        leads = role in CASE_HEAD_ROLES and (
            office_scope_for_user(actor=actor).filter(pk=locked.office_id).exists()
        )
        unassigned_here = locked.assignee_id is None and actor.office_id == locked.office_id
        if not (is_assignee or leads or unassigned_here):
            raise CaseTaskError(_("Bạn không được đánh dấu hoàn thành công việc này."))
        locked.status = CaseTask.Status.DONE
        locked.done_at = timezone.now()
        locked.done_by = actor
        locked.save(update_fields=["status", "done_at", "done_by"])
        audit_log(
            actor=actor,
            action="enforcement.task_done",
            target=locked,
            before={"status": CaseTask.Status.OPEN},
            after={"status": CaseTask.Status.DONE},
            summary=_("Hoàn thành công việc: {title}").format(title=locked.title),
        )
    return locked


# --- Outbound duties: the procuracy --------------------------------------------------------------


def outbound_submission_record_attempt(
    *,
    submission: OutboundSubmission,
    ok: bool,
    call_id: int | None,
    reference: str = "",
    error: str = "",
    final: bool = False,
) -> OutboundSubmission:
    """Record one attempt to send ``submission`` (the task calls this after each try).

    Success marks it SENT and, for a decision of a case, meets the case's running
    ``T7_SEND_PROCURACY`` deadline (L2008 Art 38). A failure only counts the attempt and keeps
    the error (``final``: no more retries, FAILED): the case itself is never touched then.
    Audit ``enforcement.outbound_sent`` / ``enforcement.outbound_failed``.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = OutboundSubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.status == OutboundSubmission.Status.SENT:
            if ok and reference and not locked.reference:
                locked.reference = reference[:120]
                locked.save(update_fields=["reference"])
            return locked
        locked.attempts += 1
        locked.integration_call_id = call_id
        if ok:
            locked.status = OutboundSubmission.Status.SENT
            locked.sent_at = now
            locked.reference = reference[:120]
            locked.last_error = ""
        else:
            locked.last_error = error[:500]
            if final:
                locked.status = OutboundSubmission.Status.FAILED
        locked.save()
        audit_log(
            actor=None,
            action="enforcement.outbound_sent" if ok else "enforcement.outbound_failed",
            target=locked,
            office=locked.office,
            after={
                "status": locked.status,
                "attempts": locked.attempts,
                "call": call_id,
                "reference": locked.reference,
                "error": locked.last_error,
            },
            summary=str(locked),
        )
        if ok and locked.case_id and locked.kind == OutboundSubmission.Kind.DECISION:
            # Only the decision that opened the case is the subject of the case's T7 deadline.
            case = locked.case
            if case is not None and case.opening_decision_id == locked.payload.get("decision_id"):
                deadline = _active(case, "T7_SEND_PROCURACY")
                if deadline is not None:
                    deadline_mark_met(actor=None, deadline=deadline, at=now)
    return locked


def monthly_ended_list_queue(*, office: Office, year: int, month: int) -> OutboundSubmission:
    """Record the monthly list of ended cases of ``office`` for the procuracy and queue it.

    ND152 Art 32(2) (new from 01/07/2026; the day of the month is not fixed by what we read
    [?]: the beat task runs on the first days of the next month). Idempotent per office and
    month. The list is the case numbers with their ending state and date.
    """
    from enforcement.selectors.cases import ended_cases_for_month

    key = f"monthly-{office.code}-{year:04d}-{month:02d}"
    rows = [
        {
            "case_id": c.pk,
            "number": c.number,
            "state": c.state,
            "ended_on": _local_date(c.state_changed_at).isoformat(),
            "end_reason": c.end_reason,
        }
        for c in ended_cases_for_month(office_id=office.pk, year=year, month=month)
    ]
    with transaction.atomic():
        submission, created = OutboundSubmission.objects.get_or_create(
            kind=OutboundSubmission.Kind.MONTHLY_ENDED,
            key=key,
            defaults={
                "office": office,
                "payload": {"year": year, "month": month, "cases": rows},
            },
        )
        if created:
            audit_log(
                actor=None,
                action="enforcement.monthly_list_prepared",
                target=submission,
                office=office,
                after={"key": key, "cases": len(rows)},
                summary=_("Lập danh sách việc thi hành án đã kết thúc tháng {m}/{y}").format(
                    m=month, y=year
                ),
            )
            submission_id = submission.pk

            def _queue() -> None:
                from enforcement.tasks.cases import procuracy_send_monthly_list_task

                procuracy_send_monthly_list_task.delay(submission_id=submission_id)

            transaction.on_commit(_queue)
    return submission


# --- Reminders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRun:
    marked_overdue: int
    reminded: int
    escalated: int


def _staff_email(user: User | None) -> str:
    return (getattr(user, "email", "") or "").strip() if user is not None else ""


def deadline_reminders_run(*, on_date: dt.date, soon_working_days: int = 3) -> ReminderRun:
    """The daily sweep: mark passed deadlines OVERDUE, remind the assigned officer of every
    deadline due within ``soon_working_days`` working days or overdue, and escalate each
    newly overdue deadline to the office's heads (thads.notify, email).

    Idempotent per day: ``reminded_on`` / ``escalated_on`` hold the day done, and the
    notification keys carry the day, so a second run the same day sends nothing. Deadlines
    come from domain.md §2.3; a period ends at 24:00 of its last day (Civil Code Art 147), so a
    deadline is overdue from the day after its ``due_on``. Audit ``enforcement.deadline_overdue``
    per deadline marked.
    """
    from enforcement.selectors.cases import deadlines_due_for_reminder
    from thads.calendar.workdays import add_working_days
    from thads.notify.services import notification_queue

    horizon = add_working_days(on_date, soon_working_days)
    marked = reminded = escalated = 0
    heads_by_office: dict[int, list[User]] = {}
    for d in deadlines_due_for_reminder(on_date=on_date, horizon=horizon):
        case = d.case
        with transaction.atomic():
            locked = Deadline.objects.select_for_update().get(pk=d.pk)
            if locked.status not in ("open", "overdue"):
                continue
            fields: list[str] = []
            overdue = locked.due_on < on_date
            if overdue and locked.status == Deadline.Status.OPEN:
                locked.status = Deadline.Status.OVERDUE
                fields.append("status")
                marked += 1
                audit_log(
                    actor=None,
                    action="enforcement.deadline_overdue",
                    target=case,
                    after={"deadline": locked.pk, "rule_code": locked.rule_code},
                    summary=_("Quá hạn: {title}").format(title=locked.title),
                )
            context = {
                "case_number": case.number,
                "debtor_name": case.debtor_name,
                "title": locked.title,
                "due_on": locked.due_on,
                "legal_basis": locked.explanation.get("legal_basis", ""),
                "overdue": overdue,
            }
            if locked.reminded_on != on_date:
                officer = case.assigned_officer
                email = _staff_email(officer)
                if email:
                    notification_queue(
                        channel="email",
                        recipient=email,
                        template="enforcement_deadline_reminder",
                        context=context,
                        office=case.office,
                        related=locked,
                        idempotency_key=f"deadline-{locked.pk}-remind-{on_date.isoformat()}",
                    )
                    reminded += 1
                locked.reminded_on = on_date
                fields.append("reminded_on")
            if overdue and locked.escalated_on is None:
                heads = heads_by_office.get(case.office_id)
                if heads is None:
                    heads = list(
                        User.objects.filter(
                            office_id=case.office_id, role=Role.OFFICE_HEAD, is_active=True
                        )
                    )
                    heads_by_office[case.office_id] = heads
                for head in heads:
                    email = _staff_email(head)
                    if email:
                        notification_queue(
                            channel="email",
                            recipient=email,
                            template="enforcement_deadline_escalation",
                            context={
                                **context,
                                "officer": str(case.assigned_officer or _("chưa phân công")),
                            },
                            office=case.office,
                            related=locked,
                            idempotency_key=f"deadline-{locked.pk}-escalate-{head.pk}",
                        )
                        escalated += 1
                locked.escalated_on = on_date
                fields.append("escalated_on")
            if fields:
                locked.save(update_fields=fields)
    return ReminderRun(marked_overdue=marked, reminded=reminded, escalated=escalated)


# --- Across offices ------------------------------------------------------------------------------


def case_inbound_document_record(
    *,
    actor: Any,
    case: Case,
    title: str,
    description: str = "",
    document_id: int | None = None,
    sender_name: str = "",
) -> CaseEvent:
    """Record a petition or document received by ANY office for ``case`` (possibly another
    office's case) and notify the owning office's heads and the assigned officer.

    Any staff member with a reception or case role may record it (the receiving office need
    not see the case: the caller found it by its number through ``case_find_by_number``).
    Timeline event ``inbound_document`` on the case; audit ``enforcement.inbound_document``
    in the case's office chain. Raises ``CaseTransitionError`` for an empty title.
    """
    from thads.notify.services import notification_queue

    title = (title or "").strip()
    if not title:
        raise CaseTransitionError(_("Hãy nhập tên văn bản, đơn đã nhận."), code="payload")
    receiving = getattr(actor, "office", None)
    with transaction.atomic():
        event = CaseEvent.objects.create(
            case=case,
            actor=actor,
            kind="inbound_document",
            title=_("Nhận văn bản: {title} (tại {office})").format(
                title=title, office=getattr(receiving, "name", "")
            )[:300],
            detail={
                "received_by_office": getattr(receiving, "code", ""),
                "description": description[:2000],
                "document_id": document_id,
                "sender_name": sender_name[:200],
            },
            state_before=case.state,
            state_after=case.state,
        )
        audit_log(
            actor=actor,
            action="enforcement.inbound_document",
            target=case,
            office=case.office,
            after={"event": event.pk, "received_by_office": getattr(receiving, "code", "")},
            summary=_("Nhận văn bản cho hồ sơ {number}").format(number=case.number),
        )
        recipients = list(
            User.objects.filter(office_id=case.office_id, role=Role.OFFICE_HEAD, is_active=True)
        )
        if case.assigned_officer is not None:
            recipients.append(case.assigned_officer)
        for user in recipients:
            email = _staff_email(user)
            if email:
                notification_queue(
                    channel="email",
                    recipient=email,
                    template="enforcement_inbound_document",
                    context={
                        "case_number": case.number,
                        "title": title,
                        "received_by": getattr(receiving, "name", ""),
                    },
                    office=case.office,
                    related=case,
                    idempotency_key=f"inbound-{event.pk}-{user.pk}",
                )
    return event


# --- Certificate of enforcement results ---------------------------------------------------


def case_certificate_request(
    *, actor: Any, case: Case, requested_by_name: str, at: dt.datetime | None = None
) -> ResultCertificate:
    """Register a party's request for a certificate of enforcement results and start its
    deadline (T19: 5 wd under L2008 Art 53, 3 wd under ND152 Art 32(3), by the request day);
    the PDF draft is rendered after commit (``case_certificate_render_task``).

    Staff of the case's office with a case role. Audit ``enforcement.certificate_requested``.
    """
    name = (requested_by_name or "").strip()
    if not name:
        raise CaseTransitionError(_("Hãy nhập tên người yêu cầu."), code="payload")
    if (
        getattr(actor, "role", "")
        not in (
            CASE_WORK_ROLES
            | CASE_HEAD_ROLES
            | {
                Role.RECEPTION_OFFICER,
                Role.COUNTER_STAFF,
            }
        )
        or not office_scope_for_user(actor=actor).filter(pk=case.office_id).exists()
    ):
        raise CaseTransitionError(_("Bạn không được tiếp nhận yêu cầu cho hồ sơ này."))
    at = at or timezone.now()
    with transaction.atomic():
        deadline = deadline_start(
            case=case,
            code="T19_RESULT_CERTIFICATE",
            trigger_on=_local_date(at),
            event=_("Ngày nhận yêu cầu xác nhận kết quả thi hành án của {name}").format(name=name),
            at=at,
            required=True,
        )
        certificate = ResultCertificate.objects.create(
            case=case, requested_by_name=name[:200], requested_at=at, deadline=deadline
        )
        CaseEvent.objects.create(
            case=case,
            at=at,
            actor=actor,
            kind="certificate_requested",
            title=_("Nhận yêu cầu xác nhận kết quả thi hành án của {name}").format(name=name)[:300],
            detail={"certificate_id": certificate.pk},
            state_before=case.state,
            state_after=case.state,
        )
        audit_log(
            actor=actor,
            action="enforcement.certificate_requested",
            target=case,
            after={"certificate": certificate.pk, "due_on": deadline.due_on if deadline else None},
            summary=_("Yêu cầu xác nhận kết quả thi hành án"),
        )
        certificate_id = certificate.pk

        def _queue() -> None:
            from enforcement.tasks.cases import case_certificate_render_task

            case_certificate_render_task.delay(certificate_id=certificate_id)

        transaction.on_commit(_queue)
    return certificate


def case_certificate_document(*, certificate: ResultCertificate) -> Any:
    """The certificate as a Decree 30 document (``thads.documents.pdf.AdminDocument``), drafted
    from the case: decision, obligations, amounts due and collected, state."""
    from thads.documents.pdf import AdminDocument
    from thads.money import format_vnd

    case = certificate.case
    office = case.office
    decisions = ", ".join(f"{d.number}" for d in case.decisions.all() if d.number) or _(
        "(chưa có số)"
    )
    body = [
        _("Xác nhận kết quả thi hành án theo yêu cầu của {name}:").format(
            name=certificate.requested_by_name
        ),
        _("Hồ sơ thi hành án số {number}; quyết định thi hành án số {decisions}.").format(
            number=case.number, decisions=decisions
        ),
        _("Người phải thi hành án: {debtor}. Người được thi hành án: {creditor}.").format(
            debtor=case.debtor_name, creditor=case.creditor_name or "-"
        ),
    ]
    for o in case.obligations.all():
        body.append(
            _("Nghĩa vụ: {kind} {amount} – {description}").format(
                kind=o.get_kind_display(),
                amount=format_vnd(o.amount_vnd) if o.amount_vnd else "",
                description=o.description,
            )
        )
    body.append(
        _("Tổng số phải thi hành: {due}; đã thi hành được: {done}.").format(
            due=format_vnd(case.total_due_vnd), done=format_vnd(case.collected_vnd)
        )
    )
    body.append(_("Tình trạng hiện tại: {state}.").format(state=case.get_state_display()))
    basis = certificate.deadline.rule.article if certificate.deadline else ""
    return AdminDocument(
        agency_parent=office.parent.name if office.parent_id else "",
        agency=office.name,
        number_symbol=f"{certificate.pk}/XN-THADS",
        place=office.province.name if office.province_id else "",
        date=_local_date(certificate.requested_at),
        doc_type=_("Giấy xác nhận"),
        summary=_("Kết quả thi hành án"),
        legal_bases=[basis] if basis else [],
        body=body,
        recipients=[certificate.requested_by_name, _("Lưu: VT, hồ sơ THA")],
        signer_title=_("THỦ TRƯỞNG"),
    )


def case_certificate_store_draft(
    *, certificate: ResultCertificate, document_id: int
) -> ResultCertificate:
    """Attach the rendered draft PDF to the request (status DRAFTED, for the head to sign).
    Audit ``enforcement.certificate_drafted``. Idempotent."""
    with transaction.atomic():
        locked = ResultCertificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status != ResultCertificate.Status.REQUESTED:
            return locked
        locked.document_id = document_id
        locked.status = ResultCertificate.Status.DRAFTED
        locked.save(update_fields=["document_id", "status"])
        audit_log(
            actor=None,
            action="enforcement.certificate_drafted",
            target=locked.case,
            after={"certificate": locked.pk, "document": document_id},
            summary=_("Dự thảo giấy xác nhận kết quả thi hành án"),
        )
    return locked


def case_certificate_sign(*, actor: Any, certificate: ResultCertificate) -> ResultCertificate:
    """The head signs the drafted certificate (PAdES, the office's key, thads.documents
    signing); the signed PDF is stored and the T19 deadline is met (L2008 Art 53; ND152 Art
    32(3)). Head of the case's office (or provincial head of its province) only.

    The signature is computed before the transaction (pure computation on the draft's bytes);
    the rows change in one transaction with the audit event ``enforcement.certificate_signed``.
    Raises ``CaseTransitionError`` when not allowed or not drafted.
    """
    from thads.documents.models import Document
    from thads.documents.services import document_store
    from thads.documents.signing import sign_pdf
    from thads.documents.storage import original_path

    case = certificate.case
    if getattr(actor, "role", "") not in CASE_HEAD_ROLES or not (
        office_scope_for_user(actor=actor).filter(pk=case.office_id).exists()
    ):
        raise CaseTransitionError(_("Chỉ Thủ trưởng cơ quan thi hành án được ký xác nhận."))
    if certificate.status != ResultCertificate.Status.DRAFTED or not certificate.document_id:
        raise CaseTransitionError(_("Giấy xác nhận chưa được dự thảo hoặc đã ký."))
    draft = Document.objects.get(pk=certificate.document_id)
    signed = sign_pdf(
        pdf_bytes=original_path(draft.storage_name).read_bytes(),
        office_code=case.office.code,
        office_name=case.office.name,
        reason=_("Xác nhận kết quả thi hành án"),
        location=case.office.name,
        signer_name=str(actor),
    )
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"xac-nhan-{certificate.pk}-da-ky.pdf"
        path.write_bytes(signed)
        document = document_store(actor=actor, office=case.office, purpose="certificate", path=path)
    now = timezone.now()
    with transaction.atomic():
        locked = ResultCertificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status != ResultCertificate.Status.DRAFTED:
            raise CaseTransitionError(_("Giấy xác nhận chưa được dự thảo hoặc đã ký."))
        locked.status = ResultCertificate.Status.SIGNED
        locked.signed_document_id = document.pk
        locked.signed_at = now
        locked.save(update_fields=["status", "signed_document_id", "signed_at"])
        if locked.deadline_id:
            deadline = Deadline.objects.get(pk=locked.deadline_id)
            if deadline.status in ACTIVE_DEADLINE_STATUSES:
                deadline_mark_met(actor=actor, deadline=deadline, at=now)
        audit_log(
            actor=actor,
            action="enforcement.certificate_signed",
            target=case,
            after={"certificate": locked.pk, "document": document.pk},
            summary=_("Ký giấy xác nhận kết quả thi hành án"),
        )
    return locked


def _drafted_payload(case: Case, decision_id: int) -> dict[str, Any]:
    """The action payload kept with the draft of ``decision_id`` (:func:`case_decision_draft`)."""
    event = (
        CaseEvent.objects.filter(
            case=case, kind="decision_drafted", detail__decision_id=decision_id
        )
        .order_by("-pk")
        .first()
    )
    kept = event.detail.get("payload") if event is not None else None
    return dict(kept) if isinstance(kept, dict) else {}


#: Payload keys a draft keeps for its signature (JSON values only).
_DRAFT_PAYLOAD_KEYS = ("office_id", "until", "note", "ground")


def case_decision_draft(
    *,
    actor: Any,
    case: Case,
    action: str,
    fields: dict[str, str] | None = None,
    payload: dict[str, Any] | None = None,
) -> int | None:
    """Draft, in the decisions app, the decision an action needs (postponement, suspension,
    termination, no conditions, coercion, entrustment, resumption) and return its id.

    Checks first that ``actor`` may take ``action`` on the case now (same rules as
    :func:`case_transition`: ``CaseTransitionError`` otherwise). The state changes only when the
    decision is signed (``decision_signed`` → :func:`case_decision_record`). Returns None while
    the decisions app has no ``decision_draft_for_case`` (contract between the apps).

    ``payload``: what :func:`case_transition` will need when the decision is signed (the
    receiving office ``office_id`` of an entrustment, ``until`` of a postponement, the
    ``note``); it is checked now (an invalid receiving office is refused before drafting) and
    kept with the drafted event, then merged by :func:`case_decision_record`.
    """
    import decisions.services as decision_services

    t = TRANSITIONS.get(action)
    if t is None or not t.needs_decision_kind:
        raise CaseTransitionError(_("Thao tác này không cần quyết định."), code="no_decision")
    kept: dict[str, Any] = {}
    for key in _DRAFT_PAYLOAD_KEYS:
        value = (payload or {}).get(key)
        if value in (None, ""):
            continue
        kept[key] = value.isoformat() if isinstance(value, dt.date) else value
    _check(actor, case, t, kept, timezone.now())
    draft = getattr(decision_services, "decision_draft_for_case", None)
    if draft is None:
        return None
    kind = case.kind if t.needs_decision_kind == "case_kind" else t.needs_decision_kind
    with transaction.atomic():
        decision_id = draft(
            actor=actor,
            office_id=case.office_id,
            case_id=case.pk,
            kind=kind,
            fields=dict(fields or {}),
            judgment_id=case.judgment_id,
        )
        CaseEvent.objects.create(
            case=case,
            actor=None if _is_system(actor) else actor,
            kind="decision_drafted",
            title=_("Dự thảo quyết định: {label}").format(label=str(t.label))[:300],
            detail={"decision_id": decision_id, "kind": kind, "action": action, "payload": kept},
            state_before=case.state,
            state_after=case.state,
        )
    return decision_id


def outbound_submission_call_finished(*, submission_id: int, call_id: int, succeeded: bool) -> None:
    """A call to the procuracy finished outside our task (the integrations layer's own retry,
    ``integration_call_finished``): a success marks the submission SENT (idempotent); a
    failure is left to the task's own retries."""
    if not succeeded:
        return
    submission = OutboundSubmission.objects.filter(pk=submission_id).first()
    if submission is None or submission.status == OutboundSubmission.Status.SENT:
        return
    outbound_submission_record_attempt(submission=submission, ok=True, call_id=call_id)
