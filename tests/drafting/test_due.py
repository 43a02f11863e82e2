"""What is due for a confirmed judgment: proactive per debtor, joint, fees, on request."""

import datetime as dt

import pytest

from decisions.models import Judgment
from decisions.selectors import decisions_due_for_judgment
from decisions.services import creditor_request_record
from thads.calendar.workdays import add_working_days

pytestmark = pytest.mark.django_db

AFTER_SWITCH = dt.date(2026, 11, 23)
BEFORE_SWITCH = dt.date(2026, 6, 1)


def _received(judgment, day):
    Judgment.objects.filter(pk=judgment.pk).update(
        received_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
    )
    judgment.refresh_from_db()


def test_one_proactive_decision_per_debtor_and_private_items_await_the_request(judgment_fees):
    _received(judgment_fees, dt.date(2026, 11, 20))  # a Friday

    due = decisions_due_for_judgment(judgment=judgment_fees, on=AFTER_SWITCH)

    assert [(d.kind, d.status, d.debtor_name, d.total_vnd) for d in due] == [
        ("proactive", "due", "Trần Thị Bích", 3_750_000),
        ("proactive", "due", "Lê Văn Cường", 300_000),
        ("on_request", "awaiting_request", "Trần Thị Bích", 125_000_000),
    ]
    proactive = due[0]
    # 5 working days after Friday 20/11: not 21-22 (weekend) nor 24/11 (Ngày Văn hóa Việt Nam)
    assert proactive.deadline == dt.date(2026, 11, 30)
    assert proactive.deadline == add_working_days(dt.date(2026, 11, 20), 5)
    assert proactive.law_version == "L2025"
    assert "Điều 8 khoản 1 Nghị định 152/2026/NĐ-CP" in proactive.legal_basis
    assert proactive.deadline_basis.startswith("Điều 33 Luật Thi hành án dân sự 2025")
    assert proactive.debtor_id_number == "001180000001"
    assert due[2].deadline is None


def test_before_the_switch_all_proactive_items_of_a_judgment_form_one_decision(judgment_fees):
    _received(judgment_fees, dt.date(2026, 5, 29))

    due = decisions_due_for_judgment(judgment=judgment_fees, on=BEFORE_SWITCH)

    proactive = [d for d in due if d.kind == "proactive"]
    assert len(proactive) == 1
    assert proactive[0].debtor_name == "Trần Thị Bích và Lê Văn Cường"
    assert proactive[0].total_vnd == 4_050_000
    assert proactive[0].law_version == "L2008"
    assert proactive[0].legal_basis.startswith("Điều 6 Nghị định 62/2015/NĐ-CP")
    assert proactive[0].deadline_basis.startswith("Điều 36 khoản 2 Luật Thi hành án dân sự 2008")


def test_joint_obligation_is_one_joint_decision_and_the_fine_one_more(judgment_joint):
    due = decisions_due_for_judgment(judgment=judgment_joint, on=AFTER_SWITCH)

    assert [(d.kind, d.debtor_name, d.joint, d.total_vnd) for d in due] == [
        ("proactive", "Phạm Văn Dũng và Hoàng Văn Em", True, 80_000_000),
        ("proactive", "Phạm Văn Dũng", False, 20_000_000),
    ]


def test_a_recorded_request_makes_the_on_request_decision_due_in_5_working_days(
    judgment_fees, officer
):
    creditor_request_record(
        actor=officer,
        judgment=judgment_fees,
        creditor_name="Nguyễn Văn An",
        received_on=dt.date(2026, 11, 18),
    )

    due = decisions_due_for_judgment(judgment=judgment_fees, on=AFTER_SWITCH)

    on_request = [d for d in due if d.kind == "on_request"]
    assert [(d.status, d.request_date, d.deadline) for d in on_request] == [
        ("due", dt.date(2026, 11, 18), dt.date(2026, 11, 26))
    ]


def test_a_judgment_not_confirmed_has_nothing_due(judgment_fees):
    Judgment.objects.filter(pk=judgment_fees.pk).update(status=Judgment.Status.REVIEW)
    judgment_fees.refresh_from_db()

    assert decisions_due_for_judgment(judgment=judgment_fees, on=AFTER_SWITCH) == []
