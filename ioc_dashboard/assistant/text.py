"""Text normalisation shared by the entity rules and the intent classifier.

A question is compared in a *folded* form: Unicode NFC, lower case, Vietnamese diacritics removed
and "đ" written "d", punctuation other than ``/ - . :`` turned into spaces, runs of spaces
collapsed, so "Hà Tĩnh", "ha tinh" and "HÀ TĨNH" read the same.
"""

from __future__ import annotations

import re
import unicodedata

_KEEP = set("/-.:")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """``"Hà Tĩnh"`` → ``"Ha Tinh"`` (``đ`` → ``d``); length may change only for combining marks."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")


def fold_char(c: str) -> str:
    base = strip_accents(c).lower()
    if not base:
        return ""
    if base.isalnum() or base in _KEEP:
        return base
    return " "


def fold(text: str) -> str:
    """The folded form of ``text``: lower case, no diacritics, simple punctuation, one space."""
    text = unicodedata.normalize("NFC", text)
    out = "".join(fold_char(c) for c in text)
    # a sentence-ending dot or colon is punctuation, not part of a code or a date
    out = re.sub(r"[.:](?=\s|$)", " ", out)
    out = re.sub(r"(?<=\s)[/.:-]+(?=\s)", " ", f" {out} ")
    return _SPACES.sub(" ", out).strip()
