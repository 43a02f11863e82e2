"""The text layer of one PDF page, with word boxes, through pdfium (pypdfium2).

About 1 ms a page for the text and 3-5 ms for the word boxes (quality.md P5: at most 10 ms a
page; ``bench/ocr_throughput.py`` measures it). pdfplumber is not installed and not needed:
pdfium's character boxes give the word boxes that later steps highlight. Word boxes are given
in pixels of the page rendered at ``dpi`` (the same frame as OCR boxes), so a span can be
drawn on the page image whatever the source. Text is NFC-normalised.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

TEXT_LAYER_CONFIDENCE = 100
#: Characters that mean the text layer is not real text (no ToUnicode map, private glyphs).
_GARBAGE_CATEGORIES = {"Co", "Cn", "Cs"}


@dataclass(frozen=True)
class TextLayer:
    """Text and word boxes of one page's text layer."""

    text: str
    words: list[list[Any]]
    width_px: int
    height_px: int


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def text_is_meaningful(text: str, *, min_chars: int) -> bool:
    """Whether a text layer holds real text: enough letters and digits, little garbage.

    Scans often carry an empty or near-empty layer (a page number, a stamp's metadata) and some
    PDFs map glyphs to private-use or replacement characters; such pages are OCRed instead.
    """
    useful = 0
    garbage = 0
    for char in text:
        if char.isalnum():
            useful += 1
        elif char == "\ufffd" or unicodedata.category(char) in _GARBAGE_CATEGORIES:
            garbage += 1
    return useful >= min_chars and garbage * 10 <= useful


def _page_to_pixels(page: pypdfium2.PdfPage, width_px: int, height_px: int) -> tuple[float, ...]:
    """Affine map (a, b, c, d, e, f) from PDF page space to rendered pixels (x' = a x + c y + e).

    Taken from pdfium's own device mapping, so the page's /Rotate and crop box are honoured.
    """
    raw = page.raw
    out_x, out_y = ctypes.c_int(), ctypes.c_int()

    def device(x: float, y: float) -> tuple[int, int]:
        pdfium_c.FPDF_PageToDevice(
            raw, 0, 0, width_px, height_px, 0, x, y, ctypes.byref(out_x), ctypes.byref(out_y)
        )
        return out_x.value, out_y.value

    span = 10_000.0
    x0, y0 = device(0.0, 0.0)
    x1, y1 = device(span, 0.0)
    x2, y2 = device(0.0, span)
    return ((x1 - x0) / span, (y1 - y0) / span, (x2 - x0) / span, (y2 - y0) / span, x0, y0)


def extract_text_layer(page: pypdfium2.PdfPage, *, dpi: int) -> TextLayer:
    """Text of ``page`` and its words with boxes in pixels at ``dpi``.

    Words are runs of non-space characters; a line break in pdfium's text starts a new line
    id. Each word is ``[text, 100, left, top, width, height, 1, 1, line]``
    (``models.WORD_FIELDS``).
    """
    width_pt, height_pt = page.get_size()
    width_px = max(1, round(width_pt * dpi / 72))
    height_px = max(1, round(height_pt * dpi / 72))
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        words = _words(page, textpage, text, count, width_px, height_px) if count > 0 else []
    finally:
        textpage.close()
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    return TextLayer(text=text, words=words, width_px=width_px, height_px=height_px)


_WORD = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\ufffe\uffff]+")


def _words(
    page: pypdfium2.PdfPage,
    textpage: pypdfium2.PdfTextPage,
    text: str,
    count: int,
    width_px: int,
    height_px: int,
) -> list[list[Any]]:
    """Word boxes from the loose boxes of each word's first and last character.

    Two pdfium calls a word instead of one a character keeps a dense page (3,000 characters)
    under 5 ms; for text set along a line the two boxes span the word.
    """
    a, b, c, d, e, f = _page_to_pixels(page, width_px, height_px)
    raw = textpage.raw
    if len(text) != count:  # characters outside the BMP: index pdfium's characters one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    rect = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    normalize = unicodedata.normalize
    count_lines = text.count
    # Upright page (no /Rotate, the usual case): x depends on x only and y on y only.
    upright = b == 0 and c == 0
    words: list[list[Any]] = []
    line = 1
    position = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        line += count_lines("\n", position, start)
        position = start
        if upright:
            if get_box(raw, start, rect):
                x0, x1, y0, y1 = rect.left, rect.right, rect.top, rect.bottom
                if end - start > 1 and get_box(raw, end - 1, rect):
                    x0, x1 = min(x0, rect.left), max(x1, rect.right)
                    y0, y1 = max(y0, rect.top), min(y1, rect.bottom)
            elif end - start > 1 and get_box(raw, end - 1, rect):
                x0, x1, y0, y1 = rect.left, rect.right, rect.top, rect.bottom
            else:
                continue
            xa, xb = a * x0 + e, a * x1 + e
            ya, yb = d * y0 + f, d * y1 + f
            left, right = (xa, xb) if xa <= xb else (xb, xa)
            top, bottom = (ya, yb) if ya <= yb else (yb, ya)
        else:
            xs: list[float] = []
            ys: list[float] = []
            for index in (start, end - 1) if end - start > 1 else (start,):
                if get_box(raw, index, rect):
                    xs += (a * rect.left + c * rect.top + e, a * rect.right + c * rect.bottom + e)
                    ys += (b * rect.left + d * rect.top + f, b * rect.right + d * rect.bottom + f)
            if not xs:
                continue
            left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        word = match.group()
        words.append(
            [
                word if word.isascii() else normalize("NFC", word),
                TEXT_LAYER_CONFIDENCE,
                round(left),
                round(top),
                max(1, round(right - left)),
                max(1, round(bottom - top)),
                1,
                1,
                line,
            ]
        )
    return words
