"""Staff pages: issue from the form (full page and htmx), form errors, void, ledger partial."""

import pytest
from django.urls import reverse

from receipts.models import Payment
from receipts.models import Receipt

pytestmark = pytest.mark.django_db


def form_data(case, **changes):
    data = {
        "case_number": case.number,
        "payer_name": "Nguyễn Văn An",
        "payer_id_number": "001090012345",
        "payer_address": "Số 1 đường Lê Lợi",
        "purpose": "enforcement_money",
        "creditor_name": "",
        "description": "Nộp tiền thi hành án đợt 1",
        "amount": "12.500.000",
        "method": "cash",
        "bank_reference": "",
        "over_due_reason": "",
        "idempotency_key": "khoa-bieu-mau-1",
    }
    data.update(changes)
    return data


def test_form_carries_a_fresh_idempotency_key(client, accountant):
    client.force_login(accountant)

    first = client.get(reverse("receipts:receipt-create"))
    second = client.get(reverse("receipts:receipt-create"))

    key1 = first.context["form"].initial["idempotency_key"]
    key2 = second.context["form"].initial["idempotency_key"]
    assert len(key1) == 32
    assert key1 != key2
    assert 'hx-disabled-elt="find button[type=submit]"' in first.content.decode()


def test_issue_from_the_form_and_double_submit(client, accountant, receipt_case):
    client.force_login(accountant)

    response = client.post(reverse("receipts:receipt-create"), form_data(receipt_case))
    again = client.post(reverse("receipts:receipt-create"), form_data(receipt_case))

    receipt = Receipt.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("receipts:receipt-detail", args=[receipt.pk])
    assert again.url == response.url
    assert receipt.amount_vnd == 12_500_000
    assert receipt.amount_words == "Mười hai triệu năm trăm nghìn đồng"
    assert receipt.case == receipt_case
    page = client.get(response.url).content.decode()
    assert "BL/26E 0000001" in page
    assert "Mười hai triệu năm trăm nghìn đồng" in page


def test_htmx_issue_redirects_the_client(client, accountant, receipt_case):
    client.force_login(accountant)

    response = client.post(
        reverse("receipts:receipt-create"),
        form_data(receipt_case),
        headers={"HX-Request": "true", "HX-Target": "receipt-form"},
    )

    receipt = Receipt.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("receipts:receipt-detail", args=[receipt.pk])


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "Số tiền phải lớn hơn 0 đồng."),
        ("-100", "Số tiền không được là số âm."),
        ("1.250,5", "Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."),
        ("mười nghìn", "Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."),
    ],
)
def test_bad_amounts_rerender_the_form(client, accountant, receipt_case, amount, message):
    client.force_login(accountant)

    response = client.post(
        reverse("receipts:receipt-create"),
        form_data(receipt_case, amount=amount),
        headers={"HX-Request": "true", "HX-Target": "receipt-form"},
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert '<section class="card" id="receipt-form">' in response.content.decode()
    assert Receipt.objects.count() == 0


def test_above_due_without_reason_is_explained(client, accountant, receipt_case):
    client.force_login(accountant)

    response = client.post(
        reverse("receipts:receipt-create"), form_data(receipt_case, amount="200.000.000")
    )

    assert response.status_code == 422
    assert (
        "Số tiền thu vượt số còn phải thi hành (150.000.000 đồng). Hãy ghi lý do nếu vẫn thu."
        in response.content.decode()
    )
    assert Receipt.objects.count() == 0


def test_transfer_without_reference_is_refused(client, accountant, receipt_case):
    client.force_login(accountant)

    response = client.post(
        reverse("receipts:receipt-create"), form_data(receipt_case, method="transfer")
    )

    assert response.status_code == 422
    assert "Thu qua chuyển khoản phải ghi số tham chiếu của ngân hàng." in response.content.decode()


def test_void_from_the_detail_page_with_replacement(client, office_head, issue):
    wrong = issue(amount_vnd=1_000_000)
    right = issue(amount_vnd=2_000_000)
    client.force_login(office_head)

    response = client.post(
        reverse("receipts:receipt-void", args=[wrong.pk]),
        {"reason": "Ghi sai số tiền", "replacement_number": "2"},
    )

    assert response.status_code == 302
    wrong.refresh_from_db()
    assert (wrong.status, wrong.replacement_id) == (Receipt.Status.VOIDED, right.pk)
    page = client.get(reverse("receipts:receipt-detail", args=[wrong.pk])).content.decode()
    assert "Lý do: Ghi sai số tiền" in page
    assert "BL/26E 0000002" in page


def test_void_without_reason_is_422(client, office_head, issue):
    receipt = issue()
    client.force_login(office_head)

    response = client.post(reverse("receipts:receipt-void", args=[receipt.pk]), {"reason": ""})

    assert response.status_code == 422
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.ISSUED


def test_payment_over_balance_from_the_form(client, accountant, issue, receipt_case):
    issue(amount_vnd=1_000_000)
    client.force_login(accountant)

    response = client.post(
        reverse("receipts:payment-create"),
        {
            "case_number": receipt_case.number,
            "kind": "payout",
            "creditor_name": "Lê Thị Bình",
            "amount": "1.000.001",
            "method": "cash",
            "idempotency_key": "chi-form",
        },
    )

    assert response.status_code == 422
    assert (
        "Số tiền chi vượt số dư đã thu chưa chi của người được thi hành án (1.000.000 đồng)."
        in response.content.decode()
    )
    assert Payment.objects.count() == 0


def test_ledger_partial_figures(client, officer, issue, receipt_case):
    issue(amount_vnd=50_000_000)
    client.force_login(officer)

    response = client.get(
        reverse("receipts:case-ledger", args=[receipt_case.pk]), headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('id="case-ledger"') == 1
    assert "150.000.000\xa0đ" in page
    assert "50.000.000\xa0đ" in page
    assert "1.500.000\xa0đ" in page  # the fee: 3% of 50.000.000 collected
    assert "BL/26E 0000001" in page
