"""Prefill of the counter intake form from a scanned petition (issue 7 §2).

Pure functions over the text the document pipeline read (``thads.documents`` ``PageText``):
no database. Each line is compared without diacritics and in lower case, so that an OCR slip
on a tone mark does not lose a label, against the labels that Vietnamese petitions use
("Họ và tên người khiếu nại:", "Số CCCD:", "Địa chỉ:", "…, ngày 05 tháng 11 năm 2026"); the
value is what follows the label on that line, taken from the original text (diacritics kept).
The kind comes from the title ("ĐƠN KHIẾU NẠI", "ĐƠN TỐ CÁO", "ĐƠN YÊU CẦU THI HÀNH ÁN", …).

Every field carries a confidence 0–1 (how specific the label is × the page's OCR confidence)
that the form shows, so staff check what the machine was unsure of. Nothing is saved here:
the clerk confirms or corrects the form, and ``petition_receive`` stores the petition.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

__all__ = ["PREFILL_FIELDS", "PetitionPrefill", "PrefillValue", "extract_petition", "fold"]

#: The intake form fields the prefill may fill, in form order.
PREFILL_FIELDS = (
    "kind",
    "complaint_level",
    "petitioner_name",
    "petitioner_id_kind",
    "petitioner_id_number",
    "petitioner_birth_year",
    "petitioner_address",
    "petitioner_phone",
    "petitioner_email",
    "received_on",
    "subject",
    "respondent",
    "judgment_reference",
    "content",
)


@dataclass(frozen=True)
class PrefillValue:
    """One value read from the scan: ``value`` (text, int or ``date``) and its confidence."""

    value: Any
    confidence: float

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)

    @property
    def level(self) -> str:
        """``high``, ``mid`` or ``low``: how the form marks the field."""
        return "low" if self.confidence < 0.6 else "mid" if self.confidence < 0.85 else "high"


@dataclass(frozen=True)
class PetitionPrefill:
    """Everything read from a scan: the fields found and the page text (for the clerk)."""

    fields: dict[str, PrefillValue]
    text: str

    def initial(self) -> dict[str, Any]:
        """The form's ``initial`` values."""
        return {name: read.value for name, read in self.fields.items()}


def fold(text: str) -> str:
    """``text`` without diacritics, lower case, same length (positions map back)."""
    out = []
    for char in text:
        if char in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFKD", char)[:1] or char
        out.append((base.lower() or base)[:1])
    return "".join(out)


