"""The PKCS#11 backend: keys stay inside an HSM or a token (SoftHSM2 in CI).

Settings: ``PDF_SIGNING_PKCS11_LIB`` (the module, e.g. ``/usr/lib/softhsm/libsofthsm2.so``),
``PDF_SIGNING_PKCS11_TOKEN`` (token label) and ``PDF_SIGNING_PKCS11_PIN`` (user PIN). Each
office's key and certificate are objects labelled with the office code. pyHanko signs through
``pyhanko.sign.pkcs11`` (it needs the ``python-pkcs11`` package). One session per process is
opened on first use and shared by the offices' signers.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from thads.documents.signing.exceptions import SigningConfigurationError

#: Values of ``settings.PDF_SIGNING_BACKEND``.
BACKENDS = ("software", "pkcs11")

_SESSION_LOCK = threading.Lock()
_SESSIONS: dict[tuple[str, str], Any] = {}


def pkcs11_problems() -> list[str]:
    """What is wrong with the PKCS#11 settings, in Vietnamese (empty when nothing is).

    Checks that the three settings are set, that the module file exists and that pyHanko's
    PKCS#11 support can be imported; it opens no session.
    """
    problems = []
    lib = settings.PDF_SIGNING_PKCS11_LIB
    if not lib:
        problems.append(
            _("Chưa đặt THADS_PDF_SIGNING_PKCS11_LIB (đường dẫn thư viện PKCS#11 của HSM).")
        )
    elif not Path(lib).is_file():
        problems.append(
            _("Không tìm thấy thư viện PKCS#11 tại THADS_PDF_SIGNING_PKCS11_LIB=%(path)s.")
            % {"path": lib}
        )
    if not settings.PDF_SIGNING_PKCS11_TOKEN:
        problems.append(_("Chưa đặt THADS_PDF_SIGNING_PKCS11_TOKEN (nhãn token PKCS#11)."))
    if not settings.PDF_SIGNING_PKCS11_PIN:
        problems.append(_("Chưa đặt THADS_PDF_SIGNING_PKCS11_PIN (mã PIN người dùng của token)."))
    try:
        import pyhanko.sign.pkcs11  # noqa: F401
    except ImportError:
        problems.append(
            _("Chưa cài gói python-pkcs11, cần cho ký số qua PKCS#11 (pip install python-pkcs11).")
        )
    return problems


def pkcs11_check() -> None:
    """Raise :class:`SigningConfigurationError` naming every PKCS#11 setting that is wrong."""
    problems = pkcs11_problems()
    if problems:
        raise SigningConfigurationError(
            _("Cấu hình ký số PKCS#11 chưa đúng: %(problems)s") % {"problems": " ".join(problems)}
        )


def _session() -> Any:
    from pyhanko.sign import pkcs11 as pyhanko_pkcs11

    key = (settings.PDF_SIGNING_PKCS11_LIB, settings.PDF_SIGNING_PKCS11_TOKEN)
    with _SESSION_LOCK:
        session = _SESSIONS.get(key)
        if session is None:
            try:
                session = pyhanko_pkcs11.open_pkcs11_session(
                    settings.PDF_SIGNING_PKCS11_LIB,
                    token_label=settings.PDF_SIGNING_PKCS11_TOKEN,
                    user_pin=settings.PDF_SIGNING_PKCS11_PIN,
                )
            except Exception as exc:  # python-pkcs11 raises many unrelated types
                # The message names the library and token, never the PIN.
                raise SigningConfigurationError(
                    _("Không mở được phiên PKCS#11 với token %(token)s: %(error)s")
                    % {"token": settings.PDF_SIGNING_PKCS11_TOKEN, "error": type(exc).__name__}
                ) from None
            _SESSIONS[key] = session
        return session


def pkcs11_signer(office_code: str) -> Any:
    """A pyHanko PKCS#11 signer for the office's key (label = office code)."""
    pkcs11_check()
    from pyhanko.sign import pkcs11 as pyhanko_pkcs11

    return pyhanko_pkcs11.PKCS11Signer(_session(), cert_label=office_code, key_label=office_code)
