"""Pages of a judgment read from a file on disk, for the CLI and the benchmark (no database).

:func:`pages_from_path` accepts

* a ``.pdf``: each page's text layer when it holds real text, else the page rendered and OCRed
  (``thads.documents.pages.extract_page`` does both, with the platform's OCR settings);
* an image (``.png``, ``.jpg``/``.jpeg``, ``.tif``/``.tiff``, multi-frame TIFF included): each
  frame OCRed through the same pipeline;
* a ``.txt``: one page, or several when the text carries ``<Page:N>`` markers (as text produced
  by a PDF-to-text conversion does);
* a folder: its page images (and ``.txt`` pages), in name order, one page each (or several for
  a multi-frame TIFF).

:func:`cached_pages` keeps the pages read from a file in a JSON cache keyed by the file's
sha256, so benchmarks and the real-sample tests OCR each scan once.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from decisions.types import PageInput

PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
TEXT_SUFFIXES = (".txt",)
#: ``<Page:3>`` page markers of converted text.
PAGE_MARKER = re.compile(r"<\s*Page\s*:\s*(\d+)\s*>", re.IGNORECASE)
#: Version of the cache format (bump when what a page holds changes).
CACHE_VERSION = 1


class SourceError(Exception):
    """A path that cannot be read as a judgment; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pages_from_text(text: str) -> list[PageInput]:
    """Split ``text`` at ``<Page:N>`` markers (one page when there are none)."""
    text = _nfc(text.replace("\r\n", "\n"))
    markers = list(PAGE_MARKER.finditer(text))
    if not markers:
        return [PageInput(number=1, text=text)]
    pages: list[PageInput] = []
    head = text[: markers[0].start()]
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        body = text[marker.end() : end]
        if index == 0 and head.strip():
            body = head + body
        pages.append(PageInput(number=len(pages) + 1, text=body))
    return pages


def _frame_count(path: Path) -> int:
    try:
        with Image.open(path) as image:
            return int(getattr(image, "n_frames", 1))
    except (OSError, SyntaxError, ValueError) as exc:
        raise SourceError(f"Không đọc được tệp ảnh: {path.name}") from exc


def _pdf_page_count(path: Path) -> int:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise SourceError(f"Không đọc được tệp PDF: {path.name}") from exc
    try:
        return len(pdf)
    finally:
        pdf.close()


def _extract(path: Path, *, kind: str, count: int, first_number: int = 1) -> list[PageInput]:
    from thads.documents.exceptions import DocumentPageError
    from thads.documents.ocr import OcrEngineError
    from thads.documents.pages import extract_page

    pages: list[PageInput] = []
    for number in range(1, count + 1):
        try:
            result = extract_page(path, kind=kind, number=number)
        except DocumentPageError as exc:
            raise SourceError(f"Không đọc được trang {number} của tệp {path.name}.") from exc
        except OcrEngineError as exc:
            raise SourceError(f"Không nhận dạng được chữ (OCR) trang {number}: {exc}") from exc
        pages.append(
            PageInput(
                number=first_number + number - 1,
                text=_nfc(result.text),
                mean_confidence=result.mean_confidence,
            )
        )
    return pages


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"Không đọc được tệp: {path.name}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"Tệp văn bản không phải UTF-8: {path.name}") from exc


def pages_from_path(path: str | Path) -> list[PageInput]:
    """The pages of the judgment at ``path`` (see the module docstring for what is accepted).

    Raises :class:`SourceError` (Vietnamese message) for a missing path, an unsupported or
    unreadable file, an empty folder, or OCR failure.
    """
    path = Path(path)
    if not path.exists():
        raise SourceError(f"Không tìm thấy tệp hoặc thư mục: {path}")
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES + TEXT_SUFFIXES
        )
        if not files:
            raise SourceError(f"Thư mục không có ảnh trang nào: {path}")
        pages: list[PageInput] = []
        for file in files:
            if file.suffix.lower() in TEXT_SUFFIXES:
                for page in pages_from_text(_read_text(file)):
                    pages.append(PageInput(number=len(pages) + 1, text=page.text))
            else:
                pages += _extract(
                    file, kind="image", count=_frame_count(file), first_number=len(pages) + 1
                )
        return pages
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return pages_from_text(_read_text(path))
    if suffix in PDF_SUFFIXES:
        return _extract(path, kind="pdf", count=_pdf_page_count(path))
    if suffix in IMAGE_SUFFIXES:
        return _extract(path, kind="image", count=_frame_count(path))
    raise SourceError(
        f"Định dạng tệp không được hỗ trợ ({suffix or 'không có phần mở rộng'}): "
        "hãy dùng PDF, PNG, JPG, TIFF, TXT hoặc một thư mục ảnh trang."
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cached_pages(
    path: str | Path,
    cache_dir: str | Path,
    *,
    reader: Callable[[Path], list[PageInput]] = pages_from_path,
) -> list[PageInput]:
    """``reader(path)``, cached as JSON under ``cache_dir`` keyed by the file's sha256."""
    path = Path(path)
    cache_dir = Path(cache_dir)
    key = file_sha256(path)
    cache_file = cache_dir / f"{key}.json"
    if cache_file.exists():
        try:
            data = json.loads(cache_file.read_text(encoding="utf-8"))
            if data.get("version") == CACHE_VERSION:
                return [PageInput(**page) for page in data["pages"]]
        except (OSError, ValueError, TypeError, KeyError):
            pass
    pages = reader(path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": CACHE_VERSION,
        "file": path.name,
        "pages": [
            {"number": p.number, "text": p.text, "mean_confidence": p.mean_confidence}
            for p in pages
        ],
    }
    tmp = cache_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    tmp.replace(cache_file)
    return pages
