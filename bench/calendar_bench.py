"""Benchmark of the working-day calendar (thads.calendar.workdays).

Target (issue): ``add_working_days`` for n up to 1,000 well under 1 ms amortised, with no
query per day. Creates a throwaway test database (migrations, a few overrides), then times:
cold load (package years + overrides), ``add_working_days`` / ``working_days_between`` /
``is_working_day`` / ``explain_working_days`` on random dates 2000-2090, and the reload after
an override change. With ``REDIS_URL`` set the version check goes to Redis (once a second).

    .venv/bin/python bench/calendar_bench.py [--calls 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench REDIS_URL=redis://127.0.0.1:6379/2 \
        .venv/bin/python bench/calendar_bench.py

The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.test")

TARGET_ADD_US = 1000.0  # 1 ms


def _per_call_us(fn, args_list) -> float:
    started = time.perf_counter()
    for args in args_list:
        fn(*args)
    return (time.perf_counter() - started) / len(args_list) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases
    from django.test.utils import setup_test_environment
    from django.test.utils import teardown_databases
    from django.test.utils import teardown_test_environment

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from django.test.utils import CaptureQueriesContext

        from thads.calendar import workdays
        from thads.calendar.models import CalendarOverride
        from thads.org.models import User

        admin = User.objects.create(username="bench-admin")
        for i, day in enumerate([date(2030, 3, 13), date(2031, 6, 6), date(2040, 1, 2)]):
            CalendarOverride.objects.create(
                date=day,
                kind=CalendarOverride.Kind.DAY_OFF,
                name=f"Nghỉ {i}",
                legal_basis="bench",
                created_by=admin,
            )

        rng = random.Random(args.seed)
        base = date(2000, 1, 1).toordinal()
        span = date(2090, 12, 31).toordinal() - base
        starts = [date.fromordinal(base + rng.randrange(span)) for _ in range(args.calls)]
        ns = [rng.randint(1, 1000) for _ in range(args.calls)]
        ends = [d + timedelta(days=rng.randint(-1500, 1500)) for d in starts]

        workdays.clear_calendar_cache()
        workdays._package_year.cache_clear()
        t0 = time.perf_counter()
        workdays.add_working_days(date(2000, 1, 1), 1)
        workdays.working_days_between(date(2000, 1, 1), date(2092, 12, 31))
        cold_ms = (time.perf_counter() - t0) * 1000

        with CaptureQueriesContext(connection) as queries:
            add_us = _per_call_us(workdays.add_working_days, list(zip(starts, ns, strict=True)))
            back_us = _per_call_us(
                workdays.add_working_days, [(d, -n) for d, n in zip(starts, ns, strict=True)]
            )
            between_us = _per_call_us(
                workdays.working_days_between, list(zip(starts, ends, strict=True))
            )
            is_wd_us = _per_call_us(workdays.is_working_day, [(d,) for d in starts])
        explain_us = _per_call_us(
            workdays.explain_working_days, list(zip(starts[:2000], ns[:2000], strict=True))
        )

        # A change published by another process: every process reloads overrides (one query)
        # and rebuilds the years it needs.
        workdays.bump_calendar_version()
        t0 = time.perf_counter()
        workdays.add_working_days(date(2026, 1, 5), 1000)
        reload_ms = (time.perf_counter() - t0) * 1000

        result = {
            "db": connection.vendor,
            "cache": "redis" if os.environ.get("REDIS_URL") else "locmem",
            "calls": args.calls,
            "cold_load_ms_2000_2092": round(cold_ms, 1),
            "add_working_days_us": round(add_us, 2),
            "add_working_days_backwards_us": round(back_us, 2),
            "working_days_between_us": round(between_us, 2),
            "is_working_day_us": round(is_wd_us, 2),
            "explain_working_days_us": round(explain_us, 1),
            "reload_after_change_ms": round(reload_ms, 2),
            "queries_during_hot_calls": len(queries),
            "target_add_us": TARGET_ADD_US,
            "target_ratio": round(TARGET_ADD_US / add_us, 1),
        }
        for key, value in result.items():
            print(f"{key:>32}: {value}")
        print(json.dumps(result))
    finally:
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
