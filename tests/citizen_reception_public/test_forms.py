"""The online petition form: required fields by kind and channel, identity numbers, and the
attachment limits (count, size per file and in all, type by magic bytes)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from citizen_reception.public.forms import PetitionOnlineForm
from citizen_reception.public.forms import TrackFindForm
from citizen_reception.public.forms import normalize_tracking_code

pytestmark = pytest.mark.django_db

PROVINCES = [(101, "Tỉnh Thử A")]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def form(data, files=None):
    return PetitionOnlineForm(data, files or {}, province_choices=PROVINCES)


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_complete_complaint_is_valid(online_data):
    bound = form(online_data())

    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["complaint_level"] == 1
    assert bound.cleaned_data["province"] == 101
    assert bound.recipient() == "nguoidan@example.vn"


def test_complaint_needs_its_level_and_other_kinds_drop_it(online_data):
    bound = form(online_data(complaint_level=""))
    assert not bound.is_valid()
    assert bound.errors["complaint_level"] == ["Hãy chọn khiếu nại lần đầu hay lần hai."]

    denunciation = form(online_data(kind="denunciation", complaint_level="2"))
    assert denunciation.is_valid(), denunciation.errors
    assert denunciation.cleaned_data["complaint_level"] is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"petitioner_id_number": "00119005432"},
            "petitioner_id_number",
            "Số căn cước, căn cước công dân phải gồm đủ 12 chữ số.",
        ),
        (
            {"petitioner_id_kind": "HC", "petitioner_id_number": "c12"},
            "petitioner_id_number",
            "Số hộ chiếu gồm 8 hoặc 9 chữ cái in hoa và chữ số.",
        ),
        (
            {"otp_channel": "sms", "petitioner_phone": ""},
            "petitioner_phone",
            "Hãy nhập số điện thoại để nhận mã xác thực.",
        ),
        (
            {"petitioner_email": ""},
            "petitioner_email",
            "Hãy nhập thư điện tử để nhận mã xác thực.",
        ),
        (
            {"petitioner_phone": "12345"},
            "petitioner_phone",
            "Số điện thoại không hợp lệ: cần số di động Việt Nam gồm 10 chữ số.",
        ),
        (
            {"petitioner_birth_year": "1850"},
            "petitioner_birth_year",
            f"Năm sinh phải trong khoảng 1900 đến {timezone.localdate().year}.",
        ),
        ({"pledge": ""}, "pledge", "Hãy đánh dấu ô cam đoan trước khi gửi đơn."),
        ({"idempotency_key": "x"}, "idempotency_key", "Biểu mẫu không hợp lệ; hãy tải lại trang."),
    ],
)
def test_bad_input_gets_a_vietnamese_message(online_data, changes, field, message):
    bound = form(online_data(**changes))

    assert not bound.is_valid()
    assert bound.errors[field] == [message]


def test_phone_is_normalised(online_data):
    bound = form(online_data(otp_channel="sms", petitioner_phone="+84 912 345 678"))

    assert bound.is_valid(), bound.errors
    assert bound.recipient() == "0912345678"


def test_code_is_required_on_submit(online_data):
    bound = form(online_data(otp_code="12a"))
    assert bound.is_valid()
    assert bound.require_code() is False
    assert bound.errors["otp_code"] == ["Mã xác thực gồm 6 chữ số."]

    empty = form(online_data())
    empty.is_valid()
    assert empty.require_code() is False
    assert empty.errors["otp_code"] == ["Hãy nhập mã xác thực đã được gửi cho bạn."]


def test_accepted_attachments(online_data):
    files = {"attachments": [upload("don.pdf", PDF), upload("anh.png", PNG, "image/png")]}
    bound = PetitionOnlineForm(online_data(), files, province_choices=PROVINCES)

    assert bound.is_valid(), bound.errors
    assert [f.name for f in bound.cleaned_data["attachments"]] == ["don.pdf", "anh.png"]


def test_too_many_attachments(online_data, settings):
    settings.PETITION_ATTACHMENTS_MAX_COUNT = 2
    files = {"attachments": [upload(f"{n}.pdf", PDF) for n in range(3)]}
    bound = PetitionOnlineForm(online_data(), files, province_choices=PROVINCES)

    assert not bound.is_valid()
    assert bound.errors["attachments"] == ["Chỉ được gửi tối đa 2 tệp kèm theo."]


def test_attachment_size_type_and_empty(online_data, settings):
    settings.PETITION_ATTACHMENT_MAX_BYTES = 1024 * 1024
    files = {
        "attachments": [
            upload("lon.pdf", PDF + b"0" * (1024 * 1024)),
            upload("virus.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/pdf"),
            upload("rong.pdf", b""),
        ]
    }
    bound = PetitionOnlineForm(online_data(), files, province_choices=PROVINCES)

    assert not bound.is_valid()
    assert bound.errors["attachments"] == [
        "Tệp “lon.pdf” vượt quá 1 MB.",
        "Tệp “virus.exe” không đúng định dạng. Chỉ nhận tệp PDF, PNG, JPEG hoặc TIFF.",
        "Tệp “rong.pdf” rỗng.",
    ]


def test_attachments_in_all_over_the_total(online_data, settings):
    settings.PETITION_ATTACHMENTS_MAX_TOTAL_BYTES = 2 * 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    files = {"attachments": [upload("a.pdf", big), upload("b.pdf", big)]}
    bound = PetitionOnlineForm(online_data(), files, province_choices=PROVINCES)

    assert not bound.is_valid()
    assert bound.errors["attachments"] == ["Tổng dung lượng tệp kèm theo vượt quá 2 MB."]


@pytest.mark.parametrize(
    ("typed", "code"),
    [(" d7k2-m9qx 4p ", "D7K2M9QX4P"), ("D7K2M9QX4P", "D7K2M9QX4P"), ("<script>", "SCRIPT")],
)
def test_tracking_codes_are_normalised(typed, code):
    assert normalize_tracking_code(typed) == code
    bound = TrackFindForm({"ma": typed})
    assert bound.is_valid()
    assert bound.cleaned_data["ma"] == code


def test_empty_tracking_code():
    bound = TrackFindForm({"ma": " -- "})
    assert not bound.is_valid()
    assert bound.errors["ma"] == ["Hãy nhập mã tra cứu đơn."]
