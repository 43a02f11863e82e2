"""The statutory clocks of each kind, both law versions, counted on the working-day calendar
(Civil Code Arts 147-148; holidays of 2026 from the calendar: 31/08 (swapped with Saturday
22/08), 01-02/09 National Day, 24/11 Vietnam Culture Day)."""

import datetime as dt

import pytest

from citizen_reception.exceptions import PetitionRuleMissingError
from citizen_reception.models import Petition
from citizen_reception.models import PetitionDeadline
from citizen_reception.rules import rule_definitions
from citizen_reception.services import common
from citizen_reception.services import deadline_compute
from citizen_reception.services import deadlines_for_acceptance
from citizen_reception.services import petition_accept

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def clocks(petition):
    return [
        (d.code, d.due_on.isoformat(), d.rule.law_version)
        for d in PetitionDeadline.objects.filter(petition=petition, cancelled=False)
        .select_related("rule")
        .order_by("code")
    ]


def test_every_rule_has_both_law_versions_and_the_new_law_rows_start_01_07_2026():
    rows = rule_definitions()
    by_code: dict[str, list] = {}
    for row in rows:
        by_code.setdefault(row["code"], []).append(row)
    # enforcement_request.complete exists only from ND152 (new rule); every other has two rows.
    assert sorted(c for c, r in by_code.items() if len(r) != 2) == ["enforcement_request.complete"]
    for code, versions in by_code.items():
        last = versions[-1]
        assert (last["law_version"], last["valid_from"], last["valid_to"]) == (
            "L2025",
            dt.date(2026, 7, 1),
            None,
        ), code
        if len(versions) == 2:
            assert versions[0]["valid_to"] == dt.date(2026, 6, 30), code
    unconfirmed = {
        r["code"] for r in rows if r["confidence"] == "?" and r["law_version"] == "L2008"
    }
    assert unconfirmed == {
        "complaint.first.resolve.security_other",
        "complaint.second.resolve.security_other",
        "denunciation.further.resolve",
    }


def test_rules_sync_is_idempotent(reception_rules):
    from citizen_reception.rules import rules_sync

    assert reception_rules == len(rule_definitions()) == 45
    assert rules_sync() == (0, 0)


# --- on receipt, by kind -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Enforcement request, L2008: 5 wd to decide or refuse (Art 31(5), 36(1)); no T3a clock.
        (
            {"kind": "enforcement_request", "received_on": "2026-06-12"},
            [("enforcement_request.decide", "2026-06-19", "L2008")],
        ),
        # From 01/07/2026: 1 wd to ask for missing items (ND152 Art 9(6)) and 5 wd [?].
        (
            {"kind": "enforcement_request", "received_on": "2026-07-01"},
            [
                ("enforcement_request.complete", "2026-07-02", "L2025"),
                ("enforcement_request.decide", "2026-07-08", "L2025"),
            ],
        ),
        # First complaint, 5 wd: 29/08-02/09 are not working days.
        (
            {"received_on": "2026-08-28", "channel": "online"},
            [("complaint.first.accept", "2026-09-09", "L2025")],
        ),
        # Saturday 22/08/2026 is a working day (swapped).
        (
            {"received_on": "2026-06-05", "channel": "online"},
            [("complaint.first.accept", "2026-06-12", "L2008")],
        ),
        (
            {"received_on": "2026-08-21", "channel": "online"},
            [("complaint.first.accept", "2026-08-27", "L2025")],
        ),
        # Second complaint, 10 calendar days: 21/06 is a Sunday -> Monday 22/06.
        (
            {"received_on": "2026-06-11", "channel": "post", "complaint_level": 2},
            [("complaint.second.accept", "2026-06-22", "L2008")],
        ),
        # Denunciation: initial handling 7 wd (Luật Tố cáo Art 24).
        (
            {"kind": "denunciation", "received_on": "2026-06-01", "channel": "online"},
            [("denunciation.initial", "2026-06-10", "L2008")],
        ),
        # Proposal and report: 5 wd (TT13 Art 28).
        (
            {"kind": "proposal", "received_on": "2026-11-16", "channel": "online"},
            [("proposal.resolve", "2026-11-23", "L2025")],
        ),
        (
            {"kind": "report", "received_on": "2026-06-26", "channel": "online"},
            [("report.resolve", "2026-07-03", "L2008")],
        ),
        # At the counter also 10 wd to answer the citizen (Luật TCD Art 28(1)); 24/11 off.
        (
            {"kind": "report", "received_on": "2026-11-20", "channel": "counter"},
            [
                ("reception.answer", "2026-12-07", "L2025"),
                ("report.resolve", "2026-11-30", "L2025"),
            ],
        ),
    ],
)
def test_receipt_clocks_by_kind_and_law_version(receive_petition, fields, expected):
    if fields.get("channel") == "online":
        petition = receive_petition(actor=None, **fields)
    else:
        petition = receive_petition(**fields)

    assert clocks(petition) == expected


