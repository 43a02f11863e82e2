"""Signing after commit: the PDF validates with pyHanko's validator, a receipt is signed
exactly once, a voided receipt is not signed, and its QR token is registered."""

import pytest

from receipts.models import Receipt
from receipts.services import receipt_sign
from receipts.services import receipt_void
from thads.audit.models import AuditEvent
from thads.documents.conf import media_root
from thads.documents.models import PublicToken
from thads.documents.signing import validate_pdf_signatures
from thads.documents.verification.services import public_token_hash

pytestmark = pytest.mark.django_db


def test_issue_then_commit_signs_a_valid_pdf(
    issue, receipt_signing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        receipt = issue()

    assert len(callbacks) == 1
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.SIGNED
    assert receipt.signed_at is not None
    pdf = (media_root() / receipt.pdf_name).read_bytes()
    report = validate_pdf_signatures(pdf)
    assert report.authentic, report.messages
    assert report.office_code == "T101-KV01"
    token = PublicToken.objects.get()
    assert token.token_hash == public_token_hash(receipt.lookup_code)
    assert token.object_type == "receipts.receipt"
    assert token.object_id == str(receipt.pk)
    assert token.pdf_sha256 == receipt.pdf_sha256
    assert token.summary["number"] == "BL/26E 0000001"
    assert "payer" not in str(token.summary).lower()


def test_a_second_run_signs_nothing(issue, receipt_signing):
    receipt = issue()

    first = receipt_sign(receipt_id=receipt.pk)
    second = receipt_sign(receipt_id=receipt.pk)

    assert first is not None
    assert second is None
    assert PublicToken.objects.count() == 1
    assert AuditEvent.objects.filter(action="receipts.receipt_signed").count() == 1


def test_a_voided_receipt_is_not_signed(issue, office_head, receipt_signing):
    receipt = issue()
    receipt_void(actor=office_head, receipt=receipt, reason="Lập nhầm")

    assert receipt_sign(receipt_id=receipt.pk) is None
    receipt.refresh_from_db()
    assert receipt.signed_at is None
    assert PublicToken.objects.count() == 0


def test_voiding_a_signed_receipt_revokes_its_token(issue, office_head, receipt_signing):
    receipt = issue()
    receipt_sign(receipt_id=receipt.pk)

    receipt_void(actor=office_head, receipt=receipt, reason="Lập nhầm hồ sơ")

    token = PublicToken.objects.get()
    assert token.is_revoked
    assert token.revoked_reason == "Lập nhầm hồ sơ"


def test_daily_statement_is_balanced_and_signed(issue, office, office_head, receipt_signing):
    import datetime as dt

    from receipts.models import DailyStatement
    from receipts.services import daily_statement_make
    from tests.fixtures.receipts import COLLECTED_AT

    receipts = [issue(amount_vnd=1_000_000) for _ in range(3)]
    receipt_void(actor=office_head, receipt=receipts[0], reason="Ghi sai")
    day = COLLECTED_AT.astimezone(dt.timezone(dt.timedelta(hours=7))).date()

    statement = daily_statement_make(office=office, day=day)
    again = daily_statement_make(office=office, day=day)

    assert again.pk == statement.pk
    assert (statement.issued, statement.valid, statement.voided) == (3, 2, 1)
    assert statement.total_vnd == 2_000_000
    assert statement.chain_ok is True
    assert statement.detail[0]["gaps"] == []
    pdf = (media_root() / statement.pdf_name).read_bytes()
    assert validate_pdf_signatures(pdf).authentic
    assert DailyStatement.objects.count() == 1
    assert AuditEvent.objects.filter(action="receipts.daily_statement_made").count() == 1


def test_sweeper_requeues_receipts_left_unsigned(issue, receipt_signing):
    import datetime as dt

    from django.utils import timezone

    from receipts.tasks import receipts_sign_sweep_task

    old = issue(sign=False)
    fresh = issue(sign=False)
    Receipt.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(minutes=6))

    assert receipts_sign_sweep_task() == 1

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == Receipt.Status.SIGNED
    assert fresh.status == Receipt.Status.ISSUED
