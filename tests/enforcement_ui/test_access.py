"""Access matrix of every enforcement case page (style.md 2.7): anonymous, roles, office scope,
no leak of the case's data, no side effect of a refused write."""

import pytest
from django.urls import reverse

from enforcement.models import Case
from enforcement.models import CaseEvent
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def case_audit_count():
    """Audit rows written by enforcement services (sign-ins are audited too, by the core)."""
    return AuditEvent.objects.filter(action__startswith="enforcement.").count()


CASE_URLS = ["case-detail", "case-action", "case-assign"]
LIST_URLS = ["worklist", "office-load", "case-list"]


def case_url(name, case):
    return reverse(f"enforcement:{name}", args=[case.pk])


@pytest.mark.parametrize("name", LIST_URLS)
def test_anonymous_list_pages_go_to_login(client, name):
    url = reverse(f"enforcement:{name}")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", CASE_URLS)
def test_anonymous_case_urls_go_to_login(client, case, name):
    url = case_url(name, case)

    response = client.get(url) if name == "case-detail" else client.post(url, {"version": 1})

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"
    assert case_audit_count() == 0


@pytest.mark.parametrize(
    ("who", "expected", "sees_case"),
    [
        ("same_office_officer", 200, True),
        ("same_office_clerk", 403, False),
        ("office_head", 200, False),  # the head's own worklist: the case is not theirs
        ("provincial_head", 403, False),
        ("ministry_leader", 403, False),
        ("sysadmin", 403, False),
        ("sibling_office_officer", 200, False),
        ("other_officer", 200, False),
        ("other_provincial_head", 403, False),
    ],
)
def test_worklist_matrix(client, actor, case, who, expected, sees_case):
    client.force_login(actor(who))

    response = client.get(reverse("enforcement:worklist"))

    assert response.status_code == expected
    assert (case.number in response.content.decode()) is sees_case
    assert (case.debtor_name in response.content.decode()) is sees_case


@pytest.mark.parametrize(
    ("who", "expected", "sees_case"),
    [
        ("same_office_officer", 403, False),
        ("same_office_clerk", 403, False),
        ("office_head", 200, True),
        ("provincial_head", 200, True),
        ("ministry_leader", 403, False),
        ("sysadmin", 403, False),
        ("sibling_office_officer", 403, False),
        ("other_officer", 403, False),
        ("other_provincial_head", 404, False),
    ],
)
def test_office_load_matrix(client, actor, office, unassigned_case, who, expected, sees_case):
    client.force_login(actor(who))

    response = client.get(reverse("enforcement:office-load"), {"office": office.code})

    assert response.status_code == expected
    assert (unassigned_case.number in response.content.decode()) is sees_case


@pytest.fixture
def unassigned_case(office):
    from tests.factories.enforcement import CaseFactory

    return CaseFactory(office=office, number="77/2026/KV01", debtor_name="Hoàng Văn Chưa Giao")


@pytest.mark.parametrize(
    ("who", "expected", "sees_case"),
    [
        ("same_office_officer", 403, False),
        ("same_office_clerk", 403, False),
        ("office_head", 200, True),
        ("provincial_head", 200, True),
        ("ministry_leader", 200, True),
        ("sysadmin", 403, False),
        ("sibling_office_officer", 403, False),
        ("other_officer", 403, False),
        ("other_provincial_head", 200, False),
    ],
)
def test_case_list_matrix(client, actor, case, who, expected, sees_case):
    client.force_login(actor(who))

    response = client.get(reverse("enforcement:case-list"))

    assert response.status_code == expected
    assert (case.number in response.content.decode()) is sees_case
    assert (case.debtor_name in response.content.decode()) is sees_case


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("same_office_officer", 200),
        ("same_office_clerk", 200),
        ("office_head", 200),
        ("provincial_head", 200),
        ("ministry_leader", 200),
        ("sysadmin", 403),
        ("sibling_office_officer", 404),
        ("other_officer", 404),
        ("other_provincial_head", 404),
    ],
)
def test_case_detail_matrix(client, actor, case, who, expected):
    client.force_login(actor(who))

    response = client.get(case_url("case-detail", case))

    assert response.status_code == expected
    assert (case.debtor_name in response.content.decode()) is (expected == 200)


def assert_nothing_changed(case):
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version, fresh.assigned_officer_id) == (
        case.state,
        case.version,
        case.assigned_officer_id,
    )
    assert case_audit_count() == 0
    assert CaseEvent.objects.filter(case=case).count() == 0


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("ministry_leader", 403),
        ("sysadmin", 403),
        ("sibling_office_officer", 404),
        ("other_officer", 404),
        ("other_provincial_head", 404),
    ],
)
def test_case_action_refused_without_side_effect(client, actor, case, who, expected):
    client.force_login(actor(who))

    response = client.post(
        case_url("case-action", case), {"action": "start_verification", "version": case.version}
    )

    assert response.status_code == expected
    assert case.debtor_name not in response.content.decode()
    assert_nothing_changed(case)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("same_office_officer", 403),
        ("same_office_clerk", 403),
        ("ministry_leader", 403),
        ("sysadmin", 403),
        ("sibling_office_officer", 403),
        ("other_officer", 403),
        ("other_provincial_head", 404),
    ],
)
def test_case_assign_refused_without_side_effect(client, actor, case, make_user, who, expected):
    client.force_login(actor(who))

    response = client.post(
        case_url("case-assign", case),
        {"officer": case.assigned_officer_id, "version": case.version},
    )

    assert response.status_code == expected
    assert case.debtor_name not in response.content.decode()
    assert_nothing_changed(case)


@pytest.mark.parametrize("name", ["case-action", "case-assign"])
def test_writes_refuse_get(client, office_head, case, name):
    client.force_login(office_head)

    assert client.get(case_url(name, case)).status_code == 405
    assert_nothing_changed(case)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("same_office_officer", 200),  # page reached, the service refuses the head's action
        ("same_office_clerk", 200),
        ("ministry_leader", 403),
        ("sysadmin", 403),
        ("sibling_office_officer", 404),
        ("other_officer", 404),
        ("other_provincial_head", 404),
    ],
)
@pytest.mark.parametrize("path", ["draft", "paper"])
def test_decision_paths_refused_without_side_effect(
    client, actor, case, decision_templates, who, expected, path
):
    from decisions.models import Decision

    client.force_login(actor(who))

    response = client.post(
        case_url("case-action", case),
        {
            "action": "postpone",
            "version": case.version,
            "path": path,
            "decision_number": "12/QĐ-THADS",
            "decision_date": "02/11/2026",
        },
        follow=expected == 200,
    )

    assert response.status_code == expected
    if expected == 200:
        assert [str(m) for m in response.context["messages"]] == [
            "Vai trò của bạn không được thực hiện “Hoãn thi hành án”."
        ]
    else:
        assert case.debtor_name not in response.content.decode()
    assert_nothing_changed(case)
    assert Decision.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="decisions.").count() == 0


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("ministry_leader", 200),
        ("sysadmin", 403),
        ("sibling_office_officer", 404),
        ("other_provincial_head", 404),
    ],
)
def test_entrust_office_search_matrix(client, actor, case, other_office, who, expected):
    client.force_login(actor(who))

    response = client.get(
        case_url("case-detail", case),
        {"office_q": other_office.code},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="entrust-office-select",
    )

    assert response.status_code == expected
    assert case.debtor_name not in response.content.decode()
