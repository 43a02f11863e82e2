"""The navigation registry: roles, unresolvable URLs, order, the active item."""

import pytest
from django.contrib.auth.models import AnonymousUser

from thads import navigation
from thads.navigation import nav_items_for
from thads.navigation import nav_sections_for
from thads.navigation import register_nav_item
from thads.navigation import registered_items
from thads.permissions import Role


@pytest.fixture
def registry(monkeypatch):
    """An empty item registry for the test (the core sections stay)."""
    monkeypatch.setattr(navigation, "_ITEMS", {})
    return navigation._ITEMS


def test_core_items_and_their_roles():
    items = {item.key: item for item in registered_items()}

    assert (items["home"].url_name, items["home"].roles) == ("home", None)
    assert (items["offices"].url_name, items["offices"].roles) == ("org:office-list", None)
    assert (items["calendar"].url_name, items["calendar"].roles) == ("calendar:month", None)
    assert items["audit"].url_name == "audit:event-list"
    assert items["audit"].roles == {
        Role.MINISTRY_LEADER,
        Role.PROVINCIAL_HEAD,
        Role.OFFICE_HEAD,
        Role.SYSADMIN,
    }
    assert (items["admin"].url_name, items["admin"].roles) == ("admin:index", {Role.SYSADMIN})
    assert [str(items[k].label) for k in ("home", "offices", "audit", "calendar", "admin")] == [
        "Trang chủ",
        "Đơn vị",
        "Nhật ký hệ thống",
        "Lịch làm việc",
        "Quản trị",
    ]


def test_items_are_filtered_by_role_and_skipped_when_the_url_does_not_resolve(
    registry, officer, sysadmin
):
    register_nav_item("home", "Trang chủ", "home", order=0, section="general")
    register_nav_item("later", "Chưa có", "receipts:does-not-exist", section="work")
    register_nav_item("admin", "Quản trị", "admin:index", roles={Role.SYSADMIN}, section="admin")
    register_nav_item("health", "Sức khỏe", "healthz", order=5, section="general")

    assert [e.key for e in nav_items_for(officer)] == ["home", "health"]
    assert [(e.key, e.url) for e in nav_items_for(sysadmin)] == [
        ("home", "/"),
        ("health", "/healthz"),
        ("admin", "/admin/"),
    ]


def test_nobody_without_office_or_role_gets_a_menu(make_user, db):
    assert nav_items_for(AnonymousUser()) == []
    assert nav_items_for(make_user("", None)) == []
    assert nav_items_for(None) == []


def test_active_item_is_the_longest_matching_prefix(registry, officer):
    register_nav_item("home", "Trang chủ", "home", order=0, section="general")
    register_nav_item("offices", "Đơn vị", "org:office-list", order=10, section="general")

    def active(path):
        return [e.key for e in nav_items_for(officer, path) if e.is_active]

    assert active("/") == ["home"]
    assert active("/org/offices/") == ["offices"]
    assert active("/org/offices/T101-KV01/") == ["offices"]
    assert active("/something-else/") == []


def test_sections_group_items_in_order(registry, officer):
    register_nav_item("b", "B", "healthz", order=2, section="work")
    register_nav_item("a", "A", "home", order=1, section="general")

    grouped = nav_sections_for(nav_items_for(officer))

    assert [(s.key, [e.key for e in entries]) for s, entries in grouped] == [
        ("general", ["a"]),
        ("work", ["b"]),
    ]


def test_registering_with_an_unknown_section_or_role_fails_loudly(registry):
    with pytest.raises(ValueError, match="Unknown navigation section 'misc'"):
        register_nav_item("x", "X", "home", section="misc")
    with pytest.raises(ValueError):
        register_nav_item("x", "X", "home", roles={"chief"}, section="work")


def test_rendered_menu_marks_the_current_page(client, officer):
    client.force_login(officer)

    html = client.get("/").content.decode()

    assert '<nav id="site-nav" class="site-nav" aria-label="Điều hướng chính">' in html
    assert '<li><a href="/" aria-current="page">Trang chủ</a></li>' in html
    assert '<li><a href="/org/offices/">Đơn vị</a></li>' in html
