"""Deadlines from legal rules as data: Tết 2026 and 2027, both law versions, explanations."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement.models import Deadline
from enforcement.models import LegalRule
from enforcement.rules import rule_definitions
from enforcement.rules import rules_sync
from enforcement.selectors import case_deadlines
from enforcement.selectors import legal_rule_in_force
from enforcement.services import case_certificate_request
from enforcement.services import case_open_from_decision
from enforcement.services import case_transition
from enforcement.services import deadline_compute
from tests.enforcement.helpers import at
from tests.enforcement.helpers import signed_decision

pytestmark = pytest.mark.django_db


def _due(case, code):
    return Deadline.objects.get(case=case, rule_code=code, status__in=("open", "overdue")).due_on


def test_rules_loaded_once_and_resync_is_idempotent():
    assert LegalRule.objects.count() == len(rule_definitions()) == 44
    assert rules_sync() == (0, 0)
    assert LegalRule.objects.count() == 44


@pytest.mark.parametrize(
    ("code", "day", "law", "unit", "length", "confidence"),
    [
        ("T19_RESULT_CERTIFICATE", dt.date(2026, 6, 30), "L2008", "working_days", 5, "V"),
        ("T19_RESULT_CERTIFICATE", dt.date(2026, 7, 1), "ND152", "working_days", 3, "V"),
        ("POSTING_DURATION", dt.date(2026, 6, 30), "L2008", "days", 10, "V"),
        ("POSTING_DURATION", dt.date(2026, 7, 1), "ND152", "days", 7, "V"),
        ("T9_VOLUNTARY_PERIOD", dt.date(2026, 6, 30), "L2008", "days", 10, "V"),
        ("T9_VOLUNTARY_PERIOD", dt.date(2026, 7, 1), "L2025", "days", 10, "?"),
        ("T13_SEPARATE_TRACKING", dt.date(2026, 6, 30), "ND62", "years", 1, "V"),
        ("T13_SEPARATE_TRACKING", dt.date(2026, 7, 1), "ND152", "years", 2, "V"),
    ],
)
def test_rule_in_force_on_the_trigger_day(code, day, law, unit, length, confidence):
    rule = legal_rule_in_force(code=code, on=day)
    assert (rule.law_version, rule.unit, rule.length, rule.confidence) == (
        law,
        unit,
        length,
        confidence,
    )


def test_rules_new_in_2026_do_not_exist_before():
    assert legal_rule_in_force(code="T6_OPEN_FILE", on=dt.date(2026, 6, 30)) is None
    assert legal_rule_in_force(code="T13_RETURN_REQUEST", on=dt.date(2026, 6, 30)) is None


def test_serving_deadline_across_tet_2026_explains_the_days_skipped(office):
    # Thursday 12/02/2026: 13/02 counts, 14–22/02 are the weekend and Tết Bính Ngọ.
    case = case_open_from_decision(data=signed_decision(office, issued_on=dt.date(2026, 2, 12)))
    t8 = Deadline.objects.get(case=case, rule_code="T8_SERVE_DECISION")
    assert t8.due_on == dt.date(2026, 2, 24)
    assert case.legal_regime == "L2008"
    e = t8.explanation
    assert (e["legal_basis"], e["law_version"], e["unconfirmed"]) == (
        "Điều 39 khoản 2 Luật THADS 2008",
        "L2008",
        False,
    )
    assert e["start_event"] == f"Ngày ra quyết định thi hành án số {case.decisions.get().number}"
    assert e["rule"] == (
        "Tính 3 ngày làm việc kể từ ngày tiếp theo sau 12/02/2026, không kể thứ Bảy, Chủ nhật, "
        "ngày lễ, Tết và ngày nghỉ bù."
    )
    holidays = [d["date"] for d in e["skipped"] if d["reason"] != "weekend"]
    assert holidays == ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]
    assert len(e["skipped"]) == 9


def test_serving_deadline_across_tet_2027_under_the_2025_law(office):
    case = case_open_from_decision(data=signed_decision(office, issued_on=dt.date(2027, 2, 3)))
    t8 = Deadline.objects.get(case=case, rule_code="T8_SERVE_DECISION")
    assert t8.due_on == dt.date(2027, 2, 15)
    assert (t8.rule.law_version, t8.explanation["unconfirmed"]) == ("L2025", True)
    assert [d["date"] for d in t8.explanation["skipped"]] == [
        "2027-02-04",
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
        "2027-02-13",
        "2027-02-14",
    ]


def test_voluntary_period_ending_in_tet_rolls_to_the_next_working_day(office, officer, office_head):
    case = case_open_from_decision(data=signed_decision(office, issued_on=dt.date(2027, 1, 25)))
    case = case_transition(
        actor=office_head,
        case=case,
        action="assign",
        version=case.version,
        payload={"officer_id": officer.pk},
        at=at(2027, 1, 25),
    )
    case = case_transition(
        actor=officer,
        case=case,
        action="serve_notice",
        version=case.version,
        payload={"valid_notice_at": at(2027, 1, 27, 14)},
        at=at(2027, 1, 27, 14),
    )
    t9 = Deadline.objects.get(case=case, rule_code="T9_VOLUNTARY_PERIOD")
    # 10 days from 27/01/2027 → 06/02/2027, in Tết → Thursday 11/02/2027 (Civil Code Art 148).
    assert (t9.explanation["nominal_end"], t9.due_on) == ("2027-02-06", dt.date(2027, 2, 11))
    assert t9.explanation["rule"].endswith(
        "Ngày đó là ngày nghỉ nên thời hạn kết thúc vào ngày làm việc tiếp theo, 11/02/2027."
    )
    # T10 (verification within 10 days after the voluntary period) starts from that end.
    assert _due(case, "T10_START_VERIFICATION") == dt.date(2027, 2, 22)  # 21/02 is a Sunday


@pytest.mark.parametrize(
    ("request_day", "due", "law"),
    [
        (at(2026, 6, 29), dt.date(2026, 7, 6), "L2008"),  # 5 wd (L2008 Art 53)
        (at(2026, 7, 1), dt.date(2026, 7, 6), "ND152"),  # 3 wd (ND152 Art 32(3))
    ],
)
def test_certificate_deadline_follows_the_law_of_the_request_day(
    case, officer, request_day, due, law, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        certificate = case_certificate_request(
            actor=officer, case=case, requested_by_name="Lê Thị Được", at=request_day
        )
    assert (certificate.deadline.due_on, certificate.deadline.rule.law_version) == (due, law)


def test_no_conditions_starts_reverification_and_separate_tracking_by_law_version(
    office, office_head, officer
):
    results = {}
    for issued, kind in ((dt.date(2026, 3, 2), "proactive"), (dt.date(2026, 8, 3), "on_request")):
        case = case_open_from_decision(data=signed_decision(office, issued_on=issued, kind=kind))
        for action, payload in (
            ("assign", {"officer_id": officer.pk}),
            ("serve_notice", {"valid_notice_at": at(issued.year, issued.month, issued.day + 1)}),
            ("start_verification", {"urgent": True}),
            ("classify_no_conditions", {}),
        ):
            actor = office_head if action in ("assign", "classify_no_conditions") else officer
            case = case_transition(
                actor=actor,
                case=case,
                action=action,
                version=case.version,
                payload=payload,
                at=at(issued.year, issued.month, issued.day + 2),
            )
        results[kind] = {
            d.deadline.rule_code: (d.deadline.due_on, d.deadline.rule.law_version)
            for d in case_deadlines(case=case)
            if d.deadline.is_active
        }
    # 04/03/2026 + 6 months = 04/09/2026 (Friday); + 1 year = 04/03/2027 (Thursday).
    # No T6 before 01/07/2026 (ND152 Art 12(2) is new).
    assert results["proactive"] == {
        "T7_SEND_PROCURACY": (dt.date(2026, 3, 5), "L2008"),
        "T11A_PUBLISH_NO_CONDITIONS": (dt.date(2026, 3, 11), "ND62"),
        "T12_REVERIFY": (dt.date(2026, 9, 4), "L2008"),
        "T13_SEPARATE_TRACKING": (dt.date(2027, 3, 4), "ND62"),
    }
    # 05/08/2026: on request under ND152 → "gửi lại yêu cầu" after 2 years (05/08/2028).
    assert results["on_request"]["T13_RETURN_REQUEST"] == (dt.date(2028, 8, 7), "ND152")
    # + 6 months = 05/02/2027, in Tết Đinh Mùi → Thursday 11/02/2027.
    assert results["on_request"]["T12_REVERIFY"] == (dt.date(2027, 2, 11), "L2025")
    assert results["on_request"]["T6_OPEN_FILE"] == (dt.date(2026, 8, 7), "ND152")


def test_deadline_compute_immediately():
    rule = LegalRule.objects.find("T10_VERIFY_INTERIM", dt.date(2026, 9, 1))
    due_on, due_at, explanation = deadline_compute(
        rule=rule, trigger_on=dt.date(2026, 9, 1), event="x", at=at(2026, 9, 1, 15)
    )
    assert (due_on, due_at, explanation["rule"]) == (
        dt.date(2026, 9, 1),
        at(2026, 9, 1, 15),
        "Thực hiện ngay từ ngày 01/09/2026.",
    )