def test_the_explanation_names_the_rule_and_the_days_skipped(receive_petition):
    petition = receive_petition(received_on="2026-08-28")

    deadline = PetitionDeadline.objects.get(petition=petition, code="complaint.first.accept")
    assert deadline.title == "Thụ lý khiếu nại lần đầu"
    assert deadline.explanation.startswith(
        "Tính 5 ngày làm việc kể từ ngày tiếp theo sau 28/08/2026"
    )
    assert "Căn cứ: Thông tư 13/2021/TT-BTP Điều 9 (Luật THADS 2025: chưa xác nhận) (L2025)." in (
        deadline.explanation
    )
    assert deadline.explanation.endswith("Quy tắc này chưa được xác nhận với văn bản pháp luật.")


# --- on acceptance -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "obj", "accepted", "due", "law", "unconfirmed"),
    [
        (1, "pre_measure", "2026-06-01", "2026-06-16", "L2008", False),  # 15 days
        (1, "account_freeze", "2026-10-02", "2026-10-09", "L2025", True),  # 5 wd
        (1, "account_freeze", "2026-06-19", "2026-06-26", "L2008", False),
        (1, "security_other", "2026-10-01", "2026-10-12", "L2025", True),  # 10 days, Sunday
        (1, "coercion", "2026-10-01", "2026-11-02", "L2025", True),  # 30 days, Saturday
        (1, "coercion", "2026-06-01", "2026-07-01", "L2008", False),
        (1, "post_coercion", "2026-06-01", "2026-06-16", "L2008", False),
        (2, "pre_measure", "2026-06-01", "2026-07-01", "L2008", False),  # 30 days
        (2, "coercion", "2026-10-01", "2026-11-16", "L2025", True),  # 45 days, Sunday
        (2, "post_coercion", "2026-06-01", "2026-07-01", "L2008", False),
    ],
)
def test_complaint_resolution_periods(reception_rules, level, obj, accepted, due, law, unconfirmed):
    petition = Petition(kind="complaint", complaint_level=level, complaint_object=obj)

    computed = deadlines_for_acceptance(petition=petition, accepted_on=D(accepted))

    resolve = computed[0]
    assert (resolve.code, resolve.due_on, resolve.rule.law_version) == (
        f"complaint.{'first' if level == 1 else 'second'}.resolve.{obj}",
        D(due),
        law,
    )
    assert resolve.rule.unconfirmed is unconfirmed
    assert computed[1].code == "complaint.explanation_request"


def test_a_second_complaint_on_an_account_freeze_has_no_resolution_period(reception_rules):
    petition = Petition(kind="complaint", complaint_level=2, complaint_object="account_freeze")

    computed = deadlines_for_acceptance(petition=petition, accepted_on=D("2026-06-01"))

    assert [c.code for c in computed] == ["complaint.explanation_request"]


