"""VietQR payloads: CRC-16/CCITT-FALSE, the TLV layout, and codes read from real apps."""

from __future__ import annotations

import pytest

from receipts.vietqr import VietQrError
from receipts.vietqr import ascii_content
from receipts.vietqr import crc16_ccitt
from receipts.vietqr import crc_ok
from receipts.vietqr import parse_tlv
from receipts.vietqr import vietqr_payload


def test_crc_check_value_of_the_standard():
    # CRC-16/CCITT-FALSE check value (the catalogue's value for "123456789").
    assert crc16_ccitt(b"123456789") == 0x29B1


@pytest.mark.parametrize(
    "payload",
    [
        # static codes and a dynamic one printed by Vietnamese banking apps and payOS
        "00020101021138540010A00000072701240006970422011009119673630208QRIBFTTA53037045802VN63046ad9",
        "00020101021138570010A00000072701270006970405011322082054793800208QRIBFTTA53037045802VN630497A6",
        "00020101021238570010A000000727012700069704220113VQRQABRLS04480208QRIBFTTA5303704540420005802VN6224082018f8746b181045f0a2ce63040FC0",
    ],
)
def test_crc_of_codes_issued_by_banks(payload):
    assert crc_ok(payload) is True
    assert crc_ok(payload[:-1] + ("0" if payload[-1] != "0" else "1")) is False


def test_payload_equals_the_reference_library_output():
    # Same inputs as the README of the vietqr-pay library: BIN 970416, account 257678859.
    assert vietqr_payload(
        bank_bin="970416", account_number="257678859", amount_vnd=1000, content="Chuyen tien"
    ) == (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "5303704540410005802VN62150811Chuyen tien6304BBB8"
    )
    assert vietqr_payload(bank_bin="970416", account_number="257678859") == (
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
    )


def test_payload_structure_for_a_case_notice():
    payload = vietqr_payload(
        bank_bin="970436",
        account_number="1017394258",
        amount_vnd=12_500_000,
        content="THA 12 2026 T101-KV01",
    )
    top = parse_tlv(payload)
    assert list(top) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert top["01"] == "12"
    assert parse_tlv(top["38"]) == {
        "00": "A000000727",
        "01": "00069704360110" + "1017394258",
        "02": "QRIBFTTA",
    }
    assert parse_tlv(parse_tlv(top["38"])["01"]) == {"00": "970436", "01": "1017394258"}
    assert top["53"] == "704"
    assert top["54"] == "12500000"
    assert parse_tlv(top["62"]) == {"08": "THA 12 2026 T101-KV01"}
    assert crc_ok(payload)


def test_content_is_ascii_and_at_most_25_characters():
    assert ascii_content("Nộp tiền THA hồ sơ 12/2026 – Đặng Văn Ấn") == "Nop tien THA ho so 12 202"
    assert ascii_content("=cmd|' /C calc'!A0") == "cmd C calc A0"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bank_bin": "97043", "account_number": "1"}, "bank BIN must be 6 digits"),
        ({"bank_bin": "970436", "account_number": "12 34"}, "account number"),
        ({"bank_bin": "970436", "account_number": "1234", "amount_vnd": 0}, "positive"),
        ({"bank_bin": "970436", "account_number": "1234", "amount_vnd": -5}, "positive"),
        ({"bank_bin": "970436", "account_number": "1234", "amount_vnd": 1.5}, "positive"),
    ],
)
def test_bad_values_are_refused(kwargs, message):
    with pytest.raises(VietQrError, match=message):
        vietqr_payload(**kwargs)


def test_parse_tlv_refuses_truncated_payloads():
    with pytest.raises(VietQrError):
        parse_tlv("000201010")
