"""Geometry of the server-rendered SVG: the trend chart and the tile map of the 34 provinces.

No chart library and no script: the view computes coordinates, the template writes ``<svg>``
elements, and colours come from CSS classes (the Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = [
    "PROVINCE_TILES",
    "Tile",
    "TileMap",
    "TrendChart",
    "format_value",
    "tile_map",
    "trend_chart",
]

#: Tile position (column, row) of each province (vietnam-provinces code), drawn so the grid
#: keeps the country's shape: the wide north, the narrow centre, the Mekong delta.
PROVINCE_TILES: dict[int, tuple[int, int]] = {
    12: (0, 0), 15: (1, 0), 8: (2, 0), 4: (3, 0),
    11: (0, 1), 14: (1, 1), 25: (2, 1), 19: (3, 1), 20: (4, 1),
    1: (2, 2), 24: (3, 2), 22: (4, 2),
    38: (1, 3), 37: (2, 3), 33: (3, 3), 31: (4, 3),
    40: (1, 4), 42: (2, 4),
    44: (2, 5), 46: (3, 5),
    48: (3, 6), 51: (4, 6),
    52: (3, 7), 66: (4, 7),
    68: (3, 8), 56: (4, 8),
    80: (1, 9), 75: (2, 9), 79: (3, 9),
    91: (0, 10), 82: (1, 10), 86: (2, 10),
    96: (0, 11), 92: (1, 11),
}  # fmt: skip
TILE_W, TILE_H, TILE_GAP = 116, 62, 6
EXTRA_COLUMN = 5
#: Colour classes of the map, light to dark (``.q0`` … ``.q4`` in ioc.css); ``.qn`` = no data.
CLASSES = 5


def format_value(value: int | float | None, kind: str) -> str:
    """A figure the Vietnamese way: 1.234.567, 84,3 %, 12,5 tỷ đ / 350 tr đ for money."""
    if value is None:
        return "—"
    if kind == "rate":
        return f"{float(value) * 100:.1f} %".replace(".", ",")
    if kind == "money":
        amount = int(value)
        if abs(amount) >= 1_000_000_000:
            return f"{amount / 1_000_000_000:,.1f} tỷ đ".replace(",", " ").replace(".", ",")
        if abs(amount) >= 1_000_000:
            return f"{amount / 1_000_000:,.1f} tr đ".replace(",", " ").replace(".", ",")
        return f"{amount:,} đ".replace(",", ".")
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


@dataclass(frozen=True)
class Tile:
    code: int
    name: str
    x: int
    y: int
    value: int | float | None
    display: str
    css: str
    url: str

    @property
    def text_x(self) -> int:
        return self.x + TILE_W // 2


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    legend: list[tuple[str, str]]  # (css class, range text)


def _rank_class(value: float | None, known: list[float]) -> str:
    """Class by rank among the provinces (quintiles): the lowest q0, the highest q4, ties alike."""
    if value is None:
        return "qn"
    if len(known) < 2:
        return "q2"
    position = sum(1 for v in known if v < value) / (len(known) - 1)
    return f"q{min(CLASSES - 1, int(position * CLASSES))}"


def tile_map(
    *,
    provinces: list[tuple[int, str]],
    values: dict[int, int | float | None],
    kind: str,
    url_for: Any,
) -> TileMap:
    """The 34 tiles coloured in five classes by rank (quintiles) of the figure."""
    codes = {code for code, _name in provinces}
    known = sorted(float(v) for code, v in values.items() if v is not None and code in codes)
    tiles = []
    extra = 0  # provinces without a place on the grid (none among the 34) go in a column right
    for code, name in provinces:
        if code in PROVINCE_TILES:
            col, row = PROVINCE_TILES[code]
        else:
            col, row = EXTRA_COLUMN, extra
            extra += 1
        value = values.get(code)
        tiles.append(
            Tile(
                code=code,
                name=name,
                x=col * (TILE_W + TILE_GAP),
                y=row * (TILE_H + TILE_GAP),
                value=value,
                display=format_value(value, kind),
                css=_rank_class(None if value is None else float(value), known),
                url=url_for(code),
            )
        )
    by_class: dict[str, list[float]] = {}
    for tile in tiles:
        if tile.value is not None:
            by_class.setdefault(tile.css, []).append(float(tile.value))
    legend = [
        (
            css,
            format_value(min(vals), kind)
            if min(vals) == max(vals)
            else f"{format_value(min(vals), kind)} – {format_value(max(vals), kind)}",
        )
        for css, vals in sorted(by_class.items())
    ]
    width = max((t.x for t in tiles), default=0) + TILE_W + TILE_GAP
    height = max((t.y for t in tiles), default=0) + TILE_H + TILE_GAP
    if tiles and any(code in PROVINCE_TILES for code, _name in provinces):
        width = max(width, 5 * (TILE_W + TILE_GAP))
    return TileMap(tiles=tiles, width=width, height=height, legend=legend)


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    display: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    now_points: str
    before_points: str
    now: list[ChartPoint]
    before: list[ChartPoint]
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    left: int
    bottom: int
    right: int

    @property
    def is_empty(self) -> bool:
        return not self.now


def trend_chart(
    *,
    now: list[tuple[str, int | float | None]],
    before: list[tuple[str, int | float | None]],
    kind: str,
    width: int = 720,
    height: int = 260,
) -> TrendChart:
    """Two lines over the same months: this period (solid) and a year earlier (dashed)."""
    left, right, top, bottom = 88, 16, 16, height - 36
    values = [float(v) for _, v in [*now, *before] if v is not None]
    high = max(values, default=0.0)
    high = _nice_ceiling(high) if high > 0 else 1.0
    if kind == "count":  # five whole-number ticks
        high = 4.0 * math.ceil(high / 4.0)
    count = max(len(now), len(before), 1)
    step = (width - left - right) / max(count - 1, 1)

    def point(index: int, label: str, value: int | float | None) -> ChartPoint:
        v = float(value or 0)
        y = bottom - (bottom - top) * (v / high)
        return ChartPoint(
            x=round(left + index * step, 1),
            y=round(y, 1),
            label=label,
            display=format_value(value, kind),
        )

    now_pts = [point(i, label, v) for i, (label, v) in enumerate(now)]
    before_pts = [point(i, label, v) for i, (label, v) in enumerate(before)]
    ticks = [
        (
            round(bottom - (bottom - top) * f, 1),
            format_value(high * f if kind != "count" else round(high * f), kind),
        )
        for f in (0, 0.25, 0.5, 0.75, 1)
    ]
    return TrendChart(
        width=width,
        height=height,
        now_points=" ".join(f"{p.x},{p.y}" for p in now_pts),
        before_points=" ".join(f"{p.x},{p.y}" for p in before_pts),
        now=now_pts,
        before=before_pts,
        y_ticks=ticks,
        x_labels=[(p.x, p.label) for p in now_pts],
        left=left,
        bottom=bottom,
        right=width - right,
    )


def _nice_ceiling(value: float) -> float:
    """The next 1, 2, 2.5 or 5 × 10^n at or above ``value`` (round axis ticks)."""
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude
