"""``receipts_check``: clean series, a gap made by raw SQL, a duplicate, a broken chain."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from receipts.models import Receipt

pytestmark = pytest.mark.django_db


def run_check(office, capsys):
    code = 0
    try:
        call_command("receipts_check", office=office.code, year=2026)
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(capsys.readouterr().out)


def test_clean_series(issue, office, office_head, capsys):
    from receipts.services import receipt_void

    receipts = [issue() for _ in range(3)]
    receipt_void(actor=office_head, receipt=receipts[1], reason="Ghi sai tên người nộp")

    code, report = run_check(office, capsys)

    assert code == 0
    assert report["ok"] is True
    assert report["series"] == [
        {
            "symbol": "BL/26E",
            "kind": "enforcement",
            "issued": 3,
            "voided": 1,
            "gaps": [],
            "duplicates": [],
            "beyond_counter": [],
            "chain_ok": True,
            "chain_broken_at": [],
        }
    ]


def test_gap_made_by_raw_sql_is_found(issue, office, capsys):
    receipts = [issue() for _ in range(4)]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM receipts_receipt WHERE id = %s", [receipts[1].pk])

    code, report = run_check(office, capsys)

    assert code == 1
    [series] = report["series"]
    assert series["gaps"] == [2]
    assert series["issued"] == 3
    assert series["chain_broken_at"] == [3]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="dropping the UNIQUE backstop needs PostgreSQL"
)
def test_duplicate_is_found(issue, office, capsys):
    receipts = [issue() for _ in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE receipts_receipt DROP CONSTRAINT receipt_unique_number")
        cursor.execute("UPDATE receipts_receipt SET number = 2 WHERE id = %s", [receipts[2].pk])

    code, report = run_check(office, capsys)

    assert code == 1
    [series] = report["series"]
    assert series["duplicates"] == [2]
    assert series["gaps"] == [3]


def test_altered_amount_breaks_the_chain(issue, office, capsys):
    receipts = [issue() for _ in range(3)]
    Receipt.objects.filter(pk=receipts[1].pk).update(amount_vnd=1)

    code, report = run_check(office, capsys)

    assert code == 1
    [series] = report["series"]
    assert series["gaps"] == []
    assert series["chain_ok"] is False
    assert series["chain_broken_at"] == [2]


def test_unknown_office_is_an_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có đơn vị mã XX"):
        call_command("receipts_check", office="XX", year=2026)
