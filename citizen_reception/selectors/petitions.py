"""Reads of petitions with the office scope built in: a petition is seen by its responsible
office and by the office that received it (any office receives for any office), and by leaders
up the chain (provincial heads, the ministry) through ``thads.org`` scope. Out of scope is 404.

The public reads only :func:`petition_public_timeline` (no personal data)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from citizen_reception.models import Petition
from citizen_reception.models import PetitionDeadline
from citizen_reception.models import PetitionEvent
from citizen_reception.models import PetitionNote
from citizen_reception.permissions import ASSIGNEE_ROLES
from citizen_reception.permissions import VIEW_ROLES
from citizen_reception.types import PublicDeadline
from citizen_reception.types import PublicEvent
from citizen_reception.types import PublicTimeline
from thads.org.selectors import actor_sees_all_offices
from thads.org.selectors import office_scope_for_user

__all__ = [
    "PETITION_FILTER_KEYS",
    "petition_assignable_officers",
    "petition_deadlines",
    "petition_events",
    "petition_get_by_code_for_user",
    "petition_get_for_user",
    "petition_list_for_user",
    "petition_notes",
    "petition_public_timeline",
    "petition_scope_queryset",
    "petitions_possible_duplicates",
]

#: Keys :func:`petition_list_for_user` understands in ``filters``.
PETITION_FILTER_KEYS = ("q", "state", "kind", "channel", "scope", "assigned_to", "overdue", "open")


def petition_scope_queryset(*, user: Any) -> QuerySet[Petition]:
    """Every petition ``user`` may see (responsible OR receiving office in scope)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "role", "") not in VIEW_ROLES:
        return Petition.objects.none()
    qs = Petition.objects.all()
    if actor_sees_all_offices(actor=user):
        return qs
    ids = office_scope_for_user(actor=user).values("pk")
    return qs.filter(Q(office__in=ids) | Q(received_office__in=ids))


def petition_list_for_user(
    *, user: Any, filters: dict[str, Any] | None = None
) -> QuerySet[Petition]:
    """The petitions ``user`` sees, filtered, newest first, with what a list row shows loaded
    and ``overdue`` (bool) and ``next_due_on`` annotated. ``filters``: ``q`` (code, subject,
    petitioner's name or identity number), ``state``, ``kind``, ``channel``, ``scope``
    ("responsible": my office handles it, "received": my office received it for another),
    ``assigned_to`` (a user id, or "me"), ``overdue`` (true), ``open`` (true: not final)."""
    from django.db.models import Min

    filters = filters or {}
    today = timezone.localdate()
    open_clocks = PetitionDeadline.objects.filter(
        petition=OuterRef("pk"), met_at__isnull=True, cancelled=False
    )
    qs = (
        petition_scope_queryset(user=user)
        .select_related("office", "received_office", "assigned_to")
        .annotate(
            overdue=Exists(open_clocks.filter(due_on__lt=today)),
            next_due_on=Min(
                "deadlines__due_on",
                filter=Q(deadlines__met_at__isnull=True, deadlines__cancelled=False),
            ),
        )
    )
    q = " ".join(str(filters.get("q") or "").split())
    if q:
        qs = qs.filter(
            Q(code__iexact=q.replace("-", "").upper())
            | Q(subject__icontains=q)
            | Q(petitioner_name__icontains=q)
            | Q(petitioner_id_number=q)
        )
    for key in ("state", "kind", "channel"):
        value = filters.get(key)
        if value:
            qs = qs.filter(**{key: value})
    scope = filters.get("scope")
    if scope in ("responsible", "received") and getattr(user, "office_id", None):
        if scope == "responsible":
            qs = qs.filter(office_id=user.office_id)
        else:
            qs = qs.filter(received_office_id=user.office_id).exclude(office_id=user.office_id)
    assigned = filters.get("assigned_to")
    if assigned == "me":
        qs = qs.filter(assigned_to_id=user.pk)
    elif assigned:
        qs = qs.filter(assigned_to_id=assigned)
    if filters.get("overdue") in (True, "1", "true", "on"):
        qs = qs.filter(overdue=True)
    if filters.get("open") in (True, "1", "true", "on"):
        qs = qs.exclude(state__in=[*Petition.FINAL_STATES, Petition.State.RESOLVED])
    return qs.order_by("-received_at", "-pk")


