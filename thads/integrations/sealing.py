"""Encryption at rest of the few values that must be kept but never stored readable.

A payload kept for a retry (an identity number, a one-time code in an SMS text) is sealed with
Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) under a key derived from
``SECRET_KEY``; ``SECRET_KEY_FALLBACKS`` still open what older keys sealed, so keys can rotate.
Sealed values are erased as soon as no retry can need them.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet
from cryptography.fernet import InvalidToken
from cryptography.fernet import MultiFernet
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from thads.integrations.exceptions import IntegrationSealError

_PURPOSE = b"thads.integrations.sealing:"


def _fernet(secret: str) -> Fernet:
    digest = hashlib.sha256(_PURPOSE + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(data: Any) -> str:
    """Encrypt a JSON-serialisable value; returns an ASCII token."""
    raw = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    return _keys().encrypt(raw).decode("ascii")


def unseal(token: str) -> Any:
    """Decrypt a token made by :func:`seal`; ``IntegrationSealError`` when it cannot."""
    try:
        raw = _keys().decrypt(token.encode("ascii"))
    except (InvalidToken, ValueError) as exc:
        raise IntegrationSealError from exc
    return json.loads(raw)
