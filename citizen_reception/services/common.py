"""Shared steps of every petition write: permission and version checks, the row lock, the event
with its public text, the audit record and the citizen's notifications (outbox, on commit).

Internal to the services package (``__all__`` is empty); other apps use the package's names.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from citizen_reception.exceptions import PetitionPermissionError
from citizen_reception.exceptions import PetitionStaleError
from citizen_reception.exceptions import PetitionStateError
from citizen_reception.models import Petition
from citizen_reception.models import PetitionEvent
from thads.audit.services import audit_log
from thads.org.selectors import office_scope_for_user

__all__: list[str] = []

logger = logging.getLogger(__name__)

#: Tracking codes: "D" + 10 characters without look-alikes (0/O, 1/I/L): 31^10 ≈ 8·10^14.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PREFIX = "D"
CODE_LENGTH = 10
DEFAULT_PUBLIC_BASE_URL = "http://localhost:8000"

#: Notification template of every public change (``templates/notify/petition_update.*.txt``).
UPDATE_TEMPLATE = "petition_update"
RECEIVED_TEMPLATE = "petition_received"
REMINDER_TEMPLATE = "petition_deadline_reminder"


def new_code() -> str:
    """A fresh unguessable tracking code (uniqueness is left to the database)."""
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    """A typed tracking code in canonical form (upper case, no spaces or dashes)."""
    return "".join((code or "").split()).replace("-", "").upper()


def tracking_url(code: str) -> str:
    """The absolute public tracking URL printed in the QR code: ``/tra-cuu/don/<code>``."""
    base = getattr(settings, "PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL
    return f"{base.rstrip('/')}/tra-cuu/don/{code}"


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and actor.pk else None


def local_today() -> dt.date:
    return timezone.localdate()


def actor_in_office_scope(*, actor: Any, office_id: int) -> bool:
    return office_scope_for_user(actor=actor).filter(pk=office_id).exists()


def require_role(*, actor: Any, roles: frozenset[str], message: str = "") -> None:
    """Raise :class:`PetitionPermissionError` unless ``actor`` is staff with one of ``roles``."""
    if user_or_none(actor) is None or getattr(actor, "role", "") not in roles:
        raise PetitionPermissionError(message or None)


def require_handler(*, actor: Any, petition: Petition, roles: frozenset[str]) -> None:
    """The actor holds one of ``roles`` and the petition's responsible office is in scope."""
    require_role(actor=actor, roles=roles)
    if not actor_in_office_scope(actor=actor, office_id=petition.office_id):
        raise PetitionPermissionError(
            _("Đơn này do đơn vị khác giải quyết; bạn chỉ được xem, không được xử lý.")
        )


def lock(petition: Petition, version: int | None) -> Petition:
    """The petition's row, locked until the transaction ends; checks the form's ``version``."""
    locked = Petition.objects.select_for_update(of=("self",)).get(pk=petition.pk)
    if version is not None and int(version) != locked.version:
        raise PetitionStaleError
    return locked


def require_open(petition: Petition) -> None:
    if not petition.is_open:
        raise PetitionStateError(
            _("Đơn đang ở trạng thái “%(state)s”, không thực hiện được thao tác này.")
            % {"state": petition.get_state_display()}
        )


def require_state(petition: Petition, *states: str) -> None:
    if petition.state not in states:
        raise PetitionStateError(
            _("Đơn đang ở trạng thái “%(state)s”, không thực hiện được thao tác này.")
            % {"state": petition.get_state_display()}
        )


def snapshot(petition: Petition) -> dict[str, Any]:
    """The fields an audit record keeps (no content, no personal data beyond the code)."""
    return {
        "code": petition.code,
        "kind": petition.kind,
        "state": petition.state,
        "office": petition.office_id,
        "received_office": petition.received_office_id,
        "assigned_to": petition.assigned_to_id,
        "complaint_level": petition.complaint_level,
        "complaint_object": petition.complaint_object,
        "case": petition.case_id,
        "judgment": petition.judgment_id,
        "version": petition.version,
    }


def save(petition: Petition, *fields: str) -> None:
    """Save ``fields`` and bump the optimistic version."""
    petition.version += 1
    petition.save(update_fields=[*fields, "version", "updated_at"])


def record(
    *,
    actor: Any,
    petition: Petition,
    action: str,
    summary: str,
    from_state: str = "",
    public_text: str = "",
    note: str = "",
    before: dict[str, Any] | None = None,
    notify: bool | None = None,
) -> PetitionEvent:
    """Append the event, write the audit record ``reception.<action>`` and, for a public step
    (``public_text``), queue the citizen's notifications in the same transaction (outbox)."""
    event = PetitionEvent.objects.create(
        petition=petition,
        action=action,
        from_state=from_state,
        to_state=petition.state,
        actor=user_or_none(actor),
        note=note,
        public_text=public_text[:300],
    )
    audit_log(
        actor=user_or_none(actor),
        action=f"reception.{action}",
        target=petition,
        office=petition.office,
        before=before,
        after=snapshot(petition),
        summary=summary,
    )
    if notify if notify is not None else bool(public_text):
        notify_citizen(petition=petition, event=event)
    return event


def notify_citizen(*, petition: Petition, event: PetitionEvent, template: str = "") -> list[Any]:
    """Queue one notification per channel the citizen gave (email, SMS). Each is an outbox
    row written in the caller's transaction and sent after commit; a channel that is down is
    retried by ``thads.notify`` (nothing lost). Idempotent per event and channel."""
    from thads.notify.exceptions import NotificationRecipientInvalidError
    from thads.notify.services import notification_queue

    context = {
        "code": petition.code,
        "kind_label": str(petition.get_kind_display()),
        "state_label": str(petition.get_state_display()),
        "public_text": event.public_text,
        "at": timezone.localtime(event.at),
        "lookup_url": tracking_url(petition.code),
        "office_name": petition.office.name,
    }
    queued = []
    for channel, recipient in (("email", petition.notify_email), ("sms", petition.notify_phone)):
        if not recipient:
            continue
        try:
            queued.append(
                notification_queue(
                    channel=channel,
                    recipient=recipient,
                    template=template or UPDATE_TEMPLATE,
                    context=context,
                    office=petition.office,
                    related=petition,
                    idempotency_key=f"petition-{petition.pk}-event-{event.pk}-{channel}",
                )
            )
        except NotificationRecipientInvalidError as exc:
            # A recipient that became invalid must not undo the officer's step; it is logged.
            logger.warning(
                "petition %s: notification not queued (%s): %s", petition.pk, channel, exc
            )
    return queued
