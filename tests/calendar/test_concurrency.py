"""Two administrators recording the same date at once end with one row (PostgreSQL only)."""

import threading
import time
from datetime import date

import pytest
from django.db import connection
from django.db import connections
from django.db import transaction

from thads.calendar.models import CalendarOverride
from thads.calendar.services import calendar_override_set

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and unique-index waits: PostgreSQL"
    ),
]

BASIS = "Thông báo số 9999/TB-BNV (thử nghiệm)"


def test_concurrent_create_of_the_same_date_becomes_an_update(sysadmin, audit_calls):
    inserted = threading.Event()

    def other_admin_inserts_and_commits_late():
        try:
            with transaction.atomic():
                CalendarOverride.objects.create(
                    date=date(2026, 3, 13),
                    kind=CalendarOverride.Kind.DAY_OFF,
                    name="Nghỉ A",
                    legal_basis=BASIS,
                    created_by_id=sysadmin.pk,
                )
                inserted.set()
                time.sleep(0.5)  # our service looks, finds nothing committed, and inserts
        finally:
            connections.close_all()

    other = threading.Thread(target=other_admin_inserts_and_commits_late)
    other.start()
    assert inserted.wait(5)

    result = calendar_override_set(
        actor=sysadmin,
        day=date(2026, 3, 13),
        kind=CalendarOverride.Kind.DAY_OFF,
        name="Nghỉ B",
        legal_basis=BASIS,
    )
    other.join(5)

    assert CalendarOverride.objects.count() == 1
    assert CalendarOverride.objects.get().name == "Nghỉ B"
    assert result.name == "Nghỉ B"
    assert audit_calls.actions == ["calendar_override.updated"]
    assert audit_calls.calls[0]["before"]["name"] == "Nghỉ A"
