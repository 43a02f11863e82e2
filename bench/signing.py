"""Benchmark of PDF rendering, signing and validation (quality.md P3).

Target: at least 40 signatures per second per core with a software key (ECDSA P-256, the
loaded signer cached per office), on a one-page PDF. Also reports the render time of the
two-page sample decision (reportlab; about 33 ms measured when the target was set) and the
validation time of a signed PDF (about 6 ms).

    .venv/bin/python bench/signing.py [--signatures 300]

Runs in one process on one core, in a temporary keystore (no database: the office
certificate is issued directly, without the audit event the platform writes). The last line
printed is JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

OFFICE_CODE = "T01-KV01"
OFFICE_NAME = "Phòng Thi hành án dân sự khu vực 1 - Thành phố Hà Nội"
TARGET_PER_SECOND = 40


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signatures", type=int, default=300)
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--validations", type=int, default=100)
    return parser.parse_args()


def timed(fn, n: int) -> list[float]:
    """Wall milliseconds of ``n`` calls of ``fn``."""
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="thads-bench-signing-") as keystore_dir:
        run(args, keystore_dir)


def run(args: argparse.Namespace, keystore_dir: str) -> None:
    os.environ["THADS_PDF_SIGNING_DIR"] = keystore_dir
    os.environ["THADS_PDF_SIGNING_KEY_PASSPHRASE"] = "bench-passphrase-0123456789abcdef"  # noqa: S105
    os.environ["THADS_PDF_SIGNING_BACKEND"] = "software"
    os.environ["THADS_PDF_SIGNING_CA_CERT"] = ""
    import django

    django.setup()

    from thads.documents.pdf import AdminDocument
    from thads.documents.pdf import render_admin_document
    from thads.documents.pdf import render_admin_document_layout
    from thads.documents.pdf import sample_decision
    from thads.documents.signing import Keystore
    from thads.documents.signing import sign_pdf
    from thads.documents.signing import validate_pdf_signatures

    Keystore.from_settings().office_certificate_issue(code=OFFICE_CODE, name=OFFICE_NAME)

    decision = sample_decision(
        agency_parent="Thi hành án dân sự Thành phố Hà Nội",
        agency="Phòng Thi hành án dân sự khu vực 1",
        place="Hà Nội",
        date=dt.date(2026, 11, 23),
        verify_url="https://thads.example.gov.vn/verify/Z8OOuKxZ0tL_s4NSYMQxhQkqUWD3McFj/",
    )
    rendered = render_admin_document_layout(decision)  # warm-up: fonts registered
    render_ms = timed(lambda: render_admin_document(decision), args.renders)

    one_page = render_admin_document(
        AdminDocument(
            agency_parent="Thi hành án dân sự Thành phố Hà Nội",
            agency="Phòng Thi hành án dân sự khu vực 1",
            number_symbol="125/BL-THADS",
            place="Hà Nội",
            date=dt.date(2026, 11, 23),
            doc_type="Biên lai thu tiền",
            summary="Thu tiền thi hành án",
            body=["Đã nhận của ông Nguyễn Văn Ân số tiền 1.250.000 đồng."],
            recipients=["Người nộp tiền", "Lưu: KT"],
            signer_title="Kế toán",
            signer_name="Lê Văn Cường",
            verify_url="https://thads.example.gov.vn/verify/Z8OOuKxZ0tL_s4NSYMQxhQkqUWD3McFj/",
        )
    )

    def sign_one() -> bytes:
        return sign_pdf(
            pdf_bytes=one_page,
            office_code=OFFICE_CODE,
            office_name=OFFICE_NAME,
            reason="Biên lai thu tiền",
            location="Hà Nội",
            signer_name="Lê Văn Cường",
        )

    signed = sign_one()  # warm-up: the office's key is loaded and cached here
    cpu_start = time.process_time()
    wall_start = time.perf_counter()
    sign_ms = timed(sign_one, args.signatures)
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start

    box = rendered.signature_box
    signed_decision = sign_pdf(
        pdf_bytes=rendered.pdf,
        office_code=OFFICE_CODE,
        office_name=OFFICE_NAME,
        reason="Ban hành quyết định",
        location="Hà Nội",
        signer_name="Lê Văn Cường",
        box=(box.x1, box.y1, box.x2, box.y2),
        page_index=box.page_index,
    )
    for pdf in (signed, signed_decision):
        report = validate_pdf_signatures(pdf)
        if not report.authentic:
            raise SystemExit(f"signature does not validate: {report.messages}")
    validate_ms = timed(lambda: validate_pdf_signatures(signed), args.validations)

    result = {
        "render_pages": rendered.page_count,
        "render_ms_median": round(statistics.median(render_ms), 1),
        "render_ms_p99": round(p99(render_ms), 1),
        "one_page_pdf_bytes": len(one_page),
        "signed_pdf_bytes": len(signed),
        "signatures": args.signatures,
        "sign_ms_median": round(statistics.median(sign_ms), 1),
        "sign_ms_p99": round(p99(sign_ms), 1),
        "signatures_per_second_per_core": round(args.signatures / cpu, 1),
        "signatures_per_second_wall": round(args.signatures / wall, 1),
        "validate_ms_median": round(statistics.median(validate_ms), 1),
        "target_signatures_per_second": TARGET_PER_SECOND,
        "ok": args.signatures / cpu >= TARGET_PER_SECOND,
    }
    print(
        f"render {result['render_ms_median']} ms ({rendered.page_count} pages), "
        f"sign {result['sign_ms_median']} ms "
        f"({result['signatures_per_second_per_core']}/s per core), "
        f"validate {result['validate_ms_median']} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
