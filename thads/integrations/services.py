"""Writes of the integration layer: send a request and record it, retry it, ask for a retry.

:func:`integration_call` is the one path every adapter takes. It records the attempt in its own
transaction (PENDING), sends outside any transaction, and records the outcome in another one,
so a domain transaction is never held open during network I/O. It must therefore be called
outside ``transaction.atomic``: the record transactions are ``durable`` and raise
``RuntimeError`` inside one. A caller that needs the answer in its own write does the call
first, then opens its transaction with the typed result (or records the failure), so a timeout
or garbage answer never leaves a half-updated case.

Retries (temporary failures: timeout, 5xx, connection refused, garbage answer): the call keeps
its payload encrypted, ``next_retry_at`` follows exponential backoff (1, 2, 4, 8 minutes) and
the beat task ``integration_calls_retry_due_task`` sends it again, at most
``policy.MAX_ATTEMPTS`` times in all. After each attempt :data:`signals.integration_call_finished`
tells the calling apps, so a retry that succeeds later reaches the case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.audit.services import audit_log
from thads.integrations import client
from thads.integrations.conf import integration_target
from thads.integrations.conf import timeouts
from thads.integrations.exceptions import IntegrationCallError
from thads.integrations.exceptions import IntegrationCallInProgressError
from thads.integrations.exceptions import IntegrationCallNotRetryableError
from thads.integrations.exceptions import IntegrationIdempotencyConflictError
from thads.integrations.exceptions import IntegrationNotConfiguredError
from thads.integrations.exceptions import IntegrationSealError
from thads.integrations.masking import mask_payload
from thads.integrations.models import IntegrationCall
from thads.integrations.operations import Operation
from thads.integrations.operations import get_operation
from thads.integrations.policy import MAX_ATTEMPTS
from thads.integrations.policy import PENDING_STALE_AFTER
from thads.integrations.policy import retry_delay
from thads.integrations.sealing import seal
from thads.integrations.sealing import unseal
from thads.integrations.selectors import call_outcome
from thads.integrations.signals import integration_call_finished

if TYPE_CHECKING:
    from django.db.models import Model

    from thads.org.models import Office

logger = logging.getLogger(__name__)

Status = IntegrationCall.Status

#: Entries kept in ``attempt_log``.
ATTEMPT_LOG_SIZE = 20
IDEMPOTENCY_KEY_MAX = IntegrationCall._meta.get_field("idempotency_key").max_length or 128


def reference(related: Model | None) -> tuple[str, str]:
    """``(object_type, object_id)`` of a model instance, as the audit trail writes them."""
    if related is None:
        return "", ""
    return related._meta.label_lower, str(related.pk)


def _request_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(client.request_body(payload)).hexdigest()


def _system_label(system: str) -> str:
    return str(IntegrationCall.System(system).label)


def _stale(call: IntegrationCall, now: dt.datetime) -> bool:
    started = call.started_at or call.created_at
    return started < now - PENDING_STALE_AFTER


def _error_for(call: IntegrationCall) -> IntegrationCallError:
    return IntegrationCallError(
        call.error
        or _("Lượt gọi hệ thống %(system)s không thành công.")
        % {"system": _system_label(call.system)},
        call_id=call.pk,
        status=call.status,
        retryable=call.retryable,
    )


def _start_attempt(call: IntegrationCall, now: dt.datetime) -> None:
    call.status = Status.PENDING
    call.attempts += 1
    call.started_at = now
    call.next_retry_at = None
    call.save(update_fields=["status", "attempts", "started_at", "next_retry_at"])


def _claim(
    *,
    operation: Operation,
    payload: dict[str, Any],
    idempotency_key: str,
    office: Office | None,
    related: Model | None,
    auto_retry: bool,
    sensitive: tuple[str, ...],
) -> tuple[IntegrationCall, bool]:
    """Record a new attempt (own transaction); ``(call, False)`` when it already succeeded."""
    now = timezone.now()
    request_hash = _request_hash(payload)
    with transaction.atomic(durable=True):
        call = (
            IntegrationCall.objects.select_for_update()
            .filter(system=operation.system, idempotency_key=idempotency_key)
            .first()
        )
        if call is None:
            object_type, object_id = reference(related)
            try:
                with transaction.atomic():
                    call = IntegrationCall.objects.create(
                        system=operation.system,
                        operation=operation.name,
                        office=office,
                        object_type=object_type,
                        object_id=object_id,
                        idempotency_key=idempotency_key,
                        request=mask_payload(payload, sensitive=sensitive),
                        request_hash=request_hash,
                        payload_sealed=seal({"payload": payload, "sensitive": list(sensitive)}),
                        auto_retry=auto_retry,
                        status=Status.PENDING,
                        attempts=1,
                        started_at=now,
                    )
                    return call, True
            except IntegrityError:
                # Another process created it between our read and our insert.
                call = IntegrationCall.objects.select_for_update().get(
                    system=operation.system, idempotency_key=idempotency_key
                )
        if call.request_hash != request_hash or call.operation != operation.name:
            raise IntegrationIdempotencyConflictError(
                _(
                    "Khóa chống trùng “%(key)s” đã được dùng cho một yêu cầu khác "
                    "tới hệ thống %(system)s."
                )
                % {"key": idempotency_key, "system": _system_label(operation.system)}
            )
        if call.status == Status.SUCCEEDED:
            return call, False
        if call.status == Status.PENDING and not _stale(call, now):
            raise IntegrationCallInProgressError(
                _("Yêu cầu này đang được gửi tới hệ thống %(system)s; vui lòng chờ kết quả.")
                % {"system": _system_label(operation.system)},
                call_id=call.pk,
                status=call.status,
                retryable=True,
            )
        if call.status != Status.PENDING and not call.retryable:
            raise _error_for(call)
        if not call.payload_sealed:
            call.payload_sealed = seal({"payload": payload, "sensitive": list(sensitive)})
            call.save(update_fields=["payload_sealed"])
        _start_attempt(call, now)
        return call, True


def _finish(
    *,
    call_id: int,
    outcome: client.AttemptOutcome,
    sensitive: tuple[str, ...],
) -> IntegrationCall:
    """Record the outcome of the attempt in progress (own transaction)."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        call = IntegrationCall.objects.select_for_update().get(pk=call_id)
        call.status = outcome.status
        call.http_status = outcome.http_status
        call.response = mask_payload(outcome.data, sensitive=sensitive)
        call.error = outcome.error
        call.retryable = outcome.retryable
        call.duration_ms = outcome.duration_ms
        call.finished_at = now
        call.attempt_log = [
            *call.attempt_log,
            {
                "attempt": call.attempts,
                "started_at": (call.started_at or now).isoformat(),
                "status": outcome.status,
                "http_status": outcome.http_status,
                "duration_ms": outcome.duration_ms,
                "error": outcome.error,
            },
        ][-ATTEMPT_LOG_SIZE:]
        if outcome.succeeded or not outcome.retryable:
            # Nothing will be sent again: the personal data kept for it goes.
            call.payload_sealed = ""
            call.next_retry_at = None
        elif call.auto_retry and call.attempts < MAX_ATTEMPTS:
            call.next_retry_at = now + retry_delay(call.attempts)
        else:
            call.next_retry_at = None
        call.save()
    _announce(call)
    return call


