"""Tasks: service attempts, verification requests, re-verification.

Thin: ids in, one service call, idempotent bodies (an attempt already answered, a request
already answered, a record already stored are left alone). Retries are not Celery ETAs: a
failed attempt keeps ``next_retry_at`` (1, 2, 4, 8 minutes) and the beat task
:func:`actions_retry_due_task` sends it again (quality.md: beat scans PostgreSQL).
"""

from __future__ import annotations

import logging

from celery import shared_task

from enforcement.services import actions as services

logger = logging.getLogger(__name__)

__all__ = [
    "actions_retry_due_task",
    "service_attempt_retry_task",
    "service_vneid_send_task",
    "verification_record_render_task",
    "verification_request_retry_task",
    "verification_request_send_task",
    "verifications_reverify_due_task",
]


def _actor(actor_id: int | None):
    if actor_id is None:
        return None
    from thads.org.models import User

    return User.objects.filter(pk=actor_id).first()


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def service_vneid_send_task(*, attempt_id: int, actor_id: int | None = None) -> str:
    """Send one queued VNeID attempt (ND152 Art 15); returns the attempt's result."""
    attempt = services.service_vneid_deliver(attempt_id=attempt_id, actor=_actor(actor_id))
    result = attempt.result if attempt is not None else "missing"
    logger.info("service_vneid_send_task: attempt %s is %s", attempt_id, result)
    return result


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def service_attempt_retry_task(*, attempt_id: int) -> str:
    """Send a failed VNeID attempt again as a new attempt (idempotent)."""
    attempt = services.service_attempt_retry(attempt_id=attempt_id)
    return attempt.result if attempt is not None else "skipped"


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def verification_request_send_task(*, request_id: int) -> str:
    """Send one verification request to its outside system (L2008 Art 44; ND152 Art 21)."""
    req = services.verification_request_send(request_id=request_id)
    return req.status if req is not None else "missing"


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def verification_request_retry_task(*, request_id: int) -> str:
    """Send a failed verification request again when its time has come (idempotent)."""
    req = services.verification_request_retry(request_id=request_id)
    return req.status if req is not None else "missing"


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def verification_record_render_task(*, verification_id: int) -> int | None:
    """Render the verification record PDF and store it as a document (pdf queue)."""
    v = services.verification_record_store(verification_id=verification_id)
    return v.record_document_id if v is not None else None


@shared_task(acks_late=True, soft_time_limit=60, time_limit=120)
def actions_retry_due_task() -> int:
    """Beat, every minute: queue the VNeID attempts and verification requests due for a retry.

    Returns how many retries were queued.
    """
    attempts, requests = services.actions_retry_due()
    for attempt_id in attempts:
        service_attempt_retry_task.delay(attempt_id=attempt_id)
    for request_id in requests:
        verification_request_retry_task.delay(request_id=request_id)
    logger.info(
        "actions_retry_due_task: %s attempt(s), %s request(s)", len(attempts), len(requests)
    )
    return len(attempts) + len(requests)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def verifications_reverify_due_task() -> int:
    """Beat, daily: schedule and open the periodic re-verifications of cases without
    conditions (T12: L2008 Art 44(2), rules ``T12_REVERIFY`` / ``T12_REVERIFY_LONG``)."""
    opened = services.verifications_schedule_due()
    logger.info("verifications_reverify_due_task: %s round(s) opened", len(opened))
    return len(opened)
