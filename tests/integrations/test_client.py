"""The client against the local simulator: every outcome recorded, classified and retryable as
documented in thads/integrations/client.py."""

import datetime as dt
import json
import socket
import urllib.request
from decimal import Decimal

import pytest
from django.db import transaction

from thads.integrations import adapters
from thads.integrations.exceptions import IntegrationCallError
from thads.integrations.exceptions import IntegrationCallInProgressError
from thads.integrations.exceptions import IntegrationIdempotencyConflictError
from thads.integrations.models import IntegrationCall
from thads.integrations.simulator import GARBAGE_BODY
from thads.integrations.types import BankAccount
from thads.integrations.types import LandParcel
from thads.integrations.types import PersonRecord
from thads.integrations.types import Vehicle

pytestmark = pytest.mark.django_db

Status = IntegrationCall.Status
NAME = "Nguyễn Văn An"


def bank(id_number: str, key: str = "case-1-bank-1", **kwargs):
    return adapters.bank_account_inquiry(
        id_number=id_number, full_name=NAME, bank_code="VCB", idempotency_key=key, **kwargs
    )


def local_json(url: str, body: dict | None = None):
    """GET (or POST ``body`` to) the simulator on localhost and decode its JSON answer."""
    assert url.startswith("http://127.0.0.1:")
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (local http)
    with urllib.request.urlopen(request) as response:  # noqa: S310 (checked: local http only)
        return json.load(response)


def failure(callable_, *args, **kwargs) -> IntegrationCallError:
    with pytest.raises(IntegrationCallError) as info:
        callable_(*args, **kwargs)
    return info.value


def test_success_is_recorded_with_duration_and_masked_request(integration_simulator, office):
    result = bank("001085012345", office=office, related=office)

    assert result.found is True
    assert result.accounts == (
        BankAccount(
            account_number="103490342301",
            bank_code="VCB",
            branch="Chi nhánh Đà Nẵng",
            balance_vnd=45_020_000,
            status="active",
        ),
    )
    call = IntegrationCall.objects.get()
    assert result.call_id == call.pk
    assert call.system == "bank"
    assert call.operation == "bank.account_inquiry"
    assert call.status == Status.SUCCEEDED
    assert call.http_status == 200
    assert call.attempts == 1
    assert call.request == {"id_number": "00********45", "full_name": NAME, "bank_code": "VCB"}
    assert call.response["accounts"][0]["account_number"] == "103490342301"
    assert isinstance(call.duration_ms, int)
    assert 0 <= call.duration_ms < 1000
    assert call.finished_at is not None
    assert call.next_retry_at is None
    assert call.payload_sealed == ""
    assert call.error == ""
    assert (call.office, call.object_type, call.object_id) == (office, "org.office", str(office.pk))
    assert [e["status"] for e in call.attempt_log] == ["succeeded"]
    received = integration_simulator.app.messages()
    assert [(m["outcome"], m["payload"]["id_number"]) for m in received] == [("ok", "001085012345")]
    assert received[0]["idempotency_key"] == "case-1-bank-1"


def test_wrong_secret_is_refused_with_401_and_not_retried(integration_simulator, settings):
    settings.INTEGRATION_SIMULATOR_SECRET = "not-the-simulator-secret"

    error = failure(bank, "001085012345")

    assert error.status == Status.FAILED
    assert error.retryable is False
    assert error.message == (
        "Hệ thống Ngân hàng từ chối xác thực (mã HTTP 401): kiểm tra mã truy cập và khóa ký."
    )
    call = IntegrationCall.objects.get()
    assert (call.status, call.http_status, call.retryable) == (Status.FAILED, 401, False)
    assert call.next_retry_at is None
    assert call.payload_sealed == ""
    assert [m["outcome"] for m in integration_simulator.app.messages()] == ["unauthorized"]


def test_timeout_is_recorded_with_a_retry_time(integration_simulator):
    error = failure(bank, "001085012349")

    assert error.status == Status.TIMEOUT
    assert error.retryable is True
    assert error.message == "Hệ thống Ngân hàng không trả lời trong thời gian chờ (0,3 giây)."
    call = IntegrationCall.objects.get()
    assert call.status == Status.TIMEOUT
    assert call.http_status is None
    assert call.next_retry_at == call.finished_at + dt.timedelta(minutes=1)
    assert call.payload_sealed != ""
    assert 300 <= call.duration_ms < 1000


