"""Make the audit event table append-only in the database itself.

PostgreSQL: a row trigger refuses UPDATE and DELETE for every role, superusers included
(only ``ALTER TABLE ... DISABLE TRIGGER``, which needs the table owner, gets past it), and a
statement trigger refuses TRUNCATE for every role but superusers. Superusers may TRUNCATE
because they can switch any trigger off anyway, and Django's test runner empties tables with
TRUNCATE; the application's role must therefore never be a superuser.

SQLite (the demo database): a trigger refuses UPDATE. DELETE is left to the model and the
QuerySet, because Django's test runner empties SQLite tables with DELETE.
"""

from django.db import migrations

TABLE = "audit_auditevent"

PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION
        'Nhật ký kiểm toán chỉ được ghi thêm: lệnh % trên bảng % bị từ chối.',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'audit events are append-only (thads.audit)';
END;
$$;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
"""

PG_BACKWARD = f"""
DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE};
DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE};
DROP FUNCTION IF EXISTS audit_event_refuse_change();
"""

SQLITE_FORWARD = f"""
CREATE TRIGGER IF NOT EXISTS audit_event_no_update
BEFORE UPDATE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, 'Nhật ký kiểm toán chỉ được ghi thêm: lệnh UPDATE trên bảng {TABLE} bị từ chối.');
END;
"""

SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS audit_event_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
