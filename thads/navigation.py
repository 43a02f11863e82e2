"""Registry of the menu: which pages each role sees in the left navigation and on its home page.

``thads`` imports no domain app, so each app adds its own entries from ``AppConfig.ready()``::

    register_nav_item(
        "receipts", _("Biên lai"), "receipts:receipt-list",
        roles={Role.ACCOUNTANT, Role.CASHIER}, order=40, section="work",
        description=_("Lập, duyệt và tra cứu biên lai thu tiền."),
    )

An item whose URL name does not resolve (its app has no such page yet) is skipped, so an entry
may be registered before its view exists. The menu only shows the way: every view still checks
its own access policy (``thads.permissions``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thads.permissions import LEADER_ROLES
from thads.permissions import Role

Label = str | Promise


@dataclass(frozen=True)
class NavSection:
    """A group of menu items, shown under its own heading."""

    key: str
    label: Label
    order: int


@dataclass(frozen=True)
class NavItem:
    """One registered menu entry; ``roles`` None means every staff role."""

    key: str
    label: Label
    url_name: str
    roles: frozenset[str] | None
    order: int
    section: str
    description: Label = ""

    def visible_to(self, role: str) -> bool:
        return self.roles is None or role in self.roles


@dataclass(frozen=True)
class NavEntry:
    """A menu item resolved for one request: its URL and whether it is the current page."""

    key: str
    label: Label
    url: str
    section: str
    description: Label
    is_active: bool = False


_SECTIONS: dict[str, NavSection] = {}
_ITEMS: dict[str, NavItem] = {}


def register_nav_section(key: str, label: Label, order: int) -> None:
    """Register (or replace) a menu section; lower ``order`` comes first."""
    _SECTIONS[key] = NavSection(key=key, label=label, order=order)


def register_nav_item(
    key: str,
    label: Label,
    url_name: str,
    roles: Iterable[str] | None = None,
    order: int = 100,
    section: str = "work",
    *,
    description: Label = "",
) -> None:
    """Register (or replace) the menu item ``key`` pointing at the URL name ``url_name``.

    ``roles`` limits it to those roles (None: all staff); ``order`` sorts items inside their
    ``section``. Raises ``ValueError`` for an unknown section or role, so a typo fails at start-up.
    """
    if section not in _SECTIONS:
        raise ValueError(f"Unknown navigation section {section!r}; known: {sorted(_SECTIONS)}")
    role_set = None if roles is None else frozenset(Role(role).value for role in roles)
    _ITEMS[key] = NavItem(
        key=key,
        label=label,
        url_name=url_name,
        roles=role_set,
        order=order,
        section=section,
        description=description,
    )


def unregister_nav_item(key: str) -> None:
    """Remove an item (tests, or an app replacing a core entry)."""
    _ITEMS.pop(key, None)


def registered_items() -> list[NavItem]:
    """Every registered item, in menu order (section, then order, then key)."""
    return sorted(_ITEMS.values(), key=_sort_key)


def sections() -> list[NavSection]:
    """Registered sections in order."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def _sort_key(item: NavItem) -> tuple[int, int, str]:
    section = _SECTIONS.get(item.section)
    return (section.order if section else 1000, item.order, item.key)


def nav_items_for(user: Any, current_path: str = "") -> list[NavEntry]:
    """The menu of ``user``: items of their role whose URL resolves, the current one marked.

    Empty for anonymous users and accounts without an office or role. The active item is the
    one whose URL is the longest prefix of ``current_path`` (the home URL only matches itself).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    role = getattr(user, "role", "")
    if not role or getattr(user, "office_id", None) is None:
        return []
    entries: list[NavEntry] = []
    for item in registered_items():
        if not item.visible_to(role):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append(
            NavEntry(
                key=item.key,
                label=item.label,
                url=url,
                section=item.section,
                description=item.description,
            )
        )
    active = _active_key(entries, current_path)
    if active is None:
        return entries
    return [
        NavEntry(
            key=e.key,
            label=e.label,
            url=e.url,
            section=e.section,
            description=e.description,
            is_active=e.key == active,
        )
        for e in entries
    ]


def _active_key(entries: list[NavEntry], path: str) -> str | None:
    best: NavEntry | None = None
    for entry in entries:
        matches = path == entry.url if entry.url == "/" else path.startswith(entry.url)
        if matches and (best is None or len(entry.url) > len(best.url)):
            best = entry
    return best.key if best else None


def nav_sections_for(entries: list[NavEntry]) -> list[tuple[NavSection, list[NavEntry]]]:
    """Group resolved entries by section, in section order, dropping empty sections."""
    grouped: list[tuple[NavSection, list[NavEntry]]] = []
    for section in sections():
        items = [e for e in entries if e.section == section.key]
        if items:
            grouped.append((section, items))
    return grouped


# --- Core sections and items ------------------------------------------------------------------
register_nav_section("general", _("Chung"), 10)
register_nav_section("work", _("Nghiệp vụ"), 20)
register_nav_section("oversight", _("Giám sát"), 30)
register_nav_section("admin", _("Hệ thống"), 90)

register_nav_item(
    "home",
    _("Trang chủ"),
    "home",
    order=0,
    section="general",
    description=_("Tổng quan công việc trong ngày."),
)
register_nav_item(
    "offices",
    _("Đơn vị"),
    "org:office-list",
    order=10,
    section="general",
    description=_("Danh bạ các đơn vị thi hành án và cán bộ."),
)
register_nav_item(
    "calendar",
    _("Lịch làm việc"),
    "calendar:month",
    order=20,
    section="general",
    description=_("Ngày làm việc, ngày nghỉ lễ, Tết và ngày làm bù."),
)
register_nav_item(
    "audit",
    _("Nhật ký hệ thống"),
    "audit:event-list",
    roles=LEADER_ROLES | {Role.SYSADMIN},
    order=10,
    section="admin",
    description=_("Ai đã làm gì, khi nào: nhật ký không thể sửa đổi."),
)
register_nav_item(
    "admin",
    _("Quản trị"),
    "admin:index",
    roles={Role.SYSADMIN},
    order=90,
    section="admin",
    description=_("Quản lý tài khoản, đơn vị và cấu hình hệ thống."),
)
