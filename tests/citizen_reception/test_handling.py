"""Handling a petition to the end: who may do what, stale forms, each step's state, event,
audit record and notification; forward, split, duplicates, withdrawal, resolution PDF,
appeals; a notification channel that is down loses nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from citizen_reception.exceptions import PetitionInvalidError
from citizen_reception.exceptions import PetitionPermissionError
from citizen_reception.exceptions import PetitionStaleError
from citizen_reception.exceptions import PetitionStateError
from citizen_reception.models import Petition
from citizen_reception.models import PetitionDeadline
from citizen_reception.models import PetitionNote
from citizen_reception.services import petition_accept
from citizen_reception.services import petition_allowed_actions
from citizen_reception.services import petition_appeal
from citizen_reception.services import petition_assign
from citizen_reception.services import petition_classify
from citizen_reception.services import petition_close
from citizen_reception.services import petition_forward
from citizen_reception.services import petition_guide
from citizen_reception.services import petition_mark_duplicate
from citizen_reception.services import petition_note_add
from citizen_reception.services import petition_refuse
from citizen_reception.services import petition_resolve
from citizen_reception.services import petition_split
from citizen_reception.services import petition_store
from citizen_reception.services import petition_withdraw
from tests.factories.citizen_reception import make_intake
from thads.audit.models import AuditEvent
from thads.notify.models import Notification
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def public_texts(petition):
    return list(petition.events.exclude(public_text="").values_list("public_text", flat=True))


def test_stale_version_is_refused_and_changes_nothing(receive_petition, office_head):
    petition = receive_petition()
    petition_classify(
        actor=office_head, petition=petition, version=1, kind="complaint", complex_case=True
    )

    with pytest.raises(PetitionStaleError) as caught:
        petition_accept(actor=office_head, petition=petition, version=1)

    assert caught.value.message.startswith("Đơn đã được người khác cập nhật")
    petition.refresh_from_db()
    assert (petition.state, petition.version) == ("received", 2)


def test_only_the_head_of_the_responsible_office_accepts(
    receive_petition, reception_officer, office_head, make_user, sibling_office, provincial_head
):
    petition = receive_petition()
    sibling_head = make_user(Role.OFFICE_HEAD, sibling_office)

    with pytest.raises(PetitionPermissionError):
        petition_accept(actor=reception_officer, petition=petition, version=1)
    with pytest.raises(PetitionPermissionError) as caught:
        petition_accept(actor=sibling_head, petition=petition, version=1)
    assert caught.value.message == (
        "Đơn này do đơn vị khác giải quyết; bạn chỉ được xem, không được xử lý."
    )

    accepted = petition_accept(actor=provincial_head, petition=petition, version=1)
    assert accepted.state == "accepted"


def test_the_receiving_office_sees_but_does_not_handle(
    receive_petition, counter_staff, office, agency_b, make_user
):
    petition = receive_petition(province_code=102)
    local_officer = make_user(Role.RECEPTION_OFFICER, office)

    assert petition_allowed_actions(actor=local_officer, petition=petition) == []
    with pytest.raises(PetitionPermissionError):
        petition_store(actor=local_officer, petition=petition, version=1, reason="Nặc danh")


def test_allowed_actions_follow_role_and_state(receive_petition, reception_officer, office_head):
    petition = receive_petition()

    assert petition_allowed_actions(actor=reception_officer, petition=petition) == [
        "classify",
        "note",
        "link_judgment",
        "store",
        "forward",
        "guide",
        "split",
        "mark_duplicate",
        "withdraw",
    ]
    assert petition_allowed_actions(actor=office_head, petition=petition) == [
        "classify",
        "note",
        "link_judgment",
        "assign",
        "accept",
        "refuse",
        "store",
        "forward",
        "guide",
        "split",
        "mark_duplicate",
        "withdraw",
    ]
    petition = petition_accept(actor=office_head, petition=petition, version=1)
    assert "resolve" in petition_allowed_actions(actor=office_head, petition=petition)
    assert "accept" not in petition_allowed_actions(actor=office_head, petition=petition)


def test_the_full_path_of_a_complaint_with_notifications_and_audit(
    receive_petition,
    office_head,
    reception_officer,
    petition_media,
    django_capture_on_commit_callbacks,
):
    petition = receive_petition(notify_email="an@example.vn")
    petition = petition_assign(
        actor=office_head, petition=petition, version=1, officer=reception_officer
    )
    petition = petition_accept(actor=office_head, petition=petition, version=2)
    note = petition_note_add(
        actor=reception_officer,
        petition=petition,
        kind=PetitionNote.Kind.EXPLANATION_REQUEST,
        text="Đề nghị chấp hành viên giải trình trong 2 ngày làm việc.",
    )
    petition.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_resolve(
            actor=office_head,
            petition=petition,
            version=petition.version,
            summary="Khiếu nại là có cơ sở một phần; hủy quyết định kê biên.",
        )
    petition_close(actor=office_head, petition=petition, version=petition.version)

    petition.refresh_from_db()
    assert (petition.state, petition.assigned_to, note.author) == (
        "closed",
        reception_officer,
        reception_officer,
    )
    resolve = PetitionDeadline.objects.get(petition=petition, code__endswith=".resolve.coercion")
    assert public_texts(petition) == [
        "Đã tiếp nhận đơn.",
        f"Đơn đã được thụ lý; hạn giải quyết: {resolve.due_on:%d/%m/%Y}.",
        "Đã có quyết định giải quyết khiếu nại lần đầu. Nếu không đồng ý, công dân có quyền "
        "khiếu nại lần hai lên cơ quan cấp trên.",
        "Kết thúc xử lý đơn.",
    ]
    # no deadline left open
    assert (
        PetitionDeadline.objects.filter(
            petition=petition, met_at__isnull=True, cancelled=False
        ).count()
        == 0
    )
    assert list(
        AuditEvent.objects.filter(action__startswith="reception.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "reception.petition_received",
        "reception.petition_assigned",
        "reception.petition_accepted",
        "reception.petition_note_added",
        "reception.petition_resolved",
        "reception.resolution_signed",
        "reception.petition_closed",
    ]
    assert list(Notification.objects.order_by("pk").values_list("template", "recipient")) == [
        ("petition_received", "an@example.vn"),
        ("petition_update", "an@example.vn"),
        ("petition_update", "an@example.vn"),
        ("petition_update", "an@example.vn"),
    ]
    # the resolution decision: numbered, signed, verifiable, with the appeal route
    document = petition.resolution_document
    assert document.purpose == "petition"
    from thads.documents.models import PublicToken

    token = PublicToken.objects.get(object_type="citizen_reception.petition", kind="decision")
    assert token.summary["number"] == "1/QĐ-GQKN"
    assert token.summary["doc_type"] == "Quyết định"


def test_the_resolution_pdf_carries_the_decision_and_appeal_route(
    receive_petition, office_head, petition_media
):
    import pypdfium2 as pdfium

    from citizen_reception.services import petition_resolution_render
    from thads.documents.storage import original_path

    petition = receive_petition()
    petition = petition_accept(actor=office_head, petition=petition, version=1)
    petition = petition_resolve(
        actor=office_head, petition=petition, version=2, summary="Bác đơn khiếu nại."
    )

    done = petition_resolution_render(petition_id=petition.pk, actor_id=office_head.pk)

    data = original_path(done.resolution_document.storage_name).read_bytes()
    pdf = pdfium.PdfDocument(data)
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).replace(
        "\r\n", " "
    )
    assert "QUYẾT ĐỊNH" in text
    assert "Điều 1. Bác đơn khiếu nại." in text
    assert "khiếu nại lần hai đến" in text
    assert "Điều 146 Luật THADS" in text or "Luật THADS 2025" in text
    assert petition_resolution_render(petition_id=petition.pk, actor_id=office_head.pk) is None


def test_refuse_store_guide_need_a_reason_and_end_the_clocks(
    receive_petition, office_head, reception_officer
):
    first, second, third = (receive_petition(subject=f"Đơn số {n}") for n in range(3))

    with pytest.raises(PetitionInvalidError) as caught:
        petition_refuse(actor=office_head, petition=first, version=1, reason=" ")
    assert caught.value.message == "Vui lòng ghi lý do không thụ lý."

    petition_refuse(
        actor=office_head, petition=first, version=1, reason="Đã hết thời hiệu khiếu nại."
    )
    petition_store(actor=reception_officer, petition=second, version=1, reason="Đơn nặc danh")
    petition_guide(
        actor=reception_officer,
        petition=third,
        version=1,
        text="Đề nghị ông gửi đơn đến Tòa án nhân dân khu vực 1.",
    )

    states = dict(Petition.objects.values_list("subject", "state"))
    assert states == {"Đơn số 0": "refused", "Đơn số 1": "stored", "Đơn số 2": "guided"}
    assert public_texts(first)[-1] == "Đơn không được thụ lý. Lý do: Đã hết thời hiệu khiếu nại."
    assert public_texts(second)[-1] == "Đơn được lưu theo quy định, không xử lý."
    assert public_texts(third)[-1] == (
        "Đã có văn bản hướng dẫn: Đề nghị ông gửi đơn đến Tòa án nhân dân khu vực 1."
    )
    assert PetitionDeadline.objects.filter(met_at__isnull=True, cancelled=False).count() == 0
    with pytest.raises(PetitionStateError):
        petition_accept(actor=office_head, petition=first, version=2)


def test_forward_to_another_thads_office_moves_it_and_both_see_it(
    receive_petition, reception_officer, other_office, make_user
):
    from citizen_reception.selectors import petition_list_for_user

    petition = receive_petition()
    petition = petition_forward(
        actor=reception_officer,
        petition=petition,
        version=1,
        to_office=other_office,
        reason="Việc thi hành án do Phòng THADS khu vực 1 tỉnh B tổ chức.",
    )

    assert (petition.state, petition.office) == ("received", other_office)
    assert public_texts(petition)[-1] == (
        f"Đơn đã được chuyển đến {other_office.name} để giải quyết theo thẩm quyền."
    )
    other_head = make_user(Role.OFFICE_HEAD, other_office)
    assert list(petition_list_for_user(user=other_head)) == [petition]
    assert list(petition_list_for_user(user=reception_officer)) == [petition]
    assert petition_accept(actor=other_head, petition=petition, version=2).state == "accepted"


def test_forward_outside_the_system_ends_it(receive_petition, reception_officer):
    petition = receive_petition()

    petition = petition_forward(
        actor=reception_officer,
        petition=petition,
        version=1,
        to_agency="Ủy ban nhân dân phường Hoàn Kiếm",
        reason="Không thuộc thẩm quyền của cơ quan thi hành án.",
    )

    assert petition.state == "forwarded"
    assert public_texts(petition)[-1] == (
        "Đơn đã được chuyển đến Ủy ban nhân dân phường Hoàn Kiếm là cơ quan có thẩm quyền "
        "giải quyết."
    )


def test_split_gives_each_part_its_own_code_and_clock(receive_petition, reception_officer):
    petition = receive_petition(received_on="2026-11-16", subject="Đơn khiếu nại và tố cáo")

    parts = petition_split(
        actor=reception_officer,
        petition=petition,
        version=1,
        parts=[("complaint", "Khiếu nại kê biên"), ("denunciation", "Tố cáo chấp hành viên")],
    )

    petition.refresh_from_db()
    assert petition.state == "closed"
    assert [(p.kind, p.split_from_id, p.received_on) for p in parts] == [
        ("complaint", petition.pk, dt.date(2026, 11, 16)),
        ("denunciation", petition.pk, dt.date(2026, 11, 16)),
    ]
    assert len({p.code for p in parts} | {petition.code}) == 3
    clocks = {
        p.kind: sorted(PetitionDeadline.objects.filter(petition=p).values_list("code", "due_on"))
        for p in parts
    }
    assert clocks == {
        "complaint": [
            ("complaint.first.accept", dt.date(2026, 11, 23)),
            ("reception.answer", dt.date(2026, 12, 1)),
        ],
        "denunciation": [
            ("denunciation.initial", dt.date(2026, 11, 26)),
            ("reception.answer", dt.date(2026, 12, 1)),
        ],
    }
    assert public_texts(petition)[-1] == (
        f"Đơn có nhiều nội dung nên được tách thành các đơn: {parts[0].code}, {parts[1].code}."
    )
    with pytest.raises(PetitionInvalidError):
        petition_split(
            actor=reception_officer, petition=parts[0], version=1, parts=[("complaint", "x")]
        )


def test_mark_duplicate_stores_it_linked_to_the_original(receive_petition, reception_officer):
    original = receive_petition()
    repeat = receive_petition()

    repeat = petition_mark_duplicate(
        actor=reception_officer, petition=repeat, version=1, original=original
    )

    assert (repeat.state, repeat.duplicate_of) == ("stored", original)
    with pytest.raises(PetitionInvalidError):
        petition_mark_duplicate(
            actor=reception_officer, petition=original, version=1, original=original
        )


def test_withdrawal_by_staff_and_by_the_public(receive_petition, counter_staff, office_head):
    first = receive_petition()
    second = receive_petition(subject="Đơn thứ hai")
    second = petition_accept(actor=office_head, petition=second, version=1)

    petition_withdraw(
        actor=counter_staff, petition=first, version=1, reason="Đơn xin rút đơn ngày 20/11"
    )
    petition_withdraw(actor=None, petition=second, version=2, reason="Đã thỏa thuận xong")

    assert list(Petition.objects.order_by("pk").values_list("state", flat=True)) == [
        "withdrawn",
        "withdrawn",
    ]
    assert public_texts(first)[-1] == "Công dân đã rút đơn."
    assert PetitionDeadline.objects.filter(met_at__isnull=True, cancelled=False).count() == 0


def test_classify_changes_the_kind_and_restarts_the_clocks(receive_petition, reception_officer):
    petition = receive_petition(received_on="2026-11-16", channel="post")

    petition = petition_classify(
        actor=reception_officer, petition=petition, version=1, kind="proposal"
    )

    assert (petition.kind, petition.complaint_level, petition.complaint_object) == (
        "proposal",
        None,
        "",
    )
    live = list(
        PetitionDeadline.objects.filter(petition=petition, cancelled=False).values_list(
            "code", "due_on"
        )
    )
    assert live == [("proposal.resolve", dt.date(2026, 11, 23))]


def test_a_second_level_complaint_goes_to_the_superior_office(
    receive_petition, office_head, agency_a, petition_media
):
    first = receive_petition()
    first = petition_accept(actor=office_head, petition=first, version=1)
    first = petition_resolve(actor=office_head, petition=first, version=2, summary="Bác đơn.")

    second = petition_appeal(
        actor=None,
        previous=first,
        data=make_intake(channel="online", complaint_object=""),
        idempotency_key="appeal-1",
    )

    assert (second.office, second.received_office, second.previous) == (agency_a, agency_a, first)
    assert (second.kind, second.complaint_level, second.complaint_object) == (
        "complaint",
        2,
        "coercion",
    )
    assert second.flags == ["possible_duplicate"]
    assert list(
        PetitionDeadline.objects.filter(petition=second).values_list("code", flat=True)
    ) == ["complaint.second.accept"]
    with pytest.raises(PetitionStateError):
        petition_appeal(actor=None, previous=second, data=make_intake(channel="online"))


def test_a_late_second_complaint_is_flagged(receive_petition, office_head):
    first = receive_petition()
    first = petition_accept(actor=office_head, petition=first, version=1)
    first = petition_resolve(actor=office_head, petition=first, version=2, summary="Bác đơn.")
    Petition.objects.filter(pk=first.pk).update(resolved_at=timezone.now() - dt.timedelta(days=40))
    first.refresh_from_db()

    second = petition_appeal(
        actor=None, previous=first, data=make_intake(channel="online", subject="Khác hẳn")
    )

    assert second.flags == ["late_appeal"]


def test_a_channel_down_loses_nothing(
    receive_petition,
    office_head,
    integration_simulator,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from thads.notify.tasks import notifications_retry_due_task

    integration_simulator.app.configure(force_status=503)
    with django_capture_on_commit_callbacks(execute=True):
        petition = receive_petition(notify_phone="0912345671", notify_email="an@example.vn")
        petition = petition_accept(actor=office_head, petition=petition, version=1)

    petition.refresh_from_db()
    assert petition.state == "accepted"  # the officer's step stands
    sms = Notification.objects.filter(channel="sms").order_by("pk")
    assert [(n.template, n.status) for n in sms] == [
        ("petition_received", "failed"),
        ("petition_update", "failed"),
    ]
    assert all(n.next_retry_at is not None for n in sms)
    assert set(Notification.objects.filter(channel="email").values_list("status", flat=True)) == {
        "sent"
    }

    integration_simulator.app.configure(force_status=None)
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert notifications_retry_due_task() == 2
    assert set(sms.values_list("status", flat=True)) == {"sent"}
    texts = [
        m["payload"]["text"]
        for m in integration_simulator.app.messages()
        if m.get("system") == "sms_gateway" and m.get("outcome") == "ok"
    ]
    assert texts == [
        f"THADS: Đã tiếp nhận đơn, mã tra cứu {petition.code}. Tra cứu tiến độ: "
        f"http://localhost:8000/tra-cuu/don/{petition.code}",
        f"THADS: Đơn {petition.code}: {public_texts(petition)[-1]} Tra cứu: "
        f"http://localhost:8000/tra-cuu/don/{petition.code}",
    ]


def test_a_denunciation_conclusion_never_names_the_denouncer(
    receive_petition, office_head, petition_media
):
    import pypdfium2 as pdfium

    from citizen_reception.services import petition_resolution_render
    from thads.documents.storage import original_path

    petition = receive_petition(
        kind="denunciation", complaint_level=None, complaint_object="", subject="Tố cáo cán bộ"
    )
    petition = petition_accept(actor=office_head, petition=petition, version=1)
    petition = petition_resolve(
        actor=office_head, petition=petition, version=2, summary="Tố cáo là không đúng."
    )

    done = petition_resolution_render(petition_id=petition.pk, actor_id=office_head.pk)

    pdf = pdfium.PdfDocument(original_path(done.resolution_document.storage_name).read_bytes())
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    text = " ".join(text.split())
    assert "KẾT LUẬN" in text
    assert "của người tố cáo" in text
    assert "1/KL-GQTC" in text
    for private in ("Nguyễn Văn An", "001080001234", "Hàng Bạc"):
        assert private not in text
