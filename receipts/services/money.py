"""Every write of the receipts app's money side: issue, sign, void, pay out, daily statement.

Legal basis: TT04/2023/TT-BTP Arts 13–16 (receipts: numbers strictly ascending from 1 each
year, never reused, a void keeps its number), L2008 Art 47 / ND152 Arts 29–30 / TT04 Art 18
(payments out, approved by the head, never more than collected), TT 216/2016/TT-BTC (fee).

Lock order inside one transaction, everywhere in this module: series counter
(``thads.numbering``) → receipt row → creditor balance row → office row (FOR NO KEY UPDATE) →
audit chain head. Taking the office row before the audit chain follows the decisions app (a
writer holding the office row FOR UPDATE and appending to the same chain would otherwise
deadlock with our deferred foreign-key checks at COMMIT).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db import IntegrityError
from django.db import connection
from django.db import transaction
from django.db.models import F
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from receipts.exceptions import PaymentBalanceError
from receipts.exceptions import PaymentStateError
from receipts.exceptions import ReceiptAmountError
from receipts.exceptions import ReceiptError
from receipts.exceptions import ReceiptStateError
from receipts.models import GENESIS_HASH
from receipts.models import BaseSalary
from receipts.models import CreditorBalance
from receipts.models import DailyStatement
from receipts.models import FeeBracket
from receipts.models import Payment
from receipts.models import Receipt
from receipts.models import ReceiptSeries
from receipts.permissions import PAYMENT_APPROVE_ROLES
from receipts.permissions import RECEIPT_VOID_ROLES
from thads.audit.services import audit_log
from thads.documents.storage import store_content_addressed
from thads.documents.verification.services import public_token_generate
from thads.money import MAX_VND
from thads.money import vnd_in_words
from thads.numbering.services import number_next_and_read
from thads.org.models import Office

__all__ = [
    "DEFAULT_SYMBOL_PREFIX",
    "SIGN_TIMINGS",
    "daily_statement_make",
    "enforcement_fee",
    "enforcement_fee_for_instalment",
    "fee_schedule_load",
    "payment_approve",
    "payment_create",
    "receipt_hash",
    "receipt_issue",
    "receipt_series_for",
    "receipt_sign",
    "receipt_void",
]

logger = logging.getLogger(__name__)

SIGNED_DIR = "receipts/signed"
#: Default series symbol per kind: prefix + two last digits of the year + "E" (electronic).
DEFAULT_SYMBOL_PREFIX = {
    ReceiptSeries.Kind.ENFORCEMENT: "BL",
    ReceiptSeries.Kind.COURT_FEE: "AP",
    ReceiptSeries.Kind.BUDGET: "NS",
    ReceiptSeries.Kind.FEE: "PL",
    ReceiptSeries.Kind.GENERAL: "BT",
}
#: The series kind a purpose is receipted in.
PURPOSE_KIND = {
    Receipt.Purpose.ENFORCEMENT_MONEY: ReceiptSeries.Kind.ENFORCEMENT,
    Receipt.Purpose.ENFORCEMENT_COST: ReceiptSeries.Kind.ENFORCEMENT,
    Receipt.Purpose.ADVANCE: ReceiptSeries.Kind.ENFORCEMENT,
    Receipt.Purpose.OTHER: ReceiptSeries.Kind.ENFORCEMENT,
    Receipt.Purpose.COURT_FEE: ReceiptSeries.Kind.COURT_FEE,
    Receipt.Purpose.ENFORCEMENT_FEE: ReceiptSeries.Kind.FEE,
}


@dataclass
class SignTimings:
    """Seconds spent per phase of signing in this process (read by the benchmark)."""

    render: float = 0.0
    sign: float = 0.0
    store: float = 0.0
    count: int = 0
    extra: dict[str, float] = field(default_factory=dict)


SIGN_TIMINGS = SignTimings()


# --- helpers ---------------------------------------------------------------------------------


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and actor.pk else None


def _office_key_lock(office_id: int, *, cursor: Any = None) -> None:
    """Lock the office row ``FOR NO KEY UPDATE`` (see the module's lock order)."""
    lock = " FOR NO KEY UPDATE" if connection.features.has_select_for_no_key_update else ""
    sql = f"SELECT id FROM {Office._meta.db_table} WHERE id = %s{lock}"  # noqa: S608
    if cursor is not None:
        cursor.execute(sql, [office_id])
        return
    with connection.cursor() as own:
        own.execute(sql, [office_id])


@contextmanager
def _pipelined() -> Iterator[None]:
    """Send the statements of the block in one round trip where the driver can (psycopg's
    pipeline mode on PostgreSQL): each runs in order as usual; leaving the block waits for
    every result and raises the first error (as Django's ``IntegrityError`` & co.), after
    which the cursors hold their results. Elsewhere the statements simply run one by one."""
    raw = connection.connection
    if connection.vendor != "postgresql" or not hasattr(raw, "pipeline"):
        yield
        return
    with connection.wrap_database_errors, raw.pipeline():
        yield


def _clean_amount(amount_vnd: Any) -> int:
    if isinstance(amount_vnd, bool) or not isinstance(amount_vnd, int):
        raise ReceiptAmountError(_("Số tiền phải là số nguyên đồng, không có phần lẻ."))
    if amount_vnd <= 0:
        raise ReceiptAmountError(_("Số tiền phải lớn hơn 0 đồng."))
    if amount_vnd > MAX_VND:
        raise ReceiptAmountError(_("Số tiền vượt quá giới hạn cho phép."))
    return amount_vnd


def _text(value: Any, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit]


def receipt_hash(receipt: Receipt, *, office_code: str, symbol: str) -> str:
    """SHA-256 of the receipt's recorded facts and the previous receipt's hash (series chain).

    Status, void and signature fields are left out: they change after issue; the facts of
    the collection never do.
    """
    collected = receipt.collected_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    facts = {
        "office": office_code,
        "symbol": symbol,
        "year": receipt.year,
        "number": receipt.number,
        "case": receipt.case_id,
        "creditor": receipt.creditor_name,
        "payer": receipt.payer_name,
        "payer_id": receipt.payer_id_number,
        "purpose": receipt.purpose,
        "amount_vnd": receipt.amount_vnd,
        "method": receipt.method,
        "bank_reference": receipt.bank_reference,
        "collected_at": collected,
        "collector": receipt.collector_id,
        "lookup_code_sha256": hashlib.sha256(receipt.lookup_code.encode()).hexdigest(),
    }
    payload = receipt.prev_hash + json.dumps(facts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def receipt_series_for(*, office: Office, kind: str, year: int) -> ReceiptSeries:
    """The active series of ``office`` for ``kind`` in ``year``, created on first use.

    TT04 Art 14 and ND254/2026 Art 23 leave the symbol format of MoJ enforcement receipts
    open [?]: the default symbol (``BL/26E``) is configuration, editable in the admin before
    the first receipt of the year.
    """
    series = (
        ReceiptSeries.objects.filter(office=office, kind=kind, year=year, active=True)
        .order_by("pk")
        .first()
    )
    if series is not None:
        return series
    symbol = f"{DEFAULT_SYMBOL_PREFIX[ReceiptSeries.Kind(kind)]}/{year % 100:02d}E"
    try:
        with transaction.atomic():
            series, _created = ReceiptSeries.objects.get_or_create(
                office=office, symbol=symbol, year=year, defaults={"kind": kind}
            )
    except IntegrityError:
        series = ReceiptSeries.objects.get(office=office, symbol=symbol, year=year)
    return series


# --- enforcement fee -------------------------------------------------------------------------


def _in_force(qs: Any, on: dt.date) -> Any:
    return qs.filter(valid_from__lte=on).exclude(valid_to__lt=on)


#: TT 216/2016/TT-BTC Art 4 brackets: (lower, upper, base fee, excess over, rate in ppm). The
#: data migration 0002 loads the same rows; :func:`fee_schedule_load` restores them.
FEE_BRACKETS_TT216 = (
    (0, 5_000_000_000, 0, 0, 30_000),
    (5_000_000_000, 7_000_000_000, 150_000_000, 5_000_000_000, 20_000),
    (7_000_000_000, 10_000_000_000, 190_000_000, 7_000_000_000, 10_000),
    (10_000_000_000, 15_000_000_000, 220_000_000, 10_000_000_000, 5_000),
    (15_000_000_000, None, 245_000_000, 15_000_000_000, 100),
)


def fee_schedule_load() -> int:
    """Load the TT 216/2016 fee brackets and the base salary if missing; rows created.

    The base salary (2,340,000 VND from 01/07/2024) is marked [?] in domain.md §4.5.
    """
    created = 0
    for lower, upper, base, over, rate in FEE_BRACKETS_TT216:
        _row, made = FeeBracket.objects.get_or_create(
            law_version="TT216/2016/TT-BTC",
            valid_from=dt.date(2017, 1, 1),
            lower_vnd=lower,
            defaults={
                "article": "Điều 4 Thông tư 216/2016/TT-BTC",
                "upper_vnd": upper,
                "base_fee_vnd": base,
                "excess_over_vnd": over,
                "rate_ppm": rate,
            },
        )
        created += made
    _row, made = BaseSalary.objects.get_or_create(
        valid_from=dt.date(2024, 7, 1),
        defaults={
            "amount_vnd": 2_340_000,
            "legal_basis": "Nghị định 73/2024/NĐ-CP (chưa đối chiếu văn bản gốc)",
            "confidence": "?",
        },
    )
    return created + made


def enforcement_fee(*, amount_vnd: int, on: dt.date) -> int:
    """The enforcement fee on ``amount_vnd`` actually received (TT 216/2016/TT-BTC Art 4).

    No fee up to 2× the base salary in force on ``on`` (Art 6; the base salary is a dated
    parameter marked [?] in domain.md). Exemptions, reductions and the one-third rule of
    Art 4(4) are decided per case by the head and are not applied here.
    """
    if amount_vnd <= 0:
        return 0
    salary = _in_force(BaseSalary.objects, on).order_by("-valid_from").first()
    if salary is None or amount_vnd <= 2 * salary.amount_vnd:
        return 0
    for bracket in _in_force(FeeBracket.objects, on).order_by("lower_vnd"):
        if amount_vnd > bracket.lower_vnd and (
            bracket.upper_vnd is None or amount_vnd <= bracket.upper_vnd
        ):
            excess = amount_vnd - bracket.excess_over_vnd
            return bracket.base_fee_vnd + excess * bracket.rate_ppm // 1_000_000
    return 0


def enforcement_fee_for_instalment(*, before_vnd: int, after_vnd: int, on: dt.date) -> int:
    """Fee on one instalment: fee(cumulative after) − fee(cumulative before) (Art 5(2)–(3))."""
    return enforcement_fee(amount_vnd=after_vnd, on=on) - enforcement_fee(
        amount_vnd=before_vnd, on=on
    )


# --- issue -----------------------------------------------------------------------------------


def _balance_locked(*, office_id: int, case_id: int, creditor_name: str) -> CreditorBalance:
    CreditorBalance.objects.bulk_create(
        [CreditorBalance(office_id=office_id, case_id=case_id, creditor_name=creditor_name)],
        ignore_conflicts=True,
    )
    return CreditorBalance.objects.select_for_update().get(
        case_id=case_id, creditor_name=creditor_name
    )


def _balance_add_collected(
    cursor: Any, *, office_id: int, case_id: int, creditor_name: str, amount: int
) -> None:
    """Add ``amount`` to what was collected for the creditor: one upsert, row-locked by
    PostgreSQL until the transaction ends (``INSERT … ON CONFLICT DO UPDATE``)."""
    table = CreditorBalance._meta.db_table
    cursor.execute(
        f"INSERT INTO {table} "  # noqa: S608 - the table name is the model's, not input
        "(office_id, case_id, creditor_name, collected_vnd, paid_vnd, updated_at) "
        "VALUES (%s, %s, %s, %s, 0, %s) "
        "ON CONFLICT (case_id, creditor_name) DO UPDATE SET "
        "collected_vnd = EXCLUDED.collected_vnd + " + table + ".collected_vnd, "
        "updated_at = EXCLUDED.updated_at",
        [office_id, case_id, creditor_name, amount, timezone.now()],
    )


#: Obligation kinds that are money owed to a creditor (the amount still due is checked).
MONEY_OBLIGATION_KINDS = ("money", "periodic_money")


@dataclass(frozen=True)
class _IssuePreread:
    existing_id: int | None
    #: Money obligations of the case owed to the creditor (None: the case lists none).
    due_vnd: int | None
    collected_vnd: int
    series: ReceiptSeries | None

    @property
    def remaining_vnd(self) -> int | None:
        """What is still due (obligations − collected); None when nothing to compare to."""
        return None if self.due_vnd is None else self.due_vnd - self.collected_vnd


_SERIES_FIELDS = tuple(f.attname for f in ReceiptSeries._meta.concrete_fields)


def _issue_preread(
    *, office_id: int, key: str, kind: str, year: int, case: Any, creditor_name: str
) -> _IssuePreread:
    """One read before the transaction, no lock: the receipt already issued with ``key`` (a
    double submit), the case's money obligations to the creditor and what was collected for
    them (``case`` None: not checked), and the office's active series of ``kind``.

    An obligation names no creditor, or the receipt's creditor, to count (as the case page).
    """
    receipts = Receipt._meta.db_table
    balances = CreditorBalance._meta.db_table
    series = ReceiptSeries._meta.db_table
    case_id = case.pk if case is not None else None
    obligations = ""
    if case is not None:
        obligations = case.obligations.model._meta.db_table
    due = (
        f"(SELECT SUM(amount_vnd) FROM {obligations} WHERE case_id = %s "  # noqa: S608
        "AND kind IN (%s, %s) AND (%s = '' OR creditor_name = '' OR creditor_name = %s))"
        if obligations
        else "NULL"
    )
    due_params = [case_id, *MONEY_OBLIGATION_KINDS, creditor_name, creditor_name]
    columns = ", ".join(f"s.{name}" for name in _SERIES_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            # One row always (the LEFT JOIN on a one-row table): the series columns are NULL
            # when the office has no active series of that kind and year yet.
            "SELECT "  # noqa: S608 - the tables are the models', not input
            f"(SELECT id FROM {receipts} WHERE office_id = %s AND idempotency_key = %s), "
            f"(SELECT collected_vnd FROM {balances} WHERE case_id = %s AND creditor_name = %s), "
            f"{due}, {columns} FROM (SELECT 1 AS one) AS one LEFT JOIN {series} AS s "
            "ON s.office_id = %s AND s.kind = %s AND s.year = %s AND s.active "
            "ORDER BY s.id LIMIT 1",
            [office_id, key, case_id, creditor_name]
            + (due_params if obligations else [])
            + [office_id, kind, year],
        )
        existing_id, collected, due_vnd, *values = cursor.fetchone()
    found = None
    if values[0] is not None:
        found = ReceiptSeries.from_db(connection.alias, list(_SERIES_FIELDS), values)
    return _IssuePreread(
        existing_id=existing_id,
        due_vnd=None if due_vnd is None else int(due_vnd),
        collected_vnd=collected or 0,
        series=found,
    )


def _receipt_by_key(office_id: int, key: str) -> Receipt | None:
    return (
        Receipt.objects.select_related("series")
        .filter(office_id=office_id, idempotency_key=key)
        .first()
    )


_LAST_HASH_SQL = (
    f"SELECT hash FROM {Receipt._meta.db_table} "  # noqa: S608 - the model's table
    "WHERE series_id = %s ORDER BY number DESC LIMIT 1"
)


_RECEIPT_FIELDS = tuple(f for f in Receipt._meta.concrete_fields if not f.primary_key)


@functools.cache
def _receipt_insert_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _RECEIPT_FIELDS)
    marks = ", ".join(["%s"] * len(_RECEIPT_FIELDS))
    return (
        f"INSERT INTO {quote(Receipt._meta.db_table)} ({columns}) "  # noqa: S608 - model names
        f"VALUES ({marks}) RETURNING {quote(Receipt._meta.pk.column)}"
    )


def _receipt_insert(cursor: Any, receipt: Receipt) -> None:
    """Send the INSERT of ``receipt`` (every column, prepared as ``Model.save`` would, the SQL
    built once per process); the caller fetches the new id from ``cursor``."""
    params = [f.get_db_prep_save(f.pre_save(receipt, True), connection) for f in _RECEIPT_FIELDS]
    cursor.execute(_receipt_insert_sql(connection.vendor), params)


def _receipt_snapshot(receipt: Receipt) -> dict[str, Any]:
    return {
        "number": receipt.number,
        "symbol": receipt.series.symbol,
        "year": receipt.year,
        "case_id": receipt.case_id,
        "purpose": receipt.purpose,
        "amount_vnd": receipt.amount_vnd,
        "method": receipt.method,
        "status": receipt.status,
        "hash": receipt.hash,
    }


def receipt_issue(
    *,
    actor: Any,
    office: Office,
    payer_name: str,
    purpose: str,
    amount_vnd: int,
    method: str,
    idempotency_key: str,
    case: Any = None,
    creditor_name: str = "",
    payer_id_number: str = "",
    payer_address: str = "",
    description: str = "",
    bank_reference: str = "",
    over_due_reason: str = "",
    collected_at: dt.datetime | None = None,
    approver: Any = None,
    sign: bool = True,
) -> Receipt:
    """Issue a receipt for money collected and return it (or the one already issued with
    ``idempotency_key``: a double-clicked or retried submit gets the same receipt).

    TT04/2023 Arts 13–16: the number is taken with ``thads.numbering.number_next_and_read``
    inside this transaction under the series counter's row lock, so a rolled-back issue leaves
    no hole; the receipt carries the previous receipt's hash (series chain). Money for a creditor is
    added to their balance (``CreditorBalance``). Writes ``receipts.receipt_issued``; after
    commit queues ``receipt_sign_task`` (``sign=False`` leaves signing to a later sweep).

    Lean on purpose (quality.md R1; ``tests/receipts/test_issue_lean.py`` counts it): one read
    before the transaction; inside it the counter (``UPDATE … RETURNING``) and the previous
    hash in one round trip, then the receipt, the balance and the office lock in another, then
    the audit head and event; the signing, the PDF and the QR run after commit, in the worker.

    Raises :class:`ReceiptAmountError` (zero, negative, fractional, above the amount still
    due without a reason) and :class:`ReceiptError` (blank payer, transfer without reference,
    case of another office).
    """
    key = _text(idempotency_key, 64)
    if not key:
        raise ReceiptError(_("Thiếu khóa chống trùng của biểu mẫu; hãy tải lại trang."))
    amount = _clean_amount(amount_vnd)
    payer = _text(payer_name, 200)
    if not payer:
        raise ReceiptError(_("Hãy nhập họ tên người nộp tiền."))
    if purpose not in Receipt.Purpose.values:
        raise ReceiptError(_("Nội dung thu không hợp lệ."))
    if method not in Receipt.Method.values:
        raise ReceiptError(_("Hình thức thu không hợp lệ."))
    reference = _text(bank_reference, 100)
    if method == Receipt.Method.TRANSFER and not reference:
        raise ReceiptError(_("Thu qua chuyển khoản phải ghi số tham chiếu của ngân hàng."))
    if case is not None and case.office_id != office.pk:
        raise ReceiptError(_("Hồ sơ không thuộc đơn vị của bạn."))
    creditor = _text(creditor_name, 200)
    if purpose == Receipt.Purpose.ENFORCEMENT_MONEY and case is not None and not creditor:
        creditor = _text(getattr(case, "creditor_name", ""), 200)
    reason = _text(over_due_reason, 500)
    when = collected_at or timezone.now()
    year = timezone.localtime(when).year
    kind = PURPOSE_KIND[Receipt.Purpose(purpose)]
    credit = purpose == Receipt.Purpose.ENFORCEMENT_MONEY and case is not None
    pre = _issue_preread(
        office_id=office.pk,
        key=key,
        kind=kind,
        year=year,
        case=case if credit else None,
        creditor_name=creditor,
    )
    if pre.existing_id is not None:
        found = _receipt_by_key(office.pk, key)
        if found is not None:
            return found
    if credit:
        remaining = pre.remaining_vnd
        if remaining is not None and amount > remaining and not reason:
            raise ReceiptAmountError(
                _(
                    "Số tiền thu vượt số còn phải thi hành (%(remaining)s đồng). Hãy ghi lý do "
                    "nếu vẫn thu."
                )
                % {"remaining": f"{max(remaining, 0):,}".replace(",", ".")}
            )
    series = pre.series or receipt_series_for(office=office, kind=kind, year=year)
    # Everything that needs no lock is prepared here; the transaction below only numbers,
    # chains and writes (quality.md R1: the series counter is held for the fewest round trips).
    receipt = Receipt(
        series=series,
        office=office,
        year=year,
        case=case,
        creditor_name=creditor if purpose == Receipt.Purpose.ENFORCEMENT_MONEY else "",
        payer_name=payer,
        payer_id_number=_text(payer_id_number, 20),
        payer_address=_text(payer_address, 400),
        purpose=purpose,
        description=_text(description, 500),
        amount_vnd=amount,
        amount_words=vnd_in_words(amount)[:500],
        over_due_reason=reason,
        method=method,
        bank_reference=reference,
        collected_at=when,
        collector=actor,
        approver=approver,
        idempotency_key=key,
        lookup_code=public_token_generate(),
    )
    try:
        with transaction.atomic():
            # The number and the previous receipt's hash in one round trip: the read runs
            # once the counter's lock is held, so it sees the receipt numbered just before.
            receipt.number, last = number_next_and_read(
                office=office,
                series=series.counter_key,
                year=year,
                sql=_LAST_HASH_SQL,
                params=[series.pk],
            )
            receipt.prev_hash = last[0] if last else GENESIS_HASH
            receipt.hash = receipt_hash(receipt, office_code=office.code, symbol=series.symbol)
            with connection.cursor() as inserting, connection.cursor() as cursor:
                # One round trip on PostgreSQL: insert, credit the creditor, lock the office.
                with _pipelined():
                    _receipt_insert(inserting, receipt)
                    if credit:
                        _balance_add_collected(
                            cursor,
                            office_id=office.pk,
                            case_id=case.pk,
                            creditor_name=receipt.creditor_name,
                            amount=amount,
                        )
                    _office_key_lock(office.pk, cursor=cursor)
                receipt.pk = inserting.fetchone()[0]
            receipt._state.adding = False
            receipt._state.db = connection.alias
            audit_log(
                actor=actor,
                action="receipts.receipt_issued",
                target=receipt,
                office=office,
                after=_receipt_snapshot(receipt),
                summary=_("Lập biên lai %(number)s, số tiền %(amount)s đồng")
                % {"number": receipt.number_display, "amount": f"{amount:,}".replace(",", ".")},
            )
            if sign:
                receipt_id = receipt.pk
                transaction.on_commit(lambda: _queue_sign(receipt_id))
    except IntegrityError:
        # Lost the UNIQUE (office, idempotency_key) race: the first submit's receipt wins.
        found = _receipt_by_key(office.pk, key)
        if found is None:
            raise
        return found
    return receipt


def _queue_sign(receipt_id: int) -> None:
    from receipts.tasks import receipt_sign_task

    receipt_sign_task.delay(receipt_id=receipt_id)


# --- signing ---------------------------------------------------------------------------------


def receipt_public_url(lookup_code: str) -> str:
    """The absolute URL printed in the receipt's QR code: ``/tra-cuu/bien-lai/<code>``."""
    from django.conf import settings
    from django.urls import reverse

    from thads.documents.verification.services import DEFAULT_PUBLIC_BASE_URL

    base = getattr(settings, "PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL
    return base.rstrip("/") + reverse("receipts_public:receipt-verify", args=[lookup_code])


def receipt_layout(receipt: Receipt) -> Any:
    """The printed fields of ``receipt`` (office, series, case and collector loaded)."""
    from receipts.services.pdf import ReceiptLayout

    office = receipt.office
    parent = office.parent.name if office.parent_id else "BỘ TƯ PHÁP"
    collector = receipt.collector
    method = receipt.get_method_display()
    if receipt.method == Receipt.Method.TRANSFER:
        method = f"Thu qua chuyển khoản (số tham chiếu {receipt.bank_reference})"
    purpose = receipt.get_purpose_display()
    if receipt.description:
        purpose = f"{purpose}: {receipt.description}"
    return ReceiptLayout(
        agency_parent=parent,
        agency=office.name,
        kind_label=receipt.series.get_kind_display(),
        template_symbol=receipt.series.template_symbol,
        symbol=receipt.series.symbol,
        number=f"{receipt.number:07d}",
        payer_name=receipt.payer_name,
        payer_address=receipt.payer_address,
        payer_id_number=receipt.payer_id_number,
        case_label=receipt.case.number if receipt.case_id else "",
        purpose=purpose,
        amount=f"{receipt.amount_vnd:,}".replace(",", ".") + " đồng",
        amount_words=receipt.amount_words,
        method=method,
        collected_on=timezone.localtime(receipt.collected_at).date(),
        place=office.province.name if office.province_id else "",
        collector_name=(collector.get_full_name() or collector.username) if collector else "",
        lookup_code=receipt.lookup_code,
        verify_url=receipt_public_url(receipt.lookup_code),
    )


def receipt_sign(*, receipt_id: int) -> Receipt | None:
    """Render, sign with the office key and store the receipt's PDF; register its QR token.

    Signed exactly once: rendering and signing run outside any transaction; the short
    transaction that stores the result locks the receipt row and does nothing when another
    run (a redelivered task after a killed worker) signed it first. A voided receipt is not
    signed. Writes ``receipts.receipt_signed`` and the core's ``documents.public_token_issued``.
    Returns the receipt, or None when there was nothing to do. Raises ``SigningError``.
    """
    from thads.documents.models import PublicToken
    from thads.documents.signing import sign_pdf
    from thads.documents.verification.services import public_token_issue

    receipt = (
        Receipt.objects.select_related(
            "series", "office", "office__parent", "office__province", "case", "collector"
        )
        .filter(pk=receipt_id)
        .first()
    )
    if receipt is None or receipt.signed_at is not None or receipt.is_voided:
        return None
    started = time.perf_counter()
    unsigned = _render(receipt)
    rendered_at = time.perf_counter()
    from receipts.services.pdf import SIGNATURE_BOX

    signed = sign_pdf(
        pdf_bytes=unsigned,
        office_code=receipt.office.code,
        office_name=receipt.office.name,
        reason=f"Biên lai {receipt.series.symbol} số {receipt.number:07d}",
        location=receipt.office.province.name if receipt.office.province_id else "",
        signer_name=receipt.office.name,
        box=SIGNATURE_BOX,
        page_index=0,
    )
    signed_at = time.perf_counter()
    name, digest = store_content_addressed(SIGNED_DIR, signed)
    with transaction.atomic():
        locked = Receipt.objects.select_for_update(of=("self",)).get(pk=receipt.pk)
        if locked.signed_at is not None or locked.is_voided:
            return None
        _office_key_lock(receipt.office_id)
        public_token, _raw = public_token_issue(
            actor=None,
            kind=PublicToken.Kind.RECEIPT,
            target=locked,
            office=receipt.office,
            summary={
                "doc_type": receipt.series.get_kind_display(),
                "number": receipt.number_display,
                "issued_on": timezone.localtime(receipt.collected_at).date().isoformat(),
                "office_name": receipt.office.name,
                "status": "Đã ký số",
                "amount_vnd": receipt.amount_vnd,
            },
            pdf_sha256=digest,
            token=receipt.lookup_code,
        )
        now = timezone.now()
        Receipt.objects.filter(pk=locked.pk).update(
            status=Receipt.Status.SIGNED,
            signed_at=now,
            pdf_name=name,
            pdf_sha256=digest,
            public_token=public_token,
            sign_error="",
        )
        audit_log(
            actor=None,
            action="receipts.receipt_signed",
            target=locked,
            office=receipt.office,
            before={"status": Receipt.Status.ISSUED},
            after={"status": Receipt.Status.SIGNED, "pdf_sha256": digest},
            summary=_("Ký số biên lai %(number)s") % {"number": receipt.number_display},
        )
    SIGN_TIMINGS.render += rendered_at - started
    SIGN_TIMINGS.sign += signed_at - rendered_at
    SIGN_TIMINGS.store += time.perf_counter() - signed_at
    SIGN_TIMINGS.count += 1
    receipt.refresh_from_db()
    return receipt


def _render(receipt: Receipt) -> bytes:
    from receipts.services.pdf import receipt_pdf_render

    return receipt_pdf_render(receipt_layout(receipt))


def receipt_sign_failed(*, receipt_id: int, message: str) -> None:
    """Record why signing failed (shown on the receipt's page); the receipt keeps its number."""
    Receipt.objects.filter(pk=receipt_id, signed_at__isnull=True).update(sign_error=message[:500])


# --- void ------------------------------------------------------------------------------------


@transaction.atomic
def receipt_void(
    *, actor: Any, receipt: Receipt, reason: str, replacement: Receipt | None = None
) -> Receipt:
    """Void a receipt: it keeps its number and stays in the record, with the reason and the
    link to the receipt that replaces it (TT04 Art 16; electronic status "hủy").

    Money for a creditor leaves their balance; refused when it was already paid out
    (L2008 Art 47). The public token is revoked so the QR page says "đã hủy". Writes
    ``receipts.receipt_voided``. Raises :class:`ReceiptStateError` / :class:`ReceiptError`.
    """
    from thads.documents.verification.services import public_token_revoke

    if getattr(actor, "role", "") not in RECEIPT_VOID_ROLES:
        raise ReceiptError(_("Bạn không có quyền hủy biên lai."))
    text = _text(reason, 500)
    if not text:
        raise ReceiptError(_("Cần ghi lý do hủy biên lai."))
    locked = (
        Receipt.objects.select_for_update(of=("self",))
        .select_related("series", "office")
        .get(pk=receipt.pk)
    )
    if locked.is_voided:
        raise ReceiptStateError(_("Biên lai đã bị hủy trước đó."))
    if replacement is not None:
        if replacement.pk == locked.pk:
            raise ReceiptError(_("Biên lai thay thế phải là một biên lai khác."))
        if replacement.office_id != locked.office_id or replacement.is_voided:
            raise ReceiptError(_("Biên lai thay thế phải là biên lai còn hiệu lực của đơn vị."))
    if locked.purpose == Receipt.Purpose.ENFORCEMENT_MONEY and locked.case_id is not None:
        balance = _balance_locked(
            office_id=locked.office_id, case_id=locked.case_id, creditor_name=locked.creditor_name
        )
        if balance.collected_vnd - locked.amount_vnd < balance.paid_vnd:
            raise PaymentBalanceError(
                _(
                    "Không hủy được: số tiền của biên lai đã được chi trả cho người được thi "
                    "hành án."
                )
            )
        CreditorBalance.objects.filter(pk=balance.pk).update(
            collected_vnd=F("collected_vnd") - locked.amount_vnd
        )
    before = locked.status
    locked.status = Receipt.Status.VOIDED
    locked.void_reason = text
    locked.voided_at = timezone.now()
    locked.voided_by = actor
    locked.replacement = replacement
    locked.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "replacement"])
    _office_key_lock(locked.office_id)
    if locked.public_token_id is not None:
        public_token_revoke(actor=actor, public_token=locked.public_token, reason=text)
    audit_log(
        actor=actor,
        action="receipts.receipt_voided",
        target=locked,
        office=locked.office,
        before={"status": before},
        after={
            "status": locked.status,
            "reason": text,
            "replacement_id": replacement.pk if replacement else None,
        },
        summary=_("Hủy biên lai %(number)s: %(reason)s")
        % {"number": locked.number_display, "reason": text},
    )
    return locked


