"""The outbox page: access matrix, office scope, masked recipients, filters, htmx partial."""

import pytest
from django.urls import reverse

from thads.notify.models import Channel
from thads.notify.models import Notification
from thads.permissions import Role

pytestmark = pytest.mark.django_db

URL = reverse("notify:notification-list")


def make(office, recipient, channel=Channel.SMS, **fields):
    fields.setdefault("template", "generic_status_change")
    fields.setdefault("body", "Nội dung")
    return Notification.objects.create(
        office=office,
        channel=channel,
        recipient=recipient,
        idempotency_key=f"k-{recipient}",
        **fields,
    )


@pytest.fixture
def outbox(office, sibling_office, other_office):
    return {
        "own": make(office, "0912345689"),
        "sibling": make(sibling_office, "0987654321"),
        "other": make(other_office, "0933333377"),
        "system": make(None, "hethong@example.vn", channel=Channel.EMAIL),
    }


MASKED = {
    "own": "09******89",
    "sibling": "09******21",
    "other": "09******77",
    "system": "he*****@example.vn",
}


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}"


@pytest.mark.parametrize(
    "role", [Role.ENFORCEMENT_OFFICER, Role.RECEPTION_OFFICER, Role.COUNTER_STAFF, Role.CASHIER]
)
def test_staff_without_a_leading_role_get_403(client, make_user, office, outbox, role):
    client.force_login(make_user(role, office))

    response = client.get(URL)

    assert response.status_code == 403
    assert MASKED["own"] not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("office_head", {"own"}),
        ("provincial_head", {"own", "sibling"}),
        ("ministry_leader", {"own", "sibling", "other", "system"}),
        ("sysadmin", {"own", "sibling", "other", "system"}),
    ],
)
def test_each_leader_sees_their_scope_with_recipients_masked(client, request, outbox, who, visible):
    client.force_login(request.getfixturevalue(who))

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert {name for name, masked in MASKED.items() if masked in html} == visible
    for notification in outbox.values():
        assert notification.recipient not in html


def test_the_list_filters_by_status_and_channel(client, sysadmin, office):
    make(office, "0912345611", status=Notification.Status.SENT)
    make(office, "0912345622", status=Notification.Status.FAILED, last_error="Lỗi gửi thử")
    make(office, "an@example.vn", channel=Channel.EMAIL, status=Notification.Status.FAILED)
    client.force_login(sysadmin)

    failed = client.get(URL, {"status": "failed"}).content.decode()
    failed_sms = client.get(URL, {"status": "failed", "channel": "sms"}).content.decode()

    assert ("09******11" in failed, "09******22" in failed, "an***@example.vn" in failed) == (
        False,
        True,
        True,
    )
    assert "Lỗi gửi thử" in failed
    assert ("09******22" in failed_sms, "an***@example.vn" in failed_sms) == (True, False)


def test_htmx_gets_the_table_partial(client, office_head, outbox):
    client.force_login(office_head)

    response = client.get(URL, headers={"HX-Request": "true", "HX-Target": "notification-table"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="notification-table">')
    assert MASKED["own"] in html
    assert "HX-Request" in response["Vary"]


def test_the_menu_shows_the_pages_to_leaders_only(client, office_head, officer):
    client.force_login(office_head)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{URL}"' in html
    assert f'href="{reverse("integrations:call-list")}"' in html

    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{URL}"' not in html
    assert f'href="{reverse("integrations:call-list")}"' not in html
