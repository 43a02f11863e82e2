"""Plain values the notify app hands to other apps."""

from __future__ import annotations

from enum import StrEnum


class OneTimeCodeCheck(StrEnum):
    """Outcome of checking a one-time code (``one_time_code_check``)."""

    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"
    LOCKED = "locked"
    MISSING = "missing"
