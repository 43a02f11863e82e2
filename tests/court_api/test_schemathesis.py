"""Property-based test of the court API against the OpenAPI document it serves (schemathesis).

The schema is loaded from ``/api/v1/court/openapi.json`` through the Django WSGI application
(``schemathesis.openapi.from_wsgi``); every generated request, positive and negative, must get
an answer that is not a server error and conforms to the schema (status code, content type,
headers, body). The signing hook is a WSGI wrapper: the HMAC covers the exact body bytes, which
exist only once the transport has encoded the multipart form, so it signs there, with the test
court's key and a fresh timestamp, every request whose Authorization header is the placeholder
:data:`SIGN_ME` given to the generated cases. Requests without it (schemathesis's probes that
drop or replace the credentials, ``ignored_auth``) go through unsigned and must get 401.
Bounded example counts keep the run well under a minute on two cores.
"""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.handlers.wsgi import get_path_info
from django.core.handlers.wsgi import get_script_name
from django.core.signals import request_finished
from django.core.signals import request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from decisions.api.auth import signed_headers
from decisions.models import CourtTransfer

pytestmark = pytest.mark.django_db

SCHEMA_PATH = "/api/v1/court/openapi.json"
MAX_EXAMPLES = 100
#: Authorization value the wrapper replaces with a real signature.
SIGN_ME = "THADS-HMAC sign-me"
#: Schema-valid data may still be refused with 400: the cross-field rules (number against
#: date and case type, date not in the future, court code of the signing key) cannot be said
#: in JSON Schema. Every other built-in check runs.
EXCLUDED_CHECKS = [positive_data_acceptance]


class SigningApp:
    """WSGI wrapper that signs every request with a court's key, as the court's client would."""

    def __init__(self, app: Any, *, key_id: str, secret: str) -> None:
        self.app = app
        self.key_id = key_id
        self.secret = secret
        # Two requests in the same second with the same body would share a signature (a replay).
        self._skew = itertools.cycle(range(0, 120))

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("HTTP_AUTHORIZATION") != SIGN_ME:
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        script = get_script_name(environ)
        path = "{}/{}".format(script.rstrip("/"), get_path_info(environ).replace("/", "", 1))
        headers = signed_headers(
            key_id=self.key_id,
            secret=self.secret,
            method=environ["REQUEST_METHOD"],
            path=path,
            body=body,
            timestamp=int(time.time()) - next(self._skew),
        )
        environ["HTTP_AUTHORIZATION"] = headers["Authorization"]
        environ["HTTP_X_THADS_TIMESTAMP"] = headers["X-THADS-Timestamp"]
        return self.app(environ, start_response)


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Keep the test's database transaction open across WSGI requests (as Django's client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(court, in_test_transaction, media_root) -> Any:
    app = SigningApp(WSGIHandler(), key_id=court.key_id, secret=court.secret)
    return schemathesis.openapi.from_wsgi(SCHEMA_PATH, app)


def _run(strategy: Any, *, max_examples: int) -> list[int]:
    statuses: list[int] = []

    @given(case=strategy)
    @hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
        statuses.append(response.status_code)

    check()
    return statuses


def test_generated_requests_get_conforming_answers(api_schema):
    signed = {"Authorization": SIGN_ME}
    positive = _run(api_schema.as_strategy(headers=signed), max_examples=MAX_EXAMPLES)
    negative = _run(
        api_schema.as_strategy(
            generation_mode=schemathesis.GenerationMode.NEGATIVE, headers=signed
        ),
        max_examples=MAX_EXAMPLES,
    )

    statuses = positive + negative
    assert len(statuses) >= MAX_EXAMPLES
    assert all(status < 500 for status in statuses)
    # The signing hook works: generated requests get past authentication to validation.
    assert {400, 404} & set(statuses)


def test_valid_transfer_and_repeat_conform(api_schema, metadata, pdf_bytes, office):
    operation = api_schema["/judgments"]["POST"]
    body = {"metadata": metadata(), "file": pdf_bytes("schema")}

    signed = {"Authorization": SIGN_ME}

    created = operation.Case(
        body=body, media_type="multipart/form-data", headers=signed
    ).call_and_validate()
    repeated = operation.Case(
        body=body, media_type="multipart/form-data", headers=signed
    ).call_and_validate()
    judgment_id = created.json()["judgment_id"]
    status = (
        api_schema["/judgments/{judgment_id}"]["GET"]
        .Case(path_parameters={"judgment_id": judgment_id}, headers=signed)
        .call_and_validate()
    )

    assert (created.status_code, repeated.status_code, status.status_code) == (201, 200, 200)
    assert repeated.json()["duplicate"] is True
    assert CourtTransfer.objects.get().judgment_id == judgment_id
