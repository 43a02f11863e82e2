"""Receivers of core events (``thads.documents.signals``), connected in ``apps.ready()``."""


def connect() -> None:
    """Connect this app's receivers (owned by the judgments intake work)."""
