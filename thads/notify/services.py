"""Writes of the notify app: queue and send notifications, issue and check one-time codes.

Notifications (outbox): :func:`notification_queue` runs inside the caller's transaction and
queues :func:`~thads.notify.tasks.notification_send_task` after commit;
:func:`notification_send` (the task's service) claims the row, delivers outside any transaction
(network I/O), and records the outcome. A temporary failure gets ``next_retry_at`` with
exponential backoff (1, 2, 4, 8 minutes) and the beat task ``notifications_retry_due_task``
sends it again, ``policy.MAX_ATTEMPTS`` times in all (numbers in ``thads.notify.policy``).

One-time codes (public forms of citizen reception): 6 digits from ``secrets``, valid
:data:`OTP_TTL`, locked after :data:`OTP_MAX_FAILED` wrong tries, at most
:data:`OTP_RATE_LIMIT` codes per recipient in :data:`OTP_RATE_WINDOW`. The code is never stored
in clear (an HMAC under ``SECRET_KEY``); the audit trail records issues and checks without it.
A per-address limit only; the calling view adds its own per-client-address limit.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import secrets
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import make_msgid
from typing import TYPE_CHECKING
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from thads.audit.services import audit_log
from thads.integrations import adapters
from thads.integrations.exceptions import IntegrationError
from thads.integrations.exceptions import IntegrationSealError
from thads.integrations.masking import SECRET_MASK
from thads.integrations.masking import mask_recipient
from thads.integrations.masking import redact
from thads.integrations.sealing import seal
from thads.integrations.sealing import unseal
from thads.notify.exceptions import NotificationChannelError
from thads.notify.exceptions import NotificationRecipientInvalidError
from thads.notify.exceptions import OneTimeCodeRateLimitedError
from thads.notify.models import Channel
from thads.notify.models import Notification
from thads.notify.models import OneTimeCode
from thads.notify.models import OneTimeCodeRecipient
from thads.notify.policy import MAX_ATTEMPTS
from thads.notify.policy import OTP_MAX_FAILED
from thads.notify.policy import OTP_RATE_LIMIT
from thads.notify.policy import OTP_RATE_WINDOW
from thads.notify.policy import OTP_TTL
from thads.notify.policy import SENDING_STALE_AFTER
from thads.notify.policy import retry_delay
from thads.notify.rendering import render_message
from thads.notify.types import OneTimeCodeCheck

if TYPE_CHECKING:
    from django.db.models import Model

    from thads.org.models import Office

logger = logging.getLogger(__name__)

Status = Notification.Status

OTP_CHANNELS = frozenset({Channel.EMAIL, Channel.SMS})
OTP_TEMPLATE = "one_time_code"

_PHONE = re.compile(r"^0[35789]\d{8}$")
_CITIZEN_ID = re.compile(r"^\d{12}$")


# --- Recipients ---------------------------------------------------------------------------------


def _normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def normalize_recipient(*, channel: str, recipient: str) -> str:
    """The canonical form of a recipient for ``channel``; ``NotificationRecipientInvalidError``.

    E-mail: trimmed, lower case, valid address. SMS: a Vietnamese mobile number of 10 digits
    (``+84`` becomes ``0``). VNeID: the 12-digit personal identification number.
    """
    value = (recipient or "").strip()
    if channel == Channel.EMAIL:
        value = value.lower()
        try:
            validate_email(value)
        except ValidationError as exc:
            raise NotificationRecipientInvalidError(_("Địa chỉ thư điện tử không hợp lệ.")) from exc
        return value
    if channel == Channel.SMS:
        value = _normalize_phone(value)
        if not _PHONE.match(value):
            raise NotificationRecipientInvalidError(
                _(
                    "Số điện thoại không hợp lệ: cần số di động Việt Nam gồm 10 chữ số, "
                    "ví dụ 0912345678."
                )
            )
        return value
    if channel == Channel.VNEID:
        if not _CITIZEN_ID.match(value):
            raise NotificationRecipientInvalidError(
                _("Số định danh cá nhân không hợp lệ: cần đủ 12 chữ số.")
            )
        return value
    raise NotificationChannelError


def _reference(related: Model | None) -> tuple[str, str]:
    if related is None:
        return "", ""
    return related._meta.label_lower, str(related.pk)


def _plain(value: Any) -> Any:
    """A context value as stored and rendered: JSON types, dates written the Vietnamese way."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


# --- Queue --------------------------------------------------------------------------------------


