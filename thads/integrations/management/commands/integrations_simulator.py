"""Serve the local simulator of the outside systems (VNeID, SMS, banks, registries, procuracy)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from thads.integrations.simulator import DEFAULT_SLOW_SECONDS
from thads.integrations.simulator import SimulatorServer


class Command(BaseCommand):
    help = (
        "Chạy bộ giả lập các hệ thống bên ngoài (VNeID, SMS, ngân hàng, đăng ký tài sản, "
        "dân cư, viện kiểm sát) cho bản demo. Quy tắc giả lập: thads/integrations/simulator.py."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Địa chỉ lắng nghe.")
        parser.add_argument("--port", type=int, default=8790, help="Cổng lắng nghe.")
        parser.add_argument(
            "--slow-seconds",
            type=float,
            default=DEFAULT_SLOW_SECONDS,
            help="Số giây chờ với mã kết thúc bằng 9 (giả lập quá thời gian).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        server = SimulatorServer(
            secret=settings.INTEGRATION_SIMULATOR_SECRET,
            host=options["host"],
            port=options["port"],
            slow_seconds=options["slow_seconds"],
        )
        self.stdout.write(f"Bộ giả lập đang chạy tại {server.url} (Ctrl+C để dừng).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.httpd.server_close()
