"""Schedule of court fees (án phí) as data, for the fee cross-check.

Legal basis: Nghị quyết 326/2016/UBTVQH14 ngày 30/12/2016 của Ủy ban Thường vụ Quốc hội quy định
về mức thu, miễn, giảm, thu, nộp, quản lý và sử dụng án phí và lệ phí Tòa án, Danh mục án phí
(in force 01/01/2017). **[?]**: domain.md does not record this schedule; the figures below were
written from the resolution's annex as commonly quoted and must be checked against the official
text before any check built on them blocks a user. That is why the fee cross-check only warns.

Each row is valid from ``valid_from`` to ``valid_to`` (None: still in force), so a later
resolution is added as new rows, never by editing these: the judgment's date picks the rows.
Amounts are integers of đồng; a percentage band is ``base + rate_ppm * (value - over) / 10^6``
(rates in parts per million keep the arithmetic in integers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LEGAL_BASIS = "Nghị quyết 326/2016/UBTVQH14, Danh mục án phí, lệ phí Tòa án [?]"
NQ326_FROM = dt.date(2017, 1, 1)


@dataclass(frozen=True)
class FixedFee:
    """A fixed fee: ``kind`` is "criminal_first", "criminal_appeal", "civil_no_value",
    "commercial_no_value", "labour_no_value", "administrative_first", "civil_appeal",
    "non_contentious_first" (lệ phí giải quyết việc dân sự sơ thẩm)."""

    kind: str
    amount_vnd: int
    valid_from: dt.date
    valid_to: dt.date | None
    basis: str


@dataclass(frozen=True)
class Band:
    """One band of the fee on a claim with a money value (first instance)."""

    case_type: str  # "DS" (civil and family), "KDTM", "LD"
    up_to: int | None  # upper bound of the value (inclusive); None: no bound
    base: int
    rate_ppm: int
    over: int
    valid_from: dt.date
    valid_to: dt.date | None
    basis: str


_B = "NQ 326/2016/UBTVQH14, Danh mục án phí, mục II.1 [?]"
FIXED_FEES: tuple[FixedFee, ...] = (
    FixedFee("criminal_first", 200_000, NQ326_FROM, None, "NQ 326/2016, Danh mục I.1 [?]"),
    FixedFee("criminal_appeal", 200_000, NQ326_FROM, None, "NQ 326/2016, Danh mục I.2 [?]"),
    FixedFee("civil_no_value", 300_000, NQ326_FROM, None, "NQ 326/2016, Danh mục II.1.1 [?]"),
    FixedFee("labour_no_value", 300_000, NQ326_FROM, None, "NQ 326/2016, Danh mục II.1.1 [?]"),
    FixedFee(
        "commercial_no_value", 3_000_000, NQ326_FROM, None, "NQ 326/2016, Danh mục II.1.2 [?]"
    ),
    FixedFee("administrative_first", 300_000, NQ326_FROM, None, "NQ 326/2016, Danh mục III [?]"),
    FixedFee("civil_appeal", 300_000, NQ326_FROM, None, "NQ 326/2016, Danh mục II.2 [?]"),
    FixedFee("non_contentious_first", 300_000, NQ326_FROM, None, "NQ 326/2016, Lệ phí [?]"),
)

BANDS: tuple[Band, ...] = (
    # Civil and family disputes with a money value.
    Band("DS", 6_000_000, 300_000, 0, 0, NQ326_FROM, None, _B),
    Band("DS", 400_000_000, 0, 50_000, 0, NQ326_FROM, None, _B),
    Band("DS", 800_000_000, 20_000_000, 40_000, 400_000_000, NQ326_FROM, None, _B),
    Band("DS", 2_000_000_000, 36_000_000, 30_000, 800_000_000, NQ326_FROM, None, _B),
    Band("DS", 4_000_000_000, 72_000_000, 20_000, 2_000_000_000, NQ326_FROM, None, _B),
    Band("DS", None, 112_000_000, 1_000, 4_000_000_000, NQ326_FROM, None, _B),
    # Business and commercial disputes with a money value.
    Band("KDTM", 60_000_000, 3_000_000, 0, 0, NQ326_FROM, None, _B),
    Band("KDTM", 400_000_000, 0, 50_000, 0, NQ326_FROM, None, _B),
    Band("KDTM", 800_000_000, 20_000_000, 40_000, 400_000_000, NQ326_FROM, None, _B),
    Band("KDTM", 2_000_000_000, 36_000_000, 30_000, 800_000_000, NQ326_FROM, None, _B),
    Band("KDTM", 4_000_000_000, 72_000_000, 20_000, 2_000_000_000, NQ326_FROM, None, _B),
    Band("KDTM", None, 112_000_000, 1_000, 4_000_000_000, NQ326_FROM, None, _B),
    # Labour disputes with a money value.
    Band("LD", 6_000_000, 300_000, 0, 0, NQ326_FROM, None, _B),
    Band("LD", 400_000_000, 0, 30_000, 0, NQ326_FROM, None, _B),
    Band("LD", 2_000_000_000, 12_000_000, 20_000, 400_000_000, NQ326_FROM, None, _B),
    Band("LD", None, 44_000_000, 1_000, 2_000_000_000, NQ326_FROM, None, _B),
)
#: Settlement recognised before the hearing: half the fee (NQ 326/2016 Art 27(?)) [?].
SETTLEMENT_RATIO = (1, 2)


def _valid(valid_from: dt.date, valid_to: dt.date | None, on: dt.date | None) -> bool:
    if on is None:
        return valid_to is None
    return valid_from <= on and (valid_to is None or on <= valid_to)


def fixed_fee(kind: str, *, on: dt.date | None = None) -> FixedFee | None:
    """The fixed fee of ``kind`` in force ``on`` (the judgment date); None if none is."""
    for fee in FIXED_FEES:
        if fee.kind == kind and _valid(fee.valid_from, fee.valid_to, on):
            return fee
    return None


def value_fee(case_type: str, value: int, *, on: dt.date | None = None) -> int | None:
    """First-instance fee on a claim of ``value`` đồng for ``case_type`` ("DS", "HNGD" read as
    "DS", "KDTM", "LD"), in force ``on``; None when the schedule has no band for it."""
    schedule_type = "DS" if case_type in ("DS", "HNGD") else case_type
    for band in BANDS:
        if band.case_type != schedule_type or not _valid(band.valid_from, band.valid_to, on):
            continue
        if band.up_to is None or value <= band.up_to:
            return band.base + (band.rate_ppm * (value - band.over) + 500_000) // 1_000_000
    return None
