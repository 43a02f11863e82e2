"""Fixtures of the court intake API tests: a registered court, a signed-request helper, PDFs."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from decisions.api.auth import signed_headers
from decisions.api.services import court_client_create
from decisions.models import CourtClient
from tests.samples import generate

BOUNDARY = "thadsCourtApiTestBoundary"
CREATE_PATH = "/api/v1/court/judgments"
COURT_CODE = "TAND-79-Q1"


@dataclass
class Court:
    client: CourtClient
    key_id: str
    secret: str


def multipart_body(parts: list[tuple[str, str | None, str, bytes]]) -> bytes:
    """A multipart/form-data body: each part is (name, filename or None, content type, bytes)."""
    lines: list[bytes] = []
    for name, filename, content_type, content in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        lines += [
            f"--{BOUNDARY}".encode(),
            f"Content-Disposition: {disposition}".encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            content,
        ]
    lines += [f"--{BOUNDARY}--".encode(), b""]
    return b"\r\n".join(lines)


def transfer_body(metadata: Any, pdf: bytes | None, *, filename: str = "ban-an.pdf") -> bytes:
    parts: list[tuple[str, str | None, str, bytes]] = []
    if metadata is not None:
        raw = metadata if isinstance(metadata, bytes) else json.dumps(metadata).encode()
        parts.append(("metadata", None, "application/json", raw))
    if pdf is not None:
        parts.append(("file", filename, "application/pdf", pdf))
    return multipart_body(parts)


@pytest.fixture
def court(db) -> Court:
    client, key, secret = court_client_create(court_code=COURT_CODE, name="TAND Quận 1")
    return Court(client=client, key_id=key.key_id, secret=secret)


@pytest.fixture
def other_court(db) -> Court:
    client, key, secret = court_client_create(court_code="TAND-01-BD", name="TAND Ba Đình")
    return Court(client=client, key_id=key.key_id, secret=secret)


@pytest.fixture
def metadata(office) -> Callable[..., dict[str, Any]]:
    """``metadata(**changes)``: valid metadata for ``office`` (T101-KV01), with changes."""

    def make(**changes: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "court_code": COURT_CODE,
            "court_name": "Tòa án nhân dân Quận 1, Thành phố Hồ Chí Minh",
            "judgment_number": "76/2025/HNGĐ-ST",
            "judgment_date": "2025-05-22",
            "case_type": "HNGD",
            "effective_date": "2025-06-23",
            "target_office_code": office.code,
            "parties": [
                {
                    "role": "plaintiff",
                    "name": "Nguyễn Thị Lan",
                    "birth_year": 1985,
                    "id_number": "079185001234",
                    "address": "12 Lê Lợi, Phường Bến Nghé",
                },
                {"role": "defendant", "name": "Trần Văn Minh"},
            ],
        }
        data.update(changes)
        return {k: v for k, v in data.items() if v is not ...}

    return make


@pytest.fixture
def pdf_bytes(tmp_path) -> Callable[[str], bytes]:
    """``pdf_bytes(tag)``: a real one-page text PDF whose content differs per ``tag``."""

    def make(tag: str = "a") -> bytes:
        path = generate.text_pdf(
            tmp_path / f"judgment-{tag}.pdf",
            pages=(("TÒA ÁN NHÂN DÂN QUẬN 1", f"Bản án số 76/2025/HNGĐ-ST ({tag})"),),
        )
        return Path(path).read_bytes()

    return make


@pytest.fixture
def send(client: Client) -> Callable[..., Any]:
    """``send(court, method, path, body, **overrides)``: a signed request through the test client.

    Overrides: ``timestamp`` (int), ``key_id``, ``secret``, ``sign_path``, ``sign_body``
    (sign something else than what is sent), ``headers`` (replace the auth headers).
    """

    def do(
        court: Court,
        method: str = "POST",
        path: str = CREATE_PATH,
        body: bytes = b"",
        *,
        timestamp: int | None = None,
        key_id: str | None = None,
        secret: str | None = None,
        sign_path: str | None = None,
        sign_body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        auth = signed_headers(
            key_id=key_id or court.key_id,
            secret=secret or court.secret,
            method=method,
            path=sign_path or path,
            body=body if sign_body is None else sign_body,
            timestamp=int(time.time()) if timestamp is None else timestamp,
        )
        if headers is not None:
            auth = headers
        if method == "GET":
            return client.get(path, headers=auth)
        return client.generic(
            method,
            path,
            data=body,
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
            headers=auth,
        )

    return do
