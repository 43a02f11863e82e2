"""Which part of the country a dashboard page shows, and whether the leader may see it.

Leaders only (issue 8): the ministry leader sees the nation and everything under it, a
provincial head their own province and its offices, an office head their own office and its
staff. Anything outside that answers 404 (style.md 2.7: never reveal that it exists). Offices
and staff are read through ``thads.org.selectors``, whose office scope is the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from ioc_dashboard.types import FILTER_KEYS
from thads.org.selectors import office_get_for_user
from thads.org.selectors import office_list_for_user
from thads.org.selectors import user_list_for_office
from thads.permissions import Role

__all__ = [
    "IOC_ROLES",
    "Crumb",
    "Scope",
    "home_scope_url",
    "province_short_name",
    "scope_for_nation",
    "scope_for_office",
    "scope_for_officer",
    "scope_for_province",
]

#: Who may open the operations centre at all (a wrong role gets 403 from ``staff_view``).
IOC_ROLES = (Role.MINISTRY_LEADER, Role.PROVINCIAL_HEAD, Role.OFFICE_HEAD)
#: Staff roles listed as "officers" under an office (the people tasks and figures are about).
OFFICER_ROLES = (Role.ENFORCEMENT_OFFICER, Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD)


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@dataclass(frozen=True)
class Scope:
    """One node of the drill-down: nation, a province, an office or an officer."""

    level: str  # "nation" | "province" | "office" | "officer"
    name: str
    url: str
    filters: dict[str, Any]
    crumbs: tuple[Crumb, ...]
    #: What the table under the figures breaks the scope down by (None for an officer).
    child_group_by: str | None
    province_code: int | None = None
    office: Any = None
    officer: Any = None
    #: Offices the scope covers (their ids), for task lists; None means every office.
    office_ids: tuple[int, ...] | None = field(default=None)

    def intent_filters(self) -> dict[str, Any]:
        return {key: self.filters.get(key) for key in FILTER_KEYS}

    @property
    def key(self) -> str:
        """A stable cache/test key: ``nation``, ``province:1``, ``office:T01-KV01``..."""
        if self.level == "nation":
            return "nation"
        if self.level == "province":
            return f"province:{self.province_code}"
        if self.level == "office":
            return f"office:{self.office.code}"
        return f"officer:{self.office.code}:{self.officer.username}"


def province_short_name(name: str) -> str:
    """ "Thành phố Hà Nội" -> "Hà Nội" (tiles and tables have little room)."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _nation_crumb() -> Crumb:
    return Crumb(_("Toàn quốc"), reverse("ioc_dashboard:nation"))


def _province_crumb(code: int, name: str) -> Crumb:
    return Crumb(name, reverse("ioc_dashboard:province", args=[code]))


def _office_crumb(office: Any) -> Crumb:
    return Crumb(
        office.short_name or office.name, reverse("ioc_dashboard:office", args=[office.code])
    )


def _sees_nation(actor: Any) -> bool:
    return actor.role == Role.MINISTRY_LEADER


def _sees_province(actor: Any, province_id: int | None) -> bool:
    if _sees_nation(actor):
        return True
    return (
        actor.role == Role.PROVINCIAL_HEAD
        and province_id is not None
        and actor.office.province_id == province_id
    )


def scope_for_nation(*, actor: Any) -> Scope:
    if not _sees_nation(actor):
        raise Http404
    return Scope(
        level="nation",
        name=_("Toàn quốc"),
        url=reverse("ioc_dashboard:nation"),
        filters={},
        crumbs=(_nation_crumb(),),
        child_group_by="province",
    )


def scope_for_province(*, actor: Any, code: int) -> Scope:
    """A province the actor leads (or any, for the ministry); 404 otherwise."""
    agency = (
        office_list_for_user(actor=actor).filter(province__code=code, level="provincial").first()
    )
    if agency is None or not _sees_province(actor, agency.province_id):
        raise Http404
    name = agency.province.name
    crumbs = (_nation_crumb(),) if _sees_nation(actor) else ()
    crumbs += (_province_crumb(code, name),)
    return Scope(
        level="province",
        name=name,
        url=reverse("ioc_dashboard:province", args=[code]),
        filters={"province": code},
        crumbs=crumbs,
        child_group_by="office",
        province_code=code,
    )


def scope_for_office(*, actor: Any, code: str) -> Scope:
    """An office in the actor's scope (the central department has no figures of its own)."""
    office = office_get_for_user(actor=actor, code=code)
    if office.level == "central":
        raise Http404
    crumbs: tuple[Crumb, ...] = ()
    if _sees_nation(actor):
        crumbs += (_nation_crumb(),)
    if _sees_province(actor, office.province_id):
        crumbs += (_province_crumb(office.province.code, office.province.name),)
    crumbs += (_office_crumb(office),)
    return Scope(
        level="office",
        name=office.name,
        url=reverse("ioc_dashboard:office", args=[office.code]),
        filters={"province": office.province.code, "office": office.code},
        crumbs=crumbs,
        child_group_by="officer",
        province_code=office.province.code,
        office=office,
        office_ids=(office.pk,),
    )


def scope_for_officer(*, actor: Any, code: str, username: str) -> Scope:
    """A member of staff of an office in the actor's scope; 404 for anyone else."""
    office_scope = scope_for_office(actor=actor, code=code)
    officer = (
        user_list_for_office(actor=actor, office=office_scope.office)
        .filter(username=username)
        .first()
    )
    if officer is None:
        raise Http404
    return Scope(
        level="officer",
        name=officer.get_full_name(),
        url=reverse("ioc_dashboard:officer", args=[code, officer.username]),
        filters={**office_scope.filters, "officer": officer.username},
        crumbs=(
            *office_scope.crumbs,
            Crumb(
                officer.get_full_name(),
                reverse("ioc_dashboard:officer", args=[code, officer.username]),
            ),
        ),
        child_group_by=None,
        province_code=office_scope.province_code,
        office=office_scope.office,
        officer=officer,
        office_ids=office_scope.office_ids,
    )


def home_scope_url(*, actor: Any) -> str:
    """Where a leader lands: the nation, their province, or their office."""
    if _sees_nation(actor):
        return reverse("ioc_dashboard:nation")
    if actor.role == Role.PROVINCIAL_HEAD and actor.office.province_id is not None:
        return reverse("ioc_dashboard:province", args=[actor.office.province.code])
    return reverse("ioc_dashboard:office", args=[actor.office.code])