def petition_get_for_user(*, user: Any, pk: int) -> Petition:
    """One petition in ``user``'s scope with its offices, assignee and documents; else 404."""
    try:
        return (
            petition_scope_queryset(user=user)
            .select_related(
                "office",
                "office__parent",
                "received_office",
                "assigned_to",
                "previous",
                "split_from",
                "duplicate_of",
                "acknowledgement_document",
                "resolution_document",
            )
            .get(pk=pk)
        )
    except (Petition.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def petition_get_by_code_for_user(*, user: Any, code: str) -> Petition:
    """One petition by its tracking code, in scope; else 404 (the counter's lookup)."""
    from citizen_reception.services.common import normalize_code

    petition = petition_scope_queryset(user=user).filter(code=normalize_code(code)).first()
    if petition is None:
        raise Http404
    return petition


def petition_events(*, petition: Petition) -> QuerySet[PetitionEvent]:
    """The petition's steps, oldest first, with the actor (staff page: internal notes too)."""
    return PetitionEvent.objects.filter(petition=petition).select_related("actor")


def petition_deadlines(*, petition: Petition) -> QuerySet[PetitionDeadline]:
    """The petition's clocks, by due date, with their rule (basis, [?] marks)."""
    return PetitionDeadline.objects.filter(petition=petition).select_related("rule")


def petition_notes(*, petition: Petition) -> QuerySet[PetitionNote]:
    return PetitionNote.objects.filter(petition=petition).select_related("author")


def petition_assignable_officers(*, user: Any, petition: Petition) -> QuerySet[Any]:
    """Active staff of the responsible office who may handle petitions."""
    from thads.org.models import User

    return User.objects.filter(
        office_id=petition.office_id, role__in=list(ASSIGNEE_ROLES), is_active=True
    ).order_by("full_name", "username")


def petitions_possible_duplicates(*, user: Any, petition: Petition) -> QuerySet[Petition]:
    """Earlier petitions of the same person and kind (same subject or case), in scope."""
    if not petition.petitioner_id_number:
        return Petition.objects.none()
    same = Q(subject__iexact=petition.subject)
    if petition.case_id:
        same |= Q(case_id=petition.case_id)
    return (
        petition_scope_queryset(user=user)
        .filter(same, petitioner_id_number=petition.petitioner_id_number, kind=petition.kind)
        .exclude(pk=petition.pk)
        .order_by("-received_at")[:10]
    )


def petition_public_timeline(*, code: str) -> PublicTimeline | None:
    """What the public tracking page shows for ``code``: kind, received date, state, public
    steps, the office handling it and the next open deadline; None for an unknown code (the
    caller answers the same way for every wrong code). Nothing personal. Two queries."""
    from citizen_reception.services.common import normalize_code

    key = normalize_code(code)
    if not key or len(key) > 20:
        return None
    petition = (
        Petition.objects.select_related("office")
        .only("pk", "code", "kind", "state", "received_on", "office__name")
        .filter(code=key)
        .first()
    )
    if petition is None:
        return None
    events = tuple(
        PublicEvent(at=at, text=text)
        for at, text in PetitionEvent.objects.filter(petition_id=petition.pk)
        .exclude(public_text="")
        .order_by("at", "pk")
        .values_list("at", "public_text")
    )
    nxt = None
    if petition.is_open:
        row = (
            PetitionDeadline.objects.filter(
                petition_id=petition.pk, met_at__isnull=True, cancelled=False
            )
            .order_by("due_on", "pk")
            .values_list("title", "due_on")
            .first()
        )
        if row is not None:
            nxt = PublicDeadline(title=row[0], due_on=row[1])
    return PublicTimeline(
        code=petition.code,
        kind=petition.kind,
        kind_label=str(petition.get_kind_display()),
        received_on=petition.received_on,
        state=petition.state,
        state_label=str(petition.get_state_display()),
        office_name=petition.office.name,
        events=events,
        next_deadline=nxt,
        resolved=petition.state in (Petition.State.RESOLVED, Petition.State.CLOSED),
    )
