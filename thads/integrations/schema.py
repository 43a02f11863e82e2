"""A very small validator for the JSON answers of outside systems.

A schema is a dict of ``key -> spec``; a key ending in ``?`` may be missing or null. A spec is
a type (``str``, ``int``, ``bool``; ``int`` refuses booleans), a tuple of types, ``DATETIME`` or
``DATE`` (ISO 8601 strings), a nested dict schema, or ``[item_spec]`` for a list. Anything else
in the answer is ignored. An answer that does not match raises :class:`SchemaError` naming the
first offending field, and the call is recorded as INVALID_RESPONSE.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _


class SchemaError(ValueError):
    """The answer does not match the schema; ``detail`` says where (Vietnamese)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class _IsoDatetime:
    def __repr__(self) -> str:
        return "DATETIME"


class _IsoDate:
    def __repr__(self) -> str:
        return "DATE"


DATETIME = _IsoDatetime()
DATE = _IsoDate()


def parse_datetime(value: str) -> dt.datetime:
    """An aware datetime from ISO 8601 (``Z`` accepted); ``ValueError`` when naive or bad."""
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment


def validate(data: Any, schema: Any, path: str = "") -> None:
    """Raise :class:`SchemaError` unless ``data`` matches ``schema``."""
    where = path or _("gốc")
    if isinstance(schema, dict):
        if not isinstance(data, dict):
            raise SchemaError(_("“%(field)s” phải là một đối tượng JSON") % {"field": where})
        for raw_key, spec in schema.items():
            optional = raw_key.endswith("?")
            key = raw_key.rstrip("?")
            field = f"{path}.{key}" if path else key
            if key not in data or data[key] is None:
                if optional:
                    continue
                raise SchemaError(_("thiếu trường “%(field)s”") % {"field": field})
            validate(data[key], spec, field)
        return
    if isinstance(schema, list):
        if not isinstance(data, list):
            raise SchemaError(_("“%(field)s” phải là một danh sách") % {"field": where})
        for index, item in enumerate(data):
            validate(item, schema[0], f"{path}[{index}]")
        return
    if schema is DATETIME or schema is DATE:
        try:
            if not isinstance(data, str):
                raise ValueError(data)
            if schema is DATETIME:
                parse_datetime(data)
            else:
                dt.date.fromisoformat(data)
        except ValueError as exc:
            raise SchemaError(
                _("“%(field)s” không phải ngày giờ hợp lệ") % {"field": where}
            ) from exc
        return
    types = schema if isinstance(schema, tuple) else (schema,)
    if isinstance(data, bool) and bool not in types:
        raise SchemaError(_("trường “%(field)s” sai kiểu dữ liệu") % {"field": where})
    if not isinstance(data, types):
        raise SchemaError(_("trường “%(field)s” sai kiểu dữ liệu") % {"field": where})
