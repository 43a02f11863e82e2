"""``manage.py signing_init``: create the development signing CA if missing; print fingerprints.

Prints what identifies the CA (subject, SHA-256 fingerprint, validity, file), never a key or a
passphrase. With the ``pkcs11`` backend it checks the PKCS#11 settings instead.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.documents.signing import SigningError
from thads.documents.signing import pkcs11_problems
from thads.documents.signing.services import signing_ca_initialize


class Command(BaseCommand):
    help = gettext_lazy(
        "Khởi tạo kho khóa ký số: tạo CA phát triển nếu chưa có và in dấu vân tay chứng thư"
        " (không bao giờ in khóa)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help=_("In kết quả dạng JSON."))

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.PDF_SIGNING_BACKEND
        if backend == "pkcs11":
            problems = pkcs11_problems()
            if problems:
                raise CommandError(" ".join(problems))
            if not settings.PDF_SIGNING_CA_CERT:
                self.stdout.write(
                    _("Khóa ký số nằm trong token PKCS#11 %(token)s; chưa đặt chứng thư CA.")
                    % {"token": settings.PDF_SIGNING_PKCS11_TOKEN}
                )
                return
        try:
            info, created = signing_ca_initialize(actor=None)
        except SigningError as exc:
            raise CommandError(exc.message) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "created": created,
                        "subject": info.subject,
                        "sha256": info.sha256,
                        "not_after": info.not_after.isoformat(),
                        "path": info.path,
                    },
                    ensure_ascii=False,
                )
            )
            return
        headline = _("Đã tạo CA phát triển.") if created else _("CA đã có sẵn.")
        self.stdout.write(headline)
        self.stdout.write(_("Chủ thể: %(subject)s") % {"subject": info.subject})
        self.stdout.write(_("Dấu vân tay SHA-256: %(sha)s") % {"sha": info.sha256})
        self.stdout.write(
            _("Hiệu lực: %(start)s đến %(end)s")
            % {
                "start": info.not_before.strftime("%d/%m/%Y"),
                "end": info.not_after.strftime("%d/%m/%Y"),
            }
        )
        self.stdout.write(_("Tệp chứng thư: %(path)s") % {"path": info.path})
