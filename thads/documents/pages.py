"""One page at a time: open it, read its text layer or OCR it, render it for the screen.

Pure library code (no database): the page task calls :func:`extract_page` and hands the
result to ``document_page_store_result``; the text-layer task of a PDF calls
:func:`read_text_layers` (the file opened once, pages read in order) and hands chunks to
``document_text_layer_store``. Only the requested page is ever loaded: pdfium reads a PDF
lazily from its file (one page's objects, not the document), and a TIFF frame is reached by
seeking, so a 500-page document is never held in memory at once.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image
from PIL import ImageOps

from thads.documents import ocr
from thads.documents.conf import documents_setting
from thads.documents.exceptions import DocumentPageError
from thads.documents.text import extract_text_layer
from thads.documents.text import text_is_meaningful
from thads.documents.types import PageExtraction

#: Images scanned finer than this are read at DOCUMENTS_OCR_DPI (4 times faster at 600 dpi).
DOWNSCALE_ABOVE_DPI = 450
#: Resolution assumed for an image that does not say: its short side is an A4 page's.
A4_SHORT_SIDE_INCHES = 8.27


@dataclass(frozen=True)
class PipelineOptions:
    dpi: int
    lang: str
    min_text_chars: int
    max_render_pixels: int

    @classmethod
    def from_settings(cls) -> PipelineOptions:
        return cls(
            dpi=int(documents_setting("DOCUMENTS_OCR_DPI")),
            lang=str(documents_setting("DOCUMENTS_OCR_LANG")),
            min_text_chars=int(documents_setting("DOCUMENTS_TEXT_LAYER_MIN_CHARS")),
            max_render_pixels=int(documents_setting("DOCUMENTS_OCR_MAX_RENDER_PIXELS")),
        )


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def render_scale(width_pt: float, height_pt: float, *, dpi: int, max_pixels: int) -> float:
    """Points-to-pixels scale for ``dpi``, lowered so the page stays under ``max_pixels``."""
    scale = dpi / 72
    area = width_pt * height_pt * scale * scale
    if area > max_pixels > 0:
        scale = math.sqrt(max_pixels / (width_pt * height_pt))
    return scale


def _open_pdf(path: Path) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise DocumentPageError from exc


def _pdf_page(pdf: pypdfium2.PdfDocument, number: int) -> pypdfium2.PdfPage:
    if not 1 <= number <= len(pdf):
        raise DocumentPageError
    try:
        return pdf[number - 1]
    except pypdfium2.PdfiumError as exc:
        raise DocumentPageError from exc


def open_image_frame(path: Path, number: int) -> tuple[Image.Image, int]:
    """Frame ``number`` of an image file, upright (EXIF), decoded, and its resolution."""
    try:
        image = Image.open(path)
        if number > 1:
            image.seek(number - 1)
        elif number < 1:
            raise EOFError
        dpi_info = image.info.get("dpi")
        image.load()
        frame = ImageOps.exif_transpose(image) if image.format == "JPEG" else image.copy()
    except (OSError, EOFError, SyntaxError, ValueError) as exc:
        raise DocumentPageError from exc
    dpi = round(float(dpi_info[0])) if dpi_info and dpi_info[0] else 0
    if dpi < 70 or dpi > 2400:
        dpi = max(70, min(600, round(min(frame.size) / A4_SHORT_SIDE_INCHES)))
    return frame, dpi


def extract_page(
    path: Path, *, kind: str, number: int, options: PipelineOptions | None = None
) -> PageExtraction:
    """Read page ``number`` (1-based) of the original at ``path`` of ``kind``.

    PDF: the text layer when it holds real text (at least ``min_text_chars`` letters and
    digits), else the page rendered in grayscale at ``dpi`` (lowered to stay under
    ``max_render_pixels``) and OCRed. Images: the frame, downscaled to ``dpi`` when scanned
    finer than 450 dpi, OCRed. Raises ``DocumentPageError`` for a page that cannot be opened
    and ``ocr.OcrEngineError`` when tesseract fails.
    """
    options = options or PipelineOptions.from_settings()
    started = time.perf_counter()
    if kind == "pdf":
        pdf = _open_pdf(path)
        try:
            page = _pdf_page(pdf, number)
            try:
                layer = extract_text_layer(page, dpi=options.dpi)
                if text_is_meaningful(layer.text, min_chars=options.min_text_chars):
                    return PageExtraction(
                        number=number,
                        source="text_layer",
                        text=layer.text,
                        words=layer.words,
                        mean_confidence=None,
                        width_px=layer.width_px,
                        height_px=layer.height_px,
                        dpi=options.dpi,
                        rotation=0,
                        duration_ms=_elapsed_ms(started),
                    )
                width_pt, height_pt = page.get_size()
                scale = render_scale(
                    width_pt, height_pt, dpi=options.dpi, max_pixels=options.max_render_pixels
                )
                image = page.render(scale=scale, grayscale=True).to_pil()
                dpi = round(scale * 72)
            finally:
                page.close()
        finally:
            pdf.close()
    else:
        image, dpi = open_image_frame(path, number)
        if dpi > DOWNSCALE_ABOVE_DPI:
            factor = options.dpi / dpi
            image = ocr.prepare(image).resize(
                (max(1, round(image.width * factor)), max(1, round(image.height * factor))),
                Image.Resampling.LANCZOS,
            )
            dpi = options.dpi
    result = ocr.ocr_image(image, dpi=dpi, lang=options.lang)
    return PageExtraction(
        number=number,
        source="ocr",
        text=result.text,
        words=result.words,
        mean_confidence=result.mean_confidence,
        width_px=result.width_px,
        height_px=result.height_px,
        dpi=dpi,
        rotation=result.rotation,
        duration_ms=_elapsed_ms(started),
    )


def read_text_layers(
    path: Path, numbers: Iterable[int], *, options: PipelineOptions | None = None
) -> Iterator[tuple[int, PageExtraction | None]]:
    """Read the text layer of pages ``numbers`` of the PDF at ``path``, opening it once.

    Yields ``(number, extraction)`` in the order given, one page at a time: each page is
    closed before the next is loaded, so a 500-page document is never held in memory at once.
    ``extraction`` is None when the page's text layer holds no real text
    (:func:`text_is_meaningful`) or the page cannot be read: :func:`extract_page` then OCRs the
    page or reports it damaged. Raises ``DocumentPageError`` (on the first ``next``) when the
    file does not open as a PDF.
    """
    options = options or PipelineOptions.from_settings()
    pdf = _open_pdf(path)
    try:
        for number in numbers:
            started = time.perf_counter()
            try:
                page = _pdf_page(pdf, number)
            except DocumentPageError:
                yield number, None
                continue
            try:
                layer = extract_text_layer(page, dpi=options.dpi)
            except pypdfium2.PdfiumError:
                layer = None
            finally:
                page.close()
            if layer is None or not text_is_meaningful(
                layer.text, min_chars=options.min_text_chars
            ):
                yield number, None
                continue
            yield (
                number,
                PageExtraction(
                    number=number,
                    source="text_layer",
                    text=layer.text,
                    words=layer.words,
                    mean_confidence=None,
                    width_px=layer.width_px,
                    height_px=layer.height_px,
                    dpi=options.dpi,
                    rotation=0,
                    duration_ms=_elapsed_ms(started),
                ),
            )
    finally:
        pdf.close()


def render_page_image(
    path: Path, *, kind: str, number: int, width: int, rotation: int = 0
) -> Image.Image:
    """Page ``number`` as an RGB/grayscale image ``width`` pixels wide, turned ``rotation``
    degrees clockwise (as the OCR read it, so word boxes line up). Raises
    ``DocumentPageError``."""
    sideways = rotation in (90, 270)
    if kind == "pdf":
        pdf = _open_pdf(path)
        try:
            page = _pdf_page(pdf, number)
            try:
                width_pt, height_pt = page.get_size()
                scale = width / (height_pt if sideways else width_pt)
                scale = min(scale, render_scale(width_pt, height_pt, dpi=600, max_pixels=10**7))
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
        return ocr.rotate(image, rotation)
    frame, _dpi = open_image_frame(path, number)
    if frame.mode not in ("L", "RGB"):
        frame = frame.convert("RGB")
    frame = ocr.rotate(frame, rotation)
    if frame.width > width:
        height = max(1, round(frame.height * width / frame.width))
        frame = frame.resize((width, height), Image.Resampling.LANCZOS)
    return frame
