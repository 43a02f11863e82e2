"""Reads for worklists, the office head's load view and the case page (office-scoped,
query-bounded).

Performance (issue 5: worklist <= 100 ms, case page <= 150 ms, <= 20 queries on 20,000 cases):
the next open deadline of each case is one correlated ``Subquery`` (the ``Deadline`` index on
``(case, status, due_on)`` answers it), urgency is a SQL ``CASE`` over it, so sorting and
filtering by urgency happen in the database and a page of 20 rows is one query. Working days
left are computed in Python for the rows of the page only (``thads.calendar`` answers from its
in-process snapshot, no query per row).

Urgency (domain.md §2.1: a period ends at 24:00 of its last day):
``overdue`` the next deadline's last day is before today; ``soon`` it ends today or within the
next :data:`SOON_WORKING_DAYS` working days (weekends, holidays and Tết not counted);
``later`` further away; ``none`` the case has no running deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from django.db import models as m
from django.db.models import Count
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enforcement.models import ENDED_STATES
from enforcement.models import Case
from enforcement.models import CaseDecision
from enforcement.models import CaseEvent
from enforcement.models import CaseObligation
from enforcement.models import CaseParty
from enforcement.models import CaseTask
from enforcement.models import Deadline
from thads.calendar.workdays import add_working_days
from thads.calendar.workdays import working_days_between
from thads.org.selectors import scope_queryset
from thads.org.selectors import user_list_for_office
from thads.permissions import Role

if TYPE_CHECKING:
    from thads.org.models import Office
    from thads.org.models import User

__all__ = [
    "RUNNING_DEADLINE_STATUSES",
    "SOON_WORKING_DAYS",
    "URGENCY_CHOICES",
    "AssignmentSuggestion",
    "OfficerLoad",
    "UrgencyCounts",
    "case_list_for_scope",
    "case_page_context",
    "office_load_for_user",
    "office_officers",
    "office_unassigned_cases",
    "row_working_days_left",
    "set_working_days_left",
    "suggest_officer",
    "urgency_counts",
    "worklist_for_officer",
]

#: A case is "due soon" when its next deadline ends within this many working days.
SOON_WORKING_DAYS = 3
#: Deadline statuses whose due date is running (a paused deadline's date is not, until resumed).
RUNNING_DEADLINE_STATUSES = ("open", "overdue")

URGENCY_OVERDUE, URGENCY_SOON, URGENCY_LATER, URGENCY_NONE = 0, 1, 2, 3
URGENCY_CHOICES = (
    ("overdue", gettext_lazy("Quá hạn")),
    ("soon", gettext_lazy("Đến hạn trong 3 ngày làm việc")),
    ("later", gettext_lazy("Còn hạn")),
    ("none", gettext_lazy("Không có thời hạn đang chạy")),
)
_URGENCY_CODE = {"overdue": URGENCY_OVERDUE, "soon": URGENCY_SOON, "later": URGENCY_LATER}
#: Weights of the load score used to suggest an officer (open + 2 x overdue + 1 x due soon).
LOAD_WEIGHT_OVERDUE = 2
LOAD_WEIGHT_SOON = 1


def _open_cases() -> QuerySet[Any]:
    return Case.objects.exclude(state__in=ENDED_STATES)


def _soon_limit(today: dt.date) -> dt.date:
    """The last day of the "due soon" window: the 3rd working day after today."""
    return add_working_days(today, SOON_WORKING_DAYS)


def _with_urgency(queryset: QuerySet[Any], *, today: dt.date) -> QuerySet[Any]:
    """Annotate ``next_due_on``, ``next_deadline_title`` and ``urgency`` (SQL, one query).

    Urgency is computed inside its own correlated subquery on the nearest running deadline,
    so PostgreSQL runs one index probe per case for it (a ``CASE`` over ``next_due_on`` would
    repeat the subquery in every ``WHEN``). Sorting by ``next_due_on`` (nulls last) is the
    same order as by urgency, because urgency only grows with the due day.
    """
    next_deadline = Deadline.objects.filter(
        case=OuterRef("pk"), status__in=RUNNING_DEADLINE_STATUSES
    ).order_by("due_on", "pk")
    soon = _soon_limit(today)
    code = m.Case(
        m.When(due_on__lt=today, then=m.Value(URGENCY_OVERDUE)),
        m.When(due_on__lte=soon, then=m.Value(URGENCY_SOON)),
        default=m.Value(URGENCY_LATER),
        output_field=m.IntegerField(),
    )
    return queryset.annotate(
        next_due_on=Subquery(next_deadline.values("due_on")[:1]),
        next_deadline_title=Subquery(next_deadline.values("title")[:1]),
        urgency=Coalesce(
            Subquery(next_deadline.annotate(code=code).values("code")[:1]),
            m.Value(URGENCY_NONE),
        ),
    )


def _filter(
    queryset: QuerySet[Any], *, state: str = "", urgency: str = "", query: str = ""
) -> QuerySet[Any]:
    if state:
        queryset = queryset.filter(state=state)
    if urgency == "none":
        queryset = queryset.filter(urgency=URGENCY_NONE)
    elif urgency in _URGENCY_CODE:
        queryset = queryset.filter(urgency=_URGENCY_CODE[urgency])
    query = query.strip()
    if query:
        queryset = queryset.filter(Q(number__icontains=query) | Q(debtor_name__icontains=query))
    return queryset


def _urgency_order(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.order_by(m.F("next_due_on").asc(nulls_last=True), "pk")


def worklist_for_officer(
    *, actor: User, today: dt.date, state: str = "", urgency: str = "", query: str = ""
) -> QuerySet[Any]:
    """The actor's own open cases, most urgent first (issue 5 §2).

    Overdue first, then due within 3 working days, then by nearest deadline; each row carries
    ``next_due_on``, ``next_deadline_title`` and ``urgency``. Office scope applies first, so
    a case assigned to the actor in an office they left is not shown.
    """
    queryset = scope_queryset(_open_cases(), actor=actor).filter(assigned_officer=actor)
    queryset = _with_urgency(queryset, today=today).select_related("assigned_officer")
    return _urgency_order(_filter(queryset, state=state, urgency=urgency, query=query))


@dataclass(frozen=True)
class UrgencyCounts:
    overdue: int
    soon: int
    later: int
    none: int

    @property
    def total(self) -> int:
        return self.overdue + self.soon + self.later + self.none


def urgency_counts(queryset: QuerySet[Any]) -> UrgencyCounts:
    """Counts by urgency of an urgency-annotated queryset, in one ``GROUP BY`` query (the
    urgency expression is computed once per case, not once per count)."""
    rows = queryset.order_by().values("urgency").annotate(n=Count("pk"))
    by_code = {row["urgency"]: row["n"] for row in rows}
    return UrgencyCounts(
        overdue=by_code.get(URGENCY_OVERDUE, 0),
        soon=by_code.get(URGENCY_SOON, 0),
        later=by_code.get(URGENCY_LATER, 0),
        none=by_code.get(URGENCY_NONE, 0),
    )


def row_working_days_left(due_on: dt.date | None, *, today: dt.date) -> int | None:
    """Working days from today to a deadline's last day: 0 = ends today, negative = overdue
    by that many working days."""
    if due_on is None:
        return None
    return working_days_between(today, due_on)


def set_working_days_left(
    rows: Any, *, today: dt.date, date_attr: str = "next_due_on", running: bool = True
) -> None:
    """Set ``working_days_left`` and ``working_days_overdue`` on each row (no query).

    ``running=False`` rows (a paused or met deadline) get None for both.
    """
    for row in rows:
        left = row_working_days_left(getattr(row, date_attr), today=today) if running else None
        row.working_days_left = left
        row.working_days_overdue = -left if left is not None and left < 0 else 0


def case_list_for_scope(
    *,
    actor: User,
    today: dt.date,
    state: str = "",
    urgency: str = "",
    query: str = "",
    officer_id: int | None = None,
    unassigned: bool = False,
    office_id: int | None = None,
    include_closed: bool = False,
) -> QuerySet[Any]:
    """Cases of every office in the actor's scope (heads and leaders), most urgent first."""
    base = Case.objects.all() if include_closed else _open_cases()
    queryset = scope_queryset(base, actor=actor)
    if office_id is not None:
        queryset = queryset.filter(office_id=office_id)
    if unassigned:
        queryset = queryset.filter(assigned_officer__isnull=True)
    elif officer_id is not None:
        queryset = queryset.filter(assigned_officer_id=officer_id)
    queryset = _with_urgency(queryset, today=today).select_related("assigned_officer", "office")
    return _urgency_order(_filter(queryset, state=state, urgency=urgency, query=query))


