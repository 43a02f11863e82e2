"""Objects the intake view tests and template contexts share (a read scan, a statement)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from receipts.models import BankStatementImport
from receipts.models import BankStatementLine
from receipts.models import ReceiptScan
from thads.documents.models import Document
from thads.documents.validation import file_sha256

SCAN_FIELDS = {
    "payer": {"value": "Đặng Thị Bí Mật", "confidence": 0.93, "page": 1, "box": [10, 20, 30, 2]},
    "amount_vnd": {"value": 12_500_000, "confidence": 0.97, "page": 1, "box": [14, 28, 10, 2]},
    "date": {"value": "2026-10-05", "confidence": 0.55, "page": 1, "box": [20, 10, 12, 2]},
}


def make_scan(office, folder: Path, *, status: str = ReceiptScan.Status.READY) -> ReceiptScan:
    """A scan whose document row points at a small PNG (no upload checks, no OCR)."""
    path = folder / f"slip-{office.code}.png"
    Image.new("L", (400, 300), 255).save(path)
    sha = file_sha256(path)
    document, _created = Document.objects.get_or_create(
        office=office,
        sha256=sha,
        defaults={
            "purpose": "receipt_scan",
            "original_name": path.name,
            "kind": "png",
            "mime": "image/png",
            "size_bytes": path.stat().st_size,
            "storage_name": f"documents/{sha[:2]}/{sha}.png",
            "page_count": 1,
            "status": "ready",
        },
    )
    scan, _created = ReceiptScan.objects.get_or_create(
        office=office,
        document=document,
        defaults={"status": status, "doc_type": "transfer_slip", "fields": SCAN_FIELDS},
    )
    return scan


def make_statement(office) -> BankStatementImport:
    statement, created = BankStatementImport.objects.get_or_create(
        office=office,
        sha256=f"{office.pk:064d}",
        defaults={"file_name": "saoke-bi-mat.csv", "line_count": 1},
    )
    if not created:
        return statement
    BankStatementLine.objects.create(
        statement=statement,
        office=office,
        line_no=2,
        value_date="2026-10-05",
        direction="credit",
        amount_vnd=777_000,
        bank_reference="FT-BI-MAT",
        payer_name="Người Chuyển Bí Mật",
        content="chuyen tien",
    )
    return statement
