"""The outbox: queue in the caller's transaction, send after commit through each channel, retry."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from thads.audit.models import AuditEvent
from thads.integrations.models import IntegrationCall
from thads.notify import services
from thads.notify.exceptions import NotificationRecipientInvalidError
from thads.notify.exceptions import NotificationTemplateError
from thads.notify.models import Channel
from thads.notify.models import Notification
from thads.notify.selectors import notification_due_ids
from thads.notify.tasks import notification_send_task
from thads.notify.tasks import notifications_retry_due_task

pytestmark = pytest.mark.django_db

Status = Notification.Status
CONTEXT = {
    "object_label": "Đơn yêu cầu thi hành án số 12/2026",
    "new_status": "Đã tiếp nhận",
    "changed_at": dt.datetime(2026, 11, 23, 7, 5, tzinfo=dt.UTC),
    "lookup_url": "https://thads.example.gov.vn/tra-cuu/ABC123",
}
EMAIL_BODY = (
    "Kính gửi ông/bà,\n"
    "\n"
    "Đơn yêu cầu thi hành án số 12/2026 đã chuyển sang trạng thái: Đã tiếp nhận "
    "(lúc 14:05 23/11/2026).\n"
    "\n"
    "Tra cứu chi tiết tại: https://thads.example.gov.vn/tra-cuu/ABC123\n"
    "\n"
    "Đây là thư tự động của Hệ thống thông tin thi hành án dân sự, "
    "vui lòng không trả lời thư này."
)
SMS_TEXT = (
    "THADS: Đơn yêu cầu thi hành án số 12/2026 đã chuyển sang trạng thái Đã tiếp nhận. "
    "Tra cứu: https://thads.example.gov.vn/tra-cuu/ABC123"
)


def queue(channel, recipient, **kwargs):
    kwargs.setdefault("template", "generic_status_change")
    kwargs.setdefault("context", CONTEXT)
    return services.notification_queue(channel=channel, recipient=recipient, **kwargs)


def test_email_is_sent_after_commit_through_the_mail_backend(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = queue(Channel.EMAIL, " Nguyen.An@Example.VN ", office=office, related=office)

    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.subject == "Cập nhật trạng thái: Đơn yêu cầu thi hành án số 12/2026"
    assert message.body == EMAIL_BODY
    assert message.to == ["nguyen.an@example.vn"]
    assert message.from_email == "khong-tra-loi@thads.gov.vn"
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 1
    assert notification.provider_message_id == message.extra_headers["Message-ID"]
    assert notification.sent_at is not None
    assert notification.last_error == ""
    assert (notification.related_type, notification.related_id) == ("org.office", str(office.pk))
    assert notification.context["changed_at"] == "14:05 23/11/2026"
    assert list(
        AuditEvent.objects.filter(object_type="notify.notification")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["notify.notification_queued", "notify.notification_sent"]
    queued = AuditEvent.objects.get(action="notify.notification_queued")
    assert queued.after["recipient"] == "ng*******@example.vn"
    assert "nguyen.an" not in str(queued.after) + queued.object_repr


def test_the_task_is_queued_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notification = queue(Channel.EMAIL, "an@example.vn")

    assert len(callbacks) == 1
    assert notification.status == Status.QUEUED
    assert mail.outbox == []
    callbacks[0]()
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_same_idempotency_key_queues_one_notification(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = queue(Channel.EMAIL, "an@example.vn", idempotency_key="petition-5-received")
        second = queue(Channel.EMAIL, "an@example.vn", idempotency_key="petition-5-received")

    assert second.pk == first.pk
    assert Notification.objects.count() == 1
    assert len(callbacks) == 1


def test_sms_goes_through_the_gateway_adapter(
    integration_simulator, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(Channel.SMS, "+84 912 345 681", office=office)

    notification.refresh_from_db()
    (received,) = integration_simulator.app.messages()
    assert received["payload"] == {"phone": "0912345681", "text": SMS_TEXT}
    assert notification.status == Status.SENT
    assert notification.recipient == "0912345681"
    assert notification.provider_message_id == received["message_id"]
    call = IntegrationCall.objects.get()
    assert (call.operation, call.office, call.auto_retry) == ("sms.send", office, False)
    assert (call.object_type, call.object_id) == ("notify.notification", str(notification.pk))


def test_vneid_notice_records_the_sent_moment(
    integration_simulator, django_capture_on_commit_callbacks
):
    context = {**CONTEXT, "document_url": "https://thads.example.gov.vn/van-ban/QD-12"}

    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(Channel.VNEID, "001085012341", context=context)

    notification.refresh_from_db()
    (received,) = integration_simulator.app.messages()
    assert received["payload"]["title"] == (
        "Cập nhật trạng thái: Đơn yêu cầu thi hành án số 12/2026"
    )
    assert received["payload"]["document_url"] == "https://thads.example.gov.vn/van-ban/QD-12"
    assert notification.status == Status.SENT
    assert notification.provider_message_id == received["message_id"]
    call = IntegrationCall.objects.get()
    assert notification.sent_at == dt.datetime.fromisoformat(call.response["accepted_at"])


def test_a_temporary_failure_is_recorded_and_retried(
    integration_simulator, django_capture_on_commit_callbacks, monkeypatch
):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)

    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(Channel.SMS, "0912345687")

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.last_error == (
        "Hệ thống Cổng tin nhắn SMS tạm thời không phục vụ (mã HTTP 503)."
    )
    assert notification.claimed_at == now
    assert notification.next_retry_at == now + dt.timedelta(minutes=1)
    assert AuditEvent.objects.filter(action="notify.notification_failed").count() == 1

    integration_simulator.app.configure(failures=False)
    assert notification_due_ids() == []
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=1))
    assert notifications_retry_due_task() == 1

    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.SENT, 2)
    assert notification.last_error == ""
    assert notification.next_retry_at is None
    call = IntegrationCall.objects.get()
    assert (call.attempts, call.status) == (2, IntegrationCall.Status.SUCCEEDED)


def test_a_permanent_failure_is_not_retried(
    integration_simulator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(Channel.VNEID, "001085012340")

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.last_error == (
        "Hệ thống VNeID không tìm thấy người nhận hoặc đối tượng được hỏi (mã HTTP 404)."
    )
    assert notification.next_retry_at is None
    assert notification_due_ids() == []


def test_retries_stop_after_five_attempts(
    integration_simulator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(Channel.SMS, "0912345687")
    for _ in range(4):
        Notification.objects.filter(pk=notification.pk).update(
            next_retry_at=timezone.now() - dt.timedelta(seconds=1)
        )
        notifications_retry_due_task()

    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.FAILED, 5)
    assert notification.next_retry_at is None
    assert len(integration_simulator.app.messages()) == 5


@pytest.mark.parametrize(
    ("error", "message", "retry"),
    [
        (
            smtplib.SMTPServerDisconnected("gone"),
            "Không gửi được thư điện tử: máy chủ thư không phản hồi hoặc từ chối.",
            True,
        ),
        (
            smtplib.SMTPRecipientsRefused({"an@example.vn": (550, b"no such user")}),
            "Máy chủ thư từ chối địa chỉ người nhận.",
            False,
        ),
    ],
)
def test_mail_server_failures(
    monkeypatch, django_capture_on_commit_callbacks, error, message, retry
):
    def refuse(self, fail_silently=False):
        raise error

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(Channel.EMAIL, "an@example.vn")

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.last_error == message
    assert (notification.next_retry_at is not None) is retry


def test_sending_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(Channel.EMAIL, "an@example.vn")

    assert notification_send_task(notification_id=notification.pk) == Status.SENT
    assert services.notification_send(notification=notification).status == Status.SENT
    assert len(mail.outbox) == 1
    assert notification_send_task(notification_id=999_999) == "missing"


def test_lost_tasks_are_picked_up_by_the_sweeper(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        lost = queue(Channel.EMAIL, "an@example.vn")
        fresh = queue(Channel.EMAIL, "binh@example.vn")
    Notification.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=11)
    )

    assert notification_due_ids() == [lost.pk]
    notifications_retry_due_task()

    assert [m.to for m in mail.outbox] == [["an@example.vn"]]
    fresh.refresh_from_db()
    assert fresh.status == Status.QUEUED


def test_a_notification_being_sent_is_left_alone_until_stale():
    notification = queue(Channel.EMAIL, "an@example.vn")
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.SENDING, attempts=1, claimed_at=timezone.now()
    )

    assert services.notification_send(notification=notification).status == Status.SENDING
    assert mail.outbox == []

    Notification.objects.filter(pk=notification.pk).update(
        claimed_at=timezone.now() - dt.timedelta(minutes=11)
    )
    assert notification_due_ids() == [notification.pk]
    assert services.notification_send(notification=notification).status == Status.SENT


@pytest.mark.parametrize(
    ("channel", "recipient", "message"),
    [
        (Channel.EMAIL, "khong-phai-email", "Địa chỉ thư điện tử không hợp lệ."),
        (
            Channel.SMS,
            "024 3825 1234",
            "Số điện thoại không hợp lệ: cần số di động Việt Nam gồm 10 chữ số, ví dụ 0912345678.",
        ),
        (Channel.VNEID, "0010850123", "Số định danh cá nhân không hợp lệ: cần đủ 12 chữ số."),
    ],
)
def test_invalid_recipients_are_refused(channel, recipient, message):
    with pytest.raises(NotificationRecipientInvalidError) as info:
        queue(channel, recipient)

    assert info.value.message == message
    assert Notification.objects.count() == 0


def test_an_unknown_template_is_refused():
    with pytest.raises(NotificationTemplateError) as info:
        queue(Channel.SMS, "0912345681", template="khong_co")

    assert info.value.message == "Không tìm thấy mẫu thông báo “notify/khong_co.sms.txt”."


def test_secret_context_is_stored_masked_and_sealed_until_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notification = services.notification_queue(
            channel=Channel.EMAIL,
            recipient="an@example.vn",
            template="one_time_code",
            context={"minutes": 10},
            secret_context={"code": "482913"},
        )

    assert notification.body.startswith("Mã xác thực của bạn là ******.")
    assert notification.sealed != ""
    assert "482913" not in notification.sealed
    callbacks[0]()

    notification.refresh_from_db()
    assert mail.outbox[0].body.startswith("Mã xác thực của bạn là 482913.")
    assert notification.sealed == ""
    assert "482913" not in notification.body + notification.subject + str(notification.context)


def test_a_given_up_secret_message_is_never_sent_masked(
    monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        notification = services.notification_queue(
            channel=Channel.EMAIL,
            recipient="an@example.vn",
            template="one_time_code",
            context={"minutes": 10},
            secret_context={"code": "482913"},
        )
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.FAILED, attempts=5, sealed=""
    )

    notification = services.notification_send(notification=notification)

    assert mail.outbox == []
    assert notification.status == Status.FAILED
    assert notification.last_error == (
        "Nội dung bảo mật của thông báo đã bị xóa; không thể gửi lại."
    )
    assert notification.next_retry_at is None


def test_notify_refuses_to_send_inside_a_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        notification = queue(Channel.EMAIL, "an@example.vn")

    with transaction.atomic(), pytest.raises(RuntimeError):
        services.notification_send(notification=notification)

    assert mail.outbox == []