# --- payments out ----------------------------------------------------------------------------


def _pending_vnd(case_id: int, creditor_name: str) -> int:
    return (
        Payment.objects.filter(
            case_id=case_id, creditor_name=creditor_name, status=Payment.Status.PROPOSED
        ).aggregate(total=Sum("amount_vnd"))["total"]
        or 0
    )


def _over_balance(available: int) -> PaymentBalanceError:
    return PaymentBalanceError(
        _("Số tiền chi vượt số dư đã thu chưa chi của người được thi hành án (%(available)s đồng).")
        % {"available": f"{max(available, 0):,}".replace(",", ".")}
    )


def payment_create(
    *,
    actor: Any,
    case: Any,
    kind: str,
    creditor_name: str,
    amount_vnd: int,
    method: str,
    idempotency_key: str,
    bank_reference: str = "",
    recipient_id_number: str = "",
    note: str = "",
) -> Payment:
    """Propose a payment out of a case's money to a creditor (or a refund), awaiting approval.

    L2008 Art 47, ND152 Art 30, TT04 Art 18: never more than the creditor's collected and
    unpaid balance, counting payments already proposed; organisations are paid by transfer
    (ND152 Art 30(5)) — the officer chooses the method, a transfer needs the account. Writes
    ``receipts.payment_proposed``. Idempotent per ``idempotency_key``. Raises
    :class:`PaymentBalanceError`, :class:`ReceiptAmountError`, :class:`ReceiptError`.
    """
    key = _text(idempotency_key, 64)
    if not key:
        raise ReceiptError(_("Thiếu khóa chống trùng của biểu mẫu; hãy tải lại trang."))
    office = actor.office
    found = Payment.objects.filter(office=office, idempotency_key=key).first()
    if found is not None:
        return found
    amount = _clean_amount(amount_vnd)
    if case.office_id != office.pk:
        raise ReceiptError(_("Hồ sơ không thuộc đơn vị của bạn."))
    if kind not in Payment.Kind.values:
        raise ReceiptError(_("Loại chi không hợp lệ."))
    if method not in Receipt.Method.values:
        raise ReceiptError(_("Hình thức chi không hợp lệ."))
    reference = _text(bank_reference, 100)
    if method == Receipt.Method.TRANSFER and not reference:
        raise ReceiptError(_("Chi chuyển khoản phải ghi tài khoản hoặc số tham chiếu."))
    creditor = _text(creditor_name, 200)
    if not creditor:
        raise ReceiptError(_("Hãy chọn người nhận tiền."))
    try:
        with transaction.atomic():
            balance = _balance_locked(office_id=office.pk, case_id=case.pk, creditor_name=creditor)
            available = balance.collected_vnd - balance.paid_vnd - _pending_vnd(case.pk, creditor)
            if amount > available:
                raise _over_balance(available)
            payment = Payment.objects.create(
                office=office,
                case=case,
                kind=kind,
                creditor_name=creditor,
                recipient_id_number=_text(recipient_id_number, 20),
                amount_vnd=amount,
                method=method,
                bank_reference=reference,
                note=_text(note, 500),
                idempotency_key=key,
                created_by=actor,
            )
            _office_key_lock(office.pk)
            audit_log(
                actor=actor,
                action="receipts.payment_proposed",
                target=payment,
                office=office,
                after={
                    "case_id": case.pk,
                    "kind": kind,
                    "creditor": creditor,
                    "amount_vnd": amount,
                    "method": method,
                },
                summary=_("Đề nghị chi %(amount)s đồng cho %(creditor)s")
                % {"amount": f"{amount:,}".replace(",", "."), "creditor": creditor},
            )
    except IntegrityError:
        found = Payment.objects.filter(office=office, idempotency_key=key).first()
        if found is None:
            raise
        return found
    return payment