def test_garbage_answer_is_invalid_response(integration_simulator):
    error = failure(bank, "001085012348")

    assert error.status == Status.INVALID_RESPONSE
    assert error.retryable is True
    assert error.message == "Hệ thống Ngân hàng trả về dữ liệu không hợp lệ: không phải JSON."
    call = IntegrationCall.objects.get()
    assert call.http_status == 200
    assert call.response == {"raw": GARBAGE_BODY}
    assert call.next_retry_at == call.finished_at + dt.timedelta(minutes=1)


def test_service_unavailable_is_a_retryable_failure(integration_simulator):
    error = failure(bank, "001085012347")

    assert (error.status, error.retryable) == (Status.FAILED, True)
    assert error.message == "Hệ thống Ngân hàng tạm thời không phục vụ (mã HTTP 503)."
    call = IntegrationCall.objects.get()
    assert call.http_status == 503
    assert call.next_retry_at == call.finished_at + dt.timedelta(minutes=1)


def test_refused_request_is_not_retryable(integration_simulator):
    error = failure(bank, "001085012346")

    assert (error.status, error.retryable) == (Status.FAILED, False)
    assert error.message == "Hệ thống Ngân hàng từ chối yêu cầu (mã HTTP 422)."
    assert IntegrationCall.objects.get().next_retry_at is None


