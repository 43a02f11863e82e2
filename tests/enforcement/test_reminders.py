"""The daily reminder sweep: overdue marking, officer reminders, escalation, once per day."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement.models import Deadline
from enforcement.services import deadline_reminders_run
from enforcement.tasks.cases import enforcement_deadline_reminders_task
from tests.factories.enforcement import CaseFactory
from tests.factories.enforcement import DeadlineFactory
from thads.audit.models import AuditEvent
from thads.notify.models import Notification

pytestmark = pytest.mark.django_db


def test_reminders_escalation_and_idempotency(
    office, officer, office_head, django_capture_on_commit_callbacks
):
    officer.email = "chv@thads.test"
    officer.save()
    office_head.email = "truongphong@thads.test"
    office_head.save()
    case = CaseFactory(office=office, assigned_officer=officer)
    overdue = DeadlineFactory(
        case=case,
        rule_code="T8_SERVE_DECISION",
        trigger_on=dt.date(2026, 11, 10),
        due_on=dt.date(2026, 11, 13),
    )
    soon = DeadlineFactory(
        case=case,
        rule_code="T7_SEND_PROCURACY",
        trigger_on=dt.date(2026, 11, 20),
        due_on=dt.date(2026, 11, 25),
    )
    later = DeadlineFactory(
        case=case,
        rule_code="T6_OPEN_FILE",
        trigger_on=dt.date(2026, 11, 20),
        due_on=dt.date(2026, 12, 10),
    )
    with django_capture_on_commit_callbacks(execute=False):
        first = deadline_reminders_run(on_date=dt.date(2026, 11, 23))
        second = deadline_reminders_run(on_date=dt.date(2026, 11, 23))
    assert (first.marked_overdue, first.reminded, first.escalated) == (1, 2, 1)
    assert (second.marked_overdue, second.reminded, second.escalated) == (0, 0, 0)
    overdue.refresh_from_db()
    soon.refresh_from_db()
    later.refresh_from_db()
    assert (overdue.status, overdue.reminded_on, overdue.escalated_on) == (
        "overdue",
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 23),
    )
    assert (soon.status, soon.escalated_on) == ("open", None)
    assert later.reminded_on is None
    notes = Notification.objects.order_by("pk")
    assert [(n.recipient, n.template) for n in notes] == [
        ("chv@thads.test", "enforcement_deadline_reminder"),
        ("truongphong@thads.test", "enforcement_deadline_escalation"),
        ("chv@thads.test", "enforcement_deadline_reminder"),
    ]
    assert notes[0].subject == f"Quá hạn: {overdue.title} – hồ sơ {case.number}"
    assert AuditEvent.objects.filter(action="enforcement.deadline_overdue").count() == 1
    # Next day: reminded again, not escalated again.
    with django_capture_on_commit_callbacks(execute=False):
        third = enforcement_deadline_reminders_task.apply(kwargs={"on_date": "2026-11-24"}).get()
    assert third == {"marked_overdue": 0, "reminded": 2, "escalated": 0}


def test_paused_and_ended_cases_are_not_reminded(office, officer):
    ended = CaseFactory(office=office, assigned_officer=officer, state="completed")
    DeadlineFactory(case=ended, due_on=dt.date(2026, 11, 1), trigger_on=dt.date(2026, 10, 28))
    paused = CaseFactory(office=office, assigned_officer=officer, state="postponed")
    DeadlineFactory(
        case=paused,
        status=Deadline.Status.PAUSED,
        due_on=dt.date(2026, 11, 1),
        trigger_on=dt.date(2026, 10, 28),
    )
    result = deadline_reminders_run(on_date=dt.date(2026, 11, 23))
    assert (result.marked_overdue, result.reminded, result.escalated) == (0, 0, 0)
