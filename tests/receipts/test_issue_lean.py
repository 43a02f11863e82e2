"""The issue path's statements are counted, so the lean path cannot grow back (quality.md R1).

A receipt in a series already in use costs, on PostgreSQL: one read before the transaction
(double submit, amount still due, the series), then inside it the counter (one UPDATE …
RETURNING), the previous receipt's hash, the receipt, the creditor's balance and the office
lock (sent together in one round trip), the audit chain head and the audit event with the head
moved (one statement). Every guarantee stays: number under the counter's lock in the same
transaction, hash chain, balance, audit event, idempotency key, signing queued once after
commit.
"""

import pytest
from django.db import IntegrityError
from django.db import connection

from receipts.models import CreditorBalance
from receipts.models import Receipt
from thads.audit.models import AuditEvent
from thads.audit.verification import audit_chain_verify
from thads.numbering.selectors import number_sequence_last

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="counts PostgreSQL statements"),
]

#: Inside the test's transaction ``atomic`` makes SAVEPOINT / RELEASE SAVEPOINT where a request
#: sends BEGIN / COMMIT: the same count either way.
ISSUE_QUERIES = 10


def test_issue_in_a_used_series_takes_exactly_ten_statements(
    issue, receipt_case, django_assert_num_queries
):
    first = issue(amount_vnd=1_000_000, sign=False)

    with django_assert_num_queries(ISSUE_QUERIES) as captured:
        second = issue(amount_vnd=2_000_000, sign=False)

    statements = [q["sql"].split()[0].upper() for q in captured.captured_queries]
    assert statements == [
        "SELECT",  # double submit? amount still due, the series (no lock)
        "SAVEPOINT",
        "UPDATE",  # the series counter: lock and number
        "SELECT",  # the previous receipt's hash
        "INSERT",  # the receipt
        "INSERT",  # the creditor's balance (upsert)
        "SELECT",  # the office row, FOR NO KEY UPDATE
        "SELECT",  # the audit chain head, FOR UPDATE
        "WITH",  # the audit event, the head moved to it
        "RELEASE",
    ]
    assert "FOR NO KEY UPDATE" in captured.captured_queries[6]["sql"]
    assert captured.captured_queries[7]["sql"].endswith("FOR UPDATE")
    stored = Receipt.objects.get(pk=second.pk)
    assert (stored.number, stored.prev_hash, stored.hash) == (2, first.hash, second.hash)
    assert stored.amount_words == "Hai triệu đồng"
    assert (
        number_sequence_last(
            office=receipt_case.office_id, series="BL:enforcement:BL/26E", year=2026
        )
        == 2
    )
    balance = CreditorBalance.objects.get(case=receipt_case)
    assert balance.collected_vnd == 3_000_000
    event = AuditEvent.objects.get(action="receipts.receipt_issued", object_id=str(second.pk))
    assert (event.seq, event.object_repr, event.after["number"]) == (2, "BL/26E 0000002", 2)
    assert audit_chain_verify().ok is True


def test_the_signing_task_is_queued_once_after_commit(
    issue, django_assert_num_queries, django_capture_on_commit_callbacks
):
    issue(amount_vnd=1_000_000, sign=False)

    with (
        django_capture_on_commit_callbacks() as callbacks,
        django_assert_num_queries(ISSUE_QUERIES),
    ):
        receipt = issue(amount_vnd=1_000_000)

    assert len(callbacks) == 1
    assert Receipt.objects.get(pk=receipt.pk).status == Receipt.Status.ISSUED


def test_a_double_submit_costs_two_reads_and_writes_nothing(issue, django_assert_num_queries):
    first = issue(idempotency_key="khoa-mot-lan", sign=False)

    with django_assert_num_queries(2):
        again = issue(idempotency_key="khoa-mot-lan", sign=False)

    assert again.pk == first.pk
    assert again.number_display == "BL/26E 0000001"
    assert Receipt.objects.count() == 1
    assert AuditEvent.objects.filter(action="receipts.receipt_issued").count() == 1


def test_a_receipt_without_a_case_skips_the_balance(issue, django_assert_num_queries):
    issue(case=None, purpose=Receipt.Purpose.COURT_FEE, sign=False)

    with django_assert_num_queries(ISSUE_QUERIES - 1):
        receipt = issue(case=None, purpose=Receipt.Purpose.COURT_FEE, sign=False)

    assert (receipt.number, receipt.series.symbol) == (2, "AP/26E")
    assert CreditorBalance.objects.count() == 0


def test_a_failed_write_in_the_batch_rolls_the_number_back(issue, receipt_case, monkeypatch):
    first = issue(sign=False)
    # A lookup code that clashes makes the receipt INSERT fail inside the pipelined batch.
    monkeypatch.setattr("receipts.services.money.public_token_generate", lambda: first.lookup_code)

    with pytest.raises(IntegrityError):
        issue(sign=False)

    monkeypatch.undo()
    second = issue(sign=False)
    assert (second.number, second.prev_hash) == (2, first.hash)
    assert CreditorBalance.objects.get(case=receipt_case).collected_vnd == 20_000_000
    assert AuditEvent.objects.filter(action="receipts.receipt_issued").count() == 2
