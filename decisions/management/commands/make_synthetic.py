"""``manage.py make_synthetic --n 50 --seed 1 --out DIR [--scan]``: synthetic judgments as PDFs.

Writes ``DIR/<doc_id>.pdf`` (a text layer, or with ``--scan`` a degraded image-only scan),
``DIR/<doc_id>.txt`` (the page texts with ``<Page:N>`` markers, as the samples) and
``DIR/labels.json`` (the gold labels, the shape of ``../shared/samples/judgments/labels.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from decisions.synthetic import generate
from decisions.synthetic.render import render_scan_pdf
from decisions.synthetic.render import render_text_pdf
from decisions.types import CASE_TYPES


class Command(BaseCommand):
    help = "Sinh bản án, quyết định tổng hợp (PDF và nhãn chuẩn) để huấn luyện và đo trích xuất."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=50)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--scan", action="store_true", help="ảnh quét xuống cấp, không có lớp chữ"
        )
        parser.add_argument("--dpi", type=int, default=200)
        parser.add_argument("--case-types", default="", help="ví dụ: DS,HS")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        types = [t for t in options["case_types"].split(",") if t] or list(CASE_TYPES)
        docs = generate(options["n"], options["seed"], case_types=types)
        labels = []
        for sj in docs:
            if options["scan"]:
                pdf = render_scan_pdf(sj, seed=options["seed"], dpi=options["dpi"])
            else:
                pdf = render_text_pdf(sj)
            (out / f"{sj.doc_id}.pdf").write_bytes(pdf)
            text = "".join(f"<Page:{i}>{page}\n" for i, page in enumerate(sj.pages, start=1))
            (out / f"{sj.doc_id}.txt").write_text(text, encoding="utf-8")
            labels.append({**sj.labels, "file": f"{sj.doc_id}.pdf", "variant": sj.variant})
        (out / "labels.json").write_text(
            json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        self.stdout.write(f"Đã ghi {len(docs)} văn bản vào {out}")
