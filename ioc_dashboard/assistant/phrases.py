"""Shared vocabulary for generating questions: provinces, periods, case types, statuses, offices
and officers, each with the answer a question about it must give. The *wording of figures and
the sentence frames* are not here: the training templates (``generate_train``) and the
evaluation templates (``generate_eval``) each hold their own, written separately, so the
evaluation measures questions phrased in ways the model did not see.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path

from ioc_dashboard.assistant.entities import Catalogue
from ioc_dashboard.assistant.entities import province_names
from ioc_dashboard.assistant.periods import stat_year_start
from ioc_dashboard.assistant.text import strip_accents

DATA_DIR = Path(__file__).resolve().parent / "data"

PeriodFn = Callable[[dt.date], tuple[dt.date, dt.date]]


def _me(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _clamp(t: dt.date, s: dt.date, e: dt.date) -> tuple[dt.date, dt.date]:
    return (s, t) if s <= t < e else (s, e)


def _prev_month(t: dt.date) -> tuple[dt.date, dt.date]:
    first = t.replace(day=1) - dt.timedelta(days=1)
    return first.replace(day=1), first


def period_phrases(today: dt.date, rng: random.Random) -> list[tuple[str, PeriodFn]]:
    """(phrase, period function) pairs; some phrases are drawn with random numbers."""
    y = today.year
    q = rng.randint(1, 4)
    qy = rng.choice([y - 1, y - 2, y])
    m = rng.randint(1, 12)
    my = rng.choice([y - 1, y])
    yr = rng.choice([y - 1, y - 2, y - 3])
    d1 = today - dt.timedelta(days=rng.randint(10, 300))
    d2 = d1 + dt.timedelta(days=rng.randint(5, 120))
    n_days = rng.choice([7, 10, 15, 30, 60, 90])
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[q]
    sy = stat_year_start(today)
    half = rng.choice([3, 6, 9])
    return [
        ("tháng này", lambda t: _clamp(t, t.replace(day=1), _me(t.year, t.month))),
        ("tháng trước", _prev_month),
        ("tháng vừa qua", _prev_month),
        ("năm nay", lambda t: _clamp(t, dt.date(t.year, 1, 1), dt.date(t.year, 12, 31))),
        ("năm ngoái", lambda t: (dt.date(t.year - 1, 1, 1), dt.date(t.year - 1, 12, 31))),
        ("năm trước", lambda t: (dt.date(t.year - 1, 1, 1), dt.date(t.year - 1, 12, 31))),
        (f"năm {yr}", lambda t: (dt.date(yr, 1, 1), dt.date(yr, 12, 31))),
        (f"quý {q}/{qy}", lambda t: _clamp(t, dt.date(qy, 3 * q - 2, 1), _me(qy, 3 * q))),
        (f"quý {roman} năm {qy}", lambda t: _clamp(t, dt.date(qy, 3 * q - 2, 1), _me(qy, 3 * q))),
        (f"tháng {m}/{my}", lambda t: _clamp(t, dt.date(my, m, 1), _me(my, m))),
        (f"tháng {m} năm {my}", lambda t: _clamp(t, dt.date(my, m, 1), _me(my, m))),
        (f"{half} tháng đầu năm", lambda t: _clamp(t, dt.date(t.year, 1, 1), _me(t.year, half))),
        (
            f"{half} tháng đầu năm {yr}",
            lambda t: (dt.date(yr, 1, 1), _me(yr, half)),
        ),
        (
            f"từ {d1:%d/%m} đến {d2:%d/%m}"
            if d1.year == y and d2.year == y
            else f"từ {d1:%d/%m/%Y} đến {d2:%d/%m/%Y}",
            lambda t: _clamp(t, d1, d2),
        ),
        (
            f"từ ngày {d1.day}/{d1.month}/{d1.year} đến ngày {d2.day}/{d2.month}/{d2.year}",
            lambda t: _clamp(t, d1, d2),
        ),
        ("năm thống kê", lambda t: _clamp(t, sy, dt.date(sy.year + 1, 9, 30))),
        ("năm thống kê này", lambda t: _clamp(t, sy, dt.date(sy.year + 1, 9, 30))),
        (
            f"năm thống kê {yr}",
            lambda t: _clamp(t, dt.date(yr - 1, 10, 1), dt.date(yr, 9, 30)),
        ),
        ("từ đầu năm", lambda t: (dt.date(t.year, 1, 1), t)),
        ("từ đầu năm đến nay", lambda t: (dt.date(t.year, 1, 1), t)),
        (f"{n_days} ngày qua", lambda t: (t - dt.timedelta(days=n_days - 1), t)),
        (
            "quý này",
            lambda t: _clamp(
                t,
                dt.date(t.year, 3 * ((t.month - 1) // 3) + 1, 1),
                _me(t.year, 3 * ((t.month - 1) // 3) + 3),
            ),
        ),
        ("hôm nay", lambda t: (t, t)),
        (
            "tuần này",
            lambda t: _clamp(
                t,
                t - dt.timedelta(days=t.weekday()),
                t - dt.timedelta(days=t.weekday()) + dt.timedelta(days=6),
            ),
        ),
    ]


#: Case type words (with the code the question must give).
CASE_TYPE_PHRASES = {
    "DS": ["dân sự", "án dân sự"],
    "HNGD": ["hôn nhân gia đình", "hôn nhân và gia đình", "HNGĐ"],
    "KDTM": ["kinh doanh thương mại", "KDTM"],
    "LD": ["lao động"],
    "HC": ["hành chính"],
    "HS": ["hình sự"],
}
STATUS_PHRASES = {
    "verification": ["đang xác minh"],
    "coercion": ["đang cưỡng chế"],
    "postponed": ["bị hoãn"],
    "suspended": ["tạm đình chỉ"],
    "terminated": ["bị đình chỉ"],
    "voluntary_period": ["trong thời hạn tự nguyện"],
    "partially_executed": ["thi hành một phần"],
}
_SHORT = {
    1: ["Hà Nội", "HN", "thủ đô"],
    79: ["HCM", "TP.HCM", "Sài Gòn", "TP HCM", "TPHCM"],
    46: ["Huế", "TT Huế"],
}


def province_variants(rng: random.Random) -> tuple[str, int]:
    """A province named one way or another (current, short, pre-2025), with today's code."""
    data = json.loads((DATA_DIR / "provinces.json").read_text(encoding="utf-8"))
    r = rng.random()
    if r < 0.45:
        code, name = rng.choice(sorted(province_names().items()))
        name = name.replace("Thành phố ", rng.choice(["", "", "thành phố ", "TP "]))
        prefix = (
            ""
            if "thành phố" in name.lower() or name.startswith("TP")
            else rng.choice(["", "", "tỉnh "])
        )
        return prefix + name, code
    if r < 0.85:
        name, code = rng.choice(sorted(data["merged"].items()))
        return rng.choice(["", "", "tỉnh "]) + name, code
    code = rng.choice(sorted(_SHORT))
    return rng.choice(_SHORT[code]), code


