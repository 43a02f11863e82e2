"""The deterministic parser on hand-written snippets (decisions.extraction.rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from decisions.extraction import extract
from decisions.extraction.rules import normalise_code
from decisions.extraction.rules import parse
from decisions.extraction.text import Document
from decisions.extraction.text import fold
from decisions.extraction.text import modern_tones
from decisions.types import STATE
from decisions.types import PageInput
from decisions.types import Span
from tests.extraction import snippets


@pytest.fixture(scope="module")
def civil():
    return parse(snippets.pages(snippets.CIVIL_PAGE_1, snippets.CIVIL_PAGE_2))


@pytest.fixture(scope="module")
def criminal():
    return parse(snippets.pages(snippets.CRIMINAL))


def test_fold_keeps_length_and_reads_ocr_lookalikes() -> None:
    text = "QUYÉT ĐỊNH Ð đồng"
    assert fold(text) == "quyet dinh d dong"
    assert len(fold(text)) == len(text)


def test_modern_tones() -> None:
    assert modern_tones("Toà án huyện Lệ Thuỷ, hoà giải") == "Tòa án huyện Lệ Thủy, hòa giải"
    assert modern_tones("Hoàng Quý khoảng") == "Hoàng Quý khoảng"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("QĐÐST-DS", "QĐST-DS"),
        ("Q ST-KDTM", "QĐST-KDTM"),
        ("hs - st", "HS-ST"),
        ("QD-SCBSQD", "QĐ-SCBSQĐ"),
    ],
)
def test_normalise_code(raw: str, code: str) -> None:
    assert normalise_code(raw) == code


def test_document_spans_map_back_to_pages() -> None:
    doc = Document.from_pages([PageInput(1, "abc"), PageInput(2, "defgh")])
    assert doc.text == "abc\ndefgh"
    assert doc.span(5, 7) == Span(page=2, start=1, end=3)


def test_header(civil) -> None:
    assert civil.court.value == "Tòa án nhân dân huyện Đông Anh, Thành phố Hà Nội"
    assert civil.judgment_number.value == "76/2025/DS-ST"
    assert civil.date.value == dt.date(2025, 3, 12)
    assert civil.case_type.value == "DS"
    span = civil.judgment_number.span
    assert span.page == 1
    assert snippets.CIVIL_PAGE_1[span.start : span.end] == "76/2025/DS-ST"
    # text without OCR: the pattern's strength (0.95) x the text-layer confidence (0.98)
    assert civil.judgment_number.confidence == pytest.approx(0.931)


def test_parties_roles_names_and_details(civil) -> None:
    parties = [p.to_label() for p in civil.parties]
    assert parties == [
        {
            "role": "plaintiff",
            "name": "Phùng Thị Lựu",
            "birth_year": 1970,
            "id_number": "001170001234",
            "address": "thôn Bắc, xã Nguyên Khê, huyện Đông Anh, thành phố Hà Nội",
        },
        {
            "role": "defendant",
            "name": "Kiều Văn Tám",  # broken over two lines, "Ông" dropped
            "birth_year": 1968,
            "id_number": None,
            "address": "thôn Nam, xã Nguyên Khê, huyện Đông Anh, thành phố Hà Nội",
        },
        {
            "role": "related_party",
            "name": "Mạc Thị Hoa",
            "birth_year": 1972,
            "id_number": None,
            "address": None,
        },
    ]
    # the representative is kept with the defendant and is not a party
    assert civil.parties[1].representative.value == "Lò Văn Sáu"


def test_obligations_only_from_the_dispositive(civil) -> None:
    # the 500.000.000 / 350.000.000 of the facts and the procurator's 200.000.000 are not
    # obligations; the refund of the fee advance is neither a fee nor an obligation.
    assert [o.to_label() for o in civil.obligations] == [
        {
            "debtor": "Kiều Văn Tám",
            "creditor": "Phùng Thị Lựu",
            "kind": "money",
            "amount_vnd": 150_000_000,
            "description": (
                "Buộc ông Kiều Văn Tám phải trả cho bà Phùng Thị Lựu số tiền 150.000.000 đồng "
                "(Một trăm năm mươi triệu đồng), gồm nợ gốc 140.000.000 đồng và tiền lãi "
                "10.000.000 đồng"
            ),
        },
        {
            "debtor": "Kiều Văn Tám và Mạc Thị Hoa",
            "creditor": "Phùng Thị Lựu",
            "kind": "money",
            "amount_vnd": 20_000_000,
            "description": (
                "Ông Kiều Văn Tám và bà Mạc Thị Hoa có trách nhiệm liên đới trả cho bà Phùng Thị "
                "Lựu số tiền 20 triệu đồng"
            ),
        },
    ]
    first, second = civil.obligations
    assert first.amount_words.value == "Một trăm năm mươi triệu đồng"
    assert first.components.value == [
        {"label": "nợ gốc", "amount_vnd": 140_000_000},
        {"label": "tiền lãi", "amount_vnd": 10_000_000},
    ]
    assert first.interest_clause.value.startswith("Kể từ ngày có đơn yêu cầu thi hành án")
    assert first.joint.value is False
    assert second.joint.value is True
    assert first.amount_vnd.span.page == 2


def test_fees_without_refunds(civil) -> None:
    assert [f.to_label() for f in civil.court_fees] == [
        {"payer": "Kiều Văn Tám", "amount_vnd": 7_500_000}
    ]
    assert civil.court_fees[0].kind.value == "án phí dân sự sơ thẩm"
    assert civil.court_fees[0].amount_words.value == "Bảy triệu năm trăm nghìn đồng"


def test_criminal_judgment(criminal) -> None:
    assert criminal.judgment_number.value == "08/2024/HS-PT"
    assert criminal.court.value == "Tòa án nhân dân tỉnh Bắc Kạn"
    assert [(p.role.value, p.name.value) for p in criminal.parties] == [
        ("accused", "Hà Văn Quý"),
        ("victim", "Nông Văn Kha"),
    ]  # the witness is not a party
    assert [o.to_label()["kind"] for o in criminal.obligations] == [
        "fine",
        "money",
        "confiscation",
        "asset",
    ]
    assert [(o.debtor.value, o.creditor.value, _amount(o)) for o in criminal.obligations] == [
        ("Hà Văn Quý", STATE, 5_000_000),  # not the procurator's proposed 10.000.000
        ("Hà Văn Quý", "Nông Văn Kha", 60_000_000),
        ("Hà Văn Quý", STATE, None),
        (STATE, "Hà Văn Quý", None),
    ]
    assert [(f.payer.value, f.amount_vnd.value, f.kind.value) for f in criminal.court_fees] == [
        ("Hà Văn Quý", 200_000, "án phí hình sự phúc thẩm"),
        ("Hà Văn Quý", 3_000_000, "án phí dân sự sơ thẩm"),
    ]


def _amount(obligation):
    return obligation.amount_vnd.value if obligation.amount_vnd else None


def test_ocr_noise_header_and_abbreviated_names() -> None:
    result = parse(snippets.pages(snippets.OCR_HEADER, confidence=90.0))
    # "THÀNH PHÓ BIÊN HÒA / TỈNH ĐÒNG NAI" is spelled as the body prints it
    assert result.court.value == "Tòa án nhân dân thành phố Biên Hòa, tỉnh Đồng Nai"
    assert result.judgment_number.value == "42/2025/QĐST-KDTM"  # "42 /2025/QĐÐST-KDTM"
    assert result.date.value == dt.date(2025, 8, 7)
    assert result.case_type.value == "KDTM"
    assert [p.name.value for p in result.parties] == [
        "Ngân hàng TMCP Sông Hồng",
        "Công ty Cổ phần Cơ khí Long Bình",  # "Cô phần" repaired
    ]
    # "Công ty CP ..." and "Ngân hàng Thương mại Cổ phần ..." are normalised to the parties
    assert [(o.debtor.value, o.creditor.value, _amount(o)) for o in result.obligations] == [
        ("Công ty Cổ phần Cơ khí Long Bình", "Ngân hàng TMCP Sông Hồng", 300_000_000)
    ]
    # OCR confidence 90 scales every confidence
    assert result.judgment_number.confidence == pytest.approx(0.95 * 0.9)


def test_missing_number_is_none_not_a_reference() -> None:
    text = snippets.CIVIL_PAGE_1.replace("Bản án số: 76/2025/DS-ST\n", "")
    result = parse(snippets.pages(text, snippets.CIVIL_PAGE_2))
    assert result.judgment_number.value is None  # never the "20/2024/TLST-DS" of the body
    assert result.case_type.value == "DS"  # from the referenced acceptance number
    assert result.warnings == ("Không tìm thấy số bản án/quyết định ở phần đầu văn bản.",)


def test_extract_modes(monkeypatch) -> None:
    pages = snippets.pages(snippets.CIVIL_PAGE_1, snippets.CIVIL_PAGE_2)
    assert extract(pages, mode="rules").mode == "rules"
    monkeypatch.setattr("decisions.extraction._hybrid", lambda: None)
    assert extract(pages).mode == "rules"  # no model available: the rules' result
    with pytest.raises(ValueError, match="unknown extraction mode"):
        extract(pages, mode="magic")


FAMILY = """TÒA ÁN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN CHỢ MỚI Độc lập - Tự do - Hạnh phúc
TỈNH AN GIANG
Số: 15/2025/QĐST-HNGĐ Chợ Mới, ngày 02 tháng 4 năm 2025
QUYẾT ĐỊNH
CÔNG NHẬN THUẬN TÌNH LY HÔN VÀ SỰ THỎA THUẬN CỦA CÁC ĐƯƠNG SỰ
QUYẾT ĐỊNH:
1. Công nhận sự thỏa thuận của các đương sự:
Người yêu cầu: Bà Lâm Thị Bé, sinh năm 1990; địa chỉ: ấp Long Hòa, xã Long Điền A.
Người yêu cầu: Ông Tăng Văn Út, sinh năm 1988; địa chỉ: ấp Long Hòa, xã Long Điền A.
2. Sự thỏa thuận của các đương sự cụ thể như sau:
Ông Tăng Văn Út có nghĩa vụ cấp dưỡng nuôi con chung cho bà Lâm Thị Bé mỗi tháng
2.000.000 đồng (Hai triệu đồng), kể từ tháng 4/2025 cho đến khi con đủ 18 tuổi.
Bà Lâm Thị Bé có trách nhiệm trả cho ông Tăng Văn Út 50.000.000 đồng.
Hạn chót thanh toán là ngày 30/6/2025.
Nơi nhận:
"""


def test_periodic_money_and_deadline() -> None:
    result = parse(snippets.pages(FAMILY))
    assert result.case_type.value == "HNGD"
    assert [(p.role.value, p.name.value) for p in result.parties] == [
        ("petitioner", "Lâm Thị Bé"),
        ("petitioner", "Tăng Văn Út"),
    ]
    maintenance, payment = result.obligations
    assert (maintenance.kind.value, maintenance.amount_vnd.value) == ("periodic_money", 2_000_000)
    assert maintenance.periodic.value == {"every": "month", "amount_vnd": 2_000_000}
    assert (maintenance.debtor.value, maintenance.creditor.value) == ("Tăng Văn Út", "Lâm Thị Bé")
    assert (payment.kind.value, payment.amount_vnd.value) == ("money", 50_000_000)
    assert payment.deadline.value == dt.date(2025, 6, 30)
    assert maintenance.deadline is None


def test_hybrid_mode_when_the_model_is_shipped() -> None:
    from decisions.extraction import hybrid

    if not hybrid.available():
        pytest.skip("the token classifier's weights are not shipped in this tree")
    pages = snippets.pages(snippets.CIVIL_PAGE_1, snippets.CIVIL_PAGE_2)

    result = extract(pages, mode="hybrid")

    assert result.mode == "hybrid"
    assert result.judgment_number.value == "76/2025/DS-ST"
    assert extract(pages).mode == "rules"  # the default: the model adds nothing on real samples


SEVERAL_ACCUSED = """TÒA ÁN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN MAI SƠN Độc lập - Tự do - Hạnh phúc
TỈNH SƠN LA
Bản án số: 31/2019/HS-ST Ngày 14 - 8 - 2019
NHÂN DANH
NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TÒA ÁN NHÂN DÂN HUYỆN MAI SƠN, TỈNH SƠN LA
Ngày 14 tháng 8 năm 2019 xét xử sơ thẩm vụ án hình sự theo Quyết định đưa vụ án ra xét xử
số 30/2019/QĐXXST-HS ngày 01 tháng 8 năm 2019. 1. Lường Văn Pọm; sinh ngày 02 tháng 3 năm
1992; nơi cư trú: bản Nà Sản, xã Chiềng Mung; CMND số 050123456. 2. Cầm Thị Ịn; sinh năm
1994; nơi cư trú: bản Nà Sản, xã Chiềng Mung; con ông Cầm Văn Đôi, sinh năm 1960.
NỘI DUNG VỤ ÁN:
Hai bị cáo bán 02 con bò giá 30.000.000 đồng.
XỬ:
1. Tuyên bố các bị cáo Lường Văn Pọm và Cầm Thị Ịn phạm tội "Trộm cắp tài sản".
2. Về án phí: Mỗi bị cáo phải chịu 200.000 đồng án phí hình sự sơ thẩm.
Nơi nhận:
"""


def test_numbered_accused_without_a_label_and_fees_for_each() -> None:
    result = parse(snippets.pages(SEVERAL_ACCUSED))
    assert result.judgment_number.value == "31/2019/HS-ST"
    assert result.date.value == dt.date(2019, 8, 14)
    assert [p.to_label() for p in result.parties] == [
        {
            "role": "accused",
            "name": "Lường Văn Pọm",
            "birth_year": 1992,
            "id_number": "050123456",
            "address": "bản Nà Sản, xã Chiềng Mung",
        },
        {
            "role": "accused",
            "name": "Cầm Thị Ịn",
            "birth_year": 1994,  # not her father's 1960
            "id_number": None,
            "address": "bản Nà Sản, xã Chiềng Mung",
        },
    ]
    assert result.obligations == ()  # the price in the facts is not an obligation
    assert [f.to_label() for f in result.court_fees] == [
        {"payer": "Lường Văn Pọm", "amount_vnd": 200_000},
        {"payer": "Cầm Thị Ịn", "amount_vnd": 200_000},
    ]
