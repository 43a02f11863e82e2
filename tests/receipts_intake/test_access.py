"""Access matrix of every intake view (style.md 2.7): status per actor, no leak of the
object's data, and no side effect for a denied write."""

from __future__ import annotations

import pytest
from django.urls import reverse

from receipts.models import BankStatementLine
from receipts.models import CashCount
from receipts.models import OfficeBankAccount
from receipts.models import ReceiptScan
from receipts.models import ReceiptScanCorrection
from tests.fixtures.core import MATRIX_ACTORS
from tests.receipts_intake.objects import make_scan
from tests.receipts_intake.objects import make_statement
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRET = ("Bí Mật", "saoke-bi-mat", "FT-BI-MAT", "Nguyễn Văn Nợ")

# Scans: staff who collect money, in their own office.
SCAN = {
    "same_office_officer": 200,
    "same_office_clerk": 403,
    "office_head": 200,
    "provincial_head": 403,
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 404,
    "other_officer": 404,
    "other_provincial_head": 403,
}
# Statements and the daily report: accounting and leaders of the scope.
RECON = {
    "same_office_officer": 403,
    "same_office_clerk": 403,
    "office_head": 200,
    "provincial_head": 200,
    "ministry_leader": 200,
    "sysadmin": 403,
    "sibling_office_officer": 403,
    "other_officer": 403,
    "other_provincial_head": 404,
}
# Payment notice of a case: case staff of the office.
NOTICE = {
    "same_office_officer": 200,
    "same_office_clerk": 200,
    "office_head": 200,
    "provincial_head": 403,
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 404,
    "other_officer": 404,
    "other_provincial_head": 403,
}


@pytest.fixture
def objects(office, tmp_path, case, bank_account):
    return {
        "scan": make_scan(office, tmp_path),
        "statement": make_statement(office),
        "case": case,
    }


def _url(name, objects):
    return {
        "scan-detail": lambda: reverse("receipts:scan-detail", args=[objects["scan"].pk]),
        "statement-detail": lambda: reverse(
            "receipts:statement-detail", args=[objects["statement"].pk]
        ),
        "statement-export": lambda: reverse(
            "receipts:statement-export", args=[objects["statement"].pk, "csv"]
        ),
        "reconciliation-daily": lambda: (
            reverse("receipts:reconciliation-daily") + "?day=2026-10-05&office=T101-KV01"
        ),
        "reconciliation-export": lambda: (
            reverse("receipts:reconciliation-export", args=["csv"])
            + "?day=2026-10-05&office=T101-KV01"
        ),
        "payment-notice": lambda: reverse("receipts:payment-notice", args=[objects["case"].pk]),
    }[name]()


CASES = [
    ("scan-detail", SCAN),
    ("statement-detail", RECON),
    ("statement-export", RECON),
    ("reconciliation-daily", RECON),
    ("reconciliation-export", RECON),
    ("payment-notice", NOTICE),
]


@pytest.mark.parametrize("who", MATRIX_ACTORS)
@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_object_views_matrix(client, actor, objects, who, name, expected):
    client.force_login(actor(who))
    response = client.get(_url(name, objects))
    assert response.status_code == expected[who]
    if expected[who] != 200:
        body = response.content.decode(errors="replace")
        assert not any(secret in body for secret in SECRET)


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_anonymous_is_sent_to_login(client, objects, name, expected):
    response = client.get(_url(name, objects))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "dang-nhap" in response["Location"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("scan-list", SCAN | {"sibling_office_officer": 200, "other_officer": 200}),
        ("scan-upload", SCAN | {"sibling_office_officer": 200, "other_officer": 200}),
        ("statement-list", RECON | {"other_provincial_head": 200}),
        ("bank-accounts", RECON | {"other_provincial_head": 200}),
    ],
)
@pytest.mark.parametrize("who", MATRIX_ACTORS)
def test_list_pages_show_only_the_scope(client, actor, objects, who, name, expected):
    client.force_login(actor(who))
    response = client.get(reverse(f"receipts:{name}"))
    assert response.status_code == expected[who]
    user = actor(who)
    sees_office = (
        user.role in ("ministry_leader",)
        or (
            user.role == "provincial_head"
            and user.office.province_id == objects["case"].office.province_id
        )
        or user.office_id == objects["case"].office_id
    )
    if response.status_code == 200 and not sees_office:
        body = response.content.decode()
        assert "saoke-bi-mat" not in body and "slip-T101-KV01" not in body
        assert "1017394258" not in body


