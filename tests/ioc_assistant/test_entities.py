"""Entities by rules: exact filters for a table of questions, and the province name data."""

import datetime as dt
import json

import pytest

from ioc_dashboard.assistant.entities import DATA_DIR
from ioc_dashboard.assistant.entities import Catalogue
from ioc_dashboard.assistant.entities import extract
from ioc_dashboard.assistant.entities import province_code
from ioc_dashboard.assistant.entities import province_names

TODAY = dt.date(2026, 11, 23)
CATALOGUE = Catalogue(
    offices={
        "T42": "Thi hành án dân sự Hà Tĩnh",
        "T42-KV01": "Phòng THADS khu vực 1 - Hà Tĩnh",
        "T42-KV02": "Phòng THADS khu vực 2 - Hà Tĩnh",
        "T14-KV01": "Phòng THADS khu vực 1 - Sơn La",
    },
    officers={
        "chv.t42-kv01.1": ("Nguyễn Văn An", "T42-KV01"),
        "chv.t42-kv01.2": ("Trần Thị Nam", "T42-KV01"),
    },
)


def f(province=None, office=None, officer=None, case_type=None, status=None):
    return {
        "province": province,
        "office": office,
        "officer": officer,
        "case_type": case_type,
        "status": status,
    }


@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("tháng trước Hà Tĩnh thu được bao nhiêu tiền?", f(province=42)),
        ("so viec qua han theo tung phong o Son La nam nay", f(province=14)),
        ("HCM thu bao nhiêu", f(province=79)),
        ("Sài Gòn thu bao nhiêu", f(province=79)),
        ("TP.HCM thu bao nhiêu", f(province=79)),
        ("thành phố Hồ Chí Minh thu bao nhiêu", f(province=79)),
        ("ha tinh thu bao nhieu", f(province=42)),
        ("HÀ TĨNH thu bao nhiêu", f(province=42)),
        ("Bình Dương thu bao nhiêu", f(province=79)),  # merged into Hồ Chí Minh City in 2025
        ("Quảng Bình thu bao nhiêu", f(province=44)),  # merged into Quảng Trị
        ("Hải Dương thu bao nhiêu", f(province=31)),  # merged into Hải Phòng
        ("Thừa Thiên Huế thu bao nhiêu", f(province=46)),
        ("Bà Rịa - Vũng Tàu thu bao nhiêu", f(province=79)),
        ("Đắk Nông thu bao nhiêu", f(province=68)),
        ("Phòng THADS khu vực 2 Hà Tĩnh thu bao nhiêu", f(province=42, office="T42-KV02")),
        ("KV1 Sơn La thu bao nhiêu", f(province=14, office="T14-KV01")),
        ("T42-KV01 thu bao nhiêu", f(province=42, office="T42-KV01")),
        ("Cục THADS Hà Tĩnh thu bao nhiêu", f(province=42, office="T42")),
        ("chấp hành viên Nguyễn Văn An có bao nhiêu việc", f(officer="chv.t42-kv01.1")),
        ("chv nguyen van an co bao nhieu viec", f(officer="chv.t42-kv01.1")),
        ("Trần Thị Nam năm nay thu bao nhiêu", f(officer="chv.t42-kv01.2")),
        ("chv.t42-kv01.2 thu bao nhiêu", f(officer="chv.t42-kv01.2")),
        ("số việc dân sự thụ lý", f(case_type="DS")),
        ("số việc hôn nhân và gia đình", f(case_type="HNGD")),
        ("việc kinh doanh thương mại", f(case_type="KDTM")),
        ("án hình sự ở Nghệ An", f(province=40, case_type="HS")),
        ("việc lao động", f(case_type="LD")),
        ("việc hành chính", f(case_type="HC")),
        ("cơ quan thi hành án dân sự Hà Tĩnh thu bao nhiêu", f(province=42)),
        ("số việc đang xác minh điều kiện", f(status="verification")),
        ("số việc đang cưỡng chế", f(status="coercion")),
        ("việc bị hoãn", f(status="postponed")),
        ("việc tạm đình chỉ", f(status="suspended")),
        ("số việc quá hạn", f()),
    ],
)
def test_filters_table(question, filters):
    assert extract(question, today=TODAY, catalogue=CATALOGUE).filters == filters


def test_masked_text_for_the_classifier():
    e = extract("Tháng trước Hà Tĩnh thu được bao nhiêu tiền?", today=TODAY, catalogue=CATALOGUE)
    assert e.masked == "<ky> <tinh> thu duoc bao nhieu tien"
    e = extract(
        "số việc dân sự đang cưỡng chế của chv Nguyễn Văn An", today=TODAY, catalogue=CATALOGUE
    )
    assert e.masked == "so viec <loaian> <trangthai> cua chv <canbo>"


def test_every_pre_2025_province_maps_to_a_current_one():
    data = json.loads((DATA_DIR / "provinces.json").read_text(encoding="utf-8"))
    assert "202/2025/QH15" in data["source"]
    assert len(data["merged"]) == 63
    current = province_names()
    assert len(current) == 34
    assert set(data["merged"].values()) == set(current)
    for name, code in data["merged"].items():
        assert province_code(name) == code
        assert extract(f"{name} thu bao nhiêu", today=TODAY).filters["province"] == code


def test_every_current_province_by_its_name_without_diacritics():
    from ioc_dashboard.assistant.text import strip_accents

    for code, name in province_names().items():
        assert province_code(name) == code
        assert province_code(strip_accents(name).lower()) == code
