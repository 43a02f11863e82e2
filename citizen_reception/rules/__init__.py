"""Deadline rules of petitions as data (domain.md §5): ``deadlines.json`` is the source, one row
per rule and version in force (before and from 01/07/2026). :func:`rules_sync` writes it into
``PetitionRule`` (called by the data migration and by ``manage.py reception_rules_sync``),
idempotent by (code, valid_from): a changed figure or article updates the row, nothing is
duplicated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

__all__ = ["RULES_FILE", "rule_definitions", "rules_sync"]

RULES_FILE = Path(__file__).with_name("deadlines.json")

_FIELDS = ("law_version", "article", "title", "unit", "length", "valid_to", "confidence", "note")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def rule_definitions() -> list[dict[str, Any]]:
    """The rules of ``deadlines.json`` with dates parsed, in file order."""
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    out = []
    for raw in data["rules"]:
        row = dict(raw)
        row["valid_from"] = _date(row["valid_from"])
        row["valid_to"] = _date(row.get("valid_to"))
        row.setdefault("note", "")
        out.append(row)
    return out


def rules_sync(model: Any = None) -> tuple[int, int]:
    """Create or update every rule of the file; returns (created, updated).

    ``model`` is the ``PetitionRule`` class (the historical one inside a migration).
    """
    if model is None:
        from citizen_reception.models import PetitionRule

        model = PetitionRule
    created = updated = 0
    for row in rule_definitions():
        defaults = {name: row.get(name) for name in _FIELDS}
        defaults["note"] = defaults["note"] or ""
        obj = model.objects.filter(code=row["code"], valid_from=row["valid_from"]).first()
        if obj is None:
            model.objects.create(code=row["code"], valid_from=row["valid_from"], **defaults)
            created += 1
            continue
        changed = [k for k, v in defaults.items() if getattr(obj, k) != v]
        if changed:
            for k in changed:
                setattr(obj, k, defaults[k])
            obj.save(update_fields=changed)
            updated += 1
    return created, updated
