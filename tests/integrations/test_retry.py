"""Retries: the beat task sends due calls again with backoff and a cap; the finished signal."""

import datetime as dt

import pytest
from django.utils import timezone

from thads.audit.models import AuditEvent
from thads.integrations import adapters
from thads.integrations import services
from thads.integrations.exceptions import IntegrationCallError
from thads.integrations.exceptions import IntegrationCallNotRetryableError
from thads.integrations.models import IntegrationCall
from thads.integrations.selectors import integration_call_due_ids
from thads.integrations.signals import integration_call_finished
from thads.integrations.tasks import integration_call_retry_task
from thads.integrations.tasks import integration_calls_retry_due_task

pytestmark = pytest.mark.django_db

Status = IntegrationCall.Status


def failed_bank_call(id_number: str = "001085012347", key: str = "case-1-bank-1", **kwargs):
    with pytest.raises(IntegrationCallError):
        adapters.bank_account_inquiry(
            id_number=id_number,
            full_name="Trần Thị Bình",
            bank_code="BIDV",
            idempotency_key=key,
            **kwargs,
        )
    return IntegrationCall.objects.get(idempotency_key=key)


def make_due(call: IntegrationCall) -> None:
    IntegrationCall.objects.filter(pk=call.pk).update(
        next_retry_at=timezone.now() - dt.timedelta(seconds=1)
    )


@pytest.fixture
def finished(request) -> list:
    outcomes = []

    def receiver(sender, outcome, **kwargs):
        outcomes.append(outcome)

    integration_call_finished.connect(receiver, weak=False, dispatch_uid="tests-finished")
    request.addfinalizer(
        lambda: integration_call_finished.disconnect(dispatch_uid="tests-finished")
    )
    return outcomes


def test_retry_delays_double_up_to_an_hour():
    assert [services.retry_delay(n) for n in (1, 2, 3, 4, 7, 10)] == [
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=2),
        dt.timedelta(minutes=4),
        dt.timedelta(minutes=8),
        dt.timedelta(hours=1),
        dt.timedelta(hours=1),
    ]


def test_the_retry_task_sends_again_and_succeeds_once_the_partner_recovers(
    integration_simulator, finished
):
    call = failed_bank_call()
    integration_simulator.app.configure(failures=False)
    make_due(call)

    queued = integration_calls_retry_due_task()

    call.refresh_from_db()
    assert queued == 1
    assert call.status == Status.SUCCEEDED
    assert call.attempts == 2
    assert call.http_status == 200
    assert call.error == ""
    assert call.next_retry_at is None
    assert call.payload_sealed == ""
    assert [e["status"] for e in call.attempt_log] == ["failed", "succeeded"]
    assert [m["outcome"] for m in integration_simulator.app.messages()] == ["unavailable", "ok"]
    assert [(o.call_id, o.status, o.attempts) for o in finished] == [
        (call.pk, Status.FAILED, 1),
        (call.pk, Status.SUCCEEDED, 2),
    ]


def test_a_retry_that_fails_again_waits_longer(integration_simulator):
    call = failed_bank_call()
    make_due(call)

    integration_calls_retry_due_task()

    call.refresh_from_db()
    assert call.status == Status.FAILED
    assert call.attempts == 2
    assert call.next_retry_at == call.finished_at + dt.timedelta(minutes=2)


def test_automatic_retries_stop_after_five_attempts(integration_simulator):
    call = failed_bank_call()
    for _ in range(4):
        make_due(call)
        integration_calls_retry_due_task()

    call.refresh_from_db()
    assert call.attempts == 5
    assert call.status == Status.FAILED
    assert call.next_retry_at is None
    assert call.payload_sealed != ""  # kept: a system administrator may still retry by hand
    assert integration_call_due_ids() == []
    assert len(integration_simulator.app.messages()) == 5


def test_calls_not_due_refused_or_caller_managed_are_not_retried(integration_simulator):
    failed_bank_call(key="not-due")
    failed_bank_call(id_number="001085012346", key="refused")
    caller_managed = None
    with pytest.raises(IntegrationCallError):
        adapters.sms_send(
            phone="0912345687", text="Xin chào", idempotency_key="sms-1", auto_retry=False
        )
    caller_managed = IntegrationCall.objects.get(idempotency_key="sms-1")

    assert caller_managed.next_retry_at is None
    assert integration_calls_retry_due_task() == 0


