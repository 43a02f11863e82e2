"""Demo data of the citizen_reception app: petitions of every kind received at the demo
office's counter and online, some accepted and assigned, a reception day and log lines; all
through the services (audited), idempotent by key."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thads.seeding import SeedContext
from thads.seeding import register_seeder

SEED_PETITIONS = {"small": 8, "medium": 40, "large": 200}

_NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em")
_SAMPLES = (
    ("complaint", "Khiếu nại quyết định kê biên tài sản", "coercion"),
    ("complaint", "Khiếu nại việc chậm tổ chức thi hành án", "pre_measure"),
    ("denunciation", "Tố cáo hành vi của chấp hành viên", ""),
    ("proposal", "Kiến nghị sớm chi trả tiền thi hành án", ""),
    ("report", "Phản ánh thái độ tiếp dân tại bộ phận một cửa", ""),
    ("enforcement_request", "Yêu cầu thi hành bản án dân sự sơ thẩm", ""),
)


def seed_petitions(ctx: SeedContext) -> None:
    """Seeder: petitions through ``petition_receive``; every third one accepted by the head."""
    from citizen_reception.models import Petition
    from citizen_reception.services import petition_accept
    from citizen_reception.services import petition_assign
    from citizen_reception.services import petition_receive
    from citizen_reception.services import reception_log_record
    from citizen_reception.services import reception_schedule_create
    from citizen_reception.types import PetitionIntake
    from thads.org.models import Office
    from thads.org.models import User
    from thads.org.seed import DEMO_OFFICE_CODE
    from thads.permissions import Role

    office = Office.objects.filter(code=DEMO_OFFICE_CODE).first()
    clerk = User.objects.filter(office=office, role=Role.COUNTER_STAFF).order_by("pk").first()
    head = User.objects.filter(office=office, role=Role.OFFICE_HEAD).order_by("pk").first()
    officer = (
        User.objects.filter(office=office, role=Role.ENFORCEMENT_OFFICER).order_by("pk").first()
    )
    if office is None or clerk is None or head is None:
        ctx.out("  citizen_reception: demo office, counter staff or head missing, skipped")
        return
    rng = ctx.rng("citizen_reception")
    today = timezone.localdate()
    made = 0
    for n in range(SEED_PETITIONS[ctx.size]):
        key = f"seed-{ctx.seed}-petition-{n}"
        if Petition.objects.filter(idempotency_key=key).exists():
            continue
        kind, subject, obj = _SAMPLES[n % len(_SAMPLES)]
        online = n % 4 == 3
        name = _NAMES[rng.randrange(len(_NAMES))]
        petition = petition_receive(
            actor=None if online else clerk,
            receiving_office=office,
            data=PetitionIntake(
                kind=kind,
                channel="online" if online else "counter",
                subject=subject,
                content=f"{subject}. Đề nghị cơ quan thi hành án xem xét, giải quyết.",
                petitioner_name=name,
                petitioner_id_number=f"0{rng.randint(10**10, 10**11 - 1)}",
                petitioner_address="Phường Ba Đình, Thành phố Hà Nội",
                petitioner_birth_year=rng.randint(1950, 2000),
                complaint_level=1 if kind == "complaint" else None,
                complaint_object=obj,
                received_on=today - dt.timedelta(days=rng.randint(0, 20)),
            ),
            idempotency_key=key,
        )
        made += 1
        if n % 3 == 0 and kind != "enforcement_request":
            petition = petition_accept(actor=head, petition=petition, version=petition.version)
            if officer is not None:
                petition_assign(
                    actor=head, petition=petition, version=petition.version, officer=officer
                )
    if made:
        day = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
        reception_schedule_create(
            actor=head,
            office=office,
            host=head,
            day=day,
            starts_at=dt.time(8, 0),
            ends_at=dt.time(11, 30),
            place=office.address or office.name,
        )
        reception_log_record(
            actor=clerk,
            office=office,
            data={
                "person_name": _NAMES[0],
                "content": "Hỏi về thủ tục yêu cầu thi hành án",
                "result": "guided",
                "people_count": 1,
            },
        )
    ctx.out(f"  citizen_reception: {made} petition(s) received in {office.code}")


def register() -> None:
    register_seeder("citizen_reception", 70, seed_petitions)
