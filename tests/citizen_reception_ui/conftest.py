"""Fixtures of the staff UI tests of citizen reception: staff of ``T101-KV01`` with the
reception roles, and petitions received through the real service (rules from the migration)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from citizen_reception import services
from citizen_reception.models import PetitionRule
from citizen_reception.navigation import register_navigation
from citizen_reception.types import PetitionIntake
from thads.permissions import Role

# The lead calls this from apps.py; until then the menu tests need it here.
register_navigation()

SECRET_NAME = "Bùi Thị Bí Mật"
SECRET_ID = "001199000777"


@pytest.fixture
def counter_staff(make_user, office):
    return make_user(Role.COUNTER_STAFF, office)


@pytest.fixture
def reception_officer(make_user, office):
    return make_user(Role.RECEPTION_OFFICER, office)


def intake(**fields) -> PetitionIntake:
    values = {
        "kind": "complaint",
        "channel": "counter",
        "subject": "Khiếu nại việc kê biên nhà",
        "content": "Chấp hành viên kê biên nhà khi chưa hết thời hạn tự nguyện.",
        "petitioner_name": SECRET_NAME,
        "petitioner_id_number": SECRET_ID,
        "petitioner_address": "Số 1 phố Bí Mật, Hà Nội",
        "complaint_level": 1,
        "complaint_object": "coercion",
        "received_on": timezone.localdate(),
    }
    values.update(fields)
    return PetitionIntake(**values)


@pytest.fixture
def rules(db):
    """The deadline rules: loaded by a data migration, but a transactional test run before
    this one (the e2e tests) flushes them."""
    if not PetitionRule.objects.exists():
        call_command("reception_rules_sync", verbosity=0)


@pytest.fixture
def make_petition(office, rules):
    """``make_petition(actor, **intake_fields)``: a petition received at ``office``."""

    def make(actor, *, receiving_office=None, **fields):
        return services.petition_receive(
            actor=actor,
            receiving_office=receiving_office or office,
            data=intake(**fields),
            idempotency_key=None,
        )

    return make


@pytest.fixture
def petition(make_petition, counter_staff):
    return make_petition(counter_staff)


@pytest.fixture
def overdue_petition(make_petition, counter_staff):
    """A complaint received 30 days ago: its acceptance clock has run out."""
    return make_petition(
        counter_staff,
        subject="Khiếu nại đã quá hạn thụ lý",
        received_on=timezone.localdate() - dt.timedelta(days=30),
    )
