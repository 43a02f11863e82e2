"""Writes to offices, staff and role groups. Each is atomic and audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _

from thads.audit.services import audit_log
from thads.org.exceptions import UserRoleInvalidError
from thads.org.models import Office
from thads.org.models import User
from thads.org.models import role_allowed_in_office
from thads.permissions import ROLE_PERMISSIONS
from thads.permissions import Role


def roles_sync(*, using: str = "default") -> None:
    """Create one Group per role and give it exactly the permissions of ROLE_PERMISSIONS.

    Runs after every ``migrate``; idempotent. Unknown codenames are ignored so that a role
    mapping may name the permissions of an app that is not migrated yet.
    """
    with transaction.atomic(using=using):
        for role in Role:
            group, _created = Group.objects.using(using).get_or_create(name=role.value)
            wanted = ROLE_PERMISSIONS.get(role.value, set())
            perms = []
            for full in sorted(wanted):
                app_label, codename = full.split(".", 1)
                perm = (
                    Permission.objects.using(using)
                    .filter(content_type__app_label=app_label, codename=codename)
                    .first()
                )
                if perm is not None:
                    perms.append(perm)
            group.permissions.set(perms)


def _user_snapshot(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "office": user.office.code if user.office_id else None,
        "role": user.role,
        "is_active": user.is_active,
    }


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    full_name: str,
    office: Office,
    role: str,
    email: str = "",
    job_title: str = "",
) -> User:
    """Create a staff account in ``office`` with ``role`` and put it in the role's group.

    Raises ``UserRoleInvalidError`` when the role does not fit the office's level.
    Writes the audit event ``user.created``.
    """
    if not role_allowed_in_office(role=role, office=office):
        raise UserRoleInvalidError
    user = User(
        username=username,
        full_name=full_name,
        office=office,
        role=role,
        email=email,
        job_title=job_title,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([Group.objects.get_or_create(name=role)[0]])
    audit_log(actor=actor, action="user.created", target=user, after=_user_snapshot(user))
    return user


@transaction.atomic
def user_assign(*, actor: User | None, user: User, office: Office, role: str) -> User:
    """Move ``user`` to ``office`` and/or ``role``; audited as ``user.assigned``."""
    if not role_allowed_in_office(role=role, office=office):
        raise UserRoleInvalidError
    before = _user_snapshot(user)
    user.office = office
    user.role = role
    user.save(update_fields=["office", "role"])
    user.groups.set([Group.objects.get_or_create(name=role)[0]])
    audit_log(
        actor=actor,
        action="user.assigned",
        target=user,
        before=before,
        after=_user_snapshot(user),
    )
    return user


@transaction.atomic
def user_deactivate(*, actor: User | None, user: User, reason: str) -> User:
    """Disable an account. Its sessions stop working at the next request (is_active check)."""
    if not reason.strip():
        raise UserRoleInvalidError(_("Phải ghi rõ lý do khóa tài khoản."))
    before = _user_snapshot(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_log(
        actor=actor,
        action="user.deactivated",
        target=user,
        before=before,
        after={**_user_snapshot(user), "reason": reason},
    )
    return user
