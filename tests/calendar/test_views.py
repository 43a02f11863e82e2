"""Calendar pages: access matrix, the month grid, the calculator and the overrides forms."""

from datetime import date

import pytest
from django.urls import reverse

from thads.calendar.models import CalendarOverride
from thads.permissions import Role

pytestmark = pytest.mark.django_db

BASIS = "Thông báo số 9999/TB-BNV ngày 01/12/2026 (thử nghiệm)"
MONTH = reverse("calendar:month")
CALC = reverse("calendar:calculate")
LIST = reverse("calendar:override-list")
CREATE = reverse("calendar:override-create")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def override(sysadmin):
    return CalendarOverride.objects.create(
        date=date(2026, 3, 13),
        kind=CalendarOverride.Kind.DAY_OFF,
        name="Nghỉ thử nghiệm",
        legal_basis=BASIS,
        created_by=sysadmin,
    )


def _post_data(**fields):
    return {
        "date": "13/03/2026",
        "kind": "day_off",
        "name": "Nghỉ thử nghiệm",
        "legal_basis": BASIS,
        **fields,
    }


# --- Access matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", MONTH),
        ("get", CALC),
        ("get", LIST),
        ("post", CREATE),
        ("post", "/calendar/overrides/1/delete/"),
    ],
)
def test_anonymous_is_sent_to_login(client, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "role",
    [
        Role.ENFORCEMENT_OFFICER,
        Role.CLERK,
        Role.OFFICE_HEAD,
        Role.COUNTER_STAFF,
        Role.ACCOUNTANT,
        Role.RECEPTION_OFFICER,
    ],
)
def test_every_staff_role_sees_the_month_and_may_calculate(client, make_user, office, role):
    client.force_login(make_user(role, office))

    assert client.get(MONTH).status_code == 200
    response = client.get(CALC, {"start": "13/02/2026", "number": "5", "unit": "working_days"})
    assert response.status_code == 200
    assert "27/02/2026" in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["officer", "office_head", "provincial_head"])
def test_non_admins_cannot_manage_overrides(client, request, override, audit_calls, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, _post_data(date="16/03/2026")).status_code == 403
    delete = client.post(reverse("calendar:override-delete", args=[override.pk]))
    assert delete.status_code == 403
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [date(2026, 3, 13)]
    assert audit_calls.calls == []


def test_sysadmin_creates_an_override(client, sysadmin, audit_calls):
    client.force_login(sysadmin)

    assert client.get(LIST).status_code == 200
    response = client.post(CREATE, _post_data())

    assert response.status_code == 303
    assert response["Location"] == LIST
    row = CalendarOverride.objects.get()
    assert (row.date, row.kind, row.name, row.legal_basis, row.created_by) == (
        date(2026, 3, 13),
        "day_off",
        "Nghỉ thử nghiệm",
        BASIS,
        sysadmin,
    )
    assert audit_calls.actions == ["calendar_override.created"]
    page = client.get(LIST).content.decode()
    assert "Đã lưu ngày ngoại lệ 13/03/2026: Nghỉ thử nghiệm." in page
    assert BASIS in page


