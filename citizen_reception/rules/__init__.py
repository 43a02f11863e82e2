"""Deadline rules of petitions as data (domain.md §5): ``deadlines.json`` is the source, one row
per rule and version in force (before and from 01/07/2026). :func:`rules_sync` writes it into
``PetitionRule`` (called by the data migration and by ``manage.py reception_rules_sync``),
idempotent by (code, valid_from): a changed figure or article updates the row, nothing is
duplicated."""

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

    ``model`` is the ``PetitionRule`` class (the historical one inside a migration).
    """
    if model is None:
        from citizen_reception.models import PetitionRule

        model = PetitionRule
    return rules_sync_from(RULES_FILE, model)
