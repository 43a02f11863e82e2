"""Read the counters and check issued numbers for gaps and duplicates (receipts_check reuses)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from thads.numbering.models import NumberSequence
from thads.numbering.types import NumberCheck
from thads.org.models import Office


def number_sequence_last(*, office: Office | int, series: str, year: int) -> int:
    """The last number issued in the series (0 when none was issued yet); takes no lock."""
    office_id = office if isinstance(office, int) else office.pk
    last = (
        NumberSequence.objects.filter(office_id=office_id, series=series, year=year)
        .values_list("last_number", flat=True)
        .first()
    )
    return last or 0


def number_sequence_gaps(*, numbers: Iterable[int], last_number: int | None = None) -> list[int]:
    """The numbers missing from 1 up to the highest issued one (or ``last_number``), ascending.

    ``last_number`` is the counter's value: numbers it handed out that no document holds are
    gaps too.
    """
    present = set(numbers)
    highest = max(present, default=0)
    if last_number is not None:
        highest = max(highest, last_number)
    return [n for n in range(1, highest + 1) if n not in present]


def number_check(*, numbers: Iterable[int], last_number: int | None = None) -> NumberCheck:
    """Check the issued numbers of one series: gaps, duplicates, numbers above the counter.

    ``numbers``: the number of every document of the series (voided ones included: they keep
    their number). ``last_number``: the counter's value, when known.
    """
    issued = list(numbers)
    counts = Counter(issued)
    beyond = () if last_number is None else tuple(sorted(n for n in counts if n > last_number))
    return NumberCheck(
        count=len(issued),
        highest=max(counts, default=0),
        gaps=tuple(number_sequence_gaps(numbers=counts, last_number=last_number)),
        duplicates=tuple(sorted(n for n, c in counts.items() if c > 1)),
        beyond_counter=beyond,
    )


def format_document_number(number: int, series: str) -> str:
    """Write a document number with its series: ``(123, "QĐ-THADS")`` -> ``"123/QĐ-THADS"``."""
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ValueError(f"format_document_number(): số không hợp lệ: {number!r}.")
    return f"{number}/{series}"
