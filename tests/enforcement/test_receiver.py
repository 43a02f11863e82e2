# ruff: noqa: E501
"""The decision_signed receiver: opens a case, applies decisions on a case, idempotently."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from decisions.signals import decision_signed
from enforcement.models import Case
from enforcement.models import CaseDecision
from enforcement.models import CaseObligation
from enforcement.models import CaseParty
from enforcement.models import Deadline
from enforcement.models import OutboundSubmission
from tests.enforcement.helpers import signed_decision
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _send(data):
    decision_signed.send(sender=None, decision_id=data.decision_id, data=data)


def test_signed_decision_opens_one_case_even_when_announced_twice(
    office, django_capture_on_commit_callbacks
):
    data = signed_decision(office, issued_on=dt.date(2026, 9, 14), kind="proactive")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _send(data)
        _send(data)
    case = Case.objects.get()
    assert (case.state, case.kind, case.office, case.opening_decision_id) == (
        "decision_issued",
        "proactive",
        office,
        data.decision_id,
    )
    assert case.number == "1/2026"
    assert case.total_due_vnd == 126_000_000
    assert list(case.parties.values_list("role", "name")) == [
        (CaseParty.Role.DEBTOR, "Trần Văn Nợ"),
        (CaseParty.Role.CREDITOR, "Lê Thị Được"),
    ]
    assert list(case.obligations.values_list("kind", "amount_vnd")) == [
        (CaseObligation.Kind.MONEY, 120_000_000),
        (CaseObligation.Kind.COURT_FEE, 6_000_000),
    ]
    assert sorted(Deadline.objects.filter(case=case).values_list("rule_code", flat=True)) == [
        "T7_SEND_PROCURACY",
        "T8_SERVE_DECISION",
    ]
    assert CaseDecision.objects.filter(case=case).count() == 1
    assert AuditEvent.objects.filter(action="enforcement.case_opened").count() == 1
    submission = OutboundSubmission.objects.get()
    assert (submission.kind, submission.key, submission.due_on) == (
        "decision",
        f"decision-{data.decision_id}",
        dt.date(2026, 9, 17),
    )
    assert len(callbacks) == 1  # one procuracy send queued


def test_postponement_decision_for_a_case_applies_once(case, django_capture_on_commit_callbacks):
    data = signed_decision(
        case.office, issued_on=dt.date(2026, 9, 20), kind="postponement", case_id=case.pk
    )
    with django_capture_on_commit_callbacks(execute=False):
        _send(data)
        _send(data)
    case.refresh_from_db()
    assert (case.state, case.paused_from_state, case.version) == ("postponed", "decision_issued", 2)
    decision = CaseDecision.objects.get(case=case)
    assert (decision.decision_id, decision.kind, decision.applied) == (
        data.decision_id,
        "postponement",
        True,
    )
    assert case.events.filter(kind="transition.postpone").count() == 1
    assert OutboundSubmission.objects.filter(case=case).count() == 1


def test_decision_that_does_not_apply_is_recorded_with_the_reason(
    case, django_capture_on_commit_callbacks
):
    data = signed_decision(
        case.office, issued_on=dt.date(2026, 9, 20), kind="resumption", case_id=case.pk
    )
    with django_capture_on_commit_callbacks(execute=False):
        _send(data)
    case.refresh_from_db()
    assert (case.state, case.version) == ("decision_issued", 1)
    decision = CaseDecision.objects.get(case=case)
    assert decision.applied is False
    assert decision.note == (
        "Không thể “Tiếp tục thi hành án” khi hồ sơ đang ở trạng thái “Đã ra quyết định thi hành án”."
    )
    assert case.events.get().kind == "decision_recorded"


def test_decision_for_an_unknown_case_or_kind_changes_nothing(office):
    _send(
        signed_decision(
            office, issued_on=dt.date(2026, 9, 20), kind="postponement", case_id=999_999
        )
    )
    _send(dataclasses.replace(signed_decision(office, issued_on=dt.date(2026, 9, 20)), kind="fee"))
    assert Case.objects.count() == 0
    assert OutboundSubmission.objects.count() == 0


def test_head_drafts_the_decision_an_action_needs_then_signing_applies_it(
    case, office_head, officer, django_capture_on_commit_callbacks, decision_templates
):
    from enforcement.exceptions import CaseTransitionError
    from enforcement.services import case_decision_draft

    with pytest.raises(CaseTransitionError) as exc:
        case_decision_draft(actor=officer, case=case, action="postpone")
    assert exc.value.message == "Vai trò của bạn không được thực hiện “Hoãn thi hành án”."
    decision_id = case_decision_draft(
        actor=office_head, case=case, action="postpone", fields={"ground": "Điều 48 khoản 1 điểm c"}
    )
    assert isinstance(decision_id, int)
    case.refresh_from_db()
    assert case.state == "decision_issued"  # unchanged until signed
    assert case.events.get().kind == "decision_drafted"
    data = signed_decision(
        case.office,
        issued_on=dt.date(2026, 9, 20),
        kind="postponement",
        case_id=case.pk,
        decision_id=decision_id,
    )
    with django_capture_on_commit_callbacks(execute=False):
        _send(data)
    case.refresh_from_db()
    assert case.state == "postponed"
