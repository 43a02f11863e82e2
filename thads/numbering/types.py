"""Plain results of the numbering selectors, importable by the domain apps."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """What a check of a series' issued numbers found; ``ok`` when nothing is wrong.

    ``gaps``: numbers between 1 and the highest expected number that nobody holds.
    ``duplicates``: numbers held more than once. ``beyond_counter``: numbers above the counter's
    last number (issued without the counter: a bug or a hand-made row).
    """

    count: int
    highest: int
    gaps: tuple[int, ...]
    duplicates: tuple[int, ...]
    beyond_counter: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.gaps or self.duplicates or self.beyond_counter)
