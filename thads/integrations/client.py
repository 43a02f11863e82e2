"""The one HTTP client every adapter uses: signed JSON over HTTP(S), with timeouts, classified.

Standard library only (``http.client``): the project ships neither ``requests`` nor
``urllib3``, and ``http.client`` gives separate connect and read timeouts. One attempt is
:func:`send`; it never touches the database (the services record it before and after) and never
raises for a network or partner problem. It returns an :class:`AttemptOutcome`:

==========================  =================  ==========
What happened               status             retryable
==========================  =================  ==========
2xx and a schema-valid JSON SUCCEEDED          --
no answer in time           TIMEOUT            yes
connection refused / reset  FAILED             yes
5xx                         FAILED             yes
4xx (401 bad signature ...) FAILED             no
2xx but not JSON / wrong    INVALID_RESPONSE   yes
==========================  =================  ==========
"""

from __future__ import annotations

import http.client
import json
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.utils import translation
from django.utils.translation import gettext as _

from thads.integrations import signing
from thads.integrations.conf import Target
from thads.integrations.models import IntegrationCall
from thads.integrations.operations import Operation
from thads.integrations.schema import SchemaError
from thads.integrations.schema import validate

Status = IntegrationCall.Status

#: Answers larger than this are not read further (and are INVALID_RESPONSE).
MAX_RESPONSE_BYTES = 1024 * 1024
#: How much of an answer that is not JSON is kept as evidence.
RAW_EXCERPT_CHARS = 500
USER_AGENT = "THADS-integrations/1"


@dataclass(frozen=True)
class AttemptOutcome:
    """The result of one attempt; ``data`` is the decoded JSON answer (or a raw excerpt)."""

    status: str
    http_status: int | None
    data: Any
    error: str
    retryable: bool
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status == Status.SUCCEEDED


def _seconds(value: float) -> str:
    """0.3 -> "0,3"; 10.0 -> "10" (Vietnamese decimal comma)."""
    return f"{value:g}".replace(".", ",")


def _system_label(system: str) -> str:
    return str(IntegrationCall.System(system).label)


def request_body(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed): compact UTF-8 JSON with sorted keys."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _path(target: Target, operation: Operation) -> tuple[str, str, int | None, str]:
    parts = urlsplit(target.url)
    base = parts.path.rstrip("/")
    return parts.scheme, parts.hostname or "", parts.port, f"{base}{operation.path}"


def send(
    *,
    target: Target,
    operation: Operation,
    payload: dict[str, Any],
    idempotency_key: str,
    connect_timeout: float,
    read_timeout: float,
) -> AttemptOutcome:
    """POST ``payload`` to ``target`` for ``operation`` once and classify what came back."""
    with translation.override("vi"):
        return _send(
            target=target,
            operation=operation,
            payload=payload,
            idempotency_key=idempotency_key,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )


