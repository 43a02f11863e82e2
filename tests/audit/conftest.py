"""Helpers of the audit tests: a short chain, and raw tampering past the append-only guards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from thads.audit.hashing import HASHED_FIELDS
from thads.audit.hashing import event_hash
from thads.audit.models import AuditChainHead
from thads.audit.models import AuditEvent
from thads.audit.services import audit_log

TABLE = AuditEvent._meta.db_table


@contextmanager
def guards_off() -> Iterator[None]:
    """Switch the append-only triggers off, as an attacker with the table owner's rights would.

    PostgreSQL: ``ALTER TABLE ... DISABLE TRIGGER USER`` (we run as the postgres superuser).
    SQLite: drop the UPDATE trigger and put it back afterwards.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred FK checks of this transaction are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            try:
                yield
            finally:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
            try:
                yield
            finally:
                from importlib import import_module

                migration = import_module("thads.audit.migrations.0002_append_only_triggers")
                cursor.execute(migration.SQLITE_FORWARD)


def raw(sql: str, params: list | None = None) -> int:
    """Run tampering SQL with the guards off; returns the row count."""
    with guards_off(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def row_of(chain: str, seq: int) -> AuditEvent:
    return AuditEvent.objects.get(chain=chain, seq=seq)


def forge(chain: str, seq: int, prev_hash: str, **fields) -> AuditEvent:
    """Insert an event whose own hash is right (an attacker who knows the algorithm)."""
    template = AuditEvent.objects.filter(chain=chain).order_by("seq").first()
    event = AuditEvent(
        chain=chain,
        seq=seq,
        prev_hash=prev_hash,
        occurred_at=template.occurred_at,
        action=fields.pop("action", "receipt.voided"),
        summary=fields.pop("summary", "Sự kiện giả mạo"),
        office_id=template.office_id,
        **fields,
    )
    event.hash = event_hash(tuple(getattr(event, name) for name in HASHED_FIELDS))
    event.save(force_insert=True)
    return event


def head_of(chain: str) -> AuditChainHead:
    return AuditChainHead.objects.get(pk=chain)


@pytest.fixture
def chain6(office, officer) -> str:
    """Six events in office T101-KV01's chain; returns the chain key."""
    for n in range(1, 7):
        audit_log(
            actor=officer,
            action="test.step",
            office=office,
            before={"n": n - 1},
            after={"n": n},
            summary=f"Bước {n}",
        )
    return office.code
