"""Browser: a counter officer photographs a transfer slip, sees the fields read and highlighted
on the image, corrects one and goes on to the receipt form, prefilled. Screenshots in
var/screenshots/; axe-core checks each page (tests/e2e/harness.py)."""

from __future__ import annotations

import re

import pytest

from receipts.samples.generate import make_samples
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_scan_prefill_highlight_confirm(visit, officer, media_root, tmp_path):
    gold = make_samples(tmp_path, count=1, seed=7)[0]
    tab = visit.page
    log_in(visit, officer.username, PASSWORD)
    visit("/receipts/scans/new/", "scan-upload")
    tab.set_input_files("#id_file", str(tmp_path / gold.file))
    tab.get_by_role("button", name="Tải lên và đọc").click()
    tab.wait_for_url(re.compile(r"/receipts/scans/\d+/$"), timeout=60_000)
    tab.locator(".scan-page img").evaluate(
        "img => img.complete || new Promise(done => img.onload = done)"
    )
    visit.check("scan-read")

    assert tab.locator("#id_amount_vnd").input_value() == f"{gold.amount_vnd:,}".replace(",", ".")
    assert tab.locator("#id_bank_reference").input_value() == gold.bank_reference
    box = tab.locator('.scan-highlight[data-field="amount_vnd"]')
    assert box.evaluate("b => b.style.left.endsWith('%') && b.offsetWidth > 0") is True

    tab.locator("#id_payer").fill("Nguyễn Văn Sửa")
    tab.get_by_role("button", name=re.compile("Xác nhận")).click()
    tab.wait_for_url(re.compile(r"/receipts/new/\?scan=\d+$"), timeout=30_000)
    visit.check("receipt-form-prefilled")
    assert tab.locator("#id_payer_name").input_value() == "Nguyễn Văn Sửa"
    assert tab.locator("#id_bank_reference").input_value() == gold.bank_reference
    assert re.sub(r"\D", "", tab.locator("#id_amount").input_value()) == str(gold.amount_vnd)
    assert tab.locator("#id_case_number").input_value() == gold.case_reference


def test_statement_import_and_daily_reconciliation(visit, make_user, office, tmp_path):
    accountant = make_user("accountant", office)
    csv = tmp_path / "sao-ke-10-2026.csv"
    csv.write_text(
        "Ngày giao dịch;Số tham chiếu;Ghi nợ;Ghi có;Người chuyển;Nội dung\n"
        "05/10/2026;FT1;;1.500.000;NGUYEN VAN AN;THA 77 2026\n"
        "05/10/2026;FT2;11.000;;;Phi SMS\n"
        "32/10/2026;FT3;;5.000;X;sai ngay\n",
        encoding="utf-8",
    )
    tab = visit.page
    log_in(visit, accountant.username, PASSWORD)
    visit("/receipts/statements/", "statements")
    tab.set_input_files("#id_file", str(csv))
    tab.get_by_role("button", name="Nhập và đối chiếu").click()
    tab.wait_for_url(re.compile(r"/receipts/statements/\d+/$"))
    visit.check("statement-detail")
    assert "Dòng 4: ngày giao dịch “32/10/2026” không hợp lệ (dd/mm/yyyy)." in tab.content()
    assert tab.locator("#statement-lines tbody tr").count() == 2

    visit("/receipts/reconciliation/?day=2026-10-05", "daily")
    assert "1.500.000\xa0đ" in tab.locator("main").inner_text()
