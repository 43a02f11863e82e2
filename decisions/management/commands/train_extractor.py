"""``manage.py train_extractor --n 2000 --epochs 2 --seed 1``: train the token classifier.

Generates synthetic judgments, trains the small BERT token classifier from scratch on the CPU
and writes ``decisions/extraction/weights/`` (or ``--out``): ``model.safetensors``,
``config.json``, ``tokenizer.json`` and ``meta.json`` (data size, seed, time, held-out scores).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser


class Command(BaseCommand):
    help = "Huấn luyện bộ gán nhãn từ (token classifier) trên bản án tổng hợp, chỉ dùng CPU."

    def add_arguments(self, parser: CommandParser) -> None:
        from decisions.extraction.model import WEIGHTS_DIR

        parser.add_argument("--n", type=int, default=2000, help="số bản án tổng hợp")
        parser.add_argument("--epochs", type=int, default=2)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", default=str(WEIGHTS_DIR))
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--batch-size", type=int, default=16)
        parser.add_argument("--eval-n", type=int, default=60)
        parser.add_argument("--max-seconds", type=float, default=None)
        parser.add_argument("--lr", type=float, default=1.5e-3)
        parser.add_argument(
            "--init", default=None, help="tiếp tục huấn luyện từ mô hình trong thư mục này"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from decisions.extraction.train import train

        meta = train(
            n=options["n"],
            epochs=options["epochs"],
            seed=options["seed"],
            out=Path(options["out"]),
            eval_n=options["eval_n"],
            threads=options["threads"],
            batch_size=options["batch_size"],
            max_seconds=options["max_seconds"],
            lr=options["lr"],
            init=Path(options["init"]) if options["init"] else None,
            log=self.stdout.write,
        )
        self.stdout.write(
            f"Đã ghi mô hình vào {options['out']} ({meta['training']['seconds']} s, "
            f"F1 tổng hợp {meta['scores']['clean']['micro']['f1']})"
        )
