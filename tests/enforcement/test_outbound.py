"""Outbound duties: decisions to the procuracy (simulator), monthly ended-case list."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement.models import Case
from enforcement.models import Deadline
from enforcement.models import OutboundSubmission
from enforcement.services import case_open_from_decision
from enforcement.services import monthly_ended_list_queue
from enforcement.tasks.cases import procuracy_send_decision_task
from tests.enforcement.helpers import signed_decision
from tests.factories.enforcement import CaseFactory
from thads.integrations.models import IntegrationCall

pytestmark = pytest.mark.django_db


def _open(office, number_suffix, django_capture_on_commit_callbacks):
    data = signed_decision(office, issued_on=dt.date(2026, 9, 14))
    data = type(data)(**{**data.__dict__, "number": f"{data.decision_id}{number_suffix}/QĐ-THADS"})
    with django_capture_on_commit_callbacks(execute=True):
        case = case_open_from_decision(data=data)
    return case


def test_decision_reaches_the_procuracy_and_meets_t7(
    office, integration_simulator, django_capture_on_commit_callbacks
):
    case = _open(office, "1", django_capture_on_commit_callbacks)
    submission = OutboundSubmission.objects.get(case=case)
    assert (submission.status, submission.attempts) == ("sent", 1)
    assert submission.reference != ""
    assert Deadline.objects.get(case=case, rule_code="T7_SEND_PROCURACY").status == "met"
    assert case.events.filter(kind="deadline_met").count() == 1
    assert [m["outcome"] for m in integration_simulator.app.messages()] == ["ok"]
    # Idempotent: running the task again sends nothing.
    assert (
        procuracy_send_decision_task.apply(kwargs={"submission_id": submission.pk}).get()
        == "skipped"
    )
    assert len(integration_simulator.app.messages()) == 1


@pytest.mark.parametrize(("digit", "outcome"), [("8", "garbage"), ("7", "unavailable")])
def test_garbage_or_outage_leaves_failed_calls_and_retries_never_a_half_updated_case(
    office, integration_simulator, django_capture_on_commit_callbacks, digit, outcome
):
    case = _open(office, digit, django_capture_on_commit_callbacks)
    version = Case.objects.get(pk=case.pk).version
    submission = OutboundSubmission.objects.get(case=case)
    # Eager mode runs the retries inline: 1 try + 5 retries, then FAILED for good.
    assert (submission.status, submission.attempts) == ("failed", 6)
    assert submission.last_error != ""
    call = IntegrationCall.objects.get(pk=submission.integration_call_id)
    assert call.status != "succeeded"
    assert {m["outcome"] for m in integration_simulator.app.messages()} == {outcome}
    assert Deadline.objects.get(case=case, rule_code="T7_SEND_PROCURACY").status == "open"
    assert Case.objects.get(pk=case.pk).version == version


def test_monthly_list_of_ended_cases(
    office, integration_simulator, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    ended = CaseFactory(office=office, state=Case.State.COMPLETED, end_reason="Đã thi hành xong")
    Case.objects.filter(pk=ended.pk).update(
        state_changed_at=timezone.make_aware(dt.datetime(2026, 10, 15, 9))  # noqa: DTZ001
    )
    CaseFactory(office=office, state=Case.State.VERIFICATION)
    with django_capture_on_commit_callbacks(execute=True):
        submission = monthly_ended_list_queue(office=office, year=2026, month=10)
        again = monthly_ended_list_queue(office=office, year=2026, month=10)
    assert again.pk == submission.pk
    submission.refresh_from_db()
    assert [c["number"] for c in submission.payload["cases"]] == [ended.number]
    assert (submission.status, submission.key) == ("sent", f"monthly-{office.code}-2026-10")


def test_a_later_success_by_the_integrations_retry_marks_the_submission_sent(
    office, integration_simulator, django_capture_on_commit_callbacks
):
    from thads.integrations.services import integration_call_retry

    case = _open(office, "7", django_capture_on_commit_callbacks)
    submission = OutboundSubmission.objects.get(case=case)
    assert submission.status == "failed"
    integration_simulator.app.configure(failures=False)
    call = IntegrationCall.objects.get(pk=submission.integration_call_id)
    integration_call_retry(call=call)
    submission.refresh_from_db()
    assert (submission.status, submission.attempts) == ("sent", 7)
    assert Deadline.objects.get(case=case, rule_code="T7_SEND_PROCURACY").status == "met"
