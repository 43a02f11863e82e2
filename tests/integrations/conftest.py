"""Fixtures of the integration tests: recorded calls (simulator: tests/fixtures/integrations.py)."""

from collections.abc import Callable
from typing import Any

import pytest

from thads.integrations.models import IntegrationCall


@pytest.fixture
def make_call(db) -> Callable[..., IntegrationCall]:
    """``make_call(office=..., **fields)``: a recorded call, SUCCEEDED by default."""

    def make(**fields: Any) -> IntegrationCall:
        fields.setdefault("system", IntegrationCall.System.BANK)
        fields.setdefault("operation", "bank.account_inquiry")
        fields.setdefault("idempotency_key", f"key-{IntegrationCall.objects.count() + 1}")
        fields.setdefault("request_hash", "0" * 64)
        fields.setdefault("status", IntegrationCall.Status.SUCCEEDED)
        fields.setdefault("attempts", 1)
        return IntegrationCall.objects.create(**fields)

    return make
