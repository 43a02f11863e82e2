"""The page readers: pdfium's text layer with word boxes, tesseract OCR with orientation.

Tesseract runs for real (``vie``), on a few small synthetic images; one test reads a real scan
from ../shared/samples when it is there.
"""

import unicodedata

import pypdfium2
import pytest

from tests.fixtures.documents import SHARED_SAMPLES
from tests.samples.generate import TEXT_PDF_PAGES
from tests.samples.generate import scan_image
from thads.documents import ocr
from thads.documents.exceptions import DocumentPageError
from thads.documents.pages import extract_page
from thads.documents.pages import render_page_image
from thads.documents.pages import render_scale
from thads.documents.text import extract_text_layer
from thads.documents.text import text_is_meaningful

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t1400\t350\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t82\t36\t161\t52\t96.9\tQUYE\u0302\u0301T\n"
    "5\t1\t1\t1\t1\t2\t260\t49\t125\t40\t95.2\tĐỊNH\n"
    "5\t1\t1\t1\t2\t1\t80\t130\t90\t40\t91.0\tThi\n"
    "5\t1\t1\t1\t2\t2\t180\t130\t90\t40\t0\t \n"
    "5\t1\t2\t1\t1\t1\t80\t230\t90\t40\t88.4\tCục\n"
)


def test_tsv_words_are_compact_rows_in_nfc():
    words = ocr.parse_tsv(TSV.encode())

    assert words == [
        ["QUYẾT", 97, 82, 36, 161, 52, 1, 1, 1],
        ["ĐỊNH", 95, 260, 49, 125, 40, 1, 1, 1],
        ["Thi", 91, 80, 130, 90, 40, 1, 1, 2],
        ["Cục", 88, 80, 230, 90, 40, 2, 1, 1],
    ]
    assert unicodedata.is_normalized("NFC", words[0][0])


def test_text_is_built_from_words_by_line_and_paragraph():
    words = ocr.parse_tsv(TSV.encode())

    assert ocr.words_to_text(words) == "QUYẾT ĐỊNH\nThi\n\nCục"
    assert ocr.mean_confidence(words) == 92.8
    assert ocr.mean_confidence([]) is None


def test_text_layer_gives_exact_text_and_word_boxes(samples):
    pdf = pypdfium2.PdfDocument(str(samples / "text-3-pages.pdf"))
    try:
        layer = extract_text_layer(pdf[0], dpi=300)
    finally:
        pdf.close()

    assert layer.text == "\n".join(TEXT_PDF_PAGES[0])
    assert (layer.width_px, layer.height_px) == (2480, 3508)
    first = layer.words[0]
    assert first[0] == "CỘNG"
    assert first[1] == 100
    # drawn at x = 72 pt, baseline 770 pt from the bottom: 300 px from the left, above 300 px
    assert first[2] == 300
    assert 240 <= first[3] < 300 < first[3] + first[5] <= 330
    assert [w[8] for w in layer.words if w[0] == "Căn"] == [4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("  12  \r\n", False),
        ("\ufffd" * 40 + "abcdefghijklmnopqrstu", False),
        ("\ue000" + "Quyết định thi hành án dân sự", True),
    ],
)
def test_text_layer_must_hold_real_text(text, expected):
    assert text_is_meaningful(text, min_chars=20) is expected


def test_ocr_reads_vietnamese_from_a_scan():
    result = ocr.ocr_image(scan_image(), dpi=300)

    assert "QUYẾT ĐỊNH" in result.text
    assert "Thi hành án dân sự" in result.text
    assert result.rotation == 0
    assert result.mean_confidence > 80
    assert result.words[0][:2] == ["QUYẾT", result.words[0][1]]


def test_ocr_turns_a_sideways_scan_upright():
    sideways = scan_image(rotate=90)  # portrait: read once, poorly, then turned

    result = ocr.ocr_image(sideways, dpi=300)

    assert result.rotation == 90
    assert "QUYẾT ĐỊNH" in result.text
    assert (result.width_px, result.height_px) == (sideways.height, sideways.width)
    assert result.runs == 3


