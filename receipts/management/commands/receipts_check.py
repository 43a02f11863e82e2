"""``manage.py receipts_check --office CODE --year YYYY``: gaps, duplicates and the hash chain
of every receipt series of an office and year, as JSON; exit status 1 on any fault."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from receipts.selectors import receipt_series_check
from thads.org.models import Office


class Command(BaseCommand):
    help = "Kiểm tra dãy số và chuỗi mã băm của biên lai một đơn vị trong một năm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True, help="Mã đơn vị, ví dụ T01-KV01")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"Không có đơn vị mã {options['office']}.")
        checks = receipt_series_check(office_id=office.pk, year=options["year"])
        self.stdout.write(
            json.dumps(
                {
                    "office": office.code,
                    "year": options["year"],
                    "ok": all(c.ok for c in checks),
                    "series": [c.as_dict() for c in checks],
                },
                ensure_ascii=False,
            )
        )
        if not all(c.ok for c in checks):
            raise SystemExit(1)
