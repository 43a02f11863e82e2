"""One-time codes of the public forms: issue, check, expiry, lock, rate limit, never in clear."""

import datetime as dt
import json
import re

import pytest
from django.core import mail
from django.utils import timezone

from thads.audit.models import AuditEvent
from thads.integrations.models import IntegrationCall
from thads.notify import services
from thads.notify.exceptions import NotificationChannelError
from thads.notify.exceptions import OneTimeCodeRateLimitedError
from thads.notify.models import Channel
from thads.notify.models import Notification
from thads.notify.models import OneTimeCode
from thads.notify.services import one_time_code_check
from thads.notify.services import one_time_code_issue
from thads.notify.services import one_time_code_message
from thads.notify.services import one_time_code_verify
from thads.notify.types import OneTimeCodeCheck

pytestmark = pytest.mark.django_db

EMAIL = "nguoidan@example.vn"
PURPOSE = "citizen_reception.petition"
CODE = "482913"
T0 = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def fixed_code(monkeypatch):
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: int(CODE))
    return CODE


def issue(recipient=EMAIL, channel=Channel.EMAIL, now=T0, capture=None, **kwargs):
    if capture is None:
        one_time_code_issue(
            channel=channel, recipient=recipient, purpose=PURPOSE, now=now, **kwargs
        )
        return
    with capture(execute=True):
        one_time_code_issue(
            channel=channel, recipient=recipient, purpose=PURPOSE, now=now, **kwargs
        )


def sent_code() -> str:
    return re.search(r"Mã xác thực của bạn là (\d{6})\.", mail.outbox[-1].body).group(1)


def test_an_emailed_code_verifies_once(django_capture_on_commit_callbacks):
    issue(capture=django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.subject == "Mã xác thực THADS"
    code = sent_code()
    assert message.body == (
        f"Mã xác thực của bạn là {code}. Mã có hiệu lực trong 10 phút. "
        "Không chia sẻ mã này cho người khác.\n"
        "\n"
        "Nếu bạn không yêu cầu mã này, hãy bỏ qua thư.\n"
        "\n"
        "Hệ thống thông tin thi hành án dân sự"
    )
    assert (
        one_time_code_verify(
            recipient=" NguoiDan@Example.vn",
            purpose=PURPOSE,
            code=code,
            now=T0 + dt.timedelta(minutes=9),
        )
        is True
    )
    assert one_time_code_check(recipient=EMAIL, purpose=PURPOSE, code=code, now=T0) == (
        OneTimeCodeCheck.MISSING
    )
    otp = OneTimeCode.objects.get()
    assert otp.status == OneTimeCode.Status.USED
    assert otp.used_at == T0 + dt.timedelta(minutes=9)
    assert otp.expires_at == T0 + dt.timedelta(minutes=10)
    assert otp.recipient_masked == "ng******@example.vn"


def test_an_sms_code_goes_through_the_gateway_with_the_code_redacted_in_the_log(
    integration_simulator, fixed_code, django_capture_on_commit_callbacks
):
    issue(recipient="0912345681", channel=Channel.SMS, capture=django_capture_on_commit_callbacks)

    (received,) = integration_simulator.app.messages()
    assert received["payload"]["text"] == (
        "Mã xác thực của bạn là 482913. Mã có hiệu lực trong 10 phút. "
        "Không chia sẻ mã này cho người khác."
    )
    assert IntegrationCall.objects.get().request == {
        "phone": "09******81",
        "text": "Mã xác thực của bạn là ******. Mã có hiệu lực trong 10 phút. "
        "Không chia sẻ mã này cho người khác.",
    }
    assert Notification.objects.get().status == Notification.Status.SENT
    assert one_time_code_verify(recipient="0912345681", purpose=PURPOSE, code=CODE, now=T0)


def test_a_wrong_code_is_refused_and_counted(fixed_code):
    issue()

    assert one_time_code_check(recipient=EMAIL, purpose=PURPOSE, code="000000", now=T0) == (
        OneTimeCodeCheck.WRONG
    )
    assert OneTimeCode.objects.get().failed_attempts == 1
    assert one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code=CODE, now=T0) is True


def test_a_code_for_another_purpose_or_recipient_does_not_count(fixed_code):
    issue()

    assert not one_time_code_verify(recipient=EMAIL, purpose="other", code=CODE, now=T0)
    assert not one_time_code_verify(recipient="khac@example.vn", purpose=PURPOSE, code=CODE, now=T0)
    assert one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code=CODE, now=T0)


def test_a_code_expires_after_ten_minutes(fixed_code):
    issue()

    result = one_time_code_check(
        recipient=EMAIL, purpose=PURPOSE, code=CODE, now=T0 + dt.timedelta(minutes=10)
    )

    assert result == OneTimeCodeCheck.EXPIRED
    assert OneTimeCode.objects.get().status == OneTimeCode.Status.EXPIRED
    assert one_time_code_message(result) == "Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới."