def test_tesseract_runs_with_one_thread(monkeypatch):
    seen = []
    real_run = ocr.subprocess.run

    def spy(command, **kwargs):
        seen.append((command, kwargs["env"]["OMP_THREAD_LIMIT"]))
        return real_run(command, **kwargs)

    monkeypatch.setattr(ocr.subprocess, "run", spy)

    ocr.recognise(scan_image(("QUYẾT ĐỊNH",)), dpi=300)

    [(command, threads)] = seen
    assert threads == "1"
    assert command[:3] == ["tesseract", "stdin", "stdout"]
    assert command[3:] == ["-l", "vie", "--psm", "3", "--dpi", "300", "tsv"]


def test_missing_tesseract_is_an_engine_error(settings):
    settings.DOCUMENTS_TESSERACT_CMD = "/nonexistent/tesseract"

    with pytest.raises(ocr.OcrEngineError):
        ocr.recognise(scan_image(), dpi=300)


def test_extract_page_of_a_tiff_frame_and_a_scanned_pdf(samples):
    frame = extract_page(samples / "scan-2-frames.tif", kind="tiff", number=2)
    scanned = extract_page(samples / "scan-2-pages.pdf", kind="pdf", number=1)

    assert (frame.source, frame.number, frame.dpi) == ("ocr", 2, 300)
    assert "Trang 2" in frame.text
    assert scanned.source == "ocr"
    assert "Thi hành án dân sự" in scanned.text


def test_extract_page_uses_the_text_layer_when_there_is_one(samples):
    result = extract_page(samples / "text-3-pages.pdf", kind="pdf", number=3)

    assert (result.source, result.mean_confidence, result.rotation) == ("text_layer", None, 0)
    assert result.text == "\n".join(TEXT_PDF_PAGES[2])


@pytest.mark.parametrize("number", [0, 4])
def test_a_page_outside_the_document_is_a_page_error(samples, number):
    with pytest.raises(DocumentPageError):
        extract_page(samples / "text-3-pages.pdf", kind="pdf", number=number)


def test_render_scale_keeps_big_pages_under_the_pixel_cap():
    assert render_scale(595, 842, dpi=300, max_pixels=40_000_000) == pytest.approx(300 / 72)
    scale = render_scale(14400, 14400, dpi=300, max_pixels=40_000_000)
    assert (14400 * scale) ** 2 == pytest.approx(40_000_000)


def test_page_image_follows_the_rotation_the_ocr_applied(samples):
    image = render_page_image(samples / "scan.png", kind="png", number=1, width=400, rotation=90)
    pdf_page = render_page_image(samples / "text-3-pages.pdf", kind="pdf", number=1, width=800)

    assert image.size == (350, 1400)  # narrower than asked: images are never enlarged
    assert pdf_page.size == (800, 1132)


@pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples/judgments is absent")
def test_real_scanned_decision_page_one():
    result = extract_page(SHARED_SAMPLES / "QD_2267.2025.QDST.KDTM.pdf", kind="pdf", number=1)

    assert result.source == "ocr"
    assert "QUYẾT ĐỊNH" in result.text
    assert (result.width_px, result.height_px, result.dpi) == (2481, 3508, 300)


@pytest.mark.parametrize(
    ("mode", "value", "expected"),
    [
        ("L", 200, 200),
        ("RGB", (255, 255, 255), 255),
        ("I;16", 40000, 156),
        ("RGBA", (0, 0, 0, 0), 255),
    ],
)
def test_images_are_prepared_as_8_bit_grayscale(mode, value, expected):
    from PIL import Image

    prepared = ocr.prepare(Image.new(mode, (4, 4), value))

    assert (prepared.mode, prepared.getpixel((0, 0))) == ("L", expected)
