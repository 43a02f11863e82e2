"""The daily beat task: reminders of overdue and soon-due petition clocks, once a day."""

import datetime as dt

import pytest

from citizen_reception.services import common
from citizen_reception.services import deadlines_remind
from citizen_reception.services import petition_accept
from citizen_reception.services import petition_assign
from citizen_reception.tasks import petition_deadlines_remind_task
from thads.notify.models import Notification

pytestmark = pytest.mark.django_db


def test_overdue_and_soon_due_clocks_are_reminded_once_a_day(
    receive_petition, office_head, reception_officer, monkeypatch
):
    monkeypatch.setattr(common, "local_today", lambda: dt.date(2026, 11, 23))
    office_head.email = "truongphong@example.vn"
    office_head.save(update_fields=["email"])
    unassigned = receive_petition(received_on=dt.date(2026, 11, 2), channel="post")
    assigned = receive_petition(received_on=dt.date(2026, 11, 16), channel="post", subject="Khác")
    petition_assign(actor=office_head, petition=assigned, version=1, officer=reception_officer)
    later = receive_petition(received_on=dt.date(2026, 11, 23), channel="post", subject="Mới")
    done = receive_petition(received_on=dt.date(2026, 11, 2), channel="post", subject="Xong")
    petition_accept(actor=office_head, petition=done, version=1)

    # on 20/11: the first is overdue (due 09/11), the second due 23/11 (within 2 working days)
    queued = deadlines_remind(on=dt.date(2026, 11, 20))

    rows = list(
        Notification.objects.filter(template="petition_deadline_reminder")
        .order_by("recipient")
        .values_list("recipient", "subject")
    )
    assert queued == 2
    assert rows == [
        ("tiepdan@example.vn", f"Sắp đến hạn: đơn {assigned.code}"),
        ("truongphong@example.vn", f"Quá hạn: đơn {unassigned.code}"),
    ]
    assert later.code not in str(rows)
    # the same day again: nothing new
    assert petition_deadlines_remind_task(on_date="2026-11-20") == 0
    assert Notification.objects.filter(template="petition_deadline_reminder").count() == 2
    # the next working day: reminded again, with the accepted one's explanation request (due
    # 26/11, two working days after 23/11 with 24/11 off); the one received 23/11 is due 01/12
    assert deadlines_remind(on=dt.date(2026, 11, 23)) == 3