# --- Office load ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerLoad:
    """One officer's open workload in an office."""

    officer_id: int
    name: str
    open_cases: int
    overdue: int
    due_soon: int

    @property
    def score(self) -> int:
        return (
            self.open_cases + LOAD_WEIGHT_OVERDUE * self.overdue + LOAD_WEIGHT_SOON * self.due_soon
        )


@dataclass(frozen=True)
class AssignmentSuggestion:
    """The officer to give the next case to, and why (shown to the head)."""

    officer_id: int
    name: str
    explanation: str


def office_officers(*, actor: User, office: Office) -> QuerySet[Any]:
    """Active enforcement officers of ``office`` (404 when the office is out of scope)."""
    return (
        user_list_for_office(actor=actor, office=office)
        .filter(role=Role.ENFORCEMENT_OFFICER)
        .order_by("full_name", "username")
    )


def office_load_for_user(
    *, actor: User, office: Office, today: dt.date
) -> tuple[list[OfficerLoad], AssignmentSuggestion | None]:
    """Every enforcement officer of ``office`` with open, overdue and due-soon cases, and the
    officer the next case should go to (least weighted load).

    Raises ``Http404`` when the office is outside the actor's scope. Two queries: the officers,
    and one aggregate of the office's open cases grouped by officer.
    """
    officers = list(office_officers(actor=actor, office=office))
    cases = _with_urgency(_open_cases().filter(office=office), today=today)
    rows = (
        cases.order_by()
        .values("assigned_officer_id", "urgency")
        .annotate(n=Count("pk"))
        .values_list("assigned_officer_id", "urgency", "n")
    )
    counts: dict[int, dict[int, int]] = {}
    for officer_id, urgency, n in rows:
        counts.setdefault(officer_id, {})[urgency] = n
    loads = []
    for user in officers:
        mine = counts.get(user.pk, {})
        loads.append(
            OfficerLoad(
                officer_id=user.pk,
                name=user.get_full_name(),
                open_cases=sum(mine.values()),
                overdue=mine.get(URGENCY_OVERDUE, 0),
                due_soon=mine.get(URGENCY_SOON, 0),
            )
        )
    return loads, suggest_officer(loads)


