"""VND formatting and parsing: exact strings, exact Vietnamese error messages."""

from decimal import Decimal

import pytest

from thads.money import MAX_VND
from thads.money import AmountError
from thads.money import format_vnd
from thads.money import parse_vnd

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0 đ"),
        (105, "105 đ"),
        (2025, "2.025 đ"),
        (1_250_000, "1.250.000 đ"),
        (10**12, "1.000.000.000.000 đ"),
        (MAX_VND, "1.000.000.000.000.000 đ"),
        (-5000, "-5.000 đ"),
        (Decimal("1250000"), "1.250.000 đ"),
    ],
)
def test_format_vnd(amount, expected):
    assert format_vnd(amount) == expected.replace(" ", NBSP)


def test_format_vnd_uses_a_non_breaking_space():
    assert format_vnd(1_250_000) == "1.250.000\u00a0đ"


@pytest.mark.parametrize("amount", [1.5, 1250000.0, True, "1250000", Decimal("1.5"), None])
def test_format_vnd_refuses_what_is_not_a_whole_number(amount):
    with pytest.raises(TypeError):
        format_vnd(amount)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250.000", 1_250_000),
        ("1.250.000 đ", 1_250_000),
        ("1.250.000\u00a0đ", 1_250_000),
        ("1250000", 1_250_000),
        ("1.250.000đ", 1_250_000),
        ("  1.250.000 ₫ ", 1_250_000),
        ("1.250.000 VND", 1_250_000),
        ("1.250.000 VNĐ", 1_250_000),
        ("1.250.000 đồng", 1_250_000),
        ("0", 0),
        ("105", 105),
        ("2.025", 2025),
        ("1.000.000.000.000", 10**12),
        ("1.000.000.000.000.000", MAX_VND),
        ("007", 7),
        (1_250_000, 1_250_000),
    ],
)
def test_parse_vnd_accepts(text, expected):
    assert parse_vnd(text) == expected


GARBAGE = "Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."
FRACTION = "Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."
NEGATIVE = "Số tiền không được là số âm."
EMPTY = "Hãy nhập số tiền."
TOO_LARGE = "Số tiền vượt quá giới hạn cho phép (1.000.000.000.000.000\u00a0đ)."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", EMPTY),
        ("   ", EMPTY),
        ("đ", EMPTY),
        ("1,5", FRACTION),
        ("1.250.000,50", FRACTION),
        ("1,250,000", FRACTION),
        (1.5, FRACTION),
        (1250000.0, FRACTION),
        (Decimal("1250000"), FRACTION),
        ("-5", NEGATIVE),
        ("-1.250.000 đ", NEGATIVE),
        ("−5", NEGATIVE),
        (-5, NEGATIVE),
        ("1.25", GARBAGE),
        ("12.50.000", GARBAGE),
        ("1 250 000", GARBAGE),
        ("một triệu", GARBAGE),
        ("1e6", GARBAGE),
        ("0x10", GARBAGE),
        ("١٢٣", GARBAGE),
        ("1.250.000 USD", GARBAGE),
        (None, GARBAGE),
        (True, GARBAGE),
        ("1.000.000.000.000.001", TOO_LARGE),
        ("9" * 1000, TOO_LARGE),
        (10**15 + 1, TOO_LARGE),
    ],
)
def test_parse_vnd_refuses(text, message):
    with pytest.raises(AmountError) as excinfo:
        parse_vnd(text)
    assert excinfo.value.message == message
    assert str(excinfo.value) == message


def test_amount_error_is_a_value_error():
    assert issubclass(AmountError, ValueError)


@pytest.mark.parametrize("amount", [0, 1, 999, 1000, 123_456_789, MAX_VND])
def test_parse_reads_back_what_format_writes(amount):
    assert parse_vnd(format_vnd(amount)) == amount
