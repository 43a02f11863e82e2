"""``case_decision_draft`` keeps what the action needs beyond the decision (receiving office,
end of a postponement) and ``case_decision_record`` applies it when the decision is signed."""

from __future__ import annotations

import datetime as dt

import pytest

from decisions.models import Decision
from decisions.signals import decision_signed
from enforcement.exceptions import CaseTransitionError
from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import Deadline
from enforcement.services import case_decision_draft
from tests.enforcement.helpers import signed_decision

pytestmark = pytest.mark.django_db


def _sign(case, decision_id, kind, capture):
    data = signed_decision(
        case.office,
        issued_on=dt.date(2026, 11, 20),
        kind=kind,
        case_id=case.pk,
        decision_id=decision_id,
    )
    with capture(execute=False):
        decision_signed.send(sender=None, decision_id=data.decision_id, data=data)


def test_an_invalid_receiving_office_is_refused_before_drafting(
    case, office_head, decision_templates
):
    for payload in ({}, {"office_id": case.office_id}, {"office_id": 999_999}):
        with pytest.raises(CaseTransitionError) as exc:
            case_decision_draft(actor=office_head, case=case, action="entrust", payload=payload)
        assert exc.value.message == "Hãy chọn cơ quan thi hành án khác nhận ủy thác."
    assert Decision.objects.count() == 0
    assert CaseEvent.objects.filter(case=case).count() == 0


def test_the_kept_payload_is_applied_when_the_decision_is_signed(
    case, office_head, other_office, decision_templates, django_capture_on_commit_callbacks
):
    decision_id = case_decision_draft(
        actor=office_head,
        case=case,
        action="entrust",
        fields={"receiving_office": other_office.name},
        payload={"office_id": other_office.pk, "note": "Tài sản ở tỉnh khác", "amount": 5},
    )
    event = CaseEvent.objects.get(case=case, kind="decision_drafted")
    assert event.detail["payload"] == {"office_id": other_office.pk, "note": "Tài sản ở tỉnh khác"}

    _sign(case, decision_id, "entrustment", django_capture_on_commit_callbacks)

    case.refresh_from_db()
    assert (case.state, case.entrusted_to_office_id) == ("entrusted_out", other_office.pk)
    assert Case.objects.filter(entrusted_from=case, office=other_office).count() == 1
    applied = CaseEvent.objects.get(case=case, kind="transition.entrust")
    assert applied.detail["note"] == "Tài sản ở tỉnh khác"
    assert applied.detail["decision_number"]


def test_postponement_until_is_kept_as_a_date(
    case, office_head, decision_templates, django_capture_on_commit_callbacks
):
    until = dt.date(2026, 12, 31)
    decision_id = case_decision_draft(
        actor=office_head, case=case, action="postpone", payload={"until": until}
    )
    assert CaseEvent.objects.get(case=case).detail["payload"] == {"until": "2026-12-31"}

    _sign(case, decision_id, "postponement", django_capture_on_commit_callbacks)

    case.refresh_from_db()
    assert case.state == "postponed"
    deadline = Deadline.objects.get(case=case, rule_code="T14A_RESUME_POSTPONED")
    assert deadline.trigger_on == until
