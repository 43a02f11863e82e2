"""Template filters and tags: VND, Vietnamese dates, weekdays, role badges, page ranges."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.paginator import Paginator
from django.template import Context
from django.template import Template
from django.utils import translation

from thads.permissions import Role
from thads.templatetags.thads import page_range
from thads.templatetags.thads import timedelta_minutes
from thads.templatetags.thads import vn_date
from thads.templatetags.thads import vn_datetime
from thads.templatetags.thads import vn_weekday_date
from thads.templatetags.thads import vnd

NBSP = "\u00a0"


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0 đ"),
        (105, "105 đ"),
        (2025, "2.025 đ"),
        (1_250_000, "1.250.000 đ"),
        (10**12, "1.000.000.000.000 đ"),
        (Decimal(2025), "2.025 đ"),
    ],
)
def test_vnd_filter(amount, expected):
    assert vnd(amount) == expected.replace(" ", NBSP)
    assert render("{{ a|vnd }}", a=amount) == expected.replace(" ", NBSP)


@pytest.mark.parametrize("value", [None, ""])
def test_vnd_filter_is_empty_for_no_amount(value):
    assert vnd(value) == ""


def test_vnd_filter_refuses_floats():
    with pytest.raises(TypeError):
        vnd(1.5)


def test_vnd_filter_does_not_follow_the_interface_language():
    with translation.override("en"):
        assert render("{{ a|vnd }}", a=1_250_000) == f"1.250.000{NBSP}đ"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 11, 23), "23/11/2026"),
        (dt.date(2026, 1, 5), "05/01/2026"),
        # 20:00 UTC on 22/11 is 03:00 on 23/11 in Hà Nội.
        (dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC), "23/11/2026"),
        (None, ""),
    ],
)
def test_vn_date(value, expected):
    assert vn_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2026, 11, 23, 7, 5, tzinfo=dt.UTC), "14:05 23/11/2026"),
        (dt.datetime(2026, 11, 23, 14, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), "14:05 23/11/2026"),
        (dt.datetime(2026, 11, 23, 9, 0), "09:00 23/11/2026"),  # noqa: DTZ001 (naive on purpose)
        (None, ""),
    ],
)
def test_vn_datetime(value, expected):
    assert vn_datetime(value) == expected


@pytest.mark.parametrize(
    ("day", "vi", "en"),
    [
        (dt.date(2026, 11, 23), "Thứ Hai, 23/11/2026", "Monday, 23/11/2026"),
        (dt.date(2026, 11, 24), "Thứ Ba, 24/11/2026", "Tuesday, 24/11/2026"),
        (dt.date(2026, 11, 25), "Thứ Tư, 25/11/2026", "Wednesday, 25/11/2026"),
        (dt.date(2026, 11, 26), "Thứ Năm, 26/11/2026", "Thursday, 26/11/2026"),
        (dt.date(2026, 11, 27), "Thứ Sáu, 27/11/2026", "Friday, 27/11/2026"),
        (dt.date(2026, 11, 28), "Thứ Bảy, 28/11/2026", "Saturday, 28/11/2026"),
        (dt.date(2026, 11, 29), "Chủ Nhật, 29/11/2026", "Sunday, 29/11/2026"),
    ],
)
def test_vn_weekday_date(day, vi, en):
    with translation.override("vi"):
        assert vn_weekday_date(day) == vi
    with translation.override("en"):
        assert vn_weekday_date(day) == en


def test_django_date_formats_are_vietnamese():
    moment = dt.datetime(2026, 11, 23, 14, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with translation.override("vi"):
        assert render("{{ d|date }}", d=moment.date()) == "23/11/2026"
        assert render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=moment.date()) == "23/11/2026"
        assert render("{{ m|date:'DATETIME_FORMAT' }}", m=moment) == "14:05 23/11/2026"
        assert render("{% load humanize %}{{ n|intcomma }}", n=1250000) == "1.250.000"
    with translation.override("en"):
        assert render("{{ d|date }}", d=moment.date()) == "23/11/2026"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.ENFORCEMENT_OFFICER,
            '<span class="badge badge-role" data-role="enforcement_officer">Chấp hành viên</span>',
        ),
        (
            Role.SYSADMIN,
            '<span class="badge badge-role" data-role="sysadmin">Quản trị hệ thống</span>',
        ),
        ("", '<span class="badge badge-muted">Chưa có vai trò</span>'),
    ],
)
def test_role_badge(role, expected):
    with translation.override("vi"):
        assert render("{% role_badge r %}", r=role) == expected


def test_role_badge_and_label_of_a_user(officer):
    with translation.override("vi"):
        assert render("{{ u|role_label }}", u=officer) == "Chấp hành viên"
        assert "Chấp hành viên</span>" in render("{% role_badge u %}", u=officer)
    with translation.override("en"):
        assert render("{{ u|role_label }}", u=officer) == "Enforcement officer"


def test_page_range_elides_far_pages():
    paginator = Paginator(range(500), 10)
    assert page_range(paginator.page(25)) == [1, "…", 23, 24, 25, 26, 27, "…", 50]
    assert page_range(paginator.page(1)) == [1, 2, 3, "…", 50]


@pytest.mark.parametrize(
    ("delta", "expected"),
    [(dt.timedelta(minutes=30), 30), (dt.timedelta(seconds=1801), 31), (None, "")],
)
def test_timedelta_minutes(delta, expected):
    assert timedelta_minutes(delta) == expected
