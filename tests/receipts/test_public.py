"""The public receipt pages: genuine/voided, masked personal data, chain, PDF, search by number,
rate limit (429 with Retry-After)."""

import pytest
from django.urls import reverse

from receipts.selectors import mask_id_number
from receipts.selectors import mask_name
from receipts.services import receipt_sign
from receipts.services import receipt_void

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_rate_limits")]


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V*** A**"),
        ("Lê Thị Bình", "Lê T*** B****"),
        ("Trần", "Trần"),
        ("", ""),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_id_number():
    assert mask_id_number("001090012345") == "*********345"
    assert mask_id_number("") == ""


def test_signed_receipt_is_genuine_with_masked_data(client, issue, receipt_signing):
    issue()
    receipt = issue()
    receipt_sign(receipt_id=receipt.pk)
    receipt.refresh_from_db()

    response = client.get(reverse("receipts_public:receipt-verify", args=[receipt.lookup_code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Biên lai thật, còn hiệu lực" in page
    assert "Nguyễn V*** A**" in page
    assert "*********345" in page
    assert "Nguyễn Văn An" not in page
    assert "001090012345" not in page
    assert "Lê Lợi" not in page
    assert "Số 2 trong 2 biên lai của ký hiệu này; chuỗi mã băm liền mạch." in page
    assert "Đã ký số lúc" in page
    assert response["Cache-Control"] == "no-store"
    pdf = client.get(reverse("receipts_public:receipt-public-pdf", args=[receipt.lookup_code]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_voided_receipt_says_so(client, issue, office_head):
    receipt = issue()
    receipt_void(actor=office_head, receipt=receipt, reason="Lập nhầm")

    response = client.get(reverse("receipts_public:receipt-verify", args=[receipt.lookup_code]))

    assert response.status_code == 200
    assert "Biên lai đã bị hủy" in response.content.decode()


def test_broken_chain_is_shown(client, issue):
    from receipts.models import Receipt

    receipt = issue()
    Receipt.objects.filter(pk=receipt.pk).update(amount_vnd=1)

    response = client.get(reverse("receipts_public:receipt-verify", args=[receipt.lookup_code]))

    assert "Chuỗi mã băm bị đứt tại biên lai này" in response.content.decode()


def test_unknown_token_is_404(client, db):
    response = client.get(reverse("receipts_public:receipt-verify", args=["x" * 32]))

    assert response.status_code == 404
    assert "Không tìm thấy biên lai" in response.content.decode()


def test_find_by_series_number_and_amount(client, issue):
    issue(amount_vnd=2_500_000)
    url = reverse("receipts_public:receipt-find")

    found = client.get(url, {"symbol": "bl/26e", "number": "1", "amount": "2.500.000"})
    wrong_amount = client.get(url, {"symbol": "BL/26E", "number": "1", "amount": "2.500.001"})

    assert found.status_code == 200
    assert "Nguyễn V*** A**" in found.content.decode()
    assert wrong_amount.status_code == 404
    assert "Không có biên lai nào khớp" in wrong_amount.content.decode()
    assert "Nguyễn V***" not in wrong_amount.content.decode()


def test_rate_limit(client, issue, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 3
    receipt = issue()
    url = reverse("receipts_public:receipt-verify", args=[receipt.lookup_code])

    codes = [client.get(url).status_code for _ in range(4)]
    guessed = client.get(reverse("receipts_public:receipt-verify", args=["y" * 32]))

    assert codes == [200, 200, 200, 429]
    assert guessed.status_code == 429
    assert int(guessed["Retry-After"]) > 0
    assert "Nguyễn V***" not in guessed.content.decode()
