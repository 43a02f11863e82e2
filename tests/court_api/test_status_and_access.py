"""GET /api/v1/court/judgments/<id>, the OpenAPI document, and the access matrix of the API.

Staff sessions never authenticate to the API: every actor of the matrix gets the same 401 as
an anonymous caller, with nothing stored and nothing audited.
"""

from __future__ import annotations

import pytest

from decisions.api.errors import ERROR_STATUS
from decisions.models import CourtTransfer
from decisions.models import Judgment
from tests.court_api.conftest import transfer_body
from tests.fixtures.core import MATRIX_ACTORS
from thads.audit.models import AuditEvent
from thads.documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def transferred(court, send, metadata, pdf_bytes) -> Judgment:
    response = send(court, body=transfer_body(metadata(), pdf_bytes("a")))
    assert response.status_code == 201
    return Judgment.objects.get(pk=response.json()["judgment_id"])


def test_court_reads_the_state_of_its_own_transfer(court, send, transferred, office):
    response = send(court, "GET", f"/api/v1/court/judgments/{transferred.pk}")

    assert response.status_code == 200
    transfer = CourtTransfer.objects.get()
    assert response.json() == {
        "judgment_id": transferred.pk,
        "judgment_number": "76/2025/HNGĐ-ST",
        "status": "received",
        "status_label": "Đã tiếp nhận",
        "received_at": transfer.received_at.isoformat(),
        "target_office_code": office.code,
    }


@pytest.mark.parametrize("which", ["other-court", "missing", "not-a-number", "too-long"])
def test_other_courts_and_unknown_ids_are_404(which, court, other_court, send, transferred):
    asked, judgment_id = {
        "other-court": (other_court, str(transferred.pk)),
        "missing": (court, str(transferred.pk + 1000)),
        "not-a-number": (court, "abc"),
        "too-long": (court, "9" * 30),
    }[which]

    response = send(asked, "GET", f"/api/v1/court/judgments/{judgment_id}")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": f"Không tìm thấy bản án có mã {judgment_id} do Tòa án này chuyển.",
            "field": "judgment_id",
        }
    }
    assert "76/2025" not in response.content.decode()


def test_openapi_document_is_served_and_lists_every_error_code(client):
    response = client.get("/api/v1/court/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert sorted(document["paths"]) == ["/judgments", "/judgments/{judgment_id}", "/openapi.json"]
    error = document["components"]["schemas"]["Error"]["properties"]["error"]
    assert error["properties"]["code"]["enum"] == list(ERROR_STATUS)
    responses = document["paths"]["/judgments"]["post"]["responses"]
    declared = set(responses)
    post_codes = set(ERROR_STATUS) - {"not_found"}
    assert {str(ERROR_STATUS[code]) for code in post_codes} == declared - {"200", "201"}
    assert sorted(declared) == [
        "200",
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
        "413",
        "415",
        "422",
    ]


@pytest.mark.parametrize("name", MATRIX_ACTORS)
def test_staff_sessions_do_not_authenticate_to_the_api(
    name, actor, client, metadata, pdf_bytes, transferred
):
    user = actor(name)
    client.force_login(user)
    judgments, documents, events = (
        Judgment.objects.count(),
        Document.objects.count(),
        AuditEvent.objects.count(),
    )

    post = client.post(
        "/api/v1/court/judgments",
        data=transfer_body(metadata(judgment_number="90/2025/HNGĐ-ST"), pdf_bytes("z")),
        content_type="multipart/form-data; boundary=thadsCourtApiTestBoundary",
    )
    get = client.get(f"/api/v1/court/judgments/{transferred.pk}")
    schema = client.get("/api/v1/court/openapi.json")

    assert (post.status_code, get.status_code, schema.status_code) == (401, 401, 200)
    assert post.json()["error"]["code"] == "auth_missing"
    assert get.json()["error"]["code"] == "auth_missing"
    assert "76/2025" not in get.content.decode()
    assert (Judgment.objects.count(), Document.objects.count(), AuditEvent.objects.count()) == (
        judgments,
        documents,
        events,
    )


def test_anonymous_is_401_and_other_methods_405(client, transferred):
    assert client.get("/api/v1/court/judgments").status_code == 405
    assert client.put(f"/api/v1/court/judgments/{transferred.pk}").status_code == 405
    response = client.get(f"/api/v1/court/judgments/{transferred.pk}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "auth_missing"
