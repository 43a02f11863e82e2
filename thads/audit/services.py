"""Writes of the audit trail: append one event to its office's chain; start a verification.

``audit_log`` is the only way to add an event. It runs inside the caller's transaction, so the
event is committed with the change it records or not at all.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from typing import Any

from django.db import connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.audit.context import REQUEST_ID_MAX
from thads.audit.context import USER_AGENT_MAX
from thads.audit.context import current_context
from thads.audit.context import normalize_ip
from thads.audit.hashing import GENESIS_HASH
from thads.audit.hashing import HASHED_FIELDS
from thads.audit.hashing import clean_text
from thads.audit.hashing import event_hash
from thads.audit.hashing import jsonable
from thads.audit.models import SYSTEM_CHAIN
from thads.audit.models import AuditChainHead
from thads.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.db.models import Model

    from thads.documents.models import Job
    from thads.org.models import Office

#: Kind of the background job that checks the audit chains (thads.documents jobs).
VERIFY_JOB_KIND = "audit.verify"


def _is_office(obj: Any) -> bool:
    meta = getattr(obj, "_meta", None)
    return meta is not None and meta.label_lower == "org.office"


def _resolve_office(*, actor: Any, target: Any, office: Office | None) -> Office | None:
    if office is not None:
        return office
    if target is not None:
        if getattr(target, "office_id", None) is not None:
            return target.office
        if _is_office(target) and target.pk is not None:
            return target
    if getattr(actor, "is_authenticated", False) and getattr(actor, "office_id", None):
        return actor.office
    return None


# --- the append path, in plain SQL -------------------------------------------------------------
# ``audit_log`` runs inside every audited write, and its statements run while the caller holds
# its own row locks (a receipt's series counter), so it takes the fewest round trips it can:
# one to lock the chain head, one to insert the event and move the head (PostgreSQL: one
# statement with a data-modifying CTE). The statements are built once from the models.

_HEAD = AuditChainHead._meta.db_table
_EVENT_FIELDS = tuple(f for f in AuditEvent._meta.concrete_fields if not f.primary_key)


def _sql_for_update() -> str:
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


@functools.cache
def _event_insert_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _EVENT_FIELDS)
    marks = ", ".join(["%s"] * len(_EVENT_FIELDS))
    pk = quote(AuditEvent._meta.pk.column)
    return (
        f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({columns}) "  # noqa: S608 - model names
        f"VALUES ({marks}) RETURNING {pk}"
    )


def _head_lock(cursor: Any, chain: str) -> tuple[int, str]:
    """Lock the head of ``chain`` (created first when the chain is new) and read it."""
    sql = f"SELECT last_seq, last_hash FROM {_HEAD} WHERE chain = %s{_sql_for_update()}"  # noqa: S608
    cursor.execute(sql, [chain])
    row = cursor.fetchone()
    if row is None:
        # ON CONFLICT DO NOTHING: two first events of a new office cannot both create the head;
        # the loser waits for the winner's commit and then locks the same row.
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(chain=chain, updated_at=timezone.now())], ignore_conflicts=True
        )
        cursor.execute(sql, [chain])
        row = cursor.fetchone()
    return row[0], row[1] or GENESIS_HASH


def _event_append(cursor: Any, event: AuditEvent) -> None:
    """Insert ``event`` and move its chain's head to it; sets ``event.pk``."""
    params = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _EVENT_FIELDS]
    head = [event.seq, event.hash, event.occurred_at, event.chain]
    update = f"UPDATE {_HEAD} SET last_seq = %s, last_hash = %s, updated_at = %s WHERE chain = %s"  # noqa: S608
    insert = _event_insert_sql(connection.vendor)
    if connection.vendor == "postgresql":
        cursor.execute(f"WITH moved AS ({update}) {insert}", head + params)
        event.pk = cursor.fetchone()[0]
    else:
        cursor.execute(insert, params)
        event.pk = cursor.fetchone()[0]
        cursor.execute(update, head)
    event._state.adding = False
    event._state.db = connection.alias


def audit_log(
    *,
    actor: Any,
    action: str,
    target: Model | None = None,
    office: Office | None = None,
    before: Any = None,
    after: Any = None,
    summary: str = "",
) -> AuditEvent:
    """Append one event to the audit trail and return it.

    ``actor`` is the user who acted; None (or an anonymous user) means the system. The event
    belongs to ``office``, else to the target's office (``target.office``, or the target itself
    when it is an office), else to the actor's office, else to the ``system`` chain.
    ``before``/``after`` are snapshots of the changed fields; they are made JSON-safe first
    (dates, Decimal, UUID, model instances) and must never contain secrets such as passwords.
    The request's IP, user agent and request id come from the middleware's context.
    Locks the chain head until the caller's transaction ends (ASVS 16.4.2, quality.md S7).

    Everything but the chain position is prepared before the head is locked; then two
    statements (lock and read the head; insert the event and move the head). Inside the
    caller's transaction no savepoint is made: a failed append fails the caller's transaction,
    which must not commit a change without its event anyway.
    """
    event_office = _resolve_office(actor=actor, target=target, office=office)
    chain = event_office.code if event_office is not None else SYSTEM_CHAIN
    ctx = current_context()
    known_actor = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        chain=chain,
        actor_id=known_actor.pk if known_actor is not None else None,
        actor_username=clean_text(getattr(known_actor, "username", ""), 150),
        actor_role=clean_text(getattr(known_actor, "role", ""), 32),
        office_id=event_office.pk if event_office is not None else None,
        ip=normalize_ip(ctx.ip) if ctx is not None else None,
        user_agent=clean_text(ctx.user_agent, USER_AGENT_MAX) if ctx is not None else "",
        request_id=clean_text(ctx.request_id, REQUEST_ID_MAX) if ctx is not None else "",
        action=clean_text(action, 64),
        object_type=target._meta.label_lower if target is not None else "",
        object_id=clean_text(target.pk, 64) if target is not None else "",
        object_repr=clean_text(target, 255) if target is not None else "",
        before=jsonable(before),
        after=jsonable(after),
        summary=clean_text(summary),
    )
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        last_seq, last_hash = _head_lock(cursor, chain)
        event.seq = last_seq + 1
        event.prev_hash = last_hash
        # Taken under the lock, so times never go backwards within a chain.
        event.occurred_at = timezone.now()
        event.hash = event_hash(tuple(getattr(event, name) for name in HASHED_FIELDS))
        _event_append(cursor, event)
    return event


@transaction.atomic
def audit_verify_start(*, actor: Any) -> Job:
    """Start checking every audit chain in the background and return the job to follow.

    Creates a ``thads.documents`` job, writes the audit event ``audit.verify_started`` and
    queues ``audit_verify_task`` once the transaction commits. Only system administrators
    reach it (the view's access policy).
    """
    from thads.audit.tasks import audit_verify_task
    from thads.documents.services import job_create

    job = job_create(
        actor=actor,
        kind=VERIFY_JOB_KIND,
        title=_("Kiểm tra toàn vẹn nhật ký kiểm toán"),
        office=getattr(actor, "office", None),
        total=AuditEvent.objects.count(),
    )
    audit_log(
        actor=actor,
        action="audit.verify_started",
        target=job,
        office=getattr(actor, "office", None),
        after={"job_id": job.pk},
        summary=_("Bắt đầu kiểm tra toàn vẹn nhật ký kiểm toán."),
    )
    job_id = job.pk
    transaction.on_commit(lambda: audit_verify_task.delay(job_id=job_id))
    return job