def test_statement_list_shows_own_statement(client, accountant, objects):
    client.force_login(accountant)
    assert "saoke-bi-mat.csv" in client.get(reverse("receipts:statement-list")).content.decode()


def _nothing_written(scan=None):
    assert not AuditEvent.objects.filter(action__startswith="receipts.").exists()
    assert ReceiptScanCorrection.objects.count() == 0
    assert CashCount.objects.count() == 0
    assert not BankStatementLine.objects.exclude(match="unmatched").exists()
    if scan is not None:
        scan.refresh_from_db()
        assert scan.status == ReceiptScan.Status.READY


@pytest.mark.parametrize(
    ("who", "status"), [("same_office_clerk", 403), ("other_officer", 404), ("sysadmin", 403)]
)
def test_denied_scan_confirm_changes_nothing(client, actor, objects, who, status):
    client.force_login(actor(who))
    response = client.post(
        reverse("receipts:scan-confirm", args=[objects["scan"].pk]), {"payer": "Kẻ Sửa"}
    )
    assert response.status_code == status
    _nothing_written(objects["scan"])


@pytest.mark.parametrize(
    ("who", "status"),
    [("same_office_officer", 403), ("provincial_head", 403), ("other_provincial_head", 403)],
)
def test_denied_statement_writes_change_nothing(client, actor, objects, who, status):
    client.force_login(actor(who))
    statement = objects["statement"]
    line = statement.lines.get()
    assert (
        client.post(reverse("receipts:statement-rematch", args=[statement.pk])).status_code
        == status
    )
    assert (
        client.post(
            reverse("receipts:statement-line-ignore", args=[line.pk]), {"reason": "phí"}
        ).status_code
        == status
    )
    assert (
        client.post(
            reverse("receipts:statement-line-assign", args=[line.pk]), {"case_number": "12/2026"}
        ).status_code
        == status
    )
    assert (
        client.post(
            reverse("receipts:cash-count"), {"day": "05/10/2026", "cash_in_vnd": "1"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("receipts:bank-accounts"),
            {"bank_bin": "970415", "bank_name": "X", "account_number": "999", "account_name": "Y"},
        ).status_code
        == 403
    )
    _nothing_written()
    assert OfficeBankAccount.objects.count() == 1


def test_accountant_of_another_office_gets_404_on_statement_writes(
    client, make_user, other_office, objects
):
    stranger = make_user("accountant", other_office)
    client.force_login(stranger)
    statement = objects["statement"]
    line = statement.lines.get()
    assert (
        client.post(reverse("receipts:statement-rematch", args=[statement.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("receipts:statement-line-ignore", args=[line.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("receipts:statement-line-assign", args=[line.pk]), {"case_number": "12/2026"}
        ).status_code
        == 404
    )
    _nothing_written()


def test_allowed_writes_are_audited(client, accountant, cashier, objects):
    statement = objects["statement"]
    line = statement.lines.get()
    client.force_login(accountant)
    response = client.post(
        reverse("receipts:statement-line-ignore", args=[line.pk]), {"reason": "phí ngân hàng"}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.match, line.match_rule) == ("ignored", "manual")
    client.force_login(cashier)
    response = client.post(
        reverse("receipts:cash-count"),
        {"day": "05/10/2026", "cash_in_vnd": "1.000.000", "note": ""},
    )
    assert response.status_code == 302
    assert CashCount.objects.get().cash_in_vnd == 1_000_000
    assert list(
        AuditEvent.objects.filter(action__startswith="receipts.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["receipts.statement_line_ignored", "receipts.cash_counted"]
