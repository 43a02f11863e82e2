"""Concurrency on PostgreSQL: 50 submits with one idempotency key make one receipt; parallel
issues in one series stay gapless with an unbroken chain (quality.md R1, R3)."""

import secrets
import threading

import pytest
from django.db import connection
from django.db import connections

from receipts.models import Receipt
from receipts.selectors import receipt_series_check
from receipts.services import receipt_issue
from tests.fixtures.receipts import COLLECTED_AT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def run_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def body(index):
        try:
            barrier.wait()
            results.append(work(index))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def issue_for(accountant, case, key, amount=1_000_000):
    return receipt_issue(
        actor=accountant,
        office=accountant.office,
        case=case,
        payer_name="Nguyễn Văn An",
        purpose=Receipt.Purpose.ENFORCEMENT_MONEY,
        amount_vnd=amount,
        method=Receipt.Method.CASH,
        idempotency_key=key,
        collected_at=COLLECTED_AT,
        sign=False,
    )


def test_fifty_concurrent_submits_with_one_key_make_one_receipt(accountant, receipt_case):
    results, errors = run_threads(50, lambda i: issue_for(accountant, receipt_case, "mot-khoa").pk)

    assert errors == []
    assert len(results) == 50
    assert len(set(results)) == 1
    assert Receipt.objects.count() == 1
    assert Receipt.objects.get().number == 1


def test_parallel_issues_are_gapless_and_chained(accountant, receipt_case, office):
    results, errors = run_threads(
        20, lambda i: issue_for(accountant, receipt_case, secrets.token_hex(8)).number
    )

    assert errors == []
    assert sorted(results) == list(range(1, 21))
    [check] = receipt_series_check(office_id=office.pk, year=2026)
    assert (check.issued, check.gaps, check.duplicates, check.chain_broken_at) == (20, (), (), ())


def test_a_void_racing_issues_is_safe(accountant, office_head, receipt_case, office):
    from receipts.services import receipt_void

    first = issue_for(accountant, receipt_case, "dau-tien", amount=5_000_000)

    def work(index):
        if index == 0:
            return receipt_void(actor=office_head, receipt=first, reason="Ghi sai").status
        return issue_for(accountant, receipt_case, f"khoa-{index}").number

    results, errors = run_threads(11, work)

    assert errors == []
    assert sorted(r for r in results if isinstance(r, int)) == list(range(2, 12))
    assert Receipt.objects.get(pk=first.pk).status == Receipt.Status.VOIDED
    [check] = receipt_series_check(office_id=office.pk, year=2026)
    assert (check.issued, check.voided, check.ok) == (11, 1, True)
    from receipts.models import CreditorBalance

    assert CreditorBalance.objects.get(case=receipt_case).collected_vnd == 10 * 1_000_000
