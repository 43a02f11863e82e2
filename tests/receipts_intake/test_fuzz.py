"""Property tests: the statement reader and the prefill never fail with an undeclared
exception, whatever the bytes or the OCR words (quality.md S3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from receipts.prefill import extract_fields
from receipts.prefill.extract import words_to_amount
from receipts.reconciliation import StatementFileError
from receipts.reconciliation import parse_amount
from receipts.reconciliation import parse_statement
from receipts.vietqr import crc_ok
from receipts.vietqr import parse_tlv
from receipts.vietqr import vietqr_payload
from thads.money import vnd_in_words

CELLS = st.sampled_from(
    ["05/10/2026", "2026-10-05", "31/02/2026", "1.500.000", "-20,000", "abc", "", "=1+1", "Nợ"]
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_statement_reader_on_any_bytes(data):
    try:
        parsed = parse_statement(data)
    except StatementFileError:
        return
    assert all(line.amount_vnd > 0 for line in parsed.lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), max_size=20))
def test_statement_reader_on_csv_like_rows(rows):
    text = "Ngày giao dịch,Ghi có,Ghi nợ,Nội dung\n" + "\n".join(",".join(r) for r in rows)
    parsed = parse_statement(text.encode())
    assert len(parsed.lines) + len(parsed.errors) <= len(rows)
    assert all(error.message.startswith(f"Dòng {error.line}: ") for error in parsed.errors)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_parse_amount_never_raises(text):
    value = parse_amount(text)
    assert value is None or isinstance(value, int)


@dataclass(frozen=True)
class Page:
    number: int
    words: list[list[Any]]
    width_px: int = 1000
    height_px: int = 800


WORD = st.tuples(
    st.text(min_size=1, max_size=12),
    st.integers(-1, 100),
    st.integers(0, 999),
    st.integers(0, 799),
    st.integers(0, 200),
    st.integers(0, 60),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, 10),
).map(list)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, max_size=60))
def test_prefill_on_any_words(words):
    doc_type, fields = extract_fields([Page(1, words)])
    assert doc_type in ("", "transfer_slip", "payment_order", "cash_record")
    for field in fields.values():
        assert 0.0 <= field.confidence <= 1.0


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**12))
def test_words_round_trip(amount):
    assert words_to_amount(vnd_in_words(amount)) == amount


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.from_regex(r"[0-9A-Za-z]{1,19}", fullmatch=True),
    st.one_of(st.none(), st.integers(1, 10**13)),
    st.text(max_size=60),
)
def test_payload_always_parses_back_with_a_good_crc(bank_bin, account, amount, content):
    payload = vietqr_payload(
        bank_bin=bank_bin, account_number=account, amount_vnd=amount, content=content
    )
    assert crc_ok(payload)
    top = parse_tlv(payload)
    assert top.get("54") == (str(amount) if amount else None)
