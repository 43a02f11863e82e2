"""The database itself refuses to change audit events (quality.md S7)."""

import pytest
from django.db import DatabaseError
from django.db import connection
from django.db import transaction

from thads.audit.models import AuditEvent
from thads.audit.services import audit_log

pytestmark = pytest.mark.django_db


def _refused(sql: str, params=None) -> str:
    with pytest.raises(DatabaseError) as exc, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params or [])
    return str(exc.value)


@pytest.fixture
def event(office, officer):
    return audit_log(actor=officer, action="test.trigger", summary="gốc")


@pytest.mark.parametrize(
    ("op", "sql"),
    [
        ("UPDATE", "UPDATE audit_auditevent SET summary = 'sửa' WHERE id = %s"),
        ("DELETE", "DELETE FROM audit_auditevent WHERE id = %s"),
    ],
)
def test_postgresql_refuses_update_and_delete(event, op, sql):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL trigger")
    message = _refused(sql, [event.pk])
    assert message.startswith(
        f"Nhật ký kiểm toán chỉ được ghi thêm: lệnh {op} trên bảng audit_auditevent bị từ chối."
    )
    assert AuditEvent.objects.get(pk=event.pk).summary == "gốc"


def test_postgresql_refuses_truncate_to_the_application_role(event):
    """TRUNCATE is refused to every role but superusers (who can disable triggers anyway)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL trigger")
    with connection.cursor() as cur:
        cur.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'thads_app_test')"
            " THEN CREATE ROLE thads_app_test NOSUPERUSER; END IF; END $$"
        )
        cur.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON audit_auditevent TO thads_app_test"
        )
        # TRUNCATE refuses while deferred FK checks of this transaction are pending.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError) as exc, transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL ROLE thads_app_test")
        cur.execute("TRUNCATE audit_auditevent CASCADE")
    assert "lệnh TRUNCATE trên bảng audit_auditevent bị từ chối" in str(exc.value)
    with pytest.raises(DatabaseError) as exc, transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL ROLE thads_app_test")
        cur.execute("UPDATE audit_auditevent SET summary = 'sửa' WHERE id = %s", [event.pk])
    assert "lệnh UPDATE trên bảng audit_auditevent bị từ chối" in str(exc.value)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_sqlite_refuses_update(event):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite trigger")
    message = _refused("UPDATE audit_auditevent SET summary = 'sửa' WHERE id = %s", [event.pk])
    assert message == (
        "Nhật ký kiểm toán chỉ được ghi thêm: lệnh UPDATE trên bảng audit_auditevent bị từ chối."
    )
    assert AuditEvent.objects.get(pk=event.pk).summary == "gốc"


def test_new_events_can_still_be_appended(event, officer):
    second = audit_log(actor=officer, action="test.trigger2")
    assert second.seq == event.seq + 1
