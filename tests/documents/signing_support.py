"""Fixtures and helpers of the PDF, signing and verification tests.

Test modules import the fixtures they use (``from tests.documents.signing_support import ...``).
The keystore lives in one temporary folder for the whole session, so the development CA is
generated once; each test points ``settings.PDF_SIGNING_DIR`` at it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from thads.documents.pdf import AdminDocument
from thads.documents.pdf import render_admin_document
from thads.documents.pdf import sample_decision
from thads.documents.signing import signer_cache_clear

PASSPHRASE = "mat-khau-kho-khoa-thu-nghiem-0123456789"
OFFICE_NAME = "Phòng Thi hành án dân sự khu vực 1"


@pytest.fixture(scope="session")
def signing_root(tmp_path_factory) -> Path:
    """The session's keystore folder (its CA is made on first use and then reused)."""
    return tmp_path_factory.mktemp("signing")


@pytest.fixture
def signing_settings(settings, signing_root):
    """Point the signing settings at the session keystore, software backend, fixed passphrase."""
    settings.PDF_SIGNING_BACKEND = "software"
    settings.PDF_SIGNING_DIR = signing_root
    settings.PDF_SIGNING_CA_CERT = ""
    settings.PDF_SIGNING_KEY_PASSPHRASE = PASSPHRASE
    yield settings
    signer_cache_clear()


def small_document(**changes) -> AdminDocument:
    """A one-page document."""
    fields = {
        "agency_parent": "Thi hành án dân sự tỉnh Thử A",
        "agency": OFFICE_NAME,
        "number_symbol": "05/QĐ-THADS",
        "place": "Hà Nội",
        "date": dt.date(2026, 1, 5),
        "doc_type": "Quyết định",
        "summary": "Về việc thi hành án theo đơn yêu cầu",
        "legal_bases": ["Căn cứ Luật Thi hành án dân sự số 106/2025/QH15"],
        "body": ["Điều 1. Thi hành án theo đơn yêu cầu của ông Nguyễn Văn Ân."],
        "recipients": ["Như Điều 1", "Lưu: VT"],
        "signer_title": "Chấp hành viên",
        "signer_name": "Lê Văn Cường",
    }
    fields.update(changes)
    return AdminDocument(**fields)


def two_page_decision(verify_url: str = "") -> AdminDocument:
    return sample_decision(
        agency_parent="Thi hành án dân sự tỉnh Thử A",
        agency=OFFICE_NAME,
        place="Hà Nội",
        date=dt.date(2026, 11, 23),
        verify_url=verify_url,
    )


@pytest.fixture(scope="session")
def one_page_pdf() -> bytes:
    return render_admin_document(small_document())


def page_texts(pdf: bytes) -> list[str]:
    """The text layer of every page (pdfium)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def squash(text: str) -> str:
    """``text`` without any whitespace (line breaks of justified text differ by engine)."""
    return re.sub(r"\s+", "", text)


def stamp_text(pdf: bytes) -> list[str]:
    """The text lines of the signature stamp, decoded through its font's ToUnicode map."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        widget = next(
            annot
            for page in document.pages
            for annot in page.get("/Annots", [])
            if annot.get("/FT") == "/Sig" or annot.get("/Parent", {}).get("/FT") == "/Sig"
        )
        texts: list[str] = []
        _collect_text(widget.AP.N, texts)
        return texts


def _collect_text(xobject, texts: list[str]) -> None:
    resources = xobject.get("/Resources", {})
    fonts = resources.get("/Font", {})
    cmap: dict[int, str] = {}
    for font in fonts.values():
        data = font.ToUnicode.read_bytes().decode("ascii")
        for code, uni in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", data):
            cmap[int(code, 16)] = chr(int(uni, 16))
    content = xobject.read_bytes().decode("latin-1")
    for hexcodes in re.findall(r"<([0-9a-f]*)> Tj", content):
        texts.append("".join(cmap[b] for b in bytes.fromhex(hexcodes)))
    for inner in resources.get("/XObject", {}).values():
        _collect_text(inner, texts)