def test_sysadmin_create_through_htmx_redirects_the_client(client, sysadmin, audit_calls):
    client.force_login(sysadmin)

    response = client.post(CREATE, _post_data(), **HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == LIST
    assert CalendarOverride.objects.count() == 1


def test_double_submit_keeps_one_row_and_one_audit_event(client, sysadmin, audit_calls):
    client.force_login(sysadmin)

    client.post(CREATE, _post_data(), **HTMX)
    client.post(CREATE, _post_data(), **HTMX)

    assert CalendarOverride.objects.count() == 1
    assert audit_calls.actions == ["calendar_override.created"]


def test_sysadmin_deletes_an_override_and_a_second_submit_is_harmless(
    client, sysadmin, override, audit_calls
):
    client.force_login(sysadmin)
    url = reverse("calendar:override-delete", args=[override.pk])

    first = client.post(url)
    second = client.post(url, follow=True)

    assert first.status_code == 303
    assert CalendarOverride.objects.count() == 0
    assert audit_calls.actions == ["calendar_override.removed"]
    assert "Ngày ngoại lệ này đã được xóa trước đó." in second.content.decode()


def test_get_is_not_allowed_on_writes(client, sysadmin, override):
    client.force_login(sysadmin)

    assert client.get(CREATE).status_code == 405
    assert client.get(reverse("calendar:override-delete", args=[override.pk])).status_code == 405
    assert CalendarOverride.objects.count() == 1


# --- Month page ---------------------------------------------------------------------------------


def test_february_2026_marks_tet_weekends_and_weekday_names(client, officer):
    client.force_login(officer)

    response = client.get(MONTH, {"year": "2026", "month": "2"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tháng 2/2026" in html
    for name in ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"):
        assert (
            f'<th scope="col">{name}</th>' in html
            or f'<th scope="col" class="cal-head-weekend">{name}</th>' in html
        )
    assert html.count("cal-day cal-holiday") == 5
    assert "Giao thừa Tết Nguyên Đán" in html
    assert "Mùng bốn Tết Nguyên Đán" in html
    assert "15 ngày làm việc trong tháng" in html
    assert 'data-date="2026-02-16"' in html
    grid = response.context["grid"]
    assert (grid.prev_year, grid.prev_month, grid.next_year, grid.next_month) == (2026, 1, 2026, 3)
    # Monday first: the grid starts on Monday 26/01/2026 and ends on Sunday 01/03/2026.
    assert grid.weeks[0][0].info.date == date(2026, 1, 26)
    assert grid.weeks[-1][-1].info.date == date(2026, 3, 1)
    assert response["Vary"] == "HX-Request, Cookie"


def test_august_2026_shows_the_makeup_saturday(client, officer):
    client.force_login(officer)

    html = client.get(MONTH, {"year": "2026", "month": "8"}).content.decode()

    assert "cal-day cal-makeup_saturday" in html
    assert "Ngày làm việc bù (nghỉ ngày 31/08/2026)" in html
    assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in html


def test_an_override_shows_its_name_and_legal_basis(client, officer, override):
    client.force_login(officer)

    html = client.get(MONTH, {"year": "2026", "month": "3"}).content.decode()

    assert "cal-day cal-override_off" in html
    assert "Nghỉ thử nghiệm" in html
    assert BASIS in html


def test_today_is_highlighted_in_vietnam_time(client, officer, monkeypatch):
    monkeypatch.setattr("thads.calendar.selectors.calendar_today", lambda: date(2026, 11, 23))
    client.force_login(officer)

    response = client.get(MONTH)

    html = response.content.decode()
    assert response.context["grid"].month == 11
    assert html.count('aria-current="date"') == 1
    assert 'cal-today"\n            aria-current="date"\n            data-date="2026-11-23"' in html


def test_month_navigation_returns_only_the_partial_to_htmx(client, officer):
    client.force_login(officer)

    response = client.get(
        MONTH, {"year": "2027", "month": "2"}, HTTP_HX_TARGET="calendar-month", **HTMX
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="calendar-month"')
    assert "<html" not in html
    assert "Tháng 2/2027" in html
    assert "29 Tết" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "abc", "month": "2"}, (2026, 2)),
        ({"year": "2027", "month": "13"}, (2027, 11)),
        ({"year": "3000", "month": "1"}, (2026, 1)),
        ({}, (2026, 11)),
    ],
)
def test_bad_month_parameters_fall_back_to_today(client, officer, params, expected, monkeypatch):
    monkeypatch.setattr("thads.calendar.selectors.calendar_today", lambda: date(2026, 11, 23))
    client.force_login(officer)

    grid = client.get(MONTH, params).context["grid"]

    assert (grid.year, grid.month) == expected


