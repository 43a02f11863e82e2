"""Benchmark of receipt issuing on PostgreSQL (quality.md R1, R2, P3).

``--clients`` connections (16) over ``--offices`` offices (4) issue receipts for ``--seconds``
(20) through ``receipts.services.receipt_issue``: number under the series counter's lock, hash
chain, creditor balance, audit event, one transaction each. The clients run as threads in
``--processes`` worker processes (4), so both cores work (one process would be bound by the
GIL). Signing runs after commit in workers; here it is measured apart, in one process
(``--sign`` receipts, default 100): signatures per second per core.

``--terminate N`` also kills N random client backends mid-run with ``pg_terminate_backend``
(quality.md R2): a killed transaction rolls back with its number, so the series stay gapless;
the client reconnects and goes on.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \
        .venv/bin/python bench/receipts_concurrency.py --clients 16 --seconds 20

The database must be migrated. Each run makes its own offices (``BRC<run>-<n>``) so its
series start at 1; it then checks every series of those offices (gaps, duplicates, hash chain:
what ``manage.py receipts_check`` prints) and prints JSON last.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

YEAR = 2026


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--offices", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--sign", type=int, default=100, help="receipts to sign afterwards")
    parser.add_argument("--terminate", type=int, default=0, help="backends to kill mid-run")
    return parser.parse_args()


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))]


def setup_offices(run: str, count: int) -> list[dict[str, int]]:
    """Offices, one accountant and one case with a large money obligation each."""
    from enforcement.models import Case
    from enforcement.models import CaseObligation
    from thads.org.models import Office
    from thads.org.models import User
    from thads.permissions import Role

    made = []
    for n in range(1, count + 1):
        office = Office.objects.create(
            code=f"BRC{run}-{n}",
            name=f"Đơn vị đo hiệu năng biên lai {run}-{n}",
            level=Office.Level.CENTRAL,
        )
        user = User.objects.create(
            username=f"brc-{run}-{n}", office=office, role=Role.ACCOUNTANT, is_active=True
        )
        case = Case.objects.create(
            office=office,
            year=YEAR,
            number=f"1/{YEAR}/BENCH",
            kind=Case.Kind.ON_REQUEST,
            debtor_name="Nguyễn Văn Bench",
            creditor_name="Lê Thị Bench",
            total_due_vnd=10**14,
        )
        CaseObligation.objects.create(
            case=case, kind="money", amount_vnd=10**14, creditor_name="Lê Thị Bench"
        )
        made.append({"office": office.pk, "user": user.pk, "case": case.pk})
    return made


def worker(
    offices: list[dict[str, int]],
    indexes: list[int],
    seconds: float,
    start_at: float,
    out: mp.Queue,
) -> None:
    import django

    django.setup()
    from django.db import connections

    from enforcement.models import Case
    from receipts.models import Receipt
    from receipts.services import receipt_issue
    from thads.org.models import User

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        spec = offices[index % len(offices)]
        user = User.objects.select_related("office").get(pk=spec["user"])
        case = Case.objects.get(pk=spec["case"])
        mine: list[float] = []
        mine_errors: list[str] = []
        time.sleep(max(0.0, start_at - time.time()))
        deadline = time.perf_counter() + seconds
        while (began := time.perf_counter()) < deadline:
            try:
                receipt_issue(
                    actor=user,
                    office=user.office,
                    case=case,
                    payer_name="Nguyễn Văn Bench",
                    payer_id_number="001090012345",
                    purpose=Receipt.Purpose.ENFORCEMENT_MONEY,
                    amount_vnd=random.randint(1, 500) * 10_000,
                    method=Receipt.Method.CASH,
                    idempotency_key=secrets.token_urlsafe(16),
                    sign=False,
                )
                mine.append((time.perf_counter() - began) * 1000)
            except Exception as error:  # a terminated backend: reconnect and go on
                mine_errors.append(type(error).__name__)
                connections.close_all()
        connections.close_all()
        with lock:
            latencies.extend(mine)
            errors.extend(mine_errors)

    threads = [threading.Thread(target=client, args=(i,)) for i in indexes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((latencies, errors))


def terminator(count: int, seconds: float, start_at: float) -> int:
    """Kill ``count`` client backends at random moments of the run (quality.md R2)."""
    from django.db import connection

    killed = 0
    time.sleep(max(0.0, start_at - time.time()) + 1)
    pause = max(0.05, (seconds - 2) / max(count, 1))
    for _ in range(count):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state IN ('active', 'idle in transaction') "
                "AND query NOT ILIKE '%%pg_stat_activity%%' ORDER BY random() LIMIT 1"
            )
            killed += sum(1 for (ok,) in cursor.fetchall() if ok)
        time.sleep(pause)
    connection.close()
    return killed


def sign_rate(receipt_ids: list[int]) -> dict[str, float]:
    """Sign ``receipt_ids`` one after another in this process; signatures per second."""
    import tempfile

    from django.conf import settings

    from receipts.services import receipt_sign
    from receipts.services.money import SIGN_TIMINGS

    tmp = tempfile.mkdtemp(prefix="thads-bench-receipts-")
    settings.MEDIA_ROOT = str(Path(tmp) / "media")
    settings.PDF_SIGNING_DIR = str(Path(tmp) / "signing")
    settings.PDF_SIGNING_KEY_PASSPHRASE = "bench-passphrase-0123456789abcdef"  # noqa: S105
    settings.PDF_SIGNING_BACKEND = "software"
    settings.PDF_SIGNING_CA_CERT = ""
    if receipt_ids:
        receipt_sign(receipt_id=receipt_ids[0])  # first signature issues the office key
    rest = receipt_ids[1:]
    began = time.perf_counter()
    for receipt_id in rest:
        receipt_sign(receipt_id=receipt_id)
    elapsed = time.perf_counter() - began
    n = max(SIGN_TIMINGS.count - 1, 1)
    return {
        "signed": len(rest),
        "signatures_per_s": round(len(rest) / elapsed, 1) if rest else 0.0,
        "render_ms": round(SIGN_TIMINGS.render * 1000 / n, 1),
        "sign_ms": round(SIGN_TIMINGS.sign * 1000 / n, 1),
    }


def main() -> int:
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL=postgres://... is required (row locks are measured on PostgreSQL).")
        return 2
    import django

    django.setup()
    from django.db import connection

    from receipts.models import Receipt
    from receipts.selectors import receipt_series_check

    run = secrets.token_hex(3)
    offices = setup_offices(run, args.offices)
    connection.close()

    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    start_at = time.time() + 6  # room for the workers to start and load Django
    chunks = [list(range(p, args.clients, args.processes)) for p in range(args.processes)]
    procs = [
        ctx.Process(target=worker, args=(offices, chunk, args.seconds, start_at, out))
        for chunk in chunks
        if chunk
    ]
    for proc in procs:
        proc.start()
    killed = terminator(args.terminate, args.seconds, start_at) if args.terminate else 0
    latencies: list[float] = []
    errors: list[str] = []
    for _ in procs:
        lat, err = out.get()
        latencies.extend(lat)
        errors.extend(err)
    for proc in procs:
        proc.join()

    office_ids = [o["office"] for o in offices]
    gaps = duplicates = broken = issued = 0
    series = []
    for office_id in office_ids:
        for check in receipt_series_check(office_id=office_id, year=YEAR):
            series.append(check.as_dict())
            issued += check.issued
            gaps += len(check.gaps) + len(check.beyond_counter)
            duplicates += len(check.duplicates)
            broken += len(check.chain_broken_at)
    latencies.sort()
    sample = list(
        Receipt.objects.filter(office_id=office_ids[0])
        .order_by("pk")
        .values_list("pk", flat=True)[: args.sign + 1]
    )
    signing = sign_rate(sample) if args.sign else {}
    result = {
        "bench": "receipts_concurrency",
        "clients": args.clients,
        "offices": args.offices,
        "processes": args.processes,
        "seconds": args.seconds,
        "terminated_backends": killed,
        "client_errors": len(errors),
        "stored": issued,
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "mean_ms": round(statistics.fmean(latencies), 2) if latencies else 0.0,
        "chain_breaks": broken,
        "offices_checked": [f"BRC{run}-{n}" for n in range(1, args.offices + 1)],
        "signing": signing,
        "receipts": len(latencies),
        "per_second": round(len(latencies) / args.seconds, 1),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "gaps": gaps,
        "duplicates": duplicates,
    }
    print(json.dumps({"series": series[:8]}, ensure_ascii=False))
    print(json.dumps(result, ensure_ascii=False))
    lost = issued != len(latencies) and not args.terminate
    return 0 if not (gaps or duplicates or broken or lost) else 1


if __name__ == "__main__":
    sys.exit(main())
