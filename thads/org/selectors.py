"""Reads of offices and staff, and the one scoping helper every list and detail view uses.

Scope rule (design.md, issue 2): an office sees its own office's objects, a provincial head the
province's (the provincial agency and its regional offices), the ministry (and the system
administrator) everything. Per-object exceptions (delegation, entrustment to another office)
are django-guardian grants, added to the scope by :func:`scope_queryset`.
Out of scope is 404, never 403, so a page never reveals that an object exists elsewhere.
"""

from __future__ import annotations

from typing import Any
from typing import TypeVar

from django.db.models import Model
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from thads.org.models import Office
from thads.org.models import User
from thads.permissions import NATIONAL_ROLES
from thads.permissions import PROVINCIAL_ROLES

M = TypeVar("M", bound=Model)


def office_scope_for_user(*, actor: Any) -> QuerySet[Office]:
    """Offices whose objects ``actor`` may see; empty for anonymous or office-less users."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Office.objects.none()
    if actor.office_id is None or not actor.role:
        return Office.objects.none()
    if actor.role in NATIONAL_ROLES:
        return Office.objects.all()
    if actor.role in PROVINCIAL_ROLES:
        province_id = actor.office.province_id
        if province_id is None:
            return Office.objects.filter(pk=actor.office_id)
        return Office.objects.filter(province_id=province_id)
    return Office.objects.filter(pk=actor.office_id)


def actor_sees_all_offices(*, actor: Any) -> bool:
    """True for national roles: callers may then skip the office filter altogether."""
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.office_id is not None
        and actor.role in NATIONAL_ROLES
    )


def scope_queryset(
    queryset: QuerySet[M],
    *,
    actor: Any,
    office_field: str = "office",
    object_perm: str | None = None,
) -> QuerySet[M]:
    """Filter ``queryset`` to what ``actor`` may see.

    ``office_field`` is the lookup from the model to its ``Office`` (``"office"``,
    ``"case__office"``, or ``"pk"`` for the Office model itself). With ``object_perm``
    (``"app_label.codename"``), objects granted to the actor through django-guardian are added.
    The office filter is an id subquery, so the list stays one SQL query.
    """
    if actor_sees_all_offices(actor=actor):
        return queryset
    office_ids = office_scope_for_user(actor=actor).values("pk")
    condition = Q(**{f"{office_field}__in": office_ids})
    if object_perm and getattr(actor, "is_authenticated", False):
        granted = get_objects_for_user(
            actor,
            object_perm,
            klass=queryset.model,
            accept_global_perms=False,
            with_superuser=False,
        ).values("pk")
        condition |= Q(pk__in=granted)
    return queryset.filter(condition)


def get_in_scope_or_404(
    queryset: QuerySet[M],
    *,
    actor: Any,
    office_field: str = "office",
    object_perm: str | None = None,
    **lookup: Any,
) -> M:
    """Fetch one object through the actor's scope; 404 when missing or out of scope."""
    scoped = scope_queryset(
        queryset, actor=actor, office_field=office_field, object_perm=object_perm
    )
    try:
        return scoped.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def office_list_for_user(*, actor: Any) -> QuerySet[Office]:
    """Offices the actor may see, with province and parent loaded, in code order."""
    return scope_queryset(
        Office.objects.select_related("province", "parent"), actor=actor, office_field="pk"
    ).order_by("code")


def office_get_for_user(*, actor: Any, code: str) -> Office:
    """One office by its code, within the actor's scope (else 404)."""
    return get_in_scope_or_404(
        Office.objects.select_related("province", "parent"),
        actor=actor,
        office_field="pk",
        code=code,
    )


def user_list_for_office(*, actor: Any, office: Office) -> QuerySet[User]:
    """Active staff of ``office`` if the actor may see that office, by role then name."""
    if not office_scope_for_user(actor=actor).filter(pk=office.pk).exists():
        raise Http404
    return User.objects.filter(office=office, is_active=True).order_by("role", "full_name")


def staff_directory(*, roles: Any) -> list[tuple[str, str, str]]:
    """(username, full name, office code) of the active staff with one of ``roles``, in one
    query: the question assistant's list of officers it can recognise by name."""
    return list(
        User.objects.filter(is_active=True, role__in=list(roles), office__isnull=False)
        .order_by("username")
        .values_list("username", "full_name", "office__code")
    )
