"""Contexts for tests/architecture/test_templates_render.py: the receipts pages rendered with a
real case, receipts issued through the service (one voided) and a payment."""

import secrets

from django.core.paginator import Paginator

from receipts.forms import PaymentForm
from receipts.forms import PublicFindForm
from receipts.forms import ReceiptFilterForm
from receipts.forms import ReceiptForm
from receipts.forms import ReceiptVoidForm
from receipts.models import Payment
from receipts.models import Receipt
from receipts.selectors import case_ledger
from receipts.selectors import payment_list_for_user
from receipts.selectors import receipt_list_for_user
from receipts.services import payment_create
from receipts.services import receipt_issue
from receipts.services import receipt_void
from receipts.views.public import receipt_public_context
from tests.factories.enforcement import CaseFactory
from tests.factories.org import UserFactory
from thads.permissions import Role


def _receipt(request, **changes):
    user = request.user
    case = changes.pop("case", None) or CaseFactory(office=user.office)
    fields = {
        "actor": user,
        "office": user.office,
        "case": case,
        "payer_name": "Nguyễn Văn An",
        "payer_id_number": "001090012345",
        "purpose": Receipt.Purpose.ENFORCEMENT_MONEY,
        "amount_vnd": 1_000_000,
        "method": Receipt.Method.CASH,
        "idempotency_key": secrets.token_hex(8),
        "sign": False,
    }
    fields.update(changes)
    return receipt_issue(**fields)


def _voided(request):
    head = UserFactory(role=Role.OFFICE_HEAD, office=request.user.office)
    receipt = _receipt(request)
    replacement = _receipt(request, case=receipt.case)
    return receipt_void(actor=head, receipt=receipt, reason="Lập nhầm", replacement=replacement)


def _detail(request):
    return {"receipt": _voided(request), "void_form": ReceiptVoidForm(), "can_void": True}


def _list(request):
    _receipt(request)
    page = Paginator(receipt_list_for_user(actor=request.user), 25).get_page(1)
    return {"page": page, "form": ReceiptFilterForm(), "can_issue": True}


def _payments(request):
    receipt = _receipt(request)
    payment_create(
        actor=request.user,
        case=receipt.case,
        kind=Payment.Kind.PAYOUT,
        creditor_name=receipt.creditor_name,
        amount_vnd=500_000,
        method=Receipt.Method.CASH,
        idempotency_key=secrets.token_hex(8),
    )
    page = Paginator(payment_list_for_user(actor=request.user), 25).get_page(1)
    return {"page": page, "can_propose": True, "can_approve": True, "status": ""}


def _ledger(request):
    receipt = _receipt(request)
    return {
        "case": receipt.case,
        "ledger": case_ledger(case=receipt.case),
        "receipts": receipt_list_for_user(actor=request.user, case_id=receipt.case_id),
        "can_issue": True,
    }


def _public(request):
    context = receipt_public_context(_voided(request))
    context["token"] = context["receipt"].lookup_code
    context["form"] = PublicFindForm()
    return context


TEMPLATE_CONTEXTS = {
    "receipts/receipt_list.html": _list,
    "receipts/receipt_list.html#receipt-table": _list,
    "receipts/receipt_detail.html": _detail,
    "receipts/receipt_form.html": lambda request: {"form": ReceiptForm()},
    "receipts/receipt_form.html#receipt-form": lambda request: {"form": ReceiptForm()},
    "receipts/payment_list.html": _payments,
    "receipts/payment_form.html": lambda request: {"form": PaymentForm()},
    "receipts/partials/case_ledger.html": _ledger,
    "receipts/partials/receipt_row.html": lambda request: {"receipt": _receipt(request)},
    "receipts/public/receipt_verify.html": _public,
    "receipts/public/receipt_find.html": _public,
    "receipts/public/receipt_result.html": _public,
}
