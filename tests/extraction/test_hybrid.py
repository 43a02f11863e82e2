"""Hybrid refinement: what the model may fill, confirm, question, and never invent.

Most tests hand ``refine`` the model's spans directly (built from a synthetic judgment's gold
annotations), so they check the merging rules exactly and run without torch; the last ones run
the shipped model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from decisions.extraction import hybrid
from decisions.extraction import model as model_mod
from decisions.extraction.model import TaggedSpan
from decisions.synthetic import SyntheticJudgment
from decisions.synthetic import generate
from decisions.types import ExtractedFee
from decisions.types import ExtractedJudgment
from decisions.types import ExtractedObligation
from decisions.types import ExtractedParty
from decisions.types import Field
from decisions.types import Span


def _doc(case_type: str, variant: str) -> SyntheticJudgment:
    return next(
        d
        for d in generate(40, 21, case_types=[case_type])
        if d.variant == variant and d.labels["court_fees"] and d.labels["obligations"]
    )


def _spans(d: SyntheticJudgment, score: float = 0.95) -> list[TaggedSpan]:
    return [TaggedSpan(a.label, a.page, a.start, a.end, d.text_at(a), score) for a in d.annotations]


def _dispositive(d: SyntheticJudgment) -> Span:
    for number, text in enumerate(d.pages, start=1):
        i = text.find("Vì các lẽ trên,")
        if i >= 0:
            return Span(number, i, i + 15)
    raise AssertionError("no dispositive heading")


def _empty_rules(d: SyntheticJudgment, **kwargs: object) -> ExtractedJudgment:
    base = {
        "court": Field(None, 0.0),
        "judgment_number": Field(None, 0.0),
        "date": Field(None, 0.0),
        "case_type": Field(d.labels["case_type"], 0.9),
        "dispositive_span": _dispositive(d),
    }
    base.update(kwargs)
    return ExtractedJudgment(**base)  # type: ignore[arg-type]


def test_fills_the_header_fields_the_rules_missed():
    d = _doc("DS", "BA-ST")
    out = hybrid.refine(_empty_rules(d), d.to_page_inputs(), spans=_spans(d))
    assert out.mode == "hybrid"
    assert out.judgment_number.value == d.labels["judgment_number"]
    assert out.judgment_number.source == "model"
    assert out.judgment_number.confidence == 0.7125
    assert out.date.value == dt.date.fromisoformat(d.labels["date"])
    assert out.court.value == d.labels["court"]
    number_span = d.spans("NUMBER")[0]
    assert out.judgment_number.span == Span(number_span.page, number_span.start, number_span.end)


def test_agreement_raises_confidence_and_disagreement_lowers_it_with_a_warning():
    d = _doc("DS", "BA-ST")
    agree = _empty_rules(d, judgment_number=Field(d.labels["judgment_number"], 0.8))
    out = hybrid.refine(agree, d.to_page_inputs(), spans=_spans(d))
    assert (out.judgment_number.confidence, out.judgment_number.source) == (0.9, "hybrid")
    assert out.warnings == ()

    disagree = _empty_rules(d, judgment_number=Field("99/2020/DS-ST", 0.8))
    out = hybrid.refine(disagree, d.to_page_inputs(), spans=_spans(d))
    assert out.judgment_number.value == "99/2020/DS-ST"
    assert (out.judgment_number.confidence, out.judgment_number.source) == (0.56, "rules")
    assert out.warnings == ("Mô hình đọc số bản án khác với luật trích xuất; cần kiểm tra.",)


def test_adds_the_parties_the_rules_missed_with_their_details():
    d = _doc("DS", "BA-ST")
    out = hybrid.refine(_empty_rules(d), d.to_page_inputs(), spans=_spans(d))
    assert [p.to_label() for p in out.parties] == d.labels["parties"]
    assert {p.name.source for p in out.parties} == {"model"}


def test_adds_accused_persons_and_victims_of_a_criminal_judgment():
    d = next(
        x
        for x in generate(60, 22, case_types=["HS"])
        if len([p for p in x.labels["parties"] if p["role"] == "accused"]) > 1
    )
    out = hybrid.refine(_empty_rules(d), d.to_page_inputs(), spans=_spans(d))
    assert [p.to_label() for p in out.parties] == d.labels["parties"]


def test_completes_a_party_the_rules_found_without_its_id_number():
    d = next(
        x
        for x in generate(40, 21, case_types=["DS"])
        if x.labels["parties"][0]["id_number"] and x.variant == "BA-ST"
    )
    gold = d.labels["parties"][0]
    rules_party = ExtractedParty(role=Field(gold["role"], 0.9), name=Field(gold["name"], 0.9))
    out = hybrid.refine(
        _empty_rules(d, parties=(rules_party,)), d.to_page_inputs(), spans=_spans(d)
    )
    first = out.parties[0]
    assert first.name == rules_party.name
    assert (first.id_number.value, first.id_number.source) == (gold["id_number"], "model")
    assert first.birth_year.value == gold["birth_year"]


def test_never_creates_an_obligation():
    d = _doc("KDTM", "BA-ST")
    out = hybrid.refine(_empty_rules(d), d.to_page_inputs(), spans=_spans(d))
    assert out.obligations == ()


def test_confirms_an_obligation_amount_read_at_the_same_place():
    d = _doc("KDTM", "BA-ST")
    a = d.spans("AMOUNT")[0]
    ob = ExtractedObligation(
        debtor=Field(d.labels["obligations"][0]["debtor"], 0.8),
        creditor=Field(d.labels["obligations"][0]["creditor"], 0.8),
        kind=Field("money", 0.8),
        amount_vnd=Field(a.value, 0.8, Span(a.page, a.start, a.end)),
    )
    out = hybrid.refine(_empty_rules(d, obligations=(ob,)), d.to_page_inputs(), spans=_spans(d))
    assert (out.obligations[0].amount_vnd.confidence, out.obligations[0].amount_vnd.source) == (
        0.9,
        "hybrid",
    )


def test_adds_court_fees_found_in_the_dispositive_part_only():
    d = _doc("DS", "BA-ST")
    out = hybrid.refine(_empty_rules(d), d.to_page_inputs(), spans=_spans(d))
    assert [f.to_label() for f in out.court_fees] == d.labels["court_fees"]

    after_everything = Span(len(d.pages) + 1, 0, 1)
    out = hybrid.refine(
        _empty_rules(d, dispositive_span=after_everything), d.to_page_inputs(), spans=_spans(d)
    )
    assert out.court_fees == ()


def test_without_a_dispositive_part_fees_and_obligations_are_left_alone():
    d = _doc("DS", "BA-ST")
    fee = ExtractedFee(payer=Field("Nguyễn Văn A", 0.8), amount_vnd=Field(300000, 0.8))
    rules = _empty_rules(d, dispositive_span=None, court_fees=(fee,))
    out = hybrid.refine(rules, d.to_page_inputs(), spans=_spans(d))
    assert out.court_fees == (fee,)
    assert out.obligations == ()


def test_low_scores_are_ignored():
    d = _doc("DS", "BA-ST")
    rules = _empty_rules(d)
    out = hybrid.refine(rules, d.to_page_inputs(), spans=_spans(d, score=0.5))
    assert out == dataclasses.replace(rules, mode="hybrid")


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        (
            "TÒA ÁN NHÂN DÂN THÀNH PHỐ KIẾN AN, THÀNH PHỐ HẢI PHÒNG",
            "Tòa án nhân dân thành phố Kiến An, Thành phố Hải Phòng",
        ),
        (
            "TÒA ÁN NHÂN DÂN KHU VỰC 1 - THÀNH PHỐ HỒ CHÍ MINH",
            "Tòa án nhân dân khu vực 1 - Thành phố Hồ Chí Minh",
        ),
        (
            "TÒA ÁN NHÂN DÂN THÀNH PHỐ THỦ ĐỨC – THÀNH PHỐ HỒ CHÍ MINH",
            "Tòa án nhân dân thành phố Thủ Đức, Thành phố Hồ Chí Minh",
        ),
        ("TÒA ÁN NHÂN DÂN TỈNH TÂY NINH", "Tòa án nhân dân tỉnh Tây Ninh"),
        (
            "Tòa án nhân dân huyện Lệ Thủy, tỉnh Quảng Bình",
            "Tòa án nhân dân huyện Lệ Thủy, tỉnh Quảng Bình",
        ),
    ],
)
def test_court_names_are_written_as_the_labels_write_them(printed, label):
    assert hybrid.court_name(printed) == label


def test_unavailable_model_returns_the_rules_result_unchanged(monkeypatch, tmp_path):
    monkeypatch.setattr(model_mod, "WEIGHTS_DIR", tmp_path)  # no weights there
    d = _doc("DS", "BA-ST")
    rules = _empty_rules(d)
    assert hybrid.available() is False
    assert hybrid.refine(rules, d.to_page_inputs()) is rules
