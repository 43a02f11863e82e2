"""Helpers of the set-based SQL seeders (``<app>/seeding_large.py``) that fill the ``large`` demo
size (a million cases, millions of receipts) in minutes: which offices to fill, a user per office
for the "who" columns, and blocks of ids reserved from a table's identity sequence so rows can be
inserted with ids computed in SQL."""

from __future__ import annotations

from typing import Any

from thads.org.models import Office
from thads.org.models import User
from thads.seeding import SeedContext

__all__ = ["first_user_by_office", "large_office_ids", "reserve_ids"]


def large_office_ids(ctx: SeedContext) -> list[int]:
    """Regional and provincial offices, limited to ``ctx.shared["large.provinces"]`` if set."""
    offices = Office.objects.filter(level__in=[Office.Level.REGIONAL, Office.Level.PROVINCIAL])
    provinces = ctx.shared.get("large.provinces")
    if provinces is not None:
        offices = offices.filter(province__code__in=list(provinces))
    return list(offices.order_by("code").values_list("pk", flat=True))


def first_user_by_office(office_ids: list[int], roles: list[str]) -> dict[int, int]:
    """office id -> the first active user with one of ``roles`` (in that order of preference)."""
    found: dict[int, int] = {}
    for role in roles:
        for office_id, pk in (
            User.objects.filter(office_id__in=office_ids, role=role, is_active=True)
            .order_by("office_id", "pk")
            .values_list("office_id", "pk")
        ):
            found.setdefault(office_id, pk)
    return found


def reserve_ids(cursor: Any, table: str, n: int) -> int:
    """Reserve ``n`` ids of ``table``'s identity sequence; returns the id before the first."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    (sequence,) = cursor.fetchone()
    cursor.execute(
        f"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), "  # noqa: S608
        f"(SELECT last_value FROM {sequence}))"
    )
    (base,) = cursor.fetchone()
    cursor.execute("SELECT setval(%s, %s)", [sequence, base + max(n, 1)])
    return int(base)
