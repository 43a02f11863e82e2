"""The scoping matrix: which offices' objects each role sees (issue 2, design.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from guardian.shortcuts import assign_perm

from thads.org import selectors
from thads.org.models import Office
from thads.org.models import User
from thads.permissions import Role

pytestmark = pytest.mark.django_db

ALL = {"CQL", "T101", "T101-KV01", "T101-KV02", "T102", "T102-KV01"}
PROVINCE_A = {"T101", "T101-KV01", "T101-KV02"}

# role -> (office the user belongs to, offices whose objects the user sees)
MATRIX = {
    Role.MINISTRY_LEADER: ("CQL", ALL),
    Role.SYSADMIN: ("CQL", ALL),
    Role.PROVINCIAL_HEAD: ("T101", PROVINCE_A),
    Role.OFFICE_HEAD: ("T101-KV01", {"T101-KV01"}),
    Role.ENFORCEMENT_OFFICER: ("T101-KV01", {"T101-KV01"}),
    Role.CLERK: ("T101-KV01", {"T101-KV01"}),
    Role.ACCOUNTANT: ("T101-KV01", {"T101-KV01"}),
    Role.CASHIER: ("T101-KV01", {"T101-KV01"}),
    Role.COUNTER_STAFF: ("T101-KV01", {"T101-KV01"}),
    Role.RECEPTION_OFFICER: ("T101-KV01", {"T101-KV01"}),
}


@pytest.fixture
def org_tree(office, sibling_office, other_office, central_office):
    return {o.code: o for o in Office.objects.all()}


def test_matrix_covers_every_role():
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_office_scope_per_role(role, org_tree, make_user):
    home, expected = MATRIX[role]
    actor = make_user(role, org_tree[home])

    visible = set(selectors.office_list_for_user(actor=actor).values_list("code", flat=True))

    assert visible == expected


@pytest.mark.parametrize("role", list(Role))
def test_scope_applies_to_objects_through_their_office(role, org_tree, make_user):
    home, expected = MATRIX[role]
    actor = make_user(role, org_tree[home])
    # one staff member in every office: the objects to be scoped
    for code, office in org_tree.items():
        make_user(Role.CLERK, office, username=f"clerk-{code}")

    visible = selectors.scope_queryset(
        User.objects.filter(username__startswith="clerk-"), actor=actor
    )

    assert {u.username.removeprefix("clerk-") for u in visible} == expected


@pytest.mark.parametrize("kind", ["anonymous", "no_office", "no_role", "inactive"], ids=str)
def test_users_without_a_valid_assignment_see_nothing(kind, org_tree, make_user):
    if kind == "anonymous":
        actor = AnonymousUser()
    elif kind == "no_office":
        actor = make_user(Role.ENFORCEMENT_OFFICER, None)
    elif kind == "no_role":
        actor = make_user("", org_tree["T101-KV01"])
    else:
        actor = make_user(Role.MINISTRY_LEADER, org_tree["CQL"], is_active=False)

    assert list(selectors.office_list_for_user(actor=actor)) == []
    assert list(selectors.scope_queryset(User.objects.all(), actor=actor)) == []


def test_guardian_grant_adds_one_object_outside_the_office(officer, other_officer, make_user):
    stranger = make_user(Role.CLERK, other_officer.office, username="stranger")
    assign_perm("org.view_user", officer, other_officer)

    visible = selectors.scope_queryset(
        User.objects.exclude(pk=officer.pk), actor=officer, object_perm="org.view_user"
    )

    assert set(visible.values_list("username", flat=True)) == {other_officer.username}
    assert stranger not in visible


def test_grant_is_ignored_without_object_perm(officer, other_officer):
    assign_perm("org.view_user", officer, other_officer)

    visible = selectors.scope_queryset(User.objects.exclude(pk=officer.pk), actor=officer)

    assert list(visible) == []


def test_get_in_scope_or_404_hides_other_offices(officer, other_office):
    with pytest.raises(Http404):
        selectors.office_get_for_user(actor=officer, code=other_office.code)
    assert selectors.office_get_for_user(actor=officer, code=officer.office.code) == officer.office


def test_scoped_list_is_a_single_query(officer, django_assert_num_queries, org_tree):
    with django_assert_num_queries(1):
        list(selectors.office_list_for_user(actor=officer))
