"""Registry of demo-data seeders, so ``seed_demo`` can fill every app without importing it.

Each app registers a seeder in ``AppConfig.ready()``; ``seed_demo`` runs them in ``order``.
Seeders must be deterministic for a given ``seed`` and use bulk inserts: the ``large`` size
feeds the dashboard's scale benchmark (a million cases).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Literal

Size = Literal["small", "medium", "large"]
SIZES: tuple[Size, ...] = ("small", "medium", "large")


@dataclass
class SeedContext:
    """What a seeder gets: the seed, the size, its own RNG and shared results of earlier seeders."""

    seed: int
    size: Size
    out: Callable[[str], Any] = print
    shared: dict[str, Any] = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """An RNG of its own per seeder, so adding one seeder never shifts another's data."""
        return random.Random(f"{self.seed}:{name}")  # noqa: S311 (demo data, not security)


@dataclass(frozen=True)
class Seeder:
    name: str
    order: int
    func: Callable[[SeedContext], None]


_SEEDERS: dict[str, Seeder] = {}


def register_seeder(name: str, order: int, func: Callable[[SeedContext], None]) -> None:
    """Register (or replace) the seeder ``name``; lower ``order`` runs first."""
    _SEEDERS[name] = Seeder(name=name, order=order, func=func)


def seeders() -> list[Seeder]:
    return sorted(_SEEDERS.values(), key=lambda s: (s.order, s.name))


def run_seeders(ctx: SeedContext) -> None:
    for seeder in seeders():
        ctx.out(f"· {seeder.name} …")
        seeder.func(ctx)
