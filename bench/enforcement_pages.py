"""Benchmark of the enforcement pages: the officer's worklist and the case page (issue 5).

Targets on PostgreSQL: worklist <= 100 ms, case page <= 150 ms (server time, median of 20
requests), at most 20 SQL queries a page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \
        .venv/bin/python bench/enforcement_pages.py [--cases 20000] [--mine 500]

Creates a throwaway database on the server of ``DATABASE_URL`` (``bench_enforcement_<name>``,
dropped at the end: the real database is never written), migrates it, seeds one office with
``--cases`` cases of which ``--mine`` are assigned to the measured officer, through
``enforcement.seeding.seed_cases`` (every state, parties, an obligation, deadlines computed
from the legal rules, some overdue and some due soon), gives one open case of the officer a
full page (8 deadlines, 40 timeline events, tasks), runs ANALYZE, then times the pages
through Django's test client in this process (``Client.get``: URL resolution, middleware,
view, template, no network). The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.test")

TARGET_WORKLIST_MS = 100.0
TARGET_CASE_PAGE_MS = 150.0
MAX_QUERIES = 20
BATCH = 2000
RULE_CODES = (
    "T8_SERVE_DECISION",
    "T9_VOLUNTARY_PERIOD",
    "T10_START_VERIFICATION",
    "T12_REVERIFY",
    "T7_SEND_PROCURACY",
    "T6_OPEN_FILE",
    "T11A_PUBLISH_NO_CONDITIONS",
    "T19_RESULT_CERTIFICATE",
)
STATES = (
    "decision_issued",
    "notified",
    "voluntary_period",
    "verification",
    "has_conditions",
    "no_conditions",
    "coercion",
    "partially_executed",
    "postponed",
)


def seed_plain(office, officer, others, *, cases, mine, today, rules) -> None:
    """Bulk-insert cases when ``enforcement.seeding.seed_cases`` is missing: one running
    deadline each (from 20 days overdue to 60 days ahead), a third with a met one."""
    from django.utils import timezone

    from enforcement.models import Case
    from enforcement.models import CaseObligation
    from enforcement.models import CaseParty
    from enforcement.models import Deadline

    opened = timezone.now() - dt.timedelta(days=60)
    for start in range(0, cases, BATCH):
        rows = []
        for n in range(start, min(cases, start + BATCH)):
            if n < mine:
                assignee = officer
            elif n % 10 == 0:
                assignee = None
            else:
                assignee = others[n % len(others)]
            rows.append(
                Case(
                    office=office,
                    year=2026,
                    number=f"{n + 1}/2026/KV01",
                    kind="on_request" if n % 3 else "proactive",
                    state=STATES[n % len(STATES)],
                    assigned_officer=assignee,
                    debtor_name=f"Người phải thi hành án {n}",
                    debtor_id_number=f"0010{n:08d}",
                    creditor_name=f"Người được thi hành án {n}",
                    total_due_vnd=1_000_000 * (n % 500 + 1),
                    opened_at=opened,
                )
            )
        created = Case.objects.bulk_create(rows)
        deadlines, parties, obligations = [], [], []
        for case in created:
            n = case.pk
            trigger = today - dt.timedelta(days=30)
            deadlines.append(
                Deadline(
                    case=case,
                    rule=rules["T9_VOLUNTARY_PERIOD"],
                    rule_code="T9_VOLUNTARY_PERIOD",
                    title=rules["T9_VOLUNTARY_PERIOD"].title,
                    trigger_on=trigger,
                    due_on=today + dt.timedelta(days=(n * 7) % 80 - 20),
                    status="open",
                )
            )
            if n % 3 == 0:
                deadlines.append(
                    Deadline(
                        case=case,
                        rule=rules["T8_SERVE_DECISION"],
                        rule_code="T8_SERVE_DECISION",
                        title=rules["T8_SERVE_DECISION"].title,
                        trigger_on=trigger,
                        due_on=trigger + dt.timedelta(days=4),
                        status="met",
                    )
                )
            parties.append(CaseParty(case=case, role="debtor", name=case.debtor_name))
            parties.append(CaseParty(case=case, role="creditor", name=case.creditor_name))
            obligations.append(
                CaseObligation(case=case, kind="money", amount_vnd=case.total_due_vnd)
            )
        Deadline.objects.bulk_create(deadlines)
        CaseParty.objects.bulk_create(parties)
        CaseObligation.objects.bulk_create(obligations)


def seed(*, cases: int, mine: int, today: dt.date) -> tuple[object, int]:
    """Seed the office; return (the measured officer, the pk of the full case).

    The cases come from ``enforcement.seeding.seed_cases`` (H5a's deterministic bulk seeder:
    every state, deadlines computed from the legal rules) when it exists, else from
    :func:`seed_plain` below; the full case gets its extra deadlines, events and tasks here.
    """
    from django.utils import timezone

    from enforcement.models import ENDED_STATES
    from enforcement.models import Case
    from enforcement.models import CaseEvent
    from enforcement.models import CaseTask
    from enforcement.models import Deadline
    from enforcement.models import LegalRule
    from tests.factories.org import CentralOfficeFactory
    from tests.factories.org import ProvinceFactory
    from tests.factories.org import ProvincialOfficeFactory
    from tests.factories.org import RegionalOfficeFactory
    from tests.factories.org import UserFactory
    from thads.permissions import Role

    try:
        from enforcement.seeding import seed_cases
    except ImportError:
        seed_cases = None

    province = ProvinceFactory(code=101, name="Tỉnh Thử A", codename="tinh_a")
    agency = ProvincialOfficeFactory(province=province, parent=CentralOfficeFactory())
    office = RegionalOfficeFactory(parent=agency, number=1)
    others = [
        UserFactory(role=Role.ENFORCEMENT_OFFICER, office=office, full_name=f"Chấp hành viên {n}")
        for n in range(9)
    ]
    rule_day = today - dt.timedelta(days=30)
    rules = {code: LegalRule.objects.in_force(code, rule_day) for code in RULE_CODES}
    opened = timezone.now() - dt.timedelta(days=60)
    if seed_cases is not None:
        # The other officers' cases first (spread over the office's officers), then the
        # measured officer's own.
        seed_cases(office, None, cases - mine, seed=2)
        officer = UserFactory(
            role=Role.ENFORCEMENT_OFFICER, office=office, full_name="Chấp hành viên đo"
        )
        seed_cases(office, officer, mine, seed=1)
    else:
        officer = UserFactory(
            role=Role.ENFORCEMENT_OFFICER, office=office, full_name="Chấp hành viên đo"
        )
        seed_plain(office, officer, others, cases=cases, mine=mine, today=today, rules=rules)

    full = (
        Case.objects.filter(assigned_officer=officer)
        .exclude(state__in=ENDED_STATES)
        .order_by("pk")
        .first()
    )
    Deadline.objects.filter(case=full).delete()
    Deadline.objects.bulk_create(
        [
            Deadline(
                case=full,
                rule=rules[code],
                rule_code=code,
                title=rules[code].title,
                trigger_on=today - dt.timedelta(days=10 + i),
                due_on=today + dt.timedelta(days=i * 3),
                status="open" if i % 2 else "met",
                explanation={
                    "legal_basis": rules[code].article,
                    "start_event": "Sự kiện bắt đầu",
                    "rule": "Tính theo ngày làm việc",
                    "skipped": [{"date": "2026-02-16", "name": "Tết Nguyên Đán"}],
                },
                history=[{"on": "2026-02-01", "reason": "Hoãn thi hành án"}] if i == 1 else [],
                recomputed=i == 1,
            )
            for i, code in enumerate(RULE_CODES)
        ]
    )
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=full,
                actor=officer,
                kind="transition",
                title=f"Bước {i} của hồ sơ",
                at=opened + dt.timedelta(hours=i),
                state_before="notified",
                state_after="voluntary_period",
            )
            for i in range(40)
        ]
    )
    CaseTask.objects.bulk_create(
        [
            CaseTask(case=full, office=office, assignee=officer, title=f"Việc {i}", due_on=today)
            for i in range(5)
        ]
    )
    return officer, full.pk


def timed(client, url: str, repeat: int) -> tuple[float, float, int, int]:
    """Median wall and CPU milliseconds of ``repeat`` GETs after 3 warm-ups, the query count
    and the status. CPU time is this process's (Python: view, ORM, templates), without the
    database server's; on a busy machine it is the steadier figure."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Counted now: every later request resets the log (``request_started``).
    count = len(queries)
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), count, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--mine", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases
    from django.test.utils import teardown_databases
    from django.urls import reverse

    from thads.calendar.selectors import calendar_today

    # A database of its own, so that the bench never drops the test database of pytest.
    database = settings.DATABASES["default"]
    if "postgresql" in database["ENGINE"]:
        database.setdefault("TEST", {})["NAME"] = f"bench_enforcement_{database['NAME']}"
    # Not setup_test_environment(): it instruments every template render (a signal per
    # template), which would be measured as server time.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        today = calendar_today()
        started = time.perf_counter()
        officer, case_pk = seed(cases=args.cases, mine=args.mine, today=today)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seed_s = time.perf_counter() - started

        client = Client()
        client.force_login(officer)
        worklist_ms, worklist_cpu, worklist_q, worklist_status = timed(
            client, reverse("enforcement:worklist"), args.repeat
        )
        case_ms, case_cpu, case_q, case_status = timed(
            client, reverse("enforcement:case-detail", args=[case_pk]), args.repeat
        )
        page2_ms, _cpu, _q, _s = timed(
            client, reverse("enforcement:worklist") + "?page=2", args.repeat
        )
        if (worklist_status, case_status) != (200, 200):
            raise SystemExit(f"pages answered {worklist_status} and {case_status}, not 200")

        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"database: {connection.vendor}, seeded {args.cases} cases in {seed_s:.1f} s,"
            f" load average {load:.1f} on {os.cpu_count()} CPUs"
        )
        print(
            f"worklist ({args.mine} cases): median {worklist_ms:.1f} ms"
            f" (target {TARGET_WORKLIST_MS:.0f} ms; {worklist_cpu:.1f} ms CPU in Django),"
            f" {worklist_q} queries; page 2 {page2_ms:.1f} ms"
        )
        print(
            f"case page: median {case_ms:.1f} ms (target {TARGET_CASE_PAGE_MS:.0f} ms;"
            f" {case_cpu:.1f} ms CPU in Django), {case_q} queries (at most {MAX_QUERIES})"
        )
        print(
            json.dumps(
                {
                    "worklist_ms": round(worklist_ms, 1),
                    "case_page_ms": round(case_ms, 1),
                    "queries_worklist": worklist_q,
                    "queries_case_page": case_q,
                }
            )
        )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
