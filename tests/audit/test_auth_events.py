"""Logins, logouts and failed logins are audited, through the real login page and directly."""

import json

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from tests.fixtures.core import PASSWORD
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def _as_text(event) -> str:
    return json.dumps(
        [event.before, event.after, event.summary, event.object_repr], ensure_ascii=False
    )


def test_login_through_the_login_page(client, officer):
    response = client.post(
        reverse("login"),
        {"username": officer.username, "password": PASSWORD},
        HTTP_USER_AGENT="Firefox/140",
        REMOTE_ADDR="192.0.2.10",
    )

    assert response.status_code == 302
    [event] = _events("auth.login")
    assert (event.actor_id, event.actor_username, event.actor_role) == (
        officer.pk,
        officer.username,
        "enforcement_officer",
    )
    assert (event.chain, event.office_id) == ("T101-KV01", officer.office_id)
    assert (event.ip, event.user_agent) == ("192.0.2.10", "Firefox/140")
    assert len(event.request_id) == 32
    assert response["X-Request-ID"] == event.request_id
    assert event.summary == "Đăng nhập thành công."


def test_failed_login_records_the_username_never_the_password(client, officer):
    response = client.post(
        reverse("login"),
        {"username": officer.username, "password": "mat-khau-sai-123"},
        REMOTE_ADDR="192.0.2.11",
    )

    assert response.status_code == 200
    assert _events("auth.login") == []
    [event] = _events("auth.login_failed")
    assert event.actor_id is None
    assert event.after == {"username": officer.username, "account_exists": True}
    assert event.chain == "T101-KV01"  # the account's office sees attacks on its staff
    assert event.ip == "192.0.2.11"
    assert event.summary == f"Đăng nhập không thành công với tên đăng nhập “{officer.username}”."
    assert "mat-khau-sai-123" not in _as_text(event)
    assert "****" not in _as_text(event)


def test_failed_login_of_an_unknown_name_goes_to_the_system_chain(client, db):
    client.post(reverse("login"), {"username": "khong-ton-tai", "password": "x" * 12})
    [event] = _events("auth.login_failed")
    assert (event.chain, event.office_id) == ("system", None)
    assert event.after == {"username": "khong-ton-tai", "account_exists": False}


def test_logout_through_the_logout_page(client, officer):
    client.force_login(officer)
    response = client.post(reverse("logout"), REMOTE_ADDR="192.0.2.12")

    assert response.status_code == 302
    [event] = _events("auth.logout")
    assert (event.actor_id, event.chain, event.ip) == (officer.pk, "T101-KV01", "192.0.2.12")
    assert event.summary == "Đăng xuất."


def test_force_login_and_logout_are_audited(client, office_head):
    client.force_login(office_head)
    client.logout()
    assert [e.action for e in AuditEvent.objects.order_by("seq")] == ["auth.login", "auth.logout"]


def test_authenticate_called_directly_uses_the_request_address(officer):
    request = RequestFactory().post("/login/", REMOTE_ADDR="198.51.100.7")

    assert authenticate(request=request, username=officer.username, password="sai-mat-khau") is None

    [event] = _events("auth.login_failed")
    assert (event.ip, event.after["username"]) == ("198.51.100.7", officer.username)


def test_logout_of_an_anonymous_session_writes_nothing(client, db):
    client.post(reverse("logout"))
    assert _events("auth.logout") == []
