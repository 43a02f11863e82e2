"""Staff pages of the money side: receipts (list, issue, detail, PDF, void), payments, ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from enforcement.selectors import case_get_for_user
from enforcement.selectors import case_list_for_user
from receipts.exceptions import ReceiptError
from receipts.forms import PaymentForm
from receipts.forms import ReceiptFilterForm
from receipts.forms import ReceiptForm
from receipts.forms import ReceiptVoidForm
from receipts.models import Payment
from receipts.models import Receipt
from receipts.permissions import PAYMENT_APPROVE_ROLES
from receipts.permissions import PAYMENT_PROPOSE_ROLES
from receipts.permissions import RECEIPT_ISSUE_ROLES
from receipts.permissions import RECEIPT_VIEW_ROLES
from receipts.permissions import RECEIPT_VOID_ROLES
from receipts.selectors import case_ledger
from receipts.selectors import payment_get_for_user
from receipts.selectors import payment_list_for_user
from receipts.selectors import receipt_get_for_user
from receipts.selectors import receipt_list_for_user
from receipts.services import payment_approve
from receipts.services import payment_create
from receipts.services import receipt_issue
from receipts.services import receipt_void
from thads.documents.conf import media_root
from thads.permissions import staff_view

PAGE_SIZE = 25


def _case_by_number(actor: Any, number: str) -> Any:
    """The case of the actor's own scope whose number is exactly ``number``, else None.

    A private helper over ``enforcement.selectors.case_list_for_user`` until enforcement has a
    ``case_get_by_number_for_user`` selector (see the R1 report).
    """
    number = number.strip()
    if not number:
        return None
    return (
        case_list_for_user(actor=actor, search=number)
        .filter(number=number, office_id=actor.office_id)
        .prefetch_related("obligations", "parties")
        .first()
    )


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


@staff_view(*RECEIPT_VIEW_ROLES)
@require_GET
def receipt_list(request: HttpRequest) -> HttpResponse:
    form = ReceiptFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = receipt_list_for_user(
        actor=request.user,
        status=filters.get("status", ""),
        purpose=filters.get("purpose", ""),
        search=filters.get("q", ""),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_issue": request.user.role in RECEIPT_ISSUE_ROLES}
    template = "receipts/receipt_list.html"
    if _is_htmx(request) and request.htmx.target == "receipt-table":
        template += "#receipt-table"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _scan_prefill(request: HttpRequest) -> dict[str, Any]:
    """Initial values from a scanned payment document (R2's intake), when one is given."""
    scan_id = request.GET.get("scan", "")
    if not scan_id.isdigit():
        return {}
    from receipts import selectors

    prefill = getattr(selectors, "receipt_scan_prefill", None)
    if prefill is None:
        return {}
    fields = prefill(actor=request.user, scan_id=int(scan_id))
    initial: dict[str, Any] = {}
    for name, field in fields.items():
        value = getattr(field, "value", field)
        if name == "amount" and isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:,}".replace(",", ".")
        if value not in (None, ""):
            initial[name] = value
    return initial


@staff_view(*RECEIPT_ISSUE_ROLES)
@require_http_methods(["GET", "POST"])
def receipt_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ReceiptForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            case = _case_by_number(request.user, data["case_number"])
            if data["case_number"] and case is None:
                form.add_error("case_number", _("Không tìm thấy hồ sơ này trong đơn vị của bạn."))
            else:
                try:
                    receipt = receipt_issue(
                        actor=request.user,
                        office=request.user.office,
                        case=case,
                        payer_name=data["payer_name"],
                        payer_id_number=data["payer_id_number"],
                        payer_address=data["payer_address"],
                        purpose=data["purpose"],
                        creditor_name=data["creditor_name"],
                        description=data["description"],
                        amount_vnd=data["amount"],
                        method=data["method"],
                        bank_reference=data["bank_reference"],
                        over_due_reason=data["over_due_reason"],
                        idempotency_key=data["idempotency_key"],
                    )
                except ReceiptError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(
                        request,
                        _("Đã lập biên lai %(number)s.") % {"number": receipt.number_display},
                    )
                    url = reverse("receipts:receipt-detail", args=[receipt.pk])
                    if _is_htmx(request):
                        return HttpResponseClientRedirect(url)
                    return redirect(url)
        template = "receipts/receipt_form.html"
        if _is_htmx(request):
            template += "#receipt-form"
        return render(request, template, {"form": form}, status=422)
    initial = _scan_prefill(request)
    case_number = request.GET.get("case", "")
    if case_number:
        initial.setdefault("case_number", case_number)
    return render(request, "receipts/receipt_form.html", {"form": ReceiptForm(initial=initial)})


