"""Every write of the intake side: scans of payment documents and their prefill, office bank
accounts, bank statement imports and their matching, the daily cash count.

Each service is atomic, keyword-only and writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import IntegrityError
from django.db import transaction
from django.db.models import F
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enforcement.selectors import case_queryset_for_user
from receipts.models import BankStatementImport
from receipts.models import BankStatementLine
from receipts.models import CashCount
from receipts.models import OfficeBankAccount
from receipts.models import ReceiptScan
from receipts.models import ReceiptScanCorrection
from receipts.prefill import FIELD_NAMES
from receipts.prefill import extract_fields
from receipts.reconciliation import STATEMENT_MAX_BYTES
from receipts.reconciliation import StatementFileError
from receipts.reconciliation import match_lines
from receipts.reconciliation import parse_statement
from receipts.vietqr import VietQrError
from receipts.vietqr import vietqr_payload
from thads.audit.services import audit_log
from thads.documents import selectors as document_selectors
from thads.documents import services as document_services

__all__ = [
    "BankAccountError",
    "ScanNotReadyError",
    "StatementFileError",
    "StatementLineError",
    "bank_account_save",
    "bank_statement_import",
    "bank_statement_rematch",
    "cash_count_record",
    "receipt_scan_confirm",
    "receipt_scan_extract",
    "receipt_scan_upload",
    "statement_line_assign_case",
    "statement_line_ignore",
]

SCAN_PURPOSE = "receipt_scan"


class IntakeError(Exception):
    """An intake operation that cannot be done; ``message`` is shown to the user."""

    default_message = gettext_lazy("Không thể thực hiện thao tác.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class ScanNotReadyError(IntakeError):
    default_message = gettext_lazy(
        "Ảnh chứng từ chưa đọc xong hoặc không đọc được; chưa thể xác nhận."
    )


class StatementLineError(IntakeError):
    default_message = gettext_lazy("Dòng sao kê này đã được đối chiếu.")


class BankAccountError(IntakeError):
    default_message = gettext_lazy(
        "Mã BIN ngân hàng phải gồm 6 chữ số và số tài khoản chỉ gồm chữ và số (tối đa 19 ký tự)."
    )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- scans and prefill -----------------------------------------------------------------------


def receipt_scan_upload(*, actor: Any, uploaded_file: Any) -> ReceiptScan:
    """Store a photographed or scanned payment document of the actor's office and start its OCR.

    Basis: issue 6 §3 (prefill of receipts, TT04/2023 Art 16 fields). The file goes through the
    document store's hostile-upload checks (``DocumentRejectedError`` with a Vietnamese message
    otherwise). The same file twice is the same scan (idempotent). Side effects: audit events
    ``documents.document_stored`` and ``receipts.scan_uploaded``; OCR tasks after commit.
    """
    document = document_services.document_store(
        actor=actor,
        office=actor.office,
        purpose=SCAN_PURPOSE,
        uploaded_file=uploaded_file,
        process=True,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                scan, created = ReceiptScan.objects.get_or_create(
                    office=actor.office,
                    document=document,
                    defaults={"uploaded_by": _user(actor)},
                )
        except IntegrityError:
            scan, created = ReceiptScan.objects.get(office=actor.office, document=document), False
        if created:
            audit_log(
                actor=_user(actor),
                action="receipts.scan_uploaded",
                target=scan,
                office=scan.office,
                after={"document_id": document.pk, "file": document.original_name},
                summary=_("Tải lên ảnh chứng từ nộp tiền %(name)s") % {"name": str(document)},
            )
    # A document that was already read (the same file again) is extracted at once.
    return receipt_scan_extract(scan_id=scan.pk) or scan


@transaction.atomic
def receipt_scan_extract(*, scan_id: int) -> ReceiptScan | None:
    """Read the fields of a scan whose document's text is ready (idempotent).

    Called by the task that receives ``document_processed`` and by the page that polls; a
    scan not PROCESSING is returned as it is, a document still being read leaves it so. A
    document that failed OCR marks the scan FAILED with the reason. Side effect: audit event
    ``receipts.scan_extracted`` (system actor).
    """
    scan = (
        ReceiptScan.objects.select_for_update(of=("self",))
        .select_related("document")
        .filter(pk=scan_id)
        .first()
    )
    if scan is None or scan.status != ReceiptScan.Status.PROCESSING:
        return scan
    status = scan.document.status
    if status == "failed":
        scan.status = ReceiptScan.Status.FAILED
        scan.message = scan.document.message or _("Không đọc được chữ trên ảnh chứng từ.")
        scan.save(update_fields=["status", "message"])
        audit_log(
            actor=None,
            action="receipts.scan_failed",
            target=scan,
            office=scan.office,
            after={"message": scan.message},
            summary=_("Không đọc được ảnh chứng từ #%(pk)s") % {"pk": scan.pk},
        )
        return scan
    if status != "ready":
        return scan
    pages = document_selectors.document_page_texts(document_id=scan.document_id)
    doc_type, fields = extract_fields(pages)
    scan.doc_type = doc_type
    scan.fields = {name: field.as_json() for name, field in fields.items()}
    scan.status = ReceiptScan.Status.READY
    scan.extracted_at = timezone.now()
    scan.message = (
        ""
        if fields
        else _("Không tìm thấy thông tin nộp tiền trên ảnh; hãy nhập tay hoặc chụp lại rõ hơn.")
    )
    scan.save(update_fields=["doc_type", "fields", "status", "extracted_at", "message"])
    audit_log(
        actor=None,
        action="receipts.scan_extracted",
        target=scan,
        office=scan.office,
        after={"doc_type": doc_type, "fields": sorted(fields)},
        summary=_("Đọc xong ảnh chứng từ #%(pk)s: %(n)s trường")
        % {"pk": scan.pk, "n": len(fields)},
    )
    return scan


def _as_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


@transaction.atomic
def receipt_scan_confirm(*, actor: Any, scan: ReceiptScan, values: dict[str, Any]) -> ReceiptScan:
    """Record the values staff confirmed or corrected for a read scan.

    Every field whose value differs from what was read becomes a ``ReceiptScanCorrection``
    (kept to measure and improve the reading). Raises ``ScanNotReadyError`` while the scan is
    still being read or could not be read. Side effect: audit event ``receipts.scan_confirmed``
    with the corrected fields.
    """
    locked = ReceiptScan.objects.select_for_update().get(pk=scan.pk)
    if locked.status not in (ReceiptScan.Status.READY, ReceiptScan.Status.CONFIRMED):
        raise ScanNotReadyError
    confirmed: dict[str, Any] = {}
    corrected: list[str] = []
    for name in FIELD_NAMES:
        value = values.get(name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        read = (locked.fields.get(name) or {}).get("value")
        confirmed[name] = value if value not in (None, "") else None
        if _as_text(value) != _as_text(read):
            corrected.append(name)
            ReceiptScanCorrection.objects.create(
                scan=locked,
                field=name,
                extracted_value=_as_text(read)[:500],
                corrected_value=_as_text(value)[:500],
                confidence=(locked.fields.get(name) or {}).get("confidence"),
                corrected_by=_user(actor),
            )
    before = {"status": locked.status, "confirmed": locked.confirmed}
    locked.confirmed = confirmed
    locked.status = ReceiptScan.Status.CONFIRMED
    locked.confirmed_by = _user(actor)
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["confirmed", "status", "confirmed_by", "confirmed_at"])
    audit_log(
        actor=_user(actor),
        action="receipts.scan_confirmed",
        target=locked,
        office=locked.office,
        before=before,
        after={"status": locked.status, "corrected": corrected},
        summary=_("Xác nhận thông tin ảnh chứng từ #%(pk)s (%(n)s trường sửa)")
        % {"pk": locked.pk, "n": len(corrected)},
    )
    return locked


# --- bank accounts and statements --------------------------------------------------------------


@transaction.atomic
def bank_account_save(
    *, actor: Any, bank_bin: str, bank_name: str, account_number: str, account_name: str
) -> OfficeBankAccount:
    """Set the actor's office's default deposit account (printed as VietQR on payment notices).

    Basis: ND152/2026 Art 30(5) (enforcement money in the agency's account at a commercial bank
    or the State Treasury). The previous default stays on record, no longer default. Raises
    ``BankAccountError`` for a BIN or account that VietQR cannot carry. Side effect: audit event
    ``receipts.bank_account_saved``.
    """
    bank_bin = bank_bin.strip()
    account_number = account_number.replace(" ", "").strip()
    try:
        vietqr_payload(bank_bin=bank_bin, account_number=account_number)
    except VietQrError:
        raise BankAccountError from None
    office = actor.office
    previous = list(
        OfficeBankAccount.objects.select_for_update().filter(
            office=office, is_default=True, is_active=True
        )
    )
    OfficeBankAccount.objects.filter(pk__in=[a.pk for a in previous]).update(is_default=False)
    account, _created = OfficeBankAccount.objects.update_or_create(
        office=office,
        account_number=account_number,
        defaults={
            "bank_bin": bank_bin,
            "bank_name": bank_name.strip()[:200],
            "account_name": account_name.strip()[:200],
            "is_default": True,
            "is_active": True,
        },
    )
    audit_log(
        actor=_user(actor),
        action="receipts.bank_account_saved",
        target=account,
        office=office,
        before=[{"account_number": a.account_number, "bank_bin": a.bank_bin} for a in previous],
        after={
            "account_number": account.account_number,
            "bank_bin": account.bank_bin,
            "bank_name": account.bank_name,
        },
        summary=_("Đặt tài khoản nhận tiền %(number)s") % {"number": account.account_number},
    )
    return account


def bank_statement_import(*, actor: Any, uploaded_file: Any) -> BankStatementImport:
    """Import a bank statement (CSV) of the actor's office and match its lines.

    Basis: TT 78/2020/TT-BTC (reconciling bank statements with receipts "thu qua chuyển
    khoản"). Lines that cannot be read are listed with a Vietnamese message and skipped; the
    rest are stored and matched (:func:`receipts.reconciliation.match_lines`). The same file
    twice is the same import. Raises ``StatementFileError`` when the file as a whole cannot be
    read (too large, not text, missing columns). Side effect: audit event
    ``receipts.statement_imported``.
    """
    data = uploaded_file.read(STATEMENT_MAX_BYTES + 1)
    if len(data) > STATEMENT_MAX_BYTES:
        raise StatementFileError(
            _("Tệp sao kê lớn hơn %(mb)s MB.") % {"mb": STATEMENT_MAX_BYTES // (1024 * 1024)}
        )
    sha = hashlib.sha256(data).hexdigest()
    office = actor.office
    existing = BankStatementImport.objects.filter(office=office, sha256=sha).first()
    if existing is not None:
        return existing
    parsed = parse_statement(data)
    with transaction.atomic():
        statement = BankStatementImport.objects.create(
            office=office,
            account=OfficeBankAccount.objects.filter(
                office=office, is_default=True, is_active=True
            ).first(),
            file_name=str(getattr(uploaded_file, "name", ""))[:255],
            sha256=sha,
            uploaded_by=_user(actor),
            errors=[{"line": e.line, "message": e.message} for e in parsed.errors],
            line_count=len(parsed.lines),
            period_from=min((line.value_date for line in parsed.lines), default=None),
            period_to=max((line.value_date for line in parsed.lines), default=None),
        )
        BankStatementLine.objects.bulk_create(
            [
                BankStatementLine(
                    statement=statement,
                    office=office,
                    line_no=line.line,
                    value_date=line.value_date,
                    direction=line.direction,
                    amount_vnd=line.amount_vnd,
                    bank_reference=line.reference[:64],
                    payer_name=line.payer[:200],
                    payer_account=line.payer_account[:34],
                    content=line.content[:500],
                )
                for line in parsed.lines
            ]
        )
        matched = match_lines(actor=actor, statement=statement)
        statement.matched_count = matched
        statement.save(update_fields=["matched_count"])
        audit_log(
            actor=_user(actor),
            action="receipts.statement_imported",
            target=statement,
            office=office,
            after={
                "file": statement.file_name,
                "lines": statement.line_count,
                "matched": matched,
                "errors": len(parsed.errors),
            },
            summary=_(
                "Nhập sao kê %(name)s: %(lines)s dòng, %(matched)s dòng khớp, %(errors)s dòng lỗi"
            )
            % {
                "name": statement.file_name,
                "lines": statement.line_count,
                "matched": matched,
                "errors": len(parsed.errors),
            },
        )
    return statement


@transaction.atomic
def bank_statement_rematch(*, actor: Any, statement: BankStatementImport) -> int:
    """Match again the lines of ``statement`` still unmatched (after receipts were issued or
    cases opened); returns how many lines are matched now. Audit: ``receipts.statement_matched``.
    """
    locked = BankStatementImport.objects.select_for_update().get(pk=statement.pk)
    before = locked.matched_count
    newly = match_lines(actor=actor, statement=locked)
    locked.matched_count = locked.lines.exclude(
        match__in=[BankStatementLine.Match.UNMATCHED, BankStatementLine.Match.IGNORED]
    ).count()
    locked.save(update_fields=["matched_count"])
    audit_log(
        actor=_user(actor),
        action="receipts.statement_matched",
        target=locked,
        office=locked.office,
        before={"matched": before},
        after={"matched": locked.matched_count, "new": newly},
        summary=_("Đối chiếu lại sao kê %(name)s: thêm %(n)s dòng khớp")
        % {"name": str(locked), "n": newly},
    )
    return locked.matched_count


@transaction.atomic
def statement_line_ignore(*, actor: Any, line: BankStatementLine, reason: str) -> BankStatementLine:
    """Mark an unmatched statement line as not enforcement money (a bank fee, interest), with a
    reason. Audit: ``receipts.statement_line_ignored``."""
    locked = BankStatementLine.objects.select_for_update().get(pk=line.pk)
    if locked.match != BankStatementLine.Match.UNMATCHED:
        return locked
    locked.match = BankStatementLine.Match.IGNORED
    locked.match_rule = "manual"
    locked.save(update_fields=["match", "match_rule"])
    audit_log(
        actor=_user(actor),
        action="receipts.statement_line_ignored",
        target=locked,
        office=locked.office,
        after={"line": locked.line_no, "reason": reason[:300]},
        summary=_("Bỏ qua dòng %(n)s của sao kê: %(reason)s")
        % {"n": locked.line_no, "reason": reason[:300]},
    )
    return locked


@transaction.atomic
def statement_line_assign_case(
    *, actor: Any, line: BankStatementLine, case_number: str
) -> BankStatementLine:
    """Match an unmatched credit line by hand to a case of the line's office, by case number
    (the accountant read the transfer content better than the rules). Basis: TT 78/2020/TT-BTC
    reconciliation. Raises ``StatementLineError`` when the line is not unmatched or no such
    case is in the actor's scope. Audit: ``receipts.statement_line_assigned``."""
    locked = BankStatementLine.objects.select_for_update().get(pk=line.pk)
    if locked.match != BankStatementLine.Match.UNMATCHED:
        raise StatementLineError
    number = case_number.strip()
    cases = list(
        case_queryset_for_user(actor=actor, include_entrusted=False)
        .filter(office_id=locked.office_id)
        .filter(Q(number=number) | Q(number__startswith=f"{number}/"))
        .only("pk", "number")[:2]
    )
    if len(cases) != 1:
        raise StatementLineError(
            _("Không tìm thấy đúng một hồ sơ số “%(number)s” trong đơn vị.")
            % {"number": number[:40]}
        )
    locked.match = BankStatementLine.Match.CASE
    locked.match_rule = "manual"
    locked.case = cases[0]
    locked.save(update_fields=["match", "match_rule", "case"])
    BankStatementImport.objects.filter(pk=locked.statement_id).update(
        matched_count=F("matched_count") + 1
    )
    audit_log(
        actor=_user(actor),
        action="receipts.statement_line_assigned",
        target=locked,
        office=locked.office,
        after={"line": locked.line_no, "case": cases[0].number},
        summary=_("Gán dòng %(n)s của sao kê cho hồ sơ %(case)s")
        % {"n": locked.line_no, "case": cases[0].number},
    )
    return locked


@transaction.atomic
def cash_count_record(*, actor: Any, day: dt.date, cash_in_vnd: int, note: str = "") -> CashCount:
    """Record (or correct) the cash the cashier took into the fund on ``day``.

    Basis: TT04/2023 Art 17 (cash collected enters the fund the same day). Audit:
    ``receipts.cash_counted`` with the previous figure when corrected.
    """
    if isinstance(cash_in_vnd, bool) or not isinstance(cash_in_vnd, int) or cash_in_vnd < 0:
        raise ValueError("cash_in_vnd must be a non-negative integer")
    office = actor.office
    existing = CashCount.objects.select_for_update().filter(office=office, day=day).first()
    before = {"cash_in_vnd": existing.cash_in_vnd} if existing else None
    count, _created = CashCount.objects.update_or_create(
        office=office,
        day=day,
        defaults={
            "cash_in_vnd": cash_in_vnd,
            "note": note.strip()[:500],
            "recorded_by": _user(actor),
            "recorded_at": timezone.now(),
        },
    )
    audit_log(
        actor=_user(actor),
        action="receipts.cash_counted",
        target=count,
        office=office,
        before=before,
        after={"day": day, "cash_in_vnd": cash_in_vnd},
        summary=_("Ghi sổ quỹ ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")},
    )
    return count
