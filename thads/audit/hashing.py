"""Canonical form and SHA-256 hash of an audit event; JSON values made safe to store.

The hash covers every content field plus the chain, the sequence number and the previous
event's hash, so changing, removing, inserting or moving an event breaks the chain.
The serialisation is ``json.dumps`` with sorted keys, compact separators and UTF-8 text
(``ensure_ascii=False``); datetimes are UTC ISO 8601 with microseconds and a ``Z``. Anyone can
recompute it from a database dump with a few lines of code (see ``HASHED_FIELDS``).

``jsonable()`` is applied to ``before``/``after`` *before* they are stored, so that what is
hashed is exactly what the database gives back: PostgreSQL ``jsonb`` reorders keys (sorting
fixes that) and prints numbers its own way (integral floats become ints here first), and it
refuses the NUL character (removed here).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from decimal import Decimal
from pathlib import PurePath
from typing import Any

#: Hash of the (virtual) event before the first one of every chain.
GENESIS_HASH = "0" * 64
#: Version of the canonical form; bump it (and keep the old code) if the fields ever change.
HASH_VERSION = 1
#: The fields hashed, in the order the verifier reads them from the database.
HASHED_FIELDS: tuple[str, ...] = (
    "chain",
    "seq",
    "prev_hash",
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "office_id",
    "ip",
    "user_agent",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "summary",
)

_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)
_UTC = dt.UTC


def clean_text(value: Any, max_length: int | None = None) -> str:
    """Text as stored: ``str()``, no NUL characters, no lone surrogates, cut to ``max_length``."""
    text = "" if value is None else str(value)
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text[:max_length] if max_length is not None else text


def utc_iso(value: dt.datetime) -> str:
    """``2025-07-01T03:04:05.000006Z``: an aware datetime in UTC with microseconds."""
    return value.astimezone(_UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def jsonable(value: Any) -> Any:
    """A deterministic JSON-safe copy of ``value``, identical after a ``jsonb`` round trip.

    dict keys become text; tuples, lists and sets become lists (sets sorted); datetimes become
    UTC ISO text, dates and times ISO text; Decimal, UUID and paths their text; enums their
    value; model instances ``{"model": "app.model", "pk": ..., "repr": ...}``; integral floats
    ints and non-finite floats text; anything else its ``str()``.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, Mapping):
        return {clean_text(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        items = [jsonable(item) for item in value]
        return sorted(items, key=_ENCODER.encode)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.isoformat(timespec="microseconds")
        return utc_iso(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, Decimal | uuid.UUID | PurePath):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    meta = getattr(value, "_meta", None)
    if meta is not None and hasattr(value, "pk"):
        return {"model": meta.label_lower, "pk": jsonable(value.pk), "repr": clean_text(value)}
    return clean_text(value)


def canonical_bytes(row: tuple[Any, ...]) -> bytes:
    """The canonical UTF-8 serialisation of one event given as values in ``HASHED_FIELDS`` order.

    ``occurred_at`` may be an aware datetime or already the ``utc_iso`` text.
    """
    payload = dict(zip(HASHED_FIELDS, row, strict=True))
    occurred = payload["occurred_at"]
    if isinstance(occurred, dt.datetime):
        payload["occurred_at"] = utc_iso(occurred)
    payload["v"] = HASH_VERSION
    return _ENCODER.encode(payload).encode("utf-8")


def event_hash(row: tuple[Any, ...]) -> str:
    """SHA-256 (hex) of :func:`canonical_bytes`."""
    return hashlib.sha256(canonical_bytes(row)).hexdigest()
