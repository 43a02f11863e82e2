"""Read the fields of a payment document from its OCR words (pure functions, no database).

The words come from ``thads.documents`` (``PageText.words``: rows of
``text, conf, left, top, width, height, block, par, line``). They are put back into lines, and
each line is matched, without diacritics and in lower case (so that an OCR slip on a tone
mark does not lose a label), against the labels that Vietnamese bank advices, payment orders
(ủy nhiệm chi) and cash hand-over records use. The value is what follows the label on that
line; its characters map back to the words, which give the box to highlight on the page.

Confidence (0–1) = how specific the label is × the mean OCR confidence of the value's words;
the amount in figures is checked against the amount in words ("Bằng chữ"), which raises the
confidence when they agree and lowers it when they do not.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from thads.money import vnd_in_words

FIELD_NAMES = (
    "payer",
    "amount_vnd",
    "date",
    "bank_reference",
    "account_number",
    "bank_name",
    "content",
    "case_reference",
)


@dataclass(frozen=True)
class PrefillField:
    """One field read from the document: ``value`` (``amount_vnd`` an int, ``date`` ISO
    ``YYYY-MM-DD``, the others text), ``confidence`` 0–1, the 1-based ``page`` and the
    ``box`` in percent of the page image (left, top, width, height), None when not located."""

    value: Any
    confidence: float
    page: int | None = None
    box: tuple[float, float, float, float] | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "box": list(self.box) if self.box else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PrefillField:
        box = data.get("box")
        return cls(
            value=data.get("value"),
            confidence=float(data.get("confidence") or 0.0),
            page=data.get("page"),
            box=tuple(box) if box else None,  # type: ignore[arg-type]
        )


def fold_char(char: str) -> str:
    """One character without its diacritics, in lower case (always one character)."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFKD", char)[:1] or char
    return (base.lower() or base)[:1]


def fold(text: str) -> str:
    """``text`` without diacritics, lower case, same length (positions map back)."""
    return "".join(fold_char(c) for c in text)


def fold_compact(text: str) -> str:
    """Folded text with only letters and digits, single spaces: for comparisons."""
    return re.sub(r"\s+", " ", re.sub(r"[^0-9a-z]+", " ", fold(text))).strip()


@dataclass
class Line:
    page: int
    text: str
    folded: str
    spans: list[tuple[int, int, list[Any]]] = field(default_factory=list)
    page_size: tuple[int, int] = (0, 0)

    def box(self, start: int, end: int) -> tuple[float, float, float, float] | None:
        """Union of the word boxes covering characters ``start:end``, in percent."""
        width, height = self.page_size
        hit = [w for s, e, w in self.spans if s < end and e > start]
        if not hit or not width or not height:
            return None
        left = min(int(w[2]) for w in hit)
        top = min(int(w[3]) for w in hit)
        right = max(int(w[2]) + int(w[4]) for w in hit)
        bottom = max(int(w[3]) + int(w[5]) for w in hit)
        return (
            round(100 * left / width, 2),
            round(100 * top / height, 2),
            round(100 * (right - left) / width, 2),
            round(100 * (bottom - top) / height, 2),
        )

    def confidence(self, start: int, end: int) -> float:
        hit = [float(w[1]) for s, e, w in self.spans if s < end and e > start]
        hit = [c for c in hit if c >= 0]
        return (sum(hit) / len(hit) / 100) if hit else 0.5


def build_lines(pages: Iterable[Any]) -> list[Line]:
    """Lines of every page in reading order, from objects with ``number``, ``words``,
    ``width_px`` and ``height_px`` (``thads.documents.types.PageText``)."""
    lines: list[Line] = []
    for page in pages:
        groups: dict[tuple[Any, Any, Any], list[list[Any]]] = {}
        for word in page.words or []:
            if not str(word[0]).strip():
                continue
            groups.setdefault((word[6], word[7], word[8]), []).append(word)
        ordered = sorted(groups.values(), key=lambda ws: (min(int(w[3]) for w in ws), ws[0][2]))
        for words in ordered:
            words = sorted(words, key=lambda w: int(w[2]))
            text = ""
            spans = []
            for word in words:
                if text:
                    text += " "
                start = len(text)
                text += str(word[0])
                spans.append((start, len(text), word))
            lines.append(
                Line(
                    page=page.number,
                    text=text,
                    folded=fold(text),
                    spans=spans,
                    page_size=(page.width_px or 0, page.height_px or 0),
                )
            )
    return lines


