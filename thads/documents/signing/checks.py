"""System checks of PDF output and signing, registered by ``DocumentsConfig.ready()``.

Every ``manage.py`` command:

- ``documents.E001`` no configured font prints every Vietnamese letter (PDFs cannot be made);
- ``documents.E002`` ``THADS_PDF_SIGNING_BACKEND`` is neither ``software`` nor ``pkcs11``;
- ``documents.E003`` the ``pkcs11`` backend is chosen but its settings are incomplete, its
  module is missing, or python-pkcs11 is not installed;
- ``documents.E004`` ``THADS_PDF_SIGNING_CA_CERT`` names a file that does not exist.

``check --deploy`` only:

- ``documents.W001`` the software keystore has no passphrase of its own
  (``THADS_PDF_SIGNING_KEY_PASSPHRASE`` empty): keys are then encrypted with a generated
  passphrase kept beside them, which protects nothing against a copy of the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage
from django.core.checks import Error
from django.core.checks import Tags
from django.core.checks import Warning
from django.core.checks import register


def check_pdf_fonts(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``documents.E001``: a font family that prints Vietnamese is installed and configured."""
    from thads.documents.pdf import PdfFontError
    from thads.documents.pdf import find_font_family

    try:
        find_font_family()
    except PdfFontError as exc:
        return [
            Error(
                exc.args[0],
                hint="apt-get install fonts-liberation2, hoặc đặt THADS_PDF_FONT_PATHS.",
                id="documents.E001",
            )
        ]
    return []


def check_signing_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``documents.E002``-``E004``: the signing backend and its files are usable."""
    from thads.documents.signing.pkcs11 import BACKENDS
    from thads.documents.signing.pkcs11 import pkcs11_problems

    backend = settings.PDF_SIGNING_BACKEND
    messages: list[CheckMessage] = []
    if backend not in BACKENDS:
        messages.append(
            Error(
                f"THADS_PDF_SIGNING_BACKEND={backend!r} không hợp lệ.",
                hint="Chọn software (khóa mã hóa trên đĩa) hoặc pkcs11 (HSM).",
                id="documents.E002",
            )
        )
    elif backend == "pkcs11":
        problems = pkcs11_problems()
        if problems:
            messages.append(
                Error(
                    "Cấu hình ký số PKCS#11 chưa đúng: " + " ".join(problems),
                    hint="Xem mục Signing trong README.md.",
                    id="documents.E003",
                )
            )
    ca_cert = settings.PDF_SIGNING_CA_CERT
    if ca_cert and not Path(ca_cert).is_file():
        messages.append(
            Error(
                f"Không tìm thấy chứng thư CA tại THADS_PDF_SIGNING_CA_CERT={ca_cert}.",
                id="documents.E004",
            )
        )
    return messages


def check_keystore_passphrase(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``documents.W001`` (deploy): the software keystore has its own passphrase."""
    if settings.PDF_SIGNING_BACKEND == "software" and not settings.PDF_SIGNING_KEY_PASSPHRASE:
        return [
            Warning(
                "THADS_PDF_SIGNING_KEY_PASSPHRASE đang để trống: khóa ký số được mã hóa bằng "
                "mật khẩu sinh tự động lưu ngay cạnh khóa.",
                hint="Đặt THADS_PDF_SIGNING_KEY_PASSPHRASE (ít nhất 32 ký tự ngẫu nhiên, lưu "
                "trong kho bí mật), hoặc dùng THADS_PDF_SIGNING_BACKEND=pkcs11.",
                id="documents.W001",
            )
        ]
    return []


def register_checks() -> None:
    """Register the checks above (called once from ``DocumentsConfig.ready()``)."""
    register(check_pdf_fonts, "thads")
    register(check_signing_settings, "thads")
    register(check_keystore_passphrase, Tags.security, deploy=True)
