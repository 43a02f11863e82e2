import datetime as dt

import pytest

from enforcement.models import CaseParty
from enforcement.models import Deadline
from tests.factories.enforcement import CaseFactory
from tests.factories.enforcement import CaseTaskFactory
from tests.factories.enforcement import DeadlineFactory

pytestmark = pytest.mark.django_db


def test_case_factory_makes_parties_and_obligation(office):
    case = CaseFactory(office=office, officer=True)
    assert case.assigned_officer.office == office
    assert list(case.parties.values_list("role", flat=True)) == [
        CaseParty.Role.DEBTOR,
        CaseParty.Role.CREDITOR,
    ]
    assert case.obligations.get().amount_vnd == 150_000_000


def test_deadline_and_task_factories(case):
    deadline = DeadlineFactory(case=case, due_on=dt.date(2026, 9, 4))
    assert deadline.rule.law_version == "L2025"
    assert deadline.status == Deadline.Status.OPEN
    task = CaseTaskFactory(case=case)
    assert task.office == case.office
