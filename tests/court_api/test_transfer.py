"""POST /api/v1/court/judgments: a real transfer, idempotency, conflicts and every exact error."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.utils import timezone

from decisions.models import CourtTransfer
from decisions.models import ExtractedField
from decisions.models import Judgment
from tests.court_api.conftest import COURT_CODE
from tests.court_api.conftest import transfer_body
from tests.documents import hostile
from tests.fixtures.documents import stored_files
from thads.audit.models import AuditEvent
from thads.documents.models import Document

pytestmark = pytest.mark.django_db


def _error(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return response.json()


def _nothing_stored(media_root) -> None:
    assert Judgment.objects.count() == 0
    assert CourtTransfer.objects.count() == 0
    assert Document.objects.count() == 0
    assert [name for name in stored_files(media_root) if not name.startswith("staging/")] == []


def test_transfer_creates_judgment_document_and_transfer(
    court, send, metadata, pdf_bytes, office, media_root
):
    pdf = pdf_bytes("a")
    audit_before = AuditEvent.objects.count()

    response = send(court, body=transfer_body(metadata(), pdf))

    assert response.status_code == 201
    judgment = Judgment.objects.get()
    body = response.json()
    assert body == {
        "judgment_id": judgment.pk,
        "status": "received",
        "received_at": body["received_at"],
        "duplicate": False,
    }
    transfer = CourtTransfer.objects.get()
    assert body["received_at"] == transfer.received_at.isoformat()
    assert judgment.received_at == transfer.received_at
    assert judgment.source == Judgment.Source.COURT_API
    assert judgment.office == office
    assert judgment.received_by is None
    assert judgment.number == "76/2025/HNGĐ-ST"
    assert judgment.issued_on.isoformat() == "2025-05-22"
    assert judgment.case_type == "HNGD"
    assert judgment.court == "Tòa án nhân dân Quận 1, Thành phố Hồ Chí Minh"
    assert set(
        ExtractedField.objects.filter(judgment=judgment).values_list("source", flat=True)
    ) == {"court"}
    document = judgment.document
    assert document.office == office
    assert document.purpose == "judgment"
    assert document.sha256 == hashlib.sha256(pdf).hexdigest()
    assert (media_root / "documents" / document.sha256[:2]).is_dir()
    assert transfer.client == court.client
    assert transfer.key_id == court.key_id
    assert transfer.file_sha256 == document.sha256
    assert transfer.number_key == "76/2025/HNGD-ST"
    received = AuditEvent.objects.get(action="decisions.court_transfer_received")
    assert received.actor_id is None
    assert received.office_id == office.pk
    assert received.summary == (
        f"Nhận bản án số 76/2025/HNGĐ-ST do TAND Quận 1 chuyển qua API (khóa {court.key_id})"
    )
    # The judgment, its document and the transfer, each audited once (plus the text job).
    actions = list(
        AuditEvent.objects.order_by("pk").values_list("action", flat=True)[audit_before:]
    )
    assert actions.count("decisions.court_transfer_received") == 1
    assert actions.count("decisions.judgment_received") == 1
    assert actions.count("documents.document_stored") == 1


def test_transfer_runs_the_text_pipeline_after_commit(
    court, send, metadata, pdf_bytes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(court, body=transfer_body(metadata(), pdf_bytes("a")))

    assert response.status_code == 201
    document = Judgment.objects.get().document
    document.refresh_from_db()
    assert document.pages.get(number=1).text.startswith("TÒA ÁN NHÂN DÂN QUẬN 1")


def test_transfer_sets_the_date_of_legal_effect(court, send, metadata, pdf_bytes):
    response = send(court, body=transfer_body(metadata(), pdf_bytes("effect")))

    assert response.status_code == 201
    judgment = Judgment.objects.get(pk=response.json()["judgment_id"])
    assert judgment.effective_on.isoformat() == "2025-06-23"


def test_same_transfer_again_is_a_duplicate_with_the_same_id(court, send, metadata, pdf_bytes):
    body = transfer_body(metadata(), pdf_bytes("a"))
    first = send(court, body=body, timestamp=int(timezone.now().timestamp()) - 10)

    again = send(court, body=body)

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == {
        "judgment_id": first.json()["judgment_id"],
        "status": "received",
        "received_at": first.json()["received_at"],
        "duplicate": True,
    }
    assert Judgment.objects.count() == 1
    assert CourtTransfer.objects.count() == 1
    assert AuditEvent.objects.filter(action="decisions.court_transfer_repeated").count() == 1


def test_duplicate_ignores_key_order_and_number_spelling(court, send, metadata, pdf_bytes):
    pdf = pdf_bytes("a")
    send(court, body=transfer_body(metadata(), pdf), timestamp=int(timezone.now().timestamp()) - 5)
    reordered = dict(reversed(list(metadata().items())))

    again = send(court, body=transfer_body(reordered, pdf))

    assert again.status_code == 200
    assert again.json()["duplicate"] is True


def test_other_file_for_the_same_number_is_a_conflict(court, send, metadata, pdf_bytes):
    first = send(
        court,
        body=transfer_body(metadata(), pdf_bytes("a")),
        timestamp=int(timezone.now().timestamp()) - 5,
    )
    judgment_id = first.json()["judgment_id"]
    received = timezone.localtime(CourtTransfer.objects.get().received_at).strftime(
        "%H:%M %d/%m/%Y"
    )

    response = send(court, body=transfer_body(metadata(), pdf_bytes("b")))

    assert response.status_code == 409
    assert _error(response) == {
        "error": {
            "code": "duplicate_conflict",
            "message": f"Bản án số 76/2025/HNGĐ-ST đã được tiếp nhận lúc {received} "
            f"(mã {judgment_id}) với nội dung khác (file); không tiếp nhận lại cùng số bản án "
            "với nội dung khác.",
            "field": "file",
        }
    }
    assert Judgment.objects.count() == 1
    assert Document.objects.count() == 1


def test_other_metadata_for_the_same_number_is_a_conflict_naming_the_field(
    court, send, metadata, pdf_bytes
):
    pdf = pdf_bytes("a")
    send(court, body=transfer_body(metadata(), pdf), timestamp=int(timezone.now().timestamp()) - 5)

    response = send(court, body=transfer_body(metadata(effective_date="2025-07-01"), pdf))

    assert response.status_code == 409
    assert _error(response)["error"]["field"] == "metadata.effective_date"
    assert CourtTransfer.objects.count() == 1


def test_same_file_under_another_number_is_a_conflict(court, send, metadata, pdf_bytes):
    pdf = pdf_bytes("a")
    send(court, body=transfer_body(metadata(), pdf), timestamp=int(timezone.now().timestamp()) - 5)

    response = send(court, body=transfer_body(metadata(judgment_number="77/2025/HNGĐ-ST"), pdf))

    assert response.status_code == 409
    error = _error(response)["error"]
    assert error["code"] == "duplicate_conflict"
    assert error["field"] == "file"
    assert "với số bản án 76/2025/HNGĐ-ST" in error["message"]
    assert CourtTransfer.objects.count() == 1


def test_two_courts_may_send_the_same_number(court, other_court, send, metadata, pdf_bytes):
    first = send(court, body=transfer_body(metadata(), pdf_bytes("a")))
    second = send(
        other_court, body=transfer_body(metadata(court_code="TAND-01-BD"), pdf_bytes("b"))
    )

    assert (first.status_code, second.status_code) == (201, 201)
    assert CourtTransfer.objects.count() == 2


ERRORS_400 = [
    (
        "invalid JSON",
        b'{"court_code": ',
        "invalid_json",
        "Phần metadata không phải JSON hợp lệ (dòng 1, cột 16).",
        "metadata",
    ),
    (
        "not an object",
        b"[1, 2]",
        "invalid_json",
        "Phần metadata phải là một đối tượng JSON.",
        "metadata",
    ),
    (
        "nested too deep",
        b"[" * 30000 + b"]" * 30000,
        "invalid_json",
        "Phần metadata lồng nhau quá sâu.",
        "metadata",
    ),
    (
        "too long",
        b'{"court_name": "' + b"a" * 70000 + b'"}',
        "invalid_json",
        "Phần metadata dài quá 64 KB.",
        "metadata",
    ),
    (
        "missing field",
        {"court_name": ...},
        "missing_field",
        "Thiếu trường bắt buộc: court_name.",
        "court_name",
    ),
    (
        "unknown field",
        {"judge": "Lê Văn Tám"},
        "unknown_field",
        "Trường không được hỗ trợ: judge.",
        "judge",
    ),
    (
        "not a string",
        {"court_name": 42},
        "invalid_field",
        "Trường court_name phải là chuỗi ký tự.",
        "court_name",
    ),
    (
        "wrong date format",
        {"judgment_date": "22/05/2025"},
        "invalid_date",
        "Trường judgment_date phải là ngày hợp lệ theo định dạng YYYY-MM-DD (ví dụ 2026-07-15).",
        "judgment_date",
    ),
    (
        "impossible date",
        {"judgment_date": "2025-02-30"},
        "invalid_date",
        "Trường judgment_date phải là ngày hợp lệ theo định dạng YYYY-MM-DD (ví dụ 2026-07-15).",
        "judgment_date",
    ),
    (
        "future date",
        {"judgment_date": "2099-01-02", "judgment_number": "1/2099/DS-ST", "case_type": "DS"},
        "invalid_date",
        "Ngày bản án (02/01/2099) không được sau ngày hiện tại.",
        "judgment_date",
    ),
    (
        "effective before judgment",
        {"effective_date": "2025-05-01"},
        "invalid_date",
        "Ngày có hiệu lực pháp luật không được trước ngày bản án.",
        "effective_date",
    ),
    (
        "wrong case type",
        {"case_type": "XX"},
        "invalid_case_type",
        "Loại vụ việc phải là một trong: DS, HNGD, KDTM, LD, HC, HS.",
        "case_type",
    ),
    (
        "number format",
        {"judgment_number": "ban an 76"},
        "invalid_judgment_number",
        "Số bản án không đúng định dạng <số thứ tự>/<năm>/<ký hiệu> (ví dụ 76/2025/HNGĐ-ST).",
        "judgment_number",
    ),
    (
        "number year",
        {"judgment_number": "76/2024/HNGĐ-ST"},
        "judgment_number_mismatch",
        "Năm trong số bản án (2024) không khớp với năm của ngày bản án (2025).",
        "judgment_number",
    ),
    (
        "number case type",
        {"judgment_number": "76/2025/DS-ST"},
        "judgment_number_mismatch",
        "Ký hiệu trong số bản án (DS-ST) không khớp với loại vụ việc HNGD.",
        "judgment_number",
    ),
    (
        "party role",
        {"parties": [{"role": "judge", "name": "Lê Văn Tám"}]},
        "invalid_field",
        "Tư cách đương sự parties[0].role phải là một trong: plaintiff, defendant, "
        "related_party, accused, victim, petitioner, civil_plaintiff, civil_defendant, other.",
        "parties[0].role",
    ),
    (
        "party id number",
        {"parties": [{"role": "plaintiff", "name": "A", "id_number": "12AB"}]},
        "invalid_field",
        "Trường parties[0].id_number phải gồm 9 hoặc 12 chữ số.",
        "parties[0].id_number",
    ),
]


@pytest.mark.parametrize(
    ("label", "change", "code", "message", "field"), ERRORS_400, ids=[e[0] for e in ERRORS_400]
)
def test_invalid_metadata_is_a_precise_400(
    label, change, code, message, field, court, send, metadata, pdf_bytes, media_root
):
    raw = change if isinstance(change, bytes) else metadata(**change)

    response = send(court, body=transfer_body(raw, pdf_bytes("a")))

    assert response.status_code == 400
    assert _error(response) == {"error": {"code": code, "message": message, "field": field}}
    _nothing_stored(media_root)


def test_qdst_numbers_carry_the_case_type_after_the_stage(court, send, metadata, pdf_bytes):
    response = send(
        court,
        body=transfer_body(
            metadata(judgment_number="1161/2025/QĐST-DS", case_type="DS"), pdf_bytes("a")
        ),
    )

    assert response.status_code == 201


def test_missing_file_and_missing_metadata(court, send, metadata, pdf_bytes, media_root):
    no_file = send(court, body=transfer_body(metadata(), None))
    no_metadata = send(court, body=transfer_body(None, pdf_bytes("a")))

    assert no_file.status_code == 400
    assert _error(no_file) == {
        "error": {
            "code": "missing_field",
            "message": "Thiếu tệp bản án (phần file).",
            "field": "file",
        }
    }
    assert no_metadata.status_code == 400
    assert _error(no_metadata) == {
        "error": {
            "code": "missing_field",
            "message": "Thiếu trường bắt buộc: metadata.",
            "field": "metadata",
        }
    }
    _nothing_stored(media_root)


def test_body_that_is_not_multipart_is_refused(court, client):
    from decisions.api.auth import signed_headers

    body = json.dumps({"court_code": COURT_CODE}).encode()
    headers = signed_headers(
        key_id=court.key_id,
        secret=court.secret,
        method="POST",
        path="/api/v1/court/judgments",
        body=body,
        timestamp=int(timezone.now().timestamp()),
    )

    response = client.post(
        "/api/v1/court/judgments", data=body, content_type="application/json", headers=headers
    )

    assert response.status_code == 400
    assert _error(response) == {
        "error": {
            "code": "invalid_multipart",
            "message": "Yêu cầu phải có kiểu multipart/form-data gồm phần metadata (JSON) và "
            "phần file (PDF).",
            "field": "",
        }
    }


def test_court_code_of_another_court_is_forbidden(court, send, metadata, pdf_bytes, media_root):
    response = send(court, body=transfer_body(metadata(court_code="TAND-01-BD"), pdf_bytes("a")))

    assert response.status_code == 403
    assert _error(response) == {
        "error": {
            "code": "court_mismatch",
            "message": "Mã Tòa án TAND-01-BD trong metadata không phải của khóa đã ký "
            "(TAND-79-Q1).",
            "field": "court_code",
        }
    }
    _nothing_stored(media_root)


def test_unknown_target_office_is_404(court, send, metadata, pdf_bytes, media_root):
    response = send(court, body=transfer_body(metadata(target_office_code="T999"), pdf_bytes("a")))

    assert response.status_code == 404
    assert _error(response) == {
        "error": {
            "code": "unknown_office",
            "message": "Không tìm thấy cơ quan thi hành án có mã T999.",
            "field": "target_office_code",
        }
    }
    _nothing_stored(media_root)


def test_file_over_the_documents_limit_is_413(
    court, send, metadata, pdf_bytes, settings, media_root
):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    big = pdf_bytes("a") + b"%" + b"0" * (2 * 1024 * 1024)

    response = send(court, body=transfer_body(metadata(), big))

    assert response.status_code == 413
    assert _error(response) == {
        "error": {
            "code": "too_large",
            "message": "Tệp vượt quá dung lượng cho phép (tối đa 2 MB).",
            "field": "file",
            "reason": "too_large",
        }
    }
    _nothing_stored(media_root)


def test_body_over_the_limit_is_413_before_reading_it(court, send, settings, media_root):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1024
    body = b"x" * (300 * 1024)

    response = send(court, body=body)

    assert response.status_code == 413
    assert _error(response)["error"]["code"] == "too_large"


def test_a_file_that_is_not_a_pdf_is_415(court, send, metadata, media_root):
    response = send(
        court, body=transfer_body(metadata(), hostile.jpeg_bytes(), filename="scan.pdf")
    )

    assert response.status_code == 415
    assert _error(response) == {
        "error": {
            "code": "unsupported_media_type",
            "message": "Tệp bản án phải là tệp PDF.",
            "field": "file",
        }
    }
    _nothing_stored(media_root)


@pytest.mark.parametrize(
    ("maker", "reason", "message"),
    [
        (
            hostile.encrypted_pdf,
            "encrypted",
            "Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa.",
        ),
        (hostile.truncated_pdf, "malformed", "Tệp bị hỏng hoặc không đầy đủ, không đọc được."),
    ],
    ids=["encrypted", "truncated"],
)
def test_hostile_pdf_is_422_with_the_documents_message(
    maker, reason, message, court, send, metadata, tmp_path, media_root
):
    response = send(court, body=transfer_body(metadata(), maker(tmp_path)))

    assert response.status_code == 422
    assert _error(response) == {
        "error": {
            "code": "document_rejected",
            "message": message,
            "field": "file",
            "reason": reason,
        }
    }
    _nothing_stored(media_root)
    assert not AuditEvent.objects.filter(action="decisions.court_transfer_received").exists()


def test_the_documented_python_recipe_works(court, client, metadata, pdf_bytes):
    """docs/court_api.md §2: a body prepared by ``requests`` and signed by hand is accepted."""
    import hmac
    import time

    import requests

    path = "/api/v1/court/judgments"
    request = requests.Request(
        "POST",
        "http://testserver" + path,
        files={
            "metadata": (
                None,
                json.dumps(metadata(), ensure_ascii=False).encode(),
                "application/json",
            ),
            "file": ("ban-an.pdf", pdf_bytes("docs"), "application/pdf"),
        },
    ).prepare()
    ts = str(int(time.time()))
    message = "\n".join([ts, "POST", path, hashlib.sha256(request.body).hexdigest()])
    signature = hmac.new(court.secret.encode(), message.encode(), hashlib.sha256).hexdigest()

    response = client.generic(
        "POST",
        path,
        data=request.body,
        content_type=request.headers["Content-Type"],
        headers={
            "Authorization": f"THADS-HMAC key_id={court.key_id}, signature={signature}",
            "X-THADS-Timestamp": ts,
        },
    )

    assert response.status_code == 201
    assert Judgment.objects.get().number == "76/2025/HNGĐ-ST"
