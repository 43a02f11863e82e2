"""``manage.py train_assistant [--n 12000] [--epochs 4] [--seed 1]``: train the intent classifier.

Generates training questions (training templates only), trains the small two-headed BERT from
scratch on one CPU thread (about 1-3 minutes) and writes ``ioc_dashboard/assistant/weights/``
(or ``--out``): ``model.safetensors``, ``config.json``, ``tokenizer.json``, ``meta.json``.
``--write-eval`` (re)writes the generated evaluation set ``data/eval_generated.jsonl`` from the
evaluation templates (it never feeds training).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser


class Command(BaseCommand):
    help = "Huấn luyện bộ phân loại ý định của trợ lý hỏi đáp (chỉ dùng CPU)."

    def add_arguments(self, parser: CommandParser) -> None:
        from ioc_dashboard.assistant.classifier import WEIGHTS_DIR

        parser.add_argument("--n", type=int, default=12000, help="số câu hỏi huấn luyện sinh ra")
        parser.add_argument("--epochs", type=int, default=4)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--threads", type=int, default=1)
        parser.add_argument("--out", default=str(WEIGHTS_DIR))
        parser.add_argument("--max-seconds", type=float, default=540)
        parser.add_argument(
            "--write-eval", action="store_true", help="ghi lại bộ câu hỏi đánh giá sinh ra"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from ioc_dashboard.assistant.generate import DATA_DIR
        from ioc_dashboard.assistant.generate import generate_eval
        from ioc_dashboard.assistant.generate import write_jsonl
        from ioc_dashboard.assistant.train import train

        if options["write_eval"]:
            write_jsonl(DATA_DIR / "eval_generated.jsonl", generate_eval())
            self.stdout.write(f"Đã ghi {DATA_DIR / 'eval_generated.jsonl'}")
        meta = train(
            n=options["n"],
            epochs=options["epochs"],
            seed=options["seed"],
            threads=options["threads"],
            out=Path(options["out"]),
            max_seconds=options["max_seconds"],
            log=self.stdout.write,
        )
        scores = meta["scores"]["held_out_training_templates"]
        self.stdout.write(
            f"Đã ghi mô hình vào {options['out']} ({meta['training']['seconds']} s, "
            f"đúng {scores['both']:.1%} trên câu hỏi giữ lại)"
        )
