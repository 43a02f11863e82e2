"""``manage.py enforcement_rules_sync``: load ``enforcement/rules/deadlines.json`` into the
legal rules table (idempotent; the data migration does the same on ``migrate``)."""

from django.core.management.base import BaseCommand

from enforcement.rules import rules_sync


class Command(BaseCommand):
    help = "Nạp quy tắc thời hạn từ enforcement/rules/deadlines.json (không tạo trùng)."

    def handle(self, *args, **options) -> None:
        created, updated = rules_sync()
        self.stdout.write(f"Quy tắc thời hạn: {created} mới, {updated} cập nhật.")