def _announce(call: IntegrationCall) -> None:
    results = integration_call_finished.send_robust(
        sender=IntegrationCall, outcome=call_outcome(call)
    )
    for receiver, result in results:
        if isinstance(result, Exception):
            logger.error(
                "integration_call_finished receiver %r failed for call %s",
                receiver,
                call.pk,
                exc_info=result,
            )


def _attempt(
    *,
    call: IntegrationCall,
    operation: Operation,
    payload: dict[str, Any],
    sensitive: tuple[str, ...],
) -> tuple[IntegrationCall, Any]:
    """Send the claimed attempt and record it; ``(call, typed result or None)``."""
    try:
        target = integration_target(operation.system)
    except IntegrationNotConfiguredError as exc:
        # Recorded as a failed attempt (retryable: the configuration may be fixed), re-raised.
        _finish(
            call_id=call.pk,
            outcome=client.AttemptOutcome(Status.FAILED, None, None, exc.message, True, 0),
            sensitive=sensitive,
        )
        raise
    connect_timeout, read_timeout = timeouts()
    outcome = client.send(
        target=target,
        operation=operation,
        payload=payload,
        idempotency_key=call.idempotency_key,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
    )
    result = None
    if outcome.succeeded:
        try:
            result = operation.parse(outcome.data, call.pk)
        except (ValueError, TypeError, KeyError, ArithmeticError):
            outcome = client.AttemptOutcome(
                Status.INVALID_RESPONSE,
                outcome.http_status,
                outcome.data,
                _("Hệ thống %(system)s trả về dữ liệu không hợp lệ: %(detail)s.")
                % {
                    "system": _system_label(operation.system),
                    "detail": _("giá trị không đọc được"),
                },
                True,
                outcome.duration_ms,
            )
    call = _finish(call_id=call.pk, outcome=outcome, sensitive=sensitive)
    return call, result


