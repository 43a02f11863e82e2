"""HMAC request signing of the court intake API, and the encryption of the courts' secrets.

Scheme (docs/court_api.md)::

    Authorization: THADS-HMAC key_id=<key id>, signature=<hex>
    X-THADS-Timestamp: <unix seconds>
    signature = hex(HMAC-SHA256(secret, timestamp + "\\n" + METHOD + "\\n" + path + "\\n"
                                + hex(SHA-256(body))))

The timestamp must be within :data:`TIMESTAMP_WINDOW_SECONDS` of the server's clock, and a
signature is accepted once (the service records it; the same one again is a replay).

Secrets are random 256-bit strings made by :func:`new_secret`. The server must know a secret to
verify an HMAC, so it keeps it encrypted (Fernet: AES-128-CBC + HMAC-SHA256) under a key derived
with HKDF-SHA256 from ``settings.SECRET_KEY``; ``SECRET_KEY_FALLBACKS`` still decrypt, so the
Django secret can be rotated the usual way. Nothing here logs or returns a secret in clear except
:func:`decrypt_secret` to its caller and :func:`new_secret` once, at creation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from cryptography.fernet import Fernet
from cryptography.fernet import InvalidToken
from cryptography.fernet import MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.translation import gettext as _

from decisions.api.errors import CourtApiError

#: Largest difference, in seconds, between X-THADS-Timestamp and the server's clock.
TIMESTAMP_WINDOW_SECONDS = 300
SCHEME = "THADS-HMAC"
TIMESTAMP_HEADER = "X-THADS-Timestamp"

_HKDF_SALT = b"thads.decisions.court_api"
_HKDF_INFO = b"court-client-secret-encryption-v1"
_AUTH_RE = re.compile(
    r"^THADS-HMAC\s+key_id=(?P<key_id>[A-Za-z0-9_.-]{1,64})\s*,\s*"
    r"signature=(?P<signature>[0-9a-fA-F]{64})\s*$"
)
_TIMESTAMP_RE = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class SignedRequest:
    """What the headers of a request claim: the key, the signature and the timestamp."""

    key_id: str
    signature: str  # lower-case hex
    timestamp: str
    timestamp_value: int


def new_key_id() -> str:
    """A fresh public key identifier (96 random bits, hex)."""
    return secrets.token_hex(12)


def new_secret() -> str:
    """A fresh secret: 256 random bits, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=_HKDF_INFO).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _cipher() -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(key) for key in keys])


def encrypt_secret(secret: str) -> str:
    """The Fernet token of ``secret`` under the current ``SECRET_KEY`` (stored in the DB)."""
    return _cipher().encrypt(secret.encode()).decode()


def decrypt_secret(token: str) -> str | None:
    """The secret of a stored token; None when no current or fallback key opens it."""
    try:
        return _cipher().decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def string_to_sign(*, timestamp: str, method: str, path: str, body_hash: str) -> str:
    return f"{timestamp}\n{method.upper()}\n{path}\n{body_hash}"


def sign(*, secret: str, timestamp: str, method: str, path: str, body_hash: str) -> str:
    """The hex HMAC-SHA256 signature of a request (what a court computes)."""
    message = string_to_sign(timestamp=timestamp, method=method, path=path, body_hash=body_hash)
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def signature_matches(
    *, secret: str, signature: str, timestamp: str, method: str, path: str, body_hash: str
) -> bool:
    """Constant-time comparison of ``signature`` with the expected one."""
    expected = sign(
        secret=secret, timestamp=timestamp, method=method, path=path, body_hash=body_hash
    )
    return hmac.compare_digest(expected, signature.lower())


def signed_headers(
    *, key_id: str, secret: str, method: str, path: str, body: bytes, timestamp: int
) -> dict[str, str]:
    """The two headers that authenticate a request (for courts' clients, tests and docs)."""
    ts = str(timestamp)
    signature = sign(
        secret=secret, timestamp=ts, method=method, path=path, body_hash=body_sha256(body)
    )
    return {
        "Authorization": f"{SCHEME} key_id={key_id}, signature={signature}",
        TIMESTAMP_HEADER: ts,
    }


def parse_signed_request(
    *, authorization: str | None, timestamp: str | None, now: int
) -> SignedRequest:
    """Read and check the authentication headers (format and time window), before any body.

    Raises ``CourtApiError`` (401): ``auth_missing``, ``auth_malformed``, ``timestamp_invalid``,
    ``timestamp_expired``.
    """
    if not authorization or not authorization.strip():
        raise CourtApiError(
            "auth_missing",
            _("Thiếu tiêu đề xác thực Authorization theo lược đồ THADS-HMAC."),
            field="Authorization",
        )
    match = _AUTH_RE.match(authorization.strip())
    if match is None:
        raise CourtApiError(
            "auth_malformed",
            _(
                "Tiêu đề Authorization không đúng định dạng "
                "'THADS-HMAC key_id=<mã khóa>, signature=<64 ký tự hex>'."
            ),
            field="Authorization",
        )
    if not timestamp or not _TIMESTAMP_RE.match(timestamp.strip()):
        raise CourtApiError(
            "timestamp_invalid",
            _("Thiếu hoặc sai tiêu đề X-THADS-Timestamp (số giây Unix, chỉ gồm chữ số)."),
            field=TIMESTAMP_HEADER,
        )
    value = int(timestamp.strip())
    if abs(now - value) > TIMESTAMP_WINDOW_SECONDS:
        raise CourtApiError(
            "timestamp_expired",
            _(
                "Dấu thời gian X-THADS-Timestamp lệch quá %(window)s giây so với giờ máy chủ; "
                "hãy đồng bộ đồng hồ và ký lại yêu cầu."
            )
            % {"window": TIMESTAMP_WINDOW_SECONDS},
            field=TIMESTAMP_HEADER,
        )
    return SignedRequest(
        key_id=match["key_id"],
        signature=match["signature"].lower(),
        timestamp=timestamp.strip(),
        timestamp_value=value,
    )
