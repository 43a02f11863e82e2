"""Every read of the intake side, scoped to the actor (another office's object is a 404):
scans, bank accounts, statements and their lines, the daily reconciliation, payment notices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Count
from django.db.models import QuerySet
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone

from enforcement.selectors import case_get_for_user
from receipts.models import BankStatementImport
from receipts.models import BankStatementLine
from receipts.models import CashCount
from receipts.models import OfficeBankAccount
from receipts.models import Receipt
from receipts.models import ReceiptScan
from receipts.prefill import FIELD_NAMES
from receipts.prefill import PrefillField
from receipts.vietqr import ascii_content
from receipts.vietqr import vietqr_payload
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import scope_queryset

__all__ = [
    "PREFILL_FORM_NAMES",
    "DailyReport",
    "PaymentNotice",
    "bank_account_default",
    "bank_account_list_for_user",
    "daily_report",
    "payment_notice_for_case",
    "receipt_scan_get_for_user",
    "receipt_scan_ids_for_document",
    "receipt_scan_list_for_user",
    "receipt_scan_prefill",
    "statement_get_for_user",
    "statement_line_get_for_user",
    "statement_lines",
    "statement_list_for_user",
]


def receipt_scan_list_for_user(*, actor: Any) -> QuerySet[ReceiptScan]:
    """Scans of the offices in the actor's scope, newest first."""
    return scope_queryset(
        ReceiptScan.objects.select_related("document", "uploaded_by"), actor=actor
    )


def receipt_scan_ids_for_document(*, document_id: int) -> list[int]:
    """Ids of the scans over a document (a system read for the extraction task, which holds
    only the document id of the pipeline's event)."""
    return list(ReceiptScan.objects.filter(document_id=document_id).values_list("pk", flat=True))


def receipt_scan_get_for_user(*, actor: Any, pk: int) -> ReceiptScan:
    """One scan of an office in the actor's scope; else ``Http404``."""
    return get_in_scope_or_404(
        ReceiptScan.objects.select_related("document", "office"), actor=actor, pk=pk
    )


#: Prefill field -> field of the receipt form (``receipts.forms.ReceiptForm``) it fills.
PREFILL_FORM_NAMES = {
    "payer": "payer_name",
    "amount_vnd": "amount",
    "date": "date",
    "bank_reference": "bank_reference",
    "account_number": "account_number",
    "bank_name": "bank_name",
    "content": "description",
    "case_reference": "case_number",
}


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def receipt_scan_prefill(*, actor: Any, scan_id: int) -> dict[str, PrefillField]:
    """What a receipt form starts from for scan ``scan_id`` of the actor's scope (``Http404``
    otherwise), keyed by the receipt form's field names (:data:`PREFILL_FORM_NAMES`, plus
    ``method``: "transfer" for a bank document, "cash" for a cash hand-over record).

    Confirmed values come with confidence 1 (and their box when staff kept what was read);
    otherwise what was read, with its confidence, page and box. Basis: TT04/2023 Art 16 (the
    receipt's payer, amount, content; "thu qua chuyển khoản" with the bank reference).
    """
    scan = receipt_scan_get_for_user(actor=actor, pk=scan_id)
    result: dict[str, PrefillField] = {}
    confirmed = scan.status == ReceiptScan.Status.CONFIRMED
    for name in FIELD_NAMES:
        read = scan.fields.get(name)
        field = PrefillField.from_json(read) if read else None
        if confirmed and name in scan.confirmed:
            value = scan.confirmed.get(name)
            if value in (None, ""):
                continue
            kept = field is not None and _text(field.value) == _text(value)
            field = PrefillField(
                value=value,
                confidence=1.0,
                page=field.page if kept and field else None,
                box=field.box if kept and field else None,
            )
        if field is not None:
            result[PREFILL_FORM_NAMES[name]] = field
    if scan.doc_type:
        method = "cash" if scan.doc_type == ReceiptScan.DocType.CASH_RECORD else "transfer"
        result["method"] = PrefillField(value=method, confidence=1.0 if confirmed else 0.9)
    return result


def bank_account_list_for_user(*, actor: Any) -> QuerySet[OfficeBankAccount]:
    """Deposit accounts of the offices in the actor's scope (default first)."""
    return scope_queryset(OfficeBankAccount.objects.select_related("office"), actor=actor)


def bank_account_default(*, office_id: int) -> OfficeBankAccount | None:
    """The office's active default deposit account, or None (the caller holds the office)."""
    return OfficeBankAccount.objects.filter(
        office_id=office_id, is_default=True, is_active=True
    ).first()


def statement_list_for_user(*, actor: Any) -> QuerySet[BankStatementImport]:
    """Imported statements of the offices in the actor's scope, newest first."""
    return scope_queryset(
        BankStatementImport.objects.select_related("office", "uploaded_by"), actor=actor
    )


def statement_get_for_user(*, actor: Any, pk: int) -> BankStatementImport:
    """One imported statement in the actor's scope; else ``Http404``."""
    return get_in_scope_or_404(
        BankStatementImport.objects.select_related("office", "account"), actor=actor, pk=pk
    )


def statement_lines(
    *, statement: BankStatementImport, match: str = ""
) -> QuerySet[BankStatementLine]:
    """Lines of a statement the caller already holds, optionally of one match state."""
    lines = statement.lines.select_related("case", "receipt__series").order_by("line_no")
    return lines.filter(match=match) if match else lines


