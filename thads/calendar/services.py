"""Writes to the calendar: official days off and working days (overrides). Atomic and audited.

After commit every service publishes a new calendar version (``bump_calendar_version``), so
that all processes reload the overrides; deadlines computed afterwards use them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError
from django.db import transaction
from django.utils.translation import gettext as _

from thads.audit.services import audit_log
from thads.calendar.exceptions import CalendarOverrideInvalidError
from thads.calendar.models import CalendarOverride
from thads.calendar.types import DayReason
from thads.calendar.workdays import bump_calendar_version
from thads.calendar.workdays import package_day_info
from thads.org.models import User

_FIELDS = ("kind", "name", "legal_basis")


def calendar_override_snapshot(override: CalendarOverride) -> dict[str, Any]:
    """The audited fields of an override, JSON-ready."""
    return {
        "date": override.date.isoformat(),
        "kind": override.kind,
        "name": override.name,
        "legal_basis": override.legal_basis,
    }


def _fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _validate(*, day: date, kind: str, name: str, legal_basis: str) -> None:
    """Refuse overrides that change nothing or lack what makes them official.

    Compared with the package calendar alone (never with an existing override), so that
    editing an override judges it afresh:
    - a DAY_OFF on a day the package already has off (weekend, holiday) is redundant;
    - a WORKING_DAY on a day the package already has as a working day makes no sense
      (an ordinary weekday, or a makeup Saturday it already knows).
    A WORKING_DAY on a weekend is a makeup day; on a package holiday it corrects the package.
    A DAY_OFF on a package makeup Saturday cancels the makeup day.
    """
    if kind not in CalendarOverride.Kind.values:
        raise CalendarOverrideInvalidError(_("Loại ngày ngoại lệ không hợp lệ."), field="kind")
    if not name:
        raise CalendarOverrideInvalidError(_("Vui lòng nhập tên ngày."), field="name")
    if not legal_basis:
        raise CalendarOverrideInvalidError(
            _("Vui lòng nhập căn cứ (số, ký hiệu văn bản công bố)."), field="legal_basis"
        )
    base = package_day_info(day)
    if kind == CalendarOverride.Kind.DAY_OFF and not base.is_working_day:
        if base.reason == DayReason.WEEKEND:
            message = _(
                "Ngày {day} là {weekday}, vốn đã là ngày nghỉ; không cần khai báo ngày nghỉ."
            ).format(day=_fmt(day), weekday=base.name)
        else:
            message = _(
                "Ngày {day} đã là ngày nghỉ “{name}” theo lịch nghỉ lễ; không cần khai báo."
            ).format(day=_fmt(day), name=base.name)
        raise CalendarOverrideInvalidError(message, field="date")
    if kind == CalendarOverride.Kind.WORKING_DAY and base.is_working_day:
        if base.reason == DayReason.MAKEUP_SATURDAY:
            message = _(
                "Ngày {day} đã là ngày làm việc bù theo lịch nghỉ lễ; không cần khai báo."
            ).format(day=_fmt(day))
        else:
            message = _(
                "Ngày {day} vốn đã là ngày làm việc; chỉ khai báo ngày làm việc bù cho thứ Bảy, "
                "Chủ nhật hoặc ngày lễ."
            ).format(day=_fmt(day))
        raise CalendarOverrideInvalidError(message, field="date")


@transaction.atomic
def calendar_override_set(
    *, actor: User, day: date, kind: str, name: str, legal_basis: str
) -> CalendarOverride:
    """Record (or change) the official status of ``day``: a day off or a working day.

    The override wins over the ``holidays`` package for every deadline computed after commit.
    Idempotent: the same values twice (double submit) change nothing and audit nothing.
    Side effects: audit ``calendar_override.created`` / ``calendar_override.updated`` with
    before/after; a new calendar version after commit.
    Raises ``CalendarOverrideInvalidError`` (see ``_validate``), ``CalendarRangeError``.
    """
    name = " ".join(name.split())
    legal_basis = " ".join(legal_basis.split())
    _validate(day=day, kind=kind, name=name, legal_basis=legal_basis)

    override = CalendarOverride.objects.select_for_update().filter(date=day).first()
    if override is None:
        candidate = CalendarOverride(
            date=day, kind=kind, name=name, legal_basis=legal_basis, created_by=actor
        )
        candidate.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError:
            # A concurrent request created the same date first: update that row instead.
            override = CalendarOverride.objects.select_for_update().get(date=day)
        else:
            audit_log(
                actor=actor,
                action="calendar_override.created",
                target=candidate,
                after=calendar_override_snapshot(candidate),
                summary=_("Khai báo ngày ngoại lệ {day}: {name}").format(day=_fmt(day), name=name),
            )
            transaction.on_commit(bump_calendar_version)
            return candidate

    before = calendar_override_snapshot(override)
    if (override.kind, override.name, override.legal_basis) == (kind, name, legal_basis):
        return override
    override.kind = kind
    override.name = name
    override.legal_basis = legal_basis
    override.full_clean(validate_unique=False)
    override.save(update_fields=[*_FIELDS, "updated_at"])
    audit_log(
        actor=actor,
        action="calendar_override.updated",
        target=override,
        before=before,
        after=calendar_override_snapshot(override),
        summary=_("Sửa ngày ngoại lệ {day}: {name}").format(day=_fmt(day), name=name),
    )
    transaction.on_commit(bump_calendar_version)
    return override


@transaction.atomic
def calendar_override_remove(*, actor: User, override: CalendarOverride) -> None:
    """Delete an override; the day goes back to the ``holidays`` package's status.

    The row is configuration, so it is deleted; the audit event ``calendar_override.removed``
    keeps its last state (``before``). A new calendar version is published after commit.
    Removing an override that another request already removed does nothing.
    """
    locked = CalendarOverride.objects.select_for_update().filter(pk=override.pk).first()
    if locked is None:
        return
    before = calendar_override_snapshot(locked)
    audit_log(
        actor=actor,
        action="calendar_override.removed",
        target=locked,
        before=before,
        summary=_("Xóa ngày ngoại lệ {day}: {name}").format(
            day=_fmt(locked.date), name=locked.name
        ),
    )
    locked.delete()
    transaction.on_commit(bump_calendar_version)