def _send(
    *,
    target: Target,
    operation: Operation,
    payload: dict[str, Any],
    idempotency_key: str,
    connect_timeout: float,
    read_timeout: float,
) -> AttemptOutcome:
    system = _system_label(target.system)
    scheme, host, port, path = _path(target, operation)
    body = request_body(payload)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
        "Idempotency-Key": idempotency_key,
        **signing.signed_headers(secret=target.secret, method="POST", path=path, body=body),
    }
    if target.token:
        headers["Authorization"] = f"Bearer {target.token}"

    started = time.monotonic()

    def outcome(status: str, http_status: int | None, data: Any, error: str, retry: bool) -> Any:
        elapsed = int((time.monotonic() - started) * 1000)
        return AttemptOutcome(status, http_status, data, error, retry, elapsed)

    if scheme not in ("http", "https") or not host:
        return outcome(
            Status.FAILED,
            None,
            None,
            _("Địa chỉ kết nối hệ thống %(system)s không hợp lệ.") % {"system": system},
            False,
        )
    connection: http.client.HTTPConnection
    if scheme == "https":
        connection = http.client.HTTPSConnection(
            host, port, timeout=connect_timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=connect_timeout)
    try:
        connection.connect()
        if connection.sock is not None:
            connection.sock.settimeout(read_timeout)
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read(MAX_RESPONSE_BYTES + 1)
        http_status = response.status
    except TimeoutError:
        return outcome(
            Status.TIMEOUT,
            None,
            None,
            _("Hệ thống %(system)s không trả lời trong thời gian chờ (%(seconds)s giây).")
            % {"system": system, "seconds": _seconds(read_timeout)},
            True,
        )
    except http.client.RemoteDisconnected:
        return outcome(
            Status.FAILED,
            None,
            None,
            _("Hệ thống %(system)s đóng kết nối trước khi trả lời.") % {"system": system},
            True,
        )
    except http.client.HTTPException:
        return outcome(
            Status.INVALID_RESPONSE,
            None,
            None,
            _("Hệ thống %(system)s trả lời sai giao thức HTTP.") % {"system": system},
            True,
        )
    except OSError:
        return outcome(
            Status.FAILED,
            None,
            None,
            _("Không kết nối được tới hệ thống %(system)s.") % {"system": system},
            True,
        )
    finally:
        connection.close()

    data, decode_error = _decode(raw)
    if http_status >= 500:
        return outcome(
            Status.FAILED,
            http_status,
            data,
            _("Hệ thống %(system)s tạm thời không phục vụ (mã HTTP %(status)s).")
            % {"system": system, "status": http_status},
            True,
        )
    if http_status in (401, 403):
        return outcome(
            Status.FAILED,
            http_status,
            data,
            _(
                "Hệ thống %(system)s từ chối xác thực (mã HTTP %(status)s): "
                "kiểm tra mã truy cập và khóa ký."
            )
            % {"system": system, "status": http_status},
            False,
        )
    if http_status == 404:
        return outcome(
            Status.FAILED,
            http_status,
            data,
            _(
                "Hệ thống %(system)s không tìm thấy người nhận hoặc đối tượng được hỏi "
                "(mã HTTP 404)."
            )
            % {"system": system},
            False,
        )
    if http_status >= 400:
        return outcome(
            Status.FAILED,
            http_status,
            data,
            _("Hệ thống %(system)s từ chối yêu cầu (mã HTTP %(status)s).")
            % {"system": system, "status": http_status},
            False,
        )
    if http_status < 200 or http_status >= 300:
        return outcome(
            Status.INVALID_RESPONSE,
            http_status,
            data,
            _("Hệ thống %(system)s trả lời mã HTTP không dự kiến (%(status)s).")
            % {"system": system, "status": http_status},
            True,
        )
    detail = decode_error
    if not detail:
        try:
            validate(data, operation.response_schema)
        except SchemaError as exc:
            detail = exc.detail
    if detail:
        return outcome(
            Status.INVALID_RESPONSE,
            http_status,
            data,
            _("Hệ thống %(system)s trả về dữ liệu không hợp lệ: %(detail)s.")
            % {"system": system, "detail": detail},
            True,
        )
    return outcome(Status.SUCCEEDED, http_status, data, "", False)


def _decode(raw: bytes) -> tuple[Any, str]:
    """(JSON value, "") or (an excerpt of the raw answer, why it is not usable)."""
    if len(raw) > MAX_RESPONSE_BYTES:
        excerpt = raw[:RAW_EXCERPT_CHARS].decode("utf-8", "replace")
        return {"raw": excerpt}, _("câu trả lời quá lớn")
    try:
        return json.loads(raw.decode("utf-8")), ""
    except (UnicodeDecodeError, ValueError):
        excerpt = raw[:RAW_EXCERPT_CHARS].decode("utf-8", "replace")
        return ({"raw": excerpt} if excerpt else None), _("không phải JSON")
