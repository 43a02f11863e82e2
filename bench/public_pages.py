"""Benchmark of the public lookup pages under gunicorn on PostgreSQL (issue 7 Performance,
quality.md P2 and P8): the petition tracking page ``/tra-cuu/don/<code>`` and the receipt
lookup page ``/tra-cuu/bien-lai/<token>``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \
    REDIS_URL=redis://127.0.0.1:6379/13 .venv/bin/python bench/public_pages.py \
        [--workers 4] [--seconds 30]

1. Makes a throwaway database on the server of ``DATABASE_URL`` (``bench_public_<name>``,
   dropped at the end), migrates it and seeds one office, 200 petitions (each with 8 public
   steps and two clocks) and 50 receipts.
2. Starts gunicorn (``--workers`` sync workers, production settings: ``thads.settings.base``
   with DEBUG off) on a free port. The rate limiters stay on: the requests come from a pool of
   20,000 client addresses through one trusted proxy hop (``X-Forwarded-For``,
   ``THADS_PROXY_COUNT=1``), as citizens do, so no address reaches its limit; each request also
   carries the proxy's ``X-Request-Start`` stamp (nginx: ``proxy_set_header X-Request-Start
   "t=${msec}"``), which a queue-time load shedder reads.
3. An open-loop load generator (threads and ``http.client``; no locust): requests are
   scheduled at a constant rate whatever the server does, and each latency is measured from
   the request's scheduled moment, so a slow server cannot slow the load down and hide its
   queue (no coordinated omission). The mix: 47 % known tracking codes, 5 % unknown codes,
   47 % receipt lookups. The CPU the gunicorn workers used per request is printed too (a
   figure that depends less on what else the machine runs than the latencies do).
4. 50 requests per second for ``--seconds`` (30); then steps up (``--step-seconds`` each) to
   find the highest rate the server sustains: at least 95 % of the offered rate answered, no
   5xx, no time-outs, p95 <= 150 ms and p99 <= 400 ms (quality.md P2); then one step at twice
   that rate, which must be answered 200/404/429/503 and never 500 (P8). When not even the
   first rate is sustained, "max" is a second run at that rate.

The workers run with ``THADS_SHED_QUEUE_MS=1000`` (``thads.middleware.LoadSheddingMiddleware``:
503 with ``Retry-After`` to a request that waited in the queue over 1 s), which is how P8's
"429/503, never 500" holds beyond capacity; ``THADS_SHED_QUEUE_MS=0`` turns it off, and an
overloaded server then answers late (time-outs), still never 500. ``--settings`` names another
settings module for the workers.

Prints the machine's load, each step, and as its last line
``{"at_50_rps": {"rps", "p50_ms", "p95_ms", "p99_ms", "errors_5xx"}, "max": {...}}``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

TARGET_P95_MS = 150.0
TARGET_P99_MS = 400.0
ISSUE_P95_MS = 50.0
ISSUE_P99_MS = 150.0
CLIENT_ADDRESSES = 20_000
PETITIONS = 200
RECEIPTS = 50
TIMEOUT_S = 10.0


# --- Load generator -----------------------------------------------------------------------------


@dataclass
class Step:
    """One constant-rate run: what was offered and what came back."""

    rate: float
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    timeouts: int = 0
    errors: int = 0
    elapsed: float = 0.0
    late_sends: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int | None, latency_ms: float, *, timeout: bool = False) -> None:
        with self.lock:
            if status is None:
                if timeout:
                    self.timeouts += 1
                else:
                    self.errors += 1
                return
            self.statuses[status] += 1
            self.latencies_ms.append(latency_ms)

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors_5xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def shed(self) -> int:
        return self.statuses.get(429, 0) + self.statuses.get(503, 0)

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    def summary(self) -> dict[str, float | int]:
        return {
            "rps": round(self.answered / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "errors_5xx": self.errors_5xx,
        }

    def sustained(self) -> bool:
        offered = round(self.rate * self.seconds)
        ok = self.answered - self.shed
        return (
            ok >= 0.95 * offered
            and self.errors_5xx == 0
            and self.timeouts == 0
            and self.errors == 0
            and self.percentile(95) <= TARGET_P95_MS
            and self.percentile(99) <= TARGET_P99_MS
        )

    def line(self) -> str:
        s = self.summary()
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"offered {self.rate:.0f} req/s for {self.seconds:.0f} s: answered {s['rps']} req/s,"
            f" p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms;"
            f" statuses {{{codes}}}, time-outs {self.timeouts}, connection errors {self.errors}"
        )


def _one_request(host: str, port: int, path: str, address: str, *, stamp: bool = True) -> int:
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_S)
    headers = {"X-Forwarded-For": address, "Accept-Language": "vi", "Connection": "close"}
    if stamp:
        headers["X-Request-Start"] = f"t={time.time() * 1000:.0f}"
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_step(
    base_url: str,
    paths: list[str],
    *,
    rate: float,
    seconds: float,
    threads: int,
    rng: random.Random,
) -> Step:
    """Offer ``rate`` requests per second for ``seconds``, open loop."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    step = Step(rate=rate, seconds=seconds)
    total = round(rate * seconds)
    plan = [
        (
            paths[rng.randrange(len(paths))],
            f"10.{rng.randrange(78)}.{rng.randrange(256)}.{n % 250 + 1}",
        )
        for n in range(total)
    ]

    def fire(scheduled: float, path: str, address: str) -> None:
        try:
            status = _one_request(host, port, path, address)
        except TimeoutError:
            step.record(None, 0.0, timeout=True)
            return
        except OSError:
            step.record(None, 0.0)
            return
        step.record(status, (time.perf_counter() - scheduled) * 1000)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        started = time.perf_counter() + 0.05
        for n, (path, address) in enumerate(plan):
            scheduled = started + n / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.01:
                step.late_sends += 1
            pool.submit(fire, scheduled, path, address)
        pool.shutdown(wait=True)
        step.elapsed = time.perf_counter() - started
    # Throughput over the offered window, not the tail of slow answers after it.
    step.elapsed = max(seconds, min(step.elapsed, seconds + TIMEOUT_S))
    return step


