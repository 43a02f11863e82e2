"""Periods relative to --today: a table of questions and the exact period each must give."""

import datetime as dt

import pytest

from ioc_dashboard.assistant.periods import find_period
from ioc_dashboard.assistant.text import fold

TODAY = dt.date(2026, 11, 23)  # a Monday; statistical year 1/10/2026-30/9/2027 has begun


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("tháng này", "2026-11-01", "2026-11-23"),
        ("thang nay", "2026-11-01", "2026-11-23"),
        ("tháng trước", "2026-10-01", "2026-10-31"),
        ("tháng vừa qua", "2026-10-01", "2026-10-31"),
        ("quý 2/2026", "2026-04-01", "2026-06-30"),
        ("quý II năm 2025", "2025-04-01", "2025-06-30"),
        ("quy 4", "2026-10-01", "2026-11-23"),
        ("quý này", "2026-10-01", "2026-11-23"),
        ("quý trước", "2026-07-01", "2026-09-30"),
        ("năm nay", "2026-01-01", "2026-11-23"),
        ("năm ngoái", "2025-01-01", "2025-12-31"),
        ("nam truoc", "2025-01-01", "2025-12-31"),
        ("năm 2024", "2024-01-01", "2024-12-31"),
        ("6 tháng đầu năm", "2026-01-01", "2026-06-30"),
        ("6 tháng đầu năm 2025", "2025-01-01", "2025-06-30"),
        ("6 tháng cuối năm", "2026-07-01", "2026-11-23"),
        ("9 tháng đầu năm nay", "2026-01-01", "2026-09-30"),
        ("từ 05/02 đến 20/03", "2026-02-05", "2026-03-20"),
        ("tu 5/2 den 20/3", "2026-02-05", "2026-03-20"),
        ("từ ngày 01/12/2025 đến ngày 15/01/2026", "2025-12-01", "2026-01-15"),
        ("từ tháng 2 đến tháng 5", "2026-02-01", "2026-05-31"),
        ("năm thống kê", "2026-10-01", "2026-11-23"),
        ("năm thống kê 2026", "2025-10-01", "2026-09-30"),
        ("năm thống kê trước", "2025-10-01", "2026-09-30"),
        ("tháng 3", "2026-03-01", "2026-03-31"),
        ("tháng 12", "2025-12-01", "2025-12-31"),
        ("tháng 3/2025", "2025-03-01", "2025-03-31"),
        ("tháng 12 năm 2026, Quảng Ngãi", "2026-12-01", "2026-12-31"),
        ("từ đầu năm đến nay", "2026-01-01", "2026-11-23"),
        ("30 ngày qua", "2026-10-25", "2026-11-23"),
        ("hôm nay", "2026-11-23", "2026-11-23"),
        ("hôm qua", "2026-11-22", "2026-11-22"),
        ("tuần trước", "2026-11-16", "2026-11-22"),
        ("tuần này", "2026-11-23", "2026-11-23"),
    ],
)
def test_period_table(text, start, end):
    match = find_period(fold(text), TODAY)
    assert match is not None
    assert (match.period.start.isoformat(), match.period.end.isoformat()) == (start, end)


def test_range_said_early_in_the_year_is_last_year():
    match = find_period(fold("từ 05/02 đến 20/03"), dt.date(2026, 1, 10))
    assert (match.period.start, match.period.end) == (dt.date(2025, 2, 5), dt.date(2025, 3, 20))


def test_statistical_year_before_october():
    match = find_period(fold("năm thống kê"), dt.date(2026, 5, 4))
    assert (match.period.start, match.period.end) == (dt.date(2025, 10, 1), dt.date(2026, 5, 4))


@pytest.mark.parametrize(
    "text",
    [
        "theo tháng",
        "từng tháng",
        "hàng tháng",
        "số việc quá hạn",
        "quảng nam",
        "việt nam",
        "tháng 13",
    ],
)
def test_no_period(text):
    assert find_period(fold(text), TODAY) is None


def test_six_months_after_a_breakdown_by_month():
    match = find_period(fold("chia theo tháng 6 tháng đầu năm 2025"), TODAY)
    assert (match.period.start, match.period.end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
