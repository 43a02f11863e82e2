import io

import segno
from PIL import Image

from thads.documents.qr import qr_make
from thads.documents.qr import qr_matrix
from thads.documents.qr import qr_png
from thads.documents.qr import qr_svg

URL = "https://thads.example.gov.vn/verify/Z8OOuKxZ0tL_s4NSYMQxhQkqUWD3McFj/"


def test_qr_uses_level_m_and_the_smallest_version():
    code = qr_make(URL)

    assert code.error == "M"
    assert code.version == 5
    assert code.mode == "byte"


def test_qr_matrix_is_the_symbol_segno_encodes_for_the_data():
    matrix = qr_matrix(URL)
    expected = segno.make_qr(URL, error="m", boost_error=False).matrix

    assert len(matrix) == 37
    assert matrix == tuple(tuple(bool(cell) for cell in row) for row in expected)
    # the three finder patterns sit in their corners
    assert matrix[0][:7] == (True,) * 7
    assert matrix[0][-7:] == (True,) * 7
    assert matrix[-1][:7] == (True,) * 7


def test_qr_png_pixels_are_the_matrix_with_a_quiet_zone():
    png = qr_png(URL, scale=3)

    image = Image.open(io.BytesIO(png)).convert("1")
    matrix = qr_matrix(URL)
    size = len(matrix)
    assert image.size == ((size + 8) * 3, (size + 8) * 3)
    for row in range(-4, size + 4):
        for col in range(-4, size + 4):
            dark = image.getpixel(((col + 4) * 3 + 1, (row + 4) * 3 + 1)) == 0
            expected = 0 <= row < size and 0 <= col < size and matrix[row][col]
            assert dark == expected, (row, col)


def test_qr_svg_is_an_inline_path_that_does_not_echo_the_data():
    svg = qr_svg(URL)

    assert svg.startswith('<svg width="180" height="180" class="qr-code">')
    assert "<path" in svg
    assert "thads.example" not in svg
