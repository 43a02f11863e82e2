"""Write sample payment documents with gold labels; optionally measure the prefill on them.

python manage.py make_payment_samples --out var/payment-samples --count 30 [--evaluate]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from receipts.prefill.evaluate import evaluate
from receipts.samples.generate import make_samples


class Command(BaseCommand):
    help = "Sinh chứng từ nộp tiền mẫu (ảnh, PDF) kèm nhãn đúng; --evaluate đo độ chính xác."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", default="var/payment-samples")
        parser.add_argument("--count", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--evaluate", action="store_true")
        parser.add_argument("--stress", action="store_true", help="ảnh chụp rất mờ, ~100 dpi")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["out"])
        labels = make_samples(
            folder, count=options["count"], seed=options["seed"], stress=options["stress"]
        )
        self.stdout.write(f"{len(labels)} samples in {folder}")
        if options["evaluate"]:
            result = evaluate(folder)
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            for miss in result.misses:
                self.stdout.write(json.dumps(miss, ensure_ascii=False))
