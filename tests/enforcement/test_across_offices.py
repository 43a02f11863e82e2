"""Entrustment to another office with its history; documents received for another office's
case; tasks (the IOC's entry point)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from enforcement.exceptions import CaseTaskError
from enforcement.models import Case
from enforcement.models import CaseTask
from enforcement.selectors import case_get_for_user
from enforcement.selectors import case_list_for_user
from enforcement.selectors import case_timeline
from enforcement.services import case_inbound_document_record
from enforcement.services import case_task_create
from enforcement.services import case_task_done
from enforcement.services import case_transition
from tests.enforcement.helpers import at
from thads.audit.models import AuditEvent
from thads.notify.models import Notification
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def test_entrustment_opens_a_linked_case_with_readable_history(
    case, office_head, other_office, other_officer, make_user
):
    case = case_transition(
        actor=office_head,
        case=case,
        action="entrust",
        version=case.version,
        payload={"office_id": other_office.pk},
        at=at(2026, 9, 21),
    )
    assert (case.state, case.entrusted_to_office) == ("entrusted_out", other_office)
    received = Case.objects.get(entrusted_from=case)
    assert (received.office, received.state, received.number) == (
        other_office,
        "received",
        "1/2026",
    )
    assert received.parties.count() == 2
    assert received.deadlines.get().rule_code == "T17A_RECEIVER_DECISION"
    assert received.deadlines.get().due_on == dt.date(2026, 9, 28)
    # The receiving office reads the sender's case and the whole history, but cannot act on it.
    assert case_get_for_user(actor=other_officer, pk=case.pk) == case
    assert [e.kind for e in case_timeline(case=received)] == ["transition.entrust", "entrusted_in"]
    assert list(case_list_for_user(actor=other_officer)) == [received]
    receiver_head = make_user(Role.OFFICE_HEAD, other_office)
    received = case_transition(
        actor=receiver_head,
        case=received,
        action="issue_decision",
        version=received.version,
        at=at(2026, 9, 23),
    )
    assert received.state == "decision_issued"


def test_out_of_scope_case_is_404(case, other_officer):
    with pytest.raises(Http404):
        case_get_for_user(actor=other_officer, pk=case.pk)


def test_any_office_records_a_document_for_another_offices_case(
    case, make_user, other_office, office_head, officer, django_capture_on_commit_callbacks
):
    office_head.email = "truong@thads.test"
    office_head.save()
    officer.email = "chv@thads.test"
    officer.save()
    reception = make_user(Role.RECEPTION_OFFICER, other_office)
    with django_capture_on_commit_callbacks(execute=False):
        event = case_inbound_document_record(
            actor=reception,
            case=case,
            title="Đơn đề nghị hoãn thi hành án",
            sender_name="Trần Văn Nợ",
        )
    assert event.title == f"Nhận văn bản: Đơn đề nghị hoãn thi hành án (tại {other_office.name})"
    assert event.detail["received_by_office"] == other_office.code
    assert sorted(Notification.objects.values_list("recipient", flat=True)) == [
        "chv@thads.test",
        "truong@thads.test",
    ]
    audit = AuditEvent.objects.get(action="enforcement.inbound_document")
    assert audit.chain == case.office.code


def test_tasks_from_the_ioc_and_their_permissions(
    case, office, office_head, officer, other_officer, ministry_leader
):
    task = case_task_create(
        actor=ministry_leader,
        office=office,
        title="Rà soát hồ sơ quá hạn",
        due_on=dt.date(2026, 12, 1),
        assignee=officer,
        source="ioc",
    )
    assert (task.source, task.assignee, task.status) == ("ioc", officer, "open")
    with pytest.raises(CaseTaskError) as exc:
        case_task_create(actor=other_officer, office=office, title="X", due_on=None, case=case)
    assert exc.value.message == "Bạn không được giao việc cho đơn vị này."
    with pytest.raises(CaseTaskError) as exc:
        case_task_done(actor=other_officer, task=task)
    assert exc.value.message == "Bạn không được đánh dấu hoàn thành công việc này."
    task = case_task_done(actor=officer, task=task)
    assert task.status == CaseTask.Status.DONE
    assert (
        AuditEvent.objects.filter(
            action__in=["enforcement.task_created", "enforcement.task_done"]
        ).count()
        == 2
    )