# Labels, as regexes over folded text, with how much a match says (specific labels score more).
LABELS: dict[str, list[tuple[str, float]]] = {
    "amount_vnd": [
        (r"so tien bang so", 0.97),
        (r"so tien giao dich", 0.95),
        (r"so tien", 0.92),
        (r"amount", 0.85),
    ],
    "amount_words": [(r"(?:so tien )?[bdđ]ang chu", 0.95)],
    "date": [
        (r"ngay giao dich", 0.95),
        (r"thoi gian giao dich", 0.95),
        (r"lap ngay|ngay lap", 0.93),
        (r"ngay", 0.85),
    ],
    "bank_reference": [
        (r"so tham chieu", 0.95),
        (r"ma giao dich", 0.95),
        (r"so giao dich", 0.93),
        (r"so but toan|ma gd|reference", 0.9),
        (r"^so(?=\s*[:.]?\s*\d)", 0.8),
    ],
    "account_number": [
        (r"tai khoan nguon", 0.95),
        (r"tai khoan nguoi chuyen|tk nguoi chuyen", 0.95),
        (r"tu tai khoan", 0.93),
        (r"so tai khoan", 0.85),
    ],
    "payer": [
        (r"ten nguoi chuyen", 0.95),
        (r"nguoi chuyen tien|nguoi chuyen", 0.93),
        (r"ten don vi tra tien|don vi tra tien", 0.93),
        (r"nguoi nop tien|nguoi nop", 0.9),
        (r"ben giao", 0.88),
    ],
    "bank_name": [(r"tai ngan hang|ngan hang chuyen|nh chuyen", 0.92)],
    "content": [
        (r"noi dung thanh toan|noi dung chuyen tien|noi dung", 0.92),
        (r"dien giai|ly do nop", 0.9),
    ],
}
_ALL_LABELS = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(
        pattern.replace("^", "")
        for name, rules in LABELS.items()
        if name != "bank_reference"
        for pattern, _weight in rules
        if pattern not in ("ngay", "so tien")
    )
    + r"|lap ngay|tai khoan nhan|ten nguoi nhan|so\s*:)"
)
_DATE = re.compile(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})")
_DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_AMOUNT = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+(?!\d)|\d{4,}")
_CASE = re.compile(r"(?:ho so|hs|hso)\s*(?:so\s*)?[:.]?\s*(\d{1,6})\s*[/\-]\s*(20\d{2})")
_CASE_ANY = re.compile(r"(?<![\d/])(\d{1,6})\s*/\s*(20\d{2})(?![\d])")


@dataclass(frozen=True)
class _Hit:
    line: Line
    start: int
    end: int
    weight: float

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]


def _value_after(line: Line, match: re.Match[str]) -> tuple[int, int]:
    """Span of the value after a label: skip ``:`` and spaces, stop at the next label."""
    start = match.end()
    while start < len(line.text) and line.text[start] in " :.-–\t":
        start += 1
    end = len(line.text)
    following = _ALL_LABELS.search(line.folded, start + 1)
    if following and following.start() > start:
        end = following.start()
    while end > start and line.text[end - 1] in " ,;":
        end -= 1
    return start, end


def _find(lines: Sequence[Line], name: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for pattern, weight in LABELS[name]:
        regex = re.compile(pattern if pattern.startswith("^") else rf"(?<![a-z])(?:{pattern})")
        for line in lines:
            match = regex.search(line.folded)
            if match:
                start, end = _value_after(line, match)
                if end > start:
                    hits.append(_Hit(line, start, end, weight))
    return hits


def _field(hit: _Hit, value: Any, start: int, end: int, factor: float = 1.0) -> PrefillField:
    confidence = hit.weight * hit.line.confidence(start, end) * factor
    return PrefillField(
        value=value,
        confidence=max(0.0, min(confidence, 1.0)),
        page=hit.line.page,
        box=hit.line.box(start, end),
    )


def parse_amount(text: str) -> tuple[int, int, int] | None:
    """First amount in figures in ``text`` ("12.500.000", "12,500,000 VND", "2500000"):
    (amount, start, end), or None."""
    match = _AMOUNT.search(text)
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(0))
    if not digits or int(digits) <= 0:
        return None
    return int(digits), match.start(), match.end()


