"""Issue the next number of a series, gaplessly, inside the caller's transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from thads.numbering.locks import number_sequence_qs_select_for_update
from thads.numbering.models import NumberSequence
from thads.org.models import Office

NOT_IN_TRANSACTION = (
    "number_next() phải được gọi bên trong transaction.atomic() của bên gọi: số cấp ra, văn bản "
    "mang số đó và các bút toán phải cùng một giao dịch, nếu không một giao dịch bị hủy sẽ để "
    "lại số bị bỏ trống."
)


def number_next(*, office: Office | int, series: str, year: int) -> int:
    """Take the next number of ``series`` for ``office`` in ``year`` and return it (1, 2, 3…).

    Legal basis: TT04/2023 Arts 13–16 (receipt numbers strictly ascending, never reused, from 1
    each year for e-receipts); the same rule serves decision numbers.

    Must run inside the caller's ``transaction.atomic()``, which also stores the numbered
    document: the counter row stays locked (``SELECT … FOR UPDATE``) until that transaction
    ends, so concurrent issuers of the same series queue and a rollback returns the number.
    The counter row is created on first use with ``INSERT … ON CONFLICT DO NOTHING``, which is
    safe when two transactions create it at once.

    Raises ``RuntimeError`` outside a transaction and ``ValueError`` for a blank series or a
    year outside 1..9999.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(NOT_IN_TRANSACTION)
    if not isinstance(series, str) or not series.strip():
        raise ValueError("number_next(): ký hiệu dãy số (series) không được để trống.")
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise ValueError(f"number_next(): năm không hợp lệ: {year!r}.")
    office_id = office if isinstance(office, int) else office.pk
    key = {"office_id": office_id, "series": series, "year": year}

    locked = number_sequence_qs_select_for_update().filter(**key)
    row = locked.values_list("pk", "last_number").first()
    if row is None:
        NumberSequence.objects.bulk_create([NumberSequence(**key)], ignore_conflicts=True)
        row = locked.values_list("pk", "last_number").get()
    pk, last_number = row
    NumberSequence.objects.filter(pk=pk).update(
        last_number=F("last_number") + 1, updated_at=timezone.now()
    )
    return last_number + 1
