"""The integration call page and the manual retry: access matrix, office scope, the button."""

import pytest
from django.urls import reverse
from django.utils import timezone

from thads.audit.models import AuditEvent
from thads.integrations.models import IntegrationCall
from thads.integrations.sealing import seal
from thads.permissions import Role

pytestmark = pytest.mark.django_db

LIST_URL = reverse("integrations:call-list")
Status = IntegrationCall.Status


@pytest.fixture
def calls(make_call, office, sibling_office, other_office):
    """One call per office (object ids name them) and one system call without an office."""
    return {
        "own": make_call(office=office, object_type="tests.case", object_id="OWN-1"),
        "sibling": make_call(office=sibling_office, object_type="tests.case", object_id="SIB-2"),
        "other": make_call(office=other_office, object_type="tests.case", object_id="OTH-3"),
        "system": make_call(office=None, object_type="tests.case", object_id="SYS-4"),
    }


def retry_url(call):
    return reverse("integrations:call-retry", args=[call.pk])


def test_anonymous_is_sent_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={LIST_URL}"


@pytest.mark.parametrize("role", [Role.ENFORCEMENT_OFFICER, Role.CLERK, Role.ACCOUNTANT])
def test_staff_without_a_leading_role_get_403(client, make_user, office, calls, role):
    client.force_login(make_user(role, office))

    response = client.get(LIST_URL)

    assert response.status_code == 403
    assert "OWN-1" not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("office_head", {"OWN-1"}),
        ("provincial_head", {"OWN-1", "SIB-2"}),
        ("ministry_leader", {"OWN-1", "SIB-2", "OTH-3", "SYS-4"}),
        ("sysadmin", {"OWN-1", "SIB-2", "OTH-3", "SYS-4"}),
    ],
)
def test_each_leader_sees_the_calls_of_their_scope(client, request, calls, who, visible):
    client.force_login(request.getfixturevalue(who))

    html = client.get(LIST_URL).content.decode()

    shown = {ref for ref in ("OWN-1", "SIB-2", "OTH-3", "SYS-4") if ref in html}
    assert shown == visible


def test_the_list_filters_by_status_and_system(client, sysadmin, make_call, office):
    make_call(office=office, object_id="OK-1", object_type="tests.case")
    make_call(
        office=office,
        object_id="TO-2",
        object_type="tests.case",
        system=IntegrationCall.System.VNEID,
        operation="vneid.send_notice",
        status=Status.TIMEOUT,
    )
    client.force_login(sysadmin)

    html = client.get(LIST_URL, {"status": "timeout"}).content.decode()
    assert "TO-2" in html
    assert "OK-1" not in html
    html = client.get(LIST_URL, {"system": "bank"}).content.decode()
    assert "OK-1" in html
    assert "TO-2" not in html


def test_htmx_gets_the_table_partial(client, office_head, calls):
    client.force_login(office_head)

    response = client.get(LIST_URL, headers={"HX-Request": "true", "HX-Target": "call-table"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="call-table">')
    assert "<h1>" not in html
    assert "HX-Request" in response["Vary"]


def test_the_retry_button_is_for_system_administrators_and_temporary_failures(
    client, sysadmin, office_head, make_call, office
):
    retryable = make_call(
        office=office,
        status=Status.TIMEOUT,
        retryable=True,
        payload_sealed=seal({"payload": {}, "sensitive": []}),
        error="Hệ thống Ngân hàng không trả lời trong thời gian chờ (10 giây).",
    )
    refused = make_call(office=office, status=Status.FAILED, retryable=False)

    client.force_login(sysadmin)
    html = client.get(LIST_URL).content.decode()
    assert retry_url(retryable) in html
    assert retry_url(refused) not in html
    assert "Hệ thống Ngân hàng không trả lời trong thời gian chờ (10 giây)." in html

    client.force_login(office_head)
    assert "Thử lại" not in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize("who", ["officer", "office_head", "provincial_head", "ministry_leader"])
def test_only_system_administrators_may_retry(client, request, make_call, office, who):
    call = make_call(
        office=office,
        status=Status.FAILED,
        retryable=True,
        payload_sealed=seal({"payload": {}, "sensitive": []}),
    )
    client.force_login(request.getfixturevalue(who))

    response = client.post(retry_url(call))

    assert response.status_code == 403
    call.refresh_from_db()
    assert call.next_retry_at is None
    assert not AuditEvent.objects.filter(action="integrations.call_retry_requested").exists()


def test_retry_of_an_unknown_call_is_404(client, sysadmin):
    client.force_login(sysadmin)

    assert client.post(reverse("integrations:call-retry", args=[999_999])).status_code == 404


def test_retry_must_be_posted(client, sysadmin, make_call):
    client.force_login(sysadmin)

    assert client.get(retry_url(make_call())).status_code == 405


def test_sysadmin_retry_sends_the_call_again(
    client, sysadmin, office, integration_simulator, django_capture_on_commit_callbacks
):
    from thads.integrations import adapters
    from thads.integrations.exceptions import IntegrationCallError

    with pytest.raises(IntegrationCallError):
        adapters.population_db_lookup(
            id_number="001085012347", idempotency_key="p-503", office=office
        )
    call = IntegrationCall.objects.get()
    integration_simulator.app.configure(failures=False)
    client.force_login(sysadmin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url(call), follow=True)

    call.refresh_from_db()
    assert response.redirect_chain == [(LIST_URL, 302)]
    assert (
        f"Đã đưa lượt gọi #{call.pk} vào hàng đợi gửi lại. Kết quả sẽ cập nhật trong danh sách."
    ) in response.content.decode()
    assert (call.status, call.attempts) == (Status.SUCCEEDED, 2)
    assert AuditEvent.objects.filter(action="integrations.call_retry_requested").count() == 1


def test_sysadmin_retry_of_a_final_call_shows_why(client, sysadmin, make_call):
    call = make_call(finished_at=timezone.now())
    client.force_login(sysadmin)

    response = client.post(retry_url(call), follow=True)

    assert (
        "Chỉ gửi lại được lượt gọi lỗi tạm thời (quá thời gian, lỗi máy chủ, trả lời hỏng)."
        in response.content.decode()
    )
