"""The synthetic judgment generator, its renderers and ``manage.py make_synthetic``."""

from __future__ import annotations

import json
import re
import unicodedata

import pypdfium2
import pytest
from django.core.management import call_command

from decisions.synthetic import ENTITY_LABELS
from decisions.synthetic import generate
from decisions.synthetic.render import render_scan_images
from decisions.synthetic.render import render_scan_pdf
from decisions.synthetic.render import render_text_pdf
from decisions.types import CASE_TYPES
from decisions.types import OBLIGATION_KINDS
from decisions.types import PARTY_ROLES
from decisions.types import PageInput

LABEL_KEYS = {
    "doc_id",
    "court",
    "judgment_number",
    "date",
    "case_type",
    "parties",
    "obligations",
    "court_fees",
}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@pytest.fixture(scope="module")
def docs():
    return generate(60, 11)


def test_same_seed_same_documents_and_prefix_stable():
    a, b = generate(6, 5), generate(6, 5)
    assert [d.pages for d in a] == [d.pages for d in b]
    assert [d.labels for d in a] == [d.labels for d in b]
    assert [d.annotations for d in a] == [d.annotations for d in b]
    assert [d.pages for d in generate(3, 5)] == [d.pages for d in a[:3]]
    assert [d.pages for d in generate(6, 6)] != [d.pages for d in a]


def test_case_types_cycle_and_can_be_restricted():
    assert [d.labels["case_type"] for d in generate(7, 1)] == [*CASE_TYPES, "DS"]
    assert {d.labels["case_type"] for d in generate(4, 1, case_types=["HS"])} == {"HS"}
    with pytest.raises(ValueError, match="unknown case types"):
        generate(1, 1, case_types=["XX"])


def test_every_case_type_and_variant_appears(docs):
    assert {d.labels["case_type"] for d in docs} == set(CASE_TYPES)
    assert {d.variant for d in docs} == {"BA-ST", "BA-PT", "QD-CNTT"}
    assert {d.variant for d in docs if d.labels["case_type"] in ("HS", "HC")} <= {"BA-ST", "BA-PT"}


def test_labels_have_the_labels_json_shape(docs):
    for d in docs:
        assert set(d.labels) == LABEL_KEYS
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.labels["date"])
        for p in d.labels["parties"]:
            assert set(p) == {"role", "name", "birth_year", "id_number", "address"}
            assert p["role"] in PARTY_ROLES
            assert not p["name"].startswith(("Ông ", "Bà ", "ông ", "bà "))
            assert p["id_number"] is None or re.fullmatch(r"\d{12}", p["id_number"])
        for o in d.labels["obligations"]:
            assert set(o) == {"debtor", "creditor", "kind", "amount_vnd", "description"}
            assert o["kind"] in OBLIGATION_KINDS
            assert o["amount_vnd"] is None or isinstance(o["amount_vnd"], int)
            if o["kind"] == "confiscation":  # objects: amount null; a seized sum: its amount
                assert (o["amount_vnd"] is None) == (
                    not o["description"].startswith("Tịch thu sung vào ngân sách Nhà nước số tiền")
                )
                assert o["creditor"] == "Nhà nước"
        for f in d.labels["court_fees"]:
            assert set(f) == {"payer", "amount_vnd"}
            assert isinstance(f["amount_vnd"], int)


def test_every_annotation_is_in_the_text_at_its_span(docs):
    for d in docs:
        assert {a.label for a in d.annotations} <= set(ENTITY_LABELS)
        for a in d.annotations:
            text = _norm(d.text_at(a))
            if a.label in ("NAME", "DEBTOR", "CREDITOR", "FEE_PAYER", "ADDRESS", "ID_NUMBER"):
                assert text == a.value, (d.doc_id, a)
            elif a.label in ("AMOUNT", "FEE_AMOUNT"):
                assert re.fullmatch(r"\d{1,3}(\.\d{3})*", text), (d.doc_id, a)
                assert int(text.replace(".", "")) == a.value
            elif a.label == "COURT":
                assert text.casefold() == a.value.casefold() == d.labels["court"].casefold()
            elif a.label == "NUMBER":
                assert text.replace(" ", "") == a.value == d.labels["judgment_number"]
            elif a.label == "DATE":
                assert a.value == d.labels["date"]
            elif a.label == "BIRTH_YEAR":
                assert int(text) == a.value


