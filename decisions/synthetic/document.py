"""The synthetic judgment record and the writer that lays its text out in lines and pages.

Text is written as blocks (paragraphs, centred titles, two-column header lines) of segments,
some of them tagged with an entity label. Wrapping a paragraph replaces spaces by line breaks,
so character offsets never move: an entity keeps its span even when a line break falls inside a
name, as in real PDF text. Pages break between lines, never inside an entity.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from decisions.types import PageInput

#: Entity labels the generator annotates (the token classifier learns these).
ENTITY_LABELS = (
    "COURT",  # the court's name (header, "NHÂN DANH" line, body mention)
    "NUMBER",  # the judgment number
    "DATE",  # the judgment date
    "NAME",  # a party's name where the party is introduced
    "BIRTH_YEAR",
    "ID_NUMBER",
    "ADDRESS",
    "DEBTOR",  # who must perform, in the dispositive part
    "CREDITOR",  # who receives, in the dispositive part
    "AMOUNT",  # an obligation's amount in figures, in the dispositive part
    "FEE_PAYER",  # who bears a court fee
    "FEE_AMOUNT",  # a court fee in figures
)


@dataclass(frozen=True)
class Annotation:
    """One labelled entity: 1-based page, character span in that page's text, and its value.

    ``value`` is the normalised value the labels use (a name, an int amount, an ISO date, the
    court name in the labels' form); ``role`` is the party role for NAME.
    """

    label: str
    page: int
    start: int
    end: int
    value: Any
    role: str | None = None


@dataclass(frozen=True)
class Line:
    """One printed line. ``style``: body, center, bold, title, columns, columns_left.

    For ``columns`` the left column is ``text[:split]`` and the right one ``text[split:]``
    (both stripped when drawn).
    """

    text: str
    style: str = "body"
    split: int | None = None


@dataclass(frozen=True)
class SyntheticJudgment:
    """A generated judgment: page texts, the gold labels (labels.json shape) and annotations."""

    doc_id: str
    pages: list[str]
    labels: dict[str, Any]
    annotations: list[Annotation]
    layout: list[list[Line]]  # lines of each page, as the renderers draw them
    variant: str  # "BA-ST", "BA-PT", "QD-CNTT"
    meta: dict[str, Any] = field(default_factory=dict)

    def to_page_inputs(self) -> list[PageInput]:
        return [PageInput(number=i + 1, text=t) for i, t in enumerate(self.pages)]

    def spans(self, label: str) -> list[Annotation]:
        return [a for a in self.annotations if a.label == label]

    def text_at(self, a: Annotation) -> str:
        return self.pages[a.page - 1][a.start : a.end]


Seg = str | tuple[str, str, Any] | tuple[str, str, Any, str]


@dataclass
class _Block:
    segments: list[Seg]
    style: str = "body"
    split_at: int | None = None  # columns: index of the right column's start


class Writer:
    """Collects blocks, then wraps them into lines and splits the lines into pages."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.blocks: list[_Block] = []
        self.width = rng.randint(72, 96)

    def para(self, *segments: Seg, style: str = "body") -> None:
        """A paragraph; its first letter is capitalised when it is plain text."""
        segs = [s for s in segments if s != ""]
        if segs and isinstance(segs[0], str) and segs[0][:1].islower():
            segs[0] = segs[0][0].upper() + segs[0][1:]
        self.blocks.append(_Block(segs, style))

    def columns(
        self, left: list[Seg], right: list[Seg], *, gap: int | None = None, style: str = "columns"
    ) -> None:
        gap = gap if gap is not None else self.rng.choice((1, 1, 2, 4, 8))
        left_text = "".join(s if isinstance(s, str) else s[0] for s in left)
        self.blocks.append(_Block([*left, " " * gap, *right], style, len(left_text) + gap))

    # -- layout --------------------------------------------------------------------------

    def _wrap(self, text: str, protected: list[tuple[int, int]]) -> list[int]:
        """Offsets of the spaces that become line breaks (greedy, width ± a little)."""
        breaks: list[int] = []
        start = 0
        width = self.width
        while len(text) - start > width:
            cut = text.rfind(" ", start, start + width + 1)
            if cut <= start:
                cut = text.find(" ", start + width)
                if cut == -1:
                    break
            breaks.append(cut)
            start = cut + 1
            width = self.width + self.rng.randint(-3, 2)
        return breaks

    def build(
        self, *, lines_per_page: tuple[int, int] = (36, 46)
    ) -> tuple[list[str], list[list[Line]], list[Annotation]]:
        lines: list[Line] = []
        line_starts: list[int] = []  # global offset of each line
        ents: list[tuple[str, int, int, Any, str | None]] = []
        offset = 0
        for block in self.blocks:
            text = ""
            for seg in block.segments:
                if isinstance(seg, str):
                    text += seg
                else:
                    s = len(text)
                    text += seg[0]
                    role = seg[3] if len(seg) > 3 else None
                    ents.append((seg[1], offset + s, offset + len(text), seg[2], role))
            if block.style.startswith("columns"):
                pieces = [(0, text, block.split_at)]
            else:
                breaks = self._wrap(text, [])
                pieces = []
                prev = 0
                for b in [*breaks, len(text)]:
                    pieces.append((prev, text[prev:b], None))
                    prev = b + 1
            for start, piece, split in pieces:
                lines.append(Line(piece, block.style, split))
                line_starts.append(offset + start)
            offset += len(text) + 1
        # pages: break between lines, never inside an entity
        pages_lines: list[list[int]] = []
        i = 0
        while i < len(lines):
            n = self.rng.randint(*lines_per_page)
            end = min(len(lines), i + n)
            while end < len(lines) and end > i + 1:
                cut = line_starts[end] - 1
                if not any(s <= cut < e for _, s, e, _, _ in ents):
                    break
                end -= 1
            pages_lines.append(list(range(i, end)))
            i = end
        pages: list[str] = []
        layout: list[list[Line]] = []
        annotations: list[Annotation] = []
        for number, idx in enumerate(pages_lines, start=1):
            page_lines = [lines[j] for j in idx]
            prefix = ""
            if number > 1 and self.rng.random() < 0.6:
                prefix = f"{number}\n"
                page_lines = [Line(str(number), "center"), *page_lines]
            text = prefix + "\n".join(lines[j].text for j in idx)
            g0 = line_starts[idx[0]]
            g1 = line_starts[idx[-1]] + len(lines[idx[-1]].text)
            for label, s, e, value, role in ents:
                if g0 <= s and e <= g1:
                    a = Annotation(
                        label, number, s - g0 + len(prefix), e - g0 + len(prefix), value, role
                    )
                    annotations.append(a)
            pages.append(text)
            layout.append(page_lines)
        return pages, layout, annotations
