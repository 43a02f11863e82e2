"""``number_next_and_read``: the number and a read that needs the counter's lock, in one round
trip; the read sees what the previous holder committed."""

import threading

import pytest
from django.db import connection
from django.db import transaction

from thads.numbering.models import NumberSequence
from thads.numbering.services import number_next_and_read

READ_COUNTER = (
    "SELECT last_number FROM numbering_numbersequence WHERE office_id = %s AND series = %s"
)


@pytest.mark.django_db
def test_first_use_and_next_numbers_come_with_the_read(office):
    with transaction.atomic():
        first = number_next_and_read(
            office=office, series="BL", year=2026, sql=READ_COUNTER, params=[office.pk, "BL"]
        )
    with transaction.atomic():
        second = number_next_and_read(
            office=office, series="BL", year=2026, sql=READ_COUNTER, params=[office.pk, "BL"]
        )

    assert first == (1, (1,))
    assert second == (2, (2,))


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_refuses(office):
    with pytest.raises(RuntimeError):
        number_next_and_read(office=office, series="BL", year=2026, sql="SELECT 1", params=[])


@pytest.mark.django_db(transaction=True)
def test_the_read_waits_for_the_lock_and_sees_the_previous_holders_commit(office):
    """A holder keeps the counter locked and writes a row; the second caller's read, sent in the
    same round trip as its UPDATE, must see that row once the holder commits."""
    NumberSequence.objects.create(office=office, series="BL", year=2026, last_number=0)
    connection.close()
    locked = threading.Event()
    release = threading.Event()
    seen: list = []

    def holder():
        try:
            with transaction.atomic():
                number_next_and_read(
                    office=office.pk, series="BL", year=2026, sql="SELECT 1", params=[]
                )
                with connection.cursor() as cursor:
                    cursor.execute("CREATE TABLE IF NOT EXISTS numbering_probe (n int)")
                    cursor.execute("INSERT INTO numbering_probe VALUES (41)")
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    def second():
        try:
            with transaction.atomic():
                seen.append(
                    number_next_and_read(
                        office=office.pk,
                        series="BL",
                        year=2026,
                        sql="SELECT max(n) FROM numbering_probe",
                        params=[],
                    )
                )
        finally:
            connection.close()

    first_thread = threading.Thread(target=holder)
    first_thread.start()
    assert locked.wait(10)
    second_thread = threading.Thread(target=second)
    second_thread.start()
    second_thread.join(0.5)
    assert second_thread.is_alive()  # waiting on the counter's lock
    release.set()
    first_thread.join(10)
    second_thread.join(10)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE numbering_probe")

    assert seen == [(2, (41,))]
