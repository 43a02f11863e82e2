"""The JSON errors of the court intake API: one exception type, one body shape.

Every refusal is ``{"error": {"code", "message", "field"}}`` (plus ``reason`` for a file refused
by the document checks) with the HTTP status of its code, so a court's software can act on
``code`` and show ``message`` (Vietnamese) to a person. ``ERROR_STATUS`` is also what the
OpenAPI description (``decisions.api.schema``) and docs/court_api.md list.
"""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse

#: error code -> HTTP status.
ERROR_STATUS: dict[str, int] = {
    # 400: the request or its metadata is invalid.
    "invalid_multipart": 400,
    "missing_field": 400,
    "unknown_field": 400,
    "invalid_json": 400,
    "invalid_field": 400,
    "invalid_date": 400,
    "invalid_case_type": 400,
    "invalid_judgment_number": 400,
    "judgment_number_mismatch": 400,
    # 401: authentication (HMAC signature) failed.
    "auth_missing": 401,
    "auth_malformed": 401,
    "timestamp_invalid": 401,
    "timestamp_expired": 401,
    "unknown_key": 401,
    "bad_signature": 401,
    "replayed": 401,
    # 403: the signed court may not do this.
    "court_mismatch": 403,
    # 404: unknown target office or transfer.
    "unknown_office": 404,
    "not_found": 404,
    # 409: the judgment number was already received with other content.
    "duplicate_conflict": 409,
    # 413, 415, 422: the file.
    "too_large": 413,
    "unsupported_media_type": 415,
    "document_rejected": 422,
}


class CourtApiError(Exception):
    """A refusal of the court API; ``code`` decides the HTTP status (:data:`ERROR_STATUS`)."""

    def __init__(self, code: str, message: str, *, field: str = "", reason: str = "") -> None:
        if code not in ERROR_STATUS:
            raise ValueError(f"unknown court API error code {code!r}")
        self.code = code
        self.message = str(message)
        self.field = field
        self.reason = reason
        super().__init__(f"{code}: {self.message}")

    @property
    def status(self) -> int:
        return ERROR_STATUS[self.code]

    def as_json(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message, "field": self.field}
        if self.reason:
            error["reason"] = self.reason
        return {"error": error}


def error_response(error: CourtApiError) -> JsonResponse:
    """The JSON response of ``error``; a 401 names the scheme in ``WWW-Authenticate``."""
    response = JsonResponse(
        error.as_json(), status=error.status, json_dumps_params={"ensure_ascii": False}
    )
    if error.status == 401:
        response["WWW-Authenticate"] = 'THADS-HMAC realm="court-api"'
    return response
