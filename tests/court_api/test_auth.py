"""HMAC authentication: exact 401s, replay, secrets at rest, key rotation and the commands."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from decisions.api.auth import decrypt_secret
from decisions.api.auth import sign
from decisions.api.services import court_client_rotate
from decisions.models import CourtClient
from decisions.models import CourtClientKey
from decisions.models import CourtRequestSignature
from decisions.models import Judgment
from tests.court_api.conftest import transfer_body
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

WWW_AUTHENTICATE = 'THADS-HMAC realm="court-api"'


def _now() -> int:
    return int(timezone.now().timestamp())


def _assert_401(response, code: str, message: str, field: str) -> None:
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == WWW_AUTHENTICATE
    assert response.json() == {"error": {"code": code, "message": message, "field": field}}
    assert Judgment.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="decisions.court_transfer").exists()


def test_missing_authorization(court, send, metadata, pdf_bytes):
    response = send(court, body=transfer_body(metadata(), pdf_bytes()), headers={})

    _assert_401(
        response,
        "auth_missing",
        "Thiếu tiêu đề xác thực Authorization theo lược đồ THADS-HMAC.",
        "Authorization",
    )


@pytest.mark.parametrize(
    "value",
    ["Bearer abc", "THADS-HMAC key_id=abc", "THADS-HMAC key_id=abc, signature=xyz"],
    ids=["other-scheme", "no-signature", "short-signature"],
)
def test_malformed_authorization(value, court, send, metadata, pdf_bytes):
    response = send(
        court,
        body=transfer_body(metadata(), pdf_bytes()),
        headers={"Authorization": value, "X-THADS-Timestamp": str(_now())},
    )

    _assert_401(
        response,
        "auth_malformed",
        "Tiêu đề Authorization không đúng định dạng "
        "'THADS-HMAC key_id=<mã khóa>, signature=<64 ký tự hex>'.",
        "Authorization",
    )


@pytest.mark.parametrize(
    "timestamp", [None, "", "12:00", "-5"], ids=["none", "empty", "clock", "neg"]
)
def test_missing_or_invalid_timestamp(timestamp, court, send, metadata, pdf_bytes):
    headers = {"Authorization": f"THADS-HMAC key_id={court.key_id}, signature={'0' * 64}"}
    if timestamp is not None:
        headers["X-THADS-Timestamp"] = timestamp

    response = send(court, body=transfer_body(metadata(), pdf_bytes()), headers=headers)

    _assert_401(
        response,
        "timestamp_invalid",
        "Thiếu hoặc sai tiêu đề X-THADS-Timestamp (số giây Unix, chỉ gồm chữ số).",
        "X-THADS-Timestamp",
    )


@pytest.mark.parametrize("offset", [-301, 301])
def test_timestamp_outside_the_window(offset, court, send, metadata, pdf_bytes):
    response = send(court, body=transfer_body(metadata(), pdf_bytes()), timestamp=_now() + offset)

    _assert_401(
        response,
        "timestamp_expired",
        "Dấu thời gian X-THADS-Timestamp lệch quá 300 giây so với giờ máy chủ; "
        "hãy đồng bộ đồng hồ và ký lại yêu cầu.",
        "X-THADS-Timestamp",
    )


def test_timestamp_at_the_edge_of_the_window_is_accepted(court, send, metadata, pdf_bytes):
    response = send(court, body=transfer_body(metadata(), pdf_bytes()), timestamp=_now() - 295)

    assert response.status_code == 201


def test_unknown_key(court, send, metadata, pdf_bytes):
    response = send(court, body=transfer_body(metadata(), pdf_bytes()), key_id="khongton-tai")

    _assert_401(
        response,
        "unknown_key",
        "Mã khóa không tồn tại, đã bị thu hồi hoặc đã hết hạn.",
        "Authorization",
    )


def test_wrong_secret(court, send, metadata, pdf_bytes):
    response = send(court, body=transfer_body(metadata(), pdf_bytes()), secret="doan-sai")

    _assert_401(
        response,
        "bad_signature",
        "Chữ ký không hợp lệ: HMAC-SHA256 của 'timestamp\\nmethod\\npath\\nsha256(body)' "
        f"không khớp với khóa {court.key_id}.",
        "Authorization",
    )


@pytest.mark.parametrize("tamper", ["body", "path"])
def test_signature_covers_body_and_path(tamper, court, send, metadata, pdf_bytes):
    body = transfer_body(metadata(), pdf_bytes())
    other = {"body": {"sign_body": body + b"x"}, "path": {"sign_path": "/api/v1/court/other"}}

    response = send(court, body=body, **other[tamper])

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "bad_signature"
    assert Judgment.objects.count() == 0


def test_replayed_request_is_refused(court, send, metadata, pdf_bytes):
    body = transfer_body(metadata(), pdf_bytes())
    ts = _now()
    first = send(court, body=body, timestamp=ts)

    replay = send(court, body=body, timestamp=ts)

    assert first.status_code == 201
    assert replay.status_code == 401
    assert replay.json() == {
        "error": {
            "code": "replayed",
            "message": "Yêu cầu này đã được gửi trước đó (chữ ký đã được sử dụng); "
            "hãy ký lại với dấu thời gian mới.",
            "field": "Authorization",
        }
    }
    assert Judgment.objects.count() == 1
    assert CourtRequestSignature.objects.count() == 1


def test_old_signatures_are_forgotten(court, send, metadata, pdf_bytes):
    CourtRequestSignature.objects.create(
        signature="a" * 64, key_id=court.key_id, seen_at=timezone.now() - dt.timedelta(hours=1)
    )

    send(court, body=transfer_body(metadata(), pdf_bytes()))

    assert CourtRequestSignature.objects.count() == 1
    assert not CourtRequestSignature.objects.filter(signature="a" * 64).exists()


def test_disabled_court_and_revoked_key(court, send, metadata, pdf_bytes):
    CourtClient.objects.filter(pk=court.client.pk).update(is_active=False)
    disabled = send(court, body=transfer_body(metadata(), pdf_bytes()))
    CourtClient.objects.filter(pk=court.client.pk).update(is_active=True)
    CourtClientKey.objects.filter(key_id=court.key_id).update(revoked_at=timezone.now())

    revoked = send(court, body=transfer_body(metadata(), pdf_bytes()))

    assert disabled.json()["error"]["code"] == "unknown_key"
    assert revoked.json()["error"]["code"] == "unknown_key"


def test_secret_is_stored_only_encrypted_and_never_audited(court):
    key = CourtClientKey.objects.get(key_id=court.key_id)

    assert court.secret not in key.secret_encrypted
    assert decrypt_secret(key.secret_encrypted) == court.secret
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM decisions_courtclientkey")
        stored = [row[0] for row in cursor.fetchall()]
    assert all(court.secret not in value for value in stored)
    created = AuditEvent.objects.get(action="decisions.court_client_created")
    assert court.secret not in str(created.after)
    assert created.after["key_id"] == court.key_id
    assert created.actor_id is None


def test_secret_encrypted_under_a_previous_secret_key_still_opens(court, settings):
    key = CourtClientKey.objects.get(key_id=court.key_id)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = [old]

    assert decrypt_secret(key.secret_encrypted) == court.secret
    settings.SECRET_KEY_FALLBACKS = []
    assert decrypt_secret(key.secret_encrypted) is None


def test_rotation_keeps_the_old_key_for_the_grace_period(court, send, metadata, pdf_bytes):
    new_key, new_secret = court_client_rotate(client=court.client, grace=dt.timedelta(hours=2))

    old_ok = send(court, body=transfer_body(metadata(), pdf_bytes("a")))
    new_ok = send(
        court,
        body=transfer_body(metadata(judgment_number="77/2025/HNGĐ-ST"), pdf_bytes("b")),
        key_id=new_key.key_id,
        secret=new_secret,
    )
    old_key = CourtClientKey.objects.get(key_id=court.key_id)
    old_key.expires_at = timezone.now() - dt.timedelta(seconds=1)
    old_key.save(update_fields=["expires_at"])
    old_after_grace = send(
        court, body=transfer_body(metadata(judgment_number="78/2025/HNGĐ-ST"), pdf_bytes("c"))
    )

    assert (old_ok.status_code, new_ok.status_code) == (201, 201)
    assert old_after_grace.status_code == 401
    assert old_after_grace.json()["error"]["code"] == "unknown_key"
    rotated = AuditEvent.objects.get(action="decisions.court_key_rotated")
    assert rotated.before == {"valid_keys": [court.key_id]}
    assert rotated.after["key_id"] == new_key.key_id
    assert new_secret not in str(rotated.after)


def test_rotation_never_extends_an_earlier_expiry(court):
    soon = timezone.now() + dt.timedelta(minutes=5)
    CourtClientKey.objects.filter(key_id=court.key_id).update(expires_at=soon)

    court_client_rotate(client=court.client, grace=dt.timedelta(days=7))

    assert CourtClientKey.objects.get(key_id=court.key_id).expires_at == soon


def test_commands_print_the_secret_once(db):
    out = io.StringIO()
    call_command(
        "court_client_create",
        "--court-code",
        "TAND-48",
        "--name",
        "TAND Đà Nẵng",
        stdout=out,
        stderr=io.StringIO(),
    )
    created = dict(line.split("=", 1) for line in out.getvalue().splitlines())
    out = io.StringIO()
    call_command(
        "court_client_rotate",
        "--court-code",
        "TAND-48",
        "--grace-hours",
        "24",
        stdout=out,
        stderr=io.StringIO(),
    )
    rotated = dict(line.split("=", 1) for line in out.getvalue().splitlines())

    assert created["court_code"] == "TAND-48"
    assert re.fullmatch(r"[0-9a-f]{24}", created["key_id"])
    assert len(created["secret"]) == 43
    assert rotated["key_id"] != created["key_id"]
    keys = {k.key_id: k for k in CourtClientKey.objects.filter(client__court_code="TAND-48")}
    assert decrypt_secret(keys[created["key_id"]].secret_encrypted) == created["secret"]
    assert decrypt_secret(keys[rotated["key_id"]].secret_encrypted) == rotated["secret"]
    grace = keys[created["key_id"]].expires_at - timezone.now()
    assert dt.timedelta(hours=23, minutes=59) < grace <= dt.timedelta(hours=24)
    assert keys[rotated["key_id"]].expires_at is None


def test_sign_matches_the_documented_recipe():
    # The example of docs/court_api.md, computed independently with hashlib/hmac.
    import hashlib
    import hmac

    body_hash = hashlib.sha256(b"").hexdigest()
    message = f"1767225600\nGET\n/api/v1/court/judgments/5\n{body_hash}".encode()
    expected = hmac.new(b"bi-mat", message, hashlib.sha256).hexdigest()

    assert (
        sign(
            secret="bi-mat",
            timestamp="1767225600",
            method="get",
            path="/api/v1/court/judgments/5",
            body_hash=body_hash,
        )
        == expected
    )