def test_time_comes_from_the_clock_by_default(fixed_code, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: T0)
    one_time_code_issue(channel=Channel.EMAIL, recipient=EMAIL, purpose=PURPOSE)
    monkeypatch.setattr(timezone, "now", lambda: T0 + dt.timedelta(minutes=11))

    assert one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code=CODE) is False


def test_five_wrong_codes_lock_it(fixed_code):
    issue()

    results = [
        one_time_code_check(recipient=EMAIL, purpose=PURPOSE, code=f"00000{n}", now=T0)
        for n in range(5)
    ]

    assert results == [OneTimeCodeCheck.WRONG] * 4 + [OneTimeCodeCheck.LOCKED]
    assert one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code=CODE, now=T0) is False
    otp = OneTimeCode.objects.get()
    assert (otp.status, otp.failed_attempts) == (OneTimeCode.Status.LOCKED, 5)
    assert one_time_code_message(OneTimeCodeCheck.LOCKED) == (
        "Mã xác thực đã bị khóa do nhập sai 5 lần. Vui lòng yêu cầu mã mới."
    )


def test_a_new_code_replaces_the_previous_one(monkeypatch):
    codes = iter([111111, 222222])
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: next(codes))
    issue()
    issue(now=T0 + dt.timedelta(minutes=1))

    assert not one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code="111111", now=T0)
    assert one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code="222222", now=T0)
    assert list(OneTimeCode.objects.order_by("pk").values_list("status", flat=True)) == [
        OneTimeCode.Status.SUPERSEDED,
        OneTimeCode.Status.USED,
    ]


def test_more_than_three_codes_in_fifteen_minutes_are_refused():
    for minute in (0, 2, 5):
        issue(now=T0 + dt.timedelta(minutes=minute))

    with pytest.raises(OneTimeCodeRateLimitedError) as info:
        issue(now=T0 + dt.timedelta(minutes=6))

    assert info.value.message == (
        "Bạn đã yêu cầu quá 3 mã xác thực trong 15 phút. Vui lòng thử lại sau 9 phút."
    )
    assert info.value.retry_after_minutes == 9
    assert OneTimeCode.objects.count() == 3
    assert Notification.objects.count() == 3
    refusal = AuditEvent.objects.get(action="notify.otp_rate_limited")
    assert refusal.after == {
        "channel": "email",
        "purpose": PURPOSE,
        "recipient": "ng******@example.vn",
    }
    issue(now=T0 + dt.timedelta(minutes=15, seconds=1))
    assert OneTimeCode.objects.count() == 4


def test_the_rate_limit_counts_the_recipient_not_the_spelling():
    for recipient in ("0912345681", "+84912345681", "091 234 5681"):
        issue(recipient=recipient, channel=Channel.SMS)

    with pytest.raises(OneTimeCodeRateLimitedError):
        issue(recipient="0912.345.681", channel=Channel.SMS)


def test_codes_are_not_sent_through_vneid():
    with pytest.raises(NotificationChannelError) as info:
        issue(recipient="001085012341", channel=Channel.VNEID)

    assert info.value.message == "Mã xác thực chỉ gửi được qua thư điện tử hoặc tin nhắn SMS."


def test_the_code_is_never_stored_in_clear(fixed_code, django_capture_on_commit_callbacks):
    issue(capture=django_capture_on_commit_callbacks)
    one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code="000000", now=T0)
    one_time_code_verify(recipient=EMAIL, purpose=PURPOSE, code=CODE, now=T0)

    assert sent_code() == CODE  # delivered to the citizen, and nowhere else
    rows = [
        *OneTimeCode.objects.values(),
        *Notification.objects.values(),
        *AuditEvent.objects.values(),
        *IntegrationCall.objects.values(),
    ]
    stored = json.dumps(rows, default=str, ensure_ascii=False)
    assert CODE not in stored
    assert EMAIL not in json.dumps(
        [*OneTimeCode.objects.values(), *AuditEvent.objects.values()], default=str
    )
    actions = list(
        AuditEvent.objects.filter(action__startswith="notify.otp")
        .order_by("pk")
        .values_list("action", "after")
    )
    assert actions == [
        (
            "notify.otp_issued",
            {
                "channel": "email",
                "purpose": PURPOSE,
                "recipient": "ng******@example.vn",
                "expires_at": "2026-11-23T03:10:00.000000Z",
            },
        ),
        (
            "notify.otp_verify_failed",
            {"purpose": PURPOSE, "outcome": "wrong", "failed_attempts": 1},
        ),
        ("notify.otp_verified", {"purpose": PURPOSE, "outcome": "ok", "failed_attempts": 1}),
    ]


def test_checking_without_any_code_is_audited_as_missing():
    assert one_time_code_check(recipient=EMAIL, purpose=PURPOSE, code=CODE, now=T0) == (
        OneTimeCodeCheck.MISSING
    )

    event = AuditEvent.objects.get(action="notify.otp_verify_failed")
    assert event.after == {"purpose": PURPOSE, "outcome": "missing", "failed_attempts": 0}
