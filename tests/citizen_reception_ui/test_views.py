"""Staff views of citizen reception: counter intake with scan and prefill (real OCR), the
petition list's filters and overdue marks, the action panels (htmx and plain), stale forms,
double submits, the reception log and the reception days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from citizen_reception.models import Petition
from citizen_reception.models import ReceptionLogEntry
from citizen_reception.models import ReceptionSchedule
from tests.citizen_reception_ui.samples import draw_petition
from thads.documents.models import Document

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def action_url(petition, action):
    return reverse("citizen_reception:petition-action", args=[petition.pk, action])


def form_data(response, form="form"):
    """The bound or initial values of a rendered form, as a POST would send them."""
    bound = response.context[form]
    data = {}
    for name in bound.fields:
        value = bound[name].value()
        if value is None or name == "attachments":
            continue
        if isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        if isinstance(value, bool):
            if not value:
                continue
            value = "on"
        data[name] = value
    return data


def test_scan_prefill_save_acknowledge(
    client, counter_staff, media_root, tmp_path, rules, django_capture_on_commit_callbacks
):
    day = timezone.localdate() - dt.timedelta(days=1)
    sample = draw_petition(tmp_path, kind="enforcement_request", day=day)
    client.force_login(counter_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("citizen_reception:intake-scan"),
            {"file": SimpleUploadedFile("don.png", sample.path.read_bytes(), "image/png")},
        )
    document = Document.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("citizen_reception:intake") + f"?scan={document.pk}"
    assert (document.purpose, document.status) == ("petition", "ready")

    page = client.get(response["Location"])
    assert page.status_code == 200
    data = form_data(page)
    assert data["kind"] == "enforcement_request"
    assert (data["petitioner_name"], data["petitioner_id_number"]) == (
        sample.name,
        sample.id_number,
    )
    assert data["received_on"] == day.strftime("%d/%m/%Y")
    assert data["scan_document"] == document.pk
    assert data["respondent"] == sample.respondent
    html = page.content.decode()
    assert 'class="prefilled prefilled-high"' in html
    assert "Đã đọc 12 thông tin từ bản quét." in html

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(reverse("citizen_reception:intake"), data)
    petition = Petition.objects.get()
    assert saved.status_code == 303
    assert saved["Location"] == (
        reverse("citizen_reception:petition-detail", args=[petition.pk]) + "?received=1"
    )
    assert (petition.kind, petition.petitioner_name, petition.received_on) == (
        "enforcement_request",
        sample.name,
        day,
    )
    assert [(a.original_name, a.document_id) for a in petition.attachments.all()] == [
        ("don.png", document.pk)
    ]
    detail = client.get(saved["Location"]).content.decode()
    assert f'<strong class="tracking-code">{petition.code}</strong>' in detail
    pdf = client.get(reverse("citizen_reception:petition-acknowledgement", args=[petition.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")

    # The same form sent again (double click, back and resend): the same petition.
    again = client.post(reverse("citizen_reception:intake"), data)
    assert again["Location"] == saved["Location"]
    assert Petition.objects.count() == 1


def test_a_file_that_is_not_a_scan_is_refused(client, counter_staff, media_root):
    client.force_login(counter_staff)
    response = client.post(
        reverse("citizen_reception:intake-scan"),
        {"file": SimpleUploadedFile("don.png", b"<?php echo 1; ?>" * 20, "image/png")},
    )
    assert response.status_code == 422
    assert response.context["scan_form"].errors["file"] == [
        "Định dạng tệp không được hỗ trợ. Chỉ nhận tệp PDF, TIFF, PNG hoặc JPEG."
    ]
    assert Document.objects.count() == 0


def _intake_post(**fields):
    data = {
        "kind": "complaint",
        "channel": "counter",
        "received_on": timezone.localdate().strftime("%d/%m/%Y"),
        "petitioner_name": "Hà Văn Nộp",
        "petitioner_id_kind": "CCCD",
        "petitioner_address": "Số 3 Tràng Tiền",
        "signatory_count": "1",
        "subject": "Khiếu nại quyết định kê biên",
        "content": "Nội dung khiếu nại.",
        "idempotency_key": "khoa-thu-nghiem-1",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"petitioner_name": ""},
            "petitioner_name",
            "Hãy ghi họ tên người gửi đơn, hoặc đánh dấu đơn không rõ người gửi.",
        ),
        (
            {"received_on": "01/01/2099"},
            "received_on",
            "Ngày nhận đơn không được sau ngày hôm nay.",
        ),
        (
            {"channel": "forwarded"},
            "forwarded_by",
            "Hãy ghi cơ quan đã chuyển đơn đến.",
        ),
        (
            {"case_number": "999/2026"},
            "case_number",
            "Không tìm thấy hồ sơ 999/2026 của cơ quan T101-KV01.",
        ),
        (
            {"petitioner_phone": "09-abc"},
            "petitioner_phone",
            "Số điện thoại chỉ gồm 9 đến 12 chữ số.",
        ),
    ],
)
def test_bad_intake_keeps_what_was_typed(client, counter_staff, rules, fields, field, message):
    client.force_login(counter_staff)
    response = client.post(reverse("citizen_reception:intake"), _intake_post(**fields))
    assert response.status_code == 422
    assert response.context["form"].errors[field] == [message]
    assert "Khiếu nại quyết định kê biên" in response.content.decode()
    assert Petition.objects.count() == 0


def test_list_filters_and_overdue_marks(client, office_head, petition, overdue_petition):
    client.force_login(office_head)
    url = reverse("citizen_reception:petition-list")
    page = client.get(url)
    html = page.content.decode()
    assert html.count('<tr class="is-overdue">') == 1
    assert "Quá hạn" in html
    # Newest received first (the overdue one was entered last, dated 30 days back).
    assert [p.code for p in page.context["page"].object_list] == [
        overdue_petition.code,
        petition.code,
    ]

    overdue = client.get(url, {"deadline": "overdue"}, **HTMX, HTTP_HX_TARGET="petition-table")
    assert [p.code for p in overdue.context["page"].object_list] == [overdue_petition.code]
    assert "<html" not in overdue.content.decode()
    assert "HX-Request" in overdue["Vary"].split(", ")

    by_code = client.get(url, {"q": petition.code.lower()})
    assert [p.code for p in by_code.context["page"].object_list] == [petition.code]
    soon = client.get(url, {"deadline": "soon"})
    assert list(soon.context["page"].object_list) == []


def test_action_panel_is_a_partial_for_htmx(client, office_head, petition):
    client.force_login(office_head)
    detail = client.get(reverse("citizen_reception:petition-detail", args=[petition.pk]))
    codes = [spec.code for spec in detail.context["actions"]]
    assert codes == [
        "classify",
        "note",
        "assign",
        "accept",
        "refuse",
        "store",
        "forward",
        "guide",
        "split",
        "duplicate",
        "withdraw",
    ]
    panel = client.get(action_url(petition, "refuse"), **HTMX)
    body = panel.content.decode()
    assert panel.status_code == 200
    assert body.lstrip().startswith('<form method="post"')
    assert f'name="version" value="{petition.version}"' in body

    invalid = client.post(action_url(petition, "refuse"), {"version": petition.version}, **HTMX)
    assert invalid.status_code == 422
    assert invalid.context["form"].errors["reason"] == ["Trường này là bắt buộc."]
    assert "Trường này là bắt buộc." in invalid.content.decode()


def test_a_stale_form_is_refused_with_a_message(client, office_head, petition):
    client.force_login(office_head)
    old = petition.version
    ok = client.post(action_url(petition, "note"), {"kind": "note", "text": "Đã gọi điện."})
    assert ok.status_code == 303
    client.post(
        action_url(petition, "classify"),
        {"version": old, "kind": "complaint", "complaint_level": "1"},
    )
    petition.refresh_from_db()
    classify = client.post(
        action_url(petition, "classify"),
        {"version": petition.version, "kind": "complaint", "complaint_level": "2"},
    )
    assert classify.status_code == 303
    stale = client.post(action_url(petition, "accept"), {"version": old}, **HTMX)
    assert stale.status_code == 200
    assert stale["HX-Redirect"] == reverse("citizen_reception:petition-detail", args=[petition.pk])
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.state, fresh.complaint_level) == ("received", 2)
    messages = [str(m) for m in stale.wsgi_request._messages]
    assert messages[-1] == (
        "Đơn đã được người khác cập nhật sau khi bạn mở trang. "
        "Hãy tải lại trang để xem thông tin mới nhất rồi thực hiện lại."
    )


def test_assign_accept_resolve_and_appeal(
    client, office_head, reception_officer, petition, media_root, django_capture_on_commit_callbacks
):
    client.force_login(office_head)
    response = client.post(
        action_url(petition, "assign"),
        {"version": petition.version, "officer": reception_officer.pk},
    )
    assert response.status_code == 303
    petition.refresh_from_db()
    client.post(action_url(petition, "accept"), {"version": petition.version})
    petition.refresh_from_db()
    assert (petition.state, petition.assigned_to_id) == ("accepted", reception_officer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        resolved = client.post(
            action_url(petition, "resolve"),
            {"version": petition.version, "summary": "Giữ nguyên quyết định kê biên."},
        )
    assert resolved.status_code == 303
    petition.refresh_from_db()
    assert petition.state == "resolved"
    pdf = client.get(reverse("citizen_reception:petition-resolution", args=[petition.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")

    appeal = client.post(
        action_url(petition, "appeal"),
        {
            "subject": "Khiếu nại lần hai",
            "content": "Không đồng ý kết quả.",
            "received_on": timezone.localdate().strftime("%d/%m/%Y"),
            "idempotency_key": "khieu-nai-lan-hai",
        },
    )
    second = Petition.objects.get(previous=petition)
    assert appeal["Location"] == reverse("citizen_reception:petition-detail", args=[second.pk])
    assert (second.kind, second.complaint_level, second.petitioner_name) == (
        "complaint",
        2,
        petition.petitioner_name,
    )


def test_split_duplicate_and_forward(
    client, office_head, counter_staff, make_petition, sibling_office
):
    first = make_petition(counter_staff, subject="Đơn gốc")
    mixed = make_petition(counter_staff, subject="Đơn nhiều nội dung")
    other = make_petition(counter_staff, subject="Đơn cần chuyển")
    client.force_login(office_head)

    split = client.post(
        action_url(mixed, "split"),
        {
            "version": mixed.version,
            "kind_1": "complaint",
            "subject_1": "Phần khiếu nại",
            "kind_2": "denunciation",
            "subject_2": "Phần tố cáo",
        },
    )
    assert split.status_code == 303
    assert sorted(mixed.parts.values_list("kind", "subject")) == [
        ("complaint", "Phần khiếu nại"),
        ("denunciation", "Phần tố cáo"),
    ]

    one_part = client.post(
        action_url(first, "split"),
        {"version": first.version, "kind_1": "complaint", "subject_1": "Một phần"},
    )
    assert one_part.status_code == 422
    assert one_part.context["form"].non_field_errors() == ["Tách đơn cần ít nhất hai phần."]

    duplicate = make_petition(counter_staff, subject="Đơn gửi lại")
    client.post(
        action_url(duplicate, "duplicate"),
        {"version": duplicate.version, "original_code": first.code.lower()},
    )
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of_id == first.pk

    unknown = client.post(
        action_url(first, "duplicate"), {"version": first.version, "original_code": "DKHONGCO"}
    )
    assert unknown.status_code == 422
    assert unknown.context["form"].non_field_errors() == ["Không tìm thấy đơn có mã DKHONGCO."]

    forward = client.post(
        action_url(other, "forward"),
        {"version": other.version, "to_office": sibling_office.pk, "reason": "Thuộc địa bàn"},
    )
    assert forward.status_code == 303
    other.refresh_from_db()
    assert other.office_id == sibling_office.pk


def test_reception_log_double_submit_and_refusal(client, reception_officer, petition):
    client.force_login(reception_officer)
    url = reverse("citizen_reception:reception-log-new")
    form = client.get(url).context["form"]
    data = {
        "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "person_name": "Đinh Văn Hỏi",
        "people_count": "1",
        "content": "Hỏi tiến độ.",
        "result": "refused",
        "petition_code": petition.code,
        "idempotency_key": form.initial["idempotency_key"],
    }
    refused = client.post(url, data)
    assert refused.status_code == 422
    assert refused.context["form"].errors["refusal_reason"] == ["Từ chối tiếp phải ghi lý do."]

    data["result"] = "answered"
    assert client.post(url, data).status_code == 303
    assert client.post(url, data).status_code == 303
    entry = ReceptionLogEntry.objects.get()
    assert (entry.person_name, entry.petition_id, entry.office_id) == (
        "Đinh Văn Hỏi",
        petition.pk,
        reception_officer.office_id,
    )
    log = client.get(reverse("citizen_reception:reception-log"), {"q": "Đinh"})
    assert [e.pk for e in log.context["page"].object_list] == [entry.pk]


def test_schedule_create_and_cancel(client, office_head):
    client.force_login(office_head)
    url = reverse("citizen_reception:schedule-list")
    day = (timezone.localdate() + dt.timedelta(days=7)).strftime("%d/%m/%Y")
    bad = client.post(
        url,
        {
            "host": office_head.pk,
            "day": day,
            "starts_at": "11:00",
            "ends_at": "08:00",
            "place": "P1",
        },
    )
    assert bad.status_code == 422
    assert bad.context["form"].errors["ends_at"] == ["Giờ kết thúc phải sau giờ bắt đầu."]
    ok = client.post(
        url,
        {
            "host": office_head.pk,
            "day": day,
            "starts_at": "08:00",
            "ends_at": "11:00",
            "place": "P1",
        },
    )
    assert ok.status_code == 303
    schedule = ReceptionSchedule.objects.get()
    client.post(reverse("citizen_reception:schedule-cancel", args=[schedule.pk]), {"reason": "Họp"})
    schedule.refresh_from_db()
    assert schedule.cancelled is True
    page = client.get(url).content.decode()
    assert '<tr class="is-cancelled">' in page


@pytest.mark.parametrize("name", ["petition-list", "petition-detail"])
def test_pages_stay_within_the_query_budget(
    client, office_head, make_petition, counter_staff, django_assert_max_num_queries, name
):
    """quality.md P1: at most 20 SQL queries per staff page, however many petitions."""
    petitions = [make_petition(counter_staff, subject=f"Đơn số {n}") for n in range(6)]
    client.force_login(office_head)
    args = [petitions[0].pk] if name == "petition-detail" else []
    url = reverse(f"citizen_reception:{name}", args=args)
    client.get(url)  # warm the session and the menu
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_the_page_polls_while_the_scan_is_read(
    client, counter_staff, office, make_document, tmp_path
):
    sample = draw_petition(tmp_path)
    document = make_document(office, sample.path, purpose="petition", status="processing")
    client.force_login(counter_staff)
    page = client.get(reverse("citizen_reception:intake"), {"scan": document.pk})
    status_url = reverse("citizen_reception:intake-scan-status", args=[document.pk])
    assert f'hx-get="{status_url}"' in page.content.decode()
    assert page.context["reading"] is True
    poll = client.get(status_url, **HTMX)
    assert poll.status_code == 200
    assert poll.content.decode().lstrip().startswith('<div id="intake-scan-reading"')

    document.status = "ready"
    document.save(update_fields=["status"])
    done = client.get(status_url, **HTMX)
    assert done["HX-Redirect"] == reverse("citizen_reception:intake") + f"?scan={document.pk}"


def test_a_note_sent_twice_is_kept_once(client, reception_officer, petition):
    client.force_login(reception_officer)
    data = {"kind": "note", "text": "Đã xác minh tại địa phương.", "idempotency_key": "k-ghi-1"}
    assert client.post(action_url(petition, "note"), data).status_code == 303
    assert client.post(action_url(petition, "note"), data).status_code == 303
    assert list(petition.notes.values_list("text", "author_id")) == [
        ("Đã xác minh tại địa phương.", reception_officer.pk)
    ]


def test_acknowledgement_not_rendered_yet(client, counter_staff, petition):
    # Rendered and signed after commit; until then the page says so (409), never a 500.
    client.force_login(counter_staff)
    response = client.get(reverse("citizen_reception:petition-acknowledgement", args=[petition.pk]))
    assert response.status_code == 409
    assert "đang được tạo và ký số" in response.content.decode()


def test_the_list_separates_what_the_office_received_for_others(
    client, counter_staff, make_petition, sibling_office, rules
):
    own = make_petition(counter_staff, subject="Đơn của đơn vị")
    relayed = make_petition(counter_staff, subject="Đơn nhận hộ")
    Petition.objects.filter(pk=relayed.pk).update(office=sibling_office)  # routed elsewhere
    client.force_login(counter_staff)
    url = reverse("citizen_reception:petition-list")
    codes = {
        scope: [p.code for p in client.get(url, {"scope": scope}).context["page"].object_list]
        for scope in ("responsible", "received")
    }
    assert codes == {"responsible": [own.code], "received": [relayed.code]}
