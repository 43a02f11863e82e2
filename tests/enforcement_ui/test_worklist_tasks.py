"""Tasks on the worklist (issue 8 item 4: a task assigned from the operations centre appears on
the officer's worklist) and closing them from there: access matrix and effects."""

import pytest
from django.urls import reverse

from enforcement.models import CaseTask
from tests.factories.enforcement import CaseTaskFactory
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def ioc_task(case, officer):
    return CaseTaskFactory(
        case=case, assignee=officer, title="Báo cáo tiến độ xác minh", source=CaseTask.Source.IOC
    )


def test_the_assignee_sees_the_task_on_the_worklist(client, officer, ioc_task):
    client.force_login(officer)

    page = client.get(reverse("enforcement:worklist")).content.decode()

    assert "Công việc được giao" in page
    assert "Báo cáo tiến độ xác minh" in page
    assert reverse("enforcement:task-done", args=[ioc_task.pk]) in page


def test_another_officer_of_the_office_does_not_see_a_task_named_for_someone_else(
    client, make_user, office, ioc_task
):
    from thads.permissions import Role

    client.force_login(make_user(Role.ENFORCEMENT_OFFICER, office))

    page = client.get(reverse("enforcement:worklist")).content.decode()

    assert "Báo cáo tiến độ xác minh" not in page


def test_the_assignee_closes_the_task(client, officer, ioc_task):
    client.force_login(officer)

    response = client.post(reverse("enforcement:task-done", args=[ioc_task.pk]))

    assert response.status_code == 303
    assert response.url == reverse("enforcement:worklist")
    ioc_task.refresh_from_db()
    assert ioc_task.status == CaseTask.Status.DONE
    assert ioc_task.done_by == officer
    assert AuditEvent.objects.filter(action="enforcement.task_done").count() == 1
    page = client.get(reverse("enforcement:worklist")).content.decode()
    assert "Công việc được giao" not in page
    assert reverse("enforcement:task-done", args=[ioc_task.pk]) not in page


def test_a_closed_task_cannot_be_closed_again(client, officer, ioc_task):
    client.force_login(officer)
    client.post(reverse("enforcement:task-done", args=[ioc_task.pk]))

    response = client.post(reverse("enforcement:task-done", args=[ioc_task.pk]))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="enforcement.task_done").count() == 1


def test_get_is_not_allowed(client, officer, ioc_task):
    client.force_login(officer)

    response = client.get(reverse("enforcement:task-done", args=[ioc_task.pk]))

    assert response.status_code == 405


@pytest.mark.parametrize(
    ("who", "expected", "done"),
    [
        ("same_office_officer", 303, True),  # the assignee
        ("same_office_clerk", 403, False),
        ("office_head", 303, True),  # leads the task's office
        ("provincial_head", 403, False),
        ("ministry_leader", 403, False),
        ("sysadmin", 403, False),
        ("sibling_office_officer", 404, False),
        ("other_officer", 404, False),
        ("other_provincial_head", 403, False),
    ],
)
def test_task_done_matrix(client, actor, ioc_task, who, expected, done):
    client.force_login(actor(who))

    response = client.post(reverse("enforcement:task-done", args=[ioc_task.pk]))

    assert response.status_code == expected
    ioc_task.refresh_from_db()
    assert (ioc_task.status == CaseTask.Status.DONE) is done
    assert AuditEvent.objects.filter(action="enforcement.task_done").count() == int(done)


def test_an_officer_not_assigned_gets_a_message_and_no_change(client, make_user, office, ioc_task):
    from thads.permissions import Role

    client.force_login(make_user(Role.ENFORCEMENT_OFFICER, office))

    response = client.post(reverse("enforcement:task-done", args=[ioc_task.pk]), follow=True)

    assert "Bạn không được đánh dấu hoàn thành công việc này." in response.content.decode()
    ioc_task.refresh_from_db()
    assert ioc_task.status == CaseTask.Status.OPEN
    assert AuditEvent.objects.filter(action="enforcement.task_done").count() == 0