# Title of the petition → kind (and, for complaints, the level when it says so).
_TITLES = (
    (re.compile(r"\bdon (?:de nghi |xin )?yeu cau thi hanh an\b"), "enforcement_request"),
    (re.compile(r"\bdon khieu nai\b"), "complaint"),
    (re.compile(r"\bdon to cao\b"), "denunciation"),
    (re.compile(r"\bdon kien nghi\b"), "proposal"),
    (re.compile(r"\bdon phan anh\b"), "report"),
)
#: The subject proposed when the petition has no "V/v" line (the clerk rewrites it).
_SUBJECTS = {
    "enforcement_request": _("Yêu cầu thi hành án"),
    "complaint": _("Khiếu nại về thi hành án"),
    "denunciation": _("Tố cáo"),
    "proposal": _("Kiến nghị"),
    "report": _("Phản ánh"),
}
_LEVEL_TWO = re.compile(r"\blan (?:hai|2|thu hai|thu 2)\b")
_SECOND_LEVEL = re.compile(r"khieu nai (?:lan hai|lan 2|lan thu hai|lan thu 2)")
_PARTY = r"(?:khieu nai|to cao|yeu cau(?: thi hanh an)?|kien nghi|phan anh|lam don|viet don)"
# (pattern over folded text, weight); the first label that matches a line wins for that line.
_LABELS: dict[str, tuple[tuple[str, float], ...]] = {
    "petitioner_name": (
        (rf"ho (?:va )?ten (?:cua )?nguoi {_PARTY}", 0.97),
        (r"toi ten la|ten toi la|toi la", 0.9),
        (r"ho (?:va )?ten", 0.88),
        (rf"(?<!bi )nguoi {_PARTY}", 0.8),
    ),
    "petitioner_id_number": (
        (r"so dinh danh ca nhan", 0.97),
        (r"(?:so )?can cuoc cong dan(?: so)?|so cccd|cccd so|cccd", 0.96),
        (r"(?:so )?can cuoc(?: so)?", 0.93),
        (r"(?:so )?chung minh nhan dan(?: so)?|so cmnd|cmnd so|cmnd", 0.9),
        (r"ho chieu so|so ho chieu", 0.85),
    ),
    "petitioner_birth_year": ((r"nam sinh|sinh nam", 0.95), (r"ngay sinh|sinh ngay", 0.92)),
    "petitioner_address": (
        (r"dia chi (?:thuong tru|lien he|cu tru)", 0.95),
        (r"noi cu tru|cho o hien (?:nay|tai)|noi o hien (?:nay|tai)|thuong tru", 0.93),
        (r"dia chi", 0.9),
    ),
    "petitioner_phone": ((r"so dien thoai|dien thoai lien he|dien thoai|sdt|dt", 0.95),),
    "respondent": (
        (rf"(?:nguoi|co quan|don vi|to chuc)(?:, [a-z ]+)? bi {_PARTY}", 0.95),
        (r"doi tuong bi (?:khieu nai|to cao)", 0.93),
        (r"nguoi phai thi hanh an", 0.85),
    ),
    "judgment_reference": (
        (r"(?:theo |can cu )?ban an(?:, quyet dinh)?(?: so)?", 0.9),
        (r"quyet dinh(?: cua toa an)?(?: so)?", 0.8),
    ),
    "subject": ((r"v/v|ve viec|trich yeu", 0.9),),
}
_CONTENT_START = re.compile(
    rf"^(?:noi dung(?: {_PARTY}| don| su viec| yeu cau)?|tom tat noi dung)\s*[:.]?"
)
_CONTENT_STOP = re.compile(
    r"^(?:toi xin cam (?:doan|ket)|xin tran trong cam on|tai lieu kem theo|kem theo don"
    r"|nguoi (?:lam|viet) don|nguoi " + _PARTY + r"(?:\s*\(ky)|\(ky)"
)
_ID_NUMBER = re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_PHONE = re.compile(r"(?<![\d])(?:\+?84|0)(?:[\s.]?\d){9,10}(?![\d])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})(?!\d)")
_BLANKS = re.compile(r"^[\s.…_:-]*$")


def _page_confidence(pages: list[Any]) -> float:
    values = [p.mean_confidence for p in pages if getattr(p, "mean_confidence", None) is not None]
    if not values:
        return 0.9
    mean = sum(values) / len(values)
    # tesseract gives 0–100; a text layer 100.
    return max(0.3, min(mean / 100 if mean > 1 else mean, 1.0))


def _lines(pages: Iterable[Any]) -> list[str]:
    lines: list[str] = []
    for page in pages:
        for line in (page.text or "").splitlines():
            line = re.sub(r"\s+", " ", unicodedata.normalize("NFC", line)).strip()
            if line:
                lines.append(line)
    return lines


def _value_after(line: str, folded: str, end: int) -> str:
    rest = line[end:]
    rest_folded = folded[end:]
    # Skip the tail of a label ("(nếu có)", "số") and the separator.
    match = re.match(r"\s*(?:\(neu co\)|\(ghi ro\))?\s*[:.\-–]?\s*", rest_folded)
    start = match.end() if match else 0
    value = rest[start:].strip(" .,;:–-")
    return "" if _BLANKS.match(value) else value


def _clean_name(value: str) -> str:
    value = re.split(r"[,;(]|\s{2,}|\bsinh năm\b|\bnăm sinh\b", value, maxsplit=1)[0]
    value = re.sub(r"^(?:ông|bà|anh|chị)\s*(?:/\s*bà\s*)?[:.]?\s+", "", value, flags=re.I)
    return value.strip(" .")


