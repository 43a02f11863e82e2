"""Receiving petitions: at the counter, online, by post or forwarded (domain.md §5.1; issue 7
§2-3), and appeals (second-level complaints, further denunciations).

:func:`petition_receive` validates the intake, stores the attachments through
``thads.documents`` (type by magic bytes, size, pages, decompression bombs), routes the petition
(:func:`petition_route`), flags the "store without processing" and duplicate signs for the
officer (never refuses on its own), starts the clocks, records the event "Đã tiếp nhận đơn",
queues the citizen's notification and, after commit, the acknowledgement PDF (giấy biên nhận,
signed by the office, QR to ``/tra-cuu/don/<code>``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citizen_reception.exceptions import PetitionAttachmentError
from citizen_reception.exceptions import PetitionInvalidError
from citizen_reception.exceptions import PetitionPermissionError
from citizen_reception.exceptions import PetitionStateError
from citizen_reception.models import Petition
from citizen_reception.models import PetitionAttachment
from citizen_reception.permissions import RECEIVE_ROLES
from citizen_reception.services import common
from citizen_reception.services.deadlines import deadlines_for_receipt
from citizen_reception.services.deadlines import store_deadlines
from citizen_reception.types import PetitionIntake
from citizen_reception.types import UploadedFileLike
from thads.org.models import Office

__all__ = [
    "MAX_ATTACHMENTS",
    "PETITION_FLAG_LABELS",
    "petition_appeal",
    "petition_receive",
    "petition_route",
]

logger = logging.getLogger(__name__)

#: Most files attached to one petition.
MAX_ATTACHMENTS = 10
#: How far back a letter on the same matter counts as a possible duplicate.
DUPLICATE_WINDOW_DAYS = 365

#: What the flags set at receipt mean (TT13 Art 8(4); ND152 Art 77; Luật Tố cáo Art 25).
PETITION_FLAG_LABELS = {
    "anonymous": gettext_lazy("Đơn nặc danh hoặc không rõ họ tên người gửi: thuộc diện lưu đơn"),
    "no_address": gettext_lazy("Đơn không ghi địa chỉ người gửi: thuộc diện lưu đơn"),
    "anonymous_denunciation": gettext_lazy(
        "Tố cáo nặc danh: không xử lý như tố cáo; nếu cụ thể, có cơ sở thì dùng cho thanh tra, "
        "kiểm tra"
    ),
    "group_without_representative": gettext_lazy(
        "Từ 5 người trở lên cùng ký đơn nhưng chưa cử người đại diện"
    ),
    "possible_duplicate": gettext_lazy("Có thể trùng với đơn đã nhận về cùng nội dung"),
    "late_appeal": gettext_lazy("Khiếu nại lần hai có thể đã quá thời hạn 15 ngày"),
}

K = Petition.Kind


# --- routing ------------------------------------------------------------------------------------


def _case_office_id(case_id: int) -> int | None:
    # Through the petition's own foreign key, so no model of the enforcement app is imported.
    case_model = Petition._meta.get_field("case").related_model
    return (
        case_model._default_manager.filter(pk=case_id).values_list("office_id", flat=True).first()
    )


def _judgment_office_id(judgment_id: int) -> int | None:
    judgment_model = Petition._meta.get_field("judgment").related_model
    return (
        judgment_model._default_manager.filter(pk=judgment_id)
        .values_list("office_id", flat=True)
        .first()
    )


def petition_route(
    *,
    receiving_office: Office,
    case_id: int | None = None,
    province_code: int | None = None,
    judgment_id: int | None = None,
) -> Office:
    """The office responsible for a petition: the case's office when it names a case; else the
    office holding the judgment it names; else the locality's office (the receiving office when
    it is in that province, else the province's agency); else the receiving office. Any office
    receives for any office; both see it. Raises :class:`PetitionInvalidError` for an unknown
    case or judgment."""
    if case_id is not None:
        office_id = _case_office_id(case_id)
        if office_id is None:
            raise PetitionInvalidError(_("Không tìm thấy hồ sơ thi hành án đã chọn."))
        return Office.objects.get(pk=office_id)
    if judgment_id is not None:
        office_id = _judgment_office_id(judgment_id)
        if office_id is None:
            raise PetitionInvalidError(_("Không tìm thấy bản án, quyết định đã chọn."))
        return Office.objects.get(pk=office_id)
    if province_code is not None:
        if receiving_office.province_id and receiving_office.province.code == province_code:
            return receiving_office
        office = (
            Office.objects.active()
            .filter(province__code=province_code, level=Office.Level.PROVINCIAL)
            .order_by("code")
            .first()
        )
        if office is not None:
            return office
    return receiving_office


# --- validation ---------------------------------------------------------------------------------


def _int(value: Any, message: str) -> int | None:
    """An optional whole number from a form value ("", None, "2", 2)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise PetitionInvalidError(message) from None


