"""Batch drafting, required fields, approval and signing (in-process tasks)."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from decisions.exceptions import DecisionAlreadySigningError
from decisions.exceptions import DecisionFieldsInvalidError
from decisions.exceptions import DecisionNothingDueError
from decisions.models import Decision
from decisions.selectors import decisions_due_for_judgment
from decisions.services import SERIES
from decisions.services import decision_approve
from decisions.services import decision_batch_approve
from decisions.services import decision_batch_create
from decisions.services import decision_batch_sign
from decisions.services import decision_pdf_path
from decisions.services import decision_preview_ensure
from decisions.services import decision_update
from decisions.signals import decision_signed
from thads.audit.models import AuditEvent
from thads.documents.models import Job
from thads.documents.models import PublicToken
from thads.documents.signing import trust_roots
from thads.numbering.selectors import number_check
from thads.numbering.selectors import number_sequence_last

pytestmark = pytest.mark.django_db


def _drafted(batch):
    return list(Decision.objects.filter(batch=batch).order_by("position", "pk"))


def test_batch_drafts_every_due_decision_once(
    drafting_env, officer, judgment_fees, judgment_joint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = decision_batch_create(
            actor=officer, judgment_ids=[judgment_fees.pk, judgment_joint.pk]
        )

    decisions = _drafted(batch)
    assert [(d.kind, d.debtor_name, d.status) for d in decisions] == [
        ("proactive", "Trần Thị Bích", "draft"),
        ("proactive", "Lê Văn Cường", "draft"),
        ("proactive", "Phạm Văn Dũng và Hoàng Văn Em", "draft"),
        ("proactive", "Phạm Văn Dũng", "draft"),
    ]
    job = Job.objects.get(pk=batch.draft_job_id)
    assert (job.status, job.total, job.done, job.failed_items) == ("succeeded", 4, 4, 0)
    assert [d.preview_name for d in decisions] == ["", "", "", ""]  # rendered when opened
    name = decision_preview_ensure(decision=decisions[0])
    assert decision_pdf_path(name).read_bytes().startswith(b"%PDF")
    assert Decision.objects.get(pk=decisions[0].pk).preview_name == name
    assert {(d.template.kind, d.template.version, d.law_version) for d in decisions} == {
        ("proactive", 2, "L2025")
    }
    assert decisions[0].legal_bases[0] == "Căn cứ Điều 33 Luật Thi hành án dân sự số 106/2025/QH15"
    assert AuditEvent.objects.filter(action="decisions.decision_drafted").count() == 4
    # drafted items are no longer due: a second batch has nothing to draft
    assert {d.status for d in decisions_due_for_judgment(judgment=judgment_joint)} == {"drafted"}
    with pytest.raises(DecisionNothingDueError):
        decision_batch_create(actor=officer, judgment_ids=[judgment_joint.pk])


def test_required_fields_block_approval_with_per_field_messages(
    drafting_env, officer, office_head, judgment_fees, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = decision_batch_create(actor=officer, judgment_ids=[judgment_fees.pk])
    complete, missing_id = _drafted(batch)

    with pytest.raises(DecisionFieldsInvalidError) as error:
        decision_approve(actor=office_head, decision=missing_id)
    assert error.value.errors == {
        "debtor_id_number": "Chưa nhập “Số định danh cá nhân / mã số doanh nghiệp”: trường "
        "này là bắt buộc."
    }
    approved, blocked = decision_batch_approve(actor=office_head, batch=batch)
    assert approved == [complete.pk]
    assert list(blocked) == [missing_id.pk]

    missing_id = decision_update(
        actor=officer,
        decision=missing_id,
        fields={"debtor_id_number": "001080000009", "other_content": "Nội dung đã sửa."},
        version=missing_id.version,
    )
    decision_approve(actor=office_head, decision=missing_id)
    assert Decision.objects.get(pk=missing_id.pk).status == "approved"
    assert AuditEvent.objects.filter(action="decisions.decision_updated").count() == 1


def test_signing_numbers_gaplessly_and_every_pdf_validates_against_the_platform_ca(
    drafting_env, officer, office_head, make_judgment, django_capture_on_commit_callbacks
):
    judgments = [make_judgment(fees=2), make_judgment(fees=1)]
    with django_capture_on_commit_callbacks(execute=True):
        batch = decision_batch_create(actor=officer, judgment_ids=[j.pk for j in judgments])
    decision_batch_approve(actor=office_head, batch=batch)
    announced = []

    def receiver(sender, decision_id, data, **kwargs):
        announced.append((decision_id, data.number))

    decision_signed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = decision_batch_sign(actor=office_head, batch=batch)
    finally:
        decision_signed.disconnect(receiver)

    decisions = _drafted(batch)
    assert [(d.status, d.number_symbol) for d in decisions] == [
        ("signed", f"{n}/{SERIES}") for n in (1, 2, 3)
    ]
    job.refresh_from_db()
    assert (job.status, job.done, job.failed_items) == ("succeeded", 3, 0)
    check = number_check(
        numbers=[d.number for d in decisions],
        last_number=number_sequence_last(
            office=batch.office, series=SERIES, year=decisions[0].year
        ),
    )
    assert check.ok and check.count == 3
    assert sorted(announced) == [(d.pk, d.number_symbol) for d in decisions]
    context = ValidationContext(trust_roots=[_asn1(c) for c in trust_roots()], allow_fetching=False)
    for decision in decisions:
        data = decision_pdf_path(decision.pdf_name).read_bytes()
        [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
        status = validate_pdf_signature(signature, signer_validation_context=context)
        assert (status.intact, status.valid, status.trusted) == (True, True, True)
        token = PublicToken.objects.get(pk=decision.public_token_id)
        assert token.pdf_sha256 == decision.pdf_sha256
        assert token.summary["number"] == decision.number_symbol

    with pytest.raises(DecisionAlreadySigningError) as error:
        decision_batch_sign(actor=office_head, batch=batch)
    assert "không còn quyết định đã duyệt nào chờ ký" in error.value.message


def _asn1(cert):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
