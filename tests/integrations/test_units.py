"""Masking, sealing, signatures and the answer schema, without the network."""

import time

import pytest

from thads.integrations import signing
from thads.integrations.exceptions import IntegrationSealError
from thads.integrations.masking import mask_email
from thads.integrations.masking import mask_payload
from thads.integrations.masking import mask_recipient
from thads.integrations.masking import mask_value
from thads.integrations.schema import DATETIME
from thads.integrations.schema import SchemaError
from thads.integrations.schema import validate
from thads.integrations.sealing import seal
from thads.integrations.sealing import unseal


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("0912345689", "09******89"),
        ("001085012345", "00********45"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_mask_value(value, masked):
    assert mask_value(value) == masked


def test_mask_email_and_recipient():
    assert mask_email("nguyenvan.an@example.vn") == "ng**********@example.vn"
    assert mask_email("an@example.vn") == "an***@example.vn"
    assert mask_recipient("0912345689") == "09******89"
    assert mask_recipient("an@example.vn") == "an***@example.vn"


def test_mask_payload_masks_identifiers_and_secrets_at_any_depth():
    data = {
        "id_number": "001085012345",
        "full_name": "Lê Văn Cường",
        "Token": "abc",
        "people": [{"citizen_id": "079123456789", "note": "mã 482913"}],
        "count": 3,
    }

    assert mask_payload(data, sensitive=["482913"]) == {
        "id_number": "00********45",
        "full_name": "Lê Văn Cường",
        "Token": "******",
        "people": [{"citizen_id": "07********89", "note": "mã ******"}],
        "count": 3,
    }


def test_seal_round_trip_and_key_rotation(settings):
    token = seal({"id_number": "001085012345"})
    assert "001085012345" not in token
    assert unseal(token) == {"id_number": "001085012345"}

    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert unseal(token) == {"id_number": "001085012345"}

    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(IntegrationSealError):
        unseal(token)


def test_signature_checks_secret_body_path_and_time():
    body = b'{"id_number":"001085012345"}'
    headers = signing.signed_headers(secret="s3cret", method="POST", path="/bank", body=body)
    check = {
        "timestamp": headers[signing.TIMESTAMP_HEADER],
        "nonce": headers[signing.NONCE_HEADER],
        "given": headers[signing.SIGNATURE_HEADER],
        "method": "POST",
    }

    assert headers[signing.SIGNATURE_HEADER].startswith("v1=")
    assert signing.verify(secret="s3cret", path="/bank", body=body, **check) is True
    assert signing.verify(secret="other", path="/bank", body=body, **check) is False
    assert signing.verify(secret="s3cret", path="/land", body=body, **check) is False
    assert signing.verify(secret="s3cret", path="/bank", body=body + b" ", **check) is False
    late = time.time() + signing.REPLAY_WINDOW_SECONDS + 5
    assert signing.verify(secret="s3cret", path="/bank", body=body, now=late, **check) is False


def test_schema_names_the_first_bad_field():
    schema = {"found": bool, "accounts": [{"balance_vnd": int}], "answered_at": DATETIME}

    validate(
        {"found": True, "accounts": [{"balance_vnd": 5}], "answered_at": "2026-11-23T10:00:00Z"},
        schema,
    )
    cases = [
        ([], "“gốc” phải là một đối tượng JSON"),
        ({"accounts": [], "answered_at": "2026-11-23T10:00:00Z"}, "thiếu trường “found”"),
        (
            {"found": 1, "accounts": [], "answered_at": "2026-11-23T10:00:00Z"},
            "trường “found” sai kiểu dữ liệu",
        ),
        (
            {"found": True, "accounts": [{"balance_vnd": True}], "answered_at": "x"},
            "trường “accounts[0].balance_vnd” sai kiểu dữ liệu",
        ),
        (
            {"found": True, "accounts": [], "answered_at": "2026-11-23T10:00:00"},
            "“answered_at” không phải ngày giờ hợp lệ",
        ),
    ]
    for data, detail in cases:
        with pytest.raises(SchemaError) as info:
            validate(data, schema)
        assert info.value.detail == detail
