"""Limits of the public side of citizen reception: per client address, per identity number,
per one-time-code recipient, and on tracking-code guesses.

Counted with the core's fixed-window limiter in the Django cache (Redis in production;
``thads.documents.verification.ratelimit``). IPv6 clients count per /64. When the cache is down
the limiter lets requests through (the one-time code and the 50-bit tracking codes still hold).
Every number is a setting with a default here, read when the request comes (never at import):

=========================================  =======  ============================================
setting                                    default  what it limits
=========================================  =======  ============================================
``PETITION_TRACK_RATE_LIMIT_PER_MINUTE``   30       tracking-page lookups per address a minute
``PETITION_TRACK_MISSES_PER_HOUR``         20       unknown tracking codes per address an hour;
                                                    over it every lookup answers 429
``PETITION_OTP_PER_IP_PER_HOUR``           10       one-time codes asked per address an hour
                                                    (thads.notify adds 3 per recipient / 15 min)
``PETITION_SUBMIT_PER_IP_PER_HOUR``        10       filing attempts per address an hour
``PETITION_SUBMIT_PER_ID_PER_DAY``         5        petitions filed per identity number a day
=========================================  =======  ============================================
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from thads.documents.verification.ratelimit import client_key
from thads.documents.verification.ratelimit import rate_limit_hit

logger = logging.getLogger(__name__)

MINUTE = 60
HOUR = 3600
DAY = 86400


@dataclass(frozen=True)
class Limit:
    scope: str
    setting: str
    default: int
    window: int

    def allowed(self) -> int:
        return int(getattr(settings, self.setting, self.default))


TRACK = Limit("petition-track", "PETITION_TRACK_RATE_LIMIT_PER_MINUTE", 30, MINUTE)
TRACK_MISS = Limit("petition-track-miss", "PETITION_TRACK_MISSES_PER_HOUR", 20, HOUR)
OTP_IP = Limit("petition-otp-ip", "PETITION_OTP_PER_IP_PER_HOUR", 10, HOUR)
SUBMIT_IP = Limit("petition-submit-ip", "PETITION_SUBMIT_PER_IP_PER_HOUR", 10, HOUR)
SUBMIT_ID = Limit("petition-submit-id", "PETITION_SUBMIT_PER_ID_PER_DAY", 5, DAY)


def _hashed(value: str) -> str:
    """Identity numbers never reach the cache in clear."""
    return hashlib.sha256(f"thads.petition:{value}".encode()).hexdigest()[:32]


def hit(limit: Limit, key: str) -> int:
    """Count one event of ``key`` under ``limit``; 0, or the seconds to wait when over it."""
    wait = rate_limit_hit(scope=limit.scope, key=key, limit=limit.allowed(), window=limit.window)
    if wait:
        logger.warning("Citizen reception limit %s reached", limit.scope)
    return wait


def over(limit: Limit, key: str) -> int:
    """The seconds to wait when ``key`` is already over ``limit`` (counts nothing), else 0."""
    now = int(time.time())
    try:
        count = cache.get(f"ratelimit:{limit.scope}:{key}:{now // limit.window}") or 0
    except Exception:  # the cache is down: see the module docstring
        return 0
    if int(count) >= limit.allowed():
        return limit.window - now % limit.window
    return 0


def track_wait(request: HttpRequest) -> int:
    """Count a tracking-page lookup; the seconds to wait when the address must slow down.

    An address over its unknown-code budget is refused whatever it asks, so that a guesser
    learns nothing more for the rest of the hour.
    """
    address = client_key(request)
    return over(TRACK_MISS, address) or hit(TRACK, address)


def track_miss(request: HttpRequest) -> None:
    """Count an unknown tracking code against the address's budget."""
    hit(TRACK_MISS, client_key(request))


def otp_wait(request: HttpRequest) -> int:
    return hit(OTP_IP, client_key(request))


def submit_wait(request: HttpRequest) -> int:
    return hit(SUBMIT_IP, client_key(request))


def identity_wait(id_number: str) -> int:
    """The seconds to wait when this identity number filed its quota already (counts nothing:
    a mistyped code must not use up the citizen's quota)."""
    return over(SUBMIT_ID, _hashed(id_number.strip().upper()))


def identity_filed(id_number: str) -> None:
    """Count a petition filed under this identity number."""
    hit(SUBMIT_ID, _hashed(id_number.strip().upper()))