def _clean(data: PetitionIntake) -> dict[str, Any]:
    """The petition's fields from ``data``, validated (Vietnamese messages)."""
    from thads.notify.exceptions import NotificationRecipientInvalidError
    from thads.notify.services import normalize_recipient

    if data.kind not in K.values:
        raise PetitionInvalidError(_("Loại đơn không hợp lệ."))
    if data.channel not in Petition.Channel.values:
        raise PetitionInvalidError(_("Hình thức nhận đơn không hợp lệ."))
    subject = " ".join((data.subject or "").split())
    content = (data.content or "").strip()
    if not subject:
        raise PetitionInvalidError(_("Vui lòng nhập trích yếu nội dung đơn."))
    if len(subject) > 300:
        raise PetitionInvalidError(_("Trích yếu không được dài quá 300 ký tự."))
    if not content:
        raise PetitionInvalidError(_("Vui lòng nhập nội dung đơn."))
    if len(content) > 20000:
        raise PetitionInvalidError(_("Nội dung đơn không được dài quá 20.000 ký tự."))
    level = _int(data.complaint_level, _("Lần khiếu nại phải là lần đầu hoặc lần hai."))
    obj = data.complaint_object or ""
    if data.kind == K.COMPLAINT:
        level = level or 1
        if level not in (1, 2):
            raise PetitionInvalidError(_("Lần khiếu nại phải là lần đầu hoặc lần hai."))
        if obj and obj not in Petition.ComplaintObject.values:
            raise PetitionInvalidError(_("Đối tượng khiếu nại không hợp lệ."))
    else:
        level, obj = None, ""
    if data.channel == Petition.Channel.FORWARDED and not data.forwarded_by.strip():
        raise PetitionInvalidError(_("Vui lòng ghi tên cơ quan chuyển đơn."))
    today = common.local_today()
    received_on = data.received_on or today
    if received_on > today:
        raise PetitionInvalidError(_("Ngày nhận đơn không được sau ngày hôm nay."))
    if received_on < today - dt.timedelta(days=3 * 365):
        raise PetitionInvalidError(_("Ngày nhận đơn quá xa so với hôm nay; vui lòng kiểm tra lại."))
    signatories = _int(data.signatory_count, _("Số người ký đơn phải từ 1 trở lên."))
    signatories = 1 if signatories is None else signatories
    if signatories < 1:
        raise PetitionInvalidError(_("Số người ký đơn phải từ 1 trở lên."))
    birth = _int(data.petitioner_birth_year, _("Năm sinh không hợp lệ."))
    if birth is not None and not (1900 <= birth <= today.year):
        raise PetitionInvalidError(_("Năm sinh không hợp lệ."))
    id_number = "".join((data.petitioner_id_number or "").split())
    if id_number and (not id_number.isalnum() or len(id_number) > 20):
        raise PetitionInvalidError(_("Số giấy tờ tùy thân không hợp lệ."))
    notify_email = (data.notify_email or "").strip()
    notify_phone = (data.notify_phone or "").strip()
    try:
        if notify_email:
            notify_email = normalize_recipient(channel="email", recipient=notify_email)
        if notify_phone:
            notify_phone = normalize_recipient(channel="sms", recipient=notify_phone)
    except NotificationRecipientInvalidError as exc:
        raise PetitionInvalidError(str(exc)) from exc
    anonymous = bool(data.anonymous) or not (data.petitioner_name or "").strip()
    return {
        "kind": data.kind,
        "channel": data.channel,
        "subject": subject,
        "content": content,
        "petitioner_name": "" if data.anonymous else (data.petitioner_name or "").strip()[:200],
        "petitioner_id_number": "" if data.anonymous else id_number,
        "petitioner_id_kind": (data.petitioner_id_kind or "").strip()[:40],
        "petitioner_birth_year": None if data.anonymous else birth,
        "petitioner_address": ""
        if data.anonymous
        else (data.petitioner_address or "").strip()[:400],
        "petitioner_phone": "" if data.anonymous else (data.petitioner_phone or "").strip()[:20],
        "petitioner_email": "" if data.anonymous else (data.petitioner_email or "").strip()[:254],
        "anonymous": anonymous,
        "signatory_count": signatories,
        "representatives": (data.representatives or "").strip()[:400],
        "respondent": (data.respondent or "").strip()[:300],
        "complaint_level": level,
        "complaint_object": obj,
        "forwarded_by": (data.forwarded_by or "").strip()[:300],
        "received_on": received_on,
        "judgment_reference": (data.judgment_reference or "").strip()[:300],
        "notify_email": notify_email,
        "notify_phone": notify_phone,
    }


