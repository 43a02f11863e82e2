"""A complaint filed online in Debian's Chromium (issue 7, done-when): a citizen with no account
fills the public form, gets the one-time code by e-mail, files, keeps the tracking code; the
reception officer of the responsible office records a verification note and the head accepts
and resolves it in the staff UI (the head decides: domain.md §5.2), and after each step the
citizen's tracking page shows the new step and never a name, an identity number, a phone, an
address or the petition's text. The public pages are also checked on a 390 px wide phone.
Screenshots land in var/screenshots/."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from citizen_reception.models import Petition
from citizen_reception.rules import rules_sync
from citizen_reception.services import petition_receive
from citizen_reception.types import PetitionIntake
from tests.e2e.harness import PageCheck
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD
from thads.permissions import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "nguoidan@example.vn"
NAME = "Phạm Thị Khiếu"
ID_NUMBER = "001190054321"
PHONE = "0912345678"
ADDRESS = "Số 17 ngõ Văn Chương, phường Văn Miếu"
CONTENT = "Tôi khiếu nại quyết định cưỡng chế kê biên căn nhà số 17 của gia đình tôi."
PERSONAL = (NAME, ID_NUMBER, PHONE, EMAIL, ADDRESS, CONTENT)


def emailed_code() -> str:
    for message in reversed(mail.outbox):
        if EMAIL in message.to:
            return re.search(r"Mã xác thực của bạn là (\d{6})\.", message.body).group(1)
    raise AssertionError("no code was e-mailed")


def assert_nothing_personal(text: str) -> None:
    assert [value for value in PERSONAL if value in text] == []


def fill_form(tab) -> None:
    tab.get_by_role("radio", name="Khiếu nại", exact=True).check()
    tab.locator("#id_complaint_level").select_option("1")
    tab.locator("#id_province").select_option("101")
    tab.locator("#id_subject").fill("Khiếu nại quyết định cưỡng chế kê biên")
    tab.locator("#id_content").fill(CONTENT)
    tab.locator("#id_petitioner_name").fill(NAME)
    tab.locator("#id_petitioner_id_number").fill(ID_NUMBER)
    tab.locator("#id_petitioner_birth_year").fill("1979")
    tab.locator("#id_petitioner_address").fill(ADDRESS)
    tab.locator("#id_petitioner_email").fill(EMAIL)
    tab.locator("#id_petitioner_phone").fill(PHONE)


def track(visit: PageCheck, code: str, name: str) -> str:
    visit(f"/tra-cuu/don/{code}", name)
    text = visit.page.locator("main").inner_text()
    assert_nothing_personal(text)
    return text


def staff_action(visit: PageCheck, petition: Petition, action: str, label: str, **fields) -> None:
    tab = visit.page
    visit(f"/reception/petitions/{petition.pk}/actions/{action}/", f"staff-{action}")
    for field_label, value in fields.items():
        tab.get_by_label(field_label).fill(value)
    tab.get_by_role("button", name=f"Xác nhận: {label}").click()
    tab.wait_for_url(re.compile(rf"/reception/petitions/{petition.pk}/$"))
    visit.check(f"staff-after-{action}")


def test_file_online_then_follow_each_step(
    visit, browser, live_server, settings, receipt_signing, agency_a, make_user
):
    settings.PUBLIC_BASE_URL = live_server.url
    rules_sync()  # the transactional database was flushed of the data migration's rules
    reception_officer = make_user(Role.RECEPTION_OFFICER, agency_a)
    head = make_user(Role.PROVINCIAL_HEAD, agency_a)
    tab = visit.page

    # The citizen files the complaint.
    visit("/nop-don/", "form")
    fill_form(tab)
    tab.get_by_role("button", name="Gửi mã xác thực").click()
    tab.locator("#otp-status .message-success").wait_for()
    assert "Đã gửi mã xác thực đến thư điện tử" in tab.locator("#otp-status").inner_text()
    tab.locator("#id_otp_code").fill(emailed_code())
    tab.locator("#id_pledge").check()
    visit.check("form-filled")
    tab.get_by_role("button", name="Gửi đơn", exact=True).click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith("/nop-don/da-nop/"), tab.locator("main").inner_text()
    visit.check("filed")

    petition = Petition.objects.get()
    assert tab.locator("#tracking-code").inner_text() == petition.code
    assert petition.channel == Petition.Channel.ONLINE
    assert petition.office == agency_a
    assert_nothing_personal(tab.locator("main").inner_text())

    # The citizen tracks it: received.
    text = track(visit, petition.code, "track-received")
    assert "Đã tiếp nhận đơn" in text
    assert "Đã tiếp nhận" in tab.locator("#track-status .badge").inner_text()

    # Staff: the reception officer notes, the head accepts.
    staff = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", bypass_csp=True)
    staff_visit = PageCheck(staff.new_page(), live_server.url, "staff-" + visit.test_name)
    try:
        log_in(staff_visit, reception_officer.username, PASSWORD, name="officer-login")
        staff_action(
            staff_visit, petition, "note", "Ghi chép xác minh", **{"Nội dung": "Đã xác minh hồ sơ."}
        )
        staff_visit.page.context.clear_cookies()
        log_in(staff_visit, head.username, PASSWORD, name="head-login")
        staff_action(staff_visit, petition, "accept", "Thụ lý")
        petition.refresh_from_db()
        assert petition.state == Petition.State.ACCEPTED

        text = track(visit, petition.code, "track-accepted")
        assert "Đã thụ lý" in tab.locator("#track-status .badge").inner_text()
        assert len(tab.locator("#track-timeline tbody tr").all()) == 2
        assert "Đã xác minh hồ sơ." not in text

        staff_action(
            staff_visit,
            petition,
            "resolve",
            "Giải quyết",
            **{"Kết quả giải quyết": "Giữ nguyên quyết định cưỡng chế."},
        )
    finally:
        staff.close()
    petition.refresh_from_db()
    assert petition.state == Petition.State.RESOLVED

    text = track(visit, petition.code, "track-resolved")
    assert "Đã giải quyết" in tab.locator("#track-status .badge").inner_text()
    assert len(tab.locator("#track-timeline tbody tr").all()) == 3
    assert "Giữ nguyên quyết định cưỡng chế." not in text


def test_public_pages_on_a_phone(
    browser, live_server, settings, receipt_signing, agency_a, request
):
    context = browser.new_context(
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    try:
        visit = PageCheck(context.new_page(), live_server.url, request.node.name)
        tab = visit.page
        visit("/nop-don/", "form")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        tab.get_by_role("button", name="Gửi đơn", exact=True).click()
        tab.wait_for_load_state("load")
        visit.check("form-errors")
        assert "Hãy đánh dấu ô cam đoan trước khi gửi đơn." in tab.locator("main").inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        visit("/tra-cuu/don/DZZZZZZZZZZ", "track-unknown")
        assert "Không tìm thấy đơn" in tab.locator("main").inner_text()
        visit("/tra-cuu/don/", "track-find")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        rules_sync()
        petition = petition_receive(
            actor=None,
            receiving_office=agency_a,
            data=PetitionIntake(
                kind="denunciation",
                channel="online",
                subject="Tố cáo hành vi của chấp hành viên",
                content=CONTENT,
                petitioner_name=NAME,
                petitioner_id_number=ID_NUMBER,
                petitioner_address=ADDRESS,
                province_code=101,
                notify_email=EMAIL,
            ),
        )
        text = track(visit, petition.code, "track-received")
        assert "Tố cáo" in text
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
