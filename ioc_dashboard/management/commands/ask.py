"""``manage.py ask [--json] [--today YYYY-MM-DD] "câu hỏi"``: ask the operations centre's assistant.

With ``--json`` prints one JSON object (issue 8, item 7): ``{"intent": {...}|null, "answer":
text, "value": number|null, "rows": [...]}``. Without it, the answer sentence and how the
question was understood. ``--today`` fixes the day relative periods are counted from.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils import timezone


class Command(BaseCommand):
    help = "Hỏi trợ lý số liệu của Trung tâm điều hành bằng tiếng Việt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "question", help='câu hỏi, ví dụ: "tháng trước Hà Tĩnh thu được bao nhiêu tiền?"'
        )
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")
        parser.add_argument("--today", default=None, help="ngày tính kỳ, dạng YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        from ioc_dashboard.assistant import ask

        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today phải có dạng YYYY-MM-DD.") from exc
        answer = ask(options["question"], today=today)
        if options["json"]:
            self.stdout.write(json.dumps(answer.as_json(), ensure_ascii=False, default=str))
            return
        self.stdout.write(answer.text)
        for line in answer.understood:
            self.stdout.write(f"  - {line}")
        for row in answer.as_json()["rows"]:
            self.stdout.write(f"  {row['label']}: {row['value']}")
        for suggestion in answer.suggestions:
            self.stdout.write(f"  * {suggestion}")