@transaction.atomic
def payment_approve(*, actor: Any, payment: Payment) -> Payment:
    """Approve a proposed payment out (the office head: L2008 Art 47; TT04 Art 18).

    Re-checks under the creditor balance's row lock that the payment stays within what was
    collected; the database constraint ``creditorbalance_paid_within_collected`` is the
    backstop. Writes ``receipts.payment_approved``. Raises :class:`PaymentStateError`,
    :class:`PaymentBalanceError`, :class:`ReceiptError` (not the head).
    """
    if getattr(actor, "role", "") not in PAYMENT_APPROVE_ROLES:
        raise ReceiptError(_("Chỉ Thủ trưởng cơ quan thi hành án được duyệt chi."))
    locked = Payment.objects.select_for_update(of=("self",)).get(pk=payment.pk)
    if locked.status != Payment.Status.PROPOSED:
        raise PaymentStateError(_("Khoản chi này không còn chờ duyệt."))
    balance = _balance_locked(
        office_id=locked.office_id, case_id=locked.case_id, creditor_name=locked.creditor_name
    )
    available = balance.collected_vnd - balance.paid_vnd
    if locked.amount_vnd > available:
        raise _over_balance(available)
    CreditorBalance.objects.filter(pk=balance.pk).update(paid_vnd=F("paid_vnd") + locked.amount_vnd)
    locked.status = Payment.Status.APPROVED
    locked.approved_by = actor
    locked.approved_at = timezone.now()
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    _office_key_lock(locked.office_id)
    audit_log(
        actor=actor,
        action="receipts.payment_approved",
        target=locked,
        office=locked.office,
        before={"status": Payment.Status.PROPOSED},
        after={"status": locked.status, "amount_vnd": locked.amount_vnd},
        summary=_("Duyệt chi %(amount)s đồng cho %(creditor)s")
        % {"amount": f"{locked.amount_vnd:,}".replace(",", "."), "creditor": locked.creditor_name},
    )
    return locked


