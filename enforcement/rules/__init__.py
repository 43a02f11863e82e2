"""Legal rules as data: the statutory periods of domain.md §2.3, one row per version in force.

``deadlines.json`` is the source; :func:`rules_sync` writes it into ``LegalRule`` (called by the
data migration ``rules_load`` and by ``manage.py enforcement_rules_sync``), idempotent by
(code, valid_from): a changed figure or article updates the row, nothing is duplicated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from thads.rules import rule_definitions_from
from thads.rules import rules_sync_from

__all__ = ["RULES_FILE", "rule_definitions", "rules_sync"]

RULES_FILE = Path(__file__).with_name("deadlines.json")


def rule_definitions() -> list[dict[str, Any]]:
    """The rules of ``deadlines.json`` with dates parsed, in file order."""
    return rule_definitions_from(RULES_FILE)


def rules_sync(model: Any = None) -> tuple[int, int]:
    """Create or update every rule of the file; returns (created, updated).

    ``model`` is the ``LegalRule`` class (the historical one inside a migration).
    """
    if model is None:
        from enforcement.models import LegalRule

        model = LegalRule
    return rules_sync_from(RULES_FILE, model)
