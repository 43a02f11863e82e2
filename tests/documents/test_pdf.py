import datetime as dt
import io

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from tests.documents.signing_support import page_texts
from tests.documents.signing_support import small_document
from tests.documents.signing_support import squash
from tests.documents.signing_support import two_page_decision
from thads.documents.pdf import MARGIN_TOP
from thads.documents.pdf import VIETNAMESE_LETTERS
from thads.documents.pdf import PdfFontError
from thads.documents.pdf import find_font_family
from thads.documents.pdf import render_admin_document
from thads.documents.pdf import render_admin_document_layout
from thads.documents.pdf import vn_long_date
from thads.documents.qr import qr_matrix
from thads.documents.signing.checks import check_pdf_fonts

URL = "http://localhost:8000/verify/Z8OOuKxZ0tL_s4NSYMQxhQkqUWD3McFj/"
DEJAVU_MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


@pytest.fixture(scope="module")
def decision():
    return render_admin_document_layout(two_page_decision(verify_url=URL))


@pytest.mark.parametrize(
    ("date", "place", "expected"),
    [
        (dt.date(2026, 11, 23), "Hà Nội", "Hà Nội, ngày 23 tháng 11 năm 2026"),
        (dt.date(2026, 1, 5), "Hà Nội", "Hà Nội, ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 9), "Lạng Sơn", "Lạng Sơn, ngày 09 tháng 02 năm 2026"),
        (dt.date(2026, 3, 1), "Huế", "Huế, ngày 01 tháng 3 năm 2026"),
        (dt.date(2026, 9, 30), "Cần Thơ", "Cần Thơ, ngày 30 tháng 9 năm 2026"),
        (dt.date(2026, 10, 10), "Đà Nẵng", "Đà Nẵng, ngày 10 tháng 10 năm 2026"),
        (dt.date(2027, 12, 31), "", "ngày 31 tháng 12 năm 2027"),
    ],
)
def test_vn_long_date_pads_days_below_10_and_january_february(date, place, expected):
    assert vn_long_date(date, place) == expected


def test_sample_decision_has_two_pages_and_the_signature_space_on_the_last(decision):
    assert decision.pdf.startswith(b"%PDF-")
    assert decision.page_count == 2
    assert len(page_texts(decision.pdf)) == 2
    box = decision.signature_box
    assert box.page_index == 1
    assert box.x2 - box.x1 > 150
    assert box.y2 - box.y1 > 60


def test_text_layer_round_trips_the_heading_and_diacritics(decision):
    first, second = (squash(text) for text in page_texts(decision.pdf))

    for line in (
        "THIHÀNHÁNDÂNSỰTỈNHTHỬA",
        "PHÒNGTHIHÀNHÁNDÂNSỰKHUVỰC1",
        "Số:01/QĐ-THADS",
        "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM",
        "Độclập-Tựdo-Hạnhphúc",
        "HàNội,ngày23tháng11năm2026",
        "QUYẾTĐỊNH",
        "Vềviệcthihànhántheođơnyêucầu",
        "CăncứLuậtThihànhándânsựsố106/2025/QH15;",
        "Điều1.ThihànhánđốivớibàTrầnThịBích",
    ):
        assert line in first, line
    for line in ("Nơinhận:", "-NhưĐiều4;", "KT.THỦTRƯỞNG", "LêVănCường"):
        assert line in second, line
    assert "Quétmãđểkiểmtratínhxácthực" in second
    assert squash(URL) in second


def test_every_vietnamese_letter_survives_text_extraction():
    letters = " ".join(VIETNAMESE_LETTERS[i : i + 20] for i in range(0, 134, 20))

    pdf = render_admin_document(small_document(body=[letters]))

    assert VIETNAMESE_LETTERS in squash(page_texts(pdf)[0])


def test_fonts_are_embedded_truetype_subsets(decision):
    fonts = {}
    with pikepdf.open(io.BytesIO(decision.pdf)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                fonts[str(font.BaseFont)] = (
                    str(font.Subtype),
                    "/FontFile2" in font.FontDescriptor,
                )

    family = find_font_family()
    stem = family.regular.stem.split("-")[0]
    assert sorted(fonts) == sorted(
        f"/AAAAAA+{stem}{suffix}" for suffix in ("", "-Bold", "-Italic", "-BoldItalic")
    )
    assert set(fonts.values()) == {("/TrueType", True)}


def test_page_numbers_from_page_two_at_the_top_centre(decision):
    document = pdfium.PdfDocument(decision.pdf)
    try:
        tops = []
        for page in document:
            width, height = page.get_size()
            band = page.get_textpage().get_text_bounded(0, height - MARGIN_TOP, width, height)
            tops.append(band.strip())
    finally:
        document.close()

    assert tops == ["", "2"]


def test_metadata_names_the_document_and_the_office(decision):
    document = pdfium.PdfDocument(decision.pdf)
    try:
        meta = document.get_metadata_dict()
    finally:
        document.close()

    assert meta["Title"] == "Quyết định số 01/QĐ-THADS"
    assert meta["Author"] == "Phòng Thi hành án dân sự khu vực 1"
    assert meta["Subject"] == "Về việc thi hành án theo đơn yêu cầu"
    assert meta["Creator"] == "THADS"
    assert meta["CreationDate"].startswith("D:20")


def test_the_printed_qr_code_is_the_symbol_of_the_verify_url(decision):
    matrix = qr_matrix(URL)
    size = len(matrix)
    document = pdfium.PdfDocument(decision.pdf)
    try:
        page = document[1]
        bounds = [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])]
        squares = [b for b in bounds if abs((b[2] - b[0]) - (b[3] - b[1])) < 0.5]
        left, _bottom, right, top = max(squares, key=lambda b: b[2] - b[0])
        scale = 8
        image = page.render(scale=scale).to_pil().convert("L")
        height = page.get_size()[1]
    finally:
        document.close()

    module = (right - left) / size
    seen = []
    for row in range(size):
        y = (height - (top - (row + 0.5) * module)) * scale
        seen.append(
            tuple(
                image.getpixel((int((left + (col + 0.5) * module) * scale), int(y))) < 128
                for col in range(size)
            )
        )
    assert tuple(seen) == matrix


