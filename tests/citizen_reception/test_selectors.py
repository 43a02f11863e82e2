"""Reads: the scope (responsible OR receiving office, leaders up the chain; 404 elsewhere), the
list filters, and the public timeline (no personal data)."""

import datetime as dt

import pytest
from django.http import Http404

from citizen_reception.selectors import petition_get_by_code_for_user
from citizen_reception.selectors import petition_get_for_user
from citizen_reception.selectors import petition_list_for_user
from citizen_reception.selectors import petition_public_timeline
from citizen_reception.selectors import reception_log_for_user
from citizen_reception.services import petition_accept
from citizen_reception.services import petition_refuse
from citizen_reception.services import reception_log_record
from thads.permissions import Role

pytestmark = pytest.mark.django_db

#: Who sees a petition received and handled at T101-KV01 (tests/fixtures/core.py MATRIX_ACTORS).
SEES = {
    "same_office_officer": True,
    "same_office_clerk": True,
    "office_head": True,
    "provincial_head": True,
    "ministry_leader": True,
    "sysadmin": False,  # no petition role: personal data stays with the handling staff
    "sibling_office_officer": False,
    "other_officer": False,
    "other_provincial_head": False,
}


@pytest.mark.parametrize(("name", "sees"), sorted(SEES.items()))
def test_scope_matrix(receive_petition, actor, name, sees):
    petition = receive_petition()
    user = actor(name)

    assert list(petition_list_for_user(user=user)) == ([petition] if sees else [])
    if sees:
        assert petition_get_for_user(user=user, pk=petition.pk) == petition
    else:
        with pytest.raises(Http404):
            petition_get_for_user(user=user, pk=petition.pk)


def test_filters(receive_petition, office_head, make_user, office, agency_b):
    complaint = receive_petition()
    denunciation = receive_petition(kind="denunciation", subject="Tố cáo cán bộ")
    elsewhere = receive_petition(province_code=102, subject="Đơn của tỉnh B")
    overdue = receive_petition(subject="Đơn cũ", received_on=dt.date(2026, 10, 1))
    petition_refuse(actor=office_head, petition=denunciation, version=1, reason="Nặc danh")

    def codes(**filters):
        return {p.code for p in petition_list_for_user(user=office_head, filters=filters)}

    assert codes(kind="denunciation") == {denunciation.code}
    assert codes(scope="received") == {elsewhere.code}
    assert codes(scope="responsible") == {complaint.code, denunciation.code, overdue.code}
    assert codes(overdue="1") == {overdue.code}
    assert codes(open="1") == {complaint.code, elsewhere.code, overdue.code}
    assert codes(q=complaint.code.lower()) == {complaint.code}
    assert codes(q="001080001234") == {
        complaint.code,
        denunciation.code,
        elsewhere.code,
        overdue.code,
    }
    assert (
        petition_get_by_code_for_user(
            user=office_head, code=f" {overdue.code[:4]}-{overdue.code[4:]}"
        )
        == overdue
    )
    row = petition_list_for_user(user=office_head, filters={"q": overdue.code}).get()
    assert (row.overdue, row.next_due_on) == (True, dt.date(2026, 10, 8))


def test_public_timeline_shows_steps_and_nothing_personal(receive_petition, office_head, office):
    petition = receive_petition(received_on=dt.date(2026, 11, 16))
    petition = petition_accept(actor=office_head, petition=petition, version=1)

    timeline = petition_public_timeline(code=petition.code.lower())

    assert (timeline.code, timeline.kind_label, timeline.received_on) == (
        petition.code,
        "Khiếu nại",
        dt.date(2026, 11, 16),
    )
    assert (timeline.state, timeline.state_label, timeline.office_name) == (
        "accepted",
        "Đã thụ lý",
        office.name,
    )
    texts = [e.text for e in timeline.events]
    assert texts[0] == "Đã tiếp nhận đơn."
    assert texts[1].startswith("Đơn đã được thụ lý; hạn giải quyết: ")
    assert timeline.next_deadline.title == "Yêu cầu người bị khiếu nại giải trình"
    dump = repr(timeline)
    for private in ("Nguyễn Văn An", "001080001234", "Hàng Bạc", "Chấp hành viên Phòng"):
        assert private not in dump


def test_public_timeline_of_an_unknown_code_is_none(receive_petition):
    receive_petition()

    assert petition_public_timeline(code="DZZZZZZZZZZ") is None
    assert petition_public_timeline(code="") is None
    assert petition_public_timeline(code="x" * 500) is None


def test_reception_log_scope(counter_staff, office, other_office, make_user):
    reception_log_record(
        actor=counter_staff,
        office=office,
        data={"person_name": "Lê Văn Dân", "content": "Hỏi thủ tục", "result": "guided"},
    )
    other = make_user(Role.RECEPTION_OFFICER, other_office)

    assert [e.person_name for e in reception_log_for_user(user=counter_staff)] == ["Lê Văn Dân"]
    assert list(reception_log_for_user(user=other)) == []