def suggest_officer(loads: list[OfficerLoad]) -> AssignmentSuggestion | None:
    """The officer with the lowest load score (open + 2 x overdue + due soon); ties go to
    fewer open cases, then by name. An explanation in Vietnamese says why."""
    if not loads:
        return None
    best = min(loads, key=lambda load: (load.score, load.open_cases, load.name))
    explanation = _(
        "Đề xuất {name}: điểm tải thấp nhất trong đơn vị ({score} = {open} việc đang giải quyết"
        " + {w_overdue} × {overdue} việc quá hạn + {w_soon} × {soon} việc sắp đến hạn)."
    ).format(
        name=best.name,
        score=best.score,
        open=best.open_cases,
        w_overdue=LOAD_WEIGHT_OVERDUE,
        overdue=best.overdue,
        w_soon=LOAD_WEIGHT_SOON,
        soon=best.due_soon,
    )
    others = sorted((load for load in loads if load is not best), key=lambda load: load.score)
    if others:
        explanation += " " + _("Người kế tiếp: {name} ({score} điểm).").format(
            name=others[0].name, score=others[0].score
        )
    return AssignmentSuggestion(officer_id=best.officer_id, name=best.name, explanation=explanation)


def office_unassigned_cases(*, actor: User, office: Office, today: dt.date) -> QuerySet[Any]:
    """Open cases of ``office`` with no officer, most urgent first (scope applies)."""
    queryset = scope_queryset(_open_cases(), actor=actor).filter(
        office=office, assigned_officer__isnull=True
    )
    return _urgency_order(_with_urgency(queryset, today=today))


