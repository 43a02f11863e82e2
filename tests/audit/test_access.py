"""Who may open the audit pages, and which events each reader sees (style.md 2.7)."""

import pytest
from django.urls import reverse

from thads.audit.models import AuditEvent
from thads.audit.selectors import audit_event_list_for_user
from thads.audit.services import audit_log
from thads.permissions import Role

pytestmark = pytest.mark.django_db

MARKERS = {
    "office": "Sự-kiện-KV01",
    "sibling": "Sự-kiện-KV02",
    "agency": "Sự-kiện-T101",
    "other": "Sự-kiện-T102-KV01",
    "system": "Sự-kiện-hệ-thống",
}


@pytest.fixture
def events(office, sibling_office, agency_a, other_office):
    offices = {
        "office": office,
        "sibling": sibling_office,
        "agency": agency_a,
        "other": other_office,
        "system": None,
    }
    return {
        key: audit_log(actor=None, action="test.marker", office=offices[key], summary=marker)
        for key, marker in MARKERS.items()
    }


VISIBLE = {
    "office_head": {"office"},
    "provincial_head": {"office", "sibling", "agency"},
    "ministry_leader": {"office", "sibling", "agency", "other", "system"},
    "sysadmin": {"office", "sibling", "agency", "other", "system"},
}


@pytest.mark.parametrize("reader", sorted(VISIBLE))
def test_selector_scope(request, events, reader):
    actor = request.getfixturevalue(reader)
    seen = set(
        audit_event_list_for_user(actor=actor)
        .filter(action="test.marker")
        .values_list("pk", flat=True)
    )
    assert seen == {events[key].pk for key in VISIBLE[reader]}


@pytest.mark.parametrize("url_name", ["audit:event-list", "audit:event-detail"])
def test_anonymous_is_sent_to_login(client, events, url_name):
    args = [events["office"].pk] if url_name == "audit:event-detail" else []
    url = reverse(url_name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(
    "role",
    [Role.ENFORCEMENT_OFFICER, Role.CLERK, Role.ACCOUNTANT, Role.CASHIER, Role.COUNTER_STAFF],
)
@pytest.mark.parametrize("url_name", ["audit:event-list", "audit:event-detail"])
def test_wrong_role_is_forbidden(client, make_user, office, events, role, url_name):
    client.force_login(make_user(role, office))
    args = [events["office"].pk] if url_name == "audit:event-detail" else []
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 403
    assert MARKERS["office"] not in response.content.decode()


@pytest.mark.parametrize("reader", sorted(VISIBLE))
def test_list_page_shows_only_events_in_scope(client, request, events, reader):
    client.force_login(request.getfixturevalue(reader))
    response = client.get(reverse("audit:event-list"), {"action": "test.marker"})
    assert response.status_code == 200
    html = response.content.decode()
    for key, marker in MARKERS.items():
        assert (marker in html) == (key in VISIBLE[reader]), key


@pytest.mark.parametrize("reader", sorted(VISIBLE))
def test_detail_page_is_404_out_of_scope(client, request, events, reader):
    client.force_login(request.getfixturevalue(reader))
    for key, event in events.items():
        response = client.get(reverse("audit:event-detail", args=[event.pk]))
        expected = 200 if key in VISIBLE[reader] else 404
        assert response.status_code == expected, key
        assert (MARKERS[key] in response.content.decode()) == (expected == 200)


def test_missing_event_is_404(client, office_head, events):
    client.force_login(office_head)
    response = client.get(reverse("audit:event-detail", args=[10**9]))
    assert response.status_code == 404


@pytest.mark.parametrize("reader", ["office_head", "provincial_head", "ministry_leader", "officer"])
def test_only_sysadmin_may_start_a_verification(client, request, reader):
    client.force_login(request.getfixturevalue(reader))
    before = AuditEvent.objects.count()
    response = client.post(reverse("audit:verify-start"))
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(action="audit.verify_started").exists()


def test_verify_start_needs_post(client, sysadmin):
    client.force_login(sysadmin)
    assert client.get(reverse("audit:verify-start")).status_code == 405


def test_anonymous_cannot_start_a_verification(client, db):
    response = client.post(reverse("audit:verify-start"))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="audit.verify_started").exists()
