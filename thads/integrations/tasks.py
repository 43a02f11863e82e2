"""Tasks of the integration layer: the retry sweeper (beat) and one call's retry.

Conventions in ``thads/celery.py``: ids only, keyword arguments, late acknowledgement, time
limits, idempotent bodies (a call already succeeded or being sent is left alone).
"""

from __future__ import annotations

import logging

from celery import shared_task

from thads.integrations import selectors
from thads.integrations import services
from thads.integrations.exceptions import IntegrationError
from thads.integrations.models import IntegrationCall

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=120)
def integration_calls_retry_due_task() -> int:
    """Beat, every minute: queue a retry for each call whose retry time has come.

    Exponential backoff and the attempt cap live in ``services`` (1, 2, 4, 8 minutes; 5
    attempts). Returns how many retries were queued.
    """
    call_ids = selectors.integration_call_due_ids()
    for call_id in call_ids:
        integration_call_retry_task.delay(call_id=call_id)
    logger.info("integration_calls_retry_due_task: %s retr(y/ies) queued", len(call_ids))
    return len(call_ids)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def integration_call_retry_task(*, call_id: int) -> str:
    """Send one recorded call again; returns its status afterwards.

    Idempotent: a call that succeeded meanwhile, was refused, or is being sent by another
    worker is left as it is.
    """
    call = IntegrationCall.objects.filter(pk=call_id).first()
    if call is None:
        return "missing"
    try:
        call = services.integration_call_retry(call=call)
    except IntegrationError as exc:
        logger.info("integration_call_retry_task: call %s not sent again: %s", call_id, exc)
        return call.status
    logger.info("integration_call_retry_task: call %s is now %s", call_id, call.status)
    return call.status
