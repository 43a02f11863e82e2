"""Reads of the review screen: span to word boxes, field order, the judgment as extracted."""

import datetime as dt

import pytest

from decisions import selectors
from tests.fixtures.decisions import BANK
from tests.fixtures.decisions import COMPANY

# Two lines of a page 1000 x 2000 pixels; words as thads.documents.models.WORD_FIELDS rows.
TEXT = "Số: 12/2025/QĐST-KDTM\nNguyên đơn: Ngân hàng Thử"
WORDS = [
    ["Số:", 100, 100, 100, 40, 20, 1, 1, 1],
    ["12/2025/QĐST-KDTM", 100, 150, 100, 200, 20, 1, 1, 1],
    ["Nguyên", 100, 100, 140, 80, 20, 1, 1, 2],
    ["đơn:", 100, 190, 140, 50, 20, 1, 1, 2],
    ["Ngân", 100, 250, 140, 50, 20, 1, 1, 2],
    ["hàng", 100, 310, 140, 50, 22, 1, 1, 2],
    ["Thử", 100, 370, 140, 40, 20, 1, 1, 2],
]


def boxes(start, end):
    return selectors.span_boxes(
        text=TEXT, words=WORDS, start=start, end=end, width=1000, height=2000
    )


def test_one_word_span_is_its_box_in_percent():
    start = TEXT.index("12/2025")

    assert boxes(start, start + len("12/2025/QĐST-KDTM")) == [
        {"left": 15.0, "top": 5.0, "width": 20.0, "height": 1.0}
    ]


def test_words_of_one_line_merge_into_one_box():
    start = TEXT.index("Ngân")

    assert boxes(start, len(TEXT)) == [{"left": 25.0, "top": 7.0, "width": 16.0, "height": 1.1}]


def test_a_span_over_two_lines_gives_two_boxes():
    assert len(boxes(0, len(TEXT))) == 2


def test_no_words_or_no_size_gives_no_box():
    assert selectors.span_boxes(text=TEXT, words=[], start=0, end=5, width=1000, height=2000) == []
    assert selectors.span_boxes(text=TEXT, words=WORDS, start=0, end=5, width=0, height=0) == []


@pytest.mark.django_db
def test_judgment_as_extracted_reads_the_reviewed_rows(review_judgment):
    ext = selectors.judgment_as_extracted(judgment=review_judgment)

    assert ext.to_labels()["court_fees"] == [{"payer": COMPANY, "amount_vnd": 7_500_000}]
    assert [p.name.value for p in ext.parties] == [BANK, COMPANY]
    assert ext.date.value == dt.date(2025, 6, 12)
    assert ext.obligations[0].amount_words.value == "Một trăm năm mươi triệu đồng"
    assert ext.parties[1].name.confidence == 0.55
    assert ext.parties[1].name.span.page == 1


@pytest.mark.django_db
def test_review_sections_put_low_confidence_first(review_judgment):
    sections = selectors.judgment_review_sections(judgment=review_judgment)

    assert [s.key for s in sections] == ["header", "parties", "obligations", "court_fees"]
    parties = sections[1].items
    assert [i.confidence for i in parties[:3]] == [0.4, 0.55, 0.8]
    assert parties[-1].confidence is None  # never extracted: last
    assert sections[1].rows == [(0, f"Đương sự 1: {BANK}"), (1, f"Đương sự 2: {COMPANY}")]


@pytest.mark.django_db
def test_the_standard_fixture_has_no_blocking_issue(review_judgment):
    assert [i for i in selectors.judgment_issues(judgment=review_judgment) if i.blocking] == []