def test_without_a_verify_url_there_is_no_qr_code():
    pdf = render_admin_document(small_document())

    assert "Quétmãđểkiểmtra" not in squash(page_texts(pdf)[0])


def test_font_lookup_refuses_fonts_without_vietnamese_letters(settings):
    settings.PDF_FONT_PATHS = ["/nonexistent/Times.ttf", DEJAVU_MONO]

    with pytest.raises(PdfFontError) as excinfo:
        find_font_family()

    message = str(excinfo.value)
    assert message.startswith(
        "Không có phông chữ nào in được đủ dấu tiếng Việt để tạo văn bản PDF. Đã thử: "
        "/nonexistent/Times.ttf: không có tệp; "
        f"{DEJAVU_MONO}: DejaVuSansMono.ttf thiếu 46 chữ tiếng Việt ("
    )
    assert message.endswith("hoặc đặt THADS_PDF_FONT_PATHS.")


def test_system_check_fails_without_a_vietnamese_font(settings):
    assert check_pdf_fonts() == []

    settings.PDF_FONT_PATHS = ["/nonexistent/Times.ttf"]
    messages = check_pdf_fonts()

    assert [m.id for m in messages] == ["documents.E001"]
    assert messages[0].level == 40  # ERROR


def test_the_document_stays_vietnamese_whatever_the_interface_language():
    from django.utils import translation

    with translation.override("en"):
        pdf = render_admin_document(small_document(verify_url=URL))

    text = squash(page_texts(pdf)[0])
    for line in (
        "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM",
        "Độclập-Tựdo-Hạnhphúc",
        "HàNội,ngày05tháng01năm2026",
        "Số:05/QĐ-THADS",
        "Nơinhận:",
        "Quétmãđểkiểmtratínhxácthực",
    ):
        assert line in text, line
