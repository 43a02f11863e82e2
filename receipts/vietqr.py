"""VietQR payloads (NAPAS 247 "chuyển nhanh" QR, built on EMVCo Merchant-Presented Mode).

A payload is a string of TLV objects: a two-digit tag, a two-digit length and the value. The
objects written here, in order:

- ``00`` payload format indicator ``01``; ``01`` point of initiation ``11`` (static, no amount)
  or ``12`` (dynamic, amount set);
- ``38`` merchant account information: ``00`` GUID ``A000000727`` (NAPAS), ``01`` beneficiary
  organisation (``00`` the bank's 6-digit BIN, ``01`` the account number), ``02`` service code
  ``QRIBFTTA`` (transfer to an account);
- ``53`` currency ``704`` (VND), ``54`` amount (integer VND), ``58`` country ``VN``;
- ``62`` additional data: ``08`` purpose of transaction (the transfer content, which carries
  the case reference so the statement line can be matched);
- ``63`` CRC: CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) over the whole payload
  including ``6304``, four upper-case hex digits.

Pure functions, no Django: :func:`vietqr_payload` builds, :func:`parse_tlv` and
:func:`crc_ok` read one back (tests, and staff checking a printed code).
"""

from __future__ import annotations

import re
import unicodedata

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
#: EMVCo limits the purpose of transaction (62/08) to 25 characters.
PURPOSE_MAX = 25


class VietQrError(ValueError):
    """A value that cannot go into a VietQR payload."""


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE of ``data`` (check value of ``b"123456789"`` is 0x29B1)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQrError(f"value of tag {tag} longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_content(text: str, *, limit: int = PURPOSE_MAX) -> str:
    """Transfer content as banking apps accept it: no diacritics (đ → d), only letters, digits,
    spaces and ``-``, single spaces, at most ``limit`` characters."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9 \-]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit].strip()


def vietqr_payload(
    *, bank_bin: str, account_number: str, amount_vnd: int | None = None, content: str = ""
) -> str:
    """The VietQR payload that makes a banking app prefill a transfer to ``account_number`` at
    the bank ``bank_bin`` for ``amount_vnd`` with ``content`` (made ASCII, 25 characters).

    Raises :class:`VietQrError` for a BIN that is not 6 digits, an account that is not 1–19
    letters or digits, or an amount that is not a positive integer.
    """
    if not re.fullmatch(r"[0-9]{6}", bank_bin or ""):
        raise VietQrError("bank BIN must be 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account_number or ""):
        raise VietQrError("account number must be 1-19 letters or digits")
    if amount_vnd is not None and (
        isinstance(amount_vnd, bool) or not isinstance(amount_vnd, int) or amount_vnd <= 0
    ):
        raise VietQrError("amount must be a positive integer of VND")
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account_number)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TO_ACCOUNT)
    parts = [
        _tlv("00", "01"),
        _tlv("01", "12" if amount_vnd else "11"),
        _tlv("38", merchant),
        _tlv("53", CURRENCY_VND),
    ]
    if amount_vnd:
        parts.append(_tlv("54", str(amount_vnd)))
    parts.append(_tlv("58", COUNTRY_VN))
    purpose = ascii_content(content)
    if purpose:
        parts.append(_tlv("62", _tlv("08", purpose)))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"


def parse_tlv(payload: str) -> dict[str, str]:
    """Top-level TLV objects of ``payload`` (tag -> value); raises ``VietQrError`` when the
    lengths do not add up."""
    result: dict[str, str] = {}
    index = 0
    while index < len(payload):
        if index + 4 > len(payload):
            raise VietQrError("truncated TLV header")
        tag, length = payload[index : index + 2], payload[index + 2 : index + 4]
        if not length.isdigit():
            raise VietQrError("TLV length is not a number")
        end = index + 4 + int(length)
        if end > len(payload):
            raise VietQrError("TLV value runs past the end")
        result[tag] = payload[index + 4 : end]
        index = end
    return result


def crc_ok(payload: str) -> bool:
    """True when the payload ends with ``6304`` + the right CRC (case-insensitive hex)."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        return False
    expected = f"{crc16_ccitt(payload[:-4].encode('ascii')):04X}"
    return payload[-4:].upper() == expected
