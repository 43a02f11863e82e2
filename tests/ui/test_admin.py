"""The Django admin is for system administrators only."""

import pytest

from thads.permissions import Role

ADMIN_ONLY = "Trang quản trị chỉ dành cho quản trị hệ thống."


def test_sysadmin_with_staff_flag_opens_the_admin(client, sysadmin):
    client.force_login(sysadmin)

    response = client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Quản trị hệ thống THADS" in html
    # The admin's own font stacks lack Vietnamese letters on Debian; ours come first.
    assert '<link rel="stylesheet" href="/static/css/admin.css">' in html


@pytest.mark.parametrize(
    ("role", "is_staff", "is_superuser"),
    [
        (Role.ENFORCEMENT_OFFICER, False, False),
        (Role.ENFORCEMENT_OFFICER, True, False),
        (Role.OFFICE_HEAD, True, True),
        (Role.MINISTRY_LEADER, True, False),
        (Role.SYSADMIN, False, False),
        ("", True, True),
    ],
)
def test_everyone_else_gets_403(client, make_user, central_office, role, is_staff, is_superuser):
    user = make_user(role, central_office, is_staff=is_staff, is_superuser=is_superuser)
    client.force_login(user)

    response = client.get("/admin/org/user/", follow=True)

    assert response.status_code == 403
    assert ADMIN_ONLY in response.content.decode()


def test_inactive_sysadmin_cannot_open_the_admin(client, sysadmin):
    client.force_login(sysadmin)
    sysadmin.is_active = False
    sysadmin.save(update_fields=["is_active"])

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/login/")


def test_signed_out_visitor_is_sent_to_the_thads_login(client, db):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1] == ("/login/?next=/admin/", 302)
    assert "<h1>Đăng nhập hệ thống</h1>" in response.content.decode()


def test_admin_login_url_sends_a_sysadmin_on(client, sysadmin):
    client.force_login(sysadmin)

    assert client.get("/admin/login/?next=/admin/org/")["Location"] == "/admin/org/"
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == "/admin/"
