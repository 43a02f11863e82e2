"""Access matrix of every job URL (style.md 2.7): anonymous, office scope, roles."""

import pytest
from django.urls import reverse

from thads.documents.models import Job
from thads.permissions import Role

pytestmark = pytest.mark.django_db

TITLE = "Lập quyết định hàng loạt T101-KV01"


@pytest.fixture
def job(make_job, office, officer):
    return make_job(office=office, created_by=officer, title=TITLE, status=Job.Status.RUNNING)


def url(name, job):
    return reverse(f"documents:{name}", args=[job.pk])


@pytest.mark.parametrize("name", ["job-detail", "job-progress"])
def test_anonymous_is_sent_to_login(client, job, name):
    response = client.get(url(name, job))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url(name, job)}"


def test_anonymous_list_is_sent_to_login(client):
    response = client.get(reverse("documents:job-list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("creator", 200),
        ("same_office_clerk", 200),
        ("office_head", 200),
        ("provincial_head", 200),
        ("ministry_leader", 200),
        ("sysadmin", 200),
        ("sibling_office_officer", 404),
        ("other_officer", 404),
        ("other_provincial_head", 404),
    ],
)
@pytest.mark.parametrize("name", ["job-detail", "job-progress"])
def test_read_matrix(client, actor, job, who, expected, name):
    # The job's creator is the same-office officer of the standard matrix.
    client.force_login(actor("same_office_officer" if who == "creator" else who))

    response = client.get(url(name, job))

    assert response.status_code == expected
    if expected == 404:
        assert TITLE not in response.content.decode()


def test_creator_sees_own_job_after_moving_office(client, officer, other_office, job):
    officer.office = other_office
    officer.save(update_fields=["office"])
    client.force_login(officer)

    assert client.get(url("job-detail", job)).status_code == 200


def test_job_without_office_is_seen_by_creator_and_national_roles_only(
    client, make_job, sysadmin, ministry_leader, provincial_head
):
    job = make_job(created_by=sysadmin, title="Kiểm tra nhật ký toàn quốc")

    for user, expected in ((sysadmin, 200), (ministry_leader, 200), (provincial_head, 404)):
        client.force_login(user)
        assert client.get(url("job-detail", job)).status_code == expected, user.role


def test_list_hides_other_offices_jobs(client, other_officer, job):
    client.force_login(other_officer)

    html = client.get(reverse("documents:job-list")).content.decode()

    assert TITLE not in html


def test_other_office_cannot_cancel(client, other_officer, job):
    client.force_login(other_officer)

    response = client.post(url("job-cancel", job))

    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING


def test_provincial_head_may_cancel(client, provincial_head, job):
    client.force_login(provincial_head)

    response = client.post(url("job-cancel", job))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED


@pytest.mark.parametrize(
    ("role", "office_fixture"),
    [
        (Role.ENFORCEMENT_OFFICER, "office"),
        (Role.OFFICE_HEAD, "office"),
        (Role.PROVINCIAL_HEAD, "agency_a"),
        (Role.MINISTRY_LEADER, "central_office"),
    ],
)
def test_selftest_is_for_sysadmins_only(client, request, make_user, role, office_fixture):
    client.force_login(make_user(role, request.getfixturevalue(office_fixture)))

    response = client.post(reverse("documents:job-selftest"), {"steps": "2"})

    assert response.status_code == 403
    assert Job.objects.count() == 0


def test_user_without_office_is_refused(client, make_user):
    client.force_login(make_user("", None))

    assert client.get(reverse("documents:job-list")).status_code == 403