def _flags(fields: dict[str, Any], *, office: Office) -> tuple[list[str], list[str]]:
    """The "store without processing" and duplicate signs, and the codes of possible
    duplicates (TT13 Art 8(4); ND152 Art 77). Flags only: the officer decides."""
    flags: list[str] = []
    if fields["anonymous"]:
        flags.append("anonymous")
        if fields["kind"] == K.DENUNCIATION:
            flags.append("anonymous_denunciation")
    elif not fields["petitioner_address"]:
        flags.append("no_address")
    if fields["signatory_count"] >= 5 and not fields["representatives"]:
        flags.append("group_without_representative")
    duplicates: list[str] = []
    if fields["petitioner_id_number"]:
        since = fields["received_on"] - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
        same = Q(subject__iexact=fields["subject"])
        if fields.get("case_id"):
            same |= Q(case_id=fields["case_id"])
        duplicates = list(
            Petition.objects.filter(
                same,
                petitioner_id_number=fields["petitioner_id_number"],
                kind=fields["kind"],
                received_on__gte=since,
            )
            .order_by("-received_at")
            .values_list("code", flat=True)[:5]
        )
        if duplicates:
            flags.append("possible_duplicate")
    return flags, duplicates


# --- attachments --------------------------------------------------------------------------------


def _store_attachments(*, actor: Any, office: Office, files: list[Any]) -> list[tuple[Any, Any]]:
    """Store each file through ``thads.documents`` (all checks there); outside any transaction
    (validation runs in a sandboxed child process). Refusal: nothing attached, clear message."""
    from thads.documents.exceptions import DocumentRejectedError
    from thads.documents.services import document_store

    if len(files) > MAX_ATTACHMENTS:
        raise PetitionAttachmentError(
            _("Mỗi đơn được đính kèm tối đa %(n)s tệp.") % {"n": MAX_ATTACHMENTS}
        )
    stored = []
    for item in files:
        if isinstance(item, UploadedFileLike):
            upload: Any = SimpleUploadedFile(item.name, item.content, item.content_type)
        else:
            upload = item
        try:
            document = document_store(
                actor=common.user_or_none(actor),
                office=office,
                purpose="petition",
                uploaded_file=upload,
            )
        except DocumentRejectedError as exc:
            raise PetitionAttachmentError(
                _("Tệp “%(name)s” không được chấp nhận: %(reason)s")
                % {"name": getattr(upload, "name", ""), "reason": exc}
            ) from exc
        stored.append((document, upload))
    return stored


# --- receive ------------------------------------------------------------------------------------


def _existing(idempotency_key: str | None) -> Petition | None:
    if not idempotency_key:
        return None
    return Petition.objects.filter(idempotency_key=idempotency_key[:64]).first()


