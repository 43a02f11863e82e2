"""Coercion: blackout refusals with their exact messages (night, days off, Tết with forces,
cost notice), plans and measures, the freeze deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from enforcement.exceptions import CoercionBlackoutError
from enforcement.exceptions import CoercionError
from enforcement.models import Case
from enforcement.models import CoercionMeasure
from enforcement.models import CoercionPlan
from enforcement.models import Deadline
from enforcement.services import coercion_blackout_problems
from enforcement.services import coercion_measure_add
from enforcement.services import coercion_measure_lift
from enforcement.services import coercion_plan_create
from enforcement.services import lunar_new_year
from tests.factories.enforcement import CaseFactory
from thads.audit.models import AuditEvent
from thads.calendar.workdays import add_calendar_days

pytestmark = pytest.mark.django_db

BASIS = "Điều 46 khoản 2 Luật THADS 2008"


def at(y, m, d, hh, mm=0):
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))  # noqa: DTZ001


@pytest.fixture
def ccase(office, officer):
    return CaseFactory(office=office, assigned_officer=officer, state=Case.State.HAS_CONDITIONS)


def test_a_working_day_in_daytime_with_cost_notice_is_allowed():
    assert (
        coercion_blackout_problems(
            starts_at=at(2026, 12, 3, 8),
            ends_at=at(2026, 12, 3, 11),
            cost_notified_on=dt.date(2026, 11, 27),
        )
        == []
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (
            at(2026, 12, 3, 21),
            at(2026, 12, 3, 23),
            [f"Không được cưỡng chế trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau ({BASIS})."],
        ),
        (
            at(2026, 12, 5, 8),
            at(2026, 12, 5, 10),
            [f"Không được cưỡng chế vào ngày nghỉ, ngày lễ: 05/12/2026 (Thứ Bảy) ({BASIS})."],
        ),
        (
            at(2027, 1, 1, 8),
            at(2027, 1, 1, 10),
            [
                "Không được cưỡng chế vào ngày nghỉ, ngày lễ: 01/01/2027 (Tết Dương lịch) "
                f"({BASIS})."
            ],
        ),
    ],
)
def test_night_weekends_and_holidays_are_refused(start, end, expected):
    assert (
        coercion_blackout_problems(
            starts_at=start, ends_at=end, cost_notified_on=dt.date(2026, 11, 20)
        )
        == expected
    )


def test_tet_window_applies_only_with_mobilised_forces():
    assert lunar_new_year(2027) == dt.date(2027, 2, 6)
    kwargs = {
        "starts_at": at(2027, 2, 18, 8),
        "ends_at": at(2027, 2, 18, 11),
        "cost_notified_on": dt.date(2027, 2, 1),
    }

    assert coercion_blackout_problems(**kwargs) == []
    assert coercion_blackout_problems(mobilised_forces=True, **kwargs) == [
        "Không được cưỡng chế có huy động lực lượng trong 15 ngày trước và sau Tết Nguyên đán "
        "(Tết ngày 06/02/2027: từ 22/01/2027 đến 21/02/2027) "
        "(Điều 42 khoản 2 Nghị định 152/2026/NĐ-CP)."
    ]


def test_cost_notice_missing_or_too_late():
    missing = coercion_blackout_problems(starts_at=at(2026, 12, 3, 8), ends_at=at(2026, 12, 3, 9))
    late = coercion_blackout_problems(
        starts_at=at(2026, 12, 3, 8),
        ends_at=at(2026, 12, 3, 9),
        cost_notified_on=dt.date(2026, 12, 1),
    )

    article = "Luật THADS 2025 (điều khoản tương ứng chưa xác nhận)"
    assert missing == [
        "Chưa thông báo dự kiến chi phí cưỡng chế cho người phải thi hành án: phải thông báo "
        f"ít nhất 3 ngày làm việc trước ngày cưỡng chế ({article})."
    ]
    assert late == [
        "Dự kiến chi phí cưỡng chế thông báo ngày 01/12/2026: chưa đủ 3 ngày làm việc, ngày "
        f"cưỡng chế sớm nhất là 07/12/2026 ({article})."
    ]


def test_plan_in_a_blackout_is_refused_without_side_effects(ccase, officer):
    with pytest.raises(CoercionBlackoutError) as error:
        coercion_plan_create(
            actor=officer,
            case=ccase,
            title="Kê biên nhà đất",
            starts_at=at(2026, 12, 6, 8),
            ends_at=at(2026, 12, 6, 11),
            place="Số 1 Lê Lợi",
            cost_notified_on=dt.date(2026, 11, 20),
        )

    assert error.value.problems == [
        f"Không được cưỡng chế vào ngày nghỉ, ngày lễ: 06/12/2026 (Chủ nhật) ({BASIS})."
    ]
    assert CoercionPlan.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="enforcement.coercion").count() == 0


def test_plan_created_on_an_allowed_day(ccase, officer):
    plan = coercion_plan_create(
        actor=officer,
        case=ccase,
        title="Kê biên nhà đất",
        starts_at=at(2026, 12, 3, 8),
        ends_at=at(2026, 12, 3, 11),
        place="Số 1 Lê Lợi",
        forces="Công an xã, UBND xã",
        mobilised_forces=True,
        estimated_cost_vnd=12_500_000,
        cost_notified_on=dt.date(2026, 11, 27),
        decisions_needed=["asset_seizure"],
    )

    assert (plan.status, plan.estimated_cost_vnd) == ("draft", 12_500_000)
    assert AuditEvent.objects.filter(action="enforcement.coercion_plan_created").count() == 1


def test_coercion_needs_a_case_with_conditions(office, officer):
    case = CaseFactory(office=office, assigned_officer=officer)

    with pytest.raises(CoercionError) as error:
        coercion_measure_add(
            actor=officer, case=case, kind="account_deduction", target="TK 1", amount_vnd=10
        )

    assert error.value.message == (
        "Chỉ áp dụng biện pháp cưỡng chế khi hồ sơ có điều kiện thi hành hoặc đang cưỡng chế "
        "(trạng thái hiện tại: Đã ra quyết định thi hành án)."
    )


def test_measure_at_a_forbidden_time_is_refused(ccase, officer):
    with pytest.raises(CoercionBlackoutError) as error:
        coercion_measure_add(
            actor=officer,
            case=ccase,
            kind="asset_seizure",
            target="Xe ô tô 51A-123.45",
            amount_vnd=200_000_000,
            scheduled_at=at(2026, 12, 3, 5, 30),
        )

    assert error.value.field == "scheduled_at"
    assert error.value.problems == [
        f"Không được cưỡng chế trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau ({BASIS})."
    ]
    assert CoercionMeasure.objects.count() == 0


def test_freeze_applies_at_once_and_starts_the_ten_day_deadline_until_lifted(office, officer):
    case = CaseFactory(office=office, assigned_officer=officer, state=Case.State.VOLUNTARY_PERIOD)
    today = timezone.localdate()

    freeze = coercion_measure_add(
        actor=officer,
        case=case,
        kind="account_freeze",
        target="TK 0011002233 tại VCB",
        amount_vnd=152_000_000,
        costs_vnd=2_000_000,
    )

    deadline = Deadline.objects.get(case=case, rule_code="COERCION_FREEZE_RESOLVE")
    assert (freeze.status, freeze.applied_on) == ("in_effect", today)
    assert freeze.resolve_by == add_calendar_days(today, 10) == deadline.due_on
    assert deadline.explanation["legal_basis"] == "Điều 67 Luật THADS 2025"

    coercion_measure_lift(actor=officer, measure=freeze, reason="Đã nộp đủ tiền")

    freeze.refresh_from_db()
    deadline.refresh_from_db()
    assert (freeze.status, deadline.status) == ("lifted", "met")


def test_costs_cannot_exceed_the_amount(ccase, officer):
    with pytest.raises(CoercionError) as error:
        coercion_measure_add(
            actor=officer,
            case=ccase,
            kind="income_deduction",
            target="Công ty A",
            amount_vnd=1_000,
            costs_vnd=2_000,
        )

    assert error.value.message == "Số tiền phải không âm và chi phí không vượt quá số tiền."


def test_a_coercion_measure_asks_the_decisions_app_for_its_draft(
    ccase, officer, decision_templates
):
    from decisions.selectors import decision_summaries_for_case

    measure = coercion_measure_add(
        actor=officer,
        case=ccase,
        kind="account_deduction",
        target="TK 0011002233 tại VCB",
        amount_vnd=152_000_000,
        costs_vnd=2_000_000,
    )

    drafts = decision_summaries_for_case(actor=officer, case_id=ccase.pk)
    assert [(d.decision_id, d.kind, d.status) for d in drafts] == [
        (measure.decision_id, "coercion", "draft")
    ]
