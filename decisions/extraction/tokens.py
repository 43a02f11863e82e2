"""Tokenizer, tag set and OCR-like noise for the self-trained token classifier.

The tokenizer is a WordPiece vocabulary learnt with the ``tokenizers`` library on synthetic
judgment text (``decisions.synthetic``), case kept (capitals mark names), Unicode NFC. Numbers
with "." groups are split into digits-and-dots pieces, so an amount is a short run of tokens.
Every token keeps its character offsets in the page text, which is how tags go back to spans.

Tags are BIO over :data:`ENTITY_LABELS`. ``add_ocr_noise`` changes characters one for one
(diacritics dropped, look-alike characters swapped), so entity spans stay valid on noisy text.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable
from collections.abc import Sequence

from tokenizers import Tokenizer
from tokenizers import decoders
from tokenizers import models
from tokenizers import normalizers
from tokenizers import pre_tokenizers
from tokenizers import trainers

ENTITY_LABELS = (
    "COURT",
    "NUMBER",
    "DATE",
    "NAME",
    "BIRTH_YEAR",
    "ID_NUMBER",
    "ADDRESS",
    "DEBTOR",
    "CREDITOR",
    "AMOUNT",
    "FEE_PAYER",
    "FEE_AMOUNT",
)
TAGS = ("O", *(f"{p}-{label}" for label in ENTITY_LABELS for p in ("B", "I")))
TAG_ID = {tag: i for i, tag in enumerate(TAGS)}
SPECIAL = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def build_tokenizer(texts: Iterable[str], *, vocab_size: int = 6000) -> Tokenizer:
    """Learn a cased WordPiece vocabulary from ``texts``."""
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=40))  # noqa: S106
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation(), pre_tokenizers.Digits()]
    )
    tok.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size, min_frequency=2, special_tokens=list(SPECIAL)
    )
    tok.train_from_iterator(texts, trainer=trainer)
    return tok


def load_tokenizer(path: str) -> Tokenizer:
    return Tokenizer.from_file(path)


def encode(tok: Tokenizer, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Token ids and (start, end) character offsets in ``text`` (no special tokens)."""
    enc = tok.encode(text, add_special_tokens=False)
    return list(enc.ids), [tuple(o) for o in enc.offsets]  # type: ignore[misc]


def bio_tags(
    offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[str, int, int]]
) -> list[int]:
    """Tag ids for tokens at ``offsets`` given entity ``spans`` (label, start, end)."""
    tags = [TAG_ID["O"]] * len(offsets)
    for label, start, end in spans:
        first = True
        for i, (s, e) in enumerate(offsets):
            if s >= start and e <= end and e > s:
                tags[i] = TAG_ID[f"{'B' if first else 'I'}-{label}"]
                first = False
    return tags


_LOOKALIKE = {
    "l": "1",
    "1": "l",
    "O": "0",
    "0": "O",
    "o": "0",
    "I": "l",
    "e": "c",
    "c": "e",
    "n": "u",
    "u": "n",
    ",": ".",
    ".": ",",
    "5": "S",
    "8": "B",
    "đ": "d",
    "Đ": "D",
    "ư": "u",
    "ơ": "o",
}


def strip_diacritics(ch: str) -> str:
    """``ch`` without its marks if that leaves one character ("ế" -> "e"), else ``ch``."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


def add_ocr_noise(text: str, rng: random.Random, *, rate: float = 0.03) -> str:
    """``text`` with OCR-like errors, one character for one (offsets unchanged)."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch.isspace() or rng.random() >= rate:
            continue
        r = rng.random()
        if r < 0.55:
            chars[i] = strip_diacritics(ch)
        elif r < 0.85 and ch in _LOOKALIKE:
            chars[i] = _LOOKALIKE[ch]
        elif r < 0.95:
            chars[i] = ch.swapcase() if len(ch.swapcase()) == 1 else ch
        else:
            chars[i] = rng.choice("'`.,;:|")
    return "".join(chars)


_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
_STRAYS = ("l", "'", "|", "`", "‘", ".", "-", "_", "~", "/", "(", "\\")


def confuse_marks(ch: str, rng: random.Random) -> str:
    """``ch`` with one mark dropped or its tone changed, as OCR reads "Ố" as "Ó" or "ẩ" as "â"."""
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) < 2:
        return ch
    base, marks = parts[0], list(parts[1:])
    if rng.random() < 0.6:
        marks.pop(rng.randrange(len(marks)))
    else:
        tones = [i for i, m in enumerate(marks) if m in _TONES]
        if tones:
            marks[tones[0]] = rng.choice(_TONES)
        else:
            marks.append(rng.choice(_TONES))
    out = unicodedata.normalize("NFC", base + "".join(marks))
    return out if len(out) == 1 else ch


def noisy_example(
    text: str, spans: Sequence[tuple[str, int, int]], rng: random.Random, *, rate: float
) -> tuple[str, list[tuple[str, int, int]]]:
    """``text`` read as a poor OCR would, with ``spans`` moved to match.

    Besides one-for-one errors: marks confused, characters dropped or stray ones inserted,
    blank lines between lines, stray marks at line ends (stamps, margins).
    """
    out: list[str] = []  # one character per item
    new_pos = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        new_pos[i] = len(out)
        if ch == "\n":
            if rng.random() < rate * 3:
                out += [" ", rng.choice(_STRAYS)]
            new_pos[i] = len(out)
            out.append("\n")
            if rng.random() < 0.25:
                out.append("\n")
            continue
        if ch.isspace() or rng.random() >= rate:
            out.append(ch)
            continue
        r = rng.random()
        if r < 0.4:
            out.append(confuse_marks(ch, rng))
        elif r < 0.55:
            out.append(strip_diacritics(ch))
        elif r < 0.75:
            out.append(_LOOKALIKE.get(ch, ch))
        elif r < 0.8:
            out.append(ch.swapcase() if len(ch.swapcase()) == 1 else ch)
        elif r < 0.88:
            pass  # dropped
        else:
            out += [ch, rng.choice(_STRAYS)]
    new_pos[len(text)] = len(out)
    noisy = "".join(out)
    moved = []
    for label, start, end in spans:
        s, e = new_pos[start], new_pos[end]
        # the span ends before the next character; trim what is not a letter or digit
        while e > s and not noisy[e - 1].isalnum():
            e -= 1
        while s < e and not noisy[s].isalnum():
            s += 1
        if e > s:
            moved.append((label, s, e))
    return noisy, moved
