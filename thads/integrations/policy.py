"""How often and how long the integration layer retries (one place for the numbers).

A temporary failure (timeout, 5xx, connection refused, garbage answer) is sent again after 1, 2,
4 and 8 minutes, :data:`MAX_ATTEMPTS` attempts in all; a system administrator may still retry
by hand afterwards. An attempt left PENDING longer than :data:`PENDING_STALE_AFTER` lost its
process and is sent again by the sweeper.
"""

from __future__ import annotations

import datetime as dt

#: Attempts in all (the first one included) before automatic retries stop.
MAX_ATTEMPTS = 5
#: Wait before the first retry; doubled after each failed attempt, capped at RETRY_CAP.
RETRY_BASE = dt.timedelta(minutes=1)
RETRY_CAP = dt.timedelta(hours=1)
#: A PENDING attempt older than this lost its process (worker killed mid-call).
PENDING_STALE_AFTER = dt.timedelta(minutes=5)


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the ``attempts``-th failed attempt: 1, 2, 4, 8 … minutes, at most one hour."""
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_CAP)
