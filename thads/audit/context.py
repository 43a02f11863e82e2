"""Request context of audit events (client address, user agent, request id).

The middleware binds it for the length of a request; tasks and management commands have none,
unless they bind one explicitly with :func:`audit_context`. A ``ContextVar`` keeps concurrent
requests (threads or asyncio tasks) apart.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from contextvars import Token
from dataclasses import dataclass
from typing import Any

from django.conf import settings

USER_AGENT_MAX = 255
REQUEST_ID_MAX = 64
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True)
class AuditContext:
    """Where an audited action came from; every field may be empty."""

    ip: str | None = None
    user_agent: str = ""
    request_id: str = ""


_CURRENT: ContextVar[AuditContext | None] = ContextVar("thads_audit_context", default=None)


def current_context() -> AuditContext | None:
    """The context bound by the middleware (or :func:`audit_context`), else None."""
    return _CURRENT.get()


def bind(ctx: AuditContext | None) -> Token[AuditContext | None]:
    """Bind ``ctx`` for the current request or task; pass the token to :func:`unbind`."""
    return _CURRENT.set(ctx)


def unbind(token: Token[AuditContext | None]) -> None:
    _CURRENT.reset(token)


@contextmanager
def audit_context(ctx: AuditContext | None) -> Iterator[AuditContext | None]:
    """Bind ``ctx`` inside a ``with`` block (tasks, commands, tests)."""
    token = bind(ctx)
    try:
        yield ctx
    finally:
        unbind(token)


def normalize_ip(value: str | None) -> str | None:
    """The canonical text of an IP address (as PostgreSQL ``inet`` prints it), or None."""
    if not value:
        return None
    text = value.strip().split("%", 1)[0]  # a zone id never reaches the database
    if text.startswith("[") and "]" in text:  # "[::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "1.2.3.4:5678"
        text = text.split(":", 1)[0]
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return f"::ffff:{addr.ipv4_mapped}"
    return str(addr)


def client_ip(meta: dict[str, Any]) -> str | None:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies.

    With ``AXES_IPWARE_PROXY_COUNT = n > 0`` the application sits behind ``n`` proxies, each
    appending the address it received the request from, so the client is the n-th entry from
    the right. Entries further left are whatever the client sent and are never trusted. A header
    shorter than ``n`` means the request did not come through the proxies: REMOTE_ADDR is used.
    """
    remote = normalize_ip(meta.get("REMOTE_ADDR"))
    count = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return normalize_ip(forwarded[-count]) or remote


def request_client_ip(request: Any) -> str | None:
    """:func:`client_ip` of a request; usable as ``AXES_CLIENT_IP_CALLABLE``.

    So that lockouts and the audit trail name the same address behind a proxy.
    """
    return client_ip(getattr(request, "META", None) or {})


def request_id_from(meta: dict[str, Any]) -> str:
    """The proxy's X-Request-ID when it looks like one, else a new random id."""
    given = meta.get("HTTP_X_REQUEST_ID", "")
    if given and _REQUEST_ID_RE.match(given):
        return given
    return uuid.uuid4().hex


def context_from_request(request: Any) -> AuditContext:
    """Build the audit context of an ``HttpRequest`` (or anything with a ``META`` dict)."""
    meta = getattr(request, "META", None) or {}
    request_id = getattr(request, "audit_request_id", "") or request_id_from(meta)
    return AuditContext(
        ip=client_ip(meta),
        user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:USER_AGENT_MAX],
        request_id=request_id[:REQUEST_ID_MAX],
    )
