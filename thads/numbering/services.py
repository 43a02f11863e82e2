"""Issue the next number of a series, gaplessly, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db import transaction
from django.utils import timezone

from thads.numbering.models import NumberSequence
from thads.org.models import Office

NOT_IN_TRANSACTION = (
    "number_next() phải được gọi bên trong transaction.atomic() của bên gọi: số cấp ra, văn bản "
    "mang số đó và các bút toán phải cùng một giao dịch, nếu không một giao dịch bị hủy sẽ để "
    "lại số bị bỏ trống."
)


#: One statement takes the next number: the UPDATE locks the counter row until the caller's
#: transaction ends (a concurrent issuer waits, then increments the committed value: PostgreSQL
#: re-reads the updated row) and RETURNING hands back the new value, with no SELECT … FOR UPDATE
#: round trip before it.
_TAKE_SQL = (
    f"UPDATE {NumberSequence._meta.db_table} "  # noqa: S608 - the model's table, not input
    "SET last_number = last_number + 1, updated_at = %s "
    "WHERE office_id = %s AND series = %s AND year = %s RETURNING last_number"
)


def number_next(*, office: Office | int, series: str, year: int) -> int:
    """Take the next number of ``series`` for ``office`` in ``year`` and return it (1, 2, 3…).

    Legal basis: TT04/2023 Arts 13–16 (receipt numbers strictly ascending, never reused, from 1
    each year for e-receipts); the same rule serves decision numbers.

    Must run inside the caller's ``transaction.atomic()``, which also stores the numbered
    document: the counter row stays locked until that transaction ends, so concurrent issuers
    of the same series queue and a rollback returns the number. One ``UPDATE … RETURNING``
    takes the row lock and the number in a single round trip; only that row is locked, never
    the office it points to.
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
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_TAKE_SQL, [now, office_id, series, year])
        row = cursor.fetchone()
        if row is None:
            NumberSequence.objects.bulk_create(
                [NumberSequence(office_id=office_id, series=series, year=year)],
                ignore_conflicts=True,
            )
            cursor.execute(_TAKE_SQL, [now, office_id, series, year])
            row = cursor.fetchone()
    return row[0]


def number_next_and_read(
    *, office: Office | int, series: str, year: int, sql: str, params: list[Any]
) -> tuple[int, tuple[Any, ...] | None]:
    """:func:`number_next`, and in the same round trip a read that needs the counter's lock:
    ``(number, first row of sql)``.

    On PostgreSQL the two statements go in one pipeline. The server runs them in order in one
    backend, so the read starts only once the ``UPDATE`` holds the row lock. Under READ
    COMMITTED its snapshot is taken at that moment, so it sees everything the previous holder
    committed (e.g. the last receipt of the series, whose hash the next one chains to).
    On a counter's first use (no row to lock yet), or without pipeline support, it falls back
    to ``number_next`` and then the read.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(NOT_IN_TRANSACTION)
    connection.ensure_connection()
    raw = connection.connection
    if (
        connection.vendor == "postgresql"
        and hasattr(raw, "pipeline")
        and isinstance(series, str)
        and series.strip()
        and not isinstance(year, bool)
        and isinstance(year, int)
        and 1 <= year <= 9999
    ):
        office_id = office if isinstance(office, int) else office.pk
        with connection.cursor() as taking, connection.cursor() as reading:
            with connection.wrap_database_errors, raw.pipeline():
                taking.execute(_TAKE_SQL, [timezone.now(), office_id, series, year])
                reading.execute(sql, params)
            taken = taking.fetchone()
            if taken is not None:
                return taken[0], reading.fetchone()
    number = number_next(office=office, series=series, year=year)
    with connection.cursor() as reading:
        reading.execute(sql, params)
        return number, reading.fetchone()