def test_explanation_request_two_working_days(reception_rules):
    petition = Petition(kind="complaint", complaint_level=1, complaint_object="coercion")

    computed = deadlines_for_acceptance(petition=petition, accepted_on=D("2026-10-02"))

    assert (computed[1].due_on, computed[1].rule.law_version) == (D("2026-10-06"), "L2025")


@pytest.mark.parametrize("flag", ["complex_case", "remote_area"])
def test_complex_cases_and_remote_areas_get_thirty_more_days(reception_rules, flag):
    petition = Petition(
        kind="complaint", complaint_level=1, complaint_object="coercion", **{flag: True}
    )

    resolve = deadlines_for_acceptance(petition=petition, accepted_on=D("2026-10-01"))[0]

    # 30 + 30 days from 01/10/2026 = 30/11/2026 (a Monday)
    assert (resolve.due_on, resolve.title) == (
        D("2026-11-30"),
        "Giải quyết khiếu nại lần đầu: biện pháp cưỡng chế (kéo dài)",
    )
    assert "Kéo dài thêm 30 ngày" in resolve.explanation


@pytest.mark.parametrize(
    ("accepted", "complex_case", "due", "law"),
    [
        ("2026-06-10", False, "2026-08-10", "L2008"),  # 60 days (Art 157), 09/08 is a Sunday
        ("2026-06-10", True, "2026-09-08", "L2008"),  # at most 90 days
        ("2026-07-10", False, "2026-08-10", "L2025"),  # 30 days [?], 09/08 is a Sunday
        ("2026-07-10", True, "2026-09-08", "L2025"),  # +30 days [?]
    ],
)
def test_denunciation_resolution_periods_under_each_law(
    reception_rules, accepted, complex_case, due, law
):
    petition = Petition(kind="denunciation", complex_case=complex_case)

    [resolve] = deadlines_for_acceptance(petition=petition, accepted_on=D(accepted))

    assert (resolve.code, resolve.due_on, resolve.rule.law_version) == (
        "denunciation.resolve",
        D(due),
        law,
    )


def test_a_further_denunciation_is_reviewed_within_twenty_days(reception_rules, office):
    previous = Petition(pk=1, kind="denunciation")
    petition = Petition(kind="denunciation", previous=previous)

    [resolve] = deadlines_for_acceptance(petition=petition, accepted_on=D("2026-10-01"))

    assert (resolve.code, resolve.due_on, resolve.rule.unconfirmed) == (
        "denunciation.further.resolve",
        D("2026-10-21"),
        True,
    )


def test_accepting_meets_the_receipt_clocks_and_starts_the_resolution_clocks(
    receive_petition, office_head, monkeypatch
):
    petition = receive_petition(received_on="2026-09-28")
    monkeypatch.setattr(common, "local_today", lambda: D("2026-10-01"))

    petition = petition_accept(actor=office_head, petition=petition, version=petition.version)

    assert petition.accepted_on == D("2026-10-01")
    rows = {
        d.code: (d.due_on.isoformat(), d.met_at is not None)
        for d in PetitionDeadline.objects.filter(petition=petition)
    }
    assert rows == {
        "complaint.first.accept": ("2026-10-05", True),
        "reception.answer": ("2026-10-12", True),
        "complaint.first.resolve.coercion": ("2026-11-02", False),
        "complaint.explanation_request": ("2026-10-05", False),
    }
    assert petition.events.last().public_text == ("Đơn đã được thụ lý; hạn giải quyết: 02/11/2026.")


def test_a_missing_rule_is_a_clear_error(db):
    with pytest.raises(PetitionRuleMissingError) as caught:
        deadline_compute(code="complaint.first.accept", starts_on=D("2000-01-03"))

    assert caught.value.message == (
        "Chưa có quy tắc thời hạn “complaint.first.accept” áp dụng cho ngày 03/01/2000."
    )
