"""The OpenAPI 3.1 description of the court intake API, written by hand as data.

It must match the implementation exactly: ``tests/court_api/test_schemathesis.py`` sends
generated requests and checks every answer against it, and ``test_schema.py`` checks that the
error codes and limits here are the ones the code uses. Served at ``/api/v1/court/openapi.json``.
"""

from __future__ import annotations

from typing import Any

from decisions.api.auth import TIMESTAMP_WINDOW_SECONDS
from decisions.api.errors import ERROR_STATUS
from decisions.api.validation import MAX_LENGTHS
from decisions.api.validation import MAX_PARTIES
from decisions.models import Judgment
from decisions.types import CASE_TYPES
from decisions.types import PARTY_ROLES

API_VERSION = "1.0.0"
#: The judgment number's form (validation.NUMBER_RE after normalisation: case, Đ, spaces).
NUMBER_PATTERN = "^\\s*[0-9]{1,6}\\s*/\\s*[0-9]{4}\\s*/\\s*[A-Za-zĐđ]+(\\s*-\\s*[A-Za-zĐđ]+)*\\s*$"

_AUTH_DESCRIPTION = (
    "Each court has its own keys. Every request carries `Authorization: THADS-HMAC "
    "key_id=<key id>, signature=<hex>` and `X-THADS-Timestamp: <unix seconds>`; signature = "
    'hex(HMAC-SHA256(secret, timestamp + "\\n" + METHOD + "\\n" + path + "\\n" + '
    "hex(SHA-256(body)))), path being the URL path without the query (e.g. "
    "`/api/v1/court/judgments`). The timestamp must be within "
    f"{TIMESTAMP_WINDOW_SECONDS} seconds of the server's clock and a signature is accepted "
    "only once."
)


def _error_codes(*statuses: int) -> list[str]:
    return [code for code, status in ERROR_STATUS.items() if status in statuses]


def _error_response(description: str, *statuses: int) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Error"},
                        {
                            "properties": {
                                "error": {"properties": {"code": {"enum": _error_codes(*statuses)}}}
                            }
                        },
                    ]
                }
            }
        },
    }


def _unauthorized() -> dict[str, Any]:
    response = _error_response(
        "Authentication failed: missing or malformed header, timestamp outside the window, "
        "unknown, revoked or expired key, wrong signature, or a replayed signature.",
        401,
    )
    response["headers"] = {
        "WWW-Authenticate": {"schema": {"type": "string", "const": 'THADS-HMAC realm="court-api"'}}
    }
    return response


def _text(max_length: int, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": max_length,
        "pattern": "\\S",
        "description": description,
    }


def _number(max_length: int, description: str) -> dict[str, Any]:
    return {**_text(max_length, description), "pattern": NUMBER_PATTERN}


