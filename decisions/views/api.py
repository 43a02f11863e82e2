"""Court intake API views (``/api/v1/court/``): authenticated by HMAC per court, JSON only.

The access policy is ``public_view`` because no staff session is involved: each request proves
the court with its signature (``decisions.api.auth``). CSRF does not apply (no cookie is used).
The body is read once, streamed to a spooled temporary file while hashed (the signature covers
its SHA-256), and parsed as multipart from that copy, so a 50 MB PDF is never held in memory.
"""

from __future__ import annotations

import hashlib
import tempfile
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParser
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from decisions.api.auth import TIMESTAMP_HEADER
from decisions.api.auth import parse_signed_request
from decisions.api.errors import CourtApiError
from decisions.api.errors import error_response
from decisions.api.schema import openapi_document
from decisions.api.selectors import court_key_get_valid
from decisions.api.selectors import court_transfer_get_for_client
from decisions.api.services import court_request_authenticate
from decisions.api.services import court_transfer_receive
from decisions.api.services import max_request_bytes
from decisions.api.validation import parse_metadata_json
from decisions.api.validation import validate_metadata
from decisions.models import CourtClientKey
from thads.documents.conf import documents_setting
from thads.documents.validation import ValidationLimits
from thads.documents.validation import rejection
from thads.permissions import public_view

_CHUNK = 64 * 1024
_SPOOL_IN_MEMORY = 1024 * 1024
_POLICY_NOTE = "court intake API: authenticated by a per-court HMAC signature"


def _json(data: dict[str, Any], *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _too_large() -> CourtApiError:
    message = rejection("too_large", ValidationLimits.from_settings()).message
    return CourtApiError("too_large", message, field="file", reason="too_large")


def _signed(request: HttpRequest) -> Any:
    return parse_signed_request(
        authorization=request.headers.get("Authorization"),
        timestamp=request.headers.get(TIMESTAMP_HEADER),
        now=int(timezone.now().timestamp()),
    )


def _authenticate(request: HttpRequest, *, body_hash: str, signed: Any) -> CourtClientKey:
    key = court_key_get_valid(key_id=signed.key_id, now=timezone.now())
    return court_request_authenticate(
        key=key, signed=signed, method=request.method or "", path=request.path, body_hash=body_hash
    )


def _read_body(request: HttpRequest) -> tuple[Any, str]:
    """Stream the body to a spooled file while hashing it; 413 past the size limit."""
    limit = max_request_bytes()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise _too_large()
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115
    digest = hashlib.sha256()
    total = 0
    try:
        while chunk := request.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise _too_large()
            digest.update(chunk)
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool, digest.hexdigest()


def _parse_multipart(request: HttpRequest, spool: Any) -> tuple[Any, Any]:
    content_type = request.META.get("CONTENT_TYPE", "")
    if not content_type.startswith("multipart/form-data"):
        raise CourtApiError(
            "invalid_multipart",
            _(
                "Yêu cầu phải có kiểu multipart/form-data gồm phần metadata (JSON) "
                "và phần file (PDF)."
            ),
            field="",
        )
    try:
        return MultiPartParser(
            request.META, spool, request.upload_handlers, request.encoding
        ).parse()
    except (MultiPartParserError, SuspiciousOperation, ValueError, UnicodeDecodeError):
        raise CourtApiError(
            "invalid_multipart",
            _("Nội dung multipart/form-data bị hỏng, không đọc được."),
            field="",
        ) from None


def _metadata_raw(post: Any, files: Any) -> bytes | str:
    if "metadata" in post:
        return post["metadata"]
    if "metadata" in files:
        part = files["metadata"]
        return part.read(10 * 1024 * 1024)
    raise CourtApiError(
        "missing_field",
        _("Thiếu trường bắt buộc: %(field)s.") % {"field": "metadata"},
        field="metadata",
    )


@csrf_exempt
@require_POST
@public_view(note=_POLICY_NOTE)
def judgment_transfer_create(request: HttpRequest) -> JsonResponse:
    """``POST /api/v1/court/judgments``: a court transfers one judgment (metadata + PDF)."""
    files: Any = None
    spool: Any = None
    try:
        signed = _signed(request)
        spool, body_hash = _read_body(request)
        key = _authenticate(request, body_hash=body_hash, signed=signed)
        post, files = _parse_multipart(request, spool)
        metadata = validate_metadata(
            parse_metadata_json(_metadata_raw(post, files)), today=timezone.localdate()
        )
        file = files.get("file")
        if file is None:
            raise CourtApiError("missing_field", _("Thiếu tệp bản án (phần file)."), field="file")
        if file.size > int(documents_setting("DOCUMENTS_MAX_UPLOAD_BYTES")):
            raise _too_large()
        outcome = court_transfer_receive(key=key, metadata=metadata, file=file)
    except CourtApiError as error:
        return error_response(error)
    finally:
        if files is not None:
            for part in files.values():
                part.close()
        if spool is not None:
            spool.close()
    return _json(
        {
            "judgment_id": outcome.judgment_id,
            "status": outcome.status,
            "received_at": outcome.received_at.isoformat(),
            "duplicate": outcome.duplicate,
        },
        status=200 if outcome.duplicate else 201,
    )


@csrf_exempt
@require_GET
@public_view(note=_POLICY_NOTE)
def judgment_transfer_detail(request: HttpRequest, judgment_id: str) -> JsonResponse:
    """``GET /api/v1/court/judgments/<id>``: the sending court reads the state of its transfer."""
    spool: Any = None
    try:
        signed = _signed(request)
        spool, body_hash = _read_body(request)
        key = _authenticate(request, body_hash=body_hash, signed=signed)
        transfer = court_transfer_get_for_client(client=key.client, judgment_id=judgment_id)
    except CourtApiError as error:
        return error_response(error)
    finally:
        if spool is not None:
            spool.close()
    judgment = transfer.judgment
    return _json(
        {
            "judgment_id": judgment.pk,
            "judgment_number": transfer.judgment_number,
            "status": judgment.status,
            "status_label": str(judgment.get_status_display()),
            "received_at": transfer.received_at.isoformat(),
            "target_office_code": transfer.office.code,
        }
    )


@require_GET
@public_view(note="OpenAPI description of the court intake API")
def openapi_json(request: HttpRequest) -> JsonResponse:
    """``GET /api/v1/court/openapi.json``: the OpenAPI 3.1 description of this API."""
    return _json(openapi_document())