def integration_call(
    *,
    operation: str,
    payload: dict[str, Any],
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
    auto_retry: bool = True,
    sensitive: Iterable[str] = (),
) -> tuple[IntegrationCall, Any]:
    """Send one request to an outside system, record every attempt, return ``(call, result)``.

    ``result`` is the operation's typed answer (``thads.integrations.types``). The same
    ``idempotency_key`` for the same system is the same request: once it succeeded the recorded
    answer is returned without sending; after a temporary failure it is sent again as one more
    attempt on the same row. ``related`` (a model instance) and ``office`` say what the request
    is about and who may see it. ``auto_retry=False`` leaves retries to the caller (the
    notification outbox). ``sensitive`` strings (a one-time code) are redacted from the stored
    request and answer.

    Raises ``IntegrationNotConfiguredError`` (switched on, not configured: nothing recorded),
    ``IntegrationIdempotencyConflictError`` (key reused for another request),
    ``IntegrationCallInProgressError`` and ``IntegrationCallError`` (recorded failure, with
    ``call_id``, ``status`` and ``retryable``). Must run outside ``transaction.atomic``.
    """
    op = get_operation(operation)
    if not idempotency_key or len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
        raise ValueError(f"idempotency_key must be 1 to {IDEMPOTENCY_KEY_MAX} characters")
    secrets = tuple(s for s in sensitive if s)
    integration_target(op.system)  # fail before recording anything when not configured
    call, send = _claim(
        operation=op,
        payload=payload,
        idempotency_key=idempotency_key,
        office=office,
        related=related,
        auto_retry=auto_retry,
        sensitive=secrets,
    )
    if not send:
        return call, op.parse(call.response, call.pk)
    call, result = _attempt(call=call, operation=op, payload=payload, sensitive=secrets)
    if call.status != Status.SUCCEEDED:
        raise _error_for(call)
    return call, result


def integration_call_retry(*, call: IntegrationCall) -> IntegrationCall:
    """Send a recorded call again from its kept payload; returns the call as it now stands.

    For the retry task and the manual retry. A delivery failure is recorded, not raised (the
    call's status says it); ``IntegrationCallNotRetryableError`` when the call succeeded, was
    refused (4xx) or no longer holds its payload; ``IntegrationCallInProgressError`` when another
    process is sending it. Must run outside ``transaction.atomic``.
    """
    call.refresh_from_db()
    if call.status == Status.SUCCEEDED or not call.payload_sealed:
        raise IntegrationCallNotRetryableError
    if call.status != Status.PENDING and not call.retryable:
        raise IntegrationCallNotRetryableError
    try:
        kept = unseal(call.payload_sealed)
    except IntegrationSealError as exc:
        _drop_payload(call_id=call.pk, message=exc.message)
        raise IntegrationCallNotRetryableError(exc.message) from exc
    payload, secrets = kept["payload"], tuple(kept.get("sensitive") or ())
    op = get_operation(call.operation)
    try:
        claimed, send = _claim(
            operation=op,
            payload=payload,
            idempotency_key=call.idempotency_key,
            office=None,
            related=None,
            auto_retry=call.auto_retry,
            sensitive=secrets,
        )
    except IntegrationCallError as exc:
        if isinstance(exc, IntegrationCallInProgressError):
            raise
        raise IntegrationCallNotRetryableError(exc.message) from exc
    if send:
        claimed, _result = _attempt(call=claimed, operation=op, payload=payload, sensitive=secrets)
    return claimed


def _drop_payload(*, call_id: int, message: str) -> None:
    """Make a call final when its kept payload cannot be read any more (own transaction)."""
    with transaction.atomic(durable=True):
        IntegrationCall.objects.filter(pk=call_id).update(
            payload_sealed="", retryable=False, next_retry_at=None, error=message
        )


@transaction.atomic
def integration_call_retry_request(*, call: IntegrationCall, actor: Any) -> IntegrationCall:
    """Ask for a call to be sent again now (the "Thử lại" button); the task does the sending.

    Side effects: ``next_retry_at`` set to now, audit event ``integrations.call_retry_requested``,
    ``integration_call_retry_task`` queued after commit. Raises
    ``IntegrationCallNotRetryableError`` when the call is not a temporary failure with its
    payload kept.
    """
    from thads.integrations.tasks import integration_call_retry_task

    locked = IntegrationCall.objects.select_for_update().get(pk=call.pk)
    if not locked.can_retry:
        raise IntegrationCallNotRetryableError(
            _("Chỉ gửi lại được lượt gọi lỗi tạm thời (quá thời gian, lỗi máy chủ, trả lời hỏng).")
        )
    locked.next_retry_at = timezone.now()
    locked.save(update_fields=["next_retry_at"])
    audit_log(
        actor=actor,
        action="integrations.call_retry_requested",
        target=locked,
        office=locked.office,
        before={"status": locked.status, "attempts": locked.attempts},
        summary=_("Yêu cầu gửi lại lượt gọi %(system)s · %(operation)s")
        % {"system": locked.get_system_display(), "operation": locked.operation},
    )
    call_id = locked.pk
    transaction.on_commit(lambda: integration_call_retry_task.delay(call_id=call_id))
    return locked
