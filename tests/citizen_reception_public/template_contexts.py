"""Contexts for the architecture test that renders every template (the public pages)."""

import datetime as dt

from django.utils import timezone

from citizen_reception.public.forms import PetitionOnlineForm
from citizen_reception.public.forms import TrackFindForm
from citizen_reception.public.queries import FiledPetition
from citizen_reception.types import PublicDeadline
from citizen_reception.types import PublicEvent
from citizen_reception.types import PublicTimeline

PROVINCES = [(101, "Tỉnh Thử A")]


def _timeline() -> PublicTimeline:
    now = timezone.now()
    return PublicTimeline(
        code="D7K2M9QX4PA",
        kind="complaint",
        kind_label="Khiếu nại",
        received_on=now.date() - dt.timedelta(days=3),
        state="accepted",
        state_label="Đã thụ lý",
        office_name="Phòng Thi hành án dân sự khu vực 1",
        events=(
            PublicEvent(at=now - dt.timedelta(days=3), text="Đã tiếp nhận đơn"),
            PublicEvent(at=now - dt.timedelta(days=1), text="Đã thụ lý đơn"),
        ),
        next_deadline=PublicDeadline(title="Hạn giải quyết", due_on=now.date()),
        resolved=False,
    )


TEMPLATE_CONTEXTS = {
    "citizen_reception/public/petition_form.html": lambda request: {
        "form": PetitionOnlineForm(province_choices=PROVINCES),
        "otp_message": "Đã gửi mã xác thực.",
        "otp_sent": True,
    },
    "citizen_reception/public/petition_form.html#otp-status": lambda request: {
        "otp_message": "Mã xác thực không đúng.",
        "files_dropped": True,
    },
    "citizen_reception/public/petition_filed.html": lambda request: {
        "petition": FiledPetition(
            code="D7K2M9QX4PA",
            kind_label="Khiếu nại",
            received_on=timezone.localdate(),
            office_name="Cơ quan THADS tỉnh",
            receipt_path=None,
        ),
        "track_url": "http://testserver/tra-cuu/don/D7K2M9QX4PA",
    },
    "citizen_reception/public/petition_track.html": lambda request: {
        "state": "found",
        "timeline": _timeline(),
        "form": TrackFindForm(),
    },
}
