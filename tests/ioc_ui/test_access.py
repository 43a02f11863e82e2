"""Access matrix of every page of the operations centre (style.md 2.7, issue 8): leaders only,
each within their scope. The ministry leader sees the nation, a provincial head their own
province (``T101``: 101) and its offices, an office head their own office (``T101-KV01``).
Anything else is 404 (out of scope, no leak) or 403 (not a leader)."""

import datetime as dt
import secrets

import pytest
from django.urls import reverse

from enforcement.models import CaseTask
from thads.audit.models import AuditEvent
from thads.calendar.selectors import calendar_today

pytestmark = pytest.mark.django_db

NOT_LEADERS = (
    "same_office_officer",
    "same_office_clerk",
    "sysadmin",
    "sibling_office_officer",
    "other_officer",
)

#: who -> expected status, for each page kind (T101-KV01 is the object).
NATION = {
    "ministry_leader": 200,
    "provincial_head": 404,
    "office_head": 404,
    "other_provincial_head": 404,
    **dict.fromkeys(NOT_LEADERS, 403),
}
PROVINCE_101 = {
    "ministry_leader": 200,
    "provincial_head": 200,
    "office_head": 404,
    "other_provincial_head": 404,
    **dict.fromkeys(NOT_LEADERS, 403),
}
OFFICE_T101_KV01 = {
    "ministry_leader": 200,
    "provincial_head": 200,
    "office_head": 200,
    "other_provincial_head": 404,
    **dict.fromkeys(NOT_LEADERS, 403),
}
LEADER_PAGES = {
    "ministry_leader": 200,
    "provincial_head": 200,
    "office_head": 200,
    "other_provincial_head": 200,
    **dict.fromkeys(NOT_LEADERS, 403),
}


def _urls(office, officer):
    return {
        "nation": (reverse("ioc_dashboard:nation"), NATION),
        "province": (reverse("ioc_dashboard:province", args=[101]), PROVINCE_101),
        "office": (reverse("ioc_dashboard:office", args=[office.code]), OFFICE_T101_KV01),
        "officer": (
            reverse("ioc_dashboard:officer", args=[office.code, officer.username]),
            OFFICE_T101_KV01,
        ),
        "task-create": (
            reverse("ioc_dashboard:task-create") + f"?office={office.code}",
            OFFICE_T101_KV01,
        ),
        "alert-list": (reverse("ioc_dashboard:alert-list"), LEADER_PAGES),
        "report": (reverse("ioc_dashboard:report"), LEADER_PAGES),
    }


PAGES = ("nation", "province", "office", "officer", "task-create", "alert-list", "report")


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_goes_to_login(client, office, officer, page):
    url, _expected = _urls(office, officer)[page]

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(f"{reverse('login')}?next=")


@pytest.mark.parametrize("who", sorted(NATION))
@pytest.mark.parametrize("page", PAGES)
def test_page_matrix(client, actor, office, officer, sibling_office, page, who):
    url, expected = _urls(office, officer)[page]
    client.force_login(actor(who))

    response = client.get(url)

    assert response.status_code == expected[who]
    if expected[who] == 404 and page in ("office", "officer"):
        assert office.name not in response.content.decode()
        assert officer.get_full_name() not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("ministry_leader", "/ioc/nation/"),
        ("provincial_head", "/ioc/provinces/101/"),
        ("office_head", "/ioc/offices/T101-KV01/"),
    ],
)
def test_home_sends_each_leader_to_their_scope(client, actor, office, who, expected):
    client.force_login(actor(who))

    response = client.get(reverse("ioc_dashboard:home") + "?period=month")

    assert response.status_code == 302
    assert response.url == expected + "?period=month"


@pytest.mark.parametrize("who", NOT_LEADERS)
def test_home_refuses_staff_who_do_not_lead(client, actor, office, who):
    client.force_login(actor(who))

    assert client.get(reverse("ioc_dashboard:home")).status_code == 403


def test_officer_of_another_office_is_404_under_this_office(client, actor, office, other_officer):
    """An officer exists, but not in the office of the URL: no leak across offices."""
    client.force_login(actor("ministry_leader"))
    url = reverse("ioc_dashboard:officer", args=[office.code, other_officer.username])

    response = client.get(url)

    assert response.status_code == 404


def test_central_office_has_no_dashboard(client, actor, central_office):
    client.force_login(actor("ministry_leader"))

    response = client.get(reverse("ioc_dashboard:office", args=[central_office.code]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "expected", "created"),
    [
        ("ministry_leader", 303, 1),
        ("provincial_head", 303, 1),
        ("office_head", 303, 1),
        ("other_provincial_head", 404, 0),
        ("same_office_officer", 403, 0),
        ("sysadmin", 403, 0),
    ],
)
def test_task_create_post_matrix(client, actor, office, officer, who, expected, created):
    client.force_login(actor(who))
    due = calendar_today() + dt.timedelta(days=7)

    response = client.post(
        reverse("ioc_dashboard:task-create"),
        {
            "office": office.code,
            "assignee": officer.username,
            "title": "Rà soát hồ sơ quá hạn",
            "due_on": due.strftime("%d/%m/%Y"),
            "idempotency_key": secrets.token_urlsafe(16),  # the cache outlives the test db
        },
    )

    assert response.status_code == expected
    assert CaseTask.objects.filter(source="ioc", office=office).count() == created
    assert AuditEvent.objects.filter(action="enforcement.task_created").count() == created
