"""``manage.py audit_verify``: check the audit chains; exit 1 when anything is wrong."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = gettext_lazy(
        "Kiểm tra toàn vẹn nhật ký kiểm toán (sửa, xóa, chèn, đổi thứ tự); mã thoát 1 khi có"
        " sai lệch."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--chain",
            action="append",
            dest="chains",
            help=_("Chỉ kiểm tra chuỗi này (mã đơn vị hoặc 'system'); có thể lặp lại."),
        )
        parser.add_argument("--json", action="store_true", help=_("In kết quả dạng JSON."))

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify(chains=options["chains"])
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        elif report.ok:
            self.stdout.write(
                _(
                    "Nhật ký toàn vẹn: đã kiểm tra %(checked)s sự kiện trong %(chains)s chuỗi,"
                    " không phát hiện sai lệch (%(seconds).1f giây)."
                )
                % {
                    "checked": report.checked,
                    "chains": report.chains,
                    "seconds": report.elapsed_s,
                }
            )
        else:
            self.stdout.write(
                _(
                    "PHÁT HIỆN %(count)s SAI LỆCH trong nhật ký kiểm toán (đã kiểm tra"
                    " %(checked)s sự kiện trong %(chains)s chuỗi):"
                )
                % {
                    "count": report.problem_count,
                    "checked": report.checked,
                    "chains": report.chains,
                }
            )
            for problem in report.problems:
                where = problem.chain if problem.seq is None else f"{problem.chain}#{problem.seq}"
                self.stdout.write(f"  [{problem.kind}] {where}: {problem.message}")
            if report.problem_count > len(report.problems):
                self.stdout.write(
                    _("  … và %(more)s sai lệch khác.")
                    % {"more": report.problem_count - len(report.problems)}
                )
        if not report.ok:
            sys.exit(1)
