"""Bank statements: reading a CSV export, and matching its lines to receipts and cases.

Accepted CSV (UTF-8 with or without BOM, or Windows-1258; separated by ``,`` ``;`` or tab;
one header row). Column names are compared without diacritics, case or punctuation, and these
variants are understood (the first three are required, then either an amount or credit/debit):

========================  ===========================================================
column                    header names accepted
========================  ===========================================================
date (required)           Ngày, Ngày giao dịch, Ngày GD, Ngày hiệu lực, Date, Transaction date,
                          Value date, Posting date
credit                    Ghi có, Số tiền ghi có, Phát sinh có, Tiền vào, Credit, Credit amount
debit                     Ghi nợ, Số tiền ghi nợ, Phát sinh nợ, Tiền ra, Debit, Debit amount
amount (signed)           Số tiền, Amount (negative = debit)
reference                 Số tham chiếu, Mã giao dịch, Số giao dịch, Số bút toán, Reference,
                          Ref, Transaction ID
payer                     Người chuyển, Tên người chuyển, Đối tác, Tên đối ứng, Tên tài khoản
                          đối ứng, Payer, Remitter, Counterparty
payer account             Tài khoản đối ứng, TK đối ứng, Số tài khoản đối ứng, Payer account
content                   Nội dung, Diễn giải, Mô tả, Description, Narrative, Content, Remark
========================  ===========================================================

Dates: ``dd/mm/yyyy`` (or ``-`` ``.``), ``yyyy-mm-dd``, optionally followed by a time.
Amounts: whole đồng, ``12.500.000`` ``12,500,000`` ``12500000`` (``,00``/``.00`` allowed).

Matching of a credit line, first rule that gives exactly one answer wins:
1. ``reference``: a transfer receipt of the office with the same bank reference;
2. ``case_number``: a case number of the office written in the content ("HS 12/2026",
   "THA 12 2026", "12-2026"), the way the VietQR payment notice writes it;
3. ``amount_date``: one transfer receipt of the office with the same amount collected that
   day or the day before, not yet matched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from enforcement.selectors import case_queryset_for_user
from receipts.models import BankStatementLine
from receipts.models import Receipt
from receipts.prefill.extract import fold
from receipts.prefill.extract import fold_compact

STATEMENT_MAX_BYTES = 5 * 1024 * 1024
STATEMENT_MAX_LINES = 20_000


class StatementFileError(Exception):
    """A statement file that cannot be read at all; ``message`` is Vietnamese."""

    def __init__(self, message: str) -> None:
        self.message = str(message)
        super().__init__(self.message)


COLUMNS: dict[str, tuple[str, ...]] = {
    "date": (
        "ngay",
        "ngay giao dich",
        "ngay gd",
        "ngay hieu luc",
        "ngay hach toan",
        "date",
        "transaction date",
        "value date",
        "posting date",
    ),
    "credit": (
        "ghi co",
        "so tien ghi co",
        "phat sinh co",
        "tien vao",
        "credit",
        "credit amount",
        "so tien co",
    ),
    "debit": (
        "ghi no",
        "so tien ghi no",
        "phat sinh no",
        "tien ra",
        "debit",
        "debit amount",
        "so tien no",
    ),
    "amount": ("so tien", "amount", "so tien vnd", "amount vnd"),
    "reference": (
        "so tham chieu",
        "ma giao dich",
        "so giao dich",
        "so but toan",
        "reference",
        "ref",
        "reference no",
        "transaction id",
        "so ct",
        "so chung tu",
    ),
    "payer": (
        "nguoi chuyen",
        "ten nguoi chuyen",
        "doi tac",
        "ten doi ung",
        "ten tai khoan doi ung",
        "payer",
        "remitter",
        "counterparty",
    ),
    "payer_account": (
        "tai khoan doi ung",
        "tk doi ung",
        "so tai khoan doi ung",
        "payer account",
        "counterparty account",
    ),
    "content": (
        "noi dung",
        "dien giai",
        "mo ta",
        "description",
        "narrative",
        "content",
        "remark",
        "noi dung giao dich",
    ),
}


@dataclass(frozen=True)
class StatementRow:
    line: int
    value_date: dt.date
    direction: str  # "credit" | "debit"
    amount_vnd: int
    reference: str = ""
    payer: str = ""
    payer_account: str = ""
    content: str = ""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ParsedStatement:
    lines: list[StatementRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise StatementFileError(_("Tệp sao kê không phải tệp văn bản CSV."))
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatementFileError(_("Không đọc được bảng mã của tệp sao kê (hãy lưu dạng UTF-8)."))


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = fold_compact(name)
        for column, names in COLUMNS.items():
            if key in names and column not in found:
                found[column] = index
                break
    return found


def parse_date(text: str) -> dt.date | None:
    """``dd/mm/yyyy`` (``-``, ``.``), ``yyyy-mm-dd``, each optionally followed by a time."""
    text = text.strip()
    match = re.match(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?:[ T].*)?$", text)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$", text)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return None


def parse_amount(text: str) -> int | None:
    """Whole đồng from "12.500.000", "12,500,000", "12500000", "12.500.000,00", "-5,000";
    None when it is not an amount (a fraction of a đồng included)."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    for unit in ("VND", "vnd", "đ", "đồng", "VNĐ"):
        text = text.removesuffix(unit)
    sign = -1 if text.startswith("-") or (text.startswith("(") and text.endswith(")")) else 1
    text = text.strip("-+()")
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d{1,2}))?", text)
    if not match:
        return None
    whole, thousands, decimal, fraction = match.groups()
    if thousands and decimal == thousands:
        return None
    if fraction is not None and decimal is not None and int(fraction) != 0:
        # "12,50" is a fraction; "12,500" (three digits) was taken as thousands above.
        return None
    return sign * int(re.sub(r"\D", "", whole))


