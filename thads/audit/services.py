"""PLACEHOLDER until the audit helper lands: the real audit_log writes a hash-chained event."""

from typing import Any


def audit_log(**kwargs: Any) -> None:
    return None
