"""A fixed-window request counter per client address, in the Django cache (Redis in production).

Public lookups are limited so that guessing tokens is hopeless on top of their 192 bits
(quality.md S4, ASVS 2.4.1): ``settings.VERIFY_RATE_LIMIT_PER_MINUTE`` (default 30) lookups per
client address per minute. IPv6 clients are counted per /64, the block one subscriber gets.
When the cache is down the request is let through (availability over strictness: the token
space alone keeps guessing out of reach).
"""

from __future__ import annotations

import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from thads.audit.context import request_client_ip

logger = logging.getLogger(__name__)

DEFAULT_LIMIT_PER_MINUTE = 30
WINDOW_SECONDS = 60


def client_key(request: HttpRequest) -> str:
    """The address a request is counted under: the IPv4 address or the IPv6 /64."""
    ip = request_client_ip(request)
    if not ip:
        return "unknown"
    address = ipaddress.ip_address(ip)
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return ip


def rate_limit_hit(*, scope: str, key: str, limit: int, window: int = WINDOW_SECONDS) -> int:
    """Count one request of ``key`` in ``scope``; return 0, or the seconds to wait when over."""
    now = int(time.time())
    cache_key = f"ratelimit:{scope}:{key}:{now // window}"
    try:
        if cache.add(cache_key, 1, timeout=window + 5):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:  # expired between add and incr
                cache.set(cache_key, 1, timeout=window + 5)
                count = 1
    except Exception:  # the cache backend is down; see the module docstring
        logger.warning("Rate limiter cache unavailable for %s", scope)
        return 0
    if count > limit:
        return window - now % window
    return 0


def verify_rate_limit(request: HttpRequest) -> int:
    """Count a public verification request; the seconds to wait when over the limit, else 0."""
    limit = int(getattr(settings, "VERIFY_RATE_LIMIT_PER_MINUTE", DEFAULT_LIMIT_PER_MINUTE))
    wait = rate_limit_hit(scope="verify", key=client_key(request), limit=limit)
    if wait:
        logger.warning("Verification rate limit reached for %s", client_key(request))
    return wait
