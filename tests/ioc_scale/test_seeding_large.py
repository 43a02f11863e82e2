"""The set-based seeders of ``seed_demo --size large``, run at a tiny size (2 provinces): exact
counts, gapless receipt numbers, the SHA-256 chain ``receipts_check`` verifies, the ledger."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from citizen_reception.seeding_large import PER_CASES
from citizen_reception.seeding_large import seed_petitions_large
from decisions.seeding_large import office_plan
from decisions.seeding_large import seed_decisions_large
from decisions.seeding_large import seed_judgments_large
from enforcement.models import Case
from enforcement.seeding_large import seed_enforcement_large
from receipts.models import Receipt
from receipts.seeding_large import seed_receipts_large
from receipts.services import receipt_issue
from thads.org.models import Office
from thads.org.models import User
from thads.org.seed import seed_org
from thads.permissions import Role
from thads.seeding import SeedContext

pytestmark = pytest.mark.django_db

SEED = 7
JUDGMENTS = 375
PROVINCES = (1, 79)
ENDED = ("completed", "terminated", "request_returned", "entrusted_out", "closed")


def _one(sql: str, params: list | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def _ctx(size: str = "large") -> SeedContext:
    ctx = SeedContext(seed=SEED, size=size, out=lambda _s: None)  # type: ignore[arg-type]
    ctx.shared.update({"large.judgments": JUDGMENTS, "large.provinces": PROVINCES})
    return ctx


def _seed_all(ctx: SeedContext) -> tuple[int, int, int, int, int]:
    return (
        seed_judgments_large(ctx),
        seed_enforcement_large(ctx),
        seed_decisions_large(ctx),
        seed_receipts_large(ctx),
        seed_petitions_large(ctx),
    )


@pytest.fixture
def seeded() -> tuple[int, int, int, int, int]:
    seed_org(SeedContext(seed=SEED, size="small", out=lambda _s: None))
    return _seed_all(_ctx())


def test_counts_follow_the_plan_exactly(seeded):
    judgments, cases, decisions, receipts, petitions = seeded
    plan = office_plan(_ctx())
    # 2 provinces: Hà Nội (14 regional offices) and TP HCM (15), plus their two agencies.
    assert len(plan) == 31
    assert judgments == JUDGMENTS == sum(n for _o, n in plan)
    # One case per judgment, two for the judgments drawn (h % 3 == 0).
    assert cases == _one(
        "SELECT sum(1 + (abs(hashint8extended(id, %s)) %% 3 = 0)::int) FROM decisions_judgment "
        "WHERE extraction_mode = 'seed_large'",
        [SEED * 16 + 8],
    )
    assert _one("SELECT count(*) FROM enforcement_case") == cases
    assert _one("SELECT count(*) FROM enforcement_caseparty") == 2 * cases
    assert _one("SELECT count(*) FROM enforcement_caseobligation") == cases
    not_received = _one("SELECT count(*) FROM enforcement_case WHERE state <> 'received'")
    assert decisions == not_received
    assert _one("SELECT count(*) FROM enforcement_caseevent") == cases + not_received + _one(
        "SELECT count(*) FROM enforcement_case WHERE state NOT IN ('received', 'decision_issued')"
    )
    # Receipts: the instalments, the fee of completed cases, one voided in 200 cases.
    expected = _one(
        """
        SELECT sum(LEAST(2 + abs(hashint8extended(c.id, %(s)s)) %% 20, c.collected_vnd / 250000)
            + (c.kind = 'on_request' AND c.state IN ('completed', 'closed')
               AND c.collected_vnd >= 5000000)::int
            + (abs(hashint8extended(c.id, %(s)s + 1)) %% 200 = 0)::int)
        FROM enforcement_case c WHERE c.collected_vnd > 0
        """,
        {"s": SEED * 16 + 12},
    )
    assert receipts == expected == _one("SELECT count(*) FROM receipts_receipt")
    # Petitions: one per PER_CASES cases, drawn by hash.
    assert petitions == _one(
        "SELECT count(*) FROM enforcement_case WHERE abs(hashint8extended(id, %s)) %% %s = 0",
        [SEED * 16 + 14, PER_CASES],
    )
    assert petitions == _one("SELECT count(*) FROM citizen_reception_petition")
    # A second run adds nothing.
    assert _seed_all(_ctx()) == (0, 0, 0, 0, 0)
    # Other sizes leave the seeders idle.
    assert _seed_all(_ctx("medium")) == (0, 0, 0, 0, 0)


def test_receipts_are_gapless_chained_and_pass_receipts_check(seeded):
    assert (
        _one(
            """
        SELECT count(*) FROM (
            SELECT series_id FROM receipts_receipt GROUP BY series_id
            HAVING min(number) <> 1 OR max(number) <> count(*)
                OR count(DISTINCT number) <> count(*)) AS bad
        """
        )
        == 0
    )
    # The counter of each series holds its last number.
    assert (
        _one(
            """
        SELECT count(*) FROM receipts_receiptseries s
        JOIN numbering_numbersequence q ON q.office_id = s.office_id AND q.year = s.year
            AND q.series = 'BL:' || s.kind || ':' || s.symbol
        WHERE q.last_number <> (SELECT max(number) FROM receipts_receipt r
                                WHERE r.series_id = s.id)
        """
        )
        == 0
    )
    years = _one("SELECT count(DISTINCT year) FROM receipts_receipt")
    assert years >= 5
    offices = ("T01-KV01", "T79-KV03", "T79")
    for code in offices:
        for year in range(timezone.localdate().year - 4, timezone.localdate().year + 1):
            out = io.StringIO()
            call_command("receipts_check", office=code, year=year, stdout=out)
            report = json.loads(out.getvalue())
            assert report["ok"] is True
            assert all(s["chain_broken_at"] == [] for s in report["series"])
    voided = _one("SELECT count(*) FROM receipts_receipt WHERE status = 'voided'")
    assert voided == _one(
        "SELECT count(*) FROM enforcement_case WHERE collected_vnd > 0 "
        "AND abs(hashint8extended(id, %s)) %% 200 = 0",
        [SEED * 16 + 13],
    )
    assert _one("SELECT count(*) FROM receipts_receipt WHERE status = 'issued'") == 0


def test_ledger_balances_match_receipts_and_payments(seeded):
    # Collected on the case = valid enforcement-money receipts (on request) or court-fee ones.
    assert (
        _one(
            """
        SELECT count(*) FROM enforcement_case c
        LEFT JOIN (SELECT case_id, sum(amount_vnd) AS s FROM receipts_receipt
                   WHERE status <> 'voided' AND purpose IN ('enforcement_money', 'court_fee')
                   GROUP BY case_id) r ON r.case_id = c.id
        WHERE COALESCE(r.s, 0) <> c.collected_vnd
        """
        )
        == 0
    )
    assert _one("SELECT count(*) FROM enforcement_case WHERE collected_vnd > total_due_vnd") == 0
    assert (
        _one(
            """
        SELECT count(*) FROM receipts_creditorbalance b
        JOIN enforcement_case c ON c.id = b.case_id
        LEFT JOIN (SELECT case_id, sum(amount_vnd) AS s FROM receipts_payment
                   WHERE status = 'approved' GROUP BY case_id) p ON p.case_id = b.case_id
        WHERE b.collected_vnd <> c.collected_vnd OR b.paid_vnd <> COALESCE(p.s, 0)
            OR b.paid_vnd > b.collected_vnd
        """
        )
        == 0
    )
    assert _one("SELECT count(*) FROM receipts_creditorbalance") == _one(
        "SELECT count(*) FROM enforcement_case WHERE kind = 'on_request' AND collected_vnd > 0"
    )
    # Completed cases mostly paid out in full; a few keep money (the IOC's irregularity).
    kept = _one(
        "SELECT count(*) FROM receipts_creditorbalance b JOIN enforcement_case c "
        "ON c.id = b.case_id WHERE c.state IN ('completed', 'closed') AND b.paid_vnd = 0"
    )
    paid = _one(
        "SELECT count(*) FROM receipts_creditorbalance b JOIN enforcement_case c "
        "ON c.id = b.case_id WHERE c.state IN ('completed', 'closed') "
        "AND b.paid_vnd = b.collected_vnd"
    )
    assert paid > 10 * kept


def test_case_states_match_their_timeline_and_deadlines(seeded):
    ended = list(ENDED)
    assert (
        _one(
            "SELECT count(*) FROM enforcement_case "
            "WHERE (closed_at IS NOT NULL) <> (state = ANY(%s))",
            [ended],
        )
        == 0
    )
    assert (
        _one(
            "SELECT count(*) FROM enforcement_case c WHERE c.state <> (SELECT e.state_after FROM "
            "enforcement_caseevent e WHERE e.case_id = c.id ORDER BY e.at DESC, e.id DESC LIMIT 1)"
        )
        == 0
    )
    assert (
        _one(
            "SELECT count(*) FROM enforcement_deadline d "
            "JOIN enforcement_case c ON c.id = d.case_id "
            "WHERE c.state = ANY(%s)",
            [ended],
        )
        == 0
    )
    today = timezone.localdate()
    assert (
        _one(
            "SELECT count(*) FROM enforcement_deadline WHERE (status = 'overdue') <> (due_on < %s)",
            [today],
        )
        == 0
    )
    assert _one("SELECT count(*) FROM enforcement_deadline WHERE status = 'overdue'") > 0
    assert _one("SELECT count(*) FROM enforcement_deadline WHERE status = 'open'") > 0
    states = _one("SELECT count(DISTINCT state) FROM enforcement_case")
    assert states >= 14
    # Every case's decision is numbered without gaps per office and year.
    assert (
        _one(
            """
        SELECT count(*) FROM (SELECT office_id, year FROM decisions_decision
            GROUP BY office_id, year
            HAVING min(number) <> 1 OR max(number) <> count(*)) AS bad
        """
        )
        == 0
    )


def test_petitions_have_their_timeline_and_clocks(seeded):
    petitions = seeded[4]
    assert petitions > 20
    # Every petition has its "received" event; every ended one an event into its final state.
    assert (
        _one(
            "SELECT count(*) FROM citizen_reception_petition p WHERE NOT EXISTS (SELECT 1 FROM "
            "citizen_reception_petitionevent e "
            "WHERE e.petition_id = p.id AND e.to_state = 'received')"
        )
        == 0
    )
    assert (
        _one(
            "SELECT count(*) FROM citizen_reception_petition p WHERE p.state NOT IN "
            "('received', 'accepted') AND NOT EXISTS "
            "(SELECT 1 FROM citizen_reception_petitionevent "
            "e WHERE e.petition_id = p.id AND e.to_state = p.state)"
        )
        == 0
    )
    # Accepted complaints and denunciations run a resolution clock from the rule in force.
    assert _one(
        "SELECT count(*) FROM citizen_reception_petition WHERE kind IN ('complaint', "
        "'denunciation') AND accepted_on IS NOT NULL"
    ) == _one("SELECT count(*) FROM citizen_reception_petitiondeadline")
    assert (
        _one(
            "SELECT count(*) FROM citizen_reception_petitiondeadline d JOIN "
            "citizen_reception_petitionrule r ON r.id = d.rule_id WHERE r.code <> d.code "
            "OR r.valid_from > d.starts_on OR d.due_on <= d.starts_on"
        )
        == 0
    )
    # Met only when resolved; complaint levels only on complaints.
    assert (
        _one(
            "SELECT count(*) FROM citizen_reception_petitiondeadline d JOIN "
            "citizen_reception_petition p ON p.id = d.petition_id "
            "WHERE (d.met_at IS NOT NULL) <> (p.state IN ('resolved', 'closed'))"
        )
        == 0
    )


def test_seeded_receipts_continue_a_live_series_and_its_chain():
    seed_org(SeedContext(seed=SEED, size="small", out=lambda _s: None))
    ctx = _ctx()
    seed_judgments_large(ctx)
    seed_enforcement_large(ctx)
    office = Office.objects.get(code="T01-KV01")
    accountant = User.objects.filter(office=office, role=Role.ACCOUNTANT).order_by("pk").first()
    case_id = _one(
        "SELECT min(id) FROM enforcement_case WHERE office_id = %s AND kind = 'on_request'",
        [office.pk],
    )
    live = receipt_issue(
        actor=accountant,
        office=office,
        case=Case.objects.get(pk=case_id),
        payer_name="Nguyễn Văn Nộp",
        purpose=Receipt.Purpose.ENFORCEMENT_MONEY,
        amount_vnd=1_000_000,
        method=Receipt.Method.CASH,
        over_due_reason="Thử",
        idempotency_key="live-1",
        sign=False,
    )
    assert live.number == 1
    seed_receipts_large(ctx)
    year = live.year
    seeded_in_series = _one(
        "SELECT count(*) FROM receipts_receipt WHERE series_id = %s", [live.series_id]
    )
    assert seeded_in_series > 1
    assert (
        _one("SELECT max(number) FROM receipts_receipt WHERE series_id = %s", [live.series_id])
        == seeded_in_series
    )
    assert (
        _one(
            "SELECT prev_hash = %s FROM receipts_receipt WHERE series_id = %s AND number = 2",
            [live.hash, live.series_id],
        )
        is True
    )
    out = io.StringIO()
    call_command("receipts_check", office="T01-KV01", year=year, stdout=out)
    assert json.loads(out.getvalue())["ok"] is True
