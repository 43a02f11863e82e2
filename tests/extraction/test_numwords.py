"""Amounts in Vietnamese words and in figures (decisions.extraction.numwords)."""

from __future__ import annotations

import random

import pytest

from decisions.extraction.numwords import WordsError
from decisions.extraction.numwords import find_amounts
from decisions.extraction.numwords import words_to_int
from thads.money import vnd_in_words


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("hai nghìn không trăm hai mươi lăm", 2025),
        ("Hai nghìn không trăm hai mươi lăm đồng", 2025),
        ("hai nghìn lẻ hai mươi lăm", 2025),
        ("một trăm linh năm", 105),
        ("một trăm lẻ năm", 105),
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("chín mươi lăm", 95),
        ("một trăm mười", 110),
        ("Ba trăm ngàn đồng", 300_000),
        ("Một trăm năm mươi triệu đồng", 150_000_000),
        ("một tỷ không trăm linh năm triệu", 1_005_000_000),
        ("hai tỉ", 2_000_000_000),
        ("một nghìn tỷ", 10**12),
        (
            "hai tỷ sáu trăm chín mươi sáu triệu, ba trăm sáu mươi mốt ngàn, "
            "hai trăm chín mươi lăm",
            2_696_361_295,
        ),
        ("Bằng chữ: bốn triệu hai trăm nghìn đồng", 4_200_000),
        ("hai tram nghin", 200_000),  # diacritics lost by OCR
        ("không", 0),
    ],
)
def test_words_to_int_table(words: str, value: int) -> None:
    assert words_to_int(words) == value


@pytest.mark.parametrize("words", ["", "hai con trâu", "trăm", "hai ba", "đồng"])
def test_words_to_int_refuses_what_is_not_a_number(words: str) -> None:
    with pytest.raises(WordsError):
        words_to_int(words)


def test_round_trip_with_vnd_in_words() -> None:
    rng = random.Random(3)
    values = [0, 1, 5, 10, 15, 21, 101, 105, 1_001, 2_025, 1_000_005, 10**9, 10**12, 10**15]
    values += [rng.randrange(10**13) for _ in range(500)]
    for value in values:
        assert words_to_int(vnd_in_words(value)) == value


def test_find_amounts_figures_words_and_scales() -> None:
    text = (
        "trả 2.696.361.295 (hai tỷ sáu trăm chín mươi sáu triệu, ba trăm sáu mươi mốt\n"
        "ngàn, hai trăm chín mươi lăm) đồng, lệ phí 300.000đ (Ba trăm ngàn đồng), "
        "thêm 150 triệu đồng và Một trăm nghìn đồng. Hai bên đồng ý."
    )
    found = find_amounts(text)
    assert [(a.value, a.words_value, a.from_words) for a in found] == [
        (2_696_361_295, 2_696_361_295, False),
        (300_000, 300_000, False),
        (150_000_000, None, False),
        (100_000, 100_000, True),
    ]
    assert text[found[1].start : found[1].end] == "300.000đ (Ba trăm ngàn đồng)"


def test_find_amounts_ignores_numbers_that_are_not_money() -> None:
    text = "Điều 136 đã quy định; số 25/2019 ngày 30/3/2019; đồng phạm Nguyễn Văn A; Hai đồng ý"
    assert find_amounts(text) == []
