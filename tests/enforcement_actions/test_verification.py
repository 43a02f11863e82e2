"""Verification of conditions: round trip with the simulator, the record PDF, proposal and
classification through case_transition, re-verification scheduling (T12)."""

from __future__ import annotations

import datetime as dt

import pypdfium2
import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from enforcement.exceptions import CaseTransitionError
from enforcement.exceptions import VerificationError
from enforcement.models import Case
from enforcement.models import CaseTask
from enforcement.models import Deadline
from enforcement.models import Verification
from enforcement.models import VerificationRequest
from enforcement.services import verification_answer_record
from enforcement.services import verification_classify
from enforcement.services import verification_propose
from enforcement.services import verification_record
from enforcement.services import verification_start
from enforcement.services import verifications_schedule_due
from tests.factories.enforcement import CaseFactory
from thads.documents.models import Document
from thads.documents.storage import original_path
from thads.documents.text import nfc

pytestmark = pytest.mark.django_db

TARGETS = [("bank", "vcb"), ("land", "79"), ("vehicle", ""), ("population", "")]


@pytest.fixture
def vcase(office, officer):
    return CaseFactory(
        office=office,
        assigned_officer=officer,
        state=Case.State.VERIFICATION,
        debtor_id_number="001085012345",
    )


def start(case, officer, capture, targets=TARGETS):
    with capture(execute=True):
        return verification_start(actor=officer, case=case, targets=targets)


