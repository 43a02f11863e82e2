"""Service of documents: channel rules, valid notice per channel (both law versions), VNeID
through the local simulator (success, timeout and retry), the portal opening."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from enforcement.exceptions import ServiceError
from enforcement.models import Case
from enforcement.models import Deadline
from enforcement.models import ServedDocument
from enforcement.models import ServiceAttempt
from enforcement.models import ServiceChannel
from enforcement.services import actions_retry_due
from enforcement.services import portal_access_create
from enforcement.services import portal_open
from enforcement.services import served_document_create
from enforcement.services import service_attempt_record
from enforcement.services import service_channel_rule
from enforcement.services import service_vneid_send
from enforcement.tasks.actions import actions_retry_due_task
from thads.audit.models import AuditEvent
from thads.integrations.models import IntegrationCall

pytestmark = pytest.mark.django_db

NEW_DAY = dt.date(2026, 11, 2)  # under ND152 (from 01/07/2026)
OLD_DAY = dt.date(2026, 5, 4)  # under L2008 / ND62


def local(y, m, d, hh=0, mm=0):
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))  # noqa: DTZ001


def make_doc(case, officer, **kw):
    fields = {
        "title": "Quyết định thi hành án số 12/QĐ-THADS",
        "document_date": NEW_DAY,
        "recipient_name": case.debtor_name,
        "recipient_id_number": "001085012345",
        "recipient_address": case.debtor_address,
        "is_enforcement_decision": True,
    }
    fields.update(kw)
    return served_document_create(actor=officer, case=case, **fields)


@pytest.mark.parametrize(
    ("day", "decision", "has_id", "has_address", "channel", "version"),
    [
        (NEW_DAY, True, True, True, ServiceChannel.PHYSICAL, "ND152"),
        (NEW_DAY, False, True, True, ServiceChannel.VNEID, "ND152"),
        (NEW_DAY, False, False, True, ServiceChannel.PHYSICAL, "ND152"),
        (NEW_DAY, False, False, False, ServiceChannel.POSTING, "ND152"),
        (NEW_DAY, True, False, False, ServiceChannel.POSTING, "ND152"),
        (NEW_DAY, True, True, False, ServiceChannel.POSTING, "ND152"),
        (OLD_DAY, False, True, True, ServiceChannel.PHYSICAL, "L2008"),
        (OLD_DAY, True, True, False, ServiceChannel.POSTING, "L2008"),
    ],
)
def test_channel_rule_by_law_version(day, decision, has_id, has_address, channel, version):
    chosen = service_channel_rule(
        document_date=day,
        is_enforcement_decision=decision,
        has_id_number=has_id,
        has_address=has_address,
    )

    assert (chosen.channel, chosen.law_version) == (channel, version)


def test_enforcement_decision_is_served_physically_with_the_reason(case, officer):
    doc = make_doc(case, officer)

    assert doc.required_channel == ServiceChannel.PHYSICAL
    assert doc.channel_reason == (
        "Quyết định thi hành án được giao trực tiếp (Điều 15–20 Nghị định 152/2026/NĐ-CP)."
    )
    assert AuditEvent.objects.filter(action="enforcement.served_document_created").count() == 1


def test_physical_delivery_needs_the_signed_minutes(case, officer):
    doc = make_doc(case, officer)

    with pytest.raises(ServiceError) as error:
        service_attempt_record(
            actor=officer,
            served_document=doc,
            channel=ServiceChannel.PHYSICAL,
            succeeded=True,
            evidence_date=dt.date(2026, 11, 3),
        )

    assert error.value.message == "Cần tải lên biên bản giao nhận hoặc phiếu báo phát có chữ ký."
    assert ServiceAttempt.objects.count() == 0


def test_physical_delivery_gives_valid_notice_on_the_minutes_date_and_starts_voluntary_period(
    case, officer, make_document, samples
):
    doc = make_doc(case, officer)
    minutes = make_document(case.office, samples / "scan.png")

    attempt = service_attempt_record(
        actor=officer,
        served_document=doc,
        channel=ServiceChannel.PHYSICAL,
        succeeded=True,
        evidence_date=dt.date(2026, 11, 3),
        evidence=minutes,
        received_by="Trần Thị Hoa (vợ)",
    )

    doc.refresh_from_db()
    case.refresh_from_db()
    assert attempt.valid_notice_at == local(2026, 11, 3)
    assert (doc.status, doc.valid_notice_at, doc.valid_notice_attempt) == (
        ServedDocument.Status.SERVED,
        local(2026, 11, 3),
        attempt,
    )
    assert doc.case_notified is True
    assert case.state == Case.State.VOLUNTARY_PERIOD
    voluntary = Deadline.objects.get(case=case, rule_code="T9_VOLUNTARY_PERIOD")
    assert (voluntary.trigger_on, voluntary.due_on) == (dt.date(2026, 11, 3), dt.date(2026, 11, 13))


def test_posting_needs_a_failed_delivery_first(case, officer):
    doc = make_doc(case, officer)

    with pytest.raises(ServiceError) as error:
        service_attempt_record(
            actor=officer,
            served_document=doc,
            channel=ServiceChannel.POSTING,
            succeeded=True,
            evidence_date=dt.date(2026, 11, 3),
        )

    assert error.value.message == (
        "Chỉ niêm yết công khai khi đã giao trực tiếp không thành công hoặc không rõ địa chỉ "
        "người nhận."
    )


@pytest.mark.parametrize(
    ("document_date", "posted_on", "until", "article"),
    [
        # L2008 Art 42: 10 days; 14/05/2026 + 10 = Sunday 24/05 -> Monday 25/05.
        (OLD_DAY, dt.date(2026, 5, 14), dt.date(2026, 5, 25), "Điều 42 Luật THADS 2008"),
        # ND152 Art 17: 7 days; 04/11/2026 + 7 = Wednesday 11/11.
        (NEW_DAY, dt.date(2026, 11, 4), dt.date(2026, 11, 11), "Điều 17 Nghị định 152/2026/NĐ-CP"),
    ],
)
def test_posting_date_is_valid_notice_with_the_duration_of_the_law_in_force(
    case, officer, document_date, posted_on, until, article
):
    doc = make_doc(case, officer, document_date=document_date, is_enforcement_decision=False)
    service_attempt_record(
        actor=officer,
        served_document=doc,
        channel=ServiceChannel.PHYSICAL,
        succeeded=False,
        note="Không có ai ở nhà",
    )

    posting = service_attempt_record(
        actor=officer,
        served_document=doc,
        channel=ServiceChannel.POSTING,
        succeeded=True,
        evidence_date=posted_on,
    )

    doc.refresh_from_db()
    assert (posting.number, posting.valid_notice_at, posting.posting_until) == (
        2,
        local(posted_on.year, posted_on.month, posted_on.day),
        until,
    )
    assert posting.rule.article == article
    assert doc.valid_notice_basis == f"Ngày niêm yết công khai ({article})."
    assert doc.case_notified is False  # not the QĐTHA: the case does not move


def test_vneid_is_refused_for_the_enforcement_decision(case, officer):
    doc = make_doc(case, officer)

    with pytest.raises(ServiceError) as error:
        service_vneid_send(actor=officer, served_document=doc)

    assert error.value.message == (
        "Quyết định thi hành án phải được giao trực tiếp, không gửi qua VNeID "
        "(Điều 15–20 Nghị định 152/2026/NĐ-CP)."
    )


def test_vneid_success_gives_valid_notice_at_the_sent_receipt(
    case, officer, integration_simulator, django_capture_on_commit_callbacks
):
    doc = make_doc(case, officer, title="Giấy báo số 3", is_enforcement_decision=False)

    with django_capture_on_commit_callbacks(execute=True):
        attempt = service_vneid_send(actor=officer, served_document=doc)

    attempt.refresh_from_db()
    doc.refresh_from_db()
    call = IntegrationCall.objects.get()
    assert attempt.result == ServiceAttempt.Result.SUCCEEDED
    assert attempt.valid_notice_at == attempt.at
    assert attempt.integration_call_id == call.pk
    assert doc.valid_notice_at == attempt.valid_notice_at
    assert doc.valid_notice_channel == ServiceChannel.VNEID
    messages = integration_simulator.app.messages("vneid")
    assert [(m["outcome"], m["payload"]["citizen_id"]) for m in messages] == [
        ("ok", "001085012345")
    ]


def test_vneid_timeout_leaves_a_failed_attempt_then_the_retry_serves(
    case, officer, integration_simulator, django_capture_on_commit_callbacks
):
    doc = make_doc(
        case,
        officer,
        title="Giấy báo số 4",
        is_enforcement_decision=False,
        recipient_id_number="001085012349",
    )

    with django_capture_on_commit_callbacks(execute=True):
        first = service_vneid_send(actor=officer, served_document=doc)

    first.refresh_from_db()
    doc.refresh_from_db()
    assert first.result == ServiceAttempt.Result.FAILED
    assert first.next_retry_at is not None
    assert doc.valid_notice_at is None
    assert doc.status == ServedDocument.Status.IN_PROGRESS
    assert actions_retry_due() == ([], [])  # not yet due (1 minute)

    integration_simulator.app.configure(failures=False)
    ServiceAttempt.objects.filter(pk=first.pk).update(
        next_retry_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert actions_retry_due_task.delay().get() == 1

    doc.refresh_from_db()
    second = doc.attempts.get(number=2)
    first.refresh_from_db()
    assert (first.next_retry_at, second.result) == (None, ServiceAttempt.Result.SUCCEEDED)
    assert doc.valid_notice_attempt == second
    assert IntegrationCall.objects.get().attempts == 2  # the same request, sent twice


def test_vneid_without_account_fails_without_retry(
    case, officer, integration_simulator, django_capture_on_commit_callbacks
):
    doc = make_doc(
        case,
        officer,
        title="Giấy báo số 5",
        is_enforcement_decision=False,
        recipient_id_number="001085012340",
    )

    with django_capture_on_commit_callbacks(execute=True):
        attempt = service_vneid_send(actor=officer, served_document=doc)

    attempt.refresh_from_db()
    assert (attempt.result, attempt.next_retry_at) == (ServiceAttempt.Result.FAILED, None)


def test_portal_wrong_code_counts_then_right_code_opens_and_starts_voluntary_period(case, officer):
    doc = make_doc(case, officer)
    access, token, code = portal_access_create(actor=officer, served_document=doc)

    wrong = portal_open(token=token, code="AAAA-AAAA", ip="203.0.113.5", user_agent="UA")

    access.refresh_from_db()
    assert (wrong.opened, wrong.error) == (
        False,
        "Mã định danh không đúng. Vui lòng kiểm tra lại mã ghi trên thông báo.",
    )
    assert access.failed_codes == 1
    assert ServiceAttempt.objects.count() == 0

    right = portal_open(token=token, code=code.lower(), ip="203.0.113.5", user_agent="UA")

    doc.refresh_from_db()
    case.refresh_from_db()
    attempt = doc.attempts.get()
    assert right.opened is True
    assert (attempt.channel, attempt.ip, attempt.valid_notice_at) == (
        ServiceChannel.PORTAL,
        "203.0.113.5",
        attempt.at,
    )
    assert doc.valid_notice_at == attempt.at
    assert case.state == Case.State.VOLUNTARY_PERIOD


def test_portal_locks_after_five_wrong_codes(case, officer):
    doc = make_doc(case, officer)
    _access, token, code = portal_access_create(actor=officer, served_document=doc)
    for _i in range(5):
        portal_open(token=token, code="BBBB-BBBB", ip="203.0.113.6", user_agent="")

    result = portal_open(token=token, code=code, ip="203.0.113.6", user_agent="")

    assert (result.opened, result.error) == (
        False,
        "Mã truy cập đã bị khóa do nhập sai quá nhiều lần. Vui lòng liên hệ cơ quan thi hành án "
        "dân sự để được cấp mã mới.",
    )
    assert ServiceAttempt.objects.count() == 0


def test_unknown_token_opens_nothing(case, officer):
    result = portal_open(token="x" * 32, code="AAAA-AAAA", ip=None, user_agent="")

    assert (result.access, result.opened) == (None, False)
