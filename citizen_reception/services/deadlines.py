"""Statutory clocks of petitions (domain.md §5; §2.3 T3a/T3b/T4), computed from the
:class:`~citizen_reception.models.PetitionRule` in force on the day the clock starts, on the
working-day calendar of ``thads.calendar`` (Civil Code Arts 147-148: a period starts the day
after its trigger; a calendar-day period ending on a day off ends on the next working day).

Which clocks run:

- on receipt (from ``received_on``): an enforcement request ``enforcement_request.decide``
  (5 wd to issue the decision or refuse) and, from 01/07/2026, ``enforcement_request.complete``
  (1 wd to ask for missing items); a complaint ``complaint.first.accept`` (5 wd) or
  ``complaint.second.accept`` (10 days); a denunciation ``denunciation.initial`` (7 wd); a
  proposal or report ``proposal.resolve`` / ``report.resolve`` (5 wd); at the counter also
  ``reception.answer`` (10 wd to tell the citizen what became of it);
- on acceptance (from ``accepted_on``): a complaint ``complaint.<first|second>.resolve.<object>``
  (+ ``complaint.extension`` for a complex case or a remote area) and
  ``complaint.explanation_request`` (2 wd); a denunciation ``denunciation.resolve`` (+
  ``denunciation.extension`` when complex) or, for a further denunciation,
  ``denunciation.further.resolve``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from citizen_reception.exceptions import PetitionRuleMissingError
from citizen_reception.models import Petition
from citizen_reception.models import PetitionDeadline
from citizen_reception.models import PetitionRule
from thads.calendar.workdays import add_calendar_days
from thads.calendar.workdays import explain_calendar_days
from thads.calendar.workdays import explain_working_days

__all__ = [
    "REMINDER_HORIZON_WORKING_DAYS",
    "ComputedDeadline",
    "deadline_compute",
    "deadlines_for_acceptance",
    "deadlines_for_receipt",
    "deadlines_remind",
]

#: A clock is "due soon" this many working days before its last day.
REMINDER_HORIZON_WORKING_DAYS = 2

K = Petition.Kind


@dataclass(frozen=True)
class ComputedDeadline:
    """One clock as computed, before it is stored."""

    code: str
    rule: PetitionRule
    title: str
    starts_on: dt.date
    due_on: dt.date
    explanation: str


def _rule(code: str, on: dt.date, *, required: bool = True) -> PetitionRule | None:
    rule = PetitionRule.objects.in_force(code=code, on=on)
    if rule is None and required:
        raise PetitionRuleMissingError(
            _("Chưa có quy tắc thời hạn “%(code)s” áp dụng cho ngày %(day)s.")
            % {"code": code, "day": on.strftime("%d/%m/%Y")}
        )
    return rule


def _span(rule: PetitionRule, start: dt.date) -> tuple[dt.date, str]:
    if rule.unit == PetitionRule.Unit.WORKING_DAYS:
        span: Any = explain_working_days(start, rule.length)
    else:
        span = explain_calendar_days(start, rule.length)
    return span.end, span.rule


def deadline_compute(
    *, code: str, starts_on: dt.date, extension_code: str = "", required: bool = True
) -> ComputedDeadline | None:
    """The clock ``code`` started on ``starts_on`` under the rule in force that day, with its
    Vietnamese explanation (basis, unit, days skipped). ``extension_code`` adds that rule's
    calendar days to the period (complex case, remote area). None when no rule is in force
    and ``required`` is false (a rule that only exists under one law version)."""
    rule = _rule(code, starts_on, required=required)
    if rule is None:
        return None
    due_on, how = _span(rule, starts_on)
    title = rule.title
    parts = [
        how,
        _("Căn cứ: %(article)s (%(law)s).") % {"article": rule.article, "law": rule.law_version},
    ]
    if extension_code:
        extension = _rule(extension_code, starts_on)
        if extension is None:  # pragma: no cover - _rule raised already
            raise PetitionRuleMissingError
        if rule.unit == PetitionRule.Unit.DAYS:
            # One period of (length + extension) days from the start (Civil Code Art 148).
            due_on = add_calendar_days(starts_on, rule.length + extension.length)
        else:
            due_on = add_calendar_days(due_on, extension.length)
        title = _("%(title)s (kéo dài)") % {"title": title}
        parts.append(
            _("Kéo dài thêm %(n)s ngày: %(article)s.")
            % {"n": extension.length, "article": extension.article}
        )
        if extension.unconfirmed:
            parts.append(_("Quy tắc kéo dài chưa được xác nhận."))
    if rule.unconfirmed:
        parts.append(_("Quy tắc này chưa được xác nhận với văn bản pháp luật."))
    return ComputedDeadline(
        code=code,
        rule=rule,
        title=title,
        starts_on=starts_on,
        due_on=due_on,
        explanation=" ".join(parts),
    )


def deadlines_for_receipt(*, petition: Petition) -> list[ComputedDeadline]:
    """The clocks that start when ``petition`` is received (see the module docstring)."""
    on = petition.received_on
    wanted: list[tuple[str, bool]] = []
    if petition.kind == K.ENFORCEMENT_REQUEST:
        wanted = [("enforcement_request.decide", True), ("enforcement_request.complete", False)]
    elif petition.kind == K.COMPLAINT:
        level = "second" if petition.complaint_level == 2 else "first"
        wanted = [(f"complaint.{level}.accept", True)]
    elif petition.kind == K.DENUNCIATION:
        wanted = [("denunciation.initial", True)]
    elif petition.kind in (K.PROPOSAL, K.REPORT):
        wanted = [(f"{petition.kind}.resolve", True)]
    if petition.channel == Petition.Channel.COUNTER and petition.kind != K.ENFORCEMENT_REQUEST:
        wanted.append(("reception.answer", True))
    out = []
    for code, required in wanted:
        computed = deadline_compute(code=code, starts_on=on, required=required)
        if computed is not None:
            out.append(computed)
    return out


def deadlines_for_acceptance(*, petition: Petition, accepted_on: dt.date) -> list[ComputedDeadline]:
    """The clocks that start when ``petition`` is accepted (thụ lý) on ``accepted_on``."""
    extended = petition.complex_case or petition.remote_area
    out: list[ComputedDeadline | None] = []
    if petition.kind == K.COMPLAINT:
        level = "second" if petition.complaint_level == 2 else "first"
        obj = petition.complaint_object or Petition.ComplaintObject.PRE_MEASURE
        out.append(
            deadline_compute(
                code=f"complaint.{level}.resolve.{obj}",
                starts_on=accepted_on,
                extension_code="complaint.extension" if extended else "",
                required=False,
            )
        )
        out.append(deadline_compute(code="complaint.explanation_request", starts_on=accepted_on))
    elif petition.kind == K.DENUNCIATION:
        if petition.previous_id is not None:
            out.append(deadline_compute(code="denunciation.further.resolve", starts_on=accepted_on))
        else:
            out.append(
                deadline_compute(
                    code="denunciation.resolve",
                    starts_on=accepted_on,
                    extension_code="denunciation.extension" if petition.complex_case else "",
                )
            )
    return [c for c in out if c is not None]


def store_deadlines(
    *, petition: Petition, computed: list[ComputedDeadline]
) -> list[PetitionDeadline]:
    return [
        PetitionDeadline.objects.create(
            petition=petition,
            rule=c.rule,
            code=c.code,
            title=c.title,
            starts_on=c.starts_on,
            due_on=c.due_on,
            explanation=c.explanation,
        )
        for c in computed
    ]


def open_deadlines(petition: Petition) -> QuerySet[PetitionDeadline]:
    return PetitionDeadline.objects.filter(petition=petition, met_at__isnull=True, cancelled=False)


def meet_deadlines(*, petition: Petition, prefixes: tuple[str, ...] = ()) -> int:
    """Mark the open clocks met now (all of them, or those whose code starts with a prefix)."""
    qs = open_deadlines(petition)
    if prefixes:
        ids = [d.pk for d in qs if d.code.startswith(prefixes)]
        qs = PetitionDeadline.objects.filter(pk__in=ids)
    return qs.update(met_at=timezone.now())


def cancel_deadlines(*, petition: Petition) -> int:
    """The open clocks no longer apply (withdrawn, stored, forwarded, reclassified...)."""
    return open_deadlines(petition).update(cancelled=True)


def deadlines_remind(*, on: dt.date) -> int:
    """Tell assignees (or, unassigned, the office heads) by e-mail about open clocks that are
    overdue or end within :data:`REMINDER_HORIZON_WORKING_DAYS` working days of ``on``.

    One reminder per clock and day (``last_reminded_on``; notification idempotency key), so a
    beat task run twice the same day sends nothing twice. Returns the number queued.
    """
    from citizen_reception.services.common import REMINDER_TEMPLATE
    from citizen_reception.services.common import tracking_url
    from thads.calendar.workdays import add_working_days
    from thads.notify.exceptions import NotificationRecipientInvalidError
    from thads.notify.services import notification_queue
    from thads.org.models import User
    from thads.permissions import Role

    horizon = add_working_days(on, REMINDER_HORIZON_WORKING_DAYS)
    rows = (
        PetitionDeadline.objects.filter(met_at__isnull=True, cancelled=False, due_on__lte=horizon)
        .exclude(last_reminded_on=on)
        .exclude(petition__state__in=[s.value for s in Petition.FINAL_STATES])
        .exclude(petition__state=Petition.State.RESOLVED)
        .select_related("petition", "petition__office", "petition__assigned_to")
        .order_by("due_on", "pk")
    )
    queued = 0
    for deadline in rows:
        petition = deadline.petition
        if petition.assigned_to_id and petition.assigned_to.email:
            recipients = [petition.assigned_to]
        else:
            recipients = list(
                User.objects.filter(
                    office_id=petition.office_id, role=Role.OFFICE_HEAD, is_active=True
                ).exclude(email="")
            )
        overdue = deadline.due_on < on
        with transaction.atomic():
            for user in recipients:
                try:
                    notification_queue(
                        channel="email",
                        recipient=user.email,
                        template=REMINDER_TEMPLATE,
                        context={
                            "code": petition.code,
                            "subject": petition.subject,
                            "title": deadline.title,
                            "due_on": deadline.due_on,
                            "overdue": overdue,
                            "recipient_name": user.get_full_name() or user.username,
                            "office_name": petition.office.name,
                            "lookup_url": tracking_url(petition.code),
                        },
                        office=petition.office,
                        related=petition,
                        idempotency_key=f"petition-deadline-{deadline.pk}-{on.isoformat()}-{user.pk}",
                    )
                    queued += 1
                except NotificationRecipientInvalidError:
                    continue
            PetitionDeadline.objects.filter(pk=deadline.pk).update(last_reminded_on=on)
    return queued
