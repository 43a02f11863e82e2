"""The decision template registry: data files and their loader.

``templates.toml`` holds one entry per decision kind and version (title, form code, issuing
level, legal bases per law version, body with placeholders, fields, recipients, validity);
``laws.toml`` holds the law versions with their dates, the deadline rules (T4, T5) and the
grouping rules (one proactive decision per judgment under ND62 Art 6, per debtor under ND152
Art 8(1)). Rules are data with effective dates (domain.md §0): the law version of a decision
is the one in force on the decision's date; a deadline follows the rule in force on the day of
its trigger.

:func:`registry_load` copies the templates into the ``DecisionTemplate`` table; it is
idempotent (run by the data migration and after ``migrate``; tests call it from a fixture).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

__all__ = [
    "KIND_LABELS",
    "DeadlineRule",
    "GroupingRule",
    "LawVersion",
    "RegistryError",
    "deadline_rule",
    "grouping_rule",
    "kind_label",
    "law_for_date",
    "laws",
    "registry_load",
    "template_entries",
]

REGISTRY_DIR = Path(__file__).resolve().parent

#: Decision kinds (domain.md §3.1) and their Vietnamese names.
KIND_LABELS = {
    "proactive": _("Thi hành án chủ động"),
    "on_request": _("Thi hành án theo yêu cầu"),
    "postponement": _("Hoãn thi hành án"),
    "resumption": _("Tiếp tục thi hành án"),
    "suspension": _("Tạm đình chỉ thi hành án"),
    "termination": _("Đình chỉ thi hành án"),
    "no_conditions": _("Chưa có điều kiện thi hành án"),
    "coercion": _("Cưỡng chế thi hành án"),
    "revocation": _("Thu hồi, sửa đổi, bổ sung quyết định"),
    "entrustment": _("Ủy thác thi hành án"),
    "fee": _("Thu phí thi hành án"),
}


class RegistryError(ValueError):
    """A registry file is malformed (the message names the entry)."""


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@dataclass(frozen=True)
class LawVersion:
    code: str
    title: str
    decree: str
    valid_from: dt.date
    valid_to: dt.date | None
    confidence: str


@dataclass(frozen=True)
class DeadlineRule:
    step: str
    kind: str
    law: str
    working_days: int
    basis: str
    confidence: str


@dataclass(frozen=True)
class GroupingRule:
    kind: str
    law: str
    per: str  # "debtor" or "judgment"
    basis: str
    confidence: str


def _read(name: str) -> dict[str, Any]:
    with (REGISTRY_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def laws() -> tuple[LawVersion, ...]:
    """The law versions, oldest first."""
    rows = [
        LawVersion(
            code=row["code"],
            title=row["title"],
            decree=row["decree"],
            valid_from=row["valid_from"],
            valid_to=row.get("valid_to"),
            confidence=row.get("confidence", "?"),
        )
        for row in _read("laws.toml")["law"]
    ]
    return tuple(sorted(rows, key=lambda law: law.valid_from))


def law_for_date(on: dt.date) -> LawVersion:
    """The law version in force on ``on`` (L2008 before 01/07/2026, L2025 from then)."""
    for law in laws():
        if law.valid_from <= on and (law.valid_to is None or on <= law.valid_to):
            return law
    raise RegistryError(f"no law version in force on {on.isoformat()}")


@functools.cache
def _deadlines() -> tuple[DeadlineRule, ...]:
    return tuple(
        DeadlineRule(
            step=row["step"],
            kind=row["kind"],
            law=row["law"],
            working_days=int(row["working_days"]),
            basis=row["basis"],
            confidence=row.get("confidence", "?"),
        )
        for row in _read("laws.toml")["deadline"]
    )


@functools.cache
def _groupings() -> tuple[GroupingRule, ...]:
    return tuple(
        GroupingRule(
            kind=row["kind"],
            law=row["law"],
            per=row["per"],
            basis=row["basis"],
            confidence=row.get("confidence", "?"),
        )
        for row in _read("laws.toml")["grouping"]
    )


def deadline_rule(*, kind: str, trigger_on: dt.date) -> DeadlineRule | None:
    """The deadline rule of a ``kind`` decision whose trigger occurred on ``trigger_on``."""
    law = law_for_date(trigger_on).code
    for rule in _deadlines():
        if rule.kind == kind and rule.law == law:
            return rule
    return None


def grouping_rule(*, kind: str, on: dt.date) -> GroupingRule:
    """How the items of ``kind`` are grouped into decisions dated ``on``."""
    law = law_for_date(on).code
    for rule in _groupings():
        if rule.kind == kind and rule.law == law:
            return rule
    raise RegistryError(f"no grouping rule for {kind} under {law}")


_TEMPLATE_KEYS = {
    "kind",
    "version",
    "title",
    "summary",
    "form_code",
    "issuing_level",
    "valid_from",
    "valid_to",
    "notes",
    "legal_bases",
    "body",
    "recipients",
    "fields",
    "doc_type",
}


@functools.cache
def template_entries() -> tuple[dict[str, Any], ...]:
    """The template entries of ``templates.toml``, checked (raises :class:`RegistryError`)."""
    entries = []
    law_codes = {law.code for law in laws()}
    seen = set()
    for row in _read("templates.toml")["template"]:
        name = f"{row.get('kind')} v{row.get('version')}"
        unknown = set(row) - _TEMPLATE_KEYS
        if unknown:
            raise RegistryError(f"{name}: unknown keys {sorted(unknown)}")
        if row["kind"] not in KIND_LABELS:
            raise RegistryError(f"{name}: unknown kind")
        if (row["kind"], row["version"]) in seen:
            raise RegistryError(f"{name}: duplicate version")
        seen.add((row["kind"], row["version"]))
        if not set(row["legal_bases"]) <= law_codes or not row["legal_bases"]:
            raise RegistryError(f"{name}: legal_bases must be keyed by {sorted(law_codes)}")
        if row["issuing_level"] not in ("head", "executor"):
            raise RegistryError(f"{name}: issuing_level must be head or executor")
        for field in row["fields"]:
            if not {"name", "label"} <= set(field):
                raise RegistryError(f"{name}: a field needs a name and a label")
        entries.append(row)
    return tuple(entries)


def registry_load(template_model: Any) -> tuple[int, int]:
    """Copy the registry's templates into ``template_model`` (the model or its historical
    version in a migration); returns (created, updated). Idempotent."""
    created = updated = 0
    for row in template_entries():
        values = {
            "title": row["title"],
            "doc_type": row.get("doc_type", "Quyết định"),
            "summary": row["summary"],
            "form_code": row.get("form_code", ""),
            "issuing_level": row["issuing_level"],
            "legal_bases": row["legal_bases"],
            "body": row["body"],
            "fields": row["fields"],
            "recipients": row["recipients"],
            "notes": row.get("notes", ""),
            "valid_from": row["valid_from"],
            "valid_to": row.get("valid_to"),
        }
        current = template_model.objects.filter(kind=row["kind"], version=row["version"]).first()
        if current is None:
            template_model.objects.create(kind=row["kind"], version=row["version"], **values)
            created += 1
            continue
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if changed:
            for name in changed:
                setattr(current, name, values[name])
            current.save(update_fields=changed)
            updated += 1
    return created, updated