@transaction.atomic
def notification_queue(
    *,
    channel: str,
    recipient: str,
    template: str,
    context: Mapping[str, Any],
    office: Office | None = None,
    related: Model | None = None,
    idempotency_key: str | None = None,
    secret_context: Mapping[str, str] | None = None,
) -> Notification:
    """Queue one notification, rendered now in Vietnamese; returns it (QUEUED).

    Runs in the caller's transaction, so the notification exists exactly when the change it
    reports does; ``notification_send_task`` is queued after commit. The same
    ``idempotency_key`` returns the notification already queued (no second message).
    ``context`` must hold no secrets (it is stored); ``secret_context`` values (a one-time
    code) are rendered into the message but stored only masked, the real text encrypted until
    sent. Dates and datetimes in the context are written dd/mm/yyyy (HH:MM). Audit event
    ``notify.notification_queued`` (recipient masked). Raises
    ``NotificationRecipientInvalidError``, ``NotificationChannelError``,
    ``NotificationTemplateError``.
    """
    if idempotency_key:
        existing = Notification.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if channel not in Channel.values:
        raise NotificationChannelError
    address = normalize_recipient(channel=channel, recipient=recipient)
    with translation.override("vi"):
        stored_context = _plain(dict(context))
        hidden = {str(k): str(v) for k, v in (secret_context or {}).items()}
    subject, body = render_message(
        template=template,
        channel=channel,
        context={**stored_context, **dict.fromkeys(hidden, SECRET_MASK)},
    )
    sealed = ""
    if hidden:
        real_subject, real_body = render_message(
            template=template, channel=channel, context={**stored_context, **hidden}
        )
        sealed = seal(
            {"subject": real_subject, "body": real_body, "secrets": list(hidden.values())}
        )
    related_type, related_id = _reference(related)
    notification = Notification(
        channel=channel,
        recipient=address,
        template=template,
        context=stored_context,
        subject=subject[:255],
        body=body,
        sealed=sealed,
        office=office,
        related_type=related_type,
        related_id=related_id,
        idempotency_key=idempotency_key or f"auto-{secrets.token_urlsafe(24)}",
    )
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        # A concurrent call with the same key won the insert: return its notification.
        return Notification.objects.get(idempotency_key=idempotency_key)
    audit_log(
        actor=None,
        action="notify.notification_queued",
        target=notification,
        office=office,
        after={
            "channel": channel,
            "recipient": notification.recipient_masked,
            "template": template,
            "related": f"{related_type}#{related_id}" if related_type else "",
        },
        summary=_("Đưa thông báo vào hàng đợi gửi (%(channel)s)")
        % {"channel": notification.get_channel_display()},
    )
    notification_id = notification.pk

    def _queue_send() -> None:
        from thads.notify.tasks import notification_send_task

        notification_send_task.delay(notification_id=notification_id)

    transaction.on_commit(_queue_send)
    return notification


# --- Send ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Delivery:
    sent: bool
    provider_message_id: str = ""
    sent_at: dt.datetime | None = None
    error: str = ""
    retryable: bool = False


