import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from thads.org import services
from thads.org.exceptions import UserRoleInvalidError
from thads.org.models import User
from thads.permissions import ROLE_PERMISSIONS
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def test_roles_sync_creates_one_group_per_role_with_its_permissions():
    services.roles_sync()

    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    sysadmin = Group.objects.get(name=Role.SYSADMIN)
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in sysadmin.permissions.all()}
    assert {"org.add_user", "org.change_user", "org.view_office"} <= perms
    assert perms <= ROLE_PERMISSIONS[Role.SYSADMIN]


def test_user_create_puts_the_user_in_the_role_group(sysadmin, office):
    user = services.user_create(
        actor=sysadmin,
        username="chv.moi",
        password="mat-khau-rat-dai-2026",
        full_name="Trần Thị Mới",
        office=office,
        role=Role.ENFORCEMENT_OFFICER,
    )

    assert user.check_password("mat-khau-rat-dai-2026")
    assert list(user.groups.values_list("name", flat=True)) == [Role.ENFORCEMENT_OFFICER]


def test_user_create_refuses_a_role_that_does_not_fit_the_office(sysadmin, office):
    with pytest.raises(UserRoleInvalidError) as exc:
        services.user_create(
            actor=sysadmin,
            username="lanhdao.sai",
            password=None,
            full_name="Lê Văn Sai",
            office=office,
            role=Role.MINISTRY_LEADER,
        )

    assert exc.value.message == "Vai trò không phù hợp với cấp của đơn vị."
    assert not User.objects.filter(username="lanhdao.sai").exists()


def test_user_assign_moves_user_and_group(sysadmin, officer, sibling_office):
    services.user_assign(actor=sysadmin, user=officer, office=sibling_office, role=Role.CLERK)

    officer.refresh_from_db()
    assert (officer.office, officer.role) == (sibling_office, Role.CLERK)
    assert list(officer.groups.values_list("name", flat=True)) == [Role.CLERK]


def test_deactivated_user_is_logged_out_at_next_request(client, sysadmin, officer):
    client.force_login(officer)
    services.user_deactivate(actor=sysadmin, user=officer, reason="Nghỉ hưu")

    response = client.get("/org/offices/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_user_deactivate_requires_a_reason(sysadmin, officer):
    with pytest.raises(UserRoleInvalidError) as exc:
        services.user_deactivate(actor=sysadmin, user=officer, reason="  ")

    assert exc.value.message == "Phải ghi rõ lý do khóa tài khoản."
    officer.refresh_from_db()
    assert officer.is_active


def test_user_model_validation_refuses_a_role_that_does_not_fit_the_office(office):
    """The admin's forms call full_clean(): the same rule as the services applies there."""
    from django.core.exceptions import ValidationError

    user = User(username="sai.cap", office=office, role=Role.PROVINCIAL_HEAD)

    with pytest.raises(ValidationError) as exc:
        user.full_clean(exclude=["password"])

    assert exc.value.message_dict == {"role": ["Vai trò không phù hợp với cấp của đơn vị."]}