def amount_words_agree(amount: int, words: str) -> float:
    """Similarity 0–1 of ``words`` with the amount written in Vietnamese words."""
    expected = fold_compact(vnd_in_words(amount))
    got = fold_compact(words)
    for tail in (" dong", " dong chan", " vnd"):
        expected = expected.removesuffix(tail)
        got = got.removesuffix(tail)
    return difflib.SequenceMatcher(None, expected, got).ratio()


_DIGIT_WORDS = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "nham": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_SCALES = {"nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "ty": 10**9, "ti": 10**9}


def words_to_amount(text: str) -> int | None:
    """The amount written in Vietnamese words ("Mười hai triệu năm trăm nghìn đồng"), read
    without diacritics; None when no number word is found. Words it does not know are
    skipped ("đồng", "chẵn")."""
    total = group = current = 0
    seen = False
    for word in fold_compact(text).split():
        if word in _DIGIT_WORDS:
            current += _DIGIT_WORDS[word]
            seen = True
        elif word == "muoi":  # "mười" (ten) or "mươi" (tens), the same without diacritics
            current = 10 if current == 0 else current * 10
            seen = True
        elif word == "tram":
            group += current * 100
            current = 0
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 10**9:
                total = (total + group + current) * scale
            else:
                total += (group + current) * scale
            group = current = 0
    value = total + group + current
    return value if seen and value > 0 else None


def _amount(lines: Sequence[Line]) -> PrefillField | None:
    """The amount in figures, checked against the amount in words. When they disagree in
    magnitude (a dropped digit or separator: "5250.000" read as 5.250) and the words read
    cleanly as a number (they re-render to themselves), the words win, as in banking practice;
    when only a digit differs, the figures stay. Either way the confidence stays low so that
    staff check it (measured: the words' OCR also confuses "năm"/"tám")."""
    words_hits = _find(lines, "amount_words")
    words_text = words_hits[0].text if words_hits else ""
    for hit in _find(lines, "amount_vnd"):
        parsed = parse_amount(hit.text)
        if parsed is None:
            continue
        amount, s, e = parsed
        factor = 1.0
        if words_text:
            agreement = amount_words_agree(amount, words_text)
            factor = 1.08 if agreement >= 0.9 else (0.95 if agreement >= 0.75 else 0.6)
            spoken = words_to_amount(words_text)
            if (
                spoken is not None
                and len(str(spoken)) != len(str(amount))
                and amount_words_agree(spoken, words_text) >= 0.95
            ):
                words_hit = words_hits[0]
                return _field(words_hit, spoken, words_hit.start, words_hit.end, 0.7)
        return _field(hit, amount, hit.start + s, hit.start + e, factor)
    return None


def _as_date(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _date(lines: Sequence[Line]) -> PrefillField | None:
    for hit in _find(lines, "date"):
        folded = hit.line.folded[hit.start : hit.end]
        match = _DATE.search(folded)
        if match and (value := _as_date(*match.groups())):
            return _field(hit, value, hit.start + match.start(), hit.start + match.end())
    for line in lines:
        match = _DATE_WORDS.search(line.folded) or _DATE.search(line.folded)
        if match and (value := _as_date(*match.groups())):
            hit = _Hit(line, match.start(), match.end(), 0.8)
            return _field(hit, value, match.start(), match.end())
    return None


def _token(name: str, lines: Sequence[Line], pattern: str) -> PrefillField | None:
    regex = re.compile(pattern)
    for hit in _find(lines, name):
        match = regex.search(hit.text)
        if match:
            value = re.sub(r"[^0-9A-Za-z]", "", match.group(0)).upper()
            if len(value) >= 4:
                return _field(hit, value, hit.start + match.start(), hit.start + match.end())
    return None


_PAYER_PREFIX = re.compile(r"^(?:\(?ben a\)?\s*[:.]?\s*)?(?:ong\s*/\s*ba|ong|ba)\s*[:.]?\s+")


def harmonise(value: str) -> str:
    """Undo the tone marks the Vietnamese OCR model adds to a few words of an unaccented text
    ("TRAN THỦ BINH" on a slip that prints names in capitals without diacritics): in a text in
    capitals where at least two thirds of the words are plain ASCII, the others lose their
    diacritics too. Mixed-case text is left alone ("Trần Thu Long" is right as it is)."""
    words = [w for w in value.split() if any(c.isalpha() for c in w)]
    if not words or value != value.upper():
        return value
    plain = sum(1 for w in words if w.isascii())
    if plain == len(words) or plain * 3 < len(words) * 2:
        return value
    out = []
    for char in value:
        folded = fold_char(char)
        out.append(folded.upper() if char.isupper() else folded)
    return "".join(out)


def _payer(lines: Sequence[Line]) -> PrefillField | None:
    for hit in _find(lines, "payer"):
        folded = hit.line.folded[hit.start : hit.end]
        prefix = _PAYER_PREFIX.match(folded)
        start = hit.start + (prefix.end() if prefix else 0)
        value = harmonise(hit.line.text[start : hit.end].strip(" .,:;"))
        if len(fold_compact(value)) >= 3:
            return _field(hit, value, start, hit.end)
    return None


def _text(name: str, lines: Sequence[Line]) -> PrefillField | None:
    for hit in _find(lines, name):
        value = harmonise(hit.text.strip(" .,:;"))
        if len(fold_compact(value)) >= 3:
            return _field(hit, value, hit.start, hit.end)
    return None


def _bank_name(lines: Sequence[Line]) -> PrefillField | None:
    found = _text("bank_name", lines)
    if found:
        return found
    for line in lines[:4]:
        if line.folded.startswith("ngan hang"):
            hit = _Hit(line, 0, len(line.text), 0.8)
            return _field(hit, line.text.strip(), 0, len(line.text))
    return None


def _case_reference(lines: Sequence[Line], content: PrefillField | None) -> PrefillField | None:
    candidates: list[Line] = []
    if content is not None:
        candidates += [line for line in lines if line.page == content.page]
    candidates += list(lines)
    for regex, weight in ((_CASE, 0.95), (_CASE_ANY, 0.75)):
        for line in candidates:
            match = regex.search(line.folded)
            if match:
                value = f"{int(match.group(1))}/{match.group(2)}"
                hit = _Hit(line, match.start(), match.end(), weight)
                return _field(hit, value, match.start(1), match.end(2))
    return None


def classify(lines: Sequence[Line]) -> str:
    """``payment_order``, ``cash_record``, ``transfer_slip`` or "" from the document's words."""
    text = " ".join(line.folded for line in lines)
    if "uy nhiem chi" in text or "lenh chi" in text:
        return "payment_order"
    if "giao nhan tien" in text or "ben giao" in text:
        return "cash_record"
    if "ngan hang" in text or "chuyen khoan" in text or "bao co" in text:
        return "transfer_slip"
    return ""


def extract_fields(pages: Iterable[Any]) -> tuple[str, dict[str, PrefillField]]:
    """The document type and every field found on ``pages`` (``PageText``-like objects);
    a field that was not found is left out."""
    lines = build_lines(pages)
    found: dict[str, PrefillField | None] = {
        "payer": _payer(lines),
        "amount_vnd": _amount(lines),
        "date": _date(lines),
        "bank_reference": _token(
            "bank_reference", lines, r"[0-9A-Za-z][0-9A-Za-z.\-]{3,}[0-9A-Za-z]"
        ),
        "account_number": _token("account_number", lines, r"\d[\d.\- ]{2,}\d"),
        "bank_name": _bank_name(lines),
        "content": _text("content", lines),
    }
    found["case_reference"] = _case_reference(lines, found["content"])
    doc_type = classify(lines)
    if doc_type == "cash_record":
        found["account_number"] = found["bank_name"] = found["bank_reference"] = None
    return doc_type, {name: value for name, value in found.items() if value is not None}
