"""``manage.py seed_demo --seed N --size small|medium|large``: deterministic demo data."""

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from thads.org.seed import DEMO_PASSWORD
from thads.org.seed import demo_logins
from thads.seeding import SIZES
from thads.seeding import SeedContext
from thads.seeding import run_seeders


class Command(BaseCommand):
    help = "Gieo dữ liệu mẫu (đơn vị, người dùng và dữ liệu của từng phân hệ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--size", choices=SIZES, default="small")
        parser.add_argument("--print-logins", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        ctx = SeedContext(seed=options["seed"], size=options["size"], out=self.stdout.write)
        run_seeders(ctx)
        if options["print_logins"]:
            self.stdout.write("")
            self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
            for label, username, office in demo_logins():
                self.stdout.write(f"  {label:<40} {username:<28} ({office})")
