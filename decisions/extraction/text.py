"""Text helpers of the rules parser: one string for all pages, a folded twin, spans, repairs.

The parser matches patterns on a *folded* copy of the text: lower case, diacritics removed, "đ"
read as "d", and the OCR look-alikes ("Ð" Eth) read as their letter. Folding is done character by
character on NFC text, so the folded copy has exactly the same length as the original and every
match offset is an offset in the original: a pattern written without diacritics finds
"QUYẾT ĐỊNH", "QUYÉT ĐỊNH" and "quyet dinh" alike (OCR damages the diacritics of capitals
most), and the span handed back points at what the page really says.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from decisions.types import PageInput
from decisions.types import Span

#: Characters OCR returns for "Đ" and "đ" (Icelandic Eth and its look-alikes).
_LOOKALIKES = {"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"}
_DASHES = re.compile(r"\s*[\u2012\u2013\u2014\u2015\u2212]+-?\s*|\s+-\s+")
#: Confidence given to a page read from a text layer (no OCR error possible).
TEXT_LAYER_CONFIDENCE = 0.98


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    char = _LOOKALIKES.get(char, char)
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" -> "d"; same length as ``text`` (NFC input)."""
    return "".join(_fold_char(c) for c in text)


def nfc(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for bad, good in _LOOKALIKES.items():
        text = text.replace(bad, good)
    return text


def clean_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def unify_dashes(text: str) -> str:
    """En/em dashes and spaced hyphens as " - " (OCR mixes them freely)."""
    return _DASHES.sub(" - ", text)


_OLD_TONE = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile(
    "(?<![qQ])("
    + "|".join(sorted({k for k in _OLD_TONE} | {k.upper() for k in _OLD_TONE}))
    + ")(?![^\\W\\d_])",
    re.IGNORECASE,
)


def modern_tones(text: str) -> str:
    """Tone marks placed the way the courts print them now: "Thuỷ" -> "Thủy", "Toà" -> "Tòa".

    Only open syllables change (a final "oa", "oe", "uy"); "hoàng", "khoảng" keep theirs.
    """

    def repl(match: re.Match[str]) -> str:
        found = match.group(1)
        new = _OLD_TONE[found.lower()]
        return "".join(n.upper() if o.isupper() else n for o, n in zip(found, new, strict=True))

    return _OLD_TONE_RE.sub(repl, text)


@dataclass(frozen=True)
class Document:
    """All pages joined by a newline, its folded twin and each page's offset and confidence."""

    text: str
    folded: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]
    confidences: tuple[float, ...]

    @classmethod
    def from_pages(cls, pages: Sequence[PageInput]) -> Document:
        parts: list[str] = []
        starts: list[int] = []
        numbers: list[int] = []
        confidences: list[float] = []
        offset = 0
        for page in sorted(pages, key=lambda p: p.number):
            text = nfc(page.text)
            starts.append(offset)
            numbers.append(page.number)
            if page.mean_confidence is None:
                confidences.append(TEXT_LAYER_CONFIDENCE)
            else:
                confidences.append(max(0.05, min(1.0, page.mean_confidence / 100)))
            parts.append(text)
            offset += len(text) + 1
        text = "\n".join(parts)
        folded = fold(text)
        # Page numbers printed alone on the first or last line of a page are blanked in the
        # folded twin (same length), so "300.000 / 2 / đồng" across a page break still reads.
        for index, start in enumerate(starts):
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
            for match in (
                re.match(r"\s*\d{1,3}[ \t]*\n", folded[start:end]),
                re.search(r"\n[ \t]*\d{1,3}\s*$", folded[start:end]),
            ):
                if match:
                    a, b = start + match.start(), start + match.end()
                    folded = folded[:a] + re.sub(r"\d", " ", folded[a:b]) + folded[b:]
        return cls(
            text=text,
            folded=folded,
            starts=tuple(starts),
            numbers=tuple(numbers),
            confidences=tuple(confidences),
        )

    def _page_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def span(self, start: int, end: int) -> Span | None:
        """The page span of document offsets ``start``..``end`` (clipped to the first page)."""
        if not self.starts or start < 0:
            return None
        index = self._page_index(start)
        base = self.starts[index]
        page_end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return Span(page=self.numbers[index], start=start - base, end=min(end, page_end) - base)

    def ocr_confidence(self, offset: int) -> float:
        if not self.confidences:
            return 1.0
        return self.confidences[self._page_index(offset)]

    def page_start(self, page_number: int) -> int:
        return self.starts[self.numbers.index(page_number)]

    def page_end(self, page_number: int) -> int:
        index = self.numbers.index(page_number)
        return self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)

    def best_spelling(self, phrase: str, *, start: int = 0) -> str | None:
        """The most frequent spelling, in this document, of a phrase with ``phrase``'s folded form.

        OCR drops the diacritics of capitals ("THÀNH PHÓ HÒ CHÍ MINH") that it reads right in
        the body ("Thành phố Hồ Chí Minh"): the header is repaired from the body by vote. Spellings
        in capitals are not counted (they are the damaged ones); ``None`` when none is found.
        """
        words = fold(phrase).split()
        if not words:
            return None
        pattern = re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w])")
        votes: Counter[str] = Counter()
        for match in pattern.finditer(self.folded, start):
            original = clean_spaces(self.text[match.start() : match.end()])
            letters = [c for c in original if c.isalpha()]
            if letters and all(c.isupper() for c in letters):
                continue
            votes[original] += 1
        if not votes:
            return None
        return votes.most_common(1)[0][0]