def _schemas() -> dict[str, Any]:
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "field"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {"type": "string", "enum": list(ERROR_STATUS)},
                        "message": {
                            "type": "string",
                            "minLength": 1,
                            "description": "Vietnamese text for a person.",
                        },
                        "field": {
                            "type": "string",
                            "description": "The field, part or header at fault "
                            "(`judgment_number`, `parties[0].role`, `file`, `Authorization`); "
                            "empty when the request as a whole is at fault.",
                        },
                        "reason": {
                            "type": "string",
                            "description": "For a file refused by the document checks: the "
                            "reason code (`encrypted`, `bomb`, `polyglot`, `malformed`, ...).",
                        },
                    },
                }
            },
        },
        "Party": {
            "type": "object",
            "required": ["role", "name"],
            "additionalProperties": False,
            "properties": {
                "role": {"type": "string", "enum": list(PARTY_ROLES)},
                "name": _text(200, "Full name or organisation name, without honorifics."),
                "birth_year": {"type": ["integer", "null"], "minimum": 1900},
                "id_number": {
                    "type": ["string", "null"],
                    "pattern": "^(?:[0-9]{9}|[0-9]{12})$",
                    "description": "Citizen identity number (12 digits) or old ID (9 digits).",
                },
                "address": {"type": ["string", "null"], "maxLength": 500},
            },
        },
        "TransferMetadata": {
            "type": "object",
            "required": [
                "court_code",
                "court_name",
                "judgment_number",
                "judgment_date",
                "case_type",
                "target_office_code",
            ],
            "additionalProperties": False,
            "properties": {
                "court_code": _text(
                    MAX_LENGTHS["court_code"],
                    "The sending court's code; must be the code of "
                    "the court that owns the signing key (else 403 court_mismatch).",
                ),
                "court_name": _text(MAX_LENGTHS["court_name"], "The court's name."),
                "judgment_number": _number(
                    MAX_LENGTHS["judgment_number"],
                    "`<sequence>/<year>/<codes>`, e.g. `76/2025/HNGĐ-ST` or "
                    "`1161/2025/QĐST-DS`: the year must be the year of judgment_date and the "
                    "codes must name case_type (Đ counts as D).",
                ),
                "judgment_date": {
                    "type": "string",
                    "format": "date",
                    "description": "YYYY-MM-DD, not after today.",
                },
                "case_type": {"type": "string", "enum": list(CASE_TYPES)},
                "effective_date": {
                    "type": ["string", "null"],
                    "format": "date",
                    "description": "Date of legal effect (YYYY-MM-DD), not before judgment_date.",
                },
                "target_office_code": _text(
                    MAX_LENGTHS["target_office_code"],
                    "Code of the receiving enforcement office (e.g. `T79-KV01`).",
                ),
                "parties": {
                    "type": ["array", "null"],
                    "maxItems": MAX_PARTIES,
                    "items": {"$ref": "#/components/schemas/Party"},
                },
            },
        },
        "TransferReceipt": {
            "type": "object",
            "required": ["judgment_id", "status", "received_at", "duplicate"],
            "additionalProperties": False,
            "properties": {
                "judgment_id": {"type": "integer", "minimum": 1},
                "status": {"type": "string", "enum": list(Judgment.Status.values)},
                "received_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When the system recorded complete, valid data "
                    "(ND152 Art 7); for a duplicate, the first receipt.",
                },
                "duplicate": {"type": "boolean"},
            },
        },
        "TransferStatus": {
            "type": "object",
            "required": [
                "judgment_id",
                "judgment_number",
                "status",
                "status_label",
                "received_at",
                "target_office_code",
            ],
            "additionalProperties": False,
            "properties": {
                "judgment_id": {"type": "integer", "minimum": 1},
                "judgment_number": {"type": "string"},
                "status": {"type": "string", "enum": list(Judgment.Status.values)},
                "status_label": {"type": "string"},
                "received_at": {"type": "string", "format": "date-time"},
                "target_office_code": {"type": "string"},
            },
        },
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a fresh dict on each call)."""
    timestamp = {"$ref": "#/components/parameters/Timestamp"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "THADS court intake API",
            "version": API_VERSION,
            "description": "Courts transfer judgments to the civil judgment enforcement "
            "offices (L2008 Art 28; ND152 Art 7). Errors are "
            '`{"error": {"code", "message", "field"}}` with a Vietnamese message. '
            "See docs/court_api.md.",
        },
        "servers": [{"url": "/api/v1/court"}],
        "security": [{"courtHmac": []}],
        "paths": {
            "/judgments": {
                "post": {
                    "operationId": "createJudgmentTransfer",
                    "summary": "Transfer one judgment (metadata and PDF)",
                    "description": "Idempotent on (court, judgment number): the same "
                    "metadata and file again answer 200 with the first judgment id and "
                    "`duplicate: true`; other content for the same number answers 409.",
                    "parameters": [timestamp],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["metadata", "file"],
                                    "properties": {
                                        "metadata": {
                                            "$ref": "#/components/schemas/TransferMetadata"
                                        },
                                        "file": {
                                            "type": "string",
                                            "format": "binary",
                                            "contentMediaType": "application/pdf",
                                            "description": "The judgment as a PDF, within the "
                                            "documents' upload limit.",
                                        },
                                    },
                                },
                                "encoding": {
                                    "metadata": {"contentType": "application/json"},
                                    "file": {"contentType": "application/pdf"},
                                },
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Received: the judgment is stored and being read.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/TransferReceipt"}
                                }
                            },
                        },
                        "200": {
                            "description": "The same transfer was received before "
                            "(`duplicate: true`).",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/TransferReceipt"}
                                }
                            },
                        },
                        "400": _error_response(
                            "Invalid request: not multipart, invalid JSON, missing or unknown "
                            "field, wrong date, case type or judgment number.",
                            400,
                        ),
                        "401": _unauthorized(),
                        "403": _error_response(
                            "court_code is not the court that owns the signing key.", 403
                        ),
                        "404": _error_response("Unknown target office.", 404),
                        "409": _error_response(
                            "The judgment number was received before with other content.", 409
                        ),
                        "413": _error_response("The file is too large.", 413),
                        "415": _error_response("The file is not a PDF.", 415),
                        "422": _error_response(
                            "The PDF was refused by the document checks (encrypted, damaged, "
                            "polyglot, decompression bomb, too many pages...).",
                            422,
                        ),
                    },
                }
            },
            "/judgments/{judgment_id}": {
                "get": {
                    "operationId": "getJudgmentTransfer",
                    "summary": "State of a judgment this court transferred",
                    "parameters": [
                        timestamp,
                        {
                            "name": "judgment_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "The transfer and the judgment's state.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/TransferStatus"}
                                }
                            },
                        },
                        "401": _unauthorized(),
                        "404": _error_response(
                            "No judgment with this id was transferred by this court.", 404
                        ),
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This description",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "The OpenAPI 3.1 document.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "courtHmac": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": _AUTH_DESCRIPTION,
                }
            },
            "parameters": {
                "Timestamp": {
                    "name": "X-THADS-Timestamp",
                    "in": "header",
                    "required": True,
                    "description": "Unix time in seconds when the request was signed.",
                    "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"},
                }
            },
            "schemas": _schemas(),
        },
    }