def statement_line_get_for_user(*, actor: Any, pk: int) -> BankStatementLine:
    """One statement line of an office in the actor's scope; else ``Http404``."""
    return get_in_scope_or_404(
        BankStatementLine.objects.select_related("statement"), actor=actor, pk=pk
    )


@dataclass(frozen=True)
class MethodTotal:
    method: str
    label: str
    count: int
    amount_vnd: int


@dataclass(frozen=True)
class DailyReport:
    """One office's money of one day: receipts by method, the cash book, the bank statement.

    ``cash_difference`` = cash counted into the fund − cash receipts (None without a count);
    ``bank_difference`` = statement credits − transfer receipts (None without statement lines).
    """

    office: Any
    day: dt.date
    by_method: list[MethodTotal]
    receipts_total_vnd: int
    voided_count: int
    cash_receipts_vnd: int
    transfer_receipts_vnd: int
    cash_count: CashCount | None
    bank_credits_vnd: int
    bank_credit_lines: int
    bank_unmatched: list[BankStatementLine] = field(default_factory=list)
    cash_difference: int | None = None
    bank_difference: int | None = None

    @property
    def balanced(self) -> bool:
        return not self.cash_difference and not self.bank_difference


def daily_report(*, actor: Any, office: Any, day: dt.date) -> DailyReport:
    """Reconcile one office's day (TT 78/2020/TT-BTC: bank statement lines against receipts
    "thu qua chuyển khoản"; TT04/2023 Art 17: cash receipts against the cash entered in the
    fund the same day). ``office`` must be in the actor's scope (else ``Http404``); four
    aggregate queries."""
    in_scope = scope_queryset(
        type(office).objects.filter(pk=office.pk), actor=actor, office_field="pk"
    )
    if not in_scope.exists():
        raise Http404
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = start + dt.timedelta(days=1)
    receipts = Receipt.objects.filter(office=office, collected_at__gte=start, collected_at__lt=end)
    rows = {
        row["method"]: row
        for row in receipts.exclude(status=Receipt.Status.VOIDED)
        .values("method")
        .annotate(n=Count("pk"), total=Sum("amount_vnd"))
    }
    by_method = [
        MethodTotal(
            method=value,
            label=str(label),
            count=rows.get(value, {}).get("n", 0),
            amount_vnd=rows.get(value, {}).get("total") or 0,
        )
        for value, label in Receipt.Method.choices
    ]
    voided = receipts.filter(status=Receipt.Status.VOIDED).count()
    cash = next(m.amount_vnd for m in by_method if m.method == Receipt.Method.CASH)
    transfer = next(m.amount_vnd for m in by_method if m.method == Receipt.Method.TRANSFER)
    count = CashCount.objects.filter(office=office, day=day).first()
    credits = BankStatementLine.objects.filter(
        office=office, value_date=day, direction=BankStatementLine.Direction.CREDIT
    )
    bank = credits.aggregate(n=Count("pk"), total=Sum("amount_vnd"))
    unmatched = list(
        credits.filter(match=BankStatementLine.Match.UNMATCHED)
        .select_related("statement")
        .order_by("statement_id", "line_no")[:200]
    )
    return DailyReport(
        office=office,
        day=day,
        by_method=by_method,
        receipts_total_vnd=cash + transfer,
        voided_count=voided,
        cash_receipts_vnd=cash,
        transfer_receipts_vnd=transfer,
        cash_count=count,
        bank_credits_vnd=bank["total"] or 0,
        bank_credit_lines=bank["n"],
        bank_unmatched=unmatched,
        cash_difference=(count.cash_in_vnd - cash) if count else None,
        bank_difference=((bank["total"] or 0) - transfer) if bank["n"] else None,
    )


@dataclass(frozen=True)
class PaymentNotice:
    """What a payment notice prints: the case, the amount, the account and the VietQR code."""

    case: Any
    account: OfficeBankAccount
    amount_vnd: int
    content: str
    payload: str


def notice_content(*, case_number: str, office_code: str) -> str:
    """The transfer content a payment notice asks for: "THA 12 2026 T101-KV01" (ASCII, 25
    characters), which the statement matcher reads back as case 12/2026."""
    number = case_number.split("/")
    head = " ".join(number[:2]) if len(number) >= 2 else case_number
    return ascii_content(f"THA {head} {office_code}")


def payment_notice_for_case(
    *, actor: Any, case_id: int, amount_vnd: int | None = None
) -> PaymentNotice | None:
    """The payment notice of a case in the actor's scope (``Http404`` otherwise) for
    ``amount_vnd`` (default: what remains due); None when the office has no deposit account."""
    case = case_get_for_user(actor=actor, pk=case_id)
    account = bank_account_default(office_id=case.office_id)
    if account is None:
        return None
    if amount_vnd is None:
        amount_vnd = max(int(case.total_due_vnd) - int(case.collected_vnd), 0)
    content = notice_content(case_number=case.number, office_code=case.office.code)
    payload = vietqr_payload(
        bank_bin=account.bank_bin,
        account_number=account.account_number,
        amount_vnd=amount_vnd or None,
        content=content,
    )
    return PaymentNotice(
        case=case, account=account, amount_vnd=amount_vnd, content=content, payload=payload
    )
