"""Login, lockout, logout and expired sessions: Vietnamese messages, nothing changed on refusal."""

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client

from tests.fixtures.core import PASSWORD
from thads.audit.models import AuditEvent

WRONG_PASSWORD = (
    "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường; "
    "đăng nhập sai nhiều lần, tài khoản sẽ bị tạm khóa."
)
LOCKED = (
    "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 30 phút hoặc liên hệ "
    "quản trị hệ thống."
)
EXPIRED = "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại."


def test_login_page_is_vietnamese_with_labelled_fields(client, db):
    response = client.get("/login/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "<h1>Đăng nhập hệ thống</h1>" in html
    assert '<label for="id_username">Tên đăng nhập<span class="required"' in html
    assert '<label for="id_password">Mật khẩu<span class="required"' in html
    assert 'autocomplete="current-password"' in html


def test_officer_logs_in_and_lands_on_home(client, officer):
    response = client.post("/login/", {"username": officer.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_shows_the_vietnamese_error_and_signs_nobody_in(client, officer):
    response = client.post("/login/", {"username": officer.username, "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG_PASSWORD]
    html = response.content.decode()
    assert WRONG_PASSWORD in html
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=officer.username).failures_since_start == 1


def test_unknown_user_gets_the_same_message(client, db):
    response = client.post("/login/", {"username": "khong-ton-tai", "password": "x"})

    assert response.context["form"].non_field_errors() == [WRONG_PASSWORD]


def test_empty_form_says_which_fields_are_required(client, db):
    response = client.post("/login/", {"username": "", "password": ""})

    html = response.content.decode()
    assert response.context["form"].errors == {
        "username": ["Trường này là bắt buộc."],
        "password": ["Trường này là bắt buộc."],
    }
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_username_error"' in html
    assert (
        '<div class="field-error" id="id_username_error"><p>Trường này là bắt buộc.</p></div>'
        in (html)
    )


def test_fifth_failure_locks_the_account_with_429(client, officer):
    for _ in range(4):
        response = client.post("/login/", {"username": officer.username, "password": "sai"})
        assert response.status_code == 200

    response = client.post("/login/", {"username": officer.username, "password": "sai"})

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "registration/lockout.html" in [t.name for t in response.templates]
    # Even the right password is refused while locked.
    response = client.post("/login/", {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    events = AuditEvent.objects.filter(chain=officer.office.code).order_by("seq")
    # The fifth failure locks the account (axes signals the lockout before Django's failure
    # signal); every attempt while locked is audited again as a lockout and a failure.
    assert [e.action for e in events] == ["auth.login_failed"] * 4 + [
        "auth.locked_out",
        "auth.login_failed",
    ] * 2
    locked = events.filter(action="auth.locked_out").first()
    assert locked.after == {"username": officer.username, "account_exists": True}
    assert locked.summary == f"Tạm khóa đăng nhập của “{officer.username}” do nhập sai nhiều lần."


def test_next_is_followed_when_it_stays_on_the_site(client, officer):
    response = client.post(
        "/login/?next=/org/offices/",
        {"username": officer.username, "password": PASSWORD, "next": "/org/offices/"},
    )

    assert response["Location"] == "/org/offices/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_next_pointing_elsewhere_is_ignored(client, officer, next_url):
    response = client.post(
        "/login/", {"username": officer.username, "password": PASSWORD, "next": next_url}
    )

    assert response["Location"] == "/"


def test_signed_in_user_opening_login_goes_home(client, officer):
    client.force_login(officer)

    assert client.get("/login/")["Location"] == "/"


def test_logout_is_post_only_and_says_goodbye(client, officer):
    client.force_login(officer)

    assert client.get("/logout/").status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post("/logout/", follow=True)

    assert response.redirect_chain == [("/login/", 302)]
    assert "Bạn đã đăng xuất." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_expired_session_says_so_on_the_login_page(client, officer):
    client.force_login(officer)
    Session.objects.all().delete()  # the idle timeout, or a server-side logout

    response = client.get("/org/offices/", follow=True)

    assert response.redirect_chain == [("/login/?next=/org/offices/", 302)]
    html = response.content.decode()
    assert EXPIRED in html
    assert '<div id="messages" class="messages" role="status" aria-live="polite">' in html
    # Said once: the stale cookie is gone.
    assert EXPIRED not in client.get("/login/").content.decode()


def test_forged_session_cookie_counts_as_expired(client, db):
    client.cookies["sessionid"] = "khong-phai-phien-that"

    response = client.get("/", follow=True)

    assert EXPIRED in response.content.decode()


def test_fresh_visitor_gets_no_expired_message(client, db):
    response = client.get("/", follow=True)

    assert EXPIRED not in response.content.decode()


def test_expired_session_on_an_htmx_request_redirects_the_whole_page(client, officer):
    client.force_login(officer)
    Session.objects.all().delete()

    response = client.get("/org/offices/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == "/login/?next=/org/offices/"


def test_post_without_csrf_token_is_refused_in_vietnamese_and_changes_nothing(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)

    response = client.post("/logout/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Biểu mẫu đã hết hạn</h1>" in html
    assert (
        "Không thể gửi biểu mẫu vì mã bảo mật của trang đã hết hạn hoặc không hợp lệ. "
        "Không có dữ liệu nào bị thay đổi."
    ) in html
    assert "_auth_user_id" in client.session  # still signed in


def test_login_without_csrf_token_signs_nobody_in(officer):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/login/", {"username": officer.username, "password": PASSWORD})

    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.count() == 0


def test_csrf_page_links_back_only_to_this_site(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)

    html = client.post("/logout/", headers={"Referer": "https://evil.example/x"}).content.decode()

    assert "evil.example" not in html
    assert 'href="/logout/"' in html
