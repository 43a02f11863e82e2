"""Look at the other pages: leader home, refusals, lockout, narrow screens. Screenshots + axe."""

import pytest

from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_leader_home_shows_the_scope_figures(visit, office_head, officer):
    page = visit.page

    log_in(visit, office_head.username, PASSWORD)
    visit.check("home")

    figures = page.locator("dl.figures")
    assert figures.locator("dd").all_inner_texts() == ["1", "2"]
    assert page.locator(".user-role").inner_text() == "Trưởng Phòng THADS khu vực"


def test_account_without_office_sees_the_403_and_can_log_out(visit, make_user):
    user = make_user("", None)
    page = visit.page

    log_in(visit, user.username, PASSWORD)
    visit.check("403")

    assert page.locator(".error-message").inner_text() == (
        "Tài khoản của bạn chưa được gán đơn vị và vai trò. Hãy liên hệ quản trị hệ thống."
    )
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/login/")
    assert page.get_by_role("status").inner_text() == "Bạn đã đăng xuất."


def test_unknown_page_and_other_office_are_404(visit, officer, other_office):
    log_in(visit, officer.username, PASSWORD)

    response = visit(f"/org/offices/{other_office.code}/", "404")

    assert response.status == 404
    assert visit.page.get_by_role("heading", level=1).inner_text() == "Không tìm thấy trang"


def test_lockout_page(visit, officer):
    page = visit.page
    for attempt in range(5):
        log_in(visit, officer.username, "sai", name=f"login-{attempt}")

    visit.check("lockout")

    assert page.get_by_role("heading", level=1).inner_text() == "Tài khoản tạm khóa"
    assert page.get_by_role("alert").inner_text() == (
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 30 phút hoặc "
        "liên hệ quản trị hệ thống."
    )


def test_narrow_screen_collapses_the_menu_behind_a_button(visit, officer):
    page = visit.page
    page.set_viewport_size({"width": 420, "height": 900})
    log_in(visit, officer.username, PASSWORD)

    toggle = page.get_by_role("button", name="Danh mục")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-nav").is_visible()
    visit.check("narrow-closed")

    toggle.click()

    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-nav").get_by_role("link", name="Đơn vị").is_visible()
    visit.check("narrow-open")


def test_expired_session_sends_back_to_login_with_a_message(visit, officer):
    from django.contrib.sessions.models import Session

    page = visit.page
    log_in(visit, officer.username, PASSWORD)
    Session.objects.all().delete()

    page.locator("#site-nav").get_by_role("link", name="Đơn vị").click()
    page.wait_for_load_state("load")
    visit.check("expired")

    assert page.url.endswith("/login/?next=/org/offices/")
    assert page.get_by_role("status").inner_text() == (
        "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại."
    )


def test_form_sent_with_an_expired_token_is_refused_in_vietnamese(visit, officer):
    page = visit.page
    visit("/login/", "login")
    page.context.clear_cookies()  # the CSRF cookie is gone, as after a long pause

    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state("load")
    visit.check("csrf")

    assert page.get_by_role("heading", level=1).inner_text() == "Biểu mẫu đã hết hạn"
    page.get_by_role("link", name="Quay lại và tải lại trang").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng nhập hệ thống"