def _detail_context(request: HttpRequest, receipt: Receipt, void_form: Any = None) -> dict:
    return {
        "receipt": receipt,
        "void_form": void_form or ReceiptVoidForm(),
        "can_void": request.user.role in RECEIPT_VOID_ROLES and not receipt.is_voided,
    }


@staff_view(*RECEIPT_VIEW_ROLES)
@require_GET
def receipt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = receipt_get_for_user(actor=request.user, pk=pk)
    return render(request, "receipts/receipt_detail.html", _detail_context(request, receipt))


@staff_view(*RECEIPT_VIEW_ROLES)
@require_GET
def receipt_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = receipt_get_for_user(actor=request.user, pk=pk)
    if not receipt.pdf_name:
        raise Http404
    path = media_root() / receipt.pdf_name
    response = FileResponse(
        path.open("rb"),
        content_type="application/pdf",
        filename=f"bien-lai-{receipt.series.symbol.replace('/', '-')}-{receipt.number:07d}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view(*RECEIPT_VOID_ROLES)
@require_POST
def receipt_void_view(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = receipt_get_for_user(actor=request.user, pk=pk)
    form = ReceiptVoidForm(request.POST)
    if form.is_valid():
        replacement = None
        number = form.cleaned_data["replacement_number"]
        if number:
            replacement = (
                receipt_list_for_user(actor=request.user)
                .filter(series_id=receipt.series_id, number=number)
                .first()
            )
            if replacement is None:
                form.add_error("replacement_number", _("Không tìm thấy biên lai thay thế."))
        if not form.errors:
            try:
                receipt_void(
                    actor=request.user,
                    receipt=receipt,
                    reason=form.cleaned_data["reason"],
                    replacement=replacement,
                )
            except ReceiptError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã hủy biên lai; số biên lai được giữ lại."))
                url = reverse("receipts:receipt-detail", args=[receipt.pk])
                if _is_htmx(request):
                    return HttpResponseClientRedirect(url)
                return redirect(url)
    return render(
        request,
        "receipts/receipt_detail.html",
        _detail_context(request, receipt, form),
        status=422,
    )


@staff_view(*RECEIPT_VIEW_ROLES)
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Payment.Status.values:
        status = ""
    page = Paginator(payment_list_for_user(actor=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "status": status,
        "can_propose": request.user.role in PAYMENT_PROPOSE_ROLES,
        "can_approve": request.user.role in PAYMENT_APPROVE_ROLES,
    }
    return render(request, "receipts/payment_list.html", context)


@staff_view(*PAYMENT_PROPOSE_ROLES)
@require_http_methods(["GET", "POST"])
def payment_create_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PaymentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            case = _case_by_number(request.user, data["case_number"])
            if case is None:
                form.add_error("case_number", _("Không tìm thấy hồ sơ này trong đơn vị của bạn."))
            else:
                try:
                    payment_create(
                        actor=request.user,
                        case=case,
                        kind=data["kind"],
                        creditor_name=data["creditor_name"],
                        recipient_id_number=data["recipient_id_number"],
                        amount_vnd=data["amount"],
                        method=data["method"],
                        bank_reference=data["bank_reference"],
                        note=data["note"],
                        idempotency_key=data["idempotency_key"],
                    )
                except ReceiptError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("Đã lập đề nghị chi, chờ Thủ trưởng duyệt."))
                    url = reverse("receipts:payment-list")
                    if _is_htmx(request):
                        return HttpResponseClientRedirect(url)
                    return redirect(url)
        return render(request, "receipts/payment_form.html", {"form": form}, status=422)
    initial = {"case_number": request.GET.get("case", "")}
    return render(request, "receipts/payment_form.html", {"form": PaymentForm(initial=initial)})


@staff_view(*PAYMENT_APPROVE_ROLES)
@require_POST
def payment_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    payment = payment_get_for_user(actor=request.user, pk=pk)
    try:
        payment_approve(actor=request.user, payment=payment)
    except ReceiptError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã duyệt chi."))
    url = reverse("receipts:payment-list")
    if _is_htmx(request):
        return HttpResponseClientRedirect(url)
    return redirect(url)


@staff_view(*RECEIPT_VIEW_ROLES)
@require_GET
def case_ledger_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The case ledger partial, loaded by the enforcement case page (hx-get)."""
    case = case_get_for_user(actor=request.user, pk=pk)
    ledger = case_ledger(case=case)
    receipts = receipt_list_for_user(actor=request.user, case_id=case.pk)[:20]
    context = {
        "case": case,
        "ledger": ledger,
        "receipts": receipts,
        "can_issue": request.user.role in RECEIPT_ISSUE_ROLES
        and case.office_id == request.user.office_id,
    }
    response = render(request, "receipts/partials/case_ledger.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
