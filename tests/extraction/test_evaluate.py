"""Scoring against gold labels (decisions.extraction.evaluate)."""

from __future__ import annotations

import pytest

from decisions.extraction.evaluate import FIELDS
from decisions.extraction.evaluate import diff
from decisions.extraction.evaluate import score

GOLD = {
    "court": "Tòa án nhân dân huyện Lệ Thủy, tỉnh Quảng Bình",
    "judgment_number": "50/2020/HS-ST",
    "date": "2020-09-30",
    "case_type": "HS",
    "parties": [
        {"role": "accused", "name": "Nguyễn Văn An", "id_number": "012345678901"},
        {"role": "accused", "name": "Lê Văn Bình", "id_number": None},
    ],
    "obligations": [
        {"debtor": "Nguyễn Văn An và Lê Văn Bình", "amount_vnd": 10_000_000},
        {"debtor": "Nhà nước", "amount_vnd": None},
    ],
    "court_fees": [
        {"payer": "Nguyễn Văn An", "amount_vnd": 200_000},
        {"payer": "Lê Văn Bình", "amount_vnd": 200_000},
    ],
}


def test_perfect_prediction_after_normalisation() -> None:
    pred = {
        **GOLD,
        "court": "TÒA ÁN NHÂN DÂN  huyện Lệ Thuỷ,tỉnh Quảng Bình",  # case, spaces, old tones
        "judgment_number": "50 /2020/HS-ST",
        "parties": [
            {"role": "accused", "name": "Lê Văn Bình", "id_number": None},
            {"role": "accused", "name": "nguyễn văn an", "id_number": "012345678901"},
        ],
        "obligations": [
            {"debtor": "Nhà nước", "amount_vnd": None},
            {"debtor": "Lê Văn Bình và Nguyễn Văn An", "amount_vnd": 10_000_000},
        ],
    }
    result = score([pred], [GOLD])
    assert set(result) == set(FIELDS)
    for field in FIELDS:
        assert (result[field]["p"], result[field]["r"], result[field]["f1"]) == (1.0, 1.0, 1.0)
    assert result["parties"]["tp"] == 2
    assert diff(pred, GOLD) == {}


def test_precision_recall_counts() -> None:
    pred = {
        **GOLD,
        "judgment_number": None,
        "case_type": "DS",
        "parties": [{"role": "victim", "name": "Nguyễn Văn An", "id_number": None}],
        "obligations": [
            {"debtor": "Nguyễn Văn An", "amount_vnd": 10_000_000},
            {"debtor": "Nhà nước", "amount_vnd": None},
            {"debtor": "Nhà nước", "amount_vnd": None},
        ],
        "court_fees": [{"payer": "Nguyễn Văn An", "amount_vnd": 200_000}],
    }
    result = score([pred], [GOLD])
    assert result["judgment_number"] == {
        "p": 0.0,
        "r": 0.0,
        "f1": 0.0,
        "tp": 0,
        "pred": 0,
        "gold": 1,
    }
    assert result["case_type"]["f1"] == 0.0
    assert result["parties"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 1, "gold": 2}
    assert result["id_numbers"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 1}
    # one of three predicted obligations is right (the duplicate counts once), one of two gold
    assert result["obligations"]["tp"] == 1
    assert result["obligations"]["p"] == pytest.approx(0.3333)
    assert result["obligations"]["r"] == 0.5
    assert result["obligations"]["f1"] == 0.4
    assert result["court_fees"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "pred": 1, "gold": 2}


def test_unknown_gold_lists_are_left_out() -> None:
    gold = {**GOLD, "obligations": None, "court_fees": None}
    pred = {**GOLD, "obligations": [{"debtor": "X", "amount_vnd": 1}], "court_fees": []}
    result = score([pred], [gold])
    assert result["obligations"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 0, "pred": 0, "gold": 0}
    assert result["court_fees"]["gold"] == 0


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError, match="same length"):
        score([GOLD], [])
