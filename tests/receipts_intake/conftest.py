"""Fixtures of the intake tests: accounting staff of ``T101-KV01``, a case, a deposit account,
and a small statement CSV."""

from __future__ import annotations

import pytest

from receipts.models import OfficeBankAccount
from tests.factories.enforcement import CaseFactory
from thads.permissions import Role


@pytest.fixture
def accountant(make_user, office):
    return make_user(Role.ACCOUNTANT, office)


@pytest.fixture
def cashier(make_user, office):
    return make_user(Role.CASHIER, office)


@pytest.fixture
def counter_staff(make_user, office):
    return make_user(Role.COUNTER_STAFF, office)


@pytest.fixture
def case(office):
    return CaseFactory(
        office=office,
        number="12/2026",
        debtor_name="Nguyễn Văn Nợ",
        total_due_vnd=15_000_000,
        collected_vnd=2_500_000,
        parties=False,
        obligations=False,
    )


@pytest.fixture
def bank_account(office):
    return OfficeBankAccount.objects.create(
        office=office,
        bank_bin="970436",
        bank_name="Ngân hàng TMCP Ngoại thương Việt Nam",
        account_number="1017394258",
        account_name="PHONG THI HANH AN DAN SU KHU VUC 1",
    )
