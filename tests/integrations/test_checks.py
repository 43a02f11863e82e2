"""A system switched on without its URL or secret fails loudly: system check and exception."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from thads.integrations import adapters
from thads.integrations.checks import check_enabled_integrations_are_configured
from thads.integrations.exceptions import IntegrationNotConfiguredError
from thads.integrations.models import IntegrationCall

MESSAGE = (
    "Kết nối VNeID đang bật (THADS_USE_VNEID=true) nhưng chưa khai báo "
    "THADS_INTEGRATION_VNEID_URL, THADS_INTEGRATION_VNEID_SECRET."
)


@pytest.fixture
def vneid_enabled_unconfigured(settings):
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "VNEID": {"enabled": True, "url": "", "token": "", "secret": ""},
    }


def test_defaults_report_nothing():
    assert check_enabled_integrations_are_configured() == []


def test_enabled_but_unconfigured_is_a_system_check_error(vneid_enabled_unconfigured):
    (error,) = check_enabled_integrations_are_configured()

    assert error.id == "integrations.E001"
    assert error.msg == MESSAGE
    assert error.hint == (
        "Khai báo các biến môi trường còn thiếu, hoặc đặt THADS_USE_VNEID=false để dùng bộ giả lập."
    )


def test_manage_check_refuses_to_pass(vneid_enabled_unconfigured):
    with pytest.raises(SystemCheckError) as info:
        call_command("check")

    assert "(integrations.E001) " + MESSAGE in str(info.value)


def test_only_the_missing_setting_is_named(settings):
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "BANK": {"enabled": True, "url": "https://bank.example.vn/api", "secret": ""},
    }

    (error,) = check_enabled_integrations_are_configured()

    assert error.msg == (
        "Kết nối Ngân hàng đang bật (THADS_USE_BANK=true) nhưng chưa khai báo "
        "THADS_INTEGRATION_BANK_SECRET."
    )


@pytest.mark.django_db
def test_calling_it_raises_a_clear_error_and_records_nothing(vneid_enabled_unconfigured):
    with pytest.raises(IntegrationNotConfiguredError) as info:
        adapters.vneid_send_notice(
            citizen_id="001085012341",
            title="Thông báo",
            body="Nội dung",
            document_url="",
            idempotency_key="notice-1",
        )

    assert info.value.message == MESSAGE
    assert IntegrationCall.objects.count() == 0


@pytest.mark.django_db
def test_an_enabled_system_uses_its_own_url_secret_and_token(integration_simulator, settings):
    from tests.fixtures.integrations import SIMULATOR_SECRET

    integration_simulator.app.token = "bank-token"
    settings.INTEGRATION_SIMULATOR_SECRET = "wrong-for-the-simulator-default"
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "BANK": {
            "enabled": True,
            "url": integration_simulator.url + "/",
            "token": "bank-token",
            "secret": SIMULATOR_SECRET,
        },
    }
    try:
        result = adapters.bank_account_inquiry(
            id_number="001085012345", full_name="A", bank_code="VCB", idempotency_key="b1"
        )
    finally:
        integration_simulator.app.token = ""

    assert result.found is True
