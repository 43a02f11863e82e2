"""Each alert on exact data: the office, the count and the objects behind it."""

import datetime as dt

import pytest

from enforcement.models import Case
from enforcement.models import Deadline
from ioc_dashboard.selectors import alerts as alerts_module
from ioc_dashboard.selectors.alerts import alerts_compute
from tests.factories.enforcement import DeadlineFactory
from tests.fixtures.ioc_figures import at
from tests.fixtures.ioc_figures import make_receipt

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)


def by_kind(alerts, kind):
    return [a for a in alerts if a.kind == kind]


def test_overdue_steps(figures_world):
    got = by_kind(
        alerts_compute(office_ids=None, today=TODAY, kinds={"overdue_steps"}), "overdue_steps"
    )
    assert [(a.office_code, a.count, a.object_ids, a.severity) for a in got] == [
        ("T101-KV01", 1, [figures_world.c1.pk], "danger")
    ]
    assert got[0].title == "Bước thực hiện quá hạn"
    assert got[0].list_url.endswith(f"?office={figures_world.office.pk}")
    # Scoped to another province: nothing.
    assert (
        alerts_compute(office_ids=[figures_world.other.pk], today=TODAY, kinds={"overdue_steps"})
        == []
    )


def test_large_cash_receipts(figures_world):
    w = figures_world
    big = make_receipt(
        w.office, case=w.c1, amount=150_000_000, collected="2026-06-20", collector=w.cb1
    )
    make_receipt(w.office, case=w.c1, amount=150_000_000, collected="2026-05-01", collector=w.cb1)
    got = alerts_compute(office_ids=None, today=TODAY, kinds={"large_cash"})
    assert [(a.kind, a.office_code, a.count, a.object_kind, a.object_ids) for a in got] == [
        ("large_cash", "T101-KV01", 1, "receipt", [big.pk])
    ]


def test_money_not_paid_out_in_time(figures_world):
    w = figures_world
    got = alerts_compute(office_ids=None, today=TODAY, kinds={"unpaid_money"})
    # c1 holds r1 (40,000,000 collected 10/03) with no payment; c2 was paid in full.
    assert [(a.office_code, a.count, a.amount_vnd, a.object_ids) for a in got] == [
        ("T101-KV01", 1, 40_000_000, [w.c1.pk])
    ]
    # Collected 25/06: still inside the 10 days on 30/06.
    make_receipt(w.office, case=w.c5, amount=9_000_000, collected="2026-06-25", collector=w.cb1)
    assert alerts_compute(office_ids=None, today=TODAY, kinds={"unpaid_money"})[0].count == 1


def test_void_spike(figures_world):
    w = figures_world
    for day in ("2026-06-25", "2026-06-27", "2026-06-29"):
        make_receipt(
            w.office, case=w.c1, amount=1_000_000, collected=day, collector=w.cb1, voided=day
        )
    got = alerts_compute(office_ids=None, today=TODAY, kinds={"void_spike"})
    assert [(a.office_code, a.count, a.object_kind) for a in got] == [("T101-KV01", 3, "receipt")]
    # Two voids are below the minimum count.
    assert alerts_compute(office_ids=None, today=dt.date(2026, 6, 28), kinds={"void_spike"}) == []


def test_idle_cases(figures_world):
    w = figures_world
    Case.objects.filter(pk=w.c3.pk).update(updated_at=at("2026-01-10"))
    Case.objects.filter(pk=w.c4.pk).update(updated_at=at("2025-06-01"))  # ended: not idle
    got = alerts_compute(office_ids=None, today=TODAY, kinds={"idle_cases"})
    assert [(a.office_code, a.count, a.object_ids) for a in got] == [("T101-KV02", 1, [w.c3.pk])]


def test_officer_overload(figures_world, monkeypatch, make_user):
    from tests.factories.enforcement import CaseFactory
    from thads.permissions import Role

    w = figures_world
    light = make_user(Role.ENFORCEMENT_OFFICER, w.office, username="cb2")
    CaseFactory(office=w.office, assigned_officer=light, parties=False, obligations=False)
    for _ in range(5):
        CaseFactory(office=w.office, assigned_officer=w.cb1, parties=False, obligations=False)
    monkeypatch.setitem(alerts_module.ALERT_SETTINGS, "overload_min_cases", 5)
    monkeypatch.setitem(alerts_module.ALERT_SETTINGS, "overload_ratio", 1.5)
    got = alerts_compute(office_ids=None, today=TODAY, kinds={"officer_overload"})
    # cb1: c1 + 5 open = 6; cb2: 1; average 3.5; 6 >= 1.5 x 3.5.
    assert [(a.office_code, a.count) for a in got] == [("T101-KV01", 6)]
    assert got[0].list_url.endswith(f"officer={w.cb1.pk}")


def test_bottleneck(figures_world):
    w = figures_world

    def met(case, days, n):
        trigger = dt.date(2026, 5, 1) + dt.timedelta(days=n)
        DeadlineFactory(
            case=case,
            rule_code="T7_SEND_PROCURACY",
            trigger_on=trigger,
            due_on=trigger + dt.timedelta(days=2),
            status=Deadline.Status.MET,
            closed_at=at(trigger + dt.timedelta(days=days)),
        )

    from tests.factories.enforcement import CaseFactory

    for n in range(3):
        met(CaseFactory(office=w.office, parties=False, obligations=False), 12, n)
    for n in range(5):
        met(CaseFactory(office=w.other, parties=False, obligations=False), 2, n)
    got = alerts_compute(office_ids=None, today=TODAY, kinds={"bottleneck"})
    # National median of 8 durations (2,2,2,2,2,12,12,12) is 2; the office's is 12.
    assert [(a.office_code, a.count, a.severity) for a in got] == [("T101-KV01", 3, "warn")]
    assert "T7_SEND_PROCURACY" in got[0].detail


def test_all_alerts_sorted_danger_first(figures_world):
    got = alerts_compute(office_ids=None, today=TODAY)
    assert [a.kind for a in got] == ["overdue_steps", "unpaid_money"]
