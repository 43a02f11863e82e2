# ruff: noqa: E501
"""State machine: the main path, refusals (state, role, office, precondition), deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement.exceptions import CaseTransitionError
from enforcement.exceptions import CaseVersionConflictError
from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import Deadline
from enforcement.services import case_allowed_actions
from enforcement.services import case_open_from_decision
from enforcement.services import case_transition
from tests.enforcement.helpers import at
from tests.enforcement.helpers import signed_decision
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _active(case):
    return dict(
        Deadline.objects.filter(case=case, status__in=("open", "overdue", "paused")).values_list(
            "rule_code", "due_on"
        )
    )


def test_main_path_from_signed_decision_to_completion(office, office_head, officer):
    case = case_open_from_decision(data=signed_decision(office, issued_on=dt.date(2026, 9, 14)))
    assert case.state == Case.State.DECISION_ISSUED
    assert case.legal_regime == "L2025"
    # T7 and T8: 3 working days from Monday 14/09/2026 → Thursday 17/09/2026.
    assert _active(case) == {
        "T7_SEND_PROCURACY": dt.date(2026, 9, 17),
        "T8_SERVE_DECISION": dt.date(2026, 9, 17),
    }
    case = case_transition(
        actor=office_head,
        case=case,
        action="assign",
        version=case.version,
        payload={"officer_id": officer.pk},
        at=at(2026, 9, 15),
    )
    assert case.assigned_officer == officer
    # T6 (ND152 Art 12(2)): 2 working days from 15/09 → 17/09.
    assert _active(case)["T6_OPEN_FILE"] == dt.date(2026, 9, 17)
    case = case_transition(
        actor=officer,
        case=case,
        action="serve_notice",
        version=case.version,
        payload={"valid_notice_at": at(2026, 9, 16, 15)},
        at=at(2026, 9, 16, 15),
    )
    assert case.state == Case.State.VOLUNTARY_PERIOD
    active = _active(case)
    # T9: 10 days from 16/09 → 26/09 (Saturday) → Monday 28/09; T10: 10 days after → 08/10.
    assert active["T9_VOLUNTARY_PERIOD"] == dt.date(2026, 9, 28)
    assert active["T10_START_VERIFICATION"] == dt.date(2026, 10, 8)
    assert "T8_SERVE_DECISION" not in active
    with pytest.raises(CaseTransitionError) as exc:
        case_transition(
            actor=officer,
            case=case,
            action="start_verification",
            version=case.version,
            at=at(2026, 9, 20),
        )
    assert exc.value.message == (
        "Thời hạn tự nguyện thi hành án chưa hết (đến hết ngày 28/09/2026). Chỉ xác minh hoặc "
        "áp dụng biện pháp bảo đảm ngay khi cần ngăn chặn tẩu tán tài sản (Điều 45 khoản 2 "
        "Luật THADS 2008)."
    )
    case = case_transition(
        actor=officer,
        case=case,
        action="start_verification",
        version=case.version,
        at=at(2026, 9, 29),
    )
    case = case_transition(
        actor=office_head,
        case=case,
        action="classify_has_conditions",
        version=case.version,
        at=at(2026, 10, 2),
    )
    case = case_transition(
        actor=officer,
        case=case,
        action="record_partial",
        version=case.version,
        payload={"amount_vnd": 50_000_000},
        at=at(2026, 10, 5),
    )
    assert case.collected_vnd == 50_000_000
    case = case_transition(
        actor=officer, case=case, action="complete", version=case.version, at=at(2026, 10, 9)
    )
    assert case.state == Case.State.COMPLETED
    # Ending closes every running deadline (T6, T7 were still open).
    assert _active(case) == {}
    assert set(
        Deadline.objects.filter(case=case, status="cancelled").values_list("rule_code", flat=True)
    ) == {"T6_OPEN_FILE", "T7_SEND_PROCURACY"}
    case = case_transition(
        actor=office_head, case=case, action="close", version=case.version, at=at(2026, 10, 12)
    )
    assert case.state == Case.State.CLOSED
    assert case.closed_at == at(2026, 10, 12)
    assert case.version == 8
    assert CaseEvent.objects.filter(case=case, kind__startswith="transition.").count() == 7
    assert (
        AuditEvent.objects.filter(
            object_id=str(case.pk), action__startswith="enforcement.case_"
        ).count()
        == 8
    )


def test_refusals_change_nothing(case, officer, office_head, make_user, office, other_office):
    from thads.permissions import Role

    clerk_elsewhere = make_user(Role.CLERK, other_office)
    other_officer_same_office = make_user(Role.ENFORCEMENT_OFFICER, office)
    accountant = make_user(Role.ACCOUNTANT, office)
    before = (case.state, case.version)
    audits = AuditEvent.objects.count()
    cases = [
        (
            officer,
            "classify_no_conditions",
            "Vai trò của bạn không được thực hiện “Quyết định về việc chưa có điều kiện thi hành án”.",
        ),
        (
            accountant,
            "serve_notice",
            "Vai trò của bạn không được thực hiện “Ghi nhận thông báo hợp lệ quyết định thi hành án”.",
        ),
        (
            other_officer_same_office,
            "serve_notice",
            "Chỉ chấp hành viên được phân công mới được thực hiện “Ghi nhận thông báo hợp lệ quyết định thi hành án”.",
        ),
        (clerk_elsewhere, "serve_notice", "Hồ sơ không thuộc phạm vi quản lý của bạn."),
        (
            officer,
            "complete",
            "Không thể “Xác nhận đã thi hành xong” khi hồ sơ đang ở trạng thái “Đã ra quyết định thi hành án”.",
        ),
        (
            office_head,
            "resume",
            "Không thể “Tiếp tục thi hành án” khi hồ sơ đang ở trạng thái “Đã ra quyết định thi hành án”.",
        ),
        (office_head, "fly", "Thao tác không hợp lệ."),
    ]
    for actor, action, message in cases:
        with pytest.raises(CaseTransitionError) as exc:
            case_transition(
                actor=actor,
                case=case,
                action=action,
                version=case.version,
                payload={"valid_notice_at": at(2026, 9, 2)},
            )
        assert exc.value.message == message
    case.refresh_from_db()
    assert (case.state, case.version) == before
    assert AuditEvent.objects.count() == audits
    assert CaseEvent.objects.filter(case=case).count() == 0


def test_stale_version_is_refused(case, officer):
    with pytest.raises(CaseVersionConflictError) as exc:
        case_transition(
            actor=officer,
            case=case,
            action="serve_notice",
            version=case.version - 1 + 5,
            payload={"valid_notice_at": at(2026, 9, 2)},
        )
    assert exc.value.message == (
        "Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang và thực hiện lại thao tác."
    )


def test_allowed_actions_by_role(case, officer, office_head, provincial_head, other_officer):
    assert [a.action for a in case_allowed_actions(actor=officer, case=case)] == ["serve_notice"]
    head_actions = [a.action for a in case_allowed_actions(actor=office_head, case=case)]
    assert head_actions == ["assign", "serve_notice", "postpone", "suspend", "terminate", "entrust"]
    assert [a.action for a in case_allowed_actions(actor=provincial_head, case=case)] == [
        "assign",
        "postpone",
        "suspend",
        "terminate",
        "entrust",
    ]
    assert case_allowed_actions(actor=other_officer, case=case) == []
    postpone = next(
        a for a in case_allowed_actions(actor=office_head, case=case) if a.action == "postpone"
    )
    assert (postpone.label, postpone.needs_decision_kind, postpone.blocked_reason) == (
        "Hoãn thi hành án",
        "postponement",
        "",
    )


def test_postponement_pauses_and_resumption_recomputes_visibly(office, office_head, officer):
    case = case_open_from_decision(data=signed_decision(office, issued_on=dt.date(2026, 9, 14)))
    case = case_transition(
        actor=office_head,
        case=case,
        action="postpone",
        version=case.version,
        payload={"ground": "Điều 48 khoản 1 điểm c", "until": dt.date(2026, 10, 30)},
        at=at(2026, 9, 15),
    )
    assert case.state == Case.State.POSTPONED
    assert case.paused_from_state == Case.State.DECISION_ISSUED
    t8 = Deadline.objects.get(case=case, rule_code="T8_SERVE_DECISION")
    assert (t8.status, t8.remaining, t8.paused_on) == ("paused", 2, dt.date(2026, 9, 15))
    # T14a: resume within 5 wd after the postponement's end 30/10/2026 → 06/11/2026.
    assert _active(case)["T14A_RESUME_POSTPONED"] == dt.date(2026, 11, 6)
    case = case_transition(
        actor=office_head, case=case, action="resume", version=case.version, at=at(2026, 10, 26)
    )
    assert case.state == Case.State.DECISION_ISSUED
    assert case.paused_from_state == ""
    t8.refresh_from_db()
    # 2 working days left from Monday 26/10 → Wednesday 28/10.
    assert (t8.status, t8.due_on, t8.recomputed) == ("open", dt.date(2026, 10, 28), True)
    assert [h["kind"] for h in t8.history] == ["paused", "resumed"]
    assert t8.history[1]["previous_due_on"] == "2026-09-17"
    assert t8.explanation["recomputed"] == (
        "Tạm dừng từ ngày 15/09/2026 (tiếp tục thi hành án), còn 2 ngày làm việc; tính lại từ "
        "ngày tiếp tục 26/10/2026: hạn mới 28/10/2026 (hạn cũ 17/09/2026)."
    )
    assert Deadline.objects.get(case=case, rule_code="T14A_RESUME_POSTPONED").status == "met"
