"""``manage.py signing_sample_decision --office CODE``: a signed Decree 30 sample decision.

Renders the neutral sample decision (:func:`thads.documents.pdf.sample_decision`), signs it as
the office, registers its public token (audited) and writes the PDF, so the layout, the
stamp and the QR code can be looked at; the QR opens ``<base-url>/verify/<token>/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.documents.pdf import sample_decision
from thads.documents.signing import SigningError
from thads.documents.verification.services import admin_document_publish
from thads.org.models import Office


class Command(BaseCommand):
    help = gettext_lazy(
        "Tạo một quyết định mẫu theo Nghị định 30/2020/NĐ-CP, ký số và đăng ký mã QR tra cứu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True, help=_("Mã đơn vị ký, ví dụ T101-KV01."))
        parser.add_argument(
            "--base-url",
            default="",
            help=_("Địa chỉ công khai của cổng tra cứu, ví dụ http://localhost:8000."),
        )
        parser.add_argument("--out", default="quyet-dinh-mau.pdf", help=_("Tệp PDF kết quả."))

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.select_related("parent").filter(code=options["office"]).first()
        if office is None:
            raise CommandError(_("Không có đơn vị mã %(code)s.") % {"code": options["office"]})
        province = office.province.name if office.province_id else "Hà Nội"
        document = sample_decision(
            agency_parent=office.parent.name if office.parent else "",
            # "Phòng ... khu vực 1 - Thành phố Hà Nội": the parent line already names the province
            agency=office.name.split(" - ")[0],
            place=province.removeprefix("Thành phố ").removeprefix("Tỉnh "),
            date=timezone.localdate(),
        )
        try:
            published = admin_document_publish(
                actor=None,
                kind="decision",
                target=office,
                office=office,
                summary={
                    "doc_type": "Quyết định về việc thi hành án theo đơn yêu cầu",
                    "number": document.number_symbol,
                    "issued_on": document.date.isoformat(),
                    "office_name": office.name,
                    "status": "Đã ký số",
                },
                document=document,
                reason="Ban hành quyết định thi hành án",  # signed into the PDF: never translated
                base_url=options["base_url"],
            )
        except SigningError as exc:
            raise CommandError(exc.message) from exc
        out = Path(options["out"])
        out.write_bytes(published.pdf)
        self.stdout.write(
            _("Đã ghi %(path)s (SHA-256 %(sha)s).") % {"path": out, "sha": published.sha256}
        )
        self.stdout.write(_("Trang tra cứu: %(url)s") % {"url": published.verify_url})