def test_round_trip_with_the_simulator_records_parsed_answers_and_the_pdf(
    vcase, officer, integration_simulator, django_capture_on_commit_callbacks, media_root
):
    v = start(vcase, officer, django_capture_on_commit_callbacks)

    answers = {r.kind: r for r in v.requests.all()}
    assert {k: r.status for k, r in answers.items()} == {
        "bank": "answered",
        "land": "answered",
        "vehicle": "answered",
        "population": "answered",
    }
    assert answers["bank"].target_code == "VCB"
    accounts = answers["bank"].answer["accounts"]
    assert accounts and all(isinstance(a["balance_vnd"], int) for a in accounts)
    assert answers["land"].answer["parcels"][0]["certificate_number"].startswith("CS")
    assert answers["population"].answer["person"]["current_address"]
    assert len(integration_simulator.app.messages()) == 4

    with django_capture_on_commit_callbacks(execute=True):
        recorded = verification_record(actor=officer, verification=v)

    recorded.refresh_from_db()
    assert recorded.status == Verification.Status.RECORDED
    assert recorded.findings["total_balance_vnd"] == sum(a["balance_vnd"] for a in accounts)
    document = Document.objects.get(pk=recorded.record_document_id)
    assert (document.kind, document.office_id) == ("pdf", vcase.office_id)
    pdf = pypdfium2.PdfDocument(str(original_path(document.storage_name)))
    text = nfc(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
    assert "BIÊN BẢN" in text
    assert "Xác minh điều kiện thi hành án" in text
    for account in accounts:
        assert account["account_number"] in text


def test_a_timeout_leaves_the_request_waiting_and_the_record_is_refused(
    office, officer, integration_simulator, django_capture_on_commit_callbacks
):
    case = CaseFactory(
        office=office,
        assigned_officer=officer,
        state=Case.State.VERIFICATION,
        debtor_id_number="001085012349",
    )
    v = start(case, officer, django_capture_on_commit_callbacks, targets=[("vehicle", "")])

    request = v.requests.get()
    assert (request.status, request.attempts) == (VerificationRequest.Status.FAILED, 1)
    assert request.next_retry_at is not None
    with pytest.raises(VerificationError) as error:
        verification_record(actor=officer, verification=v)
    assert error.value.message == (
        "Còn 1 yêu cầu xác minh chưa có trả lời: chưa lập biên bản được."
    )
    case.refresh_from_db()
    assert case.state == Case.State.VERIFICATION


def test_manual_answer_then_proposal_and_head_classification_no_conditions(
    vcase, officer, office_head, django_capture_on_commit_callbacks, integration_simulator
):
    integration_simulator.app.configure(force_status=503)
    v = start(vcase, officer, django_capture_on_commit_callbacks, targets=[("bank", "BIDV")])
    request = v.requests.get()
    verification_answer_record(
        actor=officer, request=request, found=False, summary="Ngân hàng trả lời bằng văn bản"
    )
    with django_capture_on_commit_callbacks(execute=False):
        verification_record(actor=officer, verification=v)
    verification_propose(
        actor=officer,
        verification=v,
        proposal="no_conditions",
        reason="Không có tài sản, thu nhập (Điều 44a khoản 1 điểm a)",
    )

    with pytest.raises(VerificationError) as error:
        verification_classify(actor=officer, verification=v)
    assert error.value.message == (
        "Chỉ Thủ trưởng cơ quan thi hành án được phân loại điều kiện thi hành án."
    )

    verification_classify(actor=office_head, verification=v)

    vcase.refresh_from_db()
    v.refresh_from_db()
    assert vcase.state == Case.State.NO_CONDITIONS
    assert v.status == Verification.Status.CLASSIFIED
    scheduled = vcase.verifications.get(status=Verification.Status.SCHEDULED)
    today = timezone.localdate()
    assert scheduled.kind == Verification.Kind.PERIODIC
    assert scheduled.rule.code == "T12_REVERIFY"
    deadline = Deadline.objects.get(case=vcase, rule_code="T12_REVERIFY", status="open")
    assert deadline.trigger_on == today
    assert scheduled.due_on == deadline.due_on
    assert deadline.due_on - (today + relativedelta(months=6)) <= dt.timedelta(days=3)


def test_long_interval_for_a_prisoner_and_scheduled_round_opens_when_due(
    vcase, officer, office_head, django_capture_on_commit_callbacks, integration_simulator
):
    v = start(vcase, officer, django_capture_on_commit_callbacks, targets=[("population", "")])
    with django_capture_on_commit_callbacks(execute=False):
        verification_record(actor=officer, verification=v)
    verification_propose(
        actor=officer,
        verification=v,
        proposal="no_conditions",
        reason="Đang chấp hành án phạt tù 5 năm",
        debtor_in_prison_long=True,
    )
    verification_classify(actor=office_head, verification=v)
    scheduled = vcase.verifications.get(status=Verification.Status.SCHEDULED)
    today = timezone.localdate()
    assert scheduled.rule.code == "T12_REVERIFY_LONG"
    deadline = Deadline.objects.get(case=vcase, status="open", rule_code__startswith="T12")
    assert deadline.rule_code == "T12_REVERIFY_LONG"
    assert scheduled.due_on == deadline.due_on
    assert deadline.due_on - (today + relativedelta(months=12)) <= dt.timedelta(days=3)
    assert Deadline.objects.get(case=vcase, rule_code="T12_REVERIFY").status == "cancelled"

    assert verifications_schedule_due(today=scheduled.due_on - dt.timedelta(days=1)) == []
    with django_capture_on_commit_callbacks(execute=True):
        opened = verifications_schedule_due(today=scheduled.due_on)

    scheduled.refresh_from_db()
    assert opened == [scheduled.pk]
    assert scheduled.status == Verification.Status.OPEN
    assert list(scheduled.requests.values_list("kind", flat=True)) == ["population"]
    task = CaseTask.objects.get(case=vcase)
    assert (task.assignee, task.due_on) == (officer, scheduled.due_on)
    assert task.title == "Xác minh lại định kỳ điều kiện thi hành án (lần 2)"


def test_beat_schedules_a_no_conditions_case_classified_elsewhere(office, officer):
    case = CaseFactory(
        office=office,
        assigned_officer=officer,
        state=Case.State.NO_CONDITIONS,
        state_changed_at=timezone.make_aware(dt.datetime(2026, 8, 31, 10, 0)),  # noqa: DTZ001
    )

    assert verifications_schedule_due(today=dt.date(2026, 11, 23)) == []

    scheduled = case.verifications.get()
    assert (scheduled.status, scheduled.due_on) == ("scheduled", dt.date(2027, 2, 28))


def test_classification_refused_by_the_state_machine_changes_nothing(
    office, officer, office_head, django_capture_on_commit_callbacks, integration_simulator
):
    case = CaseFactory(
        office=office,
        assigned_officer=officer,
        state=Case.State.HAS_CONDITIONS,
        debtor_id_number="001085012345",
    )
    v = start(case, officer, django_capture_on_commit_callbacks, targets=[("population", "")])
    case.refresh_from_db()
    assert case.state == Case.State.VERIFICATION  # start_verification taken
    Case.objects.filter(pk=case.pk).update(state=Case.State.COMPLETED)
    with django_capture_on_commit_callbacks(execute=False):
        verification_record(actor=officer, verification=v)
    verification_propose(actor=officer, verification=v, proposal="has_conditions", reason="")

    with pytest.raises(CaseTransitionError):
        verification_classify(actor=office_head, verification=v)

    v.refresh_from_db()
    assert v.status == Verification.Status.PROPOSED
    assert not case.verifications.filter(status=Verification.Status.SCHEDULED).exists()


def test_periodic_round_with_nothing_new_keeps_the_case_and_restarts_t12(
    vcase, officer, office_head, django_capture_on_commit_callbacks, integration_simulator
):
    first = start(vcase, officer, django_capture_on_commit_callbacks, targets=[("vehicle", "")])
    with django_capture_on_commit_callbacks(execute=False):
        verification_record(actor=officer, verification=first)
    verification_propose(actor=officer, verification=first, proposal="no_conditions", reason="X")
    verification_classify(actor=office_head, verification=first)
    scheduled = vcase.verifications.get(status=Verification.Status.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        verifications_schedule_due(today=scheduled.due_on)
    scheduled.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False):
        verification_record(actor=officer, verification=scheduled)
    verification_propose(
        actor=officer, verification=scheduled, proposal="no_conditions", reason="Không có gì mới"
    )

    verification_classify(actor=office_head, verification=scheduled)

    vcase.refresh_from_db()
    assert vcase.state == Case.State.NO_CONDITIONS
    t12 = Deadline.objects.filter(case=vcase, rule_code="T12_REVERIFY").order_by("pk")
    assert [d.status for d in t12] == ["met", "open"]
    nxt = vcase.verifications.get(status=Verification.Status.SCHEDULED)
    assert (nxt.number, nxt.due_on) == (3, t12.last().due_on)


def test_garbage_answer_is_retried_by_the_beat_task_until_answered(
    office, officer, integration_simulator, django_capture_on_commit_callbacks
):
    from enforcement.tasks.actions import actions_retry_due_task

    case = CaseFactory(
        office=office,
        assigned_officer=officer,
        state=Case.State.VERIFICATION,
        debtor_id_number="001085012348",
    )
    v = start(case, officer, django_capture_on_commit_callbacks, targets=[("bank", "ACB")])
    request = v.requests.get()
    assert (request.status, request.error) == (
        VerificationRequest.Status.FAILED,
        "Hệ thống Ngân hàng trả về dữ liệu không hợp lệ: không phải JSON.",
    )

    integration_simulator.app.configure(failures=False)
    VerificationRequest.objects.filter(pk=request.pk).update(
        next_retry_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert actions_retry_due_task.delay().get() == 1

    request.refresh_from_db()
    assert (request.status, request.attempts, request.next_retry_at) == ("answered", 2, None)
    assert [m["outcome"] for m in integration_simulator.app.messages("bank")] == ["garbage", "ok"]
