"""50 concurrent POSTs of one issue form (one idempotency key) make exactly one receipt
(quality.md R3), through the real view, each request on its own PostgreSQL connection.

To be sure the 50 requests really race, the test holds the series counter's row lock while
they arrive: every request passes the duplicate check (no receipt exists yet) and queues on
the counter. Only when PostgreSQL shows 50 backends waiting on that lock is it released. The
first request then issues the receipt; each of the other 49 takes the next number, hits
``UNIQUE (office, idempotency_key)``, rolls its number back and answers with the first receipt.
"""

import threading
import time

import pytest
from django.db import connection
from django.db import connections
from django.db import transaction
from django.test import Client
from django.urls import reverse

from receipts.models import Receipt
from receipts.selectors import receipt_series_check
from thads.audit.models import AuditEvent
from thads.numbering.services import number_next

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

REQUESTS = 50
KEY = "mot-khoa-cho-50-lan-gui"


class _Release(Exception):
    """Rolls the lock holder back, so it takes no number."""


def form_data(case):
    return {
        "case_number": case.number,
        "payer_name": "Nguyễn Văn An",
        "payer_id_number": "001090012345",
        "payer_address": "Số 1 đường Lê Lợi",
        "purpose": "enforcement_money",
        "creditor_name": "",
        "description": "Nộp tiền thi hành án",
        "amount": "1.500.000",
        "method": "cash",
        "bank_reference": "",
        "over_due_reason": "",
        "idempotency_key": KEY,
    }


def waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps the first statistics snapshot: drop it.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_fifty_concurrent_posts_with_one_key_make_one_receipt(
    accountant, receipt_case, office, issue, receipt_signing
):
    first = issue(amount_vnd=100_000, sign=False)  # the series and its counter exist
    url = reverse("receipts:receipt-create")
    clients = []
    for _ in range(REQUESTS):
        client = Client()
        client.force_login(accountant)
        clients.append(client)
    barrier = threading.Barrier(REQUESTS + 1)
    answers: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def post(client: Client) -> None:
        try:
            barrier.wait(timeout=60)
            response = client.post(url, form_data(receipt_case))
            answers.append((response.status_code, response.get("Location", "")))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    most_waiting = 0
    with pytest.raises(_Release), transaction.atomic():
        number_next(office=office, series=first.series.counter_key, year=2026)  # the lock
        barrier.wait(timeout=60)
        deadline = time.monotonic() + 60
        while most_waiting < REQUESTS and time.monotonic() < deadline:
            most_waiting = max(most_waiting, waiting_on_locks())
            time.sleep(0.05)
        raise _Release
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert most_waiting == REQUESTS
    issued = Receipt.objects.get(idempotency_key=KEY)
    detail = reverse("receipts:receipt-detail", args=[issued.pk])
    assert answers == [(302, detail)] * REQUESTS
    assert issued.number == 2
    assert issued.prev_hash == first.hash
    assert Receipt.objects.count() == 2
    assert AuditEvent.objects.filter(action="receipts.receipt_issued").count() == 2
    [check] = receipt_series_check(office_id=office.pk, year=2026)
    assert (check.issued, check.gaps, check.duplicates, check.chain_broken_at) == (2, (), (), ())
    # Signing was queued once, after the one commit that made the receipt.
    assert Receipt.objects.get(pk=issued.pk).status == Receipt.Status.SIGNED
    assert AuditEvent.objects.filter(action="receipts.receipt_signed").count() == 1
