"""Legal rules kept as data (style: "legal rules are data with effective dates"): a JSON file of
rows ``{"code", "valid_from", "valid_to", ...}``, one per rule and version in force, written into
a rule table idempotently by (code, valid_from). Shared by the enforcement periods
(``enforcement/rules``) and the petition periods (``citizen_reception/rules``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

__all__ = ["RULE_FIELDS", "rule_definitions_from", "rules_sync_from"]

#: The columns a rules file sets besides its key (code, valid_from).
RULE_FIELDS = (
    "law_version",
    "article",
    "title",
    "unit",
    "length",
    "valid_to",
    "confidence",
    "note",
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def rule_definitions_from(path: Path) -> list[dict[str, Any]]:
    """The rules of the JSON file ``path`` with dates parsed, in file order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for raw in data["rules"]:
        row = dict(raw)
        row["valid_from"] = _date(row["valid_from"])
        row["valid_to"] = _date(row.get("valid_to"))
        row.setdefault("note", "")
        out.append(row)
    return out


def rules_sync_from(path: Path, model: Any) -> tuple[int, int]:
    """Create or update every rule of ``path`` in ``model`` (the historical class inside a
    migration); returns (created, updated). A changed figure or article updates its row;
    nothing is duplicated or deleted."""
    created = updated = 0
    for row in rule_definitions_from(path):
        defaults = {name: row.get(name) for name in RULE_FIELDS}
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
