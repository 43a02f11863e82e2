import json

import pytest
from django.core.management import call_command

from tests.audit.conftest import raw

pytestmark = pytest.mark.django_db


def test_clean_log_exits_zero(chain6, capsys):
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert out.startswith(
        "Nhật ký toàn vẹn: đã kiểm tra 6 sự kiện trong 1 chuỗi, không phát hiện sai lệch ("
    )


def test_tampered_log_exits_one_with_the_problems(chain6, capsys):
    raw("UPDATE audit_auditevent SET summary = 'x' WHERE chain = 'T101-KV01' AND seq = 2")
    raw("DELETE FROM audit_auditevent WHERE chain = 'T101-KV01' AND seq = 5")

    with pytest.raises(SystemExit) as exc:
        call_command("audit_verify")

    assert exc.value.code == 1
    assert capsys.readouterr().out.splitlines() == [
        "PHÁT HIỆN 2 SAI LỆCH trong nhật ký kiểm toán (đã kiểm tra 5 sự kiện trong 1 chuỗi):",
        "  [altered] T101-KV01#2: Sự kiện số 2 của chuỗi T101-KV01 đã bị sửa: mã băm không"
        " khớp với nội dung.",
        "  [missing] T101-KV01#5: Chuỗi T101-KV01 thiếu sự kiện số 5: có thể đã bị xóa.",
    ]


def test_json_output(chain6, capsys):
    raw("DELETE FROM audit_auditevent WHERE chain = 'T101-KV01' AND seq = 6")

    with pytest.raises(SystemExit) as exc:
        call_command("audit_verify", "--json")

    assert exc.value.code == 1
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("ok", "checked", "chains", "problem_count")} == {
        "ok": False,
        "checked": 5,
        "chains": 1,
        "problem_count": 1,
    }
    assert data["counts_by_kind"] == {"missing": 1}
    assert data["problems"][0]["kind"] == "missing"
    assert data["problems"][0]["seq"] == 6


def test_chain_option_limits_the_check(chain6, other_officer, capsys):
    from thads.audit.services import audit_log

    audit_log(actor=other_officer, action="test.other")
    raw("DELETE FROM audit_auditevent WHERE chain = 'T101-KV01' AND seq = 3")

    call_command("audit_verify", "--chain", "T102-KV01")
    assert "đã kiểm tra 1 sự kiện trong 1 chuỗi" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("audit_verify", "--chain", "T101-KV01")
