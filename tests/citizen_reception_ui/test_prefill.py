"""The intake prefill from a petition's text (pure functions) and from a real scan (tesseract)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PIL import Image

from citizen_reception.prefill import extract_petition
from citizen_reception.prefill import fold
from tests.citizen_reception_ui.samples import draw_petition
from thads.documents.ocr import ocr_image

COMPLAINT = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 05 tháng 11 năm 2026
ĐƠN KHIẾU NẠI
(lần hai)
Kính gửi: Cục Thi hành án dân sự
Họ và tên người khiếu nại: Ông Trần Văn Khiếu
Sinh năm 1970, CCCD số 001070001234
Địa chỉ thường trú: Thôn Đông, xã Yên Sở, Hà Nội
Điện thoại: 0987.654.321
Người bị khiếu nại: Chấp hành viên Lê Thị Hoa
Nội dung khiếu nại: Quyết định cưỡng chế số 12/QĐ-THADS trái pháp luật.
Đề nghị hủy quyết định.
Tôi xin cam đoan nội dung trên là đúng sự thật.
Người khiếu nại
"""


def page(text: str, confidence: float = 95.0) -> SimpleNamespace:
    return SimpleNamespace(text=text, mean_confidence=confidence)


def test_fold_keeps_positions():
    assert fold("ĐƠN KHIẾU NẠI") == "don khieu nai"
    assert len(fold("Trần Văn Đạt")) == len("Trần Văn Đạt")


def test_a_typed_complaint_is_read_field_by_field():
    read = extract_petition([page(COMPLAINT)], today=dt.date(2026, 11, 23))
    values = {name: value.value for name, value in read.fields.items()}
    assert values == {
        "kind": "complaint",
        "complaint_level": 2,
        "petitioner_name": "Trần Văn Khiếu",
        "petitioner_id_kind": "CCCD",
        "petitioner_id_number": "001070001234",
        "petitioner_birth_year": 1970,
        "petitioner_address": "Thôn Đông, xã Yên Sở, Hà Nội",
        "petitioner_phone": "0987654321",
        "received_on": dt.date(2026, 11, 5),
        "subject": "Khiếu nại về thi hành án",
        "respondent": "Chấp hành viên Lê Thị Hoa",
        "content": "Quyết định cưỡng chế số 12/QĐ-THADS trái pháp luật.\nĐề nghị hủy quyết định.",
    }
    # The page's OCR confidence scales every field; the guessed subject stays low.
    assert read.fields["kind"].percent == 93
    assert read.fields["subject"].level == "low"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("ĐƠN YÊU CẦU THI HÀNH ÁN", "enforcement_request"),
        ("ĐƠN TỐ CÁO", "denunciation"),
        ("ĐƠN KIẾN NGHỊ", "proposal"),
        ("ĐƠN PHẢN ÁNH", "report"),
        ("Đơn khiếu nại", "complaint"),
    ],
)
def test_the_kind_comes_from_the_title(title, kind):
    read = extract_petition([page(f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{title}\nTôi là: A")])
    assert read.fields["kind"].value == kind
    assert ("complaint_level" in read.fields) is (kind == "complaint")


def test_nothing_is_guessed_from_an_unrelated_page():
    read = extract_petition([page("BIÊN LAI THU TIỀN\nSố tiền: 1.000.000 đồng")])
    assert read.fields == {}


def test_a_date_in_the_future_is_dropped():
    text = "Hà Nội, ngày 05 tháng 12 năm 2026\nĐƠN TỐ CÁO"
    read = extract_petition([page(text)], today=dt.date(2026, 11, 23))
    assert "received_on" not in read.fields
    assert read.fields["kind"].value == "denunciation"


def test_a_blank_form_line_is_not_a_value():
    read = extract_petition([page("ĐƠN KHIẾU NẠI\nHọ và tên: ..................\nĐịa chỉ: ____")])
    assert "petitioner_name" not in read.fields
    assert "petitioner_address" not in read.fields


def test_a_scanned_denunciation_through_tesseract(tmp_path):
    day = dt.date(2026, 11, 20)
    sample = draw_petition(tmp_path, kind="denunciation", day=day, name="Võ Thị Tố")
    result = ocr_image(Image.open(sample.path), dpi=200)
    read = extract_petition(
        [page(result.text, result.mean_confidence)], today=dt.date(2026, 11, 23)
    )
    values = {name: value.value for name, value in read.fields.items()}
    assert values["kind"] == "denunciation"
    assert values["petitioner_name"] == "Võ Thị Tố"
    assert values["petitioner_id_number"] == sample.id_number
    assert values["petitioner_birth_year"] == 1986
    assert values["petitioner_phone"] == sample.phone
    assert values["received_on"] == day
    assert values["respondent"] == sample.respondent
    assert values["content"].startswith(sample.content_start)
