"""The electronic receipt as a one-page PDF (TT04/2023 Annex V layout, Art 16 fields).

Pure computation (reportlab, the core's fonts and QR code): no database access, so the signing
task renders outside any transaction. The signature stamp goes into :data:`SIGNATURE_BOX`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from thads.documents.pdf import MOTTO
from thads.documents.pdf import NATIONAL_HEADING
from thads.documents.pdf import QR_CAPTION
from thads.documents.pdf import QrFlowable
from thads.documents.pdf import registered_fonts
from thads.documents.pdf import vn_long_date

PAGE = landscape(A5)
WIDTH, HEIGHT = PAGE
MARGIN = 12 * mm
#: Where the collector's digital signature stamp is drawn (points, on the only page).
SIGNATURE_BOX = (int(WIDTH - MARGIN - 200), int(MARGIN + 4), int(WIDTH - MARGIN), int(MARGIN + 64))


@dataclass(frozen=True)
class ReceiptLayout:
    """The printed fields of one receipt (Vietnamese text, never translated)."""

    agency_parent: str
    agency: str
    kind_label: str
    template_symbol: str
    symbol: str
    number: str
    payer_name: str
    payer_address: str
    payer_id_number: str
    case_label: str
    purpose: str
    amount: str
    amount_words: str
    method: str
    collected_on: dt.date
    place: str
    collector_name: str
    lookup_code: str
    verify_url: str
    voided_note: str = ""


def receipt_pdf_render(layout: ReceiptLayout) -> bytes:
    """Render one receipt; returns the PDF bytes (A5 landscape, one page)."""
    fonts = registered_fonts()
    out = BytesIO()
    c = Canvas(out, pagesize=PAGE, pageCompression=1)
    c.setTitle(f"Biên lai {layout.symbol} số {layout.number}")
    c.setAuthor(layout.agency)
    c.setSubject(layout.kind_label)

    top = HEIGHT - MARGIN
    column = 88 * mm
    right_center = WIDTH - MARGIN - column / 2
    agency = Paragraph(
        f"{escape(layout.agency_parent.upper())}<br/><b>{escape(layout.agency.upper())}</b>",
        ParagraphStyle(
            "agency", fontName=fonts["regular"], fontSize=9, leading=11, alignment=TA_CENTER
        ),
    )
    _w, agency_height = agency.wrap(column, 60)
    agency.drawOn(c, MARGIN, top - 2 - agency_height)
    c.setFont(fonts["bold"], 10)
    c.drawCentredString(right_center, top - 10, NATIONAL_HEADING)
    c.setFont(fonts["bold"], 11)
    c.drawCentredString(right_center, top - 23, MOTTO)
    c.line(right_center - 60, top - 27, right_center + 60, top - 27)

    c.setFont(fonts["regular"], 9)
    c.drawRightString(WIDTH - MARGIN, top - 42, f"Mẫu số: {layout.template_symbol}")
    c.drawRightString(WIDTH - MARGIN, top - 53, f"Ký hiệu: {layout.symbol}")
    c.drawRightString(WIDTH - MARGIN, top - 64, f"Số: {layout.number}")

    c.setFont(fonts["bold"], 15)
    c.drawCentredString(WIDTH / 2, top - 52, layout.kind_label.upper())
    c.setFont(fonts["italic"], 10)
    c.drawCentredString(WIDTH / 2, top - 66, vn_long_date(layout.collected_on, layout.place))

    style = ParagraphStyle("line", fontName=fonts["regular"], fontSize=10.5, leading=14)
    lines = [
        ("Họ tên người nộp tiền", layout.payer_name),
        ("Địa chỉ", layout.payer_address),
        ("Số định danh", layout.payer_id_number),
        ("Hồ sơ thi hành án", layout.case_label),
        ("Nội dung thu", layout.purpose),
        ("Số tiền", layout.amount),
        ("Bằng chữ", layout.amount_words),
        ("Hình thức thu", layout.method),
    ]
    y = top - 84
    width = WIDTH - 2 * MARGIN
    for label, value in lines:
        para = Paragraph(f"<b>{escape(label)}:</b> {escape(value or '……')}", style)
        _w, h = para.wrap(width, 100)
        para.drawOn(c, MARGIN, y - h)
        y -= h + 2

    if layout.voided_note:
        c.setFont(fonts["bold"], 12)
        c.drawString(MARGIN, y - 14, layout.voided_note)

    qr_size = 26 * mm
    qr = QrFlowable(layout.verify_url, qr_size)
    qr.wrap(qr_size, qr_size)
    qr.drawOn(c, MARGIN, MARGIN + 6)
    c.setFont(fonts["italic"], 8)
    c.drawString(MARGIN + qr_size + 4, MARGIN + 46, QR_CAPTION)
    c.setFont(fonts["regular"], 8)
    c.drawString(MARGIN + qr_size + 4, MARGIN + 34, f"Mã tra cứu: {layout.lookup_code}")
    c.setFont(fonts["regular"], 6)
    c.drawString(MARGIN + qr_size + 4, MARGIN + 24, layout.verify_url)

    sig_left, _sig_bottom, sig_right, sig_top = SIGNATURE_BOX
    c.setFont(fonts["bold"], 10)
    c.drawCentredString((sig_left + sig_right) / 2, sig_top + 22, "NGƯỜI THU TIỀN")
    c.setFont(fonts["italic"], 8)
    c.drawCentredString((sig_left + sig_right) / 2, sig_top + 12, "(Ký số)")
    c.setFont(fonts["regular"], 9)
    c.drawCentredString((sig_left + sig_right) / 2, sig_top + 2, layout.collector_name)
    c.showPage()
    c.save()
    return out.getvalue()


def daily_statement_pdf_render(
    *, agency: str, day: dt.date, rows: list[tuple[str, int, int, int, str]], total: str
) -> bytes:
    """The office's daily statement: per series issued, valid, voided, gaps; A5 landscape."""
    fonts = registered_fonts()
    out = BytesIO()
    c = Canvas(out, pagesize=PAGE, pageCompression=1)
    c.setTitle(f"Bảng kê biên lai ngày {day:%d/%m/%Y}")
    c.setAuthor(agency)
    top = HEIGHT - MARGIN
    c.setFont(fonts["bold"], 10)
    c.drawString(MARGIN, top - 10, agency.upper())
    c.setFont(fonts["bold"], 14)
    c.drawCentredString(WIDTH / 2, top - 36, "BẢNG KÊ BIÊN LAI ĐIỆN TỬ TRONG NGÀY")
    c.setFont(fonts["italic"], 10)
    c.drawCentredString(WIDTH / 2, top - 50, vn_long_date(day))
    y = top - 76
    c.setFont(fonts["bold"], 10)
    for x, label in ((0, "Ký hiệu"), (90, "Đã lập"), (160, "Có hiệu lực"), (250, "Đã hủy")):
        c.drawString(MARGIN + x, y, label)
    c.drawString(MARGIN + 330, y, "Số bị thiếu / chuỗi băm")
    c.setFont(fonts["regular"], 10)
    for symbol, issued, valid, voided, note in rows:
        y -= 14
        c.drawString(MARGIN, y, symbol)
        c.drawString(MARGIN + 90, y, str(issued))
        c.drawString(MARGIN + 160, y, str(valid))
        c.drawString(MARGIN + 250, y, str(voided))
        c.drawString(MARGIN + 330, y, note)
    c.setFont(fonts["bold"], 10)
    c.drawString(MARGIN, y - 22, f"Tổng số tiền của biên lai có hiệu lực: {total}")
    c.setFont(fonts["regular"], 10)
    c.drawString(MARGIN, y - 38, "Số đã lập = số có hiệu lực + số đã hủy; không có số bị bỏ trống.")
    c.showPage()
    c.save()
    return out.getvalue()
