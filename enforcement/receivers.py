"""Receivers of upstream domain events (``decisions.signals.decision_signed``)."""


def connect() -> None:
    """Connect this app's receivers (called from ``apps.ready()``)."""