def parse_statement(data: bytes) -> ParsedStatement:
    """Read a CSV statement; raises ``StatementFileError`` when the file as a whole is not one,
    else returns the good lines and a Vietnamese error for each bad line (numbered as in the
    file, header = line 1)."""
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:
        raise StatementFileError(
            _("Tệp sao kê không đúng định dạng CSV (ký tự lạ hoặc dấu ngoặc kép không đóng).")
        ) from None
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise StatementFileError(_("Tệp sao kê trống."))
    columns = _columns(rows[0])
    missing = []
    if "date" not in columns:
        missing.append(_("ngày giao dịch"))
    if "amount" not in columns and "credit" not in columns:
        missing.append(_("số tiền (hoặc ghi có)"))
    if missing:
        raise StatementFileError(
            _(
                "Thiếu cột %(columns)s. Các cột được chấp nhận: Ngày giao dịch, Ghi có, Ghi nợ "
                "(hoặc Số tiền), Số tham chiếu, Người chuyển, Tài khoản đối ứng, Nội dung."
            )
            % {"columns": ", ".join(missing)}
        )
    if len(rows) - 1 > STATEMENT_MAX_LINES:
        raise StatementFileError(
            _("Tệp sao kê có quá %(n)s dòng; hãy tách thành nhiều tệp.")
            % {"n": STATEMENT_MAX_LINES}
        )
    parsed = ParsedStatement()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        raw_date = cell("date")
        value_date = parse_date(raw_date)
        if value_date is None:
            parsed.errors.append(
                RowError(
                    number,
                    _("Dòng %(n)s: ngày giao dịch “%(value)s” không hợp lệ (dd/mm/yyyy).")
                    % {"n": number, "value": raw_date[:40]},
                )
            )
            continue
        direction, amount, raw = "credit", None, ""
        if "credit" in columns or "debit" in columns:
            credit, debit = cell("credit"), cell("debit")
            if credit and parse_amount(credit) not in (None, 0):
                raw, amount = credit, parse_amount(credit)
            elif debit and parse_amount(debit) not in (None, 0):
                raw, amount, direction = debit, parse_amount(debit), "debit"
            else:
                raw = credit or debit
        else:
            raw = cell("amount")
            amount = parse_amount(raw)
            if amount is not None and amount < 0:
                direction = "debit"
        if amount is None or amount == 0:
            parsed.errors.append(
                RowError(
                    number,
                    _(
                        "Dòng %(n)s: số tiền “%(value)s” không hợp lệ "
                        "(phải là số đồng nguyên, khác 0)."
                    )
                    % {"n": number, "value": raw[:40]},
                )
            )
            continue
        parsed.lines.append(
            StatementRow(
                line=number,
                value_date=value_date,
                direction=direction,
                amount_vnd=abs(amount),
                reference=cell("reference"),
                payer=cell("payer"),
                payer_account=cell("payer_account"),
                content=cell("content"),
            )
        )
    return parsed