# --- daily statement -------------------------------------------------------------------------


def daily_statement_make(*, office: Office, day: dt.date) -> DailyStatement:
    """Make (once) the office's signed statement of the receipts collected on ``day``.

    Issue 6 §7 and TT04 Art 16 (usage reports reconcile issued = valid + voided): counts per
    series, the series' gap and hash-chain check for the year, the total of valid receipts; a
    PDF signed with the office key. The database refuses a statement where issued differs from
    valid + voided. Idempotent per (office, day). Writes ``receipts.daily_statement_made``.
    Raises ``SigningError``.
    """
    from django.db.models import Count
    from django.db.models import Q

    from receipts.selectors.money import receipt_series_check
    from receipts.services.pdf import daily_statement_pdf_render
    from thads.documents.signing import sign_pdf

    existing = DailyStatement.objects.filter(office=office, day=day).first()
    if existing is not None:
        return existing
    rows = (
        Receipt.objects.filter(office=office, collected_at__date=day)
        .values("series__symbol")
        .annotate(
            issued=Count("pk"),
            voided=Count("pk", filter=Q(status=Receipt.Status.VOIDED)),
            total=Sum("amount_vnd", filter=~Q(status=Receipt.Status.VOIDED)),
        )
        .order_by("series__symbol")
    )
    checks = {c.symbol: c for c in receipt_series_check(office_id=office.pk, year=day.year)}
    detail = []
    lines = []
    for row in rows:
        check = checks.get(row["series__symbol"])
        gaps = list(check.gaps) if check else []
        chain_ok = not (check and check.chain_broken_at)
        detail.append(
            {
                "symbol": row["series__symbol"],
                "issued": row["issued"],
                "valid": row["issued"] - row["voided"],
                "voided": row["voided"],
                "total_vnd": row["total"] or 0,
                "gaps": gaps,
                "chain_ok": chain_ok,
            }
        )
        note = "không" if not gaps else ", ".join(str(n) for n in gaps[:10])
        note += " / liền mạch" if chain_ok else " / BỊ ĐỨT"
        lines.append(
            (
                row["series__symbol"],
                row["issued"],
                row["issued"] - row["voided"],
                row["voided"],
                note,
            )
        )
    issued = sum(d["issued"] for d in detail)
    voided = sum(d["voided"] for d in detail)
    total = sum(d["total_vnd"] for d in detail)
    pdf = daily_statement_pdf_render(
        agency=office.name,
        day=day,
        rows=lines,
        total=f"{total:,}".replace(",", ".") + " đồng",
    )
    signed = sign_pdf(
        pdf_bytes=pdf,
        office_code=office.code,
        office_name=office.name,
        reason=f"Bảng kê biên lai ngày {day:%d/%m/%Y}",
        location="",
        signer_name=office.name,
    )
    name, digest = store_content_addressed(SIGNED_DIR, signed)
    try:
        with transaction.atomic():
            statement = DailyStatement.objects.create(
                office=office,
                day=day,
                issued=issued,
                valid=issued - voided,
                voided=voided,
                total_vnd=total,
                detail=detail,
                chain_ok=all(d["chain_ok"] for d in detail),
                pdf_name=name,
                pdf_sha256=digest,
            )
            _office_key_lock(office.pk)
            audit_log(
                actor=None,
                action="receipts.daily_statement_made",
                target=statement,
                office=office,
                after={"day": day, "issued": issued, "voided": voided, "pdf_sha256": digest},
                summary=_("Bảng kê biên lai ngày %(day)s: %(issued)s biên lai, %(voided)s đã hủy")
                % {"day": f"{day:%d/%m/%Y}", "issued": issued, "voided": voided},
            )
    except IntegrityError:
        return DailyStatement.objects.get(office=office, day=day)
    return statement
