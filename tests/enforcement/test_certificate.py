"""Certificate of enforcement results: deadline, drafted PDF from the case, idempotent render."""

from __future__ import annotations

import pytest

from enforcement.exceptions import CaseTransitionError
from enforcement.models import ResultCertificate
from enforcement.services import case_certificate_request
from enforcement.services import case_certificate_sign
from enforcement.tasks.cases import case_certificate_render_task
from tests.documents.signing_support import signing_root  # noqa: F401
from tests.documents.signing_support import signing_settings  # noqa: F401
from tests.enforcement.helpers import at
from thads.documents.models import Document
from thads.documents.signing import validate_pdf_signatures
from thads.documents.storage import original_path

pytestmark = pytest.mark.django_db


def test_request_drafts_a_pdf_for_signature(
    case, officer, django_capture_on_commit_callbacks, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = case_certificate_request(
            actor=officer, case=case, requested_by_name="Lê Thị Được", at=at(2026, 9, 14)
        )
    certificate.refresh_from_db()
    assert certificate.status == ResultCertificate.Status.DRAFTED
    document = Document.objects.get(pk=certificate.document_id)
    assert document.office == case.office
    assert (document.kind, document.page_count) == ("pdf", 1)
    assert certificate.deadline.rule_code == "T19_RESULT_CERTIFICATE"
    assert case.events.get().kind == "certificate_requested"
    assert (
        case_certificate_render_task.apply(kwargs={"certificate_id": certificate.pk}).get()
        == "skipped"
    )


def test_request_refused_outside_the_scope(case, other_officer):
    with pytest.raises(CaseTransitionError) as exc:
        case_certificate_request(actor=other_officer, case=case, requested_by_name="A")
    assert exc.value.message == "Bạn không được tiếp nhận yêu cầu cho hồ sơ này."
    assert not ResultCertificate.objects.exists()


def test_head_signs_the_certificate_and_meets_t19(
    case,
    officer,
    office_head,
    django_capture_on_commit_callbacks,
    tmp_path,
    settings,
    signing_settings,  # noqa: F811
):
    settings.MEDIA_ROOT = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = case_certificate_request(
            actor=officer, case=case, requested_by_name="Lê Thị Được", at=at(2026, 9, 14)
        )
    certificate.refresh_from_db()
    with pytest.raises(CaseTransitionError) as exc:
        case_certificate_sign(actor=officer, certificate=certificate)
    assert exc.value.message == "Chỉ Thủ trưởng cơ quan thi hành án được ký xác nhận."
    certificate = case_certificate_sign(actor=office_head, certificate=certificate)
    assert certificate.status == ResultCertificate.Status.SIGNED
    signed = Document.objects.get(pk=certificate.signed_document_id)
    report = validate_pdf_signatures(original_path(signed.storage_name).read_bytes())
    assert (report.signed, report.valid, report.intact, report.trusted) == (True, True, True, True)
    assert certificate.deadline.__class__.objects.get(pk=certificate.deadline_id).status == "met"
