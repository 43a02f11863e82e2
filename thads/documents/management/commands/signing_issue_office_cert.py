"""``manage.py signing_issue_office_cert --office CODE``: issue an office's signing certificate.

From the platform's own CA (development, demo); keeps an existing certificate unless
``--force``. Audited (``documents.signing_certificate_issued``). Prints the certificate's
fingerprint, never the key.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.documents.signing import SigningError
from thads.documents.signing.services import office_signing_certificate_issue
from thads.org.models import Office


class Command(BaseCommand):
    help = gettext_lazy("Cấp chứng thư ký số cho một đơn vị từ CA của hệ thống.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True, help=_("Mã đơn vị, ví dụ T101-KV01."))
        parser.add_argument(
            "--force", action="store_true", help=_("Cấp chứng thư mới dù đơn vị đã có.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(_("Không có đơn vị mã %(code)s.") % {"code": options["office"]})
        try:
            info, issued = office_signing_certificate_issue(
                actor=None, office=office, force=options["force"]
            )
        except SigningError as exc:
            raise CommandError(exc.message) from exc
        headline = (
            _("Đã cấp chứng thư ký số cho %(office)s.")
            if issued
            else _("%(office)s đã có chứng thư ký số (dùng --force để cấp mới).")
        )
        self.stdout.write(headline % {"office": office.code})
        self.stdout.write(_("Chủ thể: %(subject)s") % {"subject": info.subject})
        self.stdout.write(_("Số sê-ri: %(serial)s") % {"serial": info.serial})
        self.stdout.write(_("Dấu vân tay SHA-256: %(sha)s") % {"sha": info.sha256})
        self.stdout.write(_("Hết hạn: %(date)s") % {"date": info.not_after.strftime("%d/%m/%Y")})
