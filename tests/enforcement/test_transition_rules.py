# ruff: noqa: E501
"""Branches of the transition table: interim decisions, T13' preconditions, payload checks,
ending from a paused state, blocked reasons, finding another office's case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from enforcement.exceptions import CaseTransitionError
from enforcement.models import Case
from enforcement.models import CaseTask
from enforcement.models import Deadline
from enforcement.selectors import case_find_by_number
from enforcement.services import case_allowed_actions
from enforcement.services import case_open_from_decision
from enforcement.services import case_task_create
from enforcement.services import case_transition
from tests.enforcement.helpers import at
from tests.enforcement.helpers import signed_decision
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def _go(case, actor, action, when, **payload):
    return case_transition(
        actor=actor, case=case, action=action, version=case.version, payload=payload, at=when
    )


def _to_no_conditions(office, head, officer, issued, kind):
    case = case_open_from_decision(data=signed_decision(office, issued_on=issued, kind=kind))
    case = _go(
        case, head, "assign", at(issued.year, issued.month, issued.day), officer_id=officer.pk
    )
    case = _go(
        case,
        officer,
        "serve_notice",
        at(issued.year, issued.month, issued.day),
        valid_notice_at=at(issued.year, issued.month, issued.day),
    )
    case = _go(
        case, officer, "start_verification", at(issued.year, issued.month, issued.day), urgent=True
    )
    return _go(case, head, "classify_no_conditions", at(issued.year, issued.month, issued.day))


def test_interim_decision_has_no_voluntary_period(case, officer):
    case = _go(
        case,
        officer,
        "serve_notice",
        at(2026, 9, 2, 15),
        valid_notice_at=at(2026, 9, 2, 15),
        no_voluntary_period=True,
    )
    assert case.state == Case.State.NOTIFIED
    d = Deadline.objects.get(case=case, rule_code="T10_VERIFY_INTERIM")
    assert (d.due_on, d.due_at) == (dt.date(2026, 9, 2), at(2026, 9, 2, 15))


def test_request_returned_only_after_two_years_and_only_on_request(office, office_head, officer):
    case = _to_no_conditions(office, office_head, officer, dt.date(2026, 8, 3), "on_request")
    assert [
        a.action for a in case_allowed_actions(actor=office_head, case=case) if a.blocked_reason
    ] == ["return_request"]
    with pytest.raises(CaseTransitionError) as exc:
        _go(case, office_head, "separate_tracking", at(2028, 9, 1))
    assert (
        exc.value.message
        == "Việc này không thuộc trường hợp chuyển sổ theo dõi riêng (Điều 22 Nghị định 152/2026/NĐ-CP)."
    )
    with pytest.raises(CaseTransitionError) as exc:
        _go(case, office_head, "return_request", at(2028, 8, 2))
    assert exc.value.message == "Chưa đủ thời gian theo quy định: sớm nhất từ ngày 03/08/2028."
    case = _go(case, office_head, "return_request", at(2028, 8, 3))
    assert case.state == Case.State.REQUEST_RETURNED
    assert not Deadline.objects.filter(case=case, status__in=("open", "overdue", "paused")).exists()


def test_proactive_case_goes_to_separate_tracking(office, office_head, officer):
    case = _to_no_conditions(office, office_head, officer, dt.date(2026, 8, 3), "proactive")
    with pytest.raises(CaseTransitionError) as exc:
        _go(case, office_head, "return_request", at(2028, 9, 1))
    assert (
        exc.value.message
        == "Chỉ gửi lại yêu cầu đối với việc thi hành án theo yêu cầu, chưa có điều kiện thi hành từ ngày 01/07/2026 (Điều 22 Nghị định 152/2026/NĐ-CP)."
    )
    case = _go(case, officer, "record_reverification", at(2027, 2, 1))
    t12 = Deadline.objects.get(case=case, rule_code="T12_REVERIFY", status="open")
    assert t12.due_on == dt.date(2027, 8, 2)  # 01/08/2027 is a Sunday
    case = _go(case, office_head, "separate_tracking", at(2028, 8, 3))
    assert case.state == Case.State.SEPARATE_TRACKING
    case = _go(case, officer, "reopen_from_no_conditions", at(2029, 1, 8))
    assert case.state == Case.State.VERIFICATION
    assert sorted(
        Deadline.objects.filter(case=case, status="open").values_list("rule_code", flat=True)
    ) == ["T10C_VERIFY_NEW_INFO", "T6_OPEN_FILE", "T7_SEND_PROCURACY"]
    # First T12 met by the re-verification, the second cancelled by the move to separate tracking.
    assert list(
        Deadline.objects.filter(case=case, rule_code="T12_REVERIFY")
        .order_by("pk")
        .values_list("trigger_on", "status")
    ) == [(dt.date(2026, 8, 3), "met"), (dt.date(2027, 2, 1), "cancelled")]


@pytest.mark.parametrize(
    ("action", "payload", "message"),
    [
        (
            "assign",
            {"officer_id": None},
            "Chỉ phân công được chấp hành viên đang làm việc tại đơn vị của hồ sơ.",
        ),
        ("entrust", {}, "Hãy chọn cơ quan thi hành án khác nhận ủy thác."),
        ("serve_notice", {}, "Thiếu hoặc sai thời điểm “valid_notice_at”."),
        ("postpone", {"until": "2026-08-01"}, "Ngày hết hạn hoãn phải sau ngày hoãn."),
    ],
)
def test_bad_payloads_are_refused_and_change_nothing(case, office_head, action, payload, message):
    with pytest.raises(CaseTransitionError) as exc:
        _go(case, office_head, action, at(2026, 9, 2), **payload)
    assert exc.value.message == message
    case.refresh_from_db()
    assert (case.state, case.version) == ("decision_issued", 1)
    assert not case.events.exists()


def test_assign_refuses_a_clerk_and_entrust_refuses_the_own_office(
    case, office_head, make_user, office
):
    clerk = make_user(Role.CLERK, office)
    with pytest.raises(CaseTransitionError):
        _go(case, office_head, "assign", at(2026, 9, 2), officer_id=clerk.pk)
    with pytest.raises(CaseTransitionError):
        _go(case, office_head, "entrust", at(2026, 9, 2), office_id=office.pk)


def test_terminating_a_suspended_case_cancels_its_paused_deadlines(office, office_head):
    case = case_open_from_decision(data=signed_decision(office, issued_on=dt.date(2026, 9, 14)))
    case = _go(case, office_head, "suspend", at(2026, 9, 15))
    assert set(Deadline.objects.filter(case=case).values_list("status", flat=True)) == {"paused"}
    case = _go(case, office_head, "terminate", at(2026, 10, 1), reason="Điều 50 khoản 1 điểm c")
    assert (case.state, case.paused_from_state, case.end_reason) == (
        "terminated",
        "",
        "Điều 50 khoản 1 điểm c",
    )
    assert set(Deadline.objects.filter(case=case).values_list("status", flat=True)) == {"cancelled"}


def test_blocked_reason_while_the_voluntary_period_runs(case, officer):
    now = timezone.now()
    case = _go(case, officer, "serve_notice", now, valid_notice_at=now)
    start = next(
        a
        for a in case_allowed_actions(actor=officer, case=case)
        if a.action == "start_verification"
    )
    t9 = Deadline.objects.get(case=case, rule_code="T9_VOLUNTARY_PERIOD")
    assert start.blocked_reason.startswith(
        f"Thời hạn tự nguyện thi hành án chưa hết (đến hết ngày {t9.due_on:%d/%m/%Y})."
    )


def test_another_office_finds_the_case_reference_only(case, other_officer):
    ref = case_find_by_number(actor=other_officer, office_code=case.office.code, number=case.number)
    assert (ref.case_id, ref.office_code) == (case.pk, case.office.code)
    assert case_find_by_number(actor=other_officer, office_code="X", number=case.number) is None


def test_system_may_create_tasks(case):
    task = case_task_create(
        actor=None, office=case.office, title="Xác minh lại", due_on=None, case=case
    )
    assert (task.created_by, task.status) == (None, CaseTask.Status.OPEN)


def test_allowed_actions_cost_two_queries(case, provincial_head, django_assert_num_queries):
    # The running deadline codes, then the provincial scope once for every head action.
    with django_assert_num_queries(2):
        actions = case_allowed_actions(actor=provincial_head, case=case)
    assert [a.action for a in actions] == ["assign", "postpone", "suspend", "terminate", "entrust"]
