"""``manage.py court_client_create --court-code CODE --name NAME``: register a court for the
intake API and print its key id and secret ONCE (the server keeps the secret only encrypted)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from decisions.api.services import court_client_create


class Command(BaseCommand):
    help = "Đăng ký Tòa án kết nối API chuyển bản án; in mã khóa và khóa bí mật một lần."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--court-code", required=True, help="Mã Tòa án (duy nhất)")
        parser.add_argument("--name", required=True, help="Tên Tòa án")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            client, key, secret = court_client_create(
                court_code=options["court_code"], name=options["name"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"court_code={client.court_code}")
        self.stdout.write(f"key_id={key.key_id}")
        self.stdout.write(f"secret={secret}")
        self.stderr.write(
            "Khóa bí mật chỉ hiển thị một lần: hãy chuyển an toàn cho Tòa án và không lưu lại."
        )
