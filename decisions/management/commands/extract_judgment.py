"""``manage.py extract_judgment PATH [--json] [--mode rules|hybrid]``: read one judgment file.

PATH: a PDF (text layer, or OCR of the scan), an image (PNG, JPG, multi-frame TIFF), a text file
(``<Page:N>`` markers split pages) or a folder of page images. No database is used.

``--json`` prints ONE JSON object: exactly the keys of ``labels.json``
(``ExtractedJudgment.to_labels()``) plus ``mode``, ``confidence`` (per field, same shape),
``spans`` (page/start/end per field), ``warnings`` and ``cross_checks``. Without ``--json`` a
summary in Vietnamese. A missing or unreadable file: a Vietnamese message on stderr, exit 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from decisions.extraction import MODES
from decisions.extraction import extract
from decisions.extraction.checks import cross_check
from decisions.extraction.sources import SourceError
from decisions.extraction.sources import pages_from_path
from decisions.types import ExtractedJudgment
from decisions.types import Field

ROLE_LABELS = {
    "plaintiff": "Nguyên đơn",
    "defendant": "Bị đơn",
    "related_party": "Người có quyền lợi, nghĩa vụ liên quan",
    "accused": "Bị cáo",
    "victim": "Bị hại",
    "petitioner": "Người yêu cầu",
    "civil_plaintiff": "Nguyên đơn dân sự",
    "civil_defendant": "Bị đơn dân sự",
    "other": "Người tham gia tố tụng khác",
}
KIND_LABELS = {
    "money": "trả tiền",
    "periodic_money": "trả tiền định kỳ",
    "asset": "giao tài sản",
    "act": "thực hiện công việc",
    "fine": "phạt tiền",
    "confiscation": "tịch thu",
}


def _span(field: Field | None) -> dict[str, int] | None:
    if field is None or field.span is None:
        return None
    return {"page": field.span.page, "start": field.span.start, "end": field.span.end}


def _conf(field: Field | None) -> float | None:
    return None if field is None else round(field.confidence, 3)


def _per_field(ext: ExtractedJudgment, pick: Any) -> dict[str, Any]:
    """``pick(field)`` for every field, in the labels.json shape."""
    return {
        "court": pick(ext.court),
        "judgment_number": pick(ext.judgment_number),
        "date": pick(ext.date),
        "case_type": pick(ext.case_type),
        "parties": [
            {
                "role": pick(p.role),
                "name": pick(p.name),
                "birth_year": pick(p.birth_year),
                "id_number": pick(p.id_number),
                "address": pick(p.address),
            }
            for p in ext.parties
        ],
        "obligations": [
            {
                "debtor": pick(o.debtor),
                "creditor": pick(o.creditor),
                "kind": pick(o.kind),
                "amount_vnd": pick(o.amount_vnd),
                "description": pick(o.description),
            }
            for o in ext.obligations
        ],
        "court_fees": [
            {"payer": pick(f.payer), "amount_vnd": pick(f.amount_vnd)} for f in ext.court_fees
        ],
    }


def as_json(ext: ExtractedJudgment) -> dict[str, Any]:
    """The ``--json`` object: labels.json keys plus mode, confidence, spans, checks."""
    data = ext.to_labels()
    data["mode"] = ext.mode
    data["confidence"] = _per_field(ext, _conf)
    data["spans"] = _per_field(ext, _span)
    data["warnings"] = list(ext.warnings)
    data["cross_checks"] = [
        {"code": i.code, "message": i.message, "path": i.path, "blocking": i.blocking}
        for i in cross_check(ext)
    ]
    return data


def _vnd(amount: int | None) -> str:
    return "—" if amount is None else f"{amount:,}".replace(",", ".") + " đồng"


def summary(ext: ExtractedJudgment) -> str:
    """A readable Vietnamese summary of ``ext``."""
    date = ext.date.value
    lines = [
        f"Tòa án: {ext.court.value or '(chưa đọc được)'}",
        f"Số: {ext.judgment_number.value or '(chưa đọc được)'}",
        f"Ngày: {date.strftime('%d/%m/%Y') if isinstance(date, dt.date) else '(chưa đọc được)'}",
        f"Loại vụ việc: {ext.case_type.value or '(chưa xác định)'}",
        f"Chế độ trích xuất: {ext.mode}",
        "",
        f"Đương sự ({len(ext.parties)}):",
    ]
    for party in ext.parties:
        extra = []
        if party.birth_year and party.birth_year.value:
            extra.append(f"sinh năm {party.birth_year.value}")
        if party.id_number and party.id_number.value:
            extra.append(f"số định danh {party.id_number.value}")
        if party.address and party.address.value:
            extra.append(f"địa chỉ: {party.address.value}")
        tail = f" ({'; '.join(extra)})" if extra else ""
        lines.append(
            f"  - {ROLE_LABELS.get(party.role.value, party.role.value)}: {party.name.value}{tail}"
        )
    lines += ["", f"Nghĩa vụ thi hành ({len(ext.obligations)}):"]
    for ob in ext.obligations:
        amount = ob.amount_vnd.value if ob.amount_vnd else None
        lines.append(
            f"  - {ob.debtor.value} → {ob.creditor.value}: "
            f"{KIND_LABELS.get(ob.kind.value, ob.kind.value)}, {_vnd(amount)} "
            f"(độ tin cậy {ob.kind.confidence:.2f})"
        )
    lines += ["", f"Án phí, lệ phí ({len(ext.court_fees)}):"]
    for fee in ext.court_fees:
        lines.append(f"  - {fee.payer.value}: {_vnd(fee.amount_vnd.value)}")
    issues = cross_check(ext)
    lines += ["", f"Kết quả đối chiếu ({len(issues)}):"]
    for issue in issues:
        mark = "LỖI" if issue.blocking else "Lưu ý"
        lines.append(f"  - [{mark}] {issue.message}")
    for warning in ext.warnings:
        lines.append(f"  - [Lưu ý] {warning}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Trích xuất thông tin bản án/quyết định của Tòa án từ một tệp (PDF, ảnh, văn bản)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Tệp PDF, ảnh, văn bản hoặc thư mục ảnh trang")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON")
        parser.add_argument("--mode", choices=MODES, default="rules")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pages = pages_from_path(options["path"])
        except SourceError as exc:
            self.stderr.write(exc.message)
            sys.exit(2)
        if not any(page.text.strip() for page in pages):
            self.stderr.write(f"Tệp không có nội dung chữ đọc được: {options['path']}")
            sys.exit(2)
        ext = extract(pages, mode=options["mode"])
        if options["json"]:
            self.stdout.write(json.dumps(as_json(ext), ensure_ascii=False, default=str))
        else:
            self.stdout.write(summary(ext))