# --- Case page -----------------------------------------------------------------------------------


def case_page_context(*, case: Any, today: dt.date) -> dict[str, Any]:
    """Everything the case page shows besides the case row, each in one query.

    Deadlines come with ``working_days_left`` and their stored explanation; the timeline,
    parties, obligations and tasks are lists. The caller has already loaded ``case`` through
    the scoped selector.
    """
    deadlines = list(
        Deadline.objects.filter(case=case)
        .select_related("rule")
        .order_by(
            m.Case(
                m.When(status__in=RUNNING_DEADLINE_STATUSES, then=m.Value(0)),
                m.When(status="paused", then=m.Value(1)),
                default=m.Value(2),
                output_field=m.IntegerField(),
            ),
            "due_on",
            "pk",
        )
    )
    for deadline in deadlines:
        set_working_days_left(
            [deadline],
            today=today,
            date_attr="due_on",
            running=deadline.status in RUNNING_DEADLINE_STATUSES,
        )
        deadline.explain = _explanation(deadline.explanation)
        deadline.history_rows = [_history_row(entry) for entry in deadline.history or []]
    events = list(
        CaseEvent.objects.filter(case=case).select_related("actor").order_by("-at", "-pk")
    )
    for event in events:
        event.state_label_before = _state_label(event.state_before)
        event.state_label_after = _state_label(event.state_after)
    parties = list(CaseParty.objects.filter(case=case).order_by("position", "pk"))
    obligations = list(CaseObligation.objects.filter(case=case).order_by("position", "pk"))
    case_decisions = list(CaseDecision.objects.filter(case=case).order_by("signed_at", "pk"))
    tasks = list(
        CaseTask.objects.filter(case=case).select_related("assignee").order_by("due_on", "pk")
    )
    return {
        "deadlines": deadlines,
        "events": events,
        "parties": parties,
        "obligations": obligations,
        "obligations_total_vnd": sum(o.amount_vnd or 0 for o in obligations),
        "tasks": tasks,
        "case_decisions": case_decisions,
    }


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _first(entry: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if entry.get(key) not in (None, ""):
            return entry[key]
    return None


def _explanation(raw: Any) -> dict[str, Any]:
    """A deadline's stored explanation with its dates parsed, for the template."""
    raw = raw if isinstance(raw, dict) else {}
    skipped = [
        {"date": _as_date(day.get("date")), "name": day.get("name", "")}
        for day in raw.get("skipped") or []
        if isinstance(day, dict)
    ]
    return {
        "start_event": raw.get("start_event", ""),
        "rule": raw.get("rule", ""),
        "calendar_basis": raw.get("calendar_basis", ""),
        "recomputed": raw.get("recomputed", ""),
        "skipped": skipped,
    }


def _history_row(entry: Any) -> dict[str, Any]:
    """One recomputation of a deadline (pause, resume), dates parsed."""
    entry = entry if isinstance(entry, dict) else {}
    paused = entry.get("kind") == "paused"
    return {
        "text": entry.get("text", ""),
        "on": _as_date(_first(entry, "on", "paused_on", "resumed_on", "at")),
        "reason": (
            _("Tạm dừng thời hạn ({reason})").format(reason=entry.get("reason", ""))
            if paused
            else entry.get("reason", "")
        ),
        "remaining": entry.get("remaining"),
        "old_due_on": _as_date(_first(entry, "old_due_on", "previous_due_on", "due_on")),
        "new_due_on": None if paused else _as_date(_first(entry, "new_due_on")),
    }


def _state_label(value: str) -> str:
    if not value:
        return ""
    try:
        return str(Case.State(value).label)
    except ValueError:
        return value
