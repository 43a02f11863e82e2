"""metric_compute on the small world of tests/fixtures/ioc_figures.py: every figure exact."""

import datetime as dt

import pytest

from ioc_dashboard.selectors.metrics import figures_compute
from ioc_dashboard.selectors.metrics import metric_compute
from ioc_dashboard.summaries import figures_refresh
from ioc_dashboard.types import Intent
from ioc_dashboard.types import Period

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
H1_2026 = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))


@pytest.fixture
def world(figures_world):
    figures_refresh(full=True)
    return figures_world


def value(metric, period=H1_2026, **filters):
    return metric_compute(
        intent=Intent(metric=metric, filters=filters, period=period), today=TODAY
    ).value


EXPECTED_H1_2026 = {
    "cases_received": 3,
    "cases_completed": 1,
    "cases_pending": 3,
    "cases_overdue": 1,
    "cases_with_conditions": 2,
    "cases_without_conditions": 1,
    "completion_rate_cases": 0.5,
    "completion_rate_money": 0.3333,
    "money_collected": 90_000_000,
    "money_paid_out": 50_000_000,
    "money_pending": 100_000_000,
    "decisions_issued": 1,
    "receipts_issued": 3,
    "receipts_voided": 1,
    "petitions_received": 2,
    "petitions_pending": 1,
    "complaints_overdue": 1,
}


@pytest.mark.parametrize(("metric", "expected"), sorted(EXPECTED_H1_2026.items()))
def test_each_metric_first_half_2026(world, metric, expected):
    assert value(metric) == expected


def rows(metric, group_by, period=H1_2026, **filters):
    result = metric_compute(
        intent=Intent(metric=metric, filters=filters, period=period, group_by=group_by),
        today=TODAY,
    )
    return result


def test_group_by_province(world):
    result = rows("cases_received", "province")
    assert result.value == 3
    assert [(r.key, r.label, r.value) for r in result.rows[:2]] == [
        ("101", "Tỉnh Thử A", 2),
        ("102", "Tỉnh Thử B", 1),
    ]
    assert {r.value for r in result.rows[2:]} <= {0}


def test_group_by_office_lists_every_office_of_the_scope(world):
    result = rows("cases_received", "office", province=101)
    assert result.value == 2
    assert [(r.key, r.value) for r in result.rows] == [
        ("T101-KV01", 2),
        ("T101", 0),
        ("T101-KV02", 0),
    ] or [(r.key, r.value) for r in result.rows] == [
        ("T101-KV01", 2),
        ("T101-KV02", 0),
        ("T101", 0),
    ]


def test_group_by_officer_and_unassigned(world):
    result = rows("cases_received", "officer")
    assert [(r.key, r.label, r.value) for r in result.rows] == [
        ("cb1", "Nguyễn Văn Một", 2),
        ("", "Chưa phân công", 1),
    ]
    money = rows("money_collected", "officer")
    assert [(r.key, r.value) for r in money.rows] == [("cb1", 90_000_000)]


def test_group_by_case_type(world):
    result = rows("cases_received", "case_type")
    assert (result.rows[0].key, result.rows[0].value) == ("DS", 3)
    assert sorted(r.key for r in result.rows) == sorted(["DS", "HNGD", "KDTM", "LD", "HC", "HS"])
    assert sum(r.value for r in result.rows) == 3


def test_group_by_month_flows_and_stocks(world):
    received = rows("cases_received", "month")
    assert [(r.key, r.value) for r in received.rows] == [
        ("2026-01", 0),
        ("2026-02", 1),
        ("2026-03", 1),
        ("2026-04", 0),
        ("2026-05", 1),
        ("2026-06", 0),
    ]
    assert received.rows[1].label == "Tháng 02/2026"
    pending = rows("cases_pending", "month")
    assert [r.value for r in pending.rows] == [1, 2, 3, 2, 3, 3]
    officer_pending = rows("cases_pending", "month", officer="cb1")
    assert [r.value for r in officer_pending.rows] == [0, 1, 2, 1, 1, 1]


def test_rates_by_province(world):
    result = rows("completion_rate_cases", "province")
    by_key = {r.key: r.value for r in result.rows}
    assert by_key["101"] == 0.5
    assert by_key["102"] is None
    assert result.value == 0.5


