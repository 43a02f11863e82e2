"""Incremental refresh, the command, comparison with last year, the periodic report and its
XLSX export, on the small world of tests/fixtures/ioc_figures.py."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from ioc_dashboard.exports import report_xlsx
from ioc_dashboard.models import FigureDay
from ioc_dashboard.models import FigureMonth
from ioc_dashboard.models import FigureRefresh
from ioc_dashboard.selectors.compare import figures_compare
from ioc_dashboard.selectors.compare import metric_compare
from ioc_dashboard.selectors.compare import same_period_last_year
from ioc_dashboard.selectors.metrics import metric_compute
from ioc_dashboard.selectors.reports import report_compute
from ioc_dashboard.selectors.reports import report_period
from ioc_dashboard.summaries import figures_refresh
from ioc_dashboard.tasks import ioc_figures_refresh_task
from ioc_dashboard.types import Intent
from ioc_dashboard.types import Period
from tests.fixtures.ioc_figures import make_receipt

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
H1_2026 = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))


@pytest.fixture
def world(figures_world):
    figures_refresh(full=True)
    return figures_world


def collected(period=H1_2026, **filters):
    return metric_compute(
        intent=Intent(metric="money_collected", filters=filters, period=period), today=TODAY
    ).value


def test_incremental_refresh_recomputes_only_changed_offices(world):
    other_rows = FigureDay.objects.filter(office=world.other).count()
    make_receipt(
        world.office, case=world.c1, amount=7_000_000, collected="2026-05-05", collector=world.cb1
    )
    assert collected() == 90_000_000  # not yet refreshed
    result = figures_refresh()
    assert result.full is False
    assert result.offices == 1
    assert FigureRefresh.objects.get().offices == 1
    assert collected() == 97_000_000
    assert FigureDay.objects.filter(office=world.other).count() == other_rows
    # Nothing changed since: nothing recomputed.
    assert figures_refresh().offices == 0


def test_refresh_task_and_command(world):
    assert ioc_figures_refresh_task() == {"offices": 0, "seconds": pytest.approx(0, abs=5)}
    out = io.StringIO()
    call_command("ioc_refresh", "--full", stdout=out)
    assert "toàn bộ" in out.getvalue()
    assert FigureDay.objects.count() > 0


def test_month_rows_run_without_gaps_to_the_current_month(world):
    months = list(
        FigureMonth.objects.filter(office=world.sibling, case_type="HS")
        .order_by("month")
        .values_list("month", flat=True)
    )
    assert months[0] == dt.date(2025, 11, 1)
    current = timezone.localdate().replace(day=1)
    assert months[-1] >= current
    assert len(months) == len(set(months))
    last = FigureMonth.objects.get(office=world.sibling, case_type="HS", month=months[-1])
    assert (last.cum_open, last.cum_without_cond, last.cum_pending_vnd) == (1, 1, 30_000_000)


def test_same_period_last_year():
    assert same_period_last_year(Period(dt.date(2024, 2, 29), dt.date(2024, 3, 31))) == Period(
        dt.date(2023, 2, 28), dt.date(2023, 3, 31)
    )


def test_metric_compare_with_last_year(world):
    current, previous = metric_compare(
        intent=Intent(metric="cases_received", period=H1_2026), today=TODAY
    )
    assert (current.value, previous.value) == (3, 1)
    assert previous.intent.period == Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    both = figures_compare(period=H1_2026, today=TODAY)[None]
    assert (both["cases_completed"].current, both["cases_completed"].previous) == (1, 1)
    assert both["completion_rate_cases"].previous == 1.0
    assert both["cases_received"].change == 2.0
    assert both["cases_received"].delta == 2
    assert both["money_collected"].change is None


def test_figures_compare_by_month_lines_up_months(world):
    both = figures_compare(period=H1_2026, today=TODAY, group_by="month")
    march = both[dt.date(2026, 3, 1)]["cases_received"]
    assert (march.current, march.previous) == (1, 1)


@pytest.mark.parametrize(
    ("months", "start", "end"),
    [
        (3, "2025-10-01", "2025-12-31"),
        (6, "2025-10-01", "2026-03-31"),
        (10, "2025-10-01", "2026-07-31"),
        (12, "2025-10-01", "2026-09-30"),
    ],
)
def test_report_periods(months, start, end):
    assert report_period(year=2026, months=months) == Period(
        dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    )


def test_report_twelve_months_nation(world):
    report = report_compute(filters={}, year=2026, months=12, today=TODAY)
    t = report.totals
    assert (
        t["brought_forward"],
        t["cases_received"],
        t["total_to_enforce"],
        t["cases_with_conditions"],
        t["cases_without_conditions"],
        t["cases_completed"],
        t["cases_pending"],
        t["completion_rate_cases"],
    ) == (0, 4, 4, 2, 1, 1, 3, 0.5)
    assert (
        t["received_vnd"],
        t["with_conditions_vnd"],
        t["completed_vnd"],
        t["money_collected"],
        t["money_paid_out"],
        t["money_pending"],
    ) == (190_000_000, 150_000_000, 50_000_000, 90_000_000, 50_000_000, 100_000_000)
    # Stock identity: carried to the next period = brought forward + received - ended.
    assert t["cases_pending"] == t["brought_forward"] + t["cases_received"] - t["cases_ended"]
    cases, money, units = report.tables
    assert cases.rows[0][:3] == ["Dân sự", "0", "3"]
    assert cases.values[-1] == ["Tổng cộng", 0, 4, 0, 4, 2, 1, 1, 3, 0.5]
    assert cases.rows[-1][-1] == "50,00%"
    assert money.values[-1][0:4] == ["Tổng cộng", 0, 190_000_000, 190_000_000]
    assert money.rows[-1][2] == "190.000.000"
    by_unit = {row[0]: row for row in units.values}
    assert by_unit["Tỉnh Thử A"][1:4] == [3, 2, 1]
    assert by_unit["Tỉnh Thử B"][1:4] == [1, 0, 0]


def test_report_six_months_province_brought_forward(world):
    report = report_compute(filters={"province": 101}, year=2026, months=6, today=TODAY)
    t = report.totals
    assert (
        t["brought_forward"],
        t["cases_received"],
        t["cases_completed"],
        t["cases_pending"],
    ) == (
        0,
        3,
        0,
        3,
    )
    units = report.tables[2]
    assert {row[0]: row[1] for row in units.values}[world.office.name] == 2
    report_next = report_compute(filters={"province": 101}, year=2027, months=3, today=TODAY)
    # Statistical year 2027 starts 1/10/2026: c1 and c3 are brought forward.
    assert report_next.totals["brought_forward"] == 2
    assert report_next.totals["brought_forward_vnd"] == 90_000_000


def test_report_office_has_no_unit_table(world):
    report = report_compute(filters={"office": "T101-KV01"}, year=2026, months=12, today=TODAY)
    assert len(report.tables) == 2
    assert report.scope_label == world.office.name


def test_report_xlsx(world):
    report = report_compute(filters={}, year=2026, months=12, today=TODAY)
    wb = load_workbook(io.BytesIO(report_xlsx(report)))
    assert len(wb.sheetnames) == 3
    ws = wb[wb.sheetnames[0]]
    assert ws["A1"].value == "Báo cáo thống kê thi hành án dân sự 12 tháng năm 2026"
    assert ws["A3"].value == "Từ ngày 01/10/2025 đến ngày 30/09/2026"
    total = [c.value for c in ws[6 + len(report.tables[0].values)]]
    assert total == ["Tổng cộng", 0, 4, 0, 4, 2, 1, 1, 3, 0.5]
    assert ws.cell(row=7, column=10).number_format == "0.00%"


def _table_state():
    cols = [f.column for f in FigureDay._meta.concrete_fields if f.column != "id"]
    return sorted(FigureDay.objects.values_list(*cols)), sorted(
        FigureMonth.objects.values_list(
            *[f.column for f in FigureMonth._meta.concrete_fields if f.column != "id"]
        )
    )


def test_incremental_refresh_equals_full_rebuild(world):
    from enforcement.models import Case
    from enforcement.models import CaseEvent
    from tests.fixtures.ioc_figures import at

    w = world
    # c1 completes on 01/06/2026; r1 is voided; a receipt in another office.
    CaseEvent.objects.create(
        case=w.c1,
        at=at("2026-06-01"),
        kind="transition",
        title="Thi hành xong",
        state_before="has_conditions",
        state_after="completed",
    )
    Case.objects.filter(pk=w.c1.pk).update(
        state="completed",
        state_changed_at=at("2026-06-01"),
        closed_at=at("2026-06-01"),
        updated_at=timezone.now(),
    )
    make_receipt(w.other, case=w.c5, amount=3_000_000, collected="2026-06-02", collector=w.cb1)
    assert figures_refresh().offices == 2
    incremental = _table_state()
    figures_refresh(full=True)
    assert _table_state() == incremental
    assert collected() == 93_000_000
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    done = metric_compute(intent=Intent(metric="cases_completed", period=period), today=TODAY)
    assert done.value == 2
    pending = metric_compute(intent=Intent(metric="money_pending", period=period), today=TODAY)
    # Open at 30/06: c3 30,000,000 and c5 10,000,000 less 3,000,000 collected.
    assert pending.value == 37_000_000


def test_many_changed_offices_make_a_full_refresh(world, monkeypatch):
    from ioc_dashboard import summaries

    monkeypatch.setattr(summaries, "FULL_ABOVE_OFFICES", 0)
    make_receipt(
        world.office, case=world.c1, amount=1_000_000, collected="2026-05-05", collector=world.cb1
    )
    result = figures_refresh()
    assert (result.full, result.offices) == (True, -1)
    assert collected() == 91_000_000
