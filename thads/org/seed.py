"""Demo seed of the organisation: 34 provinces, the central department, 34 provincial agencies,
355 regional offices and their staff, with one printed login per role.

The allocation of regional offices to provinces is a demo: the real list is not published in
the sources we hold (domain.md §8.5). Office codes are stable: ``CQL``, ``T01``, ``T01-KV01``.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from vietnam_provinces import Province as VnProvince

from thads.org.models import Office
from thads.org.models import Province
from thads.org.models import User
from thads.org.services import roles_sync
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder

CENTRAL_CODE = "CQL"
REGIONAL_TOTAL = 355
DEMO_PASSWORD = "Thads@2026demo"  # noqa: S105 (printed demo login; production has no seed)
DEMO_OFFICE_CODE = "T01-KV01"

# Extra regional offices over a base of 10 each (34 x 10 + 15 = 355), to the most populous.
_EXTRA_OFFICES = {79: 5, 1: 4, 31: 1, 75: 1, 92: 1, 38: 1, 40: 1, 91: 1}

ROLE_PREFIX = {
    Role.MINISTRY_LEADER: "lanhdao",
    Role.SYSADMIN: "quantri",
    Role.PROVINCIAL_HEAD: "thutruong",
    Role.OFFICE_HEAD: "truongphong",
    Role.ENFORCEMENT_OFFICER: "chv",
    Role.CLERK: "thuky",
    Role.ACCOUNTANT: "ketoan",
    Role.CASHIER: "thuquy",
    Role.COUNTER_STAFF: "motcua",
    Role.RECEPTION_OFFICER: "tiepdan",
}

# Staff per office level and size: {role: count}.
_STAFF = {
    Office.Level.CENTRAL: {Role.MINISTRY_LEADER: 3, Role.SYSADMIN: 2, Role.RECEPTION_OFFICER: 2},
    Office.Level.PROVINCIAL: {
        Role.PROVINCIAL_HEAD: 2,
        Role.ENFORCEMENT_OFFICER: 2,
        Role.CLERK: 1,
        Role.ACCOUNTANT: 1,
        Role.RECEPTION_OFFICER: 1,
    },
    Office.Level.REGIONAL: {
        Role.OFFICE_HEAD: 2,
        Role.ENFORCEMENT_OFFICER: 3,
        Role.CLERK: 2,
        Role.ACCOUNTANT: 1,
        Role.CASHIER: 1,
        Role.COUNTER_STAFF: 2,
        Role.RECEPTION_OFFICER: 1,
    },
}
# medium and large: a realistic ~6,800 staff, mostly enforcement officers in regional offices.
_REGIONAL_OFFICERS_BY_SIZE = {"small": 3, "medium": 12, "large": 12}

_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoài", "Xuân"]
_GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Ngân",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Trung",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
]


def province_offices_count(code: int) -> int:
    return 10 + _EXTRA_OFFICES.get(code, 0)


def demo_username(role: str, office_code: str, n: int) -> str:
    return f"{ROLE_PREFIX[Role(role)]}.{office_code.lower()}.{n}"


def demo_logins() -> list[tuple[str, str, str]]:
    """(role label, username, office code) of the one printed demo login per role."""
    office_for_role = {
        Role.MINISTRY_LEADER: CENTRAL_CODE,
        Role.SYSADMIN: CENTRAL_CODE,
        Role.PROVINCIAL_HEAD: "T01",
    }
    rows = []
    for role in Role:
        code = office_for_role.get(role, DEMO_OFFICE_CODE)
        rows.append((str(role.label), demo_username(role, code, 1), code))
    return rows


@transaction.atomic
def seed_org(ctx: SeedContext) -> None:
    """Provinces, offices and staff; idempotent (existing codes and usernames are kept)."""
    rng = ctx.rng("org")
    roles_sync()
    for p in VnProvince.iter_all():
        Province.objects.update_or_create(
            code=p.code.value,
            defaults={
                "codename": p.codename,
                "name": p.name,
                "division_type": p.division_type.value,
            },
        )
    provinces = {p.code: p for p in Province.objects.all()}
    central, _ = Office.objects.get_or_create(
        code=CENTRAL_CODE,
        defaults={
            "name": "Cục Quản lý thi hành án dân sự",
            "short_name": "Cục QLTHADS",
            "level": Office.Level.CENTRAL,
            "address": "60 Trần Phú, Ba Đình, Hà Nội",
        },
    )
    existing = set(Office.objects.values_list("code", flat=True))
    new_offices = []
    for code, province in sorted(provinces.items()):
        pcode = f"T{code:02d}"
        if pcode not in existing:
            new_offices.append(
                Office(
                    code=pcode,
                    name=f"Thi hành án dân sự {province.name}",
                    short_name=f"THADS {province.name}",
                    level=Office.Level.PROVINCIAL,
                    province=province,
                    parent=central,
                )
            )
    Office.objects.bulk_create(new_offices)
    agencies = {o.province_id: o for o in Office.objects.filter(level=Office.Level.PROVINCIAL)}
    new_offices = []
    for code, province in sorted(provinces.items()):
        for n in range(1, province_offices_count(code) + 1):
            rcode = f"T{code:02d}-KV{n:02d}"
            if rcode not in existing:
                new_offices.append(
                    Office(
                        code=rcode,
                        name=f"Phòng Thi hành án dân sự khu vực {n} - {province.name}",
                        short_name=f"Phòng THADS KV{n} {province.name}",
                        level=Office.Level.REGIONAL,
                        province=province,
                        parent=agencies[province.pk],
                    )
                )
    Office.objects.bulk_create(new_offices, batch_size=1000)

    password = make_password(DEMO_PASSWORD)
    existing_users = set(User.objects.values_list("username", flat=True))
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    users: list[User] = []
    for office in Office.objects.order_by("code"):
        staffing = dict(_STAFF[Office.Level(office.level)])
        if office.level == Office.Level.REGIONAL:
            staffing[Role.ENFORCEMENT_OFFICER] = _REGIONAL_OFFICERS_BY_SIZE[ctx.size]
        for role, count in staffing.items():
            for n in range(1, count + 1):
                username = demo_username(role, office.code, n)
                name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
                if username in existing_users:
                    continue
                users.append(
                    User(
                        username=username,
                        password=password,
                        full_name=name,
                        office=office,
                        role=role,
                        job_title=str(Role(role).label),
                        is_staff=role == Role.SYSADMIN,
                    )
                )
    User.objects.bulk_create(users, batch_size=2000)
    if users:
        membership = User.groups.through
        created = User.objects.filter(username__in=[u.username for u in users]).values_list(
            "pk", "role"
        )
        membership.objects.bulk_create(
            [
                membership(user_id=pk, group_id=groups[role].pk)
                for pk, role in created
                if role in groups
            ],
            batch_size=5000,
        )
    ctx.out(
        f"  {Province.objects.count()} tỉnh, {Office.objects.count()} đơn vị, "
        f"{User.objects.count()} người dùng"
    )


def register() -> None:
    register_seeder("org", 10, seed_org)