_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Thu", "Đức", "Hồng", "Ngọc"]
_GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hải",
    "Hạnh",
    "Khoa",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Trang",
    "Tuấn",
    "Vy",
]


def synthetic_catalogue(seed: int = 7, officers: int = 80) -> Catalogue:
    """Offices of the demo scheme (T01..T96, KV01..KV10) and officers with made-up names."""
    rng = random.Random(seed)  # noqa: S311 (test data)
    offices: dict[str, str] = {}
    for code, name in province_names().items():
        offices[f"T{code:02d}"] = f"Thi hành án dân sự {name}"
        for n in range(1, 11):
            offices[f"T{code:02d}-KV{n:02d}"] = f"Phòng THADS khu vực {n} - {name}"
    people: dict[str, tuple[str, str]] = {}
    names_used: set[str] = set()
    codes = sorted(province_names())
    while len(people) < officers:
        name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
        if name in names_used:
            continue
        names_used.add(name)
        office = f"T{rng.choice(codes):02d}-KV{rng.randint(1, 10):02d}"
        people[f"chv.{office.lower()}.{len(people) % 5 + 1}"] = (name, office)
    return Catalogue(offices=offices, officers=people)


def noisy(text: str, rng: random.Random, *, accents: float = 0.3, lower: float = 0.3) -> str:
    """Typed the way leaders type: sometimes without diacritics, in lower case, no final mark."""
    if rng.random() < accents:
        text = strip_accents(text)
    if rng.random() < lower:
        text = text.lower()
    return text
