"""Word lists for synthetic judgments: names, companies, places, courts, disputes.

Places come from ``vietnam-provinces`` (the 34 provinces and their wards after the 2025
merger). Every person and company is invented by combining common parts; any resemblance to a
real person is chance.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from vietnam_provinces import Province
from vietnam_provinces import VietNamDivisionType
from vietnam_provinces import Ward

FAMILY_NAMES = (
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 3),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trương", 1),
    ("Lương", 1),
    ("Mai", 1),
    ("Tạ", 1),
    ("Nông", 1),
    ("Hà", 1),
    ("Chu", 1),
    ("Lâm", 1),
)
MALE_MIDDLE = (
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quốc",
    "Thanh",
    "Công",
    "Xuân",
    "Đình",
    "Ngọc",
    "Trọng",
)
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Phương", "Bích")
MALE_GIVEN = (
    "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đông", "Giang", "Hải", "Hào",
    "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Khải", "Khánh", "Khoa", "Kiên", "Lâm", "Long",
    "Lộc", "Mạnh", "Minh", "Nam", "Nghĩa", "Nhân", "Phong", "Phúc", "Quang", "Quân", "Sơn",
    "Tài", "Tâm", "Thắng", "Thành", "Thiện", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt",
    "Vinh", "Vũ", "Sinh", "Thế", "Tới",
)  # fmt: skip
FEMALE_GIVEN = (
    "An", "Anh", "Ánh", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
    "Hoa", "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân",
    "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy", "Trang",
    "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến",
)  # fmt: skip

COMPANY_FORMS = (
    "Công ty TNHH",
    "Công ty trách nhiệm hữu hạn",
    "Công ty Cổ phần",
    "Công ty cổ phần",
    "Công ty TNHH MTV",
    "Doanh nghiệp tư nhân",
)
COMPANY_TRADES = (
    "Thương mại",
    "Thương mại Dịch vụ",
    "Xây dựng",
    "Đầu tư Xây dựng",
    "Sản xuất Thương mại",
    "Vận tải",
    "Xuất nhập khẩu",
    "May mặc",
    "Thực phẩm",
    "Bất động sản",
    "Cơ khí",
    "Công nghệ",
    "Đầu tư – Thương mại – Dịch vụ",
)
COMPANY_NAMES = (
    "Hoàng Phát", "Minh An", "Phú Thịnh", "Thành Công", "Việt Úc", "Nam Việt", "Đại Phát",
    "Kim Long", "Sao Mai", "Tân Hưng", "Hưng Thịnh", "Phong Phú", "Trường Sơn", "An Khang",
    "Bảo Ngọc", "Thiên Ân", "Hòa Bình", "Đông Á", "Quang Minh", "Nguyên Phát", "Vạn Lộc",
)  # fmt: skip
BANKS = (
    "Ngân hàng Thương mại Cổ phần Á Châu",
    "Ngân hàng TMCP Công thương Việt Nam",
    "Ngân hàng Thương mại Cổ phần Quốc Dân",
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
    "Ngân hàng TMCP Ngoại thương Việt Nam",
    "Ngân hàng Thương mại Cổ phần Sài Gòn Thương Tín",
    "Ngân hàng TMCP Quân đội",
    "Ngân hàng Thương mại Cổ phần Kỹ thương Việt Nam",
    "Ngân hàng TMCP Việt Nam Thịnh Vượng",
    "Ngân hàng Thương mại Cổ phần Phương Đông",
)
STREETS = (
    "Lê Lợi", "Nguyễn Huệ", "Trần Hưng Đạo", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
    "Nguyễn Trãi", "Lê Duẩn", "Cách Mạng Tháng Tám", "Phan Đình Phùng", "Võ Văn Tần",
    "Nguyễn Văn Cừ", "Quang Trung", "Hùng Vương", "Trần Phú", "Lê Đại Hành", "Tăng Nhơn Phú",
    "Đoàn Văn Bơ", "Nguyễn Thị Định", "Lạc Long Quân", "Bạch Đằng", "Ngô Quyền",
)  # fmt: skip
HAMLETS = ("Thôn", "Ấp", "Khu phố", "Tổ dân phố", "Bản", "Xóm")
JOBS = (
    "Lao động tự do", "Kinh doanh", "Công nhân", "Nông dân", "Giáo viên", "Nhân viên văn phòng",
    "Tài xế", "Buôn bán", "Không", "Nội trợ",
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    """A province and one of its wards, with the forms a judgment prints."""

    province: str  # "Thành phố Hồ Chí Minh", "tỉnh Cao Bằng"
    province_bare: str  # "Hồ Chí Minh", "Cao Bằng"
    ward: str  # "phường Bến Thành", "xã Tân Nguyên"
    ward_bare: str
    is_city: bool
    code: int


@functools.cache
def _provinces() -> tuple[tuple[str, str, bool, int], ...]:
    out = []
    for p in Province.iter_all():
        city = p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
        bare = p.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        full = p.name if city else f"tỉnh {p.name}"
        out.append((full, bare, city, int(p.code)))
    return tuple(out)


@functools.cache
def _wards(province_code: int) -> tuple[str, ...]:
    return tuple(
        " ".join(w.name.split())
        for w in Ward.iter_by_province(Province.from_code(province_code).code)
        if w.name.split(" ", 1)[0] in ("Phường", "Xã", "Đặc")
    )


def place(rng: random.Random, *, province_code: int | None = None) -> Place:
    provinces = _provinces()
    if province_code is None:
        full, bare, city, code = rng.choice(provinces)
    else:
        full, bare, city, code = next(p for p in provinces if p[3] == province_code)
    ward = rng.choice(_wards(code))
    kind, ward_bare = ward.split(" ", 1)
    if kind == "Đặc":
        ward_bare = ward_bare.removeprefix("khu ")
        ward_full = f"đặc khu {ward_bare}"
    else:
        ward_full = f"{kind.lower()} {ward_bare}"
    return Place(full, bare, ward_full, ward_bare, city, code)


def weighted(rng: random.Random, items: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([i[0] for i in items], weights=[i[1] for i in items])[0]


def person_name(rng: random.Random, *, female: bool) -> str:
    family = weighted(rng, FAMILY_NAMES)
    middle = rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    if rng.random() < 0.15:  # a second middle name
        extra = rng.choice(FEMALE_MIDDLE[3:] if female else MALE_MIDDLE[1:])
        if extra != middle:
            middle = f"{middle} {extra}"
    return f"{family} {middle} {given}"


def company_name(rng: random.Random) -> str:
    return f"{rng.choice(COMPANY_FORMS)} {rng.choice(COMPANY_TRADES)} {rng.choice(COMPANY_NAMES)}"


def street_address(rng: random.Random, p: Place) -> str:
    """An address in the two-level form (ward, province) used since 01/07/2025."""
    r = rng.random()
    if p.is_city or r < 0.5:
        number = rng.randint(1, 450)
        number_txt = f"{number}/{rng.randint(1, 120)}" if rng.random() < 0.3 else str(number)
        lead = rng.choice(("Số ", "số ", ""))
        street = rng.choice(STREETS)
        road = rng.choice(("đường ", "", ""))
        return f"{lead}{number_txt} {road}{street}, {p.ward}, {p.province}"
    hamlet = f"{rng.choice(HAMLETS)} {rng.choice((*COMPANY_NAMES, '1', '2', '3', '5', '7'))}"
    return f"{hamlet}, {p.ward}, {p.province}"


def id_number(rng: random.Random, *, birth_year: int, female: bool, province_code: int) -> str:
    """A 12-digit citizen identity number: province, sex/century, year, serial."""
    century = 0 if birth_year < 2000 else 2
    sex = century + (1 if female else 0)
    return f"{province_code:03d}{sex}{birth_year % 100:02d}{rng.randint(0, 999999):06d}"