# --- matching ------------------------------------------------------------------------------

# A number and a year, not the tail of a date ("12/03/2026" is no case number).
_CASE_IN_CONTENT = re.compile(
    r"(?<![0-9])(?<![0-9]/)(?<![0-9]-)(?<![0-9]\.)(\d{1,6})\s*[/\- ]\s*(20\d{2})(?![0-9])"
)


def case_numbers_in(content: str) -> list[tuple[str, str]]:
    """(number, year) pairs written in a transfer content: "HS 12/2026", "THA 12 2026 T101",
    "12-2026"; in order, without repeats."""
    seen: list[tuple[str, str]] = []
    for match in _CASE_IN_CONTENT.finditer(fold(content)):
        pair = (str(int(match.group(1))), match.group(2))
        if pair not in seen:
            seen.append(pair)
    return seen


def _case_for(actor: Any, office_id: int, content: str) -> Any:
    pairs = case_numbers_in(content)
    if not pairs:
        return None
    condition = Q()
    for number, year in pairs:
        condition |= Q(number=f"{number}/{year}") | Q(number__startswith=f"{number}/{year}/")
    cases = list(
        case_queryset_for_user(actor=actor, include_entrusted=False)
        .filter(condition, office_id=office_id)
        .only("pk")[:2]
    )
    return cases[0] if len(cases) == 1 else None


def match_lines(*, actor: Any, statement: Any) -> int:
    """Match the unmatched credit lines of ``statement`` (rules in the module docstring);
    returns how many were matched now. Runs inside the caller's transaction."""
    office_id = statement.office_id
    lines = list(
        statement.lines.filter(
            match=BankStatementLine.Match.UNMATCHED,
            direction=BankStatementLine.Direction.CREDIT,
        ).order_by("line_no")
    )
    if not lines:
        return 0
    transfers = Receipt.objects.filter(office_id=office_id, method=Receipt.Method.TRANSFER).exclude(
        status=Receipt.Status.VOIDED
    )
    taken = set(
        BankStatementLine.objects.filter(office_id=office_id, receipt__isnull=False).values_list(
            "receipt_id", flat=True
        )
    )
    refs = {line.bank_reference.strip() for line in lines if line.bank_reference.strip()}
    by_ref: dict[str, list[Any]] = {}
    for receipt in transfers.filter(bank_reference__in=refs).only("pk", "bank_reference", "case"):
        by_ref.setdefault(receipt.bank_reference.strip(), []).append(receipt)
    matched = 0
    for line in lines:
        ref = line.bank_reference.strip()
        candidates = [r for r in by_ref.get(ref, []) if r.pk not in taken] if ref else []
        if len(candidates) == 1:
            receipt = candidates[0]
            line.match, line.match_rule = BankStatementLine.Match.RECEIPT, "reference"
            line.receipt, line.case_id = receipt, receipt.case_id
            taken.add(receipt.pk)
        elif (case := _case_for(actor, office_id, line.content)) is not None:
            line.match, line.match_rule, line.case = (
                BankStatementLine.Match.CASE,
                "case_number",
                case,
            )
        else:
            start = line.value_date - dt.timedelta(days=1)
            same = [
                r
                for r in transfers.filter(
                    amount_vnd=line.amount_vnd,
                    collected_at__date__gte=start,
                    collected_at__date__lte=line.value_date,
                ).only("pk", "case")[:3]
                if r.pk not in taken
            ]
            if len(same) != 1:
                continue
            line.match, line.match_rule = BankStatementLine.Match.RECEIPT, "amount_date"
            line.receipt, line.case_id = same[0], same[0].case_id
            taken.add(same[0].pk)
        line.save(update_fields=["match", "match_rule", "receipt", "case"])
        matched += 1
    return matched
