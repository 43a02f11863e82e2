"""Draft a batch from two confirmed judgments, approve and sign it, open a decision's QR link.

Tasks run in-process (eager). The QR codes point at the live server (``PUBLIC_BASE_URL``); the
link is read from the signed PDF itself (the text printed under the QR code), as a citizen
holding the PDF would follow it.
"""

import re

import pypdfium2 as pdfium
import pytest

from decisions.models import Decision
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+?/tra-cuu/quyet-dinh/[A-Za-z0-9_-]{32}")


def test_batch_drafted_approved_signed_and_verified(
    visit, settings, live_server, drafting_env, officer, office_head, make_judgment
):
    settings.PUBLIC_BASE_URL = live_server.url
    office_head.full_name = "Lê Văn Trưởng"
    office_head.job_title = "Trưởng phòng"
    office_head.save()
    first, second = make_judgment(fees=1), make_judgment(fees=2)
    tab = visit.page

    log_in(visit, officer.username, PASSWORD)
    visit("/decisions/batches/new/", "batch-form")
    tab.get_by_label(re.compile(re.escape(first.number))).check()
    tab.get_by_label(re.compile(re.escape(second.number))).check()
    tab.get_by_role("button", name="Dự thảo").click()
    tab.wait_for_url(re.compile(r"/decisions/batches/\d+/$"))
    visit.check("batch-drafted")
    assert tab.locator("#batch-decisions tbody tr").count() == 3
    assert "Dự thảo: 3" in tab.locator("#batch-counts").inner_text()

    tab.context.clear_cookies()
    log_in(visit, office_head.username, PASSWORD, name="login-head")
    batch_path = f"/decisions/batches/{Decision.objects.first().batch_id}/"
    visit(batch_path, "batch-head")
    tab.get_by_role("button", name="Duyệt tất cả").click()
    tab.wait_for_load_state("load")
    assert "Đã duyệt 3 quyết định." in tab.locator("body").inner_text()
    tab.get_by_role("button", name="Ký số tất cả quyết định đã duyệt").click()
    tab.wait_for_load_state("load")
    visit.check("batch-signed")
    assert "Đã ký: 3" in tab.locator("#batch-counts").inner_text()
    cells = tab.locator("#batch-decisions tbody tr td:nth-child(2)").all()
    assert [cell.inner_text() for cell in cells] == ["1/QĐ-THADS", "2/QĐ-THADS", "3/QĐ-THADS"]

    pdf_href = tab.get_by_role("link", name="Bản đã ký").first.get_attribute("href")
    data = tab.request.get(live_server.url + pdf_href).body()
    document = pdfium.PdfDocument(data)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    # pdfium reads a hyphen where a line breaks as U+FFFE; the random token may hold one.
    link = LINK.search(text.replace("\r", "").replace("\n", "").replace("\ufffe", "-"))[0]
    assert link.startswith(live_server.url)

    tab.context.clear_cookies()
    visit(link.removeprefix(live_server.url), "public-verify")
    status = tab.locator("#verify-status").inner_text()
    assert "Quyết định có hiệu lực" in status
    assert "1/QĐ-THADS" in status
    assert "Hợp lệ" in tab.locator("#registered-signature").inner_text()
