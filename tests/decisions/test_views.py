"""Judgment pages: upload, progress, review (fields, source highlight), htmx saves, export."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions import selectors
from decisions import services
from decisions.models import ExtractedField
from decisions.models import FieldCorrection
from decisions.models import Judgment
from tests.documents.hostile import encrypted_pdf
from tests.fixtures.decisions import COURT
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_upload_receives_the_judgment_and_goes_to_its_page(client, officer, media_root, samples):
    client.force_login(officer)
    data = (samples / "scan.png").read_bytes()

    response = client.post(
        reverse("decisions:judgment-upload"),
        {"file": SimpleUploadedFile("ban-an.png", data, content_type="image/png")},
        **HTMX,
    )

    judgment = Judgment.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("decisions:judgment-detail", args=[judgment.pk])
    assert judgment.office == officer.office
    assert judgment.document.original_name == "ban-an.png"


def test_upload_of_a_hostile_file_shows_the_reason(client, officer, media_root, tmp_path):
    client.force_login(officer)
    data = encrypted_pdf(tmp_path)

    response = client.post(
        reverse("decisions:judgment-upload"),
        {"file": SimpleUploadedFile("ban-an.pdf", data, content_type="application/pdf")},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="judgment-upload-form",
    )

    assert response.status_code == 422
    body = response.content.decode()
    assert "Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa." in body
    assert body.lstrip().startswith('<section id="judgment-upload-form"')
    assert Judgment.objects.count() == 0


def test_a_judgment_being_read_shows_the_progress_bar(client, officer, media_root, samples):
    judgment = services.judgment_intake(
        actor=officer, office=officer.office, file=samples / "scan.png"
    )
    client.force_login(officer)

    response = client.get(reverse("decisions:judgment-detail", args=[judgment.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="judgment-status"' in body
    assert f'id="job-progress-{judgment.document.job_id}"' in body
    assert 'hx-trigger="every 2s' in body


def test_the_status_poll_refreshes_the_page_once_in_review(client, officer, review_judgment):
    client.force_login(officer)

    response = client.get(
        reverse("decisions:judgment-detail", args=[review_judgment.pk]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="judgment-status",
    )

    assert response["HX-Refresh"] == "true"


def test_review_lists_low_confidence_first_and_the_confirm_button(client, officer, review_judgment):
    client.force_login(officer)

    response = client.get(reverse("decisions:judgment-detail", args=[review_judgment.pk]))

    body = response.content.decode()
    paths = re.findall(r'data-path="([^"]+)"', body)
    assert paths[:4] == ["date", "judgment_number", "court", "case_type"]
    assert paths[4:7] == ["parties[1].id_number", "parties[1].name", "parties[0].address"]
    assert len(paths) == len(set(paths)) == 4 + 2 * 6 + 9 + 4
    assert 'id="judgment-version" value="2"' in body
    assert "Xác nhận bản án" in body
    assert "disabled" not in body.split('id="judgment-version"')[1].split("</form>")[0]


def test_saving_a_field_swaps_its_row_and_the_issues(client, officer, review_judgment):
    client.force_login(officer)

    response = client.post(
        reverse("decisions:judgment-field-correct", args=[review_judgment.pk]),
        {"path": "obligations[0].amount_vnd", "value": "", "version": review_judgment.version},
        **HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<li id="field-obligations-0--amount-vnd"')
    assert 'hx-swap-oob="true"' in body
    assert "Nghĩa vụ 1: nghĩa vụ trả tiền nhưng chưa có số tiền." in body
    assert 'id="judgment-version" value="3"' in body
    assert "disabled" in body.split('id="judgment-version"')[1].split("</form>")[0]
    assert json.loads(response["HX-Trigger"]) == {
        "thads:toast": {"message": "Đã lưu.", "level": "success"}
    }


def test_an_invalid_value_comes_back_in_the_form_with_its_error(client, officer, review_judgment):
    client.force_login(officer)

    response = client.post(
        reverse("decisions:judgment-field-correct", args=[review_judgment.pk]),
        {"path": "date", "value": "12-06-2025", "version": review_judgment.version},
        **HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 422
    assert "Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 22/05/2025." in body
    assert 'value="12-06-2025"' in body
    assert FieldCorrection.objects.count() == 0


def test_a_stale_form_gets_a_toast_and_changes_nothing(client, officer, review_judgment):
    client.force_login(officer)

    response = client.post(
        reverse("decisions:judgment-field-correct", args=[review_judgment.pk]),
        {"path": "court", "value": "Tòa khác", "version": review_judgment.version - 1},
        **HTMX,
    )

    assert response.status_code == 204
    assert json.loads(response["HX-Trigger"])["thads:toast"] == {
        "message": (
            "Bản án đã được người khác cập nhật sau khi bạn mở trang. "
            "Hãy tải lại trang để xem nội dung mới nhất rồi thực hiện lại."
        ),
        "level": "error",
    }
    assert FieldCorrection.objects.count() == 0


def test_confirm_blocked_says_why(client, officer, review_judgment):
    judgment = review_judgment
    services.judgment_field_correct(
        actor=officer,
        judgment=judgment,
        path="obligations[0].amount_vnd",
        value="",
        version=judgment.version,
    )
    client.force_login(officer)

    response = client.post(
        reverse("decisions:judgment-confirm", args=[judgment.pk]),
        {"version": judgment.version},
        **HTMX,
    )

    assert response.status_code == 204
    message = json.loads(response["HX-Trigger"])["thads:toast"]["message"]
    assert message == (
        "Chưa thể xác nhận bản án: còn vấn đề phải xử lý. "
        "Nghĩa vụ 1: nghĩa vụ trả tiền nhưng chưa có số tiền."
    )
    judgment.refresh_from_db()
    assert judgment.status == Judgment.Status.REVIEW


def test_edit_form_of_a_choice_field(client, officer, review_judgment):
    client.force_login(officer)

    response = client.get(
        reverse("decisions:judgment-field", args=[review_judgment.pk]),
        {"path": "parties[0].role", "edit": "1"},
    )

    body = response.content.decode()
    assert '<option value="plaintiff" selected>Nguyên đơn</option>' in body
    assert "autofocus" in body


def test_export_carries_the_span_text_and_context(
    client, office_head, officer, make_document, office, samples, make_review_judgment
):
    from thads.documents.models import DocumentPage

    document = make_document(office, samples / "scan.png", purpose="judgment")
    DocumentPage.objects.create(
        document=document, number=1, status="done", text="Số: 12/2025/QĐST-KDTM ngày 12/6/2025"
    )
    judgment = make_review_judgment(office, document=document)
    services.judgment_field_correct(
        actor=officer,
        judgment=judgment,
        path="court",
        value="Tòa án nhân dân khu vực 2",
        version=judgment.version,
    )
    client.force_login(office_head)

    response = client.get(reverse("decisions:judgment-corrections-export"), {"format": "jsonl"})

    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    [row] = [json.loads(line) for line in response.content.decode().splitlines()]
    assert row["path"] == "court"
    assert row["after"] == "Tòa án nhân dân khu vực 2"
    text = "Số: 12/2025/QĐST-KDTM ngày 12/6/2025"
    assert row["span_text"] == text[: len(COURT)]
    assert row["context"] == text
    assert (row["page"], row["start"], row["end"]) == (1, 0, len(COURT))
    assert set(row) == set(services.EXPORT_COLUMNS)
    assert AuditEvent.objects.filter(action="decisions.judgment_corrections_exported").count() == 1


def test_source_highlights_the_span_of_a_real_text_page(
    client, officer, office, media_root, samples, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        judgment = services.judgment_intake(
            actor=officer, office=office, file=samples / "text-3-pages.pdf"
        )
    page = judgment.document.pages.get(number=2)
    start = page.text.index("12.500.000")
    ExtractedField.objects.update_or_create(
        judgment=judgment,
        path="court",
        defaults={
            "value": "12.500.000",
            "confidence": 0.5,
            "page": 2,
            "start": start,
            "end": start + 10,
        },
    )
    boxes = selectors.span_boxes(
        text=page.text,
        words=page.words,
        start=start,
        end=start + 10,
        width=page.width_px,
        height=page.height_px,
    )
    client.force_login(officer)

    response = client.get(
        reverse("decisions:judgment-source", args=[judgment.pk]),
        {"path": "court"},
    )

    body = response.content.decode()
    assert len(boxes) == 1
    assert 0 < boxes[0]["left"] < 50 and 0 < boxes[0]["top"] < 30 and 0 < boxes[0]["width"] < 30
    assert body.count('class="judgment-highlight"') == 1
    assert f'data-left="{boxes[0]["left"]}"' in body
    assert "<q>12.500.000</q>" in body
    assert "Trang 2/3" in body


def test_the_list_runs_a_fixed_number_of_queries(
    client, officer, office, django_assert_num_queries
):
    from tests.factories.decisions import JudgmentFactory

    JudgmentFactory.create_batch(3, office=office)
    client.force_login(officer)
    client.get(reverse("decisions:judgment-list"))  # warm the session and caches
    JudgmentFactory.create_batch(20, office=office)
    # 8 queries for 23 rows (session, user, count, one page of rows with office and
    # document...): nothing is queried per row.

    with django_assert_num_queries(8):
        response = client.get(reverse("decisions:judgment-list"))

    assert response.content.decode().count("/decisions/judgments/") >= 23
