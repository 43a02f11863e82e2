"""Amounts of money in a judgment: figures ("150.000.000 đồng", "150 triệu đồng") and words.

:func:`words_to_int` reads an amount written in Vietnamese words, the inverse of
``thads.money.vnd_in_words``, and the variants courts print: "linh" or "lẻ", "nghìn" or
"ngàn", "tỷ" or "tỉ", "mốt"/"một", "tư"/"bốn", "lăm"/"năm"/"nhăm", "mươi"/"mười",
commas between groups, a final "đồng" and OCR damage to the diacritics (words are compared
folded: "hai tram" reads as "hai trăm"). :func:`find_amounts` finds every amount in a text
with its offsets and, when the figure is followed by its words in brackets, those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from decisions.extraction.text import fold

_DIGITS = {
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
_SCALES = {"nghin": 10**3, "ngan": 10**3, "trieu": 10**6, "ty": 10**9, "ti": 10**9}
_FILLERS = {"linh", "le", "dong", "chan", "va"}
#: Every folded word that may belong to an amount in words.
NUMBER_WORDS = frozenset(_DIGITS) | frozenset(_SCALES) | _FILLERS | {"muoi", "tram"}


#: No court orders an amount below this; a smaller figure next to larger words is OCR damage.
MIN_ORDERED_VND = 1_000


class WordsError(ValueError):
    """Text that is not an amount in words."""


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,.;:()\-]+", fold(text)) if t]


def _below_thousand(tokens: list[str]) -> int:
    """Value of a group 0..999 written with trăm / mươi / mười / linh."""
    value = 0
    pending: int | None = None  # a digit not yet placed
    seen_tens = False
    for index, token in enumerate(tokens):
        if token == "tram":  # noqa: S105 (a number word, not a secret)
            if pending is None:
                raise WordsError("'trăm' without a digit")
            value += pending * 100
            pending = None
        elif token == "muoi":  # noqa: S105
            # "mười" (10..19) folds to "muoi" as "mươi" (x10) does: a digit before means x10.
            value += (pending if pending is not None else 1) * 10
            pending = None
            seen_tens = True
        elif token in ("linh", "le"):
            pending = None
        elif token in _DIGITS:
            digit = _DIGITS[token]
            if pending is not None:
                raise WordsError("two digits in a row")
            if token == "tu" and not seen_tens:  # noqa: S105
                # "tư" alone means 4 only after "mươi"; elsewhere it is not a number word.
                if index + 1 < len(tokens) and tokens[index + 1] in ("tram", "muoi"):
                    pass
                else:
                    raise WordsError("'tư' outside a tens position")
            pending = digit
        else:
            raise WordsError(f"not a number word: {token}")
    if pending is not None:
        value += pending
    if value > 999:
        raise WordsError("group above 999")
    return value


def _value(tokens: list[str]) -> int:
    """Value of tokens made of groups and scales, tỷ read recursively ("một nghìn tỷ")."""
    if not tokens:
        return 0
    if "ty" in tokens or "ti" in tokens:
        last = max(i for i, t in enumerate(tokens) if t in ("ty", "ti"))
        high = _value(tokens[:last]) or 1
        return high * 10**9 + _value(tokens[last + 1 :])
    total = 0
    group: list[str] = []
    for token in tokens:
        if token in ("trieu", "nghin", "ngan"):
            total += (_below_thousand(group) if group else 1) * _SCALES[token]
            group = []
        else:
            group.append(token)
    return total + (_below_thousand(group) if group else 0)


def words_to_int(text: str) -> int:
    """The integer an amount in Vietnamese words stands for.

    "Hai nghìn không trăm hai mươi lăm đồng" -> 2025; "một trăm linh năm" and "một trăm lẻ
    năm" -> 105; "Một trăm năm mươi triệu đồng" -> 150000000; "hai tỷ sáu trăm chín mươi sáu
    triệu, ba trăm sáu mươi mốt ngàn" -> 2696361000. Raises :class:`WordsError` for anything
    else.
    """
    tokens = [t for t in _tokens(text) if t not in ("dong", "chan", "va", "vnd")]
    if tokens[:2] == ["bang", "chu"]:  # "(Bằng chữ: ...)"
        tokens = tokens[2:]
    if not tokens:
        raise WordsError("empty")
    for token in tokens:
        if token not in NUMBER_WORDS:
            raise WordsError(f"not a number word: {token}")
    if tokens == ["khong"]:
        return 0
    return _value(tokens)


@dataclass(frozen=True)
class Amount:
    """An amount found in a text: its value, where it is, and its words when printed."""

    value: int
    start: int
    end: int
    words: str | None = None  # the words in brackets after the figure, as printed
    words_value: int | None = None  # their value, None when they do not parse
    from_words: bool = False  # the amount is written in words only


_FIGURE = re.compile(
    r"(?<![\d/.,])(\d{1,3}(?:[.,]\s?\d{3})+|\d+)"  # 1.250.000 / 1,250,000 / 1250000
    r"(?:\s*(trieu|ty|ti|nghin|ngan))?"  # 150 triệu
    r"\s*(?:\(([^()]{1,240})\)\s*)?"  # (words)
    r"(dong|d|vnd)(?![a-z])(?!\s+(?:y|thoi|pham|bo|ho|nghiep|loai|chu)\b)"
    r"(?:\s*\(([^()]{1,240})\))?"  # đồng (words đồng)
)
_WORD_RUN = re.compile(
    r"(?<![a-z])((?:(?:"
    + "|".join(sorted(NUMBER_WORDS - {"dong", "va"}, key=len, reverse=True))
    + r")[\s,]+){1,30})dong(?![a-z])(?!\s+(?:y|thoi|pham|bo|ho|nghiep|loai|chu)\b)"
)


def _figure_value(figure: str, scale: str | None) -> int | None:
    digits = re.sub(r"\s", "", figure)
    if scale:
        if re.fullmatch(r"\d+", digits):
            return int(digits) * _SCALES[scale]
        if re.fullmatch(r"\d+,\d{1,3}", digits):  # "1,5 tỷ"
            whole, frac = digits.split(",")
            return (
                int(whole) * _SCALES[scale] + int(frac.ljust(3, "0")[:3]) * _SCALES[scale] // 1000
            )
        return None
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        return int(re.sub(r"[.,]", "", digits))
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    return None


def find_amounts(text: str, *, folded: str | None = None, offset: int = 0) -> list[Amount]:
    """Every amount of đồng in ``text``, in order (offsets shifted by ``offset``)."""
    folded = fold(text) if folded is None else folded
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for match in _FIGURE.finditer(folded):
        value = _figure_value(match.group(1), match.group(2))
        if value is None:
            continue
        words = words_value = None
        group = 3 if match.group(3) else 5 if match.group(5) else None
        if group:
            words = text[match.start(group) : match.end(group)]
            words = re.sub(r"\n\s*\d{1,3}\s*\n", " ", words)  # a page number inside
            words = re.sub(r"\s+", " ", words).strip()
            try:
                words_value = words_to_int(words)
            except WordsError:
                words_value = None
        if words_value is not None and value < MIN_ORDERED_VND <= words_value:
            value = words_value  # "00 đồng (Ba trăm ngàn đồng)": OCR damaged the figure
        found.append(
            Amount(value, offset + match.start(), offset + match.end(), words, words_value)
        )
        taken.append((match.start(), match.end()))
    for match in _WORD_RUN.finditer(folded):
        if any(s <= match.start() < e or s < match.end() <= e for s, e in taken):
            continue
        words = re.sub(r"\s+", " ", text[match.start(1) : match.end(1)]).strip(" ,")
        if not any(token in _DIGITS for token in _tokens(words)):
            continue  # "nghìn đồng" alone is a torn amount, not one thousand
        try:
            value = words_to_int(words)
        except WordsError:
            continue
        if value == 0:
            continue
        found.append(
            Amount(value, offset + match.start(), offset + match.end(), words, value, True)
        )
    found.sort(key=lambda a: a.start)
    return found