def test_month_page_uses_a_bounded_number_of_queries(
    client, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    client.get(MONTH)

    with django_assert_max_num_queries(6):
        client.get(MONTH, {"year": "2026", "month": "2"})


# --- Calculator ---------------------------------------------------------------------------------


def test_calculator_explains_working_days_over_tet(client, officer):
    client.force_login(officer)

    response = client.get(
        CALC, {"start": "14/02/2026", "number": "5", "unit": "working_days"}, **HTMX
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="calendar-calc"')
    assert "<strong>27/02/2026</strong> (Thứ Sáu)" in html
    assert (
        "Tính 5 ngày làm việc kể từ ngày tiếp theo sau 14/02/2026, không kể thứ Bảy, Chủ nhật, "
        "ngày lễ, Tết và ngày nghỉ bù." in html
    )
    assert "8 ngày nghỉ không tính vào thời hạn" in html
    span = response.context["span"]
    assert [i.date.day for i in span.skipped] == [15, 16, 17, 18, 19, 20, 21, 22]
    assert response["Vary"] == "HX-Request, Cookie"


def test_calculator_rolls_calendar_days_forward(client, officer):
    client.force_login(officer)

    response = client.get(
        CALC, {"start": "21/08/2026", "number": "10", "unit": "calendar_days"}, **HTMX
    )

    html = response.content.decode()
    assert "<strong>03/09/2026</strong> (Thứ Năm)" in html
    assert "3 ngày nghỉ làm thời hạn kéo dài" in html
    assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in html


def test_calculator_without_htmx_renders_the_whole_page(client, officer):
    client.force_login(officer)

    response = client.get(CALC, {"start": "13/02/2026", "number": "1", "unit": "working_days"})

    html = response.content.decode()
    assert "<html" in html
    assert 'id="calendar-month"' in html
    assert "<strong>23/02/2026</strong> (Thứ Hai)" in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "", "number": "5"}, "start", "Vui lòng nhập ngày bắt đầu."),
        (
            {"start": "2026-02-14", "number": "5"},
            "start",
            "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 14/02/2026.",
        ),
        (
            {"start": "30/02/2026", "number": "5"},
            "start",
            "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 14/02/2026.",
        ),
        (
            {"start": "14/02/1990", "number": "5"},
            "start",
            "Chỉ tính được cho các năm từ 1995 đến 2100.",
        ),
        ({"start": "14/02/2026", "number": ""}, "number", "Vui lòng nhập số ngày."),
        ({"start": "14/02/2026", "number": "năm"}, "number", "Số ngày phải là số nguyên."),
        ({"start": "14/02/2026", "number": "-1"}, "number", "Số ngày không được âm."),
        ({"start": "14/02/2026", "number": "1001"}, "number", "Số ngày tối đa là 1000."),
        (
            {"start": "14/02/2026", "number": "5", "unit": "weeks"},
            "unit",
            "Đơn vị tính không hợp lệ.",
        ),
    ],
)
def test_calculator_errors_are_in_vietnamese(client, officer, params, field, message):
    client.force_login(officer)
    query = {"unit": "working_days", **params}

    response = client.get(CALC, query, **HTMX)

    assert response.status_code == 200
    assert response.context["calc_form"].errors[field] == [message]
    assert message in response.content.decode()
    assert response.context["span"] is None


def test_calculator_reports_a_period_past_the_calendar(client, officer):
    client.force_login(officer)

    response = client.get(
        CALC, {"start": "01/12/2100", "number": "100", "unit": "working_days"}, **HTMX
    )

    assert response.context["calc_form"].non_field_errors() == [
        "Thời hạn vượt ra ngoài phạm vi của lịch ngày làm việc (1995–2100)."
    ]


# --- Override form errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date": ""}, "date", "Vui lòng nhập ngày."),
        ({"date": "13-03-2026"}, "date", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 14/02/2026."),
        ({"kind": ""}, "kind", "Vui lòng chọn loại ngày."),
        ({"name": ""}, "name", "Vui lòng nhập tên ngày."),
        ({"legal_basis": ""}, "legal_basis", "Vui lòng nhập căn cứ (số, ký hiệu văn bản công bố)."),
        (
            {"date": "14/03/2026"},
            "date",
            "Ngày 14/03/2026 là Thứ Bảy, vốn đã là ngày nghỉ; không cần khai báo ngày nghỉ.",
        ),
        (
            {"date": "16/03/2026", "kind": "working_day"},
            "date",
            "Ngày 16/03/2026 vốn đã là ngày làm việc; chỉ khai báo ngày làm việc bù cho thứ Bảy, "
            "Chủ nhật hoặc ngày lễ.",
        ),
    ],
)
def test_override_form_errors_are_in_vietnamese(
    client, sysadmin, audit_calls, fields, field, message
):
    client.force_login(sysadmin)

    response = client.post(CREATE, _post_data(**fields), **HTMX)

    assert response.status_code == 422
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="override-form"')
    assert message in html
    assert CalendarOverride.objects.count() == 0
    assert audit_calls.calls == []


def test_override_form_error_without_htmx_renders_the_whole_page(client, sysadmin, audit_calls):
    client.force_login(sysadmin)

    response = client.post(CREATE, _post_data(date=""))

    assert response.status_code == 422
    assert "<html" in response.content.decode()


def test_edit_link_prefills_the_form(client, sysadmin, override):
    client.force_login(sysadmin)

    response = client.get(LIST, {"edit": override.pk})

    html = response.content.decode()
    assert 'value="13/03/2026"' in html
    assert f'value="{BASIS}"' in html
