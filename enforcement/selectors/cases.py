"""Every read of the enforcement app, scoped to the actor. Cases, state machine, deadlines,
worklists, tasks.

Scope (style.md 2.7): a case is visible to the staff of its office and their leaders up the
chain (``thads.org.selectors.scope_queryset``), and, read-only, to the office it was entrusted
to (``entrusted_to_office``: the receiving office reads the sender's full history). That
cross-office rule is a selector condition, not a django-guardian grant: one indexed condition
that follows the case itself. Out of scope is 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404

from enforcement.models import ACTIVE_DEADLINE_STATUSES
from enforcement.models import ENDED_STATES
from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import CaseTask
from enforcement.models import Deadline
from enforcement.models import LegalRule
from enforcement.models import OutboundSubmission
from enforcement.models import ResultCertificate
from thads.calendar.workdays import working_days_between
from thads.org.models import Office
from thads.org.selectors import actor_sees_all_offices
from thads.org.selectors import office_scope_for_user

__all__ = [
    "CaseRef",
    "DeadlineView",
    "OfficeOverdue",
    "case_certificates",
    "case_deadlines",
    "case_find_by_number",
    "case_get_for_user",
    "case_list_for_user",
    "case_overdue_counts_by_office",
    "case_queryset_for_user",
    "case_task_list_for_user",
    "case_timeline",
    "deadlines_due_for_reminder",
    "ended_cases_for_month",
    "entrust_office_choices",
    "legal_rule_in_force",
    "legal_rule_list",
    "outbound_submission_for_task",
]


def case_queryset_for_user(*, actor: Any, include_entrusted: bool = True) -> QuerySet[Case]:
    """Cases ``actor`` may read: office scope, plus cases entrusted to an office in scope."""
    qs = Case.objects.all()
    if actor_sees_all_offices(actor=actor):
        return qs
    offices = office_scope_for_user(actor=actor).values("pk")
    condition = Q(office__in=offices)
    if include_entrusted:
        condition |= Q(entrusted_to_office__in=offices)
    return qs.filter(condition)


def case_get_for_user(*, actor: Any, pk: int) -> Case:
    """One case with its office, officer and links loaded; 404 when out of scope."""
    case = (
        case_queryset_for_user(actor=actor)
        .select_related("office", "assigned_officer", "entrusted_from", "entrusted_to_office")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def case_list_for_user(
    *,
    actor: Any,
    state: str | None = None,
    officer_id: int | None = None,
    office_id: int | None = None,
    search: str = "",
    include_ended: bool = True,
) -> QuerySet[Case]:
    """Cases of the actor's scope (own office's only, not entrusted ones), filtered, newest
    first, with office and officer loaded (one query per page)."""
    qs = case_queryset_for_user(actor=actor, include_entrusted=False).select_related(
        "office", "assigned_officer"
    )
    if state:
        qs = qs.filter(state=state)
    if not include_ended:
        qs = qs.exclude(state__in=ENDED_STATES)
    if officer_id:
        qs = qs.filter(assigned_officer_id=officer_id)
    if office_id:
        qs = qs.filter(office_id=office_id)
    if search:
        qs = qs.filter(
            Q(number__icontains=search)
            | Q(debtor_name__icontains=search)
            | Q(creditor_name__icontains=search)
            | Q(debtor_id_number=search)
        )
    return qs.order_by("-opened_at", "-pk")


@dataclass(frozen=True)
class DeadlineView:
    """A deadline as the case page shows it: the row, working days left and the explanation."""

    deadline: Deadline
    working_days_left: int | None
    overdue: bool
    unconfirmed: bool

    @property
    def explanation(self) -> dict[str, Any]:
        return self.deadline.explanation


def case_deadlines(*, case: Case, today: dt.date | None = None) -> list[DeadlineView]:
    """Every deadline of ``case`` (running first, by due day), with the working days left
    (Civil Code Arts 147–148 on the working-day calendar) and the "chưa xác nhận" flag of
    rules marked [?] in domain.md. One query."""
    from django.utils import timezone

    today = today or timezone.localdate()
    rows = Deadline.objects.filter(case=case).select_related("rule").order_by("due_on", "pk")
    running: list[DeadlineView] = []
    closed: list[DeadlineView] = []
    for d in rows:
        active = d.status in ACTIVE_DEADLINE_STATUSES
        left = (
            working_days_between(today, d.due_on)
            if active and d.status != Deadline.Status.PAUSED
            else None
        )
        view = DeadlineView(
            deadline=d,
            working_days_left=left,
            overdue=active and d.status != Deadline.Status.PAUSED and d.due_on < today,
            unconfirmed=d.rule.confidence != LegalRule.Confidence.VERIFIED,
        )
        (running if active else closed).append(view)
    return running + closed


def case_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    """The case's timeline, oldest first, with the actor loaded. For an entrusted-in case the
    sender's events come first (the full history travels with the entrustment)."""
    ids = [case.pk]
    if case.entrusted_from_id:
        ids.append(case.entrusted_from_id)
    return CaseEvent.objects.filter(case_id__in=ids).select_related("actor").order_by("at", "pk")


