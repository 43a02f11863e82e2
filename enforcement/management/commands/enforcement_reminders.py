"""``manage.py enforcement_reminders [--date YYYY-MM-DD]``: run the daily deadline sweep now."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from enforcement.services import deadline_reminders_run


class Command(BaseCommand):
    help = "Đánh dấu quá hạn, nhắc chấp hành viên và báo lãnh đạo (chạy hằng ngày qua beat)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", default="", help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, **options) -> None:
        day = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        result = deadline_reminders_run(on_date=day)
        self.stdout.write(
            f"{day:%d/%m/%Y}: {result.marked_overdue} quá hạn mới, {result.reminded} lời nhắc, "
            f"{result.escalated} báo lãnh đạo."
        )