def test_a_pending_call_left_by_a_dead_worker_is_sent_again(integration_simulator):
    call = failed_bank_call()
    integration_simulator.app.configure(failures=False)
    IntegrationCall.objects.filter(pk=call.pk).update(
        status=Status.PENDING,
        attempts=2,
        started_at=timezone.now() - dt.timedelta(minutes=6),
    )

    assert integration_call_due_ids() == [call.pk]
    integration_calls_retry_due_task()

    call.refresh_from_db()
    assert (call.status, call.attempts) == (Status.SUCCEEDED, 3)


def test_retrying_a_succeeded_call_changes_nothing(integration_simulator):
    adapters.population_db_lookup(id_number="001085012345", idempotency_key="p1")
    call = IntegrationCall.objects.get()

    assert integration_call_retry_task(call_id=call.pk) == Status.SUCCEEDED
    with pytest.raises(IntegrationCallNotRetryableError) as info:
        services.integration_call_retry(call=call)

    assert info.value.message == "Lượt gọi này không thể gửi lại."
    assert len(integration_simulator.app.messages()) == 1
    assert integration_call_retry_task(call_id=999_999) == "missing"


def test_a_payload_sealed_under_another_key_makes_the_call_final(integration_simulator, settings):
    call = failed_bank_call()
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40

    with pytest.raises(IntegrationCallNotRetryableError) as info:
        services.integration_call_retry(call=call)

    call.refresh_from_db()
    assert info.value.message == (
        "Không giải mã được dữ liệu gốc của yêu cầu (khóa bí mật đã thay đổi). "
        "Yêu cầu phải được lập lại từ nghiệp vụ gốc."
    )
    assert (call.retryable, call.payload_sealed, call.next_retry_at) == (False, "", None)


def test_a_failing_receiver_does_not_break_the_call(integration_simulator, request):
    def broken(sender, outcome, **kwargs):
        raise RuntimeError("receiver bug")

    integration_call_finished.connect(broken, weak=False, dispatch_uid="tests-broken")
    request.addfinalizer(lambda: integration_call_finished.disconnect(dispatch_uid="tests-broken"))

    result = adapters.population_db_lookup(id_number="001085012345", idempotency_key="p1")

    assert result.found is True


def test_retry_request_queues_the_retry_and_is_audited(
    integration_simulator, sysadmin, django_capture_on_commit_callbacks
):
    call = failed_bank_call()
    integration_simulator.app.configure(failures=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.integration_call_retry_request(call=call, actor=sysadmin)

    call.refresh_from_db()
    assert len(callbacks) == 1
    assert (call.status, call.attempts) == (Status.SUCCEEDED, 2)
    event = AuditEvent.objects.get(action="integrations.call_retry_requested")
    assert event.actor_id == sysadmin.pk
    assert event.object_id == str(call.pk)
    assert event.before == {"status": "failed", "attempts": 1}


def test_retry_request_of_a_refused_call_is_refused(integration_simulator, sysadmin):
    call = failed_bank_call(id_number="001085012346")

    with pytest.raises(IntegrationCallNotRetryableError) as info:
        services.integration_call_retry_request(call=call, actor=sysadmin)

    assert info.value.message == (
        "Chỉ gửi lại được lượt gọi lỗi tạm thời (quá thời gian, lỗi máy chủ, trả lời hỏng)."
    )
    assert not AuditEvent.objects.filter(action="integrations.call_retry_requested").exists()


def test_a_manual_retry_after_the_cap_sends_once_more(integration_simulator, sysadmin):
    call = failed_bank_call()
    IntegrationCall.objects.filter(pk=call.pk).update(attempts=5, next_retry_at=None)
    integration_simulator.app.configure(failures=False)

    call = services.integration_call_retry(call=call)

    assert (call.status, call.attempts) == (Status.SUCCEEDED, 6)
