"""Look at the document pages in Debian's Chromium: upload refused, then a document read.

Screenshots go to var/screenshots/ and axe-core checks each page (tests/e2e/harness.py). Tasks
run in-process (eager), so the upload returns once the pages are read.
"""

import re

import pytest

from tests.documents.hostile import encrypted_pdf
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_refused_then_accepted_and_read(visit, officer, media_root, samples, tmp_path):
    tab = visit.page
    log_in(visit, officer.username, PASSWORD)
    bad = tmp_path / "ban-an-co-mat-khau.pdf"
    bad.write_bytes(encrypted_pdf(tmp_path))

    visit("/documents/upload/", "upload")
    tab.set_input_files("#id_file", str(bad))
    tab.get_by_role("button", name="Tải lên").click()
    error = tab.locator(".field-error")
    error.wait_for()
    visit.check("upload-refused")

    assert error.inner_text() == (
        "Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa."
    )

    tab.set_input_files("#id_file", str(samples / "scan-2-pages.pdf"))
    tab.get_by_role("button", name="Tải lên").click()
    tab.wait_for_url(re.compile(r"/documents/\d+/$"), timeout=60_000)
    visit.check("detail")

    assert tab.get_by_role("heading", level=1).inner_text() == "scan-2-pages.pdf"
    assert "Đã có văn bản" in tab.locator("#document-info").inner_text()
    tab.get_by_role("link", name="Trang 2").click()
    tab.wait_for_load_state("load")
    tab.locator(".document-page-image img").evaluate(
        "img => img.complete || new Promise(done => img.onload = done)"
    )
    visit.check("page-2")

    assert "Trang 2" in tab.locator("#document-page-text").inner_text()
