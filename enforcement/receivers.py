"""Receivers of upstream domain events (``decisions.signals.decision_signed``).

A receiver only calls this app's services (style.md 2.4) and must be idempotent: a decision
may be announced twice after a worker restart.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

#: Decision kinds that open a new case (the QĐTHA, L2008 Art 36 / L2025 Art 33).
OPENING_KINDS = frozenset({"proactive", "on_request"})


def on_decision_signed(sender: Any, *, decision_id: int, data: Any, **kwargs: Any) -> None:
    """Open the case of a signed QĐTHA, or apply a decision drafted for an existing case."""
    from enforcement.services import case_decision_record
    from enforcement.services import case_open_from_decision

    if data.case_id is None:
        if data.kind in OPENING_KINDS:
            case_open_from_decision(data=data)
        else:
            logger.info("decision %s (%s) names no case: nothing to do", decision_id, data.kind)
        return
    case_decision_record(data=data)


def on_integration_call_finished(sender: Any, *, outcome: Any, **kwargs: Any) -> None:
    """A procuracy call about one of our submissions finished (possibly retried by the
    integrations layer after our task gave up): record a success on the submission."""
    from enforcement.services import outbound_submission_call_finished

    if outcome.object_type != "enforcement.outboundsubmission" or not outcome.object_id.isdigit():
        return
    outbound_submission_call_finished(
        submission_id=int(outcome.object_id),
        call_id=outcome.call_id,
        succeeded=outcome.status == "succeeded",
    )


def connect() -> None:
    """Connect this app's receivers (called from ``apps.ready()``)."""
    from decisions.signals import decision_signed
    from thads.integrations.signals import integration_call_finished

    decision_signed.connect(
        on_decision_signed, dispatch_uid="enforcement.receivers.on_decision_signed"
    )
    integration_call_finished.connect(
        on_integration_call_finished,
        dispatch_uid="enforcement.receivers.on_integration_call_finished",
    )
