"""Amounts in Vietnamese words (accounting form): a fixed table, errors, the filter, properties."""

from decimal import Decimal

import pytest
from django.template import Context
from django.template import Template
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from thads.money import MAX_VND
from thads.money import AmountError
from thads.money import vnd_in_words
from thads.templatetags.thads import vnd_words

CASES = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (44, "Bốn mươi tư đồng"),
    (55, "Năm mươi lăm đồng"),
    (95, "Chín mươi lăm đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (2_025, "Hai nghìn không trăm hai mươi lăm đồng"),
    (10_010, "Mười nghìn không trăm mười đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (100_100, "Một trăm nghìn một trăm đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
    (10_500_000, "Mười triệu năm trăm nghìn đồng"),
    (25_000_000, "Hai mươi lăm triệu đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (2_000_000_025, "Hai tỷ không trăm hai mươi lăm đồng"),
    (2_000_001_000, "Hai tỷ không trăm linh một nghìn đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng"),
    (1_000_005_000_000, "Một nghìn tỷ không trăm linh năm triệu đồng"),
    (
        10**15 - 1,
        "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín"
        " triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
    ),
    (MAX_VND, "Một triệu tỷ đồng"),
    (Decimal("1250000"), "Một triệu hai trăm năm mươi nghìn đồng"),
]


@pytest.mark.parametrize(("amount", "expected"), CASES)
def test_vnd_in_words(amount, expected):
    assert vnd_in_words(amount) == expected


def test_the_table_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(0, "Không"), (24, "Hai mươi tư"), (1_000_005, "Một triệu không trăm linh năm")],
)
def test_vnd_in_words_without_suffix(amount, expected):
    assert vnd_in_words(amount, suffix=False) == expected


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (-1, "Số tiền không được là số âm."),
        (1.0, "Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."),
        (Decimal("10.5"), "Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."),
        (Decimal("NaN"), "Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."),
        (True, "Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."),
        ("1000", "Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."),
        (MAX_VND + 1, "Số tiền vượt quá giới hạn cho phép (1.000.000.000.000.000\u00a0đ)."),
    ],
)
def test_vnd_in_words_refuses(amount, message):
    with pytest.raises(AmountError) as error:
        vnd_in_words(amount)
    assert error.value.message == message


def test_vnd_words_filter():
    html = Template("{% load thads %}{{ amount|vnd_words }}").render(Context({"amount": 1_250_000}))
    assert html == "Một triệu hai trăm năm mươi nghìn đồng"
    assert vnd_words(None) == ""
    assert vnd_words("") == ""


# A reader of the words, written independently of the writer, for the round trip.
DIGIT = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4,
    "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
UNIT_AFTER_TENS = {"mốt": 1, "tư": 4, "lăm": 5}
SCALE = {"nghìn": 10**3, "triệu": 10**6}


def words_to_number(words: str) -> int:
    tokens = words.lower().split()
    assert tokens.pop() == "đồng"
    return _read(tokens)


def _read(tokens: list[str]) -> int:
    if "tỷ" in tokens:
        at = len(tokens) - 1 - tokens[::-1].index("tỷ")
        return _read(tokens[:at]) * 10**9 + (_read(tokens[at + 1 :]) if tokens[at + 1 :] else 0)
    total = group = 0
    digit = None
    for token in tokens:
        if token in DIGIT:
            assert digit is None, tokens
            digit = DIGIT[token]
        elif token == "trăm":
            group += digit * 100
            digit = None
        elif token == "mươi":
            group += digit * 10
            digit = None
        elif token == "mười":
            group += 10
        elif token in UNIT_AFTER_TENS:
            group += UNIT_AFTER_TENS[token]
        elif token == "linh":
            pass
        elif token in SCALE:
            total += (group + (digit or 0)) * SCALE[token]
            group, digit = 0, None
        else:
            raise AssertionError(f"unknown word {token!r}")
    return total + group + (digit or 0)


@pytest.mark.parametrize(("amount", "expected"), CASES)
def test_the_reader_reads_the_table(amount, expected):
    assert words_to_number(expected) == amount


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**15 - 1),
        st.integers(min_value=0, max_value=10**6),
        st.builds(lambda a, b: a * 10**9 + b, st.integers(0, 10**6 - 1), st.integers(0, 999)),
    )
)
def test_words_round_trip(amount):
    words = vnd_in_words(amount)
    assert words.endswith(" đồng")
    assert "  " not in words
    assert words == words.strip()
    assert words[0].isupper()
    assert words[1:] == words[1:].lower()
    assert words_to_number(words) == amount
