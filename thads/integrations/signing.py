"""HMAC-SHA256 request signatures between THADS and the outside systems (and the simulator).

Headers sent with every request::

    X-Thads-Timestamp: 1795412345   (Unix seconds)
    X-Thads-Nonce:     9f1c...      (16 random bytes, hex)
    X-Thads-Signature: v1=<hex>     HMAC-SHA256(secret, "<ts>\\n<nonce>\\nPOST\\n<path>\\n" + body)

The receiver recomputes the signature with the shared secret, refuses a timestamp outside the
replay window (:data:`REPLAY_WINDOW_SECONDS` either way) and a nonce seen before. This is OUR
contract (the simulator implements it); a real partner's scheme is adapted in its adapter.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

TIMESTAMP_HEADER = "X-Thads-Timestamp"
NONCE_HEADER = "X-Thads-Nonce"
SIGNATURE_HEADER = "X-Thads-Signature"
REPLAY_WINDOW_SECONDS = 300
_VERSION = "v1"


def _message(*, timestamp: str, nonce: str, method: str, path: str, body: bytes) -> bytes:
    return f"{timestamp}\n{nonce}\n{method.upper()}\n{path}\n".encode() + body


def signature(
    *, secret: str, timestamp: str, nonce: str, method: str, path: str, body: bytes
) -> str:
    """The ``v1=<hex>`` signature of one request."""
    mac = hmac.new(
        secret.encode(),
        _message(timestamp=timestamp, nonce=nonce, method=method, path=path, body=body),
        hashlib.sha256,
    )
    return f"{_VERSION}={mac.hexdigest()}"


def signed_headers(*, secret: str, method: str, path: str, body: bytes) -> dict[str, str]:
    """Timestamp, nonce and signature headers for a request about to be sent."""
    timestamp = str(int(time.time()))
    nonce = secrets.token_hex(16)
    return {
        TIMESTAMP_HEADER: timestamp,
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: signature(
            secret=secret, timestamp=timestamp, nonce=nonce, method=method, path=path, body=body
        ),
    }


def verify(
    *,
    secret: str,
    timestamp: str,
    nonce: str,
    given: str,
    method: str,
    path: str,
    body: bytes,
    now: float | None = None,
) -> bool:
    """Whether ``given`` signs this request with ``secret`` and its timestamp is fresh."""
    try:
        moment = int(timestamp)
    except (TypeError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - moment) > REPLAY_WINDOW_SECONDS or not nonce:
        return False
    expected = signature(
        secret=secret, timestamp=timestamp, nonce=nonce, method=method, path=path, body=body
    )
    return hmac.compare_digest(expected, given or "")
