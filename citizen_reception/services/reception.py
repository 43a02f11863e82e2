"""The reception log (sổ tiếp công dân) and the heads' reception days (Luật Tiếp công dân
Art 18, 28; ND154/2026; domain.md §5.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizen_reception.exceptions import ReceptionError
from citizen_reception.models import Petition
from citizen_reception.models import ReceptionLogEntry
from citizen_reception.models import ReceptionSchedule
from citizen_reception.permissions import RECEIVE_ROLES
from citizen_reception.permissions import SCHEDULE_ROLES
from citizen_reception.services import common
from thads.audit.services import audit_log
from thads.org.models import Office

__all__ = [
    "ONLINE_NOTICE_WORKING_DAYS",
    "reception_log_record",
    "reception_schedule_cancel",
    "reception_schedule_create",
]

#: Participants in an online reception session are told at least this many working days
#: before (ND154/2026) [V]; a schedule made later is refused.
ONLINE_NOTICE_WORKING_DAYS = 5

_LOG_FIELDS = (
    "person_name",
    "person_id_number",
    "person_address",
    "people_count",
    "content",
    "documents_received",
    "result",
    "refusal_reason",
    "follow_up",
)


def reception_log_record(*, actor: Any, office: Office, data: dict[str, Any]) -> ReceptionLogEntry:
    """Write one line of the reception log of ``office`` (who was received, when, by whom,
    about what, documents received, result, follow-up), optionally linked to a petition
    (``data["petition"]``: a Petition the office sees, or its id) and to the head's reception
    day (``data["schedule"]``). ``data`` keys: the model's fields plus ``received_at``
    (default now). A refusal needs its reason (Luật TCD Art 9). Audit
    ``reception.log_recorded``."""
    common.require_role(actor=actor, roles=RECEIVE_ROLES)
    if not common.actor_in_office_scope(actor=actor, office_id=office.pk):
        raise ReceptionError(_("Bạn chỉ ghi sổ tiếp công dân của đơn vị mình."))
    values = {k: data[k] for k in _LOG_FIELDS if k in data and data[k] is not None}
    for key in ("person_name", "content"):
        values[key] = str(values.get(key, "")).strip()
    if not values["person_name"]:
        raise ReceptionError(_("Vui lòng nhập họ tên công dân."))
    if not values["content"]:
        raise ReceptionError(_("Vui lòng nhập nội dung công dân trình bày."))
    if values.get("result") not in ReceptionLogEntry.Result.values:
        raise ReceptionError(_("Vui lòng chọn kết quả tiếp công dân."))
    if (
        values["result"] == ReceptionLogEntry.Result.REFUSED
        and not str(values.get("refusal_reason", "")).strip()
    ):
        raise ReceptionError(_("Từ chối tiếp công dân phải ghi rõ lý do."))
    people = int(values.get("people_count") or 1)
    if people < 1:
        raise ReceptionError(_("Số người phải từ 1 trở lên."))
    values["people_count"] = people
    petition = data.get("petition")
    if petition is not None and not isinstance(petition, Petition):
        petition = Petition.objects.filter(pk=petition).first()
    if petition is not None and not (
        common.actor_in_office_scope(actor=actor, office_id=petition.office_id)
        or common.actor_in_office_scope(actor=actor, office_id=petition.received_office_id)
    ):
        raise ReceptionError(_("Không tìm thấy đơn trong phạm vi của bạn."))
    schedule = data.get("schedule")
    if schedule is not None and not isinstance(schedule, ReceptionSchedule):
        schedule = ReceptionSchedule.objects.filter(pk=schedule, office=office).first()
    if schedule is not None and schedule.office_id != office.pk:
        raise ReceptionError(_("Buổi tiếp không thuộc đơn vị này."))
    received_at = data.get("received_at") or timezone.now()
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ReceptionError(_("Thời gian tiếp không được sau thời điểm hiện tại."))
    with transaction.atomic():
        entry = ReceptionLogEntry(
            office=office,
            receiver=actor,
            received_at=received_at,
            petition=petition,
            schedule=schedule,
            **values,
        )
        entry.full_clean()
        entry.save()
        audit_log(
            actor=actor,
            action="reception.log_recorded",
            target=entry,
            office=office,
            after={
                "result": entry.result,
                "people_count": entry.people_count,
                "petition": entry.petition_id,
                "schedule": entry.schedule_id,
            },
            summary=_("Ghi sổ tiếp công dân: %(result)s") % {"result": entry.get_result_display()},
        )
    return entry


def reception_schedule_create(
    *,
    actor: Any,
    office: Office,
    host: Any,
    day: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    place: str,
    online: bool = False,
    note: str = "",
) -> ReceptionSchedule:
    """Plan a day on which ``host`` (a head of ``office``) receives citizens (at least one a
    month, Luật TCD Art 18), or an online session, announced at least
    :data:`ONLINE_NOTICE_WORKING_DAYS` working days before (ND154/2026). Audit
    ``reception.schedule_created``."""
    from thads.calendar.workdays import working_days_between
    from thads.permissions import LEADER_ROLES

    common.require_role(actor=actor, roles=SCHEDULE_ROLES)
    if not common.actor_in_office_scope(actor=actor, office_id=office.pk):
        raise ReceptionError(_("Bạn chỉ lập lịch tiếp công dân của đơn vị mình."))
    if host is None or host.office_id != office.pk or host.role not in LEADER_ROLES:
        raise ReceptionError(_("Người chủ trì phải là lãnh đạo của đơn vị."))
    today = common.local_today()
    if day < today:
        raise ReceptionError(_("Ngày tiếp không được trước ngày hôm nay."))
    if ends_at <= starts_at:
        raise ReceptionError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    if online and working_days_between(today, day) < ONLINE_NOTICE_WORKING_DAYS:
        raise ReceptionError(
            _("Buổi tiếp trực tuyến phải được thông báo trước ít nhất %(n)s ngày làm việc.")
            % {"n": ONLINE_NOTICE_WORKING_DAYS}
        )
    place = (place or "").strip()
    if not place:
        raise ReceptionError(_("Vui lòng nhập địa điểm tiếp công dân."))
    with transaction.atomic():
        schedule = ReceptionSchedule.objects.create(
            office=office,
            host=host,
            day=day,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place[:300],
            online=bool(online),
            note=(note or "").strip()[:500],
            created_by=actor,
        )
        audit_log(
            actor=actor,
            action="reception.schedule_created",
            target=schedule,
            office=office,
            after={"day": day, "host": host.pk, "online": bool(online)},
            summary=_("Lập lịch tiếp công dân ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")},
        )
    return schedule


def reception_schedule_cancel(
    *, actor: Any, schedule: ReceptionSchedule, reason: str
) -> ReceptionSchedule:
    """Cancel a planned reception day with its reason. Audit ``reception.schedule_cancelled``."""
    common.require_role(actor=actor, roles=SCHEDULE_ROLES)
    if not common.actor_in_office_scope(actor=actor, office_id=schedule.office_id):
        raise ReceptionError(_("Bạn chỉ hủy lịch tiếp công dân của đơn vị mình."))
    text = (reason or "").strip()
    if not text:
        raise ReceptionError(_("Vui lòng ghi lý do hủy lịch tiếp công dân."))
    with transaction.atomic():
        locked = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
        if locked.cancelled:
            raise ReceptionError(_("Lịch tiếp công dân này đã được hủy."))
        locked.cancelled = True
        locked.note = (f"{locked.note} — " if locked.note else "") + _("Đã hủy: %(reason)s") % {
            "reason": text
        }
        locked.note = locked.note[:500]
        locked.save(update_fields=["cancelled", "note"])
        audit_log(
            actor=actor,
            action="reception.schedule_cancelled",
            target=locked,
            office=locked.office,
            before={"cancelled": False},
            after={"cancelled": True, "reason": text[:300]},
            summary=_("Hủy lịch tiếp công dân ngày %(day)s")
            % {"day": locked.day.strftime("%d/%m/%Y")},
        )
    return locked
