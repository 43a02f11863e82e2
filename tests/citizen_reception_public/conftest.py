"""Fixtures of the public citizen-reception tests: an empty cache (the rate limiters) around
every test, the online form's data, and the code a citizen receives by e-mail."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from citizen_reception.models import PetitionRule
from citizen_reception.public.forms import new_idempotency_key
from citizen_reception.rules import rules_sync

EMAIL = "nguoidan@example.vn"
PHONE = "0912345678"
NAME = "Phạm Thị Khiếu"
ID_NUMBER = "001190054321"
ADDRESS = "Số 17 ngõ Văn Chương, phường Văn Miếu"
CONTENT = "Tôi khiếu nại quyết định cưỡng chế kê biên căn nhà số 17 của gia đình tôi."


@pytest.fixture(autouse=True)
def _reception_rules(db):
    """The deadline rules come from a data migration; a transactional test elsewhere may have
    flushed them, so they are loaded again when the table is empty."""
    if not PetitionRule.objects.exists():
        rules_sync()


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def online_data(agency_a):
    """``online_data(**changes)``: a complete online complaint about province 101 (T101)."""

    def make(**changes):
        data = {
            "kind": "complaint",
            "complaint_level": "1",
            "province": "101",
            "subject": "Khiếu nại quyết định cưỡng chế kê biên tài sản",
            "content": CONTENT,
            "respondent": "Chấp hành viên Phòng THADS khu vực 1",
            "judgment_reference": "Bản án số 12/2025/DS-ST ngày 03/3/2025",
            "petitioner_name": NAME,
            "petitioner_id_kind": "CCCD",
            "petitioner_id_number": ID_NUMBER,
            "petitioner_birth_year": "1979",
            "petitioner_address": ADDRESS,
            "otp_channel": "email",
            "petitioner_email": EMAIL,
            "petitioner_phone": PHONE,
            "otp_code": "",
            "pledge": "on",
            "idempotency_key": new_idempotency_key(),
            "action": "submit",
        }
        data.update(changes)
        return data

    return make


def emailed_code(recipient: str = EMAIL) -> str:
    """The last one-time code e-mailed to ``recipient``."""
    for message in reversed(mail.outbox):
        if recipient in message.to:
            return re.search(r"Mã xác thực của bạn là (\d{6})\.", message.body).group(1)
    raise AssertionError(f"no code was e-mailed to {recipient}")