def _claim(notification_id: int) -> Notification | None:
    """Mark the notification SENDING for one more attempt (own transaction); None to skip."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        row = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if row is None or row.status == Status.SENT:
            return None
        claimed_at = row.claimed_at or row.created_at
        if row.status == Status.SENDING and claimed_at > now - SENDING_STALE_AFTER:
            return None
        row.status = Status.SENDING
        row.attempts += 1
        row.claimed_at = now
        row.next_retry_at = None
        row.save(update_fields=["status", "attempts", "claimed_at", "next_retry_at"])
        return row


def _deliver(notification: Notification, subject: str, body: str, hidden: list[str]) -> _Delivery:
    """Hand the message to its channel; never raises for a delivery problem."""
    if notification.channel == Channel.EMAIL:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "thads.gov.vn"
        message_id = make_msgid(domain=domain)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient],
            headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated"},
        )
        try:
            message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused:
            return _Delivery(
                sent=False, error=_("Máy chủ thư từ chối địa chỉ người nhận."), retryable=False
            )
        except (smtplib.SMTPException, OSError):
            return _Delivery(
                sent=False,
                error=_("Không gửi được thư điện tử: máy chủ thư không phản hồi hoặc từ chối."),
                retryable=True,
            )
        return _Delivery(sent=True, provider_message_id=message_id, sent_at=timezone.now())
    key = f"notification-{notification.pk}"
    try:
        if notification.channel == Channel.SMS:
            receipt = adapters.sms_send(
                phone=notification.recipient,
                text=body,
                idempotency_key=key,
                office=notification.office,
                related=notification,
                auto_retry=False,
                sensitive=hidden,
            )
        else:
            receipt = adapters.vneid_send_notice(
                citizen_id=notification.recipient,
                title=subject,
                body=body,
                document_url=str(notification.context.get("document_url", "")),
                idempotency_key=key,
                office=notification.office,
                related=notification,
                auto_retry=False,
            )
    except IntegrationError as exc:
        return _Delivery(sent=False, error=exc.message, retryable=exc.retryable)
    return _Delivery(
        sent=True, provider_message_id=receipt.provider_message_id, sent_at=receipt.accepted_at
    )


def _finish(notification_id: int, delivery: _Delivery) -> Notification:
    """Record the outcome of the attempt (own transaction, audited)."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        row = Notification.objects.select_for_update().get(pk=notification_id)
        if delivery.sent:
            row.status = Status.SENT
            row.provider_message_id = delivery.provider_message_id[:255]
            row.sent_at = delivery.sent_at or now
            row.last_error = ""
            row.next_retry_at = None
            row.sealed = ""
            action = "notify.notification_sent"
            summary = _("Đã gửi thông báo (%(channel)s)")
        else:
            row.status = Status.FAILED
            row.last_error = delivery.error
            if delivery.retryable and row.attempts < MAX_ATTEMPTS:
                row.next_retry_at = now + retry_delay(row.attempts)
            else:
                row.next_retry_at = None
                row.sealed = ""
            action = "notify.notification_failed"
            summary = _("Gửi thông báo lỗi (%(channel)s)")
        row.save()
        audit_log(
            actor=None,
            action=action,
            target=row,
            office=row.office,
            after={
                "status": row.status,
                "attempts": row.attempts,
                "error": row.last_error,
                "next_retry_at": row.next_retry_at,
                "provider_message_id": row.provider_message_id,
            },
            summary=summary % {"channel": row.get_channel_display()},
        )
    return row


def notification_send(*, notification: Notification) -> Notification:
    """Send one notification through its channel and record the outcome; returns it.

    E-mail goes through Django's mail backend; SMS and VNeID through ``thads.integrations``
    (the integration call log keeps the evidence; for VNeID, ``sent_at`` is VNeID's "sent"
    moment, the valid-notice moment of Decree 152 Art 15). Idempotent: a SENT notification,
    or one another worker is sending, is returned unchanged. A temporary failure leaves it
    FAILED with a Vietnamese ``last_error`` and ``next_retry_at``; a permanent one (refused
    address, 4xx) leaves no retry. Audit events ``notify.notification_sent`` /
    ``notify.notification_failed``. Must run outside ``transaction.atomic`` (network I/O).
    """
    claimed = _claim(notification.pk)
    if claimed is None:
        return Notification.objects.get(pk=notification.pk)
    with translation.override("vi"):
        subject, body, hidden = claimed.subject, claimed.body, []
        if not claimed.sealed and SECRET_MASK in body:
            # The secret (a one-time code) was erased when the message was given up: sending
            # the masked text would only confuse the citizen.
            return _finish(
                claimed.pk,
                _Delivery(
                    sent=False,
                    error=_("Nội dung bảo mật của thông báo đã bị xóa; không thể gửi lại."),
                ),
            )
        if claimed.sealed:
            try:
                kept = unseal(claimed.sealed)
            except IntegrationSealError as exc:
                return _finish(claimed.pk, _Delivery(sent=False, error=exc.message))
            subject, body, hidden = kept["subject"], kept["body"], list(kept["secrets"])
        delivery = _deliver(claimed, subject, body, hidden)
        if hidden and delivery.error:
            delivery = _Delivery(
                sent=False, error=redact(delivery.error, hidden), retryable=delivery.retryable
            )
        return _finish(claimed.pk, delivery)


# --- One-time codes -----------------------------------------------------------------------------


def _recipient_key(recipient: str) -> str:
    """The lookup form of an address typed by a citizen (e-mail or phone)."""
    value = (recipient or "").strip()
    return value.lower() if "@" in value else _normalize_phone(value)


def _digest(key: str) -> str:
    return salted_hmac("thads.notify.one_time_code.recipient", key, algorithm="sha256").hexdigest()


