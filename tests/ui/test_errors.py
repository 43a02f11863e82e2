"""Refusals and error pages: Vietnamese, with a way out, revealing nothing, changing nothing."""

import json

import pytest
from django.db import DatabaseError
from django.test import RequestFactory

from thads import views
from thads.permissions import Role

NO_OFFICE = "Tài khoản của bạn chưa được gán đơn vị và vai trò. Hãy liên hệ quản trị hệ thống."
WRONG_ROLE = "Vai trò của bạn không được phép thực hiện chức năng này."


@pytest.mark.parametrize(
    "fields", [{"role": "", "office": None}, {"role": Role.CLERK, "office": None}]
)
def test_user_without_office_gets_the_403_with_the_exact_message_and_a_logout_button(
    client, make_user, fields
):
    user = make_user(**fields)
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 403
    html = response.content.decode()
    assert f'<p class="error-message">{NO_OFFICE}</p>' in html
    assert '<form method="post" action="/logout/">' in html
    assert "Đăng xuất</button>" in html
    assert 'id="site-nav"' not in html  # no menu for an account that can use nothing


def test_user_without_office_can_log_out(client, make_user):
    user = make_user("", None)
    client.force_login(user)

    response = client.post("/logout/")

    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in client.session


def test_permission_denied_handler_shows_the_exception_message(rf_user):
    request = rf_user
    from django.core.exceptions import PermissionDenied

    response = views.permission_denied(request, PermissionDenied(WRONG_ROLE))

    assert response.status_code == 403
    html = response.content.decode()
    assert f'<p class="error-message">{WRONG_ROLE}</p>' in html
    assert 'href="/">Về trang chủ</a>' in html
    assert 'id="site-nav"' in html


def test_permission_denied_without_a_message_says_no_permission(rf_user):
    response = views.permission_denied(rf_user, None)

    assert '<p class="error-message">Bạn không có quyền truy cập trang này.</p>' in (
        response.content.decode()
    )


@pytest.fixture
def rf_user(officer):
    request = RequestFactory().get("/x/")
    request.user = officer
    request.session = {}
    return request


def test_forged_office_code_in_the_url_is_a_404_that_reveals_nothing(client, officer, other_office):
    client.force_login(officer)

    response = client.get(f"/org/offices/{other_office.code}/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert other_office.name not in html
    assert other_office.province.name not in html


def test_unknown_page_is_a_vietnamese_404(client, officer):
    client.force_login(officer)

    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert (
        "Trang hoặc hồ sơ bạn tìm không tồn tại, hoặc không thuộc phạm vi bạn được xem."
        in response.content.decode()
    )


def test_page_not_found_handler(rf_user):
    response = views.page_not_found(rf_user, Exception("No Office matches the given query."))

    assert response.status_code == 404
    assert "No Office matches" not in response.content.decode()


def test_server_error_page_renders_without_context_processors(db):
    request = RequestFactory().get("/")

    response = views.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<h1>Lỗi hệ thống</h1>" in html


def test_bad_request_page(rf_user):
    response = views.bad_request(rf_user, None)

    assert response.status_code == 400
    assert "<h1>Yêu cầu không hợp lệ</h1>" in response.content.decode()


def test_healthz_is_public_json(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_broken_database(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("down")

    with monkeypatch.context() as patch:
        patch.setattr("thads.views.connection.cursor", broken_cursor)
        response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "error"}