# --- Data and server ----------------------------------------------------------------------------


def seed() -> tuple[list[str], list[str]]:
    """Seed petitions and receipts; return (tracking codes, receipt lookup codes)."""
    import datetime as dt

    from django.utils import timezone

    from citizen_reception.models import Petition
    from citizen_reception.models import PetitionDeadline
    from citizen_reception.models import PetitionEvent
    from citizen_reception.models import PetitionRule
    from receipts.models import Receipt
    from receipts.services import receipt_issue
    from tests.factories.enforcement import CaseFactory
    from tests.factories.org import CentralOfficeFactory
    from tests.factories.org import ProvinceFactory
    from tests.factories.org import ProvincialOfficeFactory
    from tests.factories.org import RegionalOfficeFactory
    from tests.factories.org import UserFactory
    from thads.permissions import Role

    province = ProvinceFactory(code=101, name="Tỉnh Thử A", codename="tinh_a")
    agency = ProvincialOfficeFactory(province=province, parent=CentralOfficeFactory())
    office = RegionalOfficeFactory(parent=agency, number=1)
    officer = UserFactory(role=Role.RECEPTION_OFFICER, office=office, full_name="Cán bộ đo")
    accountant = UserFactory(role=Role.ACCOUNTANT, office=office, full_name="Kế toán đo")
    rule = PetitionRule.objects.order_by("pk").first()
    today = timezone.localdate()
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    codes = []
    texts = [
        "Đã tiếp nhận đơn",
        "Đã phân loại đơn",
        "Đã giao cán bộ xử lý",
        "Đã thụ lý đơn",
        "Đang xác minh nội dung đơn",
        "Đã tổ chức đối thoại",
        "Đang dự thảo quyết định giải quyết",
        "Đã trình thủ trưởng ký",
    ]
    for n in range(PETITIONS):
        code = "D" + "".join(secrets.choice(alphabet) for _ in range(10))
        petition = Petition.objects.create(
            code=code,
            kind=Petition.Kind.COMPLAINT,
            complaint_level=1,
            channel=Petition.Channel.ONLINE,
            state=Petition.State.ACCEPTED,
            received_office=agency,
            office=office,
            received_on=today - dt.timedelta(days=20),
            petitioner_name=f"Nguyễn Văn Đo {n}",
            petitioner_id_number=f"0010{n:08d}",
            petitioner_address="Số 1 đường Lê Lợi",
            subject="Khiếu nại quyết định cưỡng chế",
            content="Nội dung khiếu nại dùng để đo hiệu năng.",
            assigned_to=officer,
        )
        codes.append(code)
        PetitionEvent.objects.bulk_create(
            [
                PetitionEvent(
                    petition=petition,
                    action=f"step{i}",
                    actor=officer,
                    at=timezone.now() - dt.timedelta(days=20 - i),
                    public_text=text,
                    note="Ghi chú nội bộ không công khai",
                )
                for i, text in enumerate(texts)
            ]
        )
        if rule is not None:
            PetitionDeadline.objects.bulk_create(
                [
                    PetitionDeadline(
                        petition=petition,
                        rule=rule,
                        title="Thời hạn giải quyết khiếu nại",
                        starts_on=today - dt.timedelta(days=18),
                        due_on=today + dt.timedelta(days=10 + i),
                    )
                    for i in range(2)
                ]
            )
    case = CaseFactory(office=office, total_due_vnd=10_000_000_000)
    tokens = []
    for n in range(RECEIPTS):
        receipt = receipt_issue(
            actor=accountant,
            office=office,
            case=case,
            payer_name="Nguyễn Văn An",
            payer_id_number="001090012345",
            purpose=Receipt.Purpose.ENFORCEMENT_MONEY,
            amount_vnd=1_000_000 + n,
            method=Receipt.Method.CASH,
            idempotency_key=secrets.token_urlsafe(16),
            sign=False,
        )
        tokens.append(receipt.lookup_code)
    return codes, tokens


