"""The home page: one template per group of roles, today's date, days off, modules, figures."""

import datetime as dt

import pytest
from django.urls import NoReverseMatch
from django.urls import reverse

from thads.permissions import Role

HOME_TEMPLATES = {
    "home/leader.html",
    "home/officer.html",
    "home/money.html",
    "home/counter.html",
    "home/sysadmin.html",
}


CORE_KEYS = {"home", "offices", "calendar", "audit", "admin"}


def _reverses(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


@pytest.fixture
def monday_23_11_2026(monkeypatch):
    monkeypatch.setattr("thads.views.timezone.localdate", lambda: dt.date(2026, 11, 23))


@pytest.mark.parametrize(
    ("role", "template", "office_fixture"),
    [
        (Role.MINISTRY_LEADER, "home/leader.html", "central_office"),
        (Role.PROVINCIAL_HEAD, "home/leader.html", "agency_a"),
        (Role.OFFICE_HEAD, "home/leader.html", "office"),
        (Role.ENFORCEMENT_OFFICER, "home/officer.html", "office"),
        (Role.CLERK, "home/officer.html", "office"),
        (Role.ACCOUNTANT, "home/money.html", "office"),
        (Role.CASHIER, "home/money.html", "office"),
        (Role.COUNTER_STAFF, "home/counter.html", "office"),
        (Role.RECEPTION_OFFICER, "home/counter.html", "office"),
        (Role.SYSADMIN, "home/sysadmin.html", "central_office"),
    ],
)
def test_each_role_gets_its_home_page_and_only_its_menu(
    client, make_user, request, role, template, office_fixture
):
    user = make_user(role, request.getfixturevalue(office_fixture), is_staff=role == Role.SYSADMIN)
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 200
    used = {t.name for t in response.templates} & HOME_TEMPLATES
    assert used == {template}
    keys = [entry.key for entry in response.context["nav_items"]]
    expected = ["home"]
    if _reverses("org:office-list"):
        expected.append("offices")
    if _reverses("calendar:month"):
        expected.append("calendar")
    if role in {
        Role.MINISTRY_LEADER,
        Role.PROVINCIAL_HEAD,
        Role.OFFICE_HEAD,
        Role.SYSADMIN,
    } and _reverses("audit:event-list"):
        expected.append("audit")
    if role == Role.SYSADMIN:
        expected.append("admin")
    # Other apps add their own items; the core ones appear exactly for these roles.
    assert [k for k in keys if k in CORE_KEYS] == expected
    if role != Role.SYSADMIN:
        assert 'href="/admin/"' not in response.content.decode()
    else:
        assert 'href="/admin/"' in response.content.decode()
    modules = [m.key for m in response.context["modules"]]
    assert modules == [k for k in keys if k != "home"]


def test_officer_home_shows_name_role_office_and_today(client, officer, monday_23_11_2026):
    client.force_login(officer)

    response = client.get("/")

    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert f"Xin chào, {officer.full_name}" in html
    assert "Chấp hành viên</span>" in html
    assert officer.office.name in html
    assert '<time datetime="2026-11-23">Thứ Hai, 23/11/2026</time>' in html
    assert '<span class="badge badge-ok">Ngày làm việc</span>' in html
    assert [(d.date, d.name) for d in response.context["days_off"]] == [
        (dt.date(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
        (dt.date(2027, 1, 1), "Tết Dương lịch"),
        (dt.date(2027, 2, 4), "29 Tết"),
        (dt.date(2027, 2, 5), "Giao thừa Tết Nguyên Đán"),
        (dt.date(2027, 2, 6), "Tết Nguyên Đán"),
    ]
    assert "Thứ Ba, 24/11/2026</time> <span>Ngày Văn hóa Việt Nam</span>" in html
    assert response.context["figures"] is None
    assert "Phạm vi quản lý" not in html


def test_home_on_a_holiday_says_it_is_a_day_off(client, officer, monkeypatch):
    monkeypatch.setattr("thads.views.timezone.localdate", lambda: dt.date(2026, 9, 2))
    client.force_login(officer)

    html = client.get("/").content.decode()

    assert "Thứ Tư, 02/09/2026" in html
    assert '<span class="badge badge-warn">Ngày nghỉ</span> Quốc khánh' in html


def test_office_head_sees_the_figures_of_their_office(client, office_head, officer, make_user):
    make_user(Role.CLERK, office_head.office, is_active=False)
    client.force_login(office_head)

    response = client.get("/")

    assert response.context["figures"] == {"offices": 1, "staff": 2}
    assert "Phạm vi quản lý" in response.content.decode()


def test_provincial_head_sees_the_figures_of_the_province(
    client, provincial_head, officer, sibling_office, other_officer
):
    client.force_login(provincial_head)

    response = client.get("/")

    # T101, T101-KV01, T101-KV02; staff: the provincial head and the officer (not T102's).
    assert response.context["figures"] == {"offices": 3, "staff": 2}


def test_ministry_leader_and_sysadmin_see_every_office(
    client, ministry_leader, sysadmin, officer, other_officer
):
    for user in (ministry_leader, sysadmin):
        client.force_login(user)
        # CQL, T101, T101-KV01, T102, T102-KV01; staff: the four accounts.
        assert client.get("/").context["figures"] == {"offices": 5, "staff": 4}


def test_home_needs_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_home_uses_few_queries(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    client.get("/")  # warm the calendar snapshot

    with django_assert_max_num_queries(6):
        assert client.get("/").status_code == 200