def _code_hash(*, digest: str, purpose: str, code: str) -> str:
    return salted_hmac(
        "thads.notify.one_time_code", f"{digest}:{purpose}:{code}", algorithm="sha256"
    ).hexdigest()


def _rate_limited_message(minutes: int) -> str:
    return _(
        "Bạn đã yêu cầu quá %(limit)s mã xác thực trong %(window)s phút. "
        "Vui lòng thử lại sau %(minutes)s phút."
    ) % {
        "limit": OTP_RATE_LIMIT,
        "window": int(OTP_RATE_WINDOW.total_seconds() // 60),
        "minutes": minutes,
    }


def _lock_recipient(digest: str, now: dt.datetime) -> OneTimeCodeRecipient:
    row = OneTimeCodeRecipient.objects.select_for_update().filter(pk=digest).first()
    if row is None:
        OneTimeCodeRecipient.objects.bulk_create(
            [OneTimeCodeRecipient(digest=digest, last_issued_at=None)], ignore_conflicts=True
        )
        row = OneTimeCodeRecipient.objects.select_for_update().get(pk=digest)
    return row


def one_time_code_issue(
    *,
    channel: str,
    recipient: str,
    purpose: str,
    office: Office | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Send a new 6-digit code to an e-mail address or a phone, for ``purpose``.

    Earlier active codes of the same recipient and purpose stop working. The code is stored
    only as an HMAC; the message is queued (``one_time_code`` template) after commit. Audit
    event ``notify.otp_issued`` (recipient masked, no code). Raises
    ``OneTimeCodeRateLimitedError`` (more than 3 codes per recipient in 15 minutes; audited as
    ``notify.otp_rate_limited``), ``NotificationChannelError`` (VNeID) and
    ``NotificationRecipientInvalidError``.
    """
    if channel not in OTP_CHANNELS:
        raise NotificationChannelError(
            _("Mã xác thực chỉ gửi được qua thư điện tử hoặc tin nhắn SMS.")
        )
    address = normalize_recipient(channel=channel, recipient=recipient)
    moment = now or timezone.now()
    digest = _digest(_recipient_key(address))
    masked = mask_recipient(address)
    try:
        _issue(
            channel=channel,
            address=address,
            digest=digest,
            masked=masked,
            purpose=purpose,
            office=office,
            now=moment,
        )
    except OneTimeCodeRateLimitedError:
        with transaction.atomic():
            audit_log(
                actor=None,
                action="notify.otp_rate_limited",
                office=office,
                after={"channel": channel, "purpose": purpose, "recipient": masked},
                summary=_("Từ chối cấp mã xác thực: vượt giới hạn số lần yêu cầu"),
            )
        raise


@transaction.atomic
def _issue(
    *,
    channel: str,
    address: str,
    digest: str,
    masked: str,
    purpose: str,
    office: Office | None,
    now: dt.datetime,
) -> None:
    lock = _lock_recipient(digest, now)
    window_start = now - OTP_RATE_WINDOW
    recent = list(
        OneTimeCode.objects.filter(recipient_digest=digest, created_at__gt=window_start)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) >= OTP_RATE_LIMIT:
        wait = recent[0] + OTP_RATE_WINDOW - now
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        raise OneTimeCodeRateLimitedError(
            _rate_limited_message(minutes), retry_after_minutes=minutes
        )
    OneTimeCode.objects.filter(
        recipient_digest=digest, purpose=purpose, status=OneTimeCode.Status.ACTIVE
    ).update(status=OneTimeCode.Status.SUPERSEDED)
    code = f"{secrets.randbelow(10**6):06d}"
    otp = OneTimeCode.objects.create(
        channel=channel,
        purpose=purpose,
        recipient_digest=digest,
        recipient_masked=masked,
        code_hash=_code_hash(digest=digest, purpose=purpose, code=code),
        expires_at=now + OTP_TTL,
        office=office,
        created_at=now,
    )
    lock.last_issued_at = now
    lock.save(update_fields=["last_issued_at"])
    notification = notification_queue(
        channel=channel,
        recipient=address,
        template=OTP_TEMPLATE,
        context={"minutes": int(OTP_TTL.total_seconds() // 60)},
        secret_context={"code": code},
        office=office,
        related=otp,
        idempotency_key=f"one-time-code-{otp.pk}",
    )
    otp.notification = notification
    otp.save(update_fields=["notification"])
    audit_log(
        actor=None,
        action="notify.otp_issued",
        target=otp,
        office=office,
        after={
            "channel": channel,
            "purpose": purpose,
            "recipient": masked,
            "expires_at": otp.expires_at,
        },
        summary=_("Cấp mã xác thực một lần"),
    )


@transaction.atomic
def one_time_code_check(
    *, recipient: str, purpose: str, code: str, now: dt.datetime | None = None
) -> OneTimeCodeCheck:
    """Check a code typed by a citizen; returns why it is accepted or not.

    Only the latest code of the recipient and purpose counts. A right code is used up (OK
    once). A wrong one counts; the 5th wrong try locks the code (LOCKED). Past 10 minutes it is
    EXPIRED; no code (or a used, superseded one) is MISSING. Audit events
    ``notify.otp_verified`` / ``notify.otp_verify_failed`` (outcome and count, never the code).
    """
    moment = now or timezone.now()
    digest = _digest(_recipient_key(recipient))
    otp = (
        OneTimeCode.objects.select_for_update()
        .filter(recipient_digest=digest, purpose=purpose)
        .exclude(status=OneTimeCode.Status.SUPERSEDED)
        .order_by("-created_at", "-pk")
        .first()
    )
    outcome = _check(otp, digest=digest, purpose=purpose, code=code, now=moment)
    audit_log(
        actor=None,
        action="notify.otp_verified"
        if outcome == OneTimeCodeCheck.OK
        else "notify.otp_verify_failed",
        target=otp,
        office=otp.office if otp is not None else None,
        after={
            "purpose": purpose,
            "outcome": outcome.value,
            "failed_attempts": otp.failed_attempts if otp is not None else 0,
        },
        summary=_("Kiểm tra mã xác thực: %(outcome)s")
        % {"outcome": one_time_code_message(outcome)},
    )
    return outcome


def _check(
    otp: OneTimeCode | None, *, digest: str, purpose: str, code: str, now: dt.datetime
) -> OneTimeCodeCheck:
    if otp is None or otp.status in (OneTimeCode.Status.USED, OneTimeCode.Status.SUPERSEDED):
        return OneTimeCodeCheck.MISSING
    if otp.status == OneTimeCode.Status.LOCKED:
        return OneTimeCodeCheck.LOCKED
    if otp.status == OneTimeCode.Status.EXPIRED or now >= otp.expires_at:
        if otp.status != OneTimeCode.Status.EXPIRED:
            otp.status = OneTimeCode.Status.EXPIRED
            otp.save(update_fields=["status"])
        return OneTimeCodeCheck.EXPIRED
    typed = re.sub(r"\s", "", code or "")
    if constant_time_compare(_code_hash(digest=digest, purpose=purpose, code=typed), otp.code_hash):
        otp.status = OneTimeCode.Status.USED
        otp.used_at = now
        otp.save(update_fields=["status", "used_at"])
        return OneTimeCodeCheck.OK
    otp.failed_attempts += 1
    if otp.failed_attempts >= OTP_MAX_FAILED:
        otp.status = OneTimeCode.Status.LOCKED
    otp.save(update_fields=["failed_attempts", "status"])
    return (
        OneTimeCodeCheck.LOCKED
        if otp.status == OneTimeCode.Status.LOCKED
        else OneTimeCodeCheck.WRONG
    )


def one_time_code_verify(
    *, recipient: str, purpose: str, code: str, now: dt.datetime | None = None
) -> bool:
    """True when ``code`` is the recipient's current code for ``purpose`` (then used up).

    The reason of a refusal is :func:`one_time_code_check`'s outcome; the form can show
    :func:`one_time_code_message` for it.
    """
    return one_time_code_check(recipient=recipient, purpose=purpose, code=code, now=now) == (
        OneTimeCodeCheck.OK
    )


def one_time_code_message(outcome: OneTimeCodeCheck) -> str:
    """The Vietnamese sentence a public form shows for a check outcome."""
    return {
        OneTimeCodeCheck.OK: _("Mã xác thực hợp lệ."),
        OneTimeCodeCheck.WRONG: _("Mã xác thực không đúng."),
        OneTimeCodeCheck.EXPIRED: _("Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới."),
        OneTimeCodeCheck.LOCKED: _(
            "Mã xác thực đã bị khóa do nhập sai %(count)s lần. Vui lòng yêu cầu mã mới."
        )
        % {"count": OTP_MAX_FAILED},
        OneTimeCodeCheck.MISSING: _(
            "Không có mã xác thực còn hiệu lực cho địa chỉ này. Vui lòng yêu cầu mã mới."
        ),
    }[outcome]