def _receive(
    *,
    actor: Any,
    receiving_office: Office,
    data: PetitionIntake,
    idempotency_key: str | None,
    office: Office | None = None,
    previous: Petition | None = None,
    split_from: Petition | None = None,
    extra_flags: tuple[str, ...] = (),
) -> Petition:
    existing = _existing(idempotency_key)
    if existing is not None:
        return existing
    fields = _clean(data)
    judgment_id = data.judgment_id
    if office is None:
        office = petition_route(
            receiving_office=receiving_office,
            case_id=data.case_id,
            province_code=_int(data.province_code, _("Tỉnh, thành phố không hợp lệ.")),
            judgment_id=judgment_id,
        )
    elif judgment_id is not None and _judgment_office_id(judgment_id) is None:
        raise PetitionInvalidError(_("Không tìm thấy bản án, quyết định đã chọn."))
    fields["case_id"] = data.case_id
    flags, duplicates = _flags(fields, office=office)
    flags.extend(f for f in extra_flags if f not in flags)
    stored = _store_attachments(actor=actor, office=office, files=list(data.attachments or []))
    user = common.user_or_none(actor)
    try:
        with transaction.atomic():
            petition = None
            for _attempt in range(5):
                try:
                    with transaction.atomic():
                        petition = Petition.objects.create(
                            code=common.new_code(),
                            received_office=receiving_office,
                            office=office,
                            judgment_id=judgment_id,
                            previous=previous,
                            split_from=split_from,
                            flags=flags,
                            idempotency_key=(idempotency_key or None) and idempotency_key[:64],
                            created_by=user,
                            **fields,
                        )
                    break
                except IntegrityError:
                    if _existing(idempotency_key) is not None:
                        raise
                    continue  # a tracking-code collision (about 1 in 10^14): draw again
            if petition is None:
                raise PetitionStateError(_("Không tạo được mã tra cứu; vui lòng thử lại."))
            for document, upload in stored:
                PetitionAttachment.objects.create(
                    petition=petition,
                    document=document,
                    original_name=(getattr(upload, "name", "") or document.original_name)[:255],
                    content_type=document.mime,
                    size=document.size_bytes,
                    uploaded_by=user,
                )
            store_deadlines(petition=petition, computed=deadlines_for_receipt(petition=petition))
            note = ""
            if duplicates:
                note = _("Có thể trùng với đơn: %(codes)s.") % {"codes": ", ".join(duplicates)}
            if office.pk != receiving_office.pk:
                public = _("Đã tiếp nhận đơn; đơn được chuyển đến %(office)s để giải quyết.") % {
                    "office": office.name
                }
            else:
                public = _("Đã tiếp nhận đơn.")
            event = common.record(
                actor=actor,
                petition=petition,
                action="petition_received",
                summary=_("Tiếp nhận đơn %(code)s (%(kind)s)")
                % {"code": petition.code, "kind": petition.get_kind_display()},
                public_text=public,
                note=note,
                notify=False,
            )
            common.notify_citizen(petition=petition, event=event, template=common.RECEIVED_TEMPLATE)
            petition_id = petition.pk

            def _queue() -> None:
                from citizen_reception.tasks import petition_acknowledgement_render_task

                petition_acknowledgement_render_task.delay(petition_id=petition_id)

            transaction.on_commit(_queue)
    except IntegrityError:
        existing = _existing(idempotency_key)
        if existing is not None:
            return existing
        raise
    return petition