def _as_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def extract_petition(pages: Iterable[Any], *, today: dt.date | None = None) -> PetitionPrefill:
    """Read the intake fields from the pages of a scanned petition.

    ``pages`` are ``thads.documents.types.PageText`` (or anything with ``text`` and
    ``mean_confidence``). A field not found is absent (never guessed); a date in the future
    (``today`` given) is dropped.
    """
    pages = list(pages)
    base = _page_confidence(pages)
    lines = _lines(pages)
    folded_lines = [fold(line) for line in lines]
    found: dict[str, PrefillValue] = {}

    def put(name: str, value: Any, weight: float) -> None:
        if value in (None, "") or name in found:
            return
        found[name] = PrefillValue(value=value, confidence=round(min(weight * base, 1.0), 3))

    # Kind from the title: the first matching line among the first third of the text.
    for index, folded in enumerate(folded_lines[: max(8, len(folded_lines) // 3)]):
        for pattern, kind in _TITLES:
            if pattern.search(folded):
                put("kind", kind, 0.98)
                if kind == "complaint":
                    # "ĐƠN KHIẾU NẠI (lần hai)" or the level on the line under the title.
                    second = any(
                        _LEVEL_TWO.search(f) for f in folded_lines[index : index + 2]
                    ) or any(_SECOND_LEVEL.search(f) for f in folded_lines[:12])
                    put("complaint_level", 2 if second else 1, 0.9 if second else 0.7)
                break
        if "kind" in found:
            break

    for name, labels in _LABELS.items():
        for pattern, weight in labels:
            regex = re.compile(rf"(?<![a-z])(?:{pattern})(?![a-z])")
            for line, folded in zip(lines, folded_lines, strict=True):
                match = regex.search(folded)
                if not match or match.start() > 12:
                    continue
                value = _value_after(line, folded, match.end())
                if not value:
                    continue
                if name == "petitioner_id_number":
                    number = _ID_NUMBER.search(value.replace(" ", ""))
                    if number:
                        put(name, number.group(1), weight)
                        kind = "CMND" if "chung minh" in folded or "cmnd" in folded else "CCCD"
                        if "ho chieu" in folded:
                            kind = "Hộ chiếu"
                        put("petitioner_id_kind", kind, weight)
                        # "Số CCCD: … ; Điện thoại: …" on one line: the phone is read below.
                elif name == "petitioner_birth_year":
                    year = _YEAR.search(value)
                    if year:
                        put(name, int(year.group(1)), weight)
                elif name == "petitioner_phone":
                    phone = _PHONE.search(value)
                    if phone:
                        put(name, re.sub(r"[\s.]", "", phone.group(0)), weight)
                elif name == "petitioner_name":
                    put(name, _clean_name(value)[:200], weight)
                elif name == "petitioner_address":
                    value = re.split(r"\s*[;]\s*(?:số )?(?:điện thoại|ĐT|SĐT)", value)[0]
                    put(name, value[:400], weight)
                else:
                    put(name, value[:300], weight)
                if name in found:
                    break
            if name in found:
                break

    # A birth date or phone on a line led by another label ("Sinh năm 1975, CCCD số …").
    text = "\n".join(lines)
    folded_text = "\n".join(folded_lines)
    if "petitioner_birth_year" not in found:
        match = re.search(r"(?:sinh nam|nam sinh)\s*[:.]?\s*(19\d{2}|20\d{2})", folded_text)
        if match:
            put("petitioner_birth_year", int(match.group(1)), 0.85)
    if "petitioner_id_number" not in found:
        match = re.search(
            r"(?:cccd|can cuoc|cmnd|dinh danh)[^\n\d]{0,20}(\d{12}|\d{9})(?!\d)", folded_text
        )
        if match:
            put("petitioner_id_number", match.group(1), 0.8)
            put("petitioner_id_kind", "CMND" if "cmnd" in match.group(0) else "CCCD", 0.8)
    email = _EMAIL.search(text)
    if email:
        put("petitioner_email", email.group(0).lower(), 0.9)

    # The date written under the national motto: "Hà Nội, ngày 05 tháng 11 năm 2026".
    for folded in folded_lines[:12]:
        match = _DATE_WORDS.search(folded)
        if match and (day := _as_date(*match.groups())):
            if today is None or day <= today:
                put("received_on", day, 0.9)
            break

    # The content: the lines after "Nội dung …:" up to the closing formula or the signature.
    for index, folded in enumerate(folded_lines):
        match = _CONTENT_START.match(folded)
        if not match:
            continue
        first = lines[index][match.end() :].strip()
        body = [first] if first else []
        for line, line_folded in zip(lines[index + 1 :], folded_lines[index + 1 :], strict=True):
            if _CONTENT_STOP.match(line_folded):
                break
            body.append(line)
        content = "\n".join(body).strip()
        if content:
            put("content", content[:5000], 0.85)
        break

    if "subject" not in found and "kind" in found:
        put("subject", str(_SUBJECTS[found["kind"].value]), 0.6)
    return PetitionPrefill(fields={k: found[k] for k in PREFILL_FIELDS if k in found}, text=text)
