"""Keep an understood question inside what the leader may see (issue 8: leaders by scope).

The ministry leader may ask about anything. A provincial head is asked about their province
(a question naming no place is read as "my province"); an office head about their office.
A question naming a place outside that scope gets no figure and a plain Vietnamese reason.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils.translation import gettext as _

from ioc_dashboard.assistant.entities import Catalogue
from ioc_dashboard.types import Intent
from thads.org.selectors import actor_sees_all_offices
from thads.org.selectors import office_scope_for_user


def _province_of(office_code: str | None) -> int | None:
    if not office_code or not office_code.startswith("T"):
        return None
    digits = office_code[1:].split("-", 1)[0]
    return int(digits) if digits.isdigit() else None


def clamp(intent: Intent, *, actor: Any, catalogue: Catalogue) -> tuple[Intent | None, str | None]:
    """``(intent limited to the actor's scope, None)`` or ``(None, reason)`` when out of scope."""
    if actor_sees_all_offices(actor=actor):
        return intent, None
    codes = set(office_scope_for_user(actor=actor).values_list("code", flat=True))
    if not codes:
        return None, _("Tài khoản của anh/chị không có phạm vi xem số liệu.")
    provinces = {p for p in (_province_of(c) for c in codes) if p is not None}
    filters = dict(intent.filters)
    officer_office = None
    if filters.get("officer"):
        officer_office = catalogue.officers.get(filters["officer"], (None, None))[1]
    named_offices = [o for o in (filters.get("office"), officer_office) if o]
    outside = _("Câu hỏi nằm ngoài phạm vi đơn vị anh/chị được xem.")
    if any(o not in codes for o in named_offices):
        return None, outside
    if filters.get("province") is not None and filters["province"] not in provinces:
        return None, outside
    if len(codes) > 1:  # provincial head: the province's offices
        if filters.get("province") is None and len(provinces) == 1:
            filters["province"] = next(iter(provinces))
    else:  # office head: one office
        own = next(iter(codes))
        filters["office"] = filters.get("office") or own
        filters["province"] = filters.get("province") or _province_of(own)
    group_by = intent.group_by
    if group_by == "province":
        group_by = "office"  # one province only: break it down by office instead
    return dataclasses.replace(intent, filters=filters, group_by=group_by), None