def test_officer_filter(world):
    assert value("cases_pending", officer="cb1") == 1
    assert value("money_pending", officer="cb1") == 60_000_000
    assert value("money_collected", officer="cb1") == 90_000_000
    assert value("cases_received", officer="nobody") == 0


def test_office_and_case_type_filters(world):
    assert value("cases_received", office="T101-KV01") == 2
    assert value("cases_pending", office="T101-KV02") == 1
    assert value("cases_without_conditions", province=101) == 1
    assert value("cases_received", case_type="HS") == 0
    assert value("cases_pending", case_type="HS") == 1
    assert value("money_collected", case_type="DS") == 90_000_000


def test_status_filter_counts_current_state(world):
    assert value("cases_pending", status="has_conditions") == 1
    assert value("cases_with_conditions", status="no_conditions") == 0
    assert value("cases_without_conditions", status="no_conditions") == 1
    assert value("cases_received", status="decision_issued") == 1


@pytest.mark.parametrize(
    ("start", "end", "received", "completed", "pending"),
    [
        ("2026-03-15", "2026-04-19", 1, 0, 3),
        ("2026-03-16", "2026-04-20", 0, 1, 2),
        ("2026-02-01", "2026-03-31", 2, 0, 3),
        ("2026-02-11", "2026-03-14", 0, 0, 2),
    ],
)
def test_period_boundaries(world, start, end, received, completed, pending):
    period = Period(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))
    assert value("cases_received", period) == received
    assert value("cases_completed", period) == completed
    assert value("cases_pending", period) == pending


@pytest.mark.parametrize(
    ("day", "overdue"),
    [("2026-03-20", 0), ("2026-03-21", 1), ("2026-04-05", 2), ("2026-04-10", 1)],
)
def test_overdue_steps_on_a_day(world, day, overdue):
    on = dt.date.fromisoformat(day)
    assert value("cases_overdue", Period(start=on, end=on)) == overdue


def test_day_boundary_is_vietnam_time(world, office):
    from tests.factories.enforcement import CaseFactory
    from tests.fixtures.ioc_figures import at

    CaseFactory(
        office=office, opened_at=at("2026-06-30", 23), state_changed_at=at("2026-06-30", 23)
    )
    CaseFactory(office=office, opened_at=at("2026-07-01", 0), state_changed_at=at("2026-07-01", 0))
    figures_refresh(full=True)
    assert value("cases_received") == 4
    july = Period(start=dt.date(2026, 7, 1), end=dt.date(2026, 7, 31))
    assert value("cases_received", july) == 1


def test_default_period_is_the_statistical_year_so_far(world):
    result = metric_compute(intent=Intent(metric="cases_received"), today=dt.date(2026, 6, 30))
    # 1/10/2025 to 30/06/2026: c3 (01/11/2025), c1, c2, c5.
    assert result.value == 4


def test_figures_compute_all_at_once(world):
    figs = figures_compute(period=H1_2026, today=TODAY)[None]
    for metric, expected in EXPECTED_H1_2026.items():
        got = figs[metric]
        assert (round(got, 4) if isinstance(got, float) else got) == expected


def test_result_carries_freshness_and_list_url(world):
    result = metric_compute(
        intent=Intent(metric="cases_pending", filters={"office": "T101-KV01"}), today=TODAY
    )
    assert result.fresh_at is not None
    assert result.list_url == f"/enforcement/cases/?office={world.office.pk}" or (
        result.list_url.endswith(f"?office={world.office.pk}")
    )


def test_stock_on_a_day_after_the_last_refresh_month(world):
    later = dt.date(2027, 3, 1)
    result = metric_compute(intent=Intent(metric="cases_pending"), today=later)
    assert result.value == 3
    assert metric_compute(intent=Intent(metric="money_pending"), today=later).value == 100_000_000
    assert metric_compute(intent=Intent(metric="cases_overdue"), today=later).value == 1


def test_status_filter_grouped(world):
    by_office = rows("cases_pending", "office", status="has_conditions")
    assert by_office.value == 1
    assert [(r.key, r.value) for r in by_office.rows if r.value] == [("T101-KV01", 1)]
    by_province = rows("cases_received", "province", status="decision_issued")
    assert [(r.key, r.value) for r in by_province.rows if r.value] == [("102", 1)]
    by_month = rows("cases_received", "month", status="has_conditions")
    assert [(r.key, r.value) for r in by_month.rows if r.value] == [("2026-02", 1)]
