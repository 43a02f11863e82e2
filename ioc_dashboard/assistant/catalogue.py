"""The offices and officers a question may name, read once through ``thads.org.selectors`` and
kept in the cache for a few minutes (the list changes rarely; a new officer is found within
:data:`TTL` seconds)."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

from django.core.cache import cache
from django.db import connection

from ioc_dashboard.assistant.entities import Catalogue
from thads.org import selectors as org_selectors
from thads.permissions import Role

TTL = 300
CACHE_KEY = "ioc:assistant:catalogue:v1"


def _cache_key() -> str:
    # one list per database: test runs and a developer's database may share a Redis
    return f"{CACHE_KEY}:{connection.settings_dict['NAME']}"


#: Roles whose holders a question may name as "the officer" of a figure.
OFFICER_ROLES = frozenset({Role.ENFORCEMENT_OFFICER, Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD})

#: Reads the whole country's list of names (not figures): the assistant needs every name to
#: understand a question; what a leader may *see* is limited afterwards by ``scope.clamp``.
_DIRECTORY_READER = SimpleNamespace(
    is_authenticated=True, is_active=True, office_id=0, role=Role.MINISTRY_LEADER
)


def _build() -> Catalogue:
    offices = list(org_selectors.office_list_for_user(actor=_DIRECTORY_READER))
    officers: dict[str, tuple[str, str]] = {}
    directory = getattr(org_selectors, "staff_directory", None)
    if directory is not None:  # one query (thads.org.selectors, when it offers it)
        for username, full_name, office_code in directory(roles=OFFICER_ROLES):
            if full_name:
                officers[username] = (full_name, office_code)
        return Catalogue(offices={o.code: o.name for o in offices}, officers=officers)
    for office in offices:  # two queries per office
        for user in org_selectors.user_list_for_office(actor=_DIRECTORY_READER, office=office):
            if user.role in OFFICER_ROLES and user.full_name:
                officers[user.username] = (user.full_name, office.code)
    return Catalogue(offices={o.code: o.name for o in offices}, officers=officers)


_LOCAL: dict[str, tuple[float, Catalogue]] = {}


def load_catalogue(*, refresh: bool = False) -> Catalogue:
    """All offices (code → name) and officers (username → full name, office code)."""
    now = time.monotonic()
    local = _LOCAL.get("catalogue")
    if local is not None and local[0] > now and not refresh:
        return local[1]
    data: Any = None if refresh else cache.get(_cache_key())
    if data is None:
        built = _build()
        data = {
            "offices": built.offices,
            "officers": {k: list(v) for k, v in built.officers.items()},
        }
        cache.set(_cache_key(), data, TTL)
    catalogue = Catalogue(
        offices=data["offices"], officers={k: (v[0], v[1]) for k, v in data["officers"].items()}
    )
    _LOCAL["catalogue"] = (now + 60, catalogue)
    return catalogue
