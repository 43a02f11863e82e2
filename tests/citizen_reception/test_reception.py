"""The reception log and the heads' reception days."""

import datetime as dt

import pytest

from citizen_reception.exceptions import PetitionPermissionError
from citizen_reception.exceptions import ReceptionError
from citizen_reception.selectors import reception_schedule_for_office
from citizen_reception.services import common
from citizen_reception.services import reception_log_record
from citizen_reception.services import reception_schedule_cancel
from citizen_reception.services import reception_schedule_create
from thads.audit.models import AuditEvent
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def test_a_log_line_linked_to_the_petition_it_produced(receive_petition, counter_staff, office):
    petition = receive_petition()

    entry = reception_log_record(
        actor=counter_staff,
        office=office,
        data={
            "person_name": "Nguyễn Văn An",
            "person_id_number": "001080001234",
            "people_count": 2,
            "content": "Khiếu nại việc kê biên nhà",
            "documents_received": "Đơn khiếu nại (2 trang)",
            "result": "petition_received",
            "follow_up": "Theo dõi thời hạn thụ lý",
            "petition": petition.pk,
        },
    )

    assert (entry.receiver, entry.petition, entry.people_count) == (counter_staff, petition, 2)
    assert list(petition.reception_entries.all()) == [entry]
    audit = AuditEvent.objects.get(action="reception.log_recorded")
    assert audit.after == {
        "result": "petition_received",
        "people_count": 2,
        "petition": petition.pk,
        "schedule": None,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"person_name": "", "content": "x", "result": "guided"}, "Vui lòng nhập họ tên công dân."),
        (
            {"person_name": "A", "content": "", "result": "guided"},
            "Vui lòng nhập nội dung công dân trình bày.",
        ),
        (
            {"person_name": "A", "content": "x", "result": "?"},
            "Vui lòng chọn kết quả tiếp công dân.",
        ),
        (
            {"person_name": "A", "content": "x", "result": "refused"},
            "Từ chối tiếp công dân phải ghi rõ lý do.",
        ),
    ],
)
def test_log_line_validation(counter_staff, office, data, message):
    with pytest.raises(ReceptionError) as caught:
        reception_log_record(actor=counter_staff, office=office, data=data)

    assert caught.value.message == message


def test_log_only_for_the_own_office(counter_staff, other_office, make_user, office):
    with pytest.raises(ReceptionError):
        reception_log_record(
            actor=counter_staff,
            office=other_office,
            data={"person_name": "A", "content": "x", "result": "guided"},
        )
    accountant = make_user(Role.ACCOUNTANT, office)
    with pytest.raises(PetitionPermissionError):
        reception_log_record(
            actor=accountant,
            office=office,
            data={"person_name": "A", "content": "x", "result": "guided"},
        )


def test_reception_days_and_the_online_notice(office_head, office, monkeypatch, reception_officer):
    monkeypatch.setattr(common, "local_today", lambda: dt.date(2026, 11, 2))
    day = reception_schedule_create(
        actor=office_head,
        office=office,
        host=office_head,
        day=dt.date(2026, 11, 5),
        starts_at=dt.time(8),
        ends_at=dt.time(11, 30),
        place="Phòng tiếp công dân",
    )
    with pytest.raises(ReceptionError) as caught:
        reception_schedule_create(
            actor=office_head,
            office=office,
            host=office_head,
            day=dt.date(2026, 11, 6),  # 4 working days ahead
            starts_at=dt.time(8),
            ends_at=dt.time(10),
            place="Trực tuyến",
            online=True,
        )
    assert caught.value.message == (
        "Buổi tiếp trực tuyến phải được thông báo trước ít nhất 5 ngày làm việc."
    )
    online = reception_schedule_create(
        actor=office_head,
        office=office,
        host=office_head,
        day=dt.date(2026, 11, 9),  # 5 working days ahead
        starts_at=dt.time(8),
        ends_at=dt.time(10),
        place="Điểm cầu trực tuyến",
        online=True,
    )
    with pytest.raises(ReceptionError) as caught:
        reception_schedule_create(
            actor=office_head,
            office=office,
            host=reception_officer,
            day=dt.date(2026, 11, 20),
            starts_at=dt.time(8),
            ends_at=dt.time(10),
            place="Phòng tiếp",
        )
    assert caught.value.message == "Người chủ trì phải là lãnh đạo của đơn vị."

    reception_schedule_cancel(actor=office_head, schedule=day, reason="Họp đột xuất")

    assert list(reception_schedule_for_office(office=office)) == [online]
    day.refresh_from_db()
    assert (day.cancelled, day.note) == (True, "Đã hủy: Họp đột xuất")
    with pytest.raises(ReceptionError):
        reception_schedule_cancel(actor=office_head, schedule=day, reason="Lần nữa")
