"""Filing a petition online: the one-time code (sent, wrong, expired, locked), the filed
petition and its confirmation, double submits, limits per address and per identity number,
oversized bodies and refused attachments."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from citizen_reception.models import Petition
from citizen_reception.public.views import OTP_PURPOSE
from tests.citizen_reception_public.conftest import EMAIL
from tests.citizen_reception_public.conftest import ID_NUMBER
from tests.citizen_reception_public.conftest import NAME
from tests.citizen_reception_public.conftest import emailed_code
from thads.integrations.masking import mask_recipient
from thads.notify.models import OneTimeCode

pytestmark = pytest.mark.django_db

FILE_URL = "/nop-don/"
CODE_URL = "/nop-don/ma-xac-thuc/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ask_code(client, capture, data):
    with capture(execute=True):
        return client.post(CODE_URL, data, headers={"HX-Request": "true"})


def submit(client, capture, data, **extra):
    with capture(execute=True):
        return client.post(FILE_URL, data, **extra)


def test_urls_are_the_public_ones():
    assert reverse("citizen_reception_public:petition-file") == FILE_URL
    assert reverse("citizen_reception_public:petition-code-send") == CODE_URL
    assert reverse("citizen_reception_public:petition-track", args=["DABC"]) == "/tra-cuu/don/DABC"


def test_form_page(client, agency_a):
    response = client.get(FILE_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Gửi đơn trực tuyến đến cơ quan thi hành án dân sự" in page
    assert '<option value="101">Tỉnh Thử A</option>' in page
    assert 'name="idempotency_key"' in page
    assert response["Cache-Control"] == "no-store"


def test_file_a_complaint_with_an_emailed_code(
    client, online_data, django_capture_on_commit_callbacks
):
    data = online_data()
    sent = ask_code(client, django_capture_on_commit_callbacks, data)
    assert sent.status_code == 200
    assert (
        f"Đã gửi mã xác thực đến thư điện tử {mask_recipient(EMAIL)}. Mã có hiệu lực 10 phút;"
        in sent.content.decode()
    )

    response = submit(
        client, django_capture_on_commit_callbacks, {**data, "otp_code": emailed_code()}
    )

    assert response.status_code == 302
    assert response["Location"] == "/nop-don/da-nop/"
    petition = Petition.objects.get()
    assert petition.channel == Petition.Channel.ONLINE
    assert petition.kind == Petition.Kind.COMPLAINT
    assert petition.complaint_level == 1
    assert petition.petitioner_name == NAME
    assert petition.petitioner_id_number == ID_NUMBER
    assert petition.notify_email == EMAIL
    assert petition.notify_phone == ""
    assert petition.received_office.code == "T101"
    assert petition.idempotency_key == f"online-{data['idempotency_key']}"
    confirmation = client.get("/nop-don/da-nop/")
    page = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert f'<span class="mono" id="tracking-code">{petition.code}</span>' in page
    assert f"/tra-cuu/don/{petition.code}" in page
    assert NAME not in page
    assert ID_NUMBER not in page


def test_no_js_code_button_keeps_what_was_typed(
    client, online_data, django_capture_on_commit_callbacks
):
    data = online_data(action="send_code")

    response = submit(
        client,
        django_capture_on_commit_callbacks,
        {**data, "attachments": SimpleUploadedFile("don.pdf", PDF, "application/pdf")},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Đã gửi mã xác thực đến thư điện tử" in page
    assert "hãy chọn lại tệp đính kèm" in page
    assert NAME in page  # the citizen's own form, typed back to them
    assert len(mail.outbox) == 1
    assert Petition.objects.count() == 0


def test_wrong_code_is_refused_and_nothing_filed(
    client, online_data, django_capture_on_commit_callbacks
):
    data = online_data()
    ask_code(client, django_capture_on_commit_callbacks, data)
    wrong = "000000" if emailed_code() != "000000" else "111111"

    response = submit(client, django_capture_on_commit_callbacks, {**data, "otp_code": wrong})

    assert response.status_code == 422
    assert "Mã xác thực không đúng." in response.content.decode()
    assert Petition.objects.count() == 0


def test_expired_code_is_refused(client, online_data, django_capture_on_commit_callbacks):
    data = online_data()
    ask_code(client, django_capture_on_commit_callbacks, data)
    OneTimeCode.objects.filter(purpose=OTP_PURPOSE).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    response = submit(
        client, django_capture_on_commit_callbacks, {**data, "otp_code": emailed_code()}
    )

    assert response.status_code == 422
    assert "Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới." in response.content.decode()
    assert Petition.objects.count() == 0


def test_code_locks_after_five_wrong_tries(client, online_data, django_capture_on_commit_callbacks):
    data = online_data()
    ask_code(client, django_capture_on_commit_callbacks, data)
    right = emailed_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        submit(client, django_capture_on_commit_callbacks, {**data, "otp_code": wrong})

    response = submit(client, django_capture_on_commit_callbacks, {**data, "otp_code": right})

    assert response.status_code == 422
    assert "Mã xác thực đã bị khóa do nhập sai 5 lần." in response.content.decode()
    assert Petition.objects.count() == 0


def test_code_without_asking_for_one(client, online_data, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, online_data(otp_code="123456"))

    assert response.status_code == 422
    assert "Không có mã xác thực còn hiệu lực cho địa chỉ này." in response.content.decode()


def test_double_submit_files_one_petition(client, online_data, django_capture_on_commit_callbacks):
    data = online_data()
    ask_code(client, django_capture_on_commit_callbacks, data)
    data["otp_code"] = emailed_code()

    first = submit(client, django_capture_on_commit_callbacks, data)
    second = submit(client, django_capture_on_commit_callbacks, data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/nop-don/da-nop/"
    assert Petition.objects.count() == 1


def test_code_requests_limited_per_address(
    client, online_data, settings, django_capture_on_commit_callbacks
):
    settings.PETITION_OTP_PER_IP_PER_HOUR = 2
    for n in range(2):
        ask_code(
            client, django_capture_on_commit_callbacks, online_data(petitioner_email=f"a{n}@x.vn")
        )

    response = ask_code(
        client, django_capture_on_commit_callbacks, online_data(petitioner_email="b@x.vn")
    )

    assert response.status_code == 422  # htmx swaps 422 only; the header says the wait
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Bạn đã thao tác quá nhiều lần trong thời gian ngắn." in response.content.decode()
    assert len(mail.outbox) == 2
    plain = client.post(CODE_URL, online_data(petitioner_email="c@x.vn"))
    assert plain.status_code == 429


def test_code_requests_limited_per_recipient(
    client, online_data, django_capture_on_commit_callbacks
):
    for _ in range(3):
        ask_code(client, django_capture_on_commit_callbacks, online_data())

    response = ask_code(client, django_capture_on_commit_callbacks, online_data())

    assert response.status_code == 422
    assert "Bạn đã yêu cầu quá 3 mã xác thực trong 15 phút." in response.content.decode()
    assert response["Retry-After"] == "900"
    assert len(mail.outbox) == 3


def test_submits_limited_per_address(client, online_data, settings):
    settings.PETITION_SUBMIT_PER_IP_PER_HOUR = 2
    for _ in range(2):
        client.post(FILE_URL, online_data(otp_code="123456"))

    response = client.post(FILE_URL, online_data(otp_code="123456"))

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Tạm thời chưa gửi được" in response.content.decode()


def test_filings_limited_per_identity_number(
    client, online_data, settings, django_capture_on_commit_callbacks
):
    # Given an identity number allowed one petition a day, which filed one
    settings.PETITION_SUBMIT_PER_ID_PER_DAY = 1
    data = online_data()
    ask_code(client, django_capture_on_commit_callbacks, data)
    submit(client, django_capture_on_commit_callbacks, {**data, "otp_code": emailed_code()})

    # When the same number files again from another address
    response = client.post(FILE_URL, online_data(otp_code="123456"), REMOTE_ADDR="192.0.2.9")

    # Then it is refused before the code is checked
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 86400
    assert Petition.objects.count() == 1


def test_mistyped_codes_do_not_use_up_the_identity_quota(client, online_data, settings):
    settings.PETITION_SUBMIT_PER_ID_PER_DAY = 1
    statuses = [client.post(FILE_URL, online_data(otp_code="123456")).status_code for _ in range(3)]

    assert statuses == [422, 422, 422]


def test_oversized_body_is_refused_before_it_is_read(client, online_data, settings):
    settings.PETITION_ATTACHMENTS_MAX_TOTAL_BYTES = 1024
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (2 * 1024 * 1024), "application/pdf")

    response = client.post(FILE_URL, {**online_data(), "attachments": big})

    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()
    assert Petition.objects.count() == 0


def test_refused_attachment_keeps_the_form(client, online_data):
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/pdf")

    response = client.post(FILE_URL, {**online_data(otp_code="123456"), "attachments": bad})

    page = response.content.decode()
    assert response.status_code == 422
    assert "Tệp “virus.exe” không đúng định dạng." in page
    assert NAME in page
    assert Petition.objects.count() == 0


def test_confirmation_needs_a_filing_in_this_browser(client):
    response = client.get("/nop-don/da-nop/")

    assert response.status_code == 302
    assert response["Location"] == FILE_URL


def test_acknowledgement_pdf_only_for_the_browser_that_filed(
    client, online_data, django_capture_on_commit_callbacks
):
    data = online_data()
    ask_code(client, django_capture_on_commit_callbacks, data)
    submit(client, django_capture_on_commit_callbacks, {**data, "otp_code": emailed_code()})
    petition = Petition.objects.get()
    url = reverse("citizen_reception_public:petition-filed-receipt", args=[petition.code])

    stranger = client.__class__().get(url)

    assert stranger.status_code == 404
    if petition.acknowledgement_document_id is not None:
        mine = client.get(url)
        assert mine.status_code == 200
        assert b"".join(mine.streaming_content).startswith(b"%PDF")


def test_file_with_a_code_sent_by_sms_through_the_gateway(
    client, online_data, integration_simulator, django_capture_on_commit_callbacks
):
    # Given a citizen who asks for the code by SMS (the gateway is the local simulator)
    data = online_data(otp_channel="sms", petitioner_email="", petitioner_phone="0912 345 671")
    sent = ask_code(client, django_capture_on_commit_callbacks, data)
    (message,) = integration_simulator.app.messages()
    code = re.search(r"(\d{6})", message["payload"]["text"]).group(1)

    # When the code comes back with the petition
    response = submit(client, django_capture_on_commit_callbacks, {**data, "otp_code": code})

    # Then it is filed, and later notices go to that phone only
    assert sent.status_code == 200
    assert "Đã gửi mã xác thực đến số điện thoại" in sent.content.decode()
    assert message["payload"]["phone"] == "0912345671"
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert (petition.notify_phone, petition.notify_email) == ("0912345671", "")


def test_attachments_are_checked_in_full_and_stored(
    client, online_data, tmp_path, settings, django_capture_on_commit_callbacks
):
    from tests.samples.generate import text_pdf

    settings.MEDIA_ROOT = tmp_path / "media"
    good = text_pdf(tmp_path / "don.pdf").read_bytes()
    data = online_data()
    ask_code(client, django_capture_on_commit_callbacks, data)
    broken = SimpleUploadedFile("hong.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50, "application/pdf")

    # A file that only looks like a PDF is refused by the full check; nothing is filed
    refused = submit(
        client,
        django_capture_on_commit_callbacks,
        {**data, "otp_code": emailed_code(), "attachments": broken},
    )
    assert refused.status_code == 422
    assert "Tệp bị hỏng hoặc không đầy đủ, không đọc được." in refused.content.decode()
    assert Petition.objects.count() == 0

    # With a new code and a real PDF the petition is filed with its attachment
    ask_code(client, django_capture_on_commit_callbacks, data)
    filed = submit(
        client,
        django_capture_on_commit_callbacks,
        {
            **data,
            "otp_code": emailed_code(),
            "attachments": SimpleUploadedFile("don.pdf", good, "application/pdf"),
        },
    )
    assert filed.status_code == 302
    petition = Petition.objects.get()
    assert [a.original_name for a in petition.attachments.all()] == ["don.pdf"]