def server_cpu_seconds(master_pid: int) -> float:
    """CPU seconds (user + system) used so far by gunicorn's workers (Linux ``/proc``)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(
    database_url: str, *, workers: int, port: int, settings_module: str, log: Path
) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        "THADS_DEBUG": "false",
        "THADS_SECRET_KEY": secrets.token_urlsafe(50),
        "THADS_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "THADS_SECURE_SSL_REDIRECT": "false",
        "THADS_PROXY_COUNT": "1",
        # thads.middleware.LoadSheddingMiddleware: 503 + Retry-After past 1 s of queueing.
        "THADS_SHED_QUEUE_MS": os.environ.get("THADS_SHED_QUEUE_MS", "1000"),
        "THADS_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "THADS_TASKS_EAGER": "true",
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "thads.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--backlog",
        "2048",
        "--timeout",
        "30",
        "--log-level",
        "warning",
    ]
    with log.open("ab") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, start_new_session=True, stdout=sink, stderr=sink
        )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            status = _one_request("127.0.0.1", port, "/tra-cuu/don/", "10.0.0.1", stamp=False)
        except OSError:
            time.sleep(0.3)
            continue
        if status == 200:
            return process
        raise SystemExit(f"gunicorn answered {status} on /tra-cuu/don/")
    process.kill()
    raise SystemExit("gunicorn did not start in 30 s")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--step-seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=256)
    parser.add_argument("--max-rate", type=float, default=1000.0)
    parser.add_argument(
        "--settings",
        default="thads.settings.base",
        help="settings module of the gunicorn workers",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db import connections
    from django.test.utils import setup_databases
    from django.test.utils import teardown_databases

    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        # `make bench` runs every benchmark; without PostgreSQL this one has nothing to measure.
        print(
            "public_pages: skipped; set DATABASE_URL=postgres://... (the issue measures PostgreSQL)"
        )
        return
    if not os.environ.get("REDIS_URL"):
        print("warning: no REDIS_URL; the rate limiters count per gunicorn worker")
    bench_name = f"bench_public_{database['NAME']}"
    database.setdefault("TEST", {})["NAME"] = bench_name
    old_config = setup_databases(verbosity=0, interactive=False)
    process = None
    try:
        started = time.perf_counter()
        codes, tokens = seed()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seed_s = time.perf_counter() - started
        url = (
            f"postgres://{database['USER']}:{database.get('PASSWORD') or ''}@"
            f"{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}/{bench_name}"
        )
        connections.close_all()
        port = free_port()
        log = Path(tempfile.gettempdir()) / f"bench_public_pages_{port}.log"
        process = start_gunicorn(
            url, workers=args.workers, port=port, settings_module=args.settings, log=log
        )
        base = f"http://127.0.0.1:{port}"
        unknown = ["D" + secrets.token_hex(5).upper() for _ in range(50)]
        paths = (
            [f"/tra-cuu/don/{code}" for code in codes] * 9
            + [f"/tra-cuu/don/{code}" for code in unknown] * 4
            + [f"/tra-cuu/bien-lai/{token}" for token in tokens] * 36
        )
        rng = random.Random(7)
        load = os.getloadavg()
        print(
            f"seeded {PETITIONS} petitions and {RECEIPTS} receipts in {seed_s:.1f} s;"
            f" gunicorn {args.workers} sync workers ({args.settings}, log {log}); load average"
            f" {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs",
            flush=True,
        )
        run_step(base, paths, rate=20, seconds=3, threads=args.threads, rng=rng)  # warm-up
        # CPU per request, at a rate far below capacity so that every request is answered.
        cpu_before = server_cpu_seconds(process.pid)
        calm = run_step(base, paths, rate=10, seconds=6, threads=args.threads, rng=rng)
        cpu_ms = (server_cpu_seconds(process.pid) - cpu_before) * 1000 / max(calm.answered, 1)
        print(
            f"at 10 req/s: p50 {calm.percentile(50):.1f} ms; gunicorn workers used"
            f" {cpu_ms:.1f} ms of CPU per request (Django and templates; PostgreSQL's and"
            " Redis's own CPU not counted)",
            flush=True,
        )
        at_50 = run_step(
            base, paths, rate=args.rate, seconds=args.seconds, threads=args.threads, rng=rng
        )
        print(f"at {args.rate:.0f} req/s: {at_50.line()}", flush=True)
        verdict = (
            "meets"
            if at_50.percentile(95) <= ISSUE_P95_MS and at_50.percentile(99) <= ISSUE_P99_MS
            else "MISSES"
        )
        print(
            f"  {verdict} the issue's target (p95 <= {ISSUE_P95_MS:.0f} ms,"
            f" p99 <= {ISSUE_P99_MS:.0f} ms)",
            flush=True,
        )

        best = at_50 if at_50.sustained() else None
        rate = args.rate
        while rate < args.max_rate:
            rate = rate * 1.5 if rate < 200 else rate * 1.25
            step = run_step(
                base, paths, rate=rate, seconds=args.step_seconds, threads=args.threads, rng=rng
            )
            print(f"step: {step.line()}", flush=True)
            if not step.sustained():
                break
            best = step
            time.sleep(1)
        if best is None:
            best = at_50
        # The highest sustained rate, measured again for as long as the 50 req/s run.
        top = run_step(
            base, paths, rate=best.rate, seconds=args.seconds, threads=args.threads, rng=rng
        )
        print(f"highest sustained: {top.line()}", flush=True)
        time.sleep(2)
        over = run_step(
            base,
            paths,
            rate=best.rate * 2,
            seconds=args.step_seconds,
            threads=args.threads,
            rng=rng,
        )
        print(f"twice that (overload): {over.line()}", flush=True)
        print(
            "  overload answered 5xx other than 503: "
            f"{sum(n for s, n in over.statuses.items() if s >= 500 and s != 503)};"
            f" shed with 429/503: {over.shed}",
            flush=True,
        )
        load = os.getloadavg()
        print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
        print(json.dumps({"at_50_rps": at_50.summary(), "max": top.summary()}))
    finally:
        if process is not None:
            stop(process)
        connections.close_all()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
