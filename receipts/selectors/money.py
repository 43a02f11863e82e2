"""Reads of the money side: receipts, payments, the case ledger, series checks, public lookup.

Scope (style.md 2.7): staff see the receipts and payments of the offices in their scope
(``thads.org.selectors.scope_queryset``); anything else is 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.utils import timezone

from receipts.models import GENESIS_HASH
from receipts.models import CreditorBalance
from receipts.models import Payment
from receipts.models import Receipt
from receipts.models import ReceiptSeries
from thads.numbering.selectors import number_check
from thads.numbering.selectors import number_sequence_last
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import scope_queryset

__all__ = [
    "CaseLedger",
    "ChainPosition",
    "LedgerCreditor",
    "LedgerDue",
    "SeriesCheck",
    "case_ledger",
    "mask_id_number",
    "mask_name",
    "offices_with_receipts_on",
    "payment_get_for_user",
    "payment_list_for_user",
    "receipt_chain_position",
    "receipt_get_for_user",
    "receipt_list_for_user",
    "receipt_public_find",
    "receipt_public_lookup",
    "receipt_series_check",
    "receipts_unsigned",
]


def receipt_list_for_user(
    *,
    actor: Any,
    status: str = "",
    purpose: str = "",
    search: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    case_id: int | None = None,
) -> QuerySet[Receipt]:
    """Receipts of the actor's scope, newest first, with series, office and case loaded."""
    qs = scope_queryset(Receipt.objects.all(), actor=actor).select_related(
        "series", "office", "case"
    )
    if status:
        qs = qs.filter(status=status)
    if purpose:
        qs = qs.filter(purpose=purpose)
    if case_id:
        qs = qs.filter(case_id=case_id)
    if date_from:
        qs = qs.filter(collected_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(collected_at__date__lte=date_to)
    search = search.strip()
    if search:
        condition = Q(payer_name__icontains=search) | Q(case__number__icontains=search)
        if search.isdigit():
            condition |= Q(number=int(search))
        qs = qs.filter(condition)
    return qs.order_by("-collected_at", "-pk")


def receipt_get_for_user(*, actor: Any, pk: int) -> Receipt:
    """One receipt of the actor's scope (404 otherwise), with its relations loaded."""
    return get_in_scope_or_404(
        Receipt.objects.select_related(
            "series",
            "office",
            "case",
            "collector",
            "approver",
            "voided_by",
            "replacement",
            "replacement__series",
        ),
        actor=actor,
        pk=pk,
    )


def receipts_unsigned(*, older_than: dt.datetime) -> list[int]:
    """Ids of receipts still waiting for a signature since before ``older_than`` (sweeper)."""
    return list(
        Receipt.objects.filter(
            signed_at__isnull=True, status=Receipt.Status.ISSUED, created_at__lt=older_than
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )


def offices_with_receipts_on(*, day: dt.date) -> list[Any]:
    """Offices that collected at least one receipt on ``day`` (for the daily statements)."""
    from thads.org.models import Office

    ids = Receipt.objects.filter(collected_at__date=day).values("office_id")
    return list(Office.objects.filter(pk__in=ids).order_by("code"))


def payment_list_for_user(*, actor: Any, status: str = "") -> QuerySet[Payment]:
    """Payments out of the actor's scope, newest first."""
    qs = scope_queryset(Payment.objects.all(), actor=actor).select_related(
        "case", "office", "created_by", "approved_by"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def payment_get_for_user(*, actor: Any, pk: int) -> Payment:
    """One payment of the actor's scope (404 otherwise)."""
    return get_in_scope_or_404(
        Payment.objects.select_related("case", "office", "created_by", "approved_by"),
        actor=actor,
        pk=pk,
    )


# --- the case ledger ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerDue:
    """One sum due on the case: an obligation, or the enforcement fee."""

    label: str
    creditor_name: str
    amount_vnd: int


@dataclass(frozen=True)
class LedgerCreditor:
    """Money of one creditor: due, collected, paid out, held (collected − paid)."""

    creditor_name: str
    due_vnd: int
    collected_vnd: int
    paid_vnd: int
    pending_vnd: int

    @property
    def held_vnd(self) -> int:
        return self.collected_vnd - self.paid_vnd

    @property
    def outstanding_vnd(self) -> int:
        return max(self.due_vnd - self.collected_vnd, 0)


@dataclass(frozen=True)
class CaseLedger:
    """The money of one case (issue 6 §5): sums due, collected, paid out and held."""

    case_id: int
    dues: tuple[LedgerDue, ...]
    creditors: tuple[LedgerCreditor, ...]
    other_collected_vnd: int
    fee_due_vnd: int
    fee_collected_vnd: int
    receipt_count: int
    voided_count: int

    @property
    def due_vnd(self) -> int:
        return sum(d.amount_vnd for d in self.dues)

    @property
    def collected_vnd(self) -> int:
        return sum(c.collected_vnd for c in self.creditors) + self.other_collected_vnd

    @property
    def paid_vnd(self) -> int:
        return sum(c.paid_vnd for c in self.creditors)

    @property
    def held_vnd(self) -> int:
        return sum(c.held_vnd for c in self.creditors)


MONEY_KINDS = frozenset({"money", "periodic_money"})


def case_ledger(*, case: Any, on: dt.date | None = None) -> CaseLedger:
    """The ledger of ``case`` (loaded through ``enforcement.selectors.case_get_for_user``).

    Due: the case's money obligations (from enforcement) and the enforcement fee on what was
    collected for creditors (TT 216/2016/TT-BTC Art 4, the schedule in force on ``on``).
    Collected and paid out come from ``CreditorBalance``; proposed payments are shown apart.
    """
    from receipts.services.money import enforcement_fee

    on = on or timezone.localdate()
    dues: list[LedgerDue] = []
    due_by_creditor: dict[str, int] = {}
    default_creditor = getattr(case, "creditor_name", "") or ""
    for obligation in case.obligations.all():
        if obligation.amount_vnd <= 0:
            continue
        creditor = obligation.creditor_name or (
            default_creditor if obligation.kind in MONEY_KINDS else ""
        )
        dues.append(
            LedgerDue(
                label=obligation.get_kind_display(),
                creditor_name=creditor,
                amount_vnd=obligation.amount_vnd,
            )
        )
        if obligation.kind in MONEY_KINDS and creditor:
            due_by_creditor[creditor] = due_by_creditor.get(creditor, 0) + obligation.amount_vnd
    balances = {b.creditor_name: b for b in CreditorBalance.objects.filter(case_id=case.pk)}
    pending = dict(
        Payment.objects.filter(case_id=case.pk, status=Payment.Status.PROPOSED)
        .values_list("creditor_name")
        .annotate(total=Sum("amount_vnd"))
        .values_list("creditor_name", "total")
    )
    creditors = []
    for name in sorted(set(due_by_creditor) | set(balances)):
        balance = balances.get(name)
        creditors.append(
            LedgerCreditor(
                creditor_name=name,
                due_vnd=due_by_creditor.get(name, 0),
                collected_vnd=balance.collected_vnd if balance else 0,
                paid_vnd=balance.paid_vnd if balance else 0,
                pending_vnd=pending.get(name, 0),
            )
        )
    sums = Receipt.objects.filter(case_id=case.pk).aggregate(
        total=Count("pk"),
        voided=Count("pk", filter=Q(status=Receipt.Status.VOIDED)),
        fee=Sum(
            "amount_vnd",
            filter=Q(purpose=Receipt.Purpose.ENFORCEMENT_FEE) & ~Q(status=Receipt.Status.VOIDED),
        ),
        other=Sum(
            "amount_vnd",
            filter=~Q(purpose=Receipt.Purpose.ENFORCEMENT_MONEY) & ~Q(status=Receipt.Status.VOIDED),
        ),
    )
    collected_for_creditors = sum(c.collected_vnd for c in creditors)
    fee_due = enforcement_fee(amount_vnd=collected_for_creditors, on=on)
    if fee_due:
        dues.append(LedgerDue(label="Phí thi hành án", creditor_name="", amount_vnd=fee_due))
    return CaseLedger(
        case_id=case.pk,
        dues=tuple(dues),
        creditors=tuple(creditors),
        other_collected_vnd=sums["other"] or 0,
        fee_due_vnd=fee_due,
        fee_collected_vnd=sums["fee"] or 0,
        receipt_count=sums["total"],
        voided_count=sums["voided"],
    )


# --- series checks and the chain ---------------------------------------------------------------


@dataclass(frozen=True)
class SeriesCheck:
    """What ``receipts_check`` found in one series."""

    symbol: str
    kind: str
    issued: int
    voided: int
    gaps: tuple[int, ...]
    duplicates: tuple[int, ...]
    beyond_counter: tuple[int, ...]
    chain_broken_at: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return not (self.gaps or self.duplicates or self.beyond_counter or self.chain_broken_at)

    def as_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "kind": self.kind,
            "issued": self.issued,
            "voided": self.voided,
            "gaps": list(self.gaps),
            "duplicates": list(self.duplicates),
            "beyond_counter": list(self.beyond_counter),
            "chain_ok": not self.chain_broken_at,
            "chain_broken_at": list(self.chain_broken_at),
        }


def _chain_breaks(series: ReceiptSeries, receipts: list[Receipt]) -> list[int]:
    from receipts.services.money import receipt_hash

    breaks = []
    previous = GENESIS_HASH
    expected_number = 1
    for receipt in receipts:
        recomputed = receipt_hash(receipt, office_code=series.office.code, symbol=series.symbol)
        if (
            receipt.number != expected_number
            or receipt.prev_hash != previous
            or receipt.hash != recomputed
        ):
            breaks.append(receipt.number)
        previous = receipt.hash
        expected_number = receipt.number + 1
    return breaks


def receipt_series_check(*, office_id: int, year: int) -> list[SeriesCheck]:
    """Check every series of an office and year: gaps, duplicates, numbers above the counter
    (``thads.numbering.selectors.number_check``) and the hash chain (TT04 Arts 13–16)."""
    results = []
    for series in ReceiptSeries.objects.filter(office_id=office_id, year=year).select_related(
        "office"
    ):
        receipts = list(
            Receipt.objects.filter(series=series)
            .order_by("number", "pk")
            .only(
                "number",
                "status",
                "prev_hash",
                "hash",
                "year",
                "case_id",
                "creditor_name",
                "payer_name",
                "payer_id_number",
                "purpose",
                "amount_vnd",
                "method",
                "bank_reference",
                "collected_at",
                "collector_id",
                "lookup_code",
            )
        )
        last = number_sequence_last(office=office_id, series=series.counter_key, year=year)
        check = number_check(numbers=[r.number for r in receipts], last_number=last)
        results.append(
            SeriesCheck(
                symbol=series.symbol,
                kind=series.kind,
                issued=len(receipts),
                voided=sum(1 for r in receipts if r.status == Receipt.Status.VOIDED),
                gaps=check.gaps,
                duplicates=check.duplicates,
                beyond_counter=check.beyond_counter,
                chain_broken_at=tuple(_chain_breaks(series, receipts)),
            )
        )
    return results


@dataclass(frozen=True)
class ChainPosition:
    """A receipt's place in its series chain, as the public page shows it."""

    number: int
    issued_in_series: int
    linked_to_previous: bool
    linked_to_next: bool | None  # None: the latest receipt of the series

    @property
    def unbroken(self) -> bool:
        return self.linked_to_previous and self.linked_to_next is not False


def receipt_chain_position(*, receipt: Receipt) -> ChainPosition:
    """Check the receipt's own hash and its links to its neighbours in the series."""
    from receipts.services.money import receipt_hash

    neighbours = {
        r.number: r
        for r in Receipt.objects.filter(
            series_id=receipt.series_id, number__in=[receipt.number - 1, receipt.number + 1]
        ).only("number", "hash", "prev_hash")
    }
    previous = neighbours.get(receipt.number - 1)
    expected_prev = previous.hash if previous else GENESIS_HASH
    own_ok = receipt.hash == receipt_hash(
        receipt, office_code=receipt.office.code, symbol=receipt.series.symbol
    )
    following = neighbours.get(receipt.number + 1)
    return ChainPosition(
        number=receipt.number,
        issued_in_series=Receipt.objects.filter(series_id=receipt.series_id).count(),
        linked_to_previous=own_ok
        and receipt.prev_hash == expected_prev
        and (previous is not None or receipt.number == 1),
        linked_to_next=None if following is None else following.prev_hash == receipt.hash,
    )


# --- public lookup -----------------------------------------------------------------------------


def _public_qs() -> QuerySet[Receipt]:
    return Receipt.objects.select_related("series", "office", "public_token", "replacement")


def receipt_public_lookup(*, token: str) -> Receipt | None:
    """The receipt whose printed lookup code (QR) is ``token``; None when there is none."""
    from thads.documents.verification.services import TOKEN_PATTERN

    if not TOKEN_PATTERN.match(token or ""):
        return None
    return _public_qs().filter(lookup_code=token).first()


def receipt_public_find(*, symbol: str, number: int, amount_vnd: int) -> Receipt | None:
    """A receipt found by series symbol, number and exact amount (all three must match)."""
    symbol = symbol.strip().upper()
    if not symbol or number < 1 or amount_vnd < 1:
        return None
    return (
        _public_qs()
        .filter(series__symbol__iexact=symbol, number=number, amount_vnd=amount_vnd)
        .order_by("-year")
        .first()
    )


def mask_name(name: str) -> str:
    """Mask a person's name for a public page: "Nguyễn Văn An" -> "Nguyễn V*** A**"."""
    words = name.split()
    if not words:
        return ""
    return " ".join([words[0], *[w[0] + "*" * max(len(w), 2) for w in words[1:]]])


def mask_id_number(number: str) -> str:
    """Mask an ID number, keeping the last three digits: "001090012345" -> "*********345"."""
    number = number.strip()
    if not number:
        return ""
    keep = 3 if len(number) > 6 else 1
    return "*" * (len(number) - keep) + number[-keep:]
