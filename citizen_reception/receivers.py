"""Receivers of upstream domain events (``decisions.signals.decision_signed``).

A receiver only calls this app's services (style.md 2.4) and is idempotent: a decision may be
announced twice after a worker restart.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_decision_signed(sender: Any, *, decision_id: int, data: Any, **kwargs: Any) -> None:
    """An on-request decision was signed: open its case (idempotent) and link the accepted
    enforcement requests of that judgment to it."""
    from citizen_reception.services import petition_link_case_from_decision

    linked = petition_link_case_from_decision(data=data)
    if linked:
        logger.info("decision %s: petitions %s linked to the opened case", decision_id, linked)


def connect() -> None:
    """Connect this app's receivers (called from ``apps.ready()``)."""
    from decisions.signals import decision_signed

    decision_signed.connect(
        on_decision_signed, dispatch_uid="citizen_reception.receivers.on_decision_signed"
    )
