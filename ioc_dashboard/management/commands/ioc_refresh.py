"""``manage.py ioc_refresh [--full]``: bring the operations centre's summary tables up to date
now (the offices changed since the last run; ``--full``: every office)."""

from django.core.management.base import BaseCommand

from ioc_dashboard.summaries import figures_refresh


class Command(BaseCommand):
    help = "Cập nhật bảng số liệu tổng hợp của Trung tâm điều hành (--full: tính lại toàn bộ)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--full", action="store_true", help="Tính lại số liệu của mọi đơn vị")

    def handle(self, *args, **options) -> None:
        result = figures_refresh(full=options["full"])
        scope = "toàn bộ" if result.full else f"{result.offices} đơn vị"
        self.stdout.write(
            f"Đã cập nhật số liệu ({scope}): {result.day_rows} dòng theo ngày, "
            f"{result.month_rows} dòng theo tháng, trong {result.seconds:.2f} giây."
        )
