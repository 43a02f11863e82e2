"""Benchmark of the operations centre at national scale (issue 8): the national, a province's and
an office's dashboard on the large seed, and the refresh of the summary tables.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_large REDIS_URL=redis://…/8 \\
        .venv/bin/python bench/ioc_dashboard.py [--full-refresh] [--incremental 1000] \\
        [--repeat 20] [--province 79] [--office T79-KV01]

Runs on the database of ``DATABASE_URL`` as it is (seed it first: ``seed_demo --size large``;
it is read, except for ``--incremental``, which issues N receipts through the real
``receipts.services.receipt_issue`` in ten offices and then times ``manage.py ioc_refresh``).
``--full-refresh`` first times ``manage.py ioc_refresh --full``. Before each timed refresh the
bench waits until no other refresh holds the summaries' advisory lock (not counted).
Settings: ``thads.settings.test`` (the real settings; plain static files storage, so no
``collectstatic`` is needed; the cache is Redis when ``REDIS_URL`` is set).

Each dashboard is a page shell plus the sections it loads with htmx (``?part=…``, read from
the shell's ``hx-get`` links); a user waits for all of them, so the figure per scope is the
sum over one shell and its sections. Timed with Django's test client in this process (URL
resolution, middleware, view, templates; no network), logged in as a ministry leader, N
requests each: "cold" empties the cache (Redis) before every round, "warm" does not. SQL
queries are counted on one cold round. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.test")

_HX_GET = re.compile(r'hx-get="([^"]*part=[^"]*)"')


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(_p95(values), 1),
        "max_ms": round(max(values), 1),
    }


def _get(client: Any, url: str) -> tuple[float, Any]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response


def measure_scope(client: Any, url: str, repeat: int) -> dict[str, Any]:
    """Shell and sections of one dashboard: per URL and per page (sum), cold and warm."""
    import html

    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _ms, shell = _get(client, url)
    if shell.status_code != 200:
        return {"url": url, "status": shell.status_code}
    parts = sorted({html.unescape(u) for u in _HX_GET.findall(shell.content.decode())})
    urls = [url, *parts]
    # Queries and statuses of one cold round.
    cache.clear()
    queries, statuses = {}, {}
    for u in urls:
        with CaptureQueriesContext(connection) as captured:
            _ms, response = _get(client, u)
        queries[u], statuses[u] = len(captured), response.status_code
    result: dict[str, Any] = {"url": url, "sections": len(parts), "status": statuses}
    for mode in ("cold", "warm"):
        per_url: dict[str, list[float]] = {u: [] for u in urls}
        totals: list[float] = []
        for _ in range(repeat):
            if mode == "cold":
                cache.clear()
            total = 0.0
            for u in urls:
                ms, _response = _get(client, u)
                per_url[u].append(ms)
                total += ms
            totals.append(total)
        result[mode] = {
            "page_total": _stats(totals),
            "urls": {u: _stats(v) for u, v in per_url.items()},
        }
    result["queries"] = {"page_total": sum(queries.values()), "urls": queries}
    return result


def issue_receipts(n: int, tag: str) -> float:
    """Issue ``n`` receipts through the real service in ten offices; seconds taken."""
    from enforcement.selectors import case_list_for_user
    from receipts.models import Receipt
    from receipts.services import receipt_issue
    from thads.org.models import Office
    from thads.org.models import User
    from thads.permissions import Role

    offices = list(Office.objects.filter(level="regional").order_by("code")[::36][:10])
    started = time.perf_counter()
    made = 0
    for k, office in enumerate(offices):
        actor = User.objects.filter(office=office, role=Role.ACCOUNTANT).order_by("pk").first()
        cases = list(
            case_list_for_user(actor=actor)
            .filter(office=office, state__in=["has_conditions", "partially_executed"])
            .order_by("pk")[: n // len(offices) + 1]
        )
        for i in range(n // len(offices) + (1 if k < n % len(offices) else 0)):
            case = cases[i % len(cases)]
            receipt_issue(
                actor=actor,
                office=office,
                case=case,
                payer_name=case.debtor_name,
                purpose=Receipt.Purpose.ENFORCEMENT_MONEY,
                amount_vnd=1_000_000,
                method=Receipt.Method.CASH,
                over_due_reason="Đo hiệu năng",
                idempotency_key=f"bench-ioc-{tag}-{office.code}-{i}",
                sign=False,
            )
            made += 1
    if made != n:
        raise RuntimeError(f"{made} receipts issued, {n} asked")
    return time.perf_counter() - started


def _wait_for_other_refresh() -> float:
    """Wait until no other refresh holds the summaries' lock (a beat run, a colleague's
    command), so the time measured is the refresh's own; returns the seconds waited."""
    from django.db import connection

    from ioc_dashboard import summaries

    key = getattr(summaries, "_LOCK_KEY", None)
    if key is None:
        return 0.0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
        cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    return time.perf_counter() - started


def timed_refresh(*args: str) -> tuple[float, str]:
    """Seconds of ``manage.py ioc_refresh [args]`` (the summaries' refresh function while the
    command is not there yet) and the end of what it printed."""
    from django.core.management import call_command
    from django.core.management import get_commands

    out = io.StringIO()
    _wait_for_other_refresh()
    started = time.perf_counter()
    if "ioc_refresh" in get_commands():
        call_command("ioc_refresh", *args, stdout=out)
    else:
        from ioc_dashboard.summaries import figures_refresh

        out.write(repr(figures_refresh(full="--full" in args)))
    return time.perf_counter() - started, out.getvalue().strip()[-300:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--province", type=int, default=79)
    parser.add_argument("--office", default="T79-KV01")
    parser.add_argument("--full-refresh", action="store_true")
    parser.add_argument("--incremental", type=int, default=0, help="receipts to add, then refresh")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from thads.org.models import User
    from thads.permissions import Role

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    report: dict[str, Any] = {
        "database": settings.DATABASES["default"]["NAME"],
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM enforcement_case), (SELECT count(*) FROM "
            "receipts_receipt), pg_database_size(current_database())"
        )
        cases, receipts, size = cursor.fetchone()
    report["rows"] = {"cases": cases, "receipts": receipts, "db_bytes": size}
    if args.full_refresh:
        seconds, out = timed_refresh("--full")
        report["refresh_full_s"] = round(seconds, 1)
        report["refresh_full_out"] = out
    leader = User.objects.filter(role=Role.MINISTRY_LEADER, is_active=True).order_by("pk").first()
    client = Client()
    client.force_login(leader)
    report["leader"] = leader.username
    report["pages"] = {
        "nation": measure_scope(client, reverse("ioc_dashboard:nation"), args.repeat),
        "province": measure_scope(
            client, reverse("ioc_dashboard:province", args=[args.province]), args.repeat
        ),
        "office": measure_scope(
            client, reverse("ioc_dashboard:office", args=[args.office]), args.repeat
        ),
    }
    if args.incremental:
        # The pages first, in case the refresh is stopped.
        print(json.dumps({"pages": report["pages"]}, ensure_ascii=False), flush=True)
        report["incremental_receipts"] = args.incremental
        report["incremental_issue_s"] = round(
            issue_receipts(args.incremental, time.strftime("%H%M%S")), 1
        )
        seconds, out = timed_refresh()
        report["refresh_incremental_s"] = round(seconds, 2)
        report["refresh_incremental_out"] = out
    report["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