def test_every_labelled_value_is_annotated(docs):
    for d in docs:
        names = {(a.value, a.role) for a in d.spans("NAME")}
        for p in d.labels["parties"]:
            assert (p["name"], p["role"]) in names, (d.doc_id, p)
            years = {a.value for a in d.spans("BIRTH_YEAR")}
            assert p["birth_year"] is None or p["birth_year"] in years
            ids = {a.value for a in d.spans("ID_NUMBER")}
            assert p["id_number"] is None or p["id_number"] in ids
        amounts = [a.value for a in d.spans("AMOUNT")]
        for o in d.labels["obligations"]:
            assert o["amount_vnd"] is None or o["amount_vnd"] in amounts, (d.doc_id, o)
        fees = sorted(a.value for a in d.spans("FEE_AMOUNT"))
        assert fees == sorted(f["amount_vnd"] for f in d.labels["court_fees"])
        assert len(d.spans("NUMBER")) == 1
        assert len(d.spans("DATE")) == 1


def test_dispositive_amounts_come_after_the_quyet_dinh_heading_and_facts_hold_traps(docs):
    for d in docs:
        heading = next(
            (p, m.start())
            for p, text in enumerate(d.pages, start=1)
            for m in [re.search(r"^(Vì các lẽ trên,\n)?QUYẾT\s+ĐỊNH:?$", text, re.MULTILINE)]
            if m
        )
        for a in d.spans("AMOUNT") + d.spans("FEE_AMOUNT") + d.spans("DEBTOR"):
            assert (a.page, a.start) > heading, (d.doc_id, a)
    # a first-instance civil judgment asks for more in the facts than the court awards
    civil = next(d for d in docs if d.labels["case_type"] == "DS" and d.variant == "BA-ST")
    asked = re.search(r"yêu cầu bị đơn trả ([\d.]+) đồng", " ".join(civil.pages))
    assert asked is not None
    awarded = {o["amount_vnd"] for o in civil.labels["obligations"]}
    assert int(asked.group(1).replace(".", "")) not in awarded


def test_page_inputs_number_the_pages():
    d = generate(1, 2)[0]
    assert d.to_page_inputs() == [
        PageInput(number=i, text=t) for i, t in enumerate(d.pages, start=1)
    ]


def test_text_pdf_has_one_page_per_page_and_a_readable_text_layer():
    d = generate(2, 4)[1]
    pdf = pypdfium2.PdfDocument(render_text_pdf(d))
    try:
        assert len(pdf) == len(d.pages)
        first = pdf[0].get_textpage().get_text_range()
        assert d.labels["judgment_number"] in first.replace(" /", "/")
        assert _fold(d.labels["court"]) in _fold(first)
    finally:
        pdf.close()


def test_scan_pdf_has_images_only_and_the_right_page_count():
    d = generate(1, 4)[0]
    pdf = pypdfium2.PdfDocument(render_scan_pdf(d, seed=1, dpi=100))
    try:
        assert len(pdf) == len(d.pages)
        assert pdf[0].get_textpage().get_text_range().strip() == ""
    finally:
        pdf.close()


def test_scan_page_ocrs_back_with_the_court_line_readable():
    from thads.documents.ocr import ocr_image

    d = generate(1, 4)[0]
    image = render_scan_images(d, seed=3, dpi=200, landscape_rate=0.0)[0]
    result = ocr_image(image, dpi=200)
    court_line = _fold(d.labels["court"])
    assert court_line in _fold(result.text)


def test_make_synthetic_writes_pdfs_texts_and_labels(tmp_path):
    call_command("make_synthetic", "--n", "2", "--seed", "3", "--out", str(tmp_path))
    labels = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))
    expected = generate(2, 3)
    assert [x["doc_id"] for x in labels] == [d.doc_id for d in expected]
    assert labels[0]["court"] == expected[0].labels["court"]
    for d in expected:
        assert (tmp_path / f"{d.doc_id}.pdf").read_bytes().startswith(b"%PDF")
        text = (tmp_path / f"{d.doc_id}.txt").read_text(encoding="utf-8")
        assert text.startswith("<Page:1>" + d.pages[0][:40])
