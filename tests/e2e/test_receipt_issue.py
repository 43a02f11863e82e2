"""A receipt in Debian's Chromium (issue 6, done-when): the accountant issues it from the form
(case picked by its number, amount typed the Vietnamese way), it is signed after commit, and the
QR link printed in the signed PDF, opened in a fresh browser context with no session, shows the
receipt genuine with the payer's name masked. Screenshots land in var/screenshots/."""

import re
from concurrent.futures import ThreadPoolExecutor

import pypdfium2 as pdfium
import pytest

from receipts.models import Receipt
from tests.e2e.harness import PageCheck
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD
from thads.documents.conf import media_root
from thads.documents.signing import validate_pdf_signatures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_issue_sign_and_verify_by_qr_link(
    visit, browser, live_server, settings, receipt_signing, accountant, receipt_case
):
    settings.PUBLIC_BASE_URL = live_server.url
    tab = visit.page
    log_in(visit, accountant.username, PASSWORD, name="accountant-login")

    visit(f"/receipts/new/?case={receipt_case.number}", "receipt-form")
    assert tab.get_by_label("Số hồ sơ thi hành án").input_value() == "12/2026/HS"
    tab.get_by_label("Họ tên người nộp tiền").fill("Nguyễn Văn An")
    tab.get_by_label("Số định danh / CCCD").fill("001090012345")
    tab.get_by_label("Số tiền (đồng)").fill("12.500.000")
    tab.get_by_label("Hình thức thu").select_option("transfer")
    tab.get_by_label("Số tham chiếu ngân hàng").fill("FT26327000123")
    tab.get_by_role("button", name="Lập biên lai").click()
    tab.wait_for_url(re.compile(r"/receipts/\d+/$"))
    visit.check("receipt-detail")

    receipt = Receipt.objects.get()
    assert tab.get_by_role("heading", level=1).inner_text() == "Biên lai BL/26E 0000001"
    assert "Đã lập biên lai BL/26E 0000001." in tab.locator("#messages").inner_text()
    assert "Đã ký số lúc" in tab.locator("#receipt-signature").inner_text()
    assert receipt.status == Receipt.Status.SIGNED
    signed = (media_root() / receipt.pdf_name).read_bytes()
    # pyHanko's validator runs its own event loop: not in Playwright's thread.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(validate_pdf_signatures, signed).result().authentic
    text = pdf_text(signed)
    assert "Mười hai triệu năm trăm nghìn đồng" in text
    qr_url = f"{live_server.url}/tra-cuu/bien-lai/{receipt.lookup_code}"
    assert qr_url in text

    # A citizen scans the QR code: a fresh browser context, no session, no cookies.
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    try:
        citizen = PageCheck(context.new_page(), live_server.url, "test_receipt_citizen")
        citizen.page.goto(qr_url)
        citizen.check("qr-lookup")
        status = citizen.page.locator("#verify-status").inner_text()
        assert "Biên lai thật, còn hiệu lực" in status
        assert "BL/26E 0000001" in status
        assert "Nguyễn V*** A**" in status
        assert "*********345" in status
        assert "Nguyễn Văn An" not in citizen.page.content()
        assert "Số 1 trong 1 biên lai của ký hiệu này; chuỗi mã băm liền mạch." in status
        assert "Đã ký số lúc" in status
    finally:
        context.close()
