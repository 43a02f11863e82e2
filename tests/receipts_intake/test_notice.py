"""Payment notice: the VietQR payload of the office's account for what remains due, the PDF a
debtor pays from, and the round trip: the transfer content matches the case back."""

from __future__ import annotations

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from receipts.reconciliation import case_numbers_in
from receipts.selectors.intake import payment_notice_for_case
from receipts.services.intake import BankAccountError
from receipts.services.intake import bank_account_save
from receipts.services.intake import bank_statement_import
from receipts.vietqr import crc_ok
from receipts.vietqr import parse_tlv
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_notice_payload_carries_account_remaining_amount_and_case(officer, case, bank_account):
    notice = payment_notice_for_case(actor=officer, case_id=case.pk)
    assert notice.amount_vnd == 12_500_000  # 15.000.000 due − 2.500.000 collected
    assert notice.content == "THA 12 2026 T101-KV01"
    top = parse_tlv(notice.payload)
    assert parse_tlv(parse_tlv(top["38"])["01"]) == {"00": "970436", "01": "1017394258"}
    assert top["54"] == "12500000"
    assert crc_ok(notice.payload)
    assert case_numbers_in(notice.content) == [("12", "2026")]


def test_notice_pdf_prints_the_amount_account_and_content(client, officer, case, bank_account):
    client.force_login(officer)
    response = client.get(reverse("receipts:payment-notice", args=[case.pk]) + "?amount=5.000.000")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    text = pdf[0].get_textpage().get_text_range()
    for expected in (
        "GIẤY BÁO NỘP TIỀN THI HÀNH ÁN",
        "12/2026",
        "5.000.000 đ",
        "Năm triệu đồng",
        "1017394258",
        "THA 12 2026 T101-KV01",
    ):
        assert expected in text, expected


def test_notice_without_an_account_says_so(client, officer, case):
    client.force_login(officer)
    response = client.get(reverse("receipts:payment-notice", args=[case.pk]))
    assert response.status_code == 409
    assert "Đơn vị chưa khai báo tài khoản nhận tiền" in response.content.decode()


def test_a_transfer_paid_from_the_notice_matches_the_case(accountant, case, bank_account):
    notice = payment_notice_for_case(actor=accountant, case_id=case.pk)
    csv = f"Ngày,Ghi có,Nội dung\n05/10/2026,{notice.amount_vnd},{notice.content}\n"
    statement = bank_statement_import(
        actor=accountant, uploaded_file=SimpleUploadedFile("s.csv", csv.encode())
    )
    line = statement.lines.get()
    assert (line.match, line.match_rule, line.case_id) == ("case", "case_number", case.pk)


def test_bank_account_save_keeps_one_default_and_audits(accountant, bank_account):
    new = bank_account_save(
        actor=accountant,
        bank_bin="970415",
        bank_name="Ngân hàng TMCP Công thương Việt Nam",
        account_number="1140 2639 8812",
        account_name="PHONG THADS KV1",
    )
    bank_account.refresh_from_db()
    assert (new.account_number, new.is_default, bank_account.is_default) == (
        "114026398812",
        True,
        False,
    )
    assert AuditEvent.objects.filter(action="receipts.bank_account_saved").count() == 1
    with pytest.raises(BankAccountError) as caught:
        bank_account_save(
            actor=accountant, bank_bin="97041", bank_name="X", account_number="1", account_name="Y"
        )
    assert caught.value.message == (
        "Mã BIN ngân hàng phải gồm 6 chữ số và số tài khoản chỉ gồm chữ và số (tối đa 19 ký tự)."
    )
