"""Panels and the public portal page: forms, 422 with the reasons, the portal flow (wrong
code, rate limit, success records the opening and starts the voluntary period)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from enforcement.models import Case
from enforcement.models import CoercionPlan
from enforcement.models import PortalAccess
from enforcement.models import ServedDocument
from enforcement.models import ServiceAttempt
from enforcement.services import portal_access_create
from enforcement.services import served_document_create

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def make_doc(case, officer, **kw):
    fields = {
        "title": "Quyết định thi hành án số 12/QĐ-THADS",
        "document_date": dt.date(2026, 11, 2),
        "recipient_name": case.debtor_name,
        "recipient_id_number": "001085012345",
        "recipient_address": case.debtor_address,
        "is_enforcement_decision": True,
    }
    fields.update(kw)
    return served_document_create(actor=officer, case=case, **fields)


def test_portal_code_is_shown_once_with_its_link_and_qr(client, case, officer):
    doc = make_doc(case, officer)
    client.force_login(officer)

    response = client.post(reverse("enforcement:served-document-portal", args=[doc.pk]), headers=HX)

    html = response.content.decode()
    code = re.search(r'id="portal-code">([A-Z0-9-]+)<', html).group(1)
    url = re.search(r'id="portal-url">([^<]+)<', html).group(1)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert url.startswith("http://localhost:8000/tra-cuu/van-ban/")
    assert '<svg width="' in html
    access = PortalAccess.objects.get()
    assert code not in access.code_hash and url.rsplit("/", 2)[-2] != access.token_hash


def issue(case, officer):
    doc = make_doc(case, officer)
    _access, token, code = portal_access_create(actor=officer, served_document=doc)
    return doc, reverse("enforcement_public:served-document-open", args=[token]), code


def test_public_page_asks_for_the_code_and_shows_no_personal_data(client, case, officer):
    doc, url, _code = issue(case, officer)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập mã định danh" in html
    for secret in (case.debtor_name, doc.title, case.number, case.office.name):
        assert secret not in html
    assert response["Cache-Control"] == "no-store"


def test_unknown_token_is_404(client):
    response = client.get(reverse("enforcement_public:served-document-open", args=["x" * 32]))

    assert response.status_code == 404
    assert "Không tìm thấy văn bản" in response.content.decode()


def test_wrong_code_then_right_code_opens_and_starts_the_voluntary_period(client, case, officer):
    doc, url, code = issue(case, officer)

    wrong = client.post(url, {"code": "ZZZZ-ZZZZ"}, REMOTE_ADDR="198.51.100.7")

    assert wrong.status_code == 422
    assert "Mã định danh không đúng. Vui lòng kiểm tra lại mã ghi trên thông báo." in (
        wrong.content.decode()
    )
    assert case.debtor_name not in wrong.content.decode()
    assert ServiceAttempt.objects.count() == 0

    right = client.post(url, {"code": code}, REMOTE_ADDR="198.51.100.7")

    html = right.content.decode()
    assert right.status_code == 200
    assert doc.title in html and case.debtor_name in html
    attempt = ServiceAttempt.objects.get()
    assert (attempt.channel, attempt.ip) == ("portal", "198.51.100.7")
    doc.refresh_from_db()
    case.refresh_from_db()
    assert doc.status == ServedDocument.Status.SERVED
    assert case.state == Case.State.VOLUNTARY_PERIOD
    again = client.get(url, REMOTE_ADDR="198.51.100.7")
    assert doc.title in again.content.decode()
    assert ServiceAttempt.objects.count() == 1  # reading again is not a new opening


def test_rate_limit_answers_429_and_records_nothing(client, case, officer, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    _doc, url, code = issue(case, officer)
    client.get(url, REMOTE_ADDR="198.51.100.9")
    client.post(url, {"code": "ZZZZ-ZZZZ"}, REMOTE_ADDR="198.51.100.9")

    response = client.post(url, {"code": code}, REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Bạn đã thử quá nhiều lần trong thời gian ngắn." in response.content.decode()
    assert ServiceAttempt.objects.count() == 0
    assert PortalAccess.objects.get().failed_codes == 1


def test_file_is_served_only_after_the_code(client, case, officer, make_document, samples):
    document = make_document(case.office, samples / "scan.png")
    doc = make_doc(case, officer, is_enforcement_decision=False, title="Giấy báo")
    ServedDocument.objects.filter(pk=doc.pk).update(document=document)
    _access, token, code = portal_access_create(actor=officer, served_document=doc)
    page = reverse("enforcement_public:served-document-open", args=[token])
    file_url = reverse("enforcement_public:served-document-file", args=[token])

    assert client.get(file_url).status_code == 404
    client.post(page, {"code": code})
    response = client.get(file_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == (samples / "scan.png").read_bytes()


def test_plan_in_a_blackout_re_renders_the_form_with_every_reason(client, office, officer):
    case = Case.objects.create(
        office=office,
        year=2026,
        number="99/2026/HS",
        kind="on_request",
        state=Case.State.HAS_CONDITIONS,
        assigned_officer=officer,
        debtor_name="Nguyễn Văn Nợ",
    )
    client.force_login(officer)

    response = client.post(
        reverse("enforcement:case-coercion-plan-create", args=[case.pk]),
        {
            "plan-title": "Kê biên",
            "plan-starts_at": "2026-12-05T21:00",
            "plan-ends_at": "2026-12-05T23:00",
            "plan-place": "Số 1",
            "plan-estimated_cost_vnd": "0",
        },
        headers=HX,
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "Không được cưỡng chế trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau" in html
    assert "Không được cưỡng chế vào ngày nghỉ, ngày lễ: 05/12/2026 (Thứ Bảy)" in html
    assert "Chưa thông báo dự kiến chi phí cưỡng chế" in html
    assert CoercionPlan.objects.count() == 0


def test_document_form_requires_a_recipient(client, case, officer):
    client.force_login(officer)

    response = client.post(
        reverse("enforcement:case-service-document-create", args=[case.pk]),
        {"doc-title": "Giấy báo", "doc-document_date": "2026-11-02"},
        headers=HX,
    )

    assert response.status_code == 422
    assert "Chọn đương sự hoặc ghi tên người nhận." in response.content.decode()
    assert ServedDocument.objects.count() == 0


def test_document_form_offers_nothing_unsigned_and_takes_a_free_title(client, case, officer):
    client.force_login(officer)

    response = client.post(
        reverse("enforcement:case-service-document-create", args=[case.pk]),
        {
            "doc-title": "Giấy triệu tập",
            "doc-document_date": "2026-11-02",
            "doc-recipient_name": "Lê Văn Liên Quan",
            "doc-recipient_address": "Số 3 Hàng Bạc",
        },
        headers=HX,
    )

    assert response.status_code == 200
    doc = ServedDocument.objects.get()
    assert (doc.title, doc.decision_id, doc.required_channel) == (
        "Giấy triệu tập",
        None,
        "physical",
    )
    assert "Đã lập văn bản cần tống đạt “Giấy triệu tập”." in response.content.decode()


@pytest.mark.parametrize(
    "name", ["case-service-panel", "case-verification-panel", "case-coercion-panel"]
)
def test_panels_read_with_a_bounded_number_of_queries(
    client, case, officer, name, django_assert_max_num_queries
):
    for i in range(3):
        doc = make_doc(case, officer, title=f"Giấy báo {i}", is_enforcement_decision=False)
        portal_access_create(actor=officer, served_document=doc)
    client.force_login(officer)
    url = reverse(f"enforcement:{name}", args=[case.pk])
    client.get(url, headers=HX)  # warm the session and the calendar snapshot

    with django_assert_max_num_queries(20):
        response = client.get(url, headers=HX)

    assert response.status_code == 200


def test_physical_delivery_with_uploaded_minutes_serves_the_decision(
    client, case, officer, samples, media_root
):
    doc = make_doc(case, officer)
    client.force_login(officer)

    with (samples / "scan.png").open("rb") as minutes:
        response = client.post(
            reverse("enforcement:served-document-attempt", args=[doc.pk]),
            {
                f"a{doc.pk}-channel": "physical",
                f"a{doc.pk}-succeeded": "on",
                f"a{doc.pk}-evidence_date": "2026-11-03",
                f"a{doc.pk}-received_by": "Trần Thị Hoa",
                f"a{doc.pk}-evidence": minutes,
            },
            headers=HX,
        )

    assert response.status_code == 200
    assert "Đã ghi nhận lần tống đạt." in response.content.decode()
    doc.refresh_from_db()
    case.refresh_from_db()
    attempt = doc.attempts.get()
    assert attempt.evidence.original_name == "scan.png"
    assert (doc.status, case.state) == ("served", Case.State.VOLUNTARY_PERIOD)


def test_a_rejected_upload_is_a_form_error_and_records_nothing(client, case, officer, tmp_path):
    doc = make_doc(case, officer)
    fake = tmp_path / "bien-ban.pdf"
    fake.write_bytes(b"not a pdf at all")
    client.force_login(officer)

    with fake.open("rb") as minutes:
        response = client.post(
            reverse("enforcement:served-document-attempt", args=[doc.pk]),
            {
                f"a{doc.pk}-channel": "physical",
                f"a{doc.pk}-succeeded": "on",
                f"a{doc.pk}-evidence_date": "2026-11-03",
                f"a{doc.pk}-evidence": minutes,
            },
            headers=HX,
        )

    assert response.status_code == 422
    assert (
        "Định dạng tệp không được hỗ trợ. Chỉ nhận tệp PDF, TIFF, PNG hoặc JPEG."
        in response.content.decode()
    )
    assert ServiceAttempt.objects.count() == 0


def test_a_replaced_link_says_so_and_opens_nothing(client, case, officer):
    doc, url, code = issue(case, officer)
    portal_access_create(actor=officer, served_document=doc)

    response = client.post(url, {"code": code})

    assert "Cơ quan thi hành án đã cấp mã mới cho văn bản này." in response.content.decode()
    assert ServiceAttempt.objects.count() == 0


def test_service_panel_polls_while_vneid_has_not_answered(
    client, case, officer, django_capture_on_commit_callbacks
):
    doc = make_doc(case, officer, title="Giấy báo", is_enforcement_decision=False)
    client.force_login(officer)
    url = reverse("enforcement:case-service-panel", args=[case.pk])
    assert 'hx-trigger="load delay:3s"' not in client.get(url, headers=HX).content.decode()

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("enforcement:served-document-vneid", args=[doc.pk]), headers=HX
        )

    html = response.content.decode()
    assert "Đã gửi văn bản qua VNeID; kết quả được cập nhật khi VNeID trả lời." in html
    assert f'hx-get="{url}" hx-trigger="load delay:3s"' in html
