"""``manage.py reception_rules_sync``: load ``citizen_reception/rules/deadlines.json`` into the
petition rules table (idempotent; the data migration does the same on ``migrate``)."""

from django.core.management.base import BaseCommand

from citizen_reception.rules import rules_sync


class Command(BaseCommand):
    help = "Nạp quy tắc thời hạn xử lý đơn từ rules/deadlines.json (không tạo trùng)."

    def handle(self, *args, **options) -> None:
        created, updated = rules_sync()
        self.stdout.write(f"Quy tắc thời hạn xử lý đơn: {created} mới, {updated} cập nhật.")
