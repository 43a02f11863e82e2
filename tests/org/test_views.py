"""Access matrix of the office directory (style.md 2.7): status and no leak of other offices."""

import pytest
from django.urls import reverse

from thads.permissions import Role

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, office):
    response = client.get(reverse("org:office-detail", args=[office.code]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "role",
    [r for r in Role if r not in {Role.MINISTRY_LEADER, Role.SYSADMIN, Role.PROVINCIAL_HEAD}],
)
def test_office_staff_see_their_office_and_not_others(
    client, make_user, role, office, sibling_office, other_office
):
    client.force_login(make_user(role, office))

    listing = client.get(reverse("org:office-list"))
    own = client.get(reverse("org:office-detail", args=[office.code]))
    forged = client.get(reverse("org:office-detail", args=[other_office.code]))
    sibling = client.get(reverse("org:office-detail", args=[sibling_office.code]))

    assert listing.status_code == 200
    assert office.code in listing.content.decode()
    assert other_office.code not in listing.content.decode()
    assert sibling_office.code not in listing.content.decode()
    assert own.status_code == 200
    assert forged.status_code == 404
    assert other_office.name not in forged.content.decode()
    assert sibling.status_code == 404


def test_provincial_head_sees_the_province_only(
    client, provincial_head, office, sibling_office, other_office
):
    client.force_login(provincial_head)

    assert client.get(reverse("org:office-detail", args=[sibling_office.code])).status_code == 200
    assert client.get(reverse("org:office-detail", args=[other_office.code])).status_code == 404


def test_ministry_sees_every_office(client, ministry_leader, office, other_office):
    client.force_login(ministry_leader)

    listing = client.get(reverse("org:office-list"))

    assert {office.code, other_office.code} <= set(
        o.code for o in listing.context["page"].object_list
    )


def test_user_without_office_is_refused_with_a_message(client, make_user):
    client.force_login(make_user(Role.ENFORCEMENT_OFFICER, None))

    response = client.get(reverse("org:office-list"))

    assert response.status_code == 403
    assert "chưa được gán đơn vị và vai trò" in response.content.decode()


def test_htmx_search_returns_only_the_table(client, ministry_leader, office, other_office):
    client.force_login(ministry_leader)

    response = client.get(
        reverse("org:office-list"),
        {"q": other_office.code},
        headers={"HX-Request": "true", "HX-Target": "office-table"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="office-table">')
    assert other_office.code in body and office.code not in body
    assert "HX-Request" in response["Vary"]
