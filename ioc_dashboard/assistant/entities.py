"""Entities of a question by rules: province, office, officer, case type, case status, period.

Everything is matched on the folded text (``text.fold``: no diacritics, lower case), so
"Hà Tĩnh", "ha tinh" and "HA TINH" are the same. Provinces are the 34 of the
``vietnam-provinces`` package, by their names and common short names, and the 63 provinces
before the 2025 merger mapped to today's (``data/provinces.json``, Nghị quyết 202/2025/QH15).
Offices and officers come from a :class:`Catalogue` (built from ``thads.org`` by
``catalogue.load_catalogue``; tests build one by hand).

``extract`` returns the filters, the period, and the question with each entity replaced by a
placeholder word (``<tinh>``, ``<donvi>``, ``<canbo>``, ``<loaian>``, ``<trangthai>``, ``<ky>``):
that masked text is what the intent classifier reads, so it learns how figures are asked for,
not which province was named.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from ioc_dashboard.assistant.periods import find_period
from ioc_dashboard.assistant.text import fold
from ioc_dashboard.types import Period

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Case types (decisions.types.CASE_TYPES) by the words used for them.
CASE_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "DS": ("dan su",),
    "HNGD": ("hon nhan va gia dinh", "hon nhan gia dinh", "hngd", "ly hon"),
    "KDTM": ("kinh doanh thuong mai", "kinh doanh, thuong mai", "kdtm", "thuong mai"),
    "LD": ("lao dong",),
    "HC": ("hanh chinh",),
    "HS": ("hinh su",),
}
#: Case states (enforcement Case.State values) a question may filter on. States that are
#: figures of their own (completed, with/without conditions) are read as the figure instead.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "verification": (
        "dang xac minh dieu kien",
        "dang xac minh",
        "xac minh dieu kien",
        "dang duoc xac minh",
    ),
    "coercion": ("dang cuong che", "bi cuong che", "phai cuong che"),
    "postponed": ("bi hoan", "dang hoan", "hoan thi hanh"),
    "suspended": ("tam dinh chi",),
    "terminated": ("bi dinh chi", "da dinh chi", "dinh chi thi hanh"),
    "voluntary_period": ("thoi han tu nguyen", "dang tu nguyen"),
    "partially_executed": ("thi hanh mot phan", "xong mot phan"),
    "request_returned": ("tra lai don", "gui lai yeu cau", "tra don"),
}
#: Phrases naming the sector or an office, not a case type ("thi hành án dân sự").
_SECTOR = re.compile(
    r"\b(?:co\s+quan\s+|cuc\s+(?:quan\s+ly\s+)?|phong\s+)?thi\s+hanh\s+an\s+dan\s+su\b|\bthads\b"
)
_OFFICE_CODE = re.compile(r"\bt(\d{2})(?:\s*-\s*kv\s*(\d{1,2}))?\b")
_REGION = re.compile(r"\b(?:phong\s+(?:thads\s+)?)?(?:khu\s+vuc|kv)\s*(\d{1,2})\b")
_PROVINCIAL_AGENCY = re.compile(
    r"\b(?:cuc\s+thads|thads\s+tinh|co\s+quan\s+thads\s+tinh|thads\s+thanh\s+pho|so\s+thads)\b"
)
_OFFICER_WORDS = r"(?:chap\s+hanh\s+vien|chv|can\s+bo|tham\s+tra\s+vien|thu\s+ky|ong|ba|anh|chi)"
_USERNAME = re.compile(r"\b[a-z]{2,6}\.t\d{2}(?:-kv\d{2})?\.\d+\b")


@dataclass(frozen=True)
class Catalogue:
    """Offices (code → name) and officers (username → full name, office code) to match."""

    offices: dict[str, str] = field(default_factory=dict)
    officers: dict[str, tuple[str, str]] = field(default_factory=dict)

    @functools.cached_property
    def officer_names(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for username, (full_name, _office) in sorted(self.officers.items()):
            name = fold(full_name)
            if len(name.split()) >= 2:
                out.setdefault(name, []).append(username)
        return out


@dataclass
class Entities:
    filters: dict[str, Any]
    period: Period | None
    masked: str
    folded: str
    #: What was read, for "how I understood it": (kind, text as folded).
    spans: list[tuple[str, str]] = field(default_factory=list)


@functools.cache
def province_names() -> dict[int, str]:
    """Current province code → official name (``vietnam-provinces``)."""
    from vietnam_provinces import Province

    return {int(p.code): p.name for p in Province.iter_all()}


@functools.cache
def _province_aliases() -> list[tuple[str, int]]:
    data = json.loads((DATA_DIR / "provinces.json").read_text(encoding="utf-8"))
    names: dict[str, int] = {}
    for code, name in province_names().items():
        short = re.sub(r"^Thành phố\s+", "", name)
        for variant in (name, short, f"tỉnh {short}", f"thành phố {short}", f"tp {short}"):
            names[fold(variant)] = code
    for source in ("merged", "aliases"):
        for name, code in data[source].items():
            names[fold(name)] = code
            names.setdefault(fold(f"tỉnh {name}"), code)
    # longest first, so "thanh pho ho chi minh" wins over "ho chi minh"
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


@functools.cache
def _province_regex() -> re.Pattern[str]:
    alts = "|".join(re.escape(name) for name, _ in _province_aliases())
    return re.compile(rf"(?<![\w.])(?:{alts})(?![\w])")


def province_code(name: str) -> int | None:
    """The current code for any province name (current, merged, short), or None."""
    return dict(_province_aliases()).get(fold(name))


def _longest(words: tuple[str, ...]) -> list[str]:
    return sorted(words, key=len, reverse=True)


def extract(question: str, *, today: dt.date, catalogue: Catalogue | None = None) -> Entities:
    """Read the entities of ``question`` (rules only; see the module docstring)."""
    catalogue = catalogue or Catalogue()
    folded = fold(question)
    work = folded  # spans are replaced in ``work`` as they are read; same length kept
    filters: dict[str, Any] = dict.fromkeys(
        ("province", "office", "officer", "case_type", "status")
    )
    spans: list[tuple[str, str]] = []
    replacements: list[tuple[int, int, str]] = []

    def take(start: int, end: int, kind: str, placeholder: str) -> None:
        nonlocal work
        spans.append((kind, folded[start:end]))
        replacements.append((start, end, placeholder))
        work = work[:start] + "\x00" * (end - start) + work[end:]

    # 1. officers by username or full name (before provinces: names may hold place words)
    m = _USERNAME.search(work)
    if m and m.group(0) in catalogue.officers:
        filters["officer"] = m.group(0)
        take(*m.span(), "officer", "<canbo>")
    elif catalogue.officers:
        names = catalogue.officer_names
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", work)]
        found = None
        for i in range(len(words)):
            for n in (5, 4, 3, 2):
                if i + n <= len(words):
                    start, end = words[i][0], words[i + n - 1][1]
                    if work[start:end] in names:
                        found = (start, end)
                        break
            if found:
                break
        if found:
            filters["officer"] = names[work[found[0] : found[1]]][0]
            take(*found, "officer", "<canbo>")
    # 2. period
    pm = find_period(work, today)
    period = None
    if pm is not None:
        period = pm.period
        take(pm.start, pm.end, "period", "<ky>")
    # 3. sector phrases are not case types; mask them as plain words
    for sm in list(_SECTOR.finditer(work)):
        work = work[: sm.start()] + "\x01" * (sm.end() - sm.start()) + work[sm.end() :]
    # 4. offices by code ("T42-KV01"), by region number + province, or the provincial agency
    province: int | None = None
    for n, pmatch in enumerate(list(_province_regex().finditer(work))):
        if n == 0:  # the first place named is the filter; others are masked all the same
            province = dict(_province_aliases())[pmatch.group(0)]
            filters["province"] = province
        take(*pmatch.span(), "province", "<tinh>")
    cm = _OFFICE_CODE.search(work)
    if cm:
        code = f"T{cm.group(1)}" + (f"-KV{int(cm.group(2)):02d}" if cm.group(2) else "")
        # kept even when no such office exists: the answer then says so for that code,
        # rather than silently answering for the whole country
        filters["office"] = code
        filters["province"] = filters["province"] or int(cm.group(1))
        take(*cm.span(), "office", "<donvi>")
    if filters["office"] is None and province is not None:
        rm = _REGION.search(work)
        am = _PROVINCIAL_AGENCY.search(folded)
        if rm:
            filters["office"] = f"T{province:02d}-KV{int(rm.group(1)):02d}"
            take(*rm.span(), "office", "<donvi>")
        elif am:
            filters["office"] = f"T{province:02d}"
            spans.append(("office", am.group(0)))
    # 5. case type and status
    for case_type, words in CASE_TYPE_WORDS.items():
        hit = re.search(rf"\b(?:{'|'.join(re.escape(w) for w in _longest(words))})\b", work)
        if hit:
            filters["case_type"] = case_type
            take(*hit.span(), "case_type", "<loaian>")
            break
    for status, words in STATUS_WORDS.items():
        hit = re.search(rf"\b(?:{'|'.join(re.escape(w) for w in _longest(words))})\b", work)
        if hit:
            filters["status"] = status
            take(*hit.span(), "status", "<trangthai>")
            break
    masked = folded
    for start, end, placeholder in sorted(replacements, reverse=True):
        masked = masked[:start] + f" {placeholder} " + masked[end:]
    masked = re.sub(r"\s+", " ", masked).strip()
    return Entities(filters=filters, period=period, masked=masked, folded=folded, spans=spans)