def case_certificates(*, case: Case) -> QuerySet[ResultCertificate]:
    """Requests for a certificate of enforcement results on ``case``, newest first."""
    return ResultCertificate.objects.filter(case=case).select_related("deadline")


def case_task_list_for_user(*, actor: Any, open_only: bool = True) -> QuerySet[CaseTask]:
    """Tasks of the offices in the actor's scope (assignee's own first), with case loaded."""
    offices = office_scope_for_user(actor=actor).values("pk")
    qs = CaseTask.objects.filter(office__in=offices).select_related("case", "assignee")
    if open_only:
        qs = qs.filter(status=CaseTask.Status.OPEN)
    return qs.order_by("due_on", "pk")


def legal_rule_list() -> QuerySet[LegalRule]:
    """Every version of every legal rule (the rules page and the admin)."""
    return LegalRule.objects.order_by("code", "valid_from")


def legal_rule_in_force(*, code: str, on: dt.date) -> LegalRule | None:
    """The version of rule ``code`` in force on ``on`` (None when none governs that day)."""
    return LegalRule.objects.find(code, on)


def deadlines_due_for_reminder(*, on_date: dt.date, horizon: dt.date) -> QuerySet[Deadline]:
    """Running (not paused) deadlines due on or before ``horizon``, with case, officer and
    office loaded, for the daily reminder sweep."""
    return (
        Deadline.objects.filter(status__in=("open", "overdue"), due_on__lte=horizon)
        .exclude(case__state__in=ENDED_STATES)
        .select_related("case", "case__office", "case__assigned_officer")
        .order_by("due_on", "pk")
    )


def ended_cases_for_month(*, office_id: int, year: int, month: int) -> QuerySet[Case]:
    """Cases of an office that ended (or were closed) in the month: the monthly list sent to
    the procuracy (ND152 Art 32(2))."""
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return Case.objects.filter(
        office_id=office_id,
        state__in=ENDED_STATES,
        state_changed_at__date__gte=first,
        state_changed_at__date__lt=nxt,
    ).order_by("state_changed_at", "pk")


def outbound_submission_for_task(*, submission_id: int) -> OutboundSubmission | None:
    return (
        OutboundSubmission.objects.select_related("office", "case").filter(pk=submission_id).first()
    )


@dataclass(frozen=True)
class OfficeOverdue:
    office_id: int
    overdue: int
    due_soon: int


def case_overdue_counts_by_office(
    *, office_ids: list[int], on_date: dt.date, soon_until: dt.date
) -> list[OfficeOverdue]:
    """Per office: running deadlines past their last day, and those ending by ``soon_until``
    (the IOC's tiles; statutory deadlines of domain.md §2.3). One aggregate query."""
    rows = (
        Deadline.objects.filter(
            case__office_id__in=office_ids, status__in=("open", "overdue"), due_on__lte=soon_until
        )
        .values("case__office_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_on__lt=on_date)),
            due_soon=Count("pk", filter=Q(due_on__gte=on_date)),
        )
    )
    return [
        OfficeOverdue(office_id=r["case__office_id"], overdue=r["overdue"], due_soon=r["due_soon"])
        for r in rows
    ]


@dataclass(frozen=True)
class CaseRef:
    """The little another office may know of a case to route a document to it."""

    case_id: int
    number: str
    office_code: str
    office_name: str


def case_find_by_number(*, actor: Any, office_code: str, number: str) -> CaseRef | None:
    """Find a case of ANY office by its office code and number, for staff receiving a petition
    or document for it (issue 5 §8): only the reference is returned, never the case data.
    Staff accounts only (an office and a role)."""
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "role", ""):
        return None
    row = (
        Case.objects.filter(office__code=office_code.strip(), number=number.strip())
        .values_list("pk", "number", "office__code", "office__name")
        .first()
    )
    return CaseRef(*row) if row else None


#: Most receiving offices listed at once (the search narrows them).
ENTRUST_OFFICE_LIMIT = 200


def entrust_office_choices(*, case: Case, query: str = "") -> list[tuple[str, list[Any]]]:
    """Offices that may receive ``case`` by entrustment, grouped by province.

    Active provincial and regional offices other than the case's own (L2008 Art 57; L2025 Art
    49: entrustment goes to another enforcement office); ``query`` matches the office code or
    name (case-insensitive). Returns ``[(province name, [office, ...]), ...]`` in province and
    code order, at most :data:`ENTRUST_OFFICE_LIMIT` offices.
    """
    offices = (
        Office.objects.filter(
            is_active=True, level__in=(Office.Level.PROVINCIAL, Office.Level.REGIONAL)
        )
        .exclude(pk=case.office_id)
        .select_related("province")
        .order_by("province__name", "code")
    )
    query = query.strip()
    if query:
        offices = offices.filter(Q(code__icontains=query) | Q(name__icontains=query))
    groups: dict[str, list[Any]] = {}
    for office in offices[:ENTRUST_OFFICE_LIMIT]:
        groups.setdefault(office.province.name if office.province else "", []).append(office)
    return list(groups.items())
