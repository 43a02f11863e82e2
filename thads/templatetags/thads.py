"""Template filters and tags loaded on every page: VND, Vietnamese dates, role badges.

``{{ amount|vnd }}`` -> "1.250.000 đ", ``{{ amount|vnd_words }}`` -> "Một triệu hai trăm năm mươi
nghìn đồng", ``{{ day|vn_date }}`` -> "23/11/2026",
``{{ moment|vn_datetime }}`` -> "14:05 23/11/2026", ``{{ day|vn_weekday_date }}`` ->
"Thứ Hai, 23/11/2026", ``{% role_badge user %}``. The formats do not follow the interface
language: dates and amounts are written the Vietnamese way in English too.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from thads.money import format_vnd
from thads.money import vnd_in_words
from thads.permissions import Role

register = template.Library()

WEEKDAYS = (
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ Nhật"),
)


@register.filter
def vnd(amount: Any) -> str:
    """An integer amount as "1.250.000 đ" (non-breaking space); empty for None or ""."""
    if amount is None or amount == "":
        return ""
    return format_vnd(amount)


@register.filter
def vnd_words(amount: Any) -> str:
    """An integer amount in words, "Một triệu hai trăm năm mươi nghìn đồng"; empty for None."""
    if amount is None or amount == "":
        return ""
    return vnd_in_words(amount)


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """A date (or a datetime, in local time) as "23/11/2026"; empty for None."""
    if value in (None, ""):
        return ""
    return _as_local_date(value).strftime("%d/%m/%Y")


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    """A datetime in local time as "14:05 23/11/2026"; empty for None."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%H:%M %d/%m/%Y")


@register.filter
def vn_weekday(value: dt.date | dt.datetime | None) -> str:
    """The day of the week, "Thứ Hai" … "Chủ Nhật" (translated in English)."""
    if value in (None, ""):
        return ""
    return str(WEEKDAYS[_as_local_date(value).weekday()])


@register.filter
def vn_weekday_date(value: dt.date | dt.datetime | None) -> str:
    """A date with its weekday: "Thứ Hai, 23/11/2026"."""
    if value in (None, ""):
        return ""
    return f"{vn_weekday(value)}, {vn_date(value)}"


@register.filter
def role_label(value: Any) -> str:
    """The label of a role, from a role value ("clerk") or a user; empty when none."""
    role = getattr(value, "role", value)
    if not role:
        return ""
    try:
        return str(Role(role).label)
    except ValueError:
        return str(role)


@register.simple_tag
def role_badge(value: Any) -> SafeString:
    """``<span class="badge badge-role">Chấp hành viên</span>`` for a user or a role value."""
    role = getattr(value, "role", value) or ""
    label = role_label(role)
    if not label:
        return format_html('<span class="badge badge-muted">{}</span>', _("Chưa có vai trò"))
    return format_html('<span class="badge badge-role" data-role="{}">{}</span>', role, label)


@register.filter
def page_range(page: Any) -> list[int | str]:
    """Page numbers around the current page, with ``Paginator.ELLIPSIS`` for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def timedelta_minutes(value: dt.timedelta | None) -> int | str:
    """A duration in whole minutes, rounded up (the lockout's cool-off time)."""
    if value is None:
        return ""
    return -(-int(value.total_seconds()) // 60)


@register.filter
def nfc(value: Any) -> str:
    """Compose Vietnamese letters (NFC): Django's own language names use combining accents."""
    return unicodedata.normalize("NFC", str(value))
