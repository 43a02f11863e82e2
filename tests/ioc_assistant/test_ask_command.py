"""``manage.py ask --json --today``: the exact JSON object of issue 8, item 7."""

import io
import json

import pytest
from django.core.management import call_command


def ask(*args: str) -> dict:
    out = io.StringIO()
    call_command("ask", "--json", "--today", "2026-11-23", *args, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.mark.django_db
def test_understood_question_json_shape(ha_tinh):
    data = ask("Tháng trước chấp hành viên Nguyễn Văn An thu được bao nhiêu tiền?")
    assert list(data) == ["intent", "answer", "value", "rows"]
    assert data["intent"] == {
        "metric": "money_collected",
        "filters": {
            "province": None,
            "office": None,
            "officer": "chv.t42-kv01.1",
            "case_type": None,
            "status": None,
        },
        "group_by": None,
        "period": {"from": "2026-10-01", "to": "2026-10-31"},
    }
    assert data["value"] == 0
    assert data["rows"] == []
    assert data["answer"] == (
        "Số tiền đã thu của chấp hành viên Nguyễn Văn An từ 01/10/2026 đến 31/10/2026 là 0 đồng."
    )


@pytest.mark.django_db
def test_office_by_region_number_and_breakdown(ha_tinh):
    data = ask("so viec qua han theo thang o khu vuc 2 Ha Tinh nam nay")
    assert data["intent"] == {
        "metric": "cases_overdue",
        "filters": {
            "province": 42,
            "office": "T42-KV02",
            "officer": None,
            "case_type": None,
            "status": None,
        },
        "group_by": "month",
        "period": {"from": "2026-01-01", "to": "2026-11-23"},
    }


@pytest.mark.django_db
def test_unreadable_question(ha_tinh):
    data = ask("hôm nay trời có mưa không")
    assert data["intent"] is None
    assert data["value"] is None
    assert data["rows"] == []
    assert data["answer"] == (
        "Tôi chưa hiểu câu hỏi. Tôi trả lời được các câu hỏi về số liệu thi hành án (việc thụ "
        "lý, thi hành xong, quá hạn, tiền thu, chi trả, quyết định, biên lai, đơn khiếu nại) theo "
        "tỉnh, đơn vị, chấp hành viên, loại án và thời gian. Anh/chị thử hỏi, ví dụ: "
        "Tháng trước Hà Tĩnh thu được bao nhiêu tiền?; "
        "Số việc quá hạn theo từng phòng ở Sơn La năm nay; "
        "Tỷ lệ thi hành xong về việc theo từng tỉnh năm thống kê này; "
        "Quý 2/2026 TP.HCM thụ lý bao nhiêu việc dân sự?; "
        "Số đơn khiếu nại quá hạn giải quyết tháng này"
    )


@pytest.mark.django_db
def test_bad_today_is_refused(ha_tinh):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("ask", "--json", "--today", "23/11/2026", "năm nay thu bao nhiêu")