def petition_receive(
    *,
    actor: Any,
    receiving_office: Office,
    data: PetitionIntake,
    idempotency_key: str | None = None,
) -> Petition:
    """Receive one petition and return it (state RECEIVED).

    ``actor`` None is the public (online form; the channel must be ONLINE); staff need a
    receiving role and receive for ``receiving_office`` (their own office or one in scope).
    The same ``idempotency_key`` returns the petition already created (double submit). Makes
    the unguessable tracking code, routes (:func:`petition_route`: both the receiving and the
    responsible office see it), stores the attachments (``thads.documents`` checks), flags the
    "store without processing" and duplicate signs (``Petition.flags``; see
    :data:`PETITION_FLAG_LABELS`), starts the clocks (``PetitionDeadline``), records the public
    event "Đã tiếp nhận đơn", queues the citizen's notification (outbox) and, after commit, the
    acknowledgement PDF. Audit ``reception.petition_received``. Raises
    :class:`PetitionInvalidError`, :class:`PetitionAttachmentError`,
    :class:`PetitionPermissionError`.
    """
    if common.user_or_none(actor) is None:
        if data.channel != Petition.Channel.ONLINE:
            raise PetitionPermissionError(_("Đơn gửi trực tuyến phải chọn hình thức trực tuyến."))
    else:
        common.require_role(actor=actor, roles=RECEIVE_ROLES)
        if not common.actor_in_office_scope(actor=actor, office_id=receiving_office.pk):
            raise PetitionPermissionError(_("Bạn chỉ được tiếp nhận đơn tại đơn vị của mình."))
    return _receive(
        actor=actor, receiving_office=receiving_office, data=data, idempotency_key=idempotency_key
    )


def petition_appeal(
    *,
    actor: Any,
    previous: Petition,
    data: PetitionIntake,
    idempotency_key: str | None = None,
) -> Petition:
    """A second-level complaint or a further denunciation against the resolution of
    ``previous`` (which must be RESOLVED): a new petition with ``previous`` set, routed to the
    superior office of the one that resolved it (L2008 Art 142; Luật Tố cáo Art 37). A
    complaint becomes level 2 with the same object unless ``data`` names one; an appeal filed
    after the limit (rule ``complaint.appeal_limit``: 15 days from the first decision) is
    flagged ``late_appeal`` (the officer decides; obstacles are excluded). Public (``actor``
    None) or receiving staff.
    Raises :class:`PetitionStateError` when there is nothing to appeal or no superior office.
    """
    if previous.state != Petition.State.RESOLVED:
        raise PetitionStateError(_("Chỉ khiếu nại, tố cáo tiếp khi đơn trước đã được giải quyết."))
    data = dataclasses.replace(data)  # the caller's intake is left as it was
    if previous.kind == K.COMPLAINT:
        if previous.complaint_level == 2:
            raise PetitionStateError(
                _(
                    "Quyết định giải quyết khiếu nại lần hai có hiệu lực thi hành; "
                    "không khiếu nại tiếp."
                )
            )
        data.kind = K.COMPLAINT
        data.complaint_level = 2
        data.complaint_object = data.complaint_object or previous.complaint_object
    elif previous.kind == K.DENUNCIATION:
        data.kind = K.DENUNCIATION
        data.complaint_level = None
    else:
        raise PetitionStateError(_("Chỉ khiếu nại hoặc tố cáo mới được gửi lên cấp trên."))
    superior = previous.office.parent
    if superior is None:
        raise PetitionStateError(
            _("Đơn vị đã giải quyết không có cơ quan cấp trên trong hệ thống.")
        )
    data.case_id = data.case_id or previous.case_id
    data.judgment_id = data.judgment_id or previous.judgment_id
    if common.user_or_none(actor) is None:
        if data.channel != Petition.Channel.ONLINE:
            raise PetitionPermissionError(_("Đơn gửi trực tuyến phải chọn hình thức trực tuyến."))
        receiving = superior
    else:
        common.require_role(actor=actor, roles=RECEIVE_ROLES)
        receiving = actor.office
    extra: tuple[str, ...] = ()
    if previous.kind == K.COMPLAINT and previous.resolved_at is not None:
        from django.utils import timezone

        from citizen_reception.services.deadlines import deadline_compute

        limit = deadline_compute(
            code="complaint.appeal_limit",
            starts_on=timezone.localdate(previous.resolved_at),
            required=False,
        )
        if limit is not None and (data.received_on or common.local_today()) > limit.due_on:
            extra = ("late_appeal",)
    return _receive(
        actor=actor,
        receiving_office=receiving,
        data=data,
        idempotency_key=idempotency_key,
        office=superior,
        previous=previous,
        extra_flags=extra,
    )
