"""Prefill of payment documents: field rules on word boxes, and accuracy over generated
samples read by the real OCR (tesseract, Vietnamese)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from receipts.prefill import extract_fields
from receipts.prefill.evaluate import evaluate
from receipts.prefill.extract import words_to_amount
from receipts.samples.generate import make_samples


@dataclass(frozen=True)
class Page:
    number: int
    words: list[list[Any]]
    width_px: int = 1000
    height_px: int = 1000


def page_of(*lines: str, conf: int = 90) -> Page:
    """Word rows as the OCR gives them: one line per text, words 10 px per character."""
    words = []
    for index, line in enumerate(lines, start=1):
        left = 50
        for word in line.split(" "):
            words.append([word, conf, left, 40 * index, 10 * len(word), 20, 1, 1, index])
            left += 10 * len(word) + 10
    return Page(1, words)


def test_transfer_slip_fields_values_and_boxes():
    page = page_of(
        "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM",
        "BIÊN LAI CHUYỂN TIỀN",
        "Ngày giao dịch: 05/08/2026 10:25",
        "Số tham chiếu: 5123.889120",
        "Tài khoản nguồn: 0011004567890",
        "Tên người chuyển: NGUYEN VAN AN",
        "Số tiền: 12,500,000 VND",
        "Số tiền bằng chữ: Mười hai triệu năm trăm nghìn đồng",
        "Nội dung: NOP TIEN THA HO SO 12/2026",
    )
    doc_type, fields = extract_fields([page])
    assert doc_type == "transfer_slip"
    values = {name: field.value for name, field in fields.items()}
    assert values == {
        "payer": "NGUYEN VAN AN",
        "amount_vnd": 12_500_000,
        "date": "2026-08-05",
        "bank_reference": "5123889120",
        "account_number": "0011004567890",
        "bank_name": "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM",
        "content": "NOP TIEN THA HO SO 12/2026",
        "case_reference": "12/2026",
    }
    # "Số tiền: 12,500,000 VND" is line 7 (top 280 px); the figure starts after "Số tiền:".
    assert fields["amount_vnd"].page == 1
    assert fields["amount_vnd"].box == (14.0, 28.0, 10.0, 2.0)
    # the words agree with the figures: the confidence goes up, capped at 1
    assert fields["amount_vnd"].confidence == pytest.approx(min(0.92 * 0.9 * 1.08, 1.0))


def test_amount_in_words_prevails_with_a_low_confidence_when_the_figures_disagree():
    page = page_of("Số tiền: 5.250 đ", "Bằng chữ: Năm triệu hai trăm năm mươi nghìn đồng")
    _doc_type, fields = extract_fields([page])
    assert fields["amount_vnd"].value == 5_250_000
    assert fields["amount_vnd"].confidence == pytest.approx(0.95 * 0.9 * 0.7)
    assert fields["amount_vnd"].box == (15.0, 8.0, 38.0, 2.0)  # the words are highlighted


def test_figures_kept_with_a_low_confidence_when_the_words_are_garbled():
    page = page_of("Số tiền: 12.500.000 đ", "Bằng chữ: Mười hai triệu nam tram xyz")
    _doc_type, fields = extract_fields([page])
    assert fields["amount_vnd"].value == 12_500_000
    assert fields["amount_vnd"].confidence == pytest.approx(0.92 * 0.9 * 0.95)


@pytest.mark.parametrize(
    ("words", "amount"),
    [
        ("một trăm linh năm đồng", 105),
        ("Hai nghìn không trăm hai mươi lăm đồng", 2_025),
        ("chín mươi lăm", 95),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("mười lăm", 15),
        ("Mười hai triệu năm trăm nghìn đồng chẵn", 12_500_000),
        ("một tỷ hai trăm triệu ba trăm bốn mươi lăm nghìn đồng", 1_200_345_000),
        ("MUOI HAI TRIEU NAM TRAM NGHIN DONG", 12_500_000),
        ("đồng", None),
    ],
)
def test_words_to_amount(words, amount):
    assert words_to_amount(words) == amount


def test_cash_record_has_no_bank_fields_and_reads_the_date_in_words():
    page = page_of(
        "BIÊN BẢN GIAO NHẬN TIỀN",
        "Hôm nay, ngày 03 tháng 09 năm 2026, tại trụ sở",
        "Bên giao: Ông/Bà Trần Thị Hà",
        "Số tiền: 5.000.000 đồng",
        "Nội dung: Nộp tiền thi hành án hồ sơ số 7/2026",
    )
    doc_type, fields = extract_fields([page])
    assert doc_type == "cash_record"
    assert {name: f.value for name, f in fields.items()} == {
        "payer": "Trần Thị Hà",
        "amount_vnd": 5_000_000,
        "date": "2026-09-03",
        "content": "Nộp tiền thi hành án hồ sơ số 7/2026",
        "case_reference": "7/2026",
    }


def test_a_page_without_payment_words_gives_no_field():
    assert extract_fields([page_of("Hello world", "nothing here")]) == ("", {})


FLOORS = {
    "payer": 0.85,
    "amount_vnd": 0.9,
    "date": 0.9,
    "bank_reference": 0.85,
    "account_number": 0.85,
    "bank_name": 0.8,
    "content": 0.8,
    "case_reference": 0.85,
}


def test_field_accuracy_over_30_generated_samples(tmp_path, capsys):
    """30 samples (5 layouts; 10 scanned PDFs, 20 degraded phone photos, 5 of them hard),
    read by tesseract exactly as the document pipeline reads them (~40 s)."""
    make_samples(tmp_path, count=30, seed=2026)
    result = evaluate(tmp_path)
    with capsys.disabled():
        print("\nprefill accuracy:", json.dumps(result.as_json(), ensure_ascii=False))  # noqa: T201
    assert result.samples == 30
    assert result.per_field["amount_vnd"][1] == 30
    assert result.per_field["account_number"][1] == 24  # cash records carry no account
    for name, floor in FLOORS.items():
        assert result.accuracy(name) >= floor, (name, result.misses)
    assert result.doc_type[0] >= 27
