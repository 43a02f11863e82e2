"""Exports of the intake side: statement lines and the daily reconciliation as CSV (and XLSX
when openpyxl is installed), and the payment notice with its VietQR code as PDF.

Spreadsheet cells never start with ``=`` ``+`` ``-`` ``@`` (or a tab / carriage return): such
a text is prefixed with ``'`` so that Excel or LibreOffice shows it instead of running it as a
formula (OWASP "CSV injection"). Numbers stay numbers.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from thads.documents.pdf import QrFlowable
from thads.documents.pdf import registered_fonts
from thads.documents.pdf import vn_long_date
from thads.money import format_vnd
from thads.money import vnd_in_words

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as it may go into a spreadsheet cell: ints and None unchanged, text that a
    spreadsheet would read as a formula prefixed with ``'``."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def xlsx_available() -> bool:
    """Whether openpyxl is installed (it is not a dependency of the project yet)."""
    return importlib.util.find_spec("openpyxl") is not None


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV in UTF-8 with a BOM (Excel opens Vietnamese correctly), every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """The same table as an XLSX workbook (needs openpyxl: see :func:`xlsx_available`)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def statement_table(lines: Iterable[Any]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a statement's lines with what each was matched to."""
    header = [
        _("Dòng"),
        _("Ngày giao dịch"),
        _("Chiều"),
        _("Số tiền (đồng)"),
        _("Số tham chiếu"),
        _("Người chuyển"),
        _("Tài khoản đối ứng"),
        _("Nội dung"),
        _("Đối chiếu"),
        _("Cách khớp"),
        _("Hồ sơ"),
        _("Biên lai"),
    ]
    rows = [
        [
            line.line_no,
            line.value_date.strftime("%d/%m/%Y"),
            line.get_direction_display(),
            line.amount_vnd,
            line.bank_reference,
            line.payer_name,
            line.payer_account,
            line.content,
            line.get_match_display(),
            line.match_rule,
            line.case.number if line.case_id else "",
            f"{line.receipt.series.symbol}/{line.receipt.number:07d}" if line.receipt_id else "",
        ]
        for line in lines
    ]
    return header, rows


def daily_report_table(report: Any) -> tuple[list[str], list[list[Any]]]:
    """The daily reconciliation as a two-column table (item, amount)."""
    header = [_("Khoản mục"), _("Số tiền (đồng)")]
    rows: list[list[Any]] = [
        [_("Đơn vị"), report.office.name],
        [_("Ngày"), report.day.strftime("%d/%m/%Y")],
    ]
    rows += [
        [_("Biên lai %(method)s (%(n)s)") % {"method": m.label, "n": m.count}, m.amount_vnd]
        for m in report.by_method
    ]
    rows += [
        [_("Tổng thu theo biên lai"), report.receipts_total_vnd],
        [_("Số biên lai đã hủy"), report.voided_count],
        [
            _("Tiền mặt nhập quỹ (sổ quỹ)"),
            report.cash_count.cash_in_vnd if report.cash_count else "",
        ],
        [
            _("Chênh lệch tiền mặt"),
            "" if report.cash_difference is None else report.cash_difference,
        ],
        [
            _("Ghi có theo sao kê (%(n)s dòng)") % {"n": report.bank_credit_lines},
            report.bank_credits_vnd,
        ],
        [
            _("Chênh lệch chuyển khoản"),
            "" if report.bank_difference is None else report.bank_difference,
        ],
        [_("Số dòng sao kê chưa khớp"), len(report.bank_unmatched)],
    ]
    rows += [
        [
            _("Chưa khớp: dòng %(n)s – %(payer)s – %(content)s")
            % {"n": line.line_no, "payer": line.payer_name, "content": line.content},
            line.amount_vnd,
        ]
        for line in report.bank_unmatched
    ]
    return header, rows


def payment_notice_pdf(notice: Any, *, today: Any) -> bytes:
    """The payment notice (giấy báo nộp tiền) as an A4 PDF: the case, the amount in figures
    and words, the office's account and the VietQR code a banking app reads to prefill the
    transfer (content carrying the case reference)."""
    fonts = registered_fonts()
    body = ParagraphStyle("body", fontName=fonts["regular"], fontSize=12.5, leading=17)
    bold = ParagraphStyle("bold", parent=body, fontName=fonts["bold"])
    title = ParagraphStyle("title", parent=bold, fontSize=15, alignment=1, spaceAfter=6)
    centre = ParagraphStyle("centre", parent=body, alignment=1)
    case = notice.case
    account = notice.account

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        from xml.sax.saxutils import escape

        return Paragraph(escape(text), style)

    rows = [
        [p(_("Hồ sơ thi hành án số")), p(case.number, bold)],
        [p(_("Người phải thi hành án")), p(case.debtor_name)],
        [p(_("Số tiền cần nộp")), p(format_vnd(notice.amount_vnd), bold)],
        [
            p(_("Bằng chữ")),
            p(vnd_in_words(notice.amount_vnd).capitalize() if notice.amount_vnd else ""),
        ],
        [p(_("Đơn vị thụ hưởng")), p(account.account_name)],
        [p(_("Số tài khoản")), p(account.account_number, bold)],
        [p(_("Ngân hàng")), p(account.bank_name)],
        [p(_("Nội dung chuyển khoản")), p(notice.content, bold)],
    ]
    table = Table(rows, colWidths=[60 * mm, 110 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts["regular"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, "#999999"),
            ]
        )
    )
    qr = QrFlowable(notice.payload, 55 * mm)
    qr.hAlign = "CENTER"
    story = [
        p(case.office.name.upper(), centre),
        Spacer(1, 4 * mm),
        p(_("GIẤY BÁO NỘP TIỀN THI HÀNH ÁN"), title),
        p(vn_long_date(today), centre),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 8 * mm),
        qr,
        p(_("Quét mã VietQR bằng ứng dụng ngân hàng để chuyển khoản."), centre),
        Spacer(1, 4 * mm),
        p(
            _(
                "Vui lòng giữ nguyên nội dung chuyển khoản để cơ quan thi hành án đối chiếu và "
                "lập biên lai. Biên lai điện tử được gửi sau khi tiền về tài khoản."
            )
        ),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Giấy báo nộp tiền %(number)s") % {"number": case.number},
        author=case.office.name,
        creator="THADS",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        initialFontName=fonts["regular"],
    ).build(story)
    return buffer.getvalue()
