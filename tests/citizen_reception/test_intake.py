"""Receiving petitions: code, routing (any office for any office), idempotency, validation,
attachments through thads.documents, the "store without processing" and duplicate flags, the
acknowledgement PDF, the citizen's notification and the audit trail."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from citizen_reception.exceptions import PetitionAttachmentError
from citizen_reception.exceptions import PetitionInvalidError
from citizen_reception.exceptions import PetitionPermissionError
from citizen_reception.models import Petition
from citizen_reception.models import PetitionEvent
from citizen_reception.services import petition_receive
from citizen_reception.services import petition_route
from tests.factories.citizen_reception import make_intake
from tests.factories.citizen_reception import png_file
from thads.audit.models import AuditEvent
from thads.notify.models import Notification
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def test_a_counter_petition_gets_a_code_its_clocks_and_a_public_event(
    receive_petition, counter_staff, office
):
    petition = receive_petition(notify_email="an@example.vn")

    assert re.fullmatch(r"D[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}", petition.code)
    assert (petition.state, petition.office, petition.received_office) == (
        "received",
        office,
        office,
    )
    assert petition.created_by == counter_staff
    assert petition.version == 1
    [event] = PetitionEvent.objects.filter(petition=petition)
    assert (event.action, event.to_state, event.public_text) == (
        "petition_received",
        "received",
        "Đã tiếp nhận đơn.",
    )
    audit = AuditEvent.objects.get(action="reception.petition_received")
    assert (audit.object_id, audit.office_id, audit.actor_id) == (
        str(petition.pk),
        office.pk,
        counter_staff.pk,
    )
    [notification] = Notification.objects.filter(template="petition_received")
    assert notification.recipient == "an@example.vn"
    assert notification.subject == f"Đã tiếp nhận đơn {petition.code}"
    assert f"Mã tra cứu: {petition.code}" in notification.body
    assert f"http://localhost:8000/tra-cuu/don/{petition.code}" in notification.body


def test_the_same_idempotency_key_returns_the_same_petition(receive_petition):
    first = receive_petition(key="form-123")
    second = receive_petition(key="form-123", subject="Nội dung khác")

    assert second.pk == first.pk
    assert Petition.objects.count() == 1
    assert AuditEvent.objects.filter(action="reception.petition_received").count() == 1


def test_routing_to_the_case_office_the_locality_or_the_receiving_office(
    office, sibling_office, other_office, agency_b
):
    assert petition_route(receiving_office=office) == office
    # locality in the receiving office's own province: the receiving office keeps it
    assert petition_route(receiving_office=office, province_code=101) == office
    # locality in another province: that province's agency
    assert petition_route(receiving_office=office, province_code=102) == agency_b
    # unknown province code: the receiving office
    assert petition_route(receiving_office=office, province_code=999) == office


def test_routing_to_the_case_office(office, other_office, make_user):
    from tests.factories.enforcement import CaseFactory

    case = CaseFactory(office=other_office)

    assert petition_route(receiving_office=office, case_id=case.pk) == other_office
    with pytest.raises(PetitionInvalidError):
        petition_route(receiving_office=office, case_id=case.pk + 1000)


def test_any_office_receives_for_any_office_and_both_see_it(
    receive_petition, office, agency_b, make_user
):
    from citizen_reception.selectors import petition_get_for_user
    from citizen_reception.selectors import petition_list_for_user

    petition = receive_petition(province_code=102)

    assert (petition.received_office, petition.office) == (office, agency_b)
    assert petition.events.get().public_text == (
        f"Đã tiếp nhận đơn; đơn được chuyển đến {agency_b.name} để giải quyết."
    )
    receiving_clerk = make_user(Role.RECEPTION_OFFICER, office)
    responsible = make_user(Role.RECEPTION_OFFICER, agency_b)
    for user in (receiving_clerk, responsible):
        assert list(petition_list_for_user(user=user, filters={})) == [petition]
        assert petition_get_for_user(user=user, pk=petition.pk) == petition


def test_staff_receive_only_for_an_office_in_their_scope(receive_petition, other_office, make_user):
    accountant = make_user(Role.ACCOUNTANT, other_office)
    counter = make_user(Role.COUNTER_STAFF, other_office)

    with pytest.raises(PetitionPermissionError):
        receive_petition(actor=accountant, receiving_office=other_office)
    with pytest.raises(PetitionPermissionError) as caught:
        receive_petition(actor=counter)  # receiving at T101-KV01 while working at T102-KV01
    assert caught.value.message == "Bạn chỉ được tiếp nhận đơn tại đơn vị của mình."


def test_the_public_files_online_only(receive_petition):
    with pytest.raises(PetitionPermissionError):
        receive_petition(actor=None, channel="counter")

    petition = receive_petition(actor=None, channel="online")

    assert (petition.channel, petition.created_by) == ("online", None)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"subject": "  "}, "Vui lòng nhập trích yếu nội dung đơn."),
        ({"content": ""}, "Vui lòng nhập nội dung đơn."),
        ({"kind": "khac"}, "Loại đơn không hợp lệ."),
        ({"complaint_level": 3}, "Lần khiếu nại phải là lần đầu hoặc lần hai."),
        ({"complaint_object": "x"}, "Đối tượng khiếu nại không hợp lệ."),
        ({"channel": "forwarded"}, "Vui lòng ghi tên cơ quan chuyển đơn."),
        ({"received_on": "2099-01-01"}, "Ngày nhận đơn không được sau ngày hôm nay."),
        ({"signatory_count": 0}, "Số người ký đơn phải từ 1 trở lên."),
        ({"petitioner_birth_year": 1800}, "Năm sinh không hợp lệ."),
        ({"notify_phone": "12345"}, None),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(
    receive_petition, fields, message
):
    with pytest.raises(PetitionInvalidError) as caught:
        receive_petition(**fields)

    if message is not None:
        assert caught.value.message == message
    assert Petition.objects.count() == 0


def test_attachments_are_stored_through_the_document_checks(receive_petition, petition_media):
    petition = receive_petition(attachments=[png_file("don-khieu-nai.png")])

    [attachment] = petition.attachments.all()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "don-khieu-nai.png",
        "image/png",
        attachment.document.size_bytes,
    )
    assert attachment.document.purpose == "petition"


def test_a_malicious_attachment_is_refused_and_nothing_is_kept(receive_petition, petition_media):
    fake = SimpleUploadedFile("don.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    with pytest.raises(PetitionAttachmentError) as caught:
        receive_petition(attachments=[fake])

    assert caught.value.message.startswith("Tệp “don.pdf” không được chấp nhận: ")
    assert Petition.objects.count() == 0


def test_too_many_attachments_are_refused(receive_petition, petition_media):
    with pytest.raises(PetitionAttachmentError) as caught:
        receive_petition(attachments=[png_file(f"{n}.png") for n in range(11)])

    assert caught.value.message == "Mỗi đơn được đính kèm tối đa 10 tệp."


def test_anonymous_and_group_petitions_are_flagged_not_refused(receive_petition):
    anonymous = receive_petition(kind="denunciation", anonymous=True)
    group = receive_petition(signatory_count=6, petitioner_address="")

    assert (anonymous.state, anonymous.flags) == (
        "received",
        ["anonymous", "anonymous_denunciation"],
    )
    assert (anonymous.petitioner_name, anonymous.petitioner_id_number) == ("", "")
    assert group.flags == ["no_address", "group_without_representative"]


def test_a_repeated_letter_is_flagged_as_a_possible_duplicate(receive_petition):
    first = receive_petition()
    other_person = receive_petition(petitioner_id_number="001080009999")
    repeat = receive_petition(subject=first.subject.upper())

    assert (first.flags, other_person.flags) == ([], [])
    assert repeat.flags == ["possible_duplicate"]
    assert repeat.events.get().note == f"Có thể trùng với đơn: {first.code}."


def test_the_acknowledgement_is_signed_with_the_tracking_code_and_qr(
    receive_petition, petition_media, django_capture_on_commit_callbacks
):
    import pypdfium2 as pdfium

    from thads.documents.models import PublicToken
    from thads.documents.storage import original_path

    with django_capture_on_commit_callbacks(execute=True):
        petition = receive_petition(attachments=[png_file()])

    petition.refresh_from_db()
    document = petition.acknowledgement_document
    data = original_path(document.storage_name).read_bytes()
    pdf = pdfium.PdfDocument(data)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    text = text.replace("\r", "").replace("\n", " ").replace("\ufffe", "-")
    assert "GIẤY BIÊN NHẬN" in text
    assert f"Mã tra cứu: {petition.code}" in text
    assert f"/tra-cuu/don/{petition.code}" in text
    assert "Nguyễn Văn An" in text
    token = PublicToken.objects.get(object_type="citizen_reception.petition")
    assert (token.kind, token.object_id, token.summary["number"]) == (
        "document",
        str(petition.pk),
        f"{petition.code}/GBN",
    )
    assert b"/ByteRange" in data
    assert AuditEvent.objects.filter(action="reception.acknowledgement_issued").count() == 1


def test_the_acknowledgement_is_issued_once(receive_petition, petition_media):
    from citizen_reception.services import petition_acknowledgement_render

    petition = receive_petition()

    assert petition_acknowledgement_render(petition_id=petition.pk) is not None
    assert petition_acknowledgement_render(petition_id=petition.pk) is None
    assert AuditEvent.objects.filter(action="reception.acknowledgement_issued").count() == 1


def test_petition_receive_takes_a_django_upload(
    reception_rules, counter_staff, office, petition_media
):
    upload = SimpleUploadedFile("scan.png", png_file().content, content_type="image/png")

    petition = petition_receive(
        actor=counter_staff, receiving_office=office, data=make_intake(attachments=[upload])
    )

    assert petition.attachments.get().original_name == "scan.png"


def test_form_strings_are_accepted_for_numbers(receive_petition, agency_b):
    petition = receive_petition(
        complaint_level="2", signatory_count="3", petitioner_birth_year="1979", province_code="102"
    )

    assert (petition.complaint_level, petition.signatory_count, petition.petitioner_birth_year) == (
        2,
        3,
        1979,
    )
    assert petition.office == agency_b


def test_an_enforcement_request_naming_a_judgment_goes_to_the_judgment_s_office(
    receive_petition, other_office
):
    from tests.factories.decisions import ConfirmedJudgmentFactory

    judgment = ConfirmedJudgmentFactory(office=other_office)

    petition = receive_petition(
        kind="enforcement_request", complaint_level=None, judgment_id=judgment.pk
    )

    assert (petition.office, petition.judgment_id) == (other_office, judgment.pk)


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_the_same_moment_makes_one_petition(reception_rules, office):
    import threading

    from django.db import connection

    errors: list[BaseException] = []
    results: list[int] = []
    barrier = threading.Barrier(2)

    def submit() -> None:
        try:
            barrier.wait()
            petition = petition_receive(
                actor=None,
                receiving_office=office,
                data=make_intake(channel="online"),
                idempotency_key="same-form-token",
            )
            results.append(petition.pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert len(set(results)) == 1
    assert Petition.objects.count() == 1


def test_an_oversized_attachment_is_refused_with_the_limit(
    receive_petition, petition_media, settings
):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    big = SimpleUploadedFile("scan.png", b"\x89PNG" + b"0" * (3 * 1024 * 1024), "image/png")

    with pytest.raises(PetitionAttachmentError) as caught:
        receive_petition(attachments=[big])

    assert caught.value.message == (
        "Tệp “scan.png” không được chấp nhận: Tệp vượt quá dung lượng cho phép (tối đa 2 MB)."
    )
    assert Petition.objects.count() == 0


def test_a_decompression_bomb_is_refused(receive_petition, petition_media):
    import io
    import zlib

    # a PNG whose header claims 30000 x 30000 pixels (900 MP) in a few kilobytes
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (30000).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    raw = zlib.compress(b"\x00" * 30001 * 200, 9)
    png = io.BytesIO()
    png.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw))
    png.write(chunk(b"IEND", b""))
    bomb = SimpleUploadedFile("bom.png", png.getvalue(), "image/png")

    with pytest.raises(PetitionAttachmentError) as caught:
        receive_petition(attachments=[bomb])

    assert caught.value.message.startswith("Tệp “bom.png” không được chấp nhận: ")
    assert Petition.objects.count() == 0
