"""Reads: scope (visible and hidden ids), deadline views, IOC counts."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement.selectors import case_deadlines
from enforcement.selectors import case_list_for_user
from enforcement.selectors import case_overdue_counts_by_office
from enforcement.selectors import case_task_list_for_user
from tests.factories.enforcement import CaseFactory
from tests.factories.enforcement import CaseTaskFactory
from tests.factories.enforcement import DeadlineFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("same_office_officer", {"own"}),
        ("office_head", {"own"}),
        ("provincial_head", {"own", "sibling"}),
        ("ministry_leader", {"own", "sibling", "other"}),
        ("sibling_office_officer", {"sibling"}),
        ("other_officer", {"other"}),
        ("other_provincial_head", {"other"}),
    ],
)
def test_case_list_scope(actor, office, sibling_office, other_office, who, sees):
    cases = {
        "own": CaseFactory(office=office),
        "sibling": CaseFactory(office=sibling_office),
        "other": CaseFactory(office=other_office),
    }
    visible = set(case_list_for_user(actor=actor(who)).values_list("pk", flat=True))
    assert visible == {cases[name].pk for name in sees}


def test_case_list_filters(office, officer, actor):
    mine = CaseFactory(office=office, assigned_officer=officer, debtor_name="Đỗ Văn Tìm")
    CaseFactory(office=office, state="completed")
    head = actor("office_head")
    assert list(case_list_for_user(actor=head, officer_id=officer.pk)) == [mine]
    assert list(case_list_for_user(actor=head, search="Tìm")) == [mine]
    assert list(case_list_for_user(actor=head, include_ended=False)) == [mine]
    assert case_list_for_user(actor=head, state="completed").count() == 1


def test_deadline_views_running_first_with_working_days_left(case):
    met = DeadlineFactory(
        case=case, rule_code="T7_SEND_PROCURACY", status="met", due_on=dt.date(2026, 9, 2)
    )
    running = DeadlineFactory(case=case, rule_code="T8_SERVE_DECISION", due_on=dt.date(2026, 9, 7))
    # From Wednesday 02/09/2026: 03/09, 04/09 and Monday 07/09 are left.
    views = case_deadlines(case=case, today=dt.date(2026, 9, 2))
    assert [v.deadline for v in views] == [running, met]
    assert (views[0].working_days_left, views[0].overdue, views[0].unconfirmed) == (3, False, True)
    assert (views[1].working_days_left, views[1].overdue) == (None, False)


def test_overdue_counts_by_office_for_the_ioc(office, other_office):
    a = CaseFactory(office=office)
    DeadlineFactory(
        case=a,
        rule_code="T8_SERVE_DECISION",
        trigger_on=dt.date(2026, 11, 2),
        due_on=dt.date(2026, 11, 5),
    )
    DeadlineFactory(
        case=a,
        rule_code="T7_SEND_PROCURACY",
        trigger_on=dt.date(2026, 11, 20),
        due_on=dt.date(2026, 11, 25),
    )
    DeadlineFactory(
        case=a,
        rule_code="T6_OPEN_FILE",
        trigger_on=dt.date(2026, 11, 20),
        due_on=dt.date(2026, 12, 20),
    )
    rows = case_overdue_counts_by_office(
        office_ids=[office.pk, other_office.pk],
        on_date=dt.date(2026, 11, 23),
        soon_until=dt.date(2026, 11, 26),
    )
    assert [(r.office_id, r.overdue, r.due_soon) for r in rows] == [(office.pk, 1, 1)]


def test_task_list_scope(case, actor, other_case):
    task = CaseTaskFactory(case=case)
    CaseTaskFactory(case=other_case)
    assert list(case_task_list_for_user(actor=actor("same_office_officer"))) == [task]
