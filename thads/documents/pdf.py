"""Vietnamese administrative documents as PDF (reportlab), laid out per Decree 30/2020/NĐ-CP.

One implementation for every document the platform issues (decisions, receipts' cover pages,
notices): :class:`AdminDocument` holds the parts Annex I of Decree 30/2020/NĐ-CP names, and
:func:`render_admin_document` lays them out:

- A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm (Annex I, II.3);
- Times New Roman metrics (Liberation Serif 2 on Debian, or Times New Roman itself where it
  is installed), Unicode, black; the TrueType font is embedded as a subset, so the file reads
  the same everywhere (Annex I, II.1);
- the heading block in two columns: issuing agency (parent agency upper case, issuing office
  upper case bold, a short rule) and "Số: ..." on the left; the national heading (12 pt bold
  caps) and motto (13 pt bold, a rule as long as the motto) with the italic place and date on
  the right;
- the document type (bold caps, centred), the summary (bold, centred, a short rule), the
  issuing authority, the legal bases (italic), the body (justified, first-line indent 1.27 cm,
  "Điều N." in bold);
- "Nơi nhận:" bottom left (bold italic 12 pt, list 11 pt) and the signer bottom right
  (authority and title bold caps, room for the signature, name bold);
- page numbers from page 2, centred at the top (Annex I, II.4.b);
- a QR code of the public verification URL with a caption, under "Nơi nhận";
- PDF metadata: title, author (the issuing office), subject (the summary), creation date.

:func:`render_admin_document_layout` also returns where the signature space landed, so
:func:`thads.documents.signing.sign_pdf` can put the visible signature stamp there.

Fonts are looked up in ``settings.PDF_FONT_PATHS`` (else :data:`DEFAULT_FONT_PATHS`); the first
file whose family covers every Vietnamese letter wins. The system check ``documents.E001``
fails when none does.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle
from reportlab.platypus.flowables import HRFlowable

from thads.documents.qr import qr_matrix

# --- Fonts -------------------------------------------------------------------------------------

#: Every letter of the Vietnamese alphabet with its diacritics, lower and upper case (134).
VIETNAMESE_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)

#: Regular faces tried in order when ``settings.PDF_FONT_PATHS`` is not set. Times New Roman
#: is what Decree 30 names; Liberation Serif 2 has its metrics (Debian fonts-liberation2; the
#: 1.x files lack most Vietnamese letters and are refused by the glyph check).
DEFAULT_FONT_PATHS = (
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)

_STYLE_SUFFIXES = {
    "bold": ("Bold",),
    "italic": ("Italic", "Oblique"),
    "bold_italic": ("BoldItalic", "Bold_Italic", "BoldOblique"),
}


class PdfFontError(RuntimeError):
    """No configured font can print Vietnamese; the message says what to install."""


@dataclass(frozen=True)
class FontFamily:
    """The four faces of one TrueType family, as files."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def name(self) -> str:
        """The reportlab name of the family (its regular face's file name)."""
        return "THADS-" + self.regular.stem

    def face_names(self) -> dict[str, str]:
        base = self.name
        return {
            "regular": base,
            "bold": base + "-B",
            "italic": base + "-I",
            "bold_italic": base + "-BI",
        }


def font_paths() -> tuple[str, ...]:
    """The regular font files to try, in order: ``settings.PDF_FONT_PATHS`` or the defaults."""
    configured = getattr(settings, "PDF_FONT_PATHS", None)
    return tuple(configured) if configured else DEFAULT_FONT_PATHS


@functools.cache
def missing_vietnamese_letters(path: str) -> str:
    """The Vietnamese letters the TrueType file at ``path`` has no glyph for ("" when none)."""
    face = TTFontFile(path)
    return "".join(ch for ch in VIETNAMESE_LETTERS if ord(ch) not in face.charToGlyph)


