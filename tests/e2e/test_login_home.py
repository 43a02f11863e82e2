"""First flows in a browser: log in, see the Vietnamese home page, switch language, keyboard."""

import re

import pytest

from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_and_sees_the_vietnamese_home_page(visit, officer):
    page = visit.page

    log_in(visit, officer.username, PASSWORD)
    visit.check("home")

    assert page.url == visit.base_url + "/"
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.title() == "Trang chủ · Thi hành án dân sự"
    assert page.get_by_role("heading", level=1).inner_text() == f"Xin chào, {officer.full_name}"
    header = page.locator("header.site-header")
    assert header.locator(".user-name").inner_text() == officer.full_name
    assert header.locator(".user-role").inner_text() == "Chấp hành viên"
    assert header.locator(".user-office").inner_text() == officer.office.name
    assert page.get_by_role("heading", name="Hôm nay").is_visible()
    assert re.fullmatch(
        r"(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}/\d{2}/\d{4}",
        page.locator(".today-date").inner_text(),
    )
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    assert nav.get_by_role("link", name="Trang chủ").get_attribute("aria-current") == "page"
    assert nav.get_by_role("link", name="Đơn vị").is_visible()
    assert nav.get_by_role("link", name="Quản trị").count() == 0
    assert page.get_by_role("button", name="Đăng xuất").is_visible()


def test_wrong_password_shows_the_vietnamese_error(visit, officer):
    page = visit.page

    log_in(visit, officer.username, "mat-khau-sai")
    visit.check("error")

    alert = page.get_by_role("alert")
    assert alert.inner_text() == (
        "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ "
        "thường; đăng nhập sai nhiều lần, tài khoản sẽ bị tạm khóa."
    )
    # The error summary takes the focus, so a screen reader reads it first.
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert page.url.endswith("/login/")


def test_switching_to_english_shows_the_english_home(visit, officer):
    page = visit.page
    log_in(visit, officer.username, PASSWORD)

    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    page.wait_for_load_state("load")
    visit.check("home-en")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() == "Home · Civil Judgment Enforcement"
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {officer.full_name}"
    assert page.locator(".user-role").inner_text() == "Enforcement officer"
    assert page.get_by_role("navigation", name="Main navigation").is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()


def test_tab_from_the_top_reaches_the_skip_link_first(visit, officer):
    page = visit.page
    log_in(visit, officer.username, PASSWORD)

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua đến nội dung chính"
    assert page.get_by_role("link", name="Bỏ qua đến nội dung chính").is_visible()
    visit.check("skip-link")

    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_htmx_is_loaded_from_static_with_the_strict_configuration(visit, officer):
    page = visit.page
    log_in(visit, officer.username, PASSWORD)

    assert page.evaluate("htmx.version") == "2.0.11"
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("htmx.config.allowEval") is False
    # No inline script or style in the page: the CSP will forbid them.
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("style").count() == 0
    assert page.locator("[style]").count() == 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans"')
