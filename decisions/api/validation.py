"""Validation of the ``metadata`` part of a court transfer; every refusal is a precise 400.

The judgment number must have the form ``<sequence>/<year>/<codes>`` (``76/2025/HNGĐ-ST``,
``1161/2025/QĐST-DS``; domain.md §3.3): its year must be the year of ``judgment_date`` and its
codes must name the declared ``case_type`` (ASCII codes of ``decisions.types.CASE_TYPES``; Đ is
read as D). This is the same check the extraction cross-checks apply to read numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from decisions.api.errors import CourtApiError
from decisions.types import CASE_TYPES
from decisions.types import PARTY_ROLES

REQUIRED_FIELDS = (
    "court_code",
    "court_name",
    "judgment_number",
    "judgment_date",
    "case_type",
    "target_office_code",
)
OPTIONAL_FIELDS = ("effective_date", "parties")
PARTY_FIELDS = ("role", "name", "birth_year", "id_number", "address")
#: Longest accepted value of each text field (the model columns' lengths).
MAX_LENGTHS = {
    "court_code": 40,
    "court_name": 300,
    "judgment_number": 80,
    "target_office_code": 20,
}
MAX_PARTIES = 200
#: Earliest year of a judgment the intake accepts (as the officer's review form does).
MIN_YEAR = 1945
MAX_METADATA_BYTES = 64 * 1024

_NUMBER_RE = re.compile(r"^(?P<seq>[0-9]{1,6})/(?P<year>[0-9]{4})/(?P<codes>[A-Z]+(?:-[A-Z]+)*)$")
_ID_NUMBER_RE = re.compile(r"^(?:[0-9]{9}|[0-9]{12})$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class TransferMetadata:
    """The validated metadata of one transfer."""

    court_code: str
    court_name: str
    judgment_number: str
    number_key: str
    judgment_date: dt.date
    case_type: str
    target_office_code: str
    effective_date: dt.date | None
    parties: tuple[dict[str, Any], ...]

    def as_json(self) -> dict[str, Any]:
        """The metadata as stored and handed to the intake (dates as YYYY-MM-DD)."""
        return {
            "court_code": self.court_code,
            "court_name": self.court_name,
            "judgment_number": self.judgment_number,
            "judgment_date": self.judgment_date.isoformat(),
            "case_type": self.case_type,
            "target_office_code": self.target_office_code,
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "parties": [dict(p) for p in self.parties],
        }

    @property
    def sha256(self) -> str:
        """Fingerprint of the content: equal metadata, equal fingerprint (key order ignored)."""
        canonical = json.dumps(self.as_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def _ascii_code(text: str) -> str:
    return text.replace("Đ", "D").replace("đ", "d")


def number_key(number: str) -> str:
    """The judgment number normalised for idempotency: NFC, upper case, Đ as D, no spaces."""
    text = unicodedata.normalize("NFC", number).upper()
    return _ascii_code(re.sub(r"\s+", "", text))


def _missing(name: str) -> CourtApiError:
    return CourtApiError(
        "missing_field", _("Thiếu trường bắt buộc: %(field)s.") % {"field": name}, field=name
    )


def _text(data: dict[str, Any], name: str, *, required: bool = True) -> str:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _missing(name)
        return ""
    if not isinstance(value, str):
        raise CourtApiError(
            "invalid_field",
            _("Trường %(field)s phải là chuỗi ký tự.") % {"field": name},
            field=name,
        )
    value = unicodedata.normalize("NFC", value.strip())
    limit = MAX_LENGTHS.get(name)
    if limit is not None and len(value) > limit:
        raise CourtApiError(
            "invalid_field",
            _("Trường %(field)s dài quá %(max)s ký tự.") % {"field": name, "max": limit},
            field=name,
        )
    return value


def _date(data: dict[str, Any], name: str, *, required: bool) -> dt.date | None:
    raw = data.get(name)
    if raw is None or raw == "":
        if required:
            raise _missing(name)
        return None
    error = CourtApiError(
        "invalid_date",
        _("Trường %(field)s phải là ngày hợp lệ theo định dạng YYYY-MM-DD (ví dụ 2026-07-15).")
        % {"field": name},
        field=name,
    )
    if not isinstance(raw, str) or not _DATE_RE.match(raw):
        raise error
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise error from None


def parse_metadata_json(raw: bytes | str) -> dict[str, Any]:
    """The ``metadata`` part as a JSON object, or a precise 400."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", errors="surrogatepass")
    if isinstance(raw, bytes):
        if len(raw) > MAX_METADATA_BYTES:
            raise CourtApiError(
                "invalid_json",
                _("Phần metadata dài quá %(max)s KB.") % {"max": MAX_METADATA_BYTES // 1024},
                field="metadata",
            )
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CourtApiError(
                "invalid_json",
                _("Phần metadata phải được mã hóa UTF-8."),
                field="metadata",
            ) from None
    try:
        data = json.loads(raw)
    except RecursionError:
        raise CourtApiError(
            "invalid_json", _("Phần metadata lồng nhau quá sâu."), field="metadata"
        ) from None
    except json.JSONDecodeError as exc:
        raise CourtApiError(
            "invalid_json",
            _("Phần metadata không phải JSON hợp lệ (dòng %(line)s, cột %(col)s).")
            % {"line": exc.lineno, "col": exc.colno},
            field="metadata",
        ) from None
    if not isinstance(data, dict):
        raise CourtApiError(
            "invalid_json", _("Phần metadata phải là một đối tượng JSON."), field="metadata"
        )
    return data


def _check_number(number: str, *, judgment_date: dt.date, case_type: str) -> str:
    key = number_key(number)
    match = _NUMBER_RE.match(key)
    if match is None:
        raise CourtApiError(
            "invalid_judgment_number",
            _(
                "Số bản án không đúng định dạng <số thứ tự>/<năm>/<ký hiệu> "
                "(ví dụ 76/2025/HNGĐ-ST)."
            ),
            field="judgment_number",
        )
    year = int(match["year"])
    if year != judgment_date.year:
        raise CourtApiError(
            "judgment_number_mismatch",
            _("Năm trong số bản án (%(year)s) không khớp với năm của ngày bản án (%(date_year)s).")
            % {"year": year, "date_year": judgment_date.year},
            field="judgment_number",
        )
    kinds = [code for code in match["codes"].split("-") if code in CASE_TYPES]
    if kinds != [case_type]:
        raise CourtApiError(
            "judgment_number_mismatch",
            _("Ký hiệu trong số bản án (%(codes)s) không khớp với loại vụ việc %(case_type)s.")
            % {"codes": number.rsplit("/", 1)[-1], "case_type": case_type},
            field="judgment_number",
        )
    return key


def _parties(raw: Any, *, today: dt.date) -> tuple[dict[str, Any], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CourtApiError(
            "invalid_field", _("Trường parties phải là một danh sách."), field="parties"
        )
    if len(raw) > MAX_PARTIES:
        raise CourtApiError(
            "invalid_field",
            _("Danh sách parties có quá %(max)s đương sự.") % {"max": MAX_PARTIES},
            field="parties",
        )
    parties = []
    for index, item in enumerate(raw):
        path = f"parties[{index}]"
        if not isinstance(item, dict):
            raise CourtApiError(
                "invalid_field",
                _("Phần tử %(field)s phải là một đối tượng JSON.") % {"field": path},
                field=path,
            )
        for name in item:
            if name not in PARTY_FIELDS:
                raise CourtApiError(
                    "unknown_field",
                    _("Trường không được hỗ trợ: %(field)s.") % {"field": f"{path}.{name}"},
                    field=f"{path}.{name}",
                )
        role = item.get("role")
        if role not in PARTY_ROLES:
            raise CourtApiError(
                "invalid_field",
                _("Tư cách đương sự %(field)s phải là một trong: %(roles)s.")
                % {"field": f"{path}.role", "roles": ", ".join(PARTY_ROLES)},
                field=f"{path}.role",
            )
        name = _text(item, "name") if "name" in item else ""
        if not name:
            raise _missing(f"{path}.name")
        if len(name) > 200:
            raise CourtApiError(
                "invalid_field",
                _("Trường %(field)s dài quá %(max)s ký tự.")
                % {"field": f"{path}.name", "max": 200},
                field=f"{path}.name",
            )
        birth_year = item.get("birth_year")
        if birth_year is not None and (
            isinstance(birth_year, bool)
            or not isinstance(birth_year, int)
            or not 1900 <= birth_year <= today.year
        ):
            raise CourtApiError(
                "invalid_field",
                _("Trường %(field)s phải là năm sinh từ 1900 đến năm hiện tại.")
                % {"field": f"{path}.birth_year"},
                field=f"{path}.birth_year",
            )
        id_number = item.get("id_number")
        if id_number is not None and (
            not isinstance(id_number, str) or not _ID_NUMBER_RE.match(id_number)
        ):
            raise CourtApiError(
                "invalid_field",
                _("Trường %(field)s phải gồm 9 hoặc 12 chữ số.") % {"field": f"{path}.id_number"},
                field=f"{path}.id_number",
            )
        address = item.get("address")
        if address is not None and (not isinstance(address, str) or len(address) > 500):
            raise CourtApiError(
                "invalid_field",
                _("Trường %(field)s phải là chuỗi ký tự, tối đa 500 ký tự.")
                % {"field": f"{path}.address"},
                field=f"{path}.address",
            )
        parties.append(
            {
                "role": role,
                "name": name,
                "birth_year": birth_year,
                "id_number": id_number,
                "address": unicodedata.normalize("NFC", address.strip()) if address else None,
            }
        )
    return tuple(parties)


def validate_metadata(data: dict[str, Any], *, today: dt.date) -> TransferMetadata:
    """Check every field of the metadata object; the first problem is a precise 400.

    Order: unknown fields, required text fields, dates, case type, number against year and
    case type, parties.
    """
    for name in data:
        if name not in REQUIRED_FIELDS and name not in OPTIONAL_FIELDS:
            raise CourtApiError(
                "unknown_field",
                _("Trường không được hỗ trợ: %(field)s.") % {"field": name},
                field=name,
            )
    texts = {name: _text(data, name) for name in REQUIRED_FIELDS if name != "judgment_date"}
    judgment_date = _date(data, "judgment_date", required=True)
    if judgment_date is None:  # required=True never returns None; this narrows the type
        raise _missing("judgment_date")
    if judgment_date.year < MIN_YEAR:
        raise CourtApiError(
            "invalid_date",
            _("Năm của ngày bản án phải từ %(min)s trở đi.") % {"min": MIN_YEAR},
            field="judgment_date",
        )
    if judgment_date > today:
        raise CourtApiError(
            "invalid_date",
            _("Ngày bản án (%(date)s) không được sau ngày hiện tại.")
            % {"date": judgment_date.strftime("%d/%m/%Y")},
            field="judgment_date",
        )
    effective_date = _date(data, "effective_date", required=False)
    if effective_date is not None and effective_date < judgment_date:
        raise CourtApiError(
            "invalid_date",
            _("Ngày có hiệu lực pháp luật không được trước ngày bản án."),
            field="effective_date",
        )
    case_type = texts["case_type"]
    if case_type not in CASE_TYPES:
        raise CourtApiError(
            "invalid_case_type",
            _("Loại vụ việc phải là một trong: %(types)s.") % {"types": ", ".join(CASE_TYPES)},
            field="case_type",
        )
    key = _check_number(texts["judgment_number"], judgment_date=judgment_date, case_type=case_type)
    return TransferMetadata(
        court_code=texts["court_code"],
        court_name=texts["court_name"],
        judgment_number=texts["judgment_number"],
        number_key=key,
        judgment_date=judgment_date,
        case_type=case_type,
        target_office_code=texts["target_office_code"],
        effective_date=effective_date,
        parties=_parties(data.get("parties"), today=today),
    )