def test_connection_refused_is_a_retryable_failure(integration_simulator, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.INTEGRATION_SIMULATOR_URL = f"http://127.0.0.1:{port}"

    error = failure(bank, "001085012345")

    assert (error.status, error.retryable) == (Status.FAILED, True)
    assert error.message == "Không kết nối được tới hệ thống Ngân hàng."


def test_nothing_found_is_a_success_with_no_accounts(integration_simulator):
    result = bank("001085012340")

    assert (result.found, result.accounts) == (False, ())


def test_reusing_an_idempotency_key_returns_the_recorded_call(integration_simulator):
    first = bank("001085012345", key="case-7-bank")

    second = bank("001085012345", key="case-7-bank")

    assert second == first
    assert IntegrationCall.objects.count() == 1
    assert IntegrationCall.objects.get().attempts == 1
    assert len(integration_simulator.app.messages()) == 1


def test_reusing_a_key_for_another_request_is_refused(integration_simulator):
    bank("001085012345", key="case-7-bank")

    with pytest.raises(IntegrationIdempotencyConflictError) as info:
        bank("001085012351", key="case-7-bank")

    assert info.value.message == (
        "Khóa chống trùng “case-7-bank” đã được dùng cho một yêu cầu khác tới hệ thống Ngân hàng."
    )
    assert IntegrationCall.objects.count() == 1


def test_the_same_key_after_a_temporary_failure_is_another_attempt(integration_simulator):
    failure(bank, "001085012347", key="case-8-bank")
    integration_simulator.app.configure(failures=False)

    result = bank("001085012347", key="case-8-bank")

    call = IntegrationCall.objects.get()
    assert result.call_id == call.pk
    assert call.status == Status.SUCCEEDED
    assert call.attempts == 2
    assert [e["status"] for e in call.attempt_log] == ["failed", "succeeded"]
    assert [m["idempotency_key"] for m in integration_simulator.app.messages()] == [
        "case-8-bank",
        "case-8-bank",
    ]


def test_a_refused_call_is_not_sent_again_with_the_same_key(integration_simulator):
    failure(bank, "001085012346", key="case-9-bank")

    error = failure(bank, "001085012346", key="case-9-bank")

    assert error.message == "Hệ thống Ngân hàng từ chối yêu cầu (mã HTTP 422)."
    assert IntegrationCall.objects.get().attempts == 1
    assert len(integration_simulator.app.messages()) == 1


def test_a_call_being_sent_is_not_sent_twice(integration_simulator, make_call):
    from thads.integrations.services import _request_hash

    payload = {"id_number": "001085012345", "full_name": NAME, "bank_code": "VCB"}
    make_call(
        idempotency_key="busy",
        status=Status.PENDING,
        request_hash=_request_hash(payload),
        started_at=dt.datetime.now(dt.UTC),
    )

    with pytest.raises(IntegrationCallInProgressError) as info:
        bank("001085012345", key="busy")

    assert info.value.message == (
        "Yêu cầu này đang được gửi tới hệ thống Ngân hàng; vui lòng chờ kết quả."
    )
    assert integration_simulator.app.messages() == []


def test_sms_text_secrets_are_redacted_in_the_record_only(integration_simulator):
    text = "Mã xác thực của bạn là 482913. Mã có hiệu lực trong 10 phút."

    receipt = adapters.sms_send(
        phone="0912345681", text=text, idempotency_key="sms-1", sensitive=["482913"]
    )

    call = IntegrationCall.objects.get()
    assert call.request == {
        "phone": "09******81",
        "text": "Mã xác thực của bạn là ******. Mã có hiệu lực trong 10 phút.",
    }
    assert "482913" not in json.dumps(call.request, ensure_ascii=False)
    (message,) = integration_simulator.app.messages()
    assert message["payload"] == {"phone": "0912345681", "text": text}
    assert receipt.provider_message_id == message["message_id"]
    assert receipt.provider_message_id.startswith("SMS-")


def test_vneid_notice_returns_the_sent_receipt(integration_simulator):
    receipt = adapters.vneid_send_notice(
        citizen_id="001085012341",
        title="Thông báo quyết định thi hành án",
        body="Quyết định số 12/QĐ-THADS",
        document_url="https://thads.example.gov.vn/xac-minh/abc",
        idempotency_key="case-1-notice-1",
    )

    (message,) = integration_simulator.app.messages()
    assert receipt.provider_message_id == message["message_id"]
    assert receipt.accepted_at.tzinfo is not None
    assert IntegrationCall.objects.get().request["citizen_id"] == "00********41"


def test_vneid_without_an_account_is_a_final_failure(integration_simulator):
    error = failure(
        adapters.vneid_send_notice,
        citizen_id="001085012340",
        title="Thông báo",
        body="Nội dung",
        document_url="",
        idempotency_key="case-2-notice-1",
    )

    assert (error.status, error.retryable) == (Status.FAILED, False)
    assert error.message == (
        "Hệ thống VNeID không tìm thấy người nhận hoặc đối tượng được hỏi (mã HTTP 404)."
    )


def test_registry_adapters_return_typed_answers(integration_simulator):
    land = adapters.land_registry_inquiry(
        id_number="001085012345", full_name=NAME, province_code="01", idempotency_key="l1"
    )
    vehicles = adapters.vehicle_registry_inquiry(
        id_number="001085012345", full_name=NAME, idempotency_key="v1"
    )
    population = adapters.population_db_lookup(id_number="001085012345", idempotency_key="p1")

    assert land.found is True
    assert len(land.parcels) == 1
    assert isinstance(land.parcels[0], LandParcel)
    assert isinstance(land.parcels[0].area_m2, Decimal)
    assert vehicles.found is True
    assert isinstance(vehicles.vehicles[0], Vehicle)
    assert isinstance(vehicles.vehicles[0].registered_on, dt.date)
    assert population.found is True
    assert isinstance(population.person, PersonRecord)
    assert population.person.deceased is False
    assert IntegrationCall.objects.filter(status=Status.SUCCEEDED).count() == 3


def test_population_lookup_of_an_unknown_number(integration_simulator):
    result = adapters.population_db_lookup(id_number="001085012340", idempotency_key="p0")

    assert (result.found, result.person) == (False, None)


def test_procuracy_receipt(integration_simulator):
    receipt = adapters.procuracy_send_decision(
        office_code="T101-KV01",
        decision_number="12/QĐ-THADS",
        decision_date=dt.date(2026, 11, 23),
        pdf_sha256="a" * 64,
        pdf_url="https://thads.example.gov.vn/files/12.pdf",
        idempotency_key="decision-12-procuracy",
    )

    year = dt.datetime.now(dt.UTC).year
    assert receipt.receipt_number == f"VKS-{year}-000001"
    (message,) = integration_simulator.app.messages()
    assert message["payload"]["decision_date"] == "2026-11-23"


def test_the_inspection_and_control_endpoints(integration_simulator):
    failure(bank, "001085012347", key="k-503")

    listed = local_json(f"{integration_simulator.url}/_sim/messages?system=bank")
    state = local_json(f"{integration_simulator.url}/_sim/control", {"failures": False})

    assert [m["outcome"] for m in listed["messages"]] == ["unavailable"]
    assert state == {"failures": False, "slow_seconds": 1.0, "force_status": None}
    assert bank("001085012347", key="k-503-again").found is True


def test_it_refuses_to_hold_a_transaction_open_during_network_io(integration_simulator):
    with transaction.atomic(), pytest.raises(RuntimeError):
        bank("001085012345")

    assert integration_simulator.app.messages() == []
    assert IntegrationCall.objects.count() == 0


@pytest.mark.parametrize("key", ["", "k" * 129])
def test_an_idempotency_key_is_required_and_bounded(integration_simulator, key):
    with pytest.raises(ValueError):
        bank("001085012345", key=key)

    assert IntegrationCall.objects.count() == 0
