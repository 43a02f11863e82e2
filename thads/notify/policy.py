"""The numbers of the notification outbox and of one-time codes, in one place.

Outbox: a temporary failure is sent again after 1, 2, 4 and 8 minutes, :data:`MAX_ATTEMPTS`
attempts in all; a row QUEUED or SENDING for longer than ten minutes lost its task and is picked
up by the sweeper. One-time codes: 6 digits, valid :data:`OTP_TTL`, locked after
:data:`OTP_MAX_FAILED` wrong tries, at most :data:`OTP_RATE_LIMIT` codes per recipient in
:data:`OTP_RATE_WINDOW`.
"""

from __future__ import annotations

import datetime as dt

#: Attempts in all (the first one included) before automatic retries stop.
MAX_ATTEMPTS = 5
RETRY_BASE = dt.timedelta(minutes=1)
RETRY_CAP = dt.timedelta(hours=1)
#: A SENDING claim older than this lost its worker; the sweeper sends again.
SENDING_STALE_AFTER = dt.timedelta(minutes=10)
#: A QUEUED row older than this lost its task message (broker down); the sweeper sends it.
QUEUED_STALE_AFTER = dt.timedelta(minutes=10)

OTP_TTL = dt.timedelta(minutes=10)
OTP_MAX_FAILED = 5
OTP_RATE_LIMIT = 3
OTP_RATE_WINDOW = dt.timedelta(minutes=15)


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the ``attempts``-th failed attempt: 1, 2, 4, 8 … minutes, at most one hour."""
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_CAP)
