"""Masking of personal data and secrets before anything is stored, logged or shown.

``mask_value("0912345689")`` -> ``"09******89"``: the first two and last two characters stay,
so staff can tell two recipients apart without reading the number. Identity numbers, phone
numbers and e-mail addresses are masked this way; credentials and one-time codes are replaced
whole. Used by the integration call log (request and response JSON), the notification outbox
and the audit snapshots.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Keys whose value is a personal identifier: kept recognisable, never whole.
IDENTITY_KEYS = frozenset(
    {
        "id_number",
        "citizen_id",
        "personal_id",
        "cccd",
        "passport_number",
        "phone",
        "recipient",
        "email",
    }
)
#: Keys whose value is a credential or a code: replaced whole.
SECRET_KEYS = frozenset(
    {
        "token",
        "secret",
        "password",
        "signature",
        "authorization",
        "api_key",
        "code",
        "otp",
        "pin",
    }
)
SECRET_MASK = "******"  # noqa: S105 (the mask shown in place of a secret, not a secret)


def mask_value(value: Any, *, keep_start: int = 2, keep_end: int = 2) -> str:
    """``"0912345689"`` -> ``"09******89"``; values too short to keep anything become stars."""
    text = "" if value is None else str(value)
    hidden = len(text) - keep_start - keep_end
    if hidden < 2:
        return "*" * len(text)
    return f"{text[:keep_start]}{'*' * hidden}{text[-keep_end:] if keep_end else ''}"


def mask_email(value: str) -> str:
    """``"nguyenvan.an@example.vn"`` -> ``"ng**********@example.vn"``."""
    local, at, domain = value.partition("@")
    if not at:
        return mask_value(value)
    return f"{local[:2]}{'*' * max(len(local) - 2, 3)}@{domain}"


def mask_recipient(value: str) -> str:
    """An e-mail address, a phone number or a citizen id, masked for display and audit."""
    return mask_email(value) if "@" in value else mask_value(value)


def redact(text: str, sensitive: Iterable[str]) -> str:
    """Replace every occurrence of each sensitive string (a one-time code) in ``text``."""
    for secret in sensitive:
        if secret:
            text = text.replace(secret, SECRET_MASK)
    return text


def mask_payload(data: Any, *, sensitive: Iterable[str] = ()) -> Any:
    """A copy of a JSON value with identifiers masked, secrets removed, sensitive text redacted.

    Keys are matched case-insensitively at any depth; lists are walked item by item.
    """
    secrets = tuple(s for s in sensitive if s)
    return _mask(data, secrets)


def _mask(data: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(data, dict):
        masked: dict[str, Any] = {}
        for key, value in data.items():
            name = str(key).lower()
            if name in SECRET_KEYS and value not in (None, ""):
                masked[key] = SECRET_MASK
            elif name in IDENTITY_KEYS and isinstance(value, str | int) and value != "":
                masked[key] = mask_recipient(str(value))
            else:
                masked[key] = _mask(value, secrets)
        return masked
    if isinstance(data, list | tuple):
        return [_mask(item, secrets) for item in data]
    if isinstance(data, str) and secrets:
        return redact(data, secrets)
    return data
