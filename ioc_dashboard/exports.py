"""XLSX export of the sector's periodic report (openpyxl): one sheet per table, numbers kept as
numbers (VND with thousands separators, rates as percentages), a title block with the scope,
the period (dd/mm/yyyy) and the time the figures were computed."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ioc_dashboard.selectors.reports import Report

__all__ = ["report_xlsx"]

_FORMATS = {"count": "#,##0", "vnd": "#,##0", "rate": "0.00%"}


def report_xlsx(report: Report) -> bytes:
    """The report as an XLSX file (bytes)."""
    wb = Workbook()
    wb.remove(wb.active)
    for n, table in enumerate(report.tables, start=1):
        ws = wb.create_sheet(title=f"{n}. {table.title}"[:31])
        ws["A1"] = report.title
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"] = _("Đơn vị báo cáo: %(s)s") % {"s": report.scope_label}
        ws["A3"] = _("Từ ngày %(a)s đến ngày %(b)s") % {
            "a": f"{report.period.start:%d/%m/%Y}",
            "b": f"{report.period.end:%d/%m/%Y}",
        }
        if report.fresh_at:
            ws["A4"] = _("Số liệu tính đến %(t)s") % {
                "t": f"{timezone.localtime(report.fresh_at):%H:%M %d/%m/%Y}"
            }
        ws["A5"] = table.title
        ws["A5"].font = Font(bold=True)
        header_row = 6
        for col, head in enumerate(table.headers, start=1):
            cell = ws.cell(row=header_row, column=col, value=head)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for r, values in enumerate(table.values, start=header_row + 1):
            for col, (value, kind) in enumerate(zip(values, table.kinds, strict=True), start=1):
                cell = ws.cell(row=r, column=col, value=value)
                if kind in _FORMATS:
                    cell.number_format = _FORMATS[kind]
            if values and values[0] == _("Tổng cộng"):
                for col in range(1, len(values) + 1):
                    ws.cell(row=r, column=col).font = Font(bold=True)
        ws.column_dimensions["A"].width = 34
        for col in range(2, len(table.headers) + 1):
            ws.column_dimensions[get_column_letter(col)].width = 20
        ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
