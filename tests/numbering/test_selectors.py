"""Checks of issued numbers (gaps, duplicates) and the document-number format."""

import pytest

from thads.numbering.selectors import format_document_number
from thads.numbering.selectors import number_check
from thads.numbering.selectors import number_sequence_gaps
from thads.numbering.types import NumberCheck


@pytest.mark.parametrize(
    ("numbers", "last_number", "gaps"),
    [
        ([], None, []),
        ([], 3, [1, 2, 3]),
        ([1, 2, 3], None, []),
        ([3, 1], None, [2]),
        ([2, 5, 5], None, [1, 3, 4]),
        ([1, 2], 4, [3, 4]),
        ((n for n in (1, 3)), None, [2]),
    ],
)
def test_number_sequence_gaps(numbers, last_number, gaps):
    assert number_sequence_gaps(numbers=numbers, last_number=last_number) == gaps


def test_number_check_of_a_clean_series():
    check = number_check(numbers=[3, 1, 2], last_number=3)
    assert check == NumberCheck(count=3, highest=3, gaps=(), duplicates=(), beyond_counter=())
    assert check.ok


def test_number_check_finds_gaps_duplicates_and_numbers_above_the_counter():
    check = number_check(numbers=[1, 2, 2, 4, 7, 7, 7], last_number=5)
    assert check == NumberCheck(
        count=7, highest=7, gaps=(3, 5, 6), duplicates=(2, 7), beyond_counter=(7,)
    )
    assert not check.ok


def test_number_check_without_a_counter():
    assert number_check(numbers=[]) == NumberCheck(count=0, highest=0, gaps=(), duplicates=())
    assert number_check(numbers=[2]).gaps == (1,)


def test_format_document_number():
    assert format_document_number(123, "QĐ-THADS") == "123/QĐ-THADS"
    assert format_document_number(1, "26TAB") == "1/26TAB"


@pytest.mark.parametrize("number", [0, -1, True, 1.0])
def test_format_document_number_refuses_a_non_positive_number(number):
    with pytest.raises(ValueError) as error:
        format_document_number(number, "QĐ-THADS")
    assert str(error.value) == f"format_document_number(): số không hợp lệ: {number!r}."
