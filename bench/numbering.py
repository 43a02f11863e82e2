"""Benchmark of gapless numbering on PostgreSQL (quality.md R1: the counter part of a receipt).

16 threads over 4 offices for 10 s by default; each transaction takes a number with
``thads.numbering.services.number_next`` (row lock on the counter) and inserts a small row
into a per-connection TEMP table, then commits. The committed numbers of each office are then
checked for gaps and duplicates (``number_check``) against the counter.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \
        .venv/bin/python bench/numbering.py --threads 16 --offices 4 --seconds 10

The database must be migrated. Creates (once) central-level offices ``BENCH-NUM-1`` … and a
fresh series per run, whose counters it deletes at the end unless ``--keep``. The last line
printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--offices", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the counters of this run")
    return parser.parse_args()


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def main() -> int:
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL=postgres://... is required (row locks are measured on PostgreSQL).")
        return 2

    import django

    django.setup()
    from django.db import connection
    from django.db import connections
    from django.db import transaction

    from thads.numbering.models import NumberSequence
    from thads.numbering.selectors import number_check
    from thads.numbering.services import number_next
    from thads.org.models import Office

    offices = []
    for n in range(1, args.offices + 1):
        office, _ = Office.objects.get_or_create(
            code=f"BENCH-NUM-{n}",
            defaults={"name": f"Đơn vị đo hiệu năng {n}", "level": Office.Level.CENTRAL},
        )
        offices.append(office.pk)
    series = f"BENCH-{uuid.uuid4().hex[:8]}"
    connection.close()

    issued: dict[int, list[int]] = defaultdict(list)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(args.threads)

    def client(index: int) -> None:
        office_id = offices[index % len(offices)]
        mine: list[int] = []
        times: list[float] = []
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "CREATE TEMP TABLE bench_document"
                    " (office_id bigint, number integer, payload text)"
                )
            start.wait(30)
            deadline = time.perf_counter() + args.seconds
            while (began := time.perf_counter()) < deadline:
                with transaction.atomic():
                    number = number_next(office=office_id, series=series, year=args.year)
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "INSERT INTO bench_document VALUES (%s, %s, %s)",
                            [office_id, number, "Biên lai thu tiền thi hành án"],
                        )
                times.append((time.perf_counter() - began) * 1000)
                mine.append(number)
        except Exception as error:
            errors.append(repr(error))
        finally:
            connections.close_all()
            with lock:
                issued[office_id].extend(mine)
                latencies.extend(times)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.threads)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began

    counters = dict(
        NumberSequence.objects.filter(series=series, year=args.year).values_list(
            "office_id", "last_number"
        )
    )
    gaps = duplicates = beyond = 0
    for office_id in offices:
        check = number_check(numbers=issued[office_id], last_number=counters.get(office_id, 0))
        gaps += len(check.gaps)
        duplicates += len(check.duplicates)
        beyond += len(check.beyond_counter)
    if not args.keep:
        NumberSequence.objects.filter(series=series).delete()

    total = sum(len(v) for v in issued.values())
    latencies.sort()
    result = {
        "bench": "numbering",
        "threads": args.threads,
        "offices": args.offices,
        "seconds": round(elapsed, 2),
        "numbers": total,
        "numbers_per_s": round(total / args.seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "mean_ms": round(statistics.fmean(latencies), 2) if latencies else 0.0,
        "gaps": gaps,
        "duplicates": duplicates,
        "beyond_counter": beyond,
        "errors": len(errors),
    }
    for error in errors[:5]:
        print("error:", error)
    print(json.dumps(result))
    return 0 if not (gaps or duplicates or beyond or errors) else 1


if __name__ == "__main__":
    sys.exit(main())
