"""``manage.py court_client_rotate --court-code CODE [--grace-hours N]``: give a court a new key
(printed once); its current keys stay valid for the grace period (default 168 hours)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils import timezone

from decisions.api.selectors import court_client_get
from decisions.api.services import court_client_rotate


class Command(BaseCommand):
    help = "Cấp khóa mới cho Tòa án kết nối; khóa cũ còn hiệu lực trong thời gian chuyển tiếp."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--court-code", required=True, help="Mã Tòa án")
        parser.add_argument(
            "--grace-hours",
            type=int,
            default=168,
            help="Số giờ khóa cũ còn hiệu lực (0: hết hiệu lực ngay)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["grace_hours"] < 0:
            raise CommandError("--grace-hours phải lớn hơn hoặc bằng 0.")
        client = court_client_get(court_code=options["court_code"])
        if client is None:
            raise CommandError(f"Không có Tòa án kết nối mã {options['court_code']}.")
        key, secret = court_client_rotate(
            client=client, grace=dt.timedelta(hours=options["grace_hours"])
        )
        until = timezone.localtime(timezone.now() + dt.timedelta(hours=options["grace_hours"]))
        self.stdout.write(f"court_code={client.court_code}")
        self.stdout.write(f"key_id={key.key_id}")
        self.stdout.write(f"secret={secret}")
        self.stdout.write(f"old_keys_valid_until={until.isoformat()}")
        self.stderr.write(
            "Khóa bí mật chỉ hiển thị một lần: hãy chuyển an toàn cho Tòa án và không lưu lại."
        )