def _style_file(regular: Path, style: str) -> Path | None:
    """The bold/italic/bold-italic file beside ``regular`` (``X-Regular.ttf`` -> ``X-Bold.ttf``,
    ``DejaVuSerif.ttf`` -> ``DejaVuSerif-Bold.ttf``, ``Times_New_Roman.ttf`` ->
    ``Times_New_Roman_Bold.ttf``), or None."""
    stem, suffix = regular.stem, regular.suffix
    candidates = []
    for word in _STYLE_SUFFIXES[style]:
        if "Regular" in stem:
            candidates.append(stem.replace("Regular", word))
        candidates.extend((f"{stem}-{word}", f"{stem}_{word}"))
    if style == "bold_italic":
        candidates.extend((f"{stem}_Bold_Italic", f"{stem}-Bold-Italic"))
    for name in candidates:
        path = regular.with_name(name + suffix)
        if path.is_file():
            return path
    return None


def _family_problem(regular: Path) -> tuple[FontFamily | None, str]:
    """The family of ``regular`` if all four faces exist and cover Vietnamese, else why not."""
    if not regular.is_file():
        return None, _("không có tệp")
    faces: dict[str, Path] = {"regular": regular}
    for style in _STYLE_SUFFIXES:
        found = _style_file(regular, style)
        if found is None:
            return None, _("thiếu kiểu chữ %(style)s") % {"style": style}
        faces[style] = found
    for path in faces.values():
        try:
            missing = missing_vietnamese_letters(str(path))
        except Exception as exc:  # reportlab raises TTFError and plain errors on bad files
            return None, _("không đọc được %(file)s (%(error)s)") % {
                "file": path.name,
                "error": exc,
            }
        if missing:
            return None, _("%(file)s thiếu %(count)s chữ tiếng Việt (%(sample)s...)") % {
                "file": path.name,
                "count": len(missing),
                "sample": missing[:8],
            }
    return FontFamily(**faces), ""


def find_font_family(paths: Sequence[str] | None = None) -> FontFamily:
    """The first configured font family with every Vietnamese letter in all four faces.

    Raises :class:`PdfFontError` listing each file tried and why it was refused.
    """
    tried = []
    for path in paths if paths is not None else font_paths():
        family, problem = _family_problem(Path(path))
        if family is not None:
            return family
        tried.append(f"{path}: {problem}")
    raise PdfFontError(
        _(
            "Không có phông chữ nào in được đủ dấu tiếng Việt để tạo văn bản PDF. Đã thử: "
            "%(tried)s. Cài gói fonts-liberation2 (Liberation Serif, cùng kích thước với Times "
            "New Roman) hoặc đặt THADS_PDF_FONT_PATHS."
        )
        % {"tried": "; ".join(tried) or _("(danh sách trống)")}
    )


