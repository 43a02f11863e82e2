"""Issue, number, chain, void, pay out: the money services against the real database."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.db import transaction

from receipts.exceptions import PaymentBalanceError
from receipts.exceptions import ReceiptAmountError
from receipts.exceptions import ReceiptError
from receipts.exceptions import ReceiptStateError
from receipts.models import CreditorBalance
from receipts.models import Payment
from receipts.models import Receipt
from receipts.selectors import case_ledger
from receipts.selectors import receipt_series_check
from receipts.services import enforcement_fee
from receipts.services import enforcement_fee_for_instalment
from receipts.services import payment_approve
from receipts.services import payment_create
from receipts.services import receipt_void
from thads.audit.models import AuditEvent
from thads.numbering.selectors import number_sequence_last

pytestmark = pytest.mark.django_db


def audit_actions():
    return list(
        AuditEvent.objects.filter(action__startswith="receipts.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_issue_numbers_words_chain_balance_and_audit(issue, receipt_case):
    first = issue(amount_vnd=2_025)
    second = issue(amount_vnd=105)

    assert (first.number, second.number) == (1, 2)
    assert first.series.symbol == "BL/26E"
    assert first.number_display == "BL/26E 0000001"
    assert first.amount_words == "Hai nghìn không trăm hai mươi lăm đồng"
    assert second.amount_words == "Một trăm linh năm đồng"
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert first.status == Receipt.Status.ISSUED
    assert first.creditor_name == "Lê Thị Bình"
    balance = CreditorBalance.objects.get(case=receipt_case)
    assert (balance.collected_vnd, balance.paid_vnd) == (2_130, 0)
    assert audit_actions() == ["receipts.receipt_issued", "receipts.receipt_issued"]


def test_rolled_back_issue_leaves_no_hole(issue, office):
    issue()
    with pytest.raises(RuntimeError), transaction.atomic():
        issue()
        raise RuntimeError("the caller's transaction fails after the number was taken")
    third = issue()

    assert third.number == 2
    assert list(Receipt.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
    [check] = receipt_series_check(office_id=office.pk, year=2026)
    assert check.ok
    assert number_sequence_last(office=office, series=third.series.counter_key, year=2026) == 2


def test_same_idempotency_key_returns_the_same_receipt(issue):
    first = issue(idempotency_key="khoa-1")
    again = issue(idempotency_key="khoa-1", amount_vnd=99)

    assert again.pk == first.pk
    assert again.amount_vnd == 10_000_000
    assert Receipt.objects.count() == 1
    assert audit_actions() == ["receipts.receipt_issued"]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (0, "Số tiền phải lớn hơn 0 đồng."),
        (-5, "Số tiền phải lớn hơn 0 đồng."),
        (1.5, "Số tiền phải là số nguyên đồng, không có phần lẻ."),
        ("100", "Số tiền phải là số nguyên đồng, không có phần lẻ."),
    ],
)
def test_bad_amounts_are_refused_in_vietnamese(issue, amount, message):
    with pytest.raises(ReceiptAmountError) as err:
        issue(amount_vnd=amount)

    assert err.value.message == message
    assert Receipt.objects.count() == 0
    assert audit_actions() == []


def test_amount_above_due_needs_a_reason(issue):
    with pytest.raises(ReceiptAmountError) as err:
        issue(amount_vnd=150_000_001)

    assert err.value.message == (
        "Số tiền thu vượt số còn phải thi hành (150.000.000 đồng). Hãy ghi lý do nếu vẫn thu."
    )
    receipt = issue(amount_vnd=150_000_001, over_due_reason="Nộp thêm lãi chậm thi hành án")
    assert receipt.over_due_reason == "Nộp thêm lãi chậm thi hành án"


def test_transfer_needs_a_bank_reference(issue):
    with pytest.raises(ReceiptError) as err:
        issue(method=Receipt.Method.TRANSFER)

    assert err.value.message == "Thu qua chuyển khoản phải ghi số tham chiếu của ngân hàng."
    receipt = issue(method=Receipt.Method.TRANSFER, bank_reference="FT26324123456")
    assert receipt.bank_reference == "FT26324123456"


def test_database_refuses_a_zero_amount(issue):
    receipt = issue()

    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.filter(pk=receipt.pk).update(amount_vnd=0)


def test_void_keeps_number_reason_and_replacement(issue, office_head, receipt_case, office):
    wrong = issue(amount_vnd=1_000_000)
    right = issue(amount_vnd=2_000_000)

    voided = receipt_void(
        actor=office_head, receipt=wrong, reason="Ghi sai số tiền", replacement=right
    )

    assert voided.status == Receipt.Status.VOIDED
    assert voided.number == 1
    assert voided.void_reason == "Ghi sai số tiền"
    assert voided.replacement == right
    assert CreditorBalance.objects.get(case=receipt_case).collected_vnd == 2_000_000
    assert audit_actions()[-1] == "receipts.receipt_voided"
    [check] = receipt_series_check(office_id=office.pk, year=2026)
    assert (check.issued, check.voided, check.ok) == (2, 1, True)
    with pytest.raises(ReceiptStateError) as err:
        receipt_void(actor=office_head, receipt=wrong, reason="Lần nữa")
    assert err.value.message == "Biên lai đã bị hủy trước đó."


def test_void_needs_reason_and_role(issue, office_head, officer):
    receipt = issue()

    with pytest.raises(ReceiptError) as err:
        receipt_void(actor=office_head, receipt=receipt, reason="  ")
    assert err.value.message == "Cần ghi lý do hủy biên lai."
    with pytest.raises(ReceiptError) as err:
        receipt_void(actor=officer, receipt=receipt, reason="Sai")
    assert err.value.message == "Bạn không có quyền hủy biên lai."
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.ISSUED


def test_payment_within_balance_then_over_balance_refused(
    issue, accountant, office_head, receipt_case
):
    issue(amount_vnd=5_000_000)

    payment = payment_create(
        actor=accountant,
        case=receipt_case,
        kind=Payment.Kind.PAYOUT,
        creditor_name="Lê Thị Bình",
        amount_vnd=3_000_000,
        method=Receipt.Method.CASH,
        idempotency_key="chi-1",
    )
    with pytest.raises(PaymentBalanceError) as err:
        payment_create(
            actor=accountant,
            case=receipt_case,
            kind=Payment.Kind.PAYOUT,
            creditor_name="Lê Thị Bình",
            amount_vnd=2_000_001,
            method=Receipt.Method.CASH,
            idempotency_key="chi-2",
        )
    assert err.value.message == (
        "Số tiền chi vượt số dư đã thu chưa chi của người được thi hành án (2.000.000 đồng)."
    )
    approved = payment_approve(actor=office_head, payment=payment)

    assert approved.status == Payment.Status.APPROVED
    balance = CreditorBalance.objects.get(case=receipt_case)
    assert (balance.collected_vnd, balance.paid_vnd, balance.held_vnd) == (
        5_000_000,
        3_000_000,
        2_000_000,
    )
    assert Payment.objects.count() == 1
    assert audit_actions() == [
        "receipts.receipt_issued",
        "receipts.payment_proposed",
        "receipts.payment_approved",
    ]


def test_only_the_head_approves(issue, accountant, receipt_case):
    issue(amount_vnd=5_000_000)
    payment = payment_create(
        actor=accountant,
        case=receipt_case,
        kind=Payment.Kind.PAYOUT,
        creditor_name="Lê Thị Bình",
        amount_vnd=1_000_000,
        method=Receipt.Method.CASH,
        idempotency_key="chi-1",
    )

    with pytest.raises(ReceiptError) as err:
        payment_approve(actor=accountant, payment=payment)

    assert err.value.message == "Chỉ Thủ trưởng cơ quan thi hành án được duyệt chi."
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PROPOSED


def test_void_after_payout_is_refused(issue, accountant, office_head, receipt_case):
    receipt = issue(amount_vnd=5_000_000)
    payment = payment_create(
        actor=accountant,
        case=receipt_case,
        kind=Payment.Kind.PAYOUT,
        creditor_name="Lê Thị Bình",
        amount_vnd=5_000_000,
        method=Receipt.Method.CASH,
        idempotency_key="chi-1",
    )
    payment_approve(actor=office_head, payment=payment)

    with pytest.raises(PaymentBalanceError) as err:
        receipt_void(actor=office_head, receipt=receipt, reason="Sai")

    assert err.value.message == (
        "Không hủy được: số tiền của biên lai đã được chi trả cho người được thi hành án."
    )
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.ISSUED


def test_database_refuses_paying_more_than_collected(issue, receipt_case):
    issue(amount_vnd=1_000)
    balance = CreditorBalance.objects.get(case=receipt_case)

    with pytest.raises(IntegrityError), transaction.atomic():
        CreditorBalance.objects.filter(pk=balance.pk).update(paid_vnd=1_001)


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        (4_680_000, 0),  # exactly 2× base salary: no fee (TT216 Art 6)
        (4_680_001, 140_400),  # 3% of the whole amount
        (100_000_000, 3_000_000),
        (5_000_000_000, 150_000_000),
        (6_000_000_000, 170_000_000),  # 150M + 2% of 1 bn
        (8_000_000_000, 200_000_000),  # 190M + 1% of 1 bn
        (12_000_000_000, 230_000_000),  # 220M + 0.5% of 2 bn
        (25_000_000_000, 246_000_000),  # 245M + 0.01% of 10 bn
    ],
)
def test_enforcement_fee_schedule(amount, fee):
    assert enforcement_fee(amount_vnd=amount, on=dt.date(2026, 11, 23)) == fee


def test_fee_of_instalments_adds_up_to_the_fee_on_the_total():
    on = dt.date(2026, 11, 23)
    first = enforcement_fee_for_instalment(before_vnd=0, after_vnd=3_000_000, on=on)
    second = enforcement_fee_for_instalment(before_vnd=3_000_000, after_vnd=10_000_000, on=on)

    assert (first, second) == (0, 300_000)
    assert first + second == enforcement_fee(amount_vnd=10_000_000, on=on)


def test_case_ledger_due_collected_paid_held(issue, accountant, office_head, receipt_case):
    issue(amount_vnd=50_000_000)
    issue(amount_vnd=1_500_000, purpose=Receipt.Purpose.ENFORCEMENT_FEE)
    payment = payment_create(
        actor=accountant,
        case=receipt_case,
        kind=Payment.Kind.PAYOUT,
        creditor_name="Lê Thị Bình",
        amount_vnd=20_000_000,
        method=Receipt.Method.CASH,
        idempotency_key="chi-1",
    )
    payment_approve(actor=office_head, payment=payment)

    ledger = case_ledger(case=receipt_case, on=dt.date(2026, 11, 23))

    [creditor] = ledger.creditors
    assert creditor.creditor_name == "Lê Thị Bình"
    assert (creditor.due_vnd, creditor.collected_vnd, creditor.paid_vnd, creditor.held_vnd) == (
        150_000_000,
        50_000_000,
        20_000_000,
        30_000_000,
    )
    assert ledger.fee_due_vnd == 1_500_000
    assert ledger.fee_collected_vnd == 1_500_000
    assert ledger.due_vnd == 151_500_000
    assert ledger.collected_vnd == 51_500_000
    assert (ledger.receipt_count, ledger.voided_count) == (2, 0)


def test_payment_with_the_same_key_is_proposed_once(issue, accountant, receipt_case):
    issue(amount_vnd=5_000_000)
    fields = {
        "actor": accountant,
        "case": receipt_case,
        "kind": Payment.Kind.PAYOUT,
        "creditor_name": "Lê Thị Bình",
        "amount_vnd": 1_000_000,
        "method": Receipt.Method.TRANSFER,
        "bank_reference": "0123456789 Vietcombank",
        "idempotency_key": "chi-mot-lan",
    }

    first = payment_create(**fields)
    again = payment_create(**fields)

    assert again.pk == first.pk
    assert Payment.objects.count() == 1
    assert audit_actions().count("receipts.payment_proposed") == 1