@functools.cache
def _register_family(family: FontFamily) -> dict[str, str]:
    names = family.face_names()
    for style, name in names.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(getattr(family, style))))
    pdfmetrics.registerFontFamily(
        family.name,
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    return names


def registered_fonts() -> dict[str, str]:
    """Register the document font family with reportlab once; return its face names.

    Keys ``regular``, ``bold``, ``italic``, ``bold_italic``. Raises :class:`PdfFontError`.
    """
    return _register_family(find_font_family())


# --- Dates -------------------------------------------------------------------------------------


def vn_long_date(date: dt.date, place: str = "") -> str:
    """The place-and-date line of an administrative document: "Hà Nội, ngày 05 tháng 01 năm 2026".

    Decree 30/2020/NĐ-CP, Annex I, II.5: days below 10 and the months January and February
    take a leading zero ("tháng 01", "tháng 02"; but "tháng 3"). Without ``place`` the line
    starts at "ngày".
    """
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text


# --- The document ------------------------------------------------------------------------------

# The document's own words are never translated: a decision is Vietnamese whatever language
# the person who issues it reads the interface in. Only operator messages go through gettext.
NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
QR_CAPTION = "Quét mã để kiểm tra tính xác thực"

#: Page geometry (Decree 30/2020/NĐ-CP, Annex I, II.3), in points.
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

BODY_SIZE = 14
BODY_LEADING = 18
FIRST_LINE_INDENT = 12.7 * mm  # 1.27 cm
HEADING_SIZE = 12
MOTTO_SIZE = 13
QR_SIZE = 22 * mm
SIGNATURE_SPACE = 28 * mm

_ARTICLE = re.compile(r"^(Điều\s+\d+[a-zđ]?\.)\s*(.*)$", re.DOTALL)


@dataclass(frozen=True)
class AdminDocument:
    """The parts of one administrative document (Decree 30/2020/NĐ-CP, Annex I).

    Text is plain (no markup). ``body`` paragraphs starting with "Điều N." get that prefix in
    bold; a short paragraph in capitals ending with ":" ("QUYẾT ĐỊNH:") is centred in bold.
    ``legal_bases`` and ``recipients`` get their ";" / "." endings when they have none.
    """

    agency_parent: str
    agency: str
    number_symbol: str
    place: str
    date: dt.date
    doc_type: str
    summary: str
    legal_bases: Sequence[str] = field(default_factory=tuple)
    body: Sequence[str] = field(default_factory=tuple)
    recipients: Sequence[str] = field(default_factory=tuple)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    verify_url: str = ""
    #: Who decides, printed in bold capitals above the legal bases ("TRƯỞNG PHÒNG ...").
    issuer_title: str = ""

    @property
    def title(self) -> str:
        """The PDF title: "Quyết định số 123/QĐ-THADS"."""
        return f"{self.doc_type.capitalize()} số {self.number_symbol}"


@dataclass(frozen=True)
class SignatureBox:
    """Where the signature space of a rendered document is: page index and box in points."""

    page_index: int
    x1: float
    y1: float
    x2: float
    y2: float

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered document: the PDF, its page count and its signature space."""

    pdf: bytes
    page_count: int
    signature_box: SignatureBox | None


class QrFlowable(Flowable):
    """A QR code drawn as vector rectangles (one path), ``size`` points wide with quiet zone."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.matrix = qr_matrix(data)
        self.size = size
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        modules = len(self.matrix)
        quiet = 4
        unit = self.size / (modules + 2 * quiet)
        canvas = self.canv
        path = canvas.beginPath()
        for row_index, row in enumerate(self.matrix):
            y = self.size - (row_index + quiet + 1) * unit
            col = 0
            while col < modules:
                if not row[col]:
                    col += 1
                    continue
                start = col
                while col < modules and row[col]:
                    col += 1
                path.rect((start + quiet) * unit, y, (col - start) * unit, unit)
        canvas.setFillColor(black)
        canvas.drawPath(path, stroke=0, fill=1)


class SignatureSpace(Flowable):
    """Empty room for the signature that records where it was drawn (page and box)."""

    INSET = 4

    def __init__(self, width: float, height: float, record: list[SignatureBox]) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.record = record

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        a, b, c, d, e, f = canvas._currentMatrix  # absolute position inside tables
        x1, y1 = e, f
        x2, y2 = a * self.width + c * self.height + e, b * self.width + d * self.height + f
        inset = self.INSET  # keeps the stamp's frame off the title above and the name below
        self.record.append(
            SignatureBox(
                canvas.getPageNumber() - 1,
                min(x1, x2) + inset,
                min(y1, y2) + inset,
                max(x1, x2) - inset,
                max(y1, y2) - inset,
            )
        )


def _styles(fonts: dict[str, str]) -> dict[str, ParagraphStyle]:
    regular, bold = fonts["regular"], fonts["bold"]
    italic, bold_italic = fonts["italic"], fonts["bold_italic"]

    def style(name: str, **kwargs: Any) -> ParagraphStyle:
        kwargs.setdefault("fontName", regular)
        kwargs.setdefault("fontSize", BODY_SIZE)
        kwargs.setdefault("leading", BODY_LEADING)
        kwargs.setdefault("textColor", black)
        return ParagraphStyle(name, **kwargs)

    return {
        "agency_parent": style(
            "agency_parent", fontSize=HEADING_SIZE, leading=15, alignment=TA_CENTER
        ),
        "agency": style(
            "agency", fontName=bold, fontSize=HEADING_SIZE, leading=15, alignment=TA_CENTER
        ),
        "number": style("number", fontSize=13, leading=16, alignment=TA_CENTER, spaceBefore=4),
        "national": style(
            "national", fontName=bold, fontSize=HEADING_SIZE, leading=15, alignment=TA_CENTER
        ),
        "motto": style(
            "motto", fontName=bold, fontSize=MOTTO_SIZE, leading=16, alignment=TA_CENTER
        ),
        "place_date": style(
            "place_date", fontName=italic, fontSize=BODY_SIZE, leading=17, alignment=TA_CENTER
        ),
        "doc_type": style(
            "doc_type", fontName=bold, alignment=TA_CENTER, spaceBefore=20, leading=18
        ),
        "summary": style("summary", fontName=bold, alignment=TA_CENTER, leading=18),
        "issuer": style("issuer", fontName=bold, alignment=TA_CENTER, spaceBefore=10, spaceAfter=8),
        "legal": style(
            "legal",
            fontName=italic,
            alignment=TA_JUSTIFY,
            firstLineIndent=FIRST_LINE_INDENT,
            spaceAfter=3,
        ),
        "body": style(
            "body", alignment=TA_JUSTIFY, firstLineIndent=FIRST_LINE_INDENT, spaceAfter=6
        ),
        "center_bold": style(
            "center_bold", fontName=bold, alignment=TA_CENTER, spaceBefore=6, spaceAfter=6
        ),
        "recipients_label": style(
            "recipients_label", fontName=bold_italic, fontSize=12, leading=14, alignment=TA_LEFT
        ),
        "recipients": style("recipients", fontSize=11, leading=13, alignment=TA_LEFT),
        "signer_caps": style("signer_caps", fontName=bold, alignment=TA_CENTER, leading=17),
        "signer_name": style("signer_name", fontName=bold, alignment=TA_CENTER),
        "qr_caption": style(
            "qr_caption", fontName=italic, fontSize=9, leading=11, alignment=TA_LEFT
        ),
        "qr_url": style("qr_url", fontSize=6.5, leading=8, alignment=TA_LEFT),
        "page_number": style("page_number", fontSize=13),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _with_ending(items: Sequence[str], middle: str, last: str) -> list[str]:
    """Give each item but the last ``middle`` and the last ``last``, unless already punctuated."""
    out = []
    for index, item in enumerate(items):
        text = item.strip()
        if text and text[-1] not in ";.:,":
            text += last if index == len(items) - 1 else middle
        out.append(text)
    return out


def _rule(length: float, *, before: float = 1, after: float = 2) -> HRFlowable:
    return HRFlowable(
        width=length,
        thickness=0.6,
        color=black,
        hAlign="CENTER",
        spaceBefore=before,
        spaceAfter=after,
    )


def _line_width(text: str, font: str, size: float, limit: float) -> float:
    return min(pdfmetrics.stringWidth(text, font, size), limit)


def _balanced(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` as one line, or two of similar length when it does not fit ``width``
    ("PHÒNG THI HÀNH ÁN DÂN SỰ / KHU VỰC 1", not "PHÒNG ... KHU / VỰC 1")."""
    words = text.split()
    if len(words) < 2 or pdfmetrics.stringWidth(text, font, size) <= width:
        return [text]
    best = min(
        range(1, len(words)),
        key=lambda i: max(
            pdfmetrics.stringWidth(" ".join(words[:i]), font, size),
            pdfmetrics.stringWidth(" ".join(words[i:]), font, size),
        ),
    )
    return [" ".join(words[:best]), " ".join(words[best:])]


def _lines(lines: list[str], style: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def _heading(doc: AdminDocument, st: dict[str, ParagraphStyle]) -> Table:
    national = NATIONAL_HEADING
    motto = MOTTO
    right_width = pdfmetrics.stringWidth(national, st["national"].fontName, HEADING_SIZE) + 8
    left_width = FRAME_WIDTH - right_width
    agency = doc.agency.upper()
    agency_lines = _balanced(agency, st["agency"].fontName, HEADING_SIZE, left_width)
    agency_line = max(
        _line_width(line, st["agency"].fontName, HEADING_SIZE, left_width) for line in agency_lines
    )
    motto_width = pdfmetrics.stringWidth(motto, st["motto"].fontName, MOTTO_SIZE)
    left: list[Flowable] = []
    if doc.agency_parent:
        font = st["agency_parent"].fontName
        parent_lines = _balanced(doc.agency_parent.upper(), font, HEADING_SIZE, left_width)
        left.append(_lines(parent_lines, st["agency_parent"]))
    left += [
        _lines(agency_lines, st["agency"]),
        _rule(max(agency_line / 3, 40), before=3),
    ]
    right = [
        _p(national, st["national"]),
        _p(motto, st["motto"]),
        _rule(motto_width, before=3),
    ]
    number = _p(f"Số: {doc.number_symbol}", st["number"])
    place_date = _p(vn_long_date(doc.date, doc.place), st["place_date"])
    table = Table(
        [[left, right], [number, place_date]],
        colWidths=[left_width, right_width],
        hAlign="CENTER",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # a table's default cell font is Helvetica, which would be declared unembedded
                ("FONTNAME", (0, 0), (-1, -1), st["body"].fontName),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ]
        )
    )
    return table


def _body_paragraph(text: str, st: dict[str, ParagraphStyle]) -> Paragraph:
    stripped = text.strip()
    if stripped.endswith(":") and stripped == stripped.upper() and len(stripped) <= 40:
        return _p(stripped, st["center_bold"])
    match = _ARTICLE.match(stripped)
    if match:
        return Paragraph(f"<b>{escape(match[1])}</b> {escape(match[2])}", st["body"])
    return _p(stripped, st["body"])


def _closing(
    doc: AdminDocument, st: dict[str, ParagraphStyle], record: list[SignatureBox]
) -> Table:
    left_width = FRAME_WIDTH * 0.48
    right_width = FRAME_WIDTH - left_width
    left: list[Flowable] = []
    if doc.recipients:
        left.append(_p("Nơi nhận:", st["recipients_label"]))
        left += [
            _p(f"- {line}", st["recipients"]) for line in _with_ending(doc.recipients, ";", ".")
        ]
    if doc.verify_url:
        left += [
            Spacer(1, 8),
            QrFlowable(doc.verify_url, QR_SIZE),
            _p(QR_CAPTION, st["qr_caption"]),
            _p(doc.verify_url, st["qr_url"]),
        ]
    right: list[Flowable] = []
    if doc.signer_authority:
        right.append(_p(doc.signer_authority.upper(), st["signer_caps"]))
    if doc.signer_title:
        right.append(_p(doc.signer_title.upper(), st["signer_caps"]))
    right.append(SignatureSpace(right_width - 20, SIGNATURE_SPACE, record))
    if doc.signer_name:
        right.append(_p(doc.signer_name, st["signer_name"]))
    table = Table(
        [[left or [Spacer(1, 1)], right]], colWidths=[left_width, right_width], hAlign="CENTER"
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # a table's default cell font is Helvetica, which would be declared unembedded
                ("FONTNAME", (0, 0), (-1, -1), st["body"].fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ]
        )
    )
    return table


def _story(
    doc: AdminDocument, st: dict[str, ParagraphStyle], record: list[SignatureBox]
) -> list[Flowable]:
    story: list[Flowable] = [_heading(doc, st), _p(doc.doc_type.upper(), st["doc_type"])]
    if doc.summary:
        summary_width = _line_width(doc.summary, st["summary"].fontName, BODY_SIZE, FRAME_WIDTH)
        story += [
            _p(doc.summary, st["summary"]),
            _rule(max(summary_width * 0.4, 50), before=4, after=6),
        ]
    if doc.issuer_title:
        story.append(_p(doc.issuer_title.upper(), st["issuer"]))
    else:
        story.append(Spacer(1, 6))
    story += [_p(line, st["legal"]) for line in _with_ending(doc.legal_bases, ";", ".")]
    story += [_body_paragraph(text, st) for text in doc.body if text.strip()]
    story += [Spacer(1, 10), KeepTogether([_closing(doc, st, record)])]
    return story


def render_admin_document_layout(doc: AdminDocument) -> RenderedDocument:
    """Render ``doc`` to PDF and tell where its signature space is.

    Pure computation (about 30 ms for two pages); raises :class:`PdfFontError` when no font
    can print Vietnamese.
    """
    fonts = registered_fonts()
    st = _styles(fonts)
    record: list[SignatureBox] = []
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=doc.title,
        author=doc.agency,
        subject=doc.summary,
        creator="THADS",
        lang="vi-VN",
        # else reportlab declares Helvetica, a font that is not embedded, on every page
        initialFontName=fonts["regular"],
        initialFontSize=BODY_SIZE,
    )

    def later_pages(canvas: Any, _template: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts["regular"], 13)
        canvas.drawCentredString(
            MARGIN_LEFT + FRAME_WIDTH / 2,
            PAGE_HEIGHT - MARGIN_TOP / 2 - 4,
            str(canvas.getPageNumber()),
        )
        canvas.restoreState()

    template.build(_story(doc, st, record), onLaterPages=later_pages)
    return RenderedDocument(
        pdf=buffer.getvalue(),
        page_count=template.page,
        signature_box=record[-1] if record else None,
    )


def render_admin_document(doc: AdminDocument) -> bytes:
    """Render ``doc`` to PDF bytes (Decree 30/2020/NĐ-CP layout, fonts embedded).

    Raises :class:`PdfFontError` when no configured font can print Vietnamese.
    """
    return render_admin_document_layout(doc).pdf


def sample_decision(
    *,
    agency_parent: str,
    agency: str,
    place: str,
    date: dt.date,
    number_symbol: str = "01/QĐ-THADS",
    verify_url: str = "",
) -> AdminDocument:
    """A neutral two-page decision used by the sample command, the tests and the benchmark.

    "Quyết định về việc thi hành án theo đơn yêu cầu" citing the Law on Civil Judgment
    Enforcement No. 106/2025/QH15; the names are invented, and no official form code is used.
    """
    return AdminDocument(
        agency_parent=agency_parent,
        agency=agency,
        number_symbol=number_symbol,
        place=place,
        date=date,
        doc_type="Quyết định",
        summary="Về việc thi hành án theo đơn yêu cầu",
        issuer_title=f"Thủ trưởng {agency}",
        legal_bases=[
            "Căn cứ Luật Thi hành án dân sự số 106/2025/QH15",
            "Căn cứ Bản án số 12/2026/DS-ST ngày 05 tháng 3 năm 2026 của Tòa án nhân dân khu vực 1",
            "Xét đơn yêu cầu thi hành án của ông Nguyễn Văn Ân ngày 02 tháng 11 năm 2026",
        ],
        body=[
            "QUYẾT ĐỊNH:",
            "Điều 1. Thi hành án đối với bà Trần Thị Bích, địa chỉ: số 12 phố Hàng Bạc, phường "
            "Hoàn Kiếm, thành phố Hà Nội.",
            "Các khoản phải thi hành: trả cho ông Nguyễn Văn Ân số tiền 125.000.000 đồng (một "
            "trăm hai mươi lăm triệu đồng) và tiền lãi chậm thi hành án theo quy định của pháp "
            "luật, kể từ ngày người được thi hành án có đơn yêu cầu thi hành án.",
            "Điều 2. Người phải thi hành án có thời hạn tự nguyện thi hành án là 10 ngày, kể từ "
            "ngày nhận được hoặc được thông báo hợp lệ Quyết định này. Hết thời hạn trên mà "
            "người phải thi hành án có điều kiện thi hành án nhưng không tự nguyện thi hành thì "
            "bị cưỡng chế thi hành án theo quy định của pháp luật.",
            "Điều 3. Chấp hành viên được phân công tổ chức thi hành án có trách nhiệm xác minh "
            "điều kiện thi hành án, áp dụng các biện pháp bảo đảm, cưỡng chế thi hành án khi "
            "cần thiết và báo cáo kết quả thi hành án với Thủ trưởng cơ quan.",
            "Điều 4. Quyết định này có hiệu lực kể từ ngày ký. Chấp hành viên, người được thi "
            "hành án, người phải thi hành án và các cơ quan, tổ chức, cá nhân có liên quan "
            "chịu trách nhiệm thi hành Quyết định này.",
        ],
        recipients=[
            "Như Điều 4",
            "Viện kiểm sát nhân dân khu vực 1",
            "Lưu: VT, hồ sơ thi hành án",
        ],
        signer_authority="KT. Thủ trưởng",
        signer_title="Phó Thủ trưởng",
        signer_name="Lê Văn Cường",
        verify_url=verify_url,
    )
