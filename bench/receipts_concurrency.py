"""Benchmark of receipt issuing on PostgreSQL (quality.md R1, R2, P3).

``--clients`` connections (16) over ``--offices`` offices (4) issue receipts for ``--seconds``
(20) through ``receipts.services.receipt_issue``: number under the series counter's lock, hash
chain, creditor balance, audit event, one transaction each. The clients run in
``--processes`` worker processes (default: one per client, as 16 web workers would; fewer
processes run the clients as threads and the GIL then stretches the time each transaction holds
its series lock). Signing runs after commit in workers; here it is measured apart, in one process
(``--sign`` receipts, default 100): signatures per second per core, with and without the PDF
rendering (the office key is loaded once per process).

``--cpu N`` first issues N receipts from one client alone and reports the statements per
receipt and the CPU per receipt of the client (``time.process_time``) and of its PostgreSQL
backend (``/proc``; only when the server runs on this machine).

Faults (quality.md R2), each counted in the JSON:

- ``--terminate N`` kills N random client backends mid-run with ``pg_terminate_backend``: a
  killed transaction rolls back with its number; the client reconnects and goes on.
- ``--kill-workers N`` kills N worker processes with ``SIGKILL`` at random moments (as a
  gunicorn worker killed with ``kill -9``; each holds its clients' connections, often inside a
  transaction) and starts a replacement for the rest of the run, as gunicorn's master does.
- ``--pg-restart`` stops PostgreSQL once mid-run with ``pg_ctlcluster … stop -m immediate``
  (a crash: no checkpoint, recovery from the WAL) and starts it again at once, in a
  ``finally``. It stops the WHOLE cluster, every database of every user of this machine: run
  it only on a machine of your own, or when nobody else's tests run.

Every attempt is written to a per-process log before it starts and when it ends (``os.write``,
so a killed process loses nothing it wrote). Afterwards every receipt a client was told about
must be in the database (nothing acknowledged is lost), every receipt in the database must
come from an attempt that either succeeded or had no answer (its worker was killed, or the
answer was lost with the connection), and every series must be gapless, without duplicates,
with an unbroken hash chain (what ``manage.py receipts_check`` prints).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \
        .venv/bin/python bench/receipts_concurrency.py --clients 16 --seconds 20

The database must be migrated. Each run makes its own offices (``BRC<run>-<n>``) so its
series start at 1. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

YEAR = 2026
#: Pause of a client after an error (a terminated backend, PostgreSQL down) before it retries.
ERROR_PAUSE_S = 0.05


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--offices", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--processes", type=int, default=0, help="default: one per client")
    parser.add_argument("--sign", type=int, default=100, help="receipts to sign afterwards")
    parser.add_argument("--cpu", type=int, default=0, help="receipts issued alone first")
    parser.add_argument("--terminate", type=int, default=0, help="backends to kill mid-run")
    parser.add_argument(
        "--kill-workers", type=int, default=0, help="worker processes to kill -9 mid-run"
    )
    parser.add_argument(
        "--pg-restart",
        action="store_true",
        help="stop PostgreSQL -m immediate once mid-run (the whole cluster!) and start it",
    )
    parser.add_argument("--pg-cluster", default="", help="VERSION/NAME for pg_ctlcluster")
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
    start: Any,
    ready: Any,
    log_path: str,
) -> None:
    """Run the clients ``indexes`` as threads from ``start`` (a shared wall-clock time the
    parent sets once every first worker said ``ready``) for ``seconds``.

    Each attempt appends ``try KEY`` before and ``ok KEY MS`` or ``err KEY NAME`` after to
    ``log_path`` with one ``os.write`` each, which a SIGKILL cannot half-undo.
    """
    import django

    django.setup()
    from django.db import connections

    from enforcement.models import Case
    from receipts.models import Receipt
    from receipts.services import receipt_issue
    from thads.org.models import User

    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def note(line: str) -> None:
        os.write(log, (line + "\n").encode())

    def client(index: int, loaded: threading.Barrier) -> None:
        spec = offices[index % len(offices)]
        while True:  # PostgreSQL may be down when a replacement worker starts
            try:
                user = User.objects.select_related("office").get(pk=spec["user"])
                case = Case.objects.get(pk=spec["case"])
                break
            except Exception:
                connections.close_all()
                time.sleep(ERROR_PAUSE_S)
        loaded.wait()
        while not start.value:
            time.sleep(0.01)
        deadline_at = start.value + seconds
        time.sleep(max(0.0, start.value - time.time()))
        while time.time() < deadline_at:
            key = secrets.token_urlsafe(16)
            note(f"try {key}")
            began = time.perf_counter()
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
                    idempotency_key=key,
                    sign=False,
                )
            except Exception as error:
                note(f"err {key} {type(error).__name__}")
                connections.close_all()
                time.sleep(ERROR_PAUSE_S)
            else:
                note(f"ok {key} {(time.perf_counter() - began) * 1000:.3f}")
        connections.close_all()

    loaded = threading.Barrier(len(indexes) + 1)
    threads = [threading.Thread(target=client, args=(i, loaded)) for i in indexes]
    for thread in threads:
        thread.start()
    loaded.wait()
    ready.put(os.getpid())
    for thread in threads:
        thread.join()
    os.close(log)


def terminator(count: int, seconds: float, start_at: float, killed: list[int]) -> None:
    """Kill ``count`` client backends at random moments of the run (quality.md R2); appends
    to ``killed`` as it goes. A try while PostgreSQL is down (``--pg-restart``) kills none."""
    from django.db import connection

    time.sleep(max(0.0, start_at - time.time()) + 1)
    pause = max(0.05, (seconds - 2) / max(count, 1))
    for _ in range(count):
        until = time.time() + pause
        while time.time() < until:
            # Only a backend that has written in its open transaction (it holds an xid: the
            # counter is taken, the receipt maybe inserted) is killed: mid-transaction.
            try:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        "AND backend_xid IS NOT NULL ORDER BY random() LIMIT 1"
                    )
                    done = sum(1 for (ok,) in cursor.fetchall() if ok)
            except Exception:
                connection.close()
                done = 0
            if done:
                killed.append(done)
                break
            time.sleep(0.005)
        time.sleep(max(0.0, until - time.time()))
    connection.close()


def pg_cluster(arg: str) -> tuple[str, str]:
    """The cluster to stop: ``VERSION/NAME``, by default the newest version's ``main``.

    Refused unless that cluster listens on the benchmark database's port: the restart must hit
    the server being measured, never another one of this machine.
    """
    from django.conf import settings

    if arg:
        version, name = arg.split("/", 1)
    else:
        versions = [p.name for p in Path("/etc/postgresql").iterdir()]
        version, name = max(versions, key=lambda v: [int(p) for p in v.split(".")]), "main"
    listed = subprocess.run(
        ["pg_lsclusters", "-h", version, name], capture_output=True, text=True, check=False
    ).stdout.split()
    port = str(settings.DATABASES["default"].get("PORT") or 5432)
    if len(listed) < 3 or listed[2] != port:
        raise SystemExit(f"--pg-restart: cluster {version}/{name} does not serve port {port}")
    return version, name


def pg_restart(cluster: tuple[str, str], at: float) -> dict[str, float]:
    """Stop the cluster ``-m immediate`` at ``at`` and start it again at once (quality.md R2).

    The start runs in ``finally``: PostgreSQL is never left down by this benchmark.
    """
    ctl = ["pg_ctlcluster", "--skip-systemctl-redirect"]
    time.sleep(max(0.0, at - time.time()))
    began = time.time()
    try:
        subprocess.run([*ctl, "-m", "immediate", *cluster, "stop"], check=False, timeout=60)
    finally:
        subprocess.run([*ctl, *cluster, "start"], check=True, timeout=120)
    up = time.time()
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    for _ in range(600):
        ready = subprocess.run(["pg_isready", "-q", *where], check=False)
        if ready.returncode == 0:
            break
        time.sleep(0.1)
    return {"down_s": round(time.time() - began, 2), "start_s": round(up - began, 2)}


def cpu_profile(office: dict[str, int], count: int) -> dict[str, float]:
    """Issue ``count`` receipts from one client alone: statements and CPU per receipt."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from enforcement.models import Case
    from receipts.models import Receipt
    from receipts.services import receipt_issue
    from thads.org.models import User

    user = User.objects.select_related("office").get(pk=office["user"])
    case = Case.objects.get(pk=office["case"])

    def one() -> None:
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

    def backend_cpu() -> float | None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the server runs elsewhere
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    for _ in range(10):  # the series, the counter and the audit head exist after these
        one()
    with CaptureQueriesContext(connection) as captured:
        one()
    pg_before, began = backend_cpu(), time.process_time()
    for _ in range(count):
        one()
    client_s, pg_after = time.process_time() - began, backend_cpu()
    return {
        "receipts": count,
        "statements_per_receipt": len(captured.captured_queries),
        "client_cpu_ms_per_receipt": round(client_s * 1000 / count, 3),
        "pg_backend_cpu_ms_per_receipt": (
            round((pg_after - pg_before) * 1000 / count, 3)
            if pg_before is not None and pg_after is not None
            else None
        ),
    }


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
    began, cpu_began = time.perf_counter(), time.process_time()
    for receipt_id in rest:
        receipt_sign(receipt_id=receipt_id)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    n = max(SIGN_TIMINGS.count - 1, 1)
    render_ms = SIGN_TIMINGS.render * 1000 / n
    sign_ms = SIGN_TIMINGS.sign * 1000 / n
    result = {
        "signed": len(rest),
        # The whole task: render, sign, store the file, register the token, audit, one process.
        "signatures_per_s": round(len(rest) / elapsed, 1) if rest else 0.0,
        "render_ms": round(render_ms, 1),
        "sign_ms": round(sign_ms, 1),
        "store_ms": round(SIGN_TIMINGS.store * 1000 / n, 1),
        "task_cpu_ms": round(cpu * 1000 / len(rest), 1) if rest else 0.0,
    }
    if rest:
        result.update(sign_cpu(receipt_ids[0], len(rest)))
    return result


def sign_cpu(receipt_id: int, count: int) -> dict[str, float]:
    """CPU per signature alone (one rendered PDF signed ``count`` times, the key loaded once
    per process) and per rendering, measured with ``time.process_time`` so that other load on
    the machine does not count: per-core rates."""
    from receipts.models import Receipt
    from receipts.services.money import _render
    from receipts.services.pdf import SIGNATURE_BOX
    from thads.documents.signing import sign_pdf

    receipt = Receipt.objects.select_related(
        "series", "office", "office__parent", "office__province", "case", "collector"
    ).get(pk=receipt_id)
    began = time.process_time()
    for _ in range(count):
        unsigned = _render(receipt)
    render_cpu = (time.process_time() - began) / count
    began = time.process_time()
    for _ in range(count):
        sign_pdf(
            pdf_bytes=unsigned,
            office_code=receipt.office.code,
            office_name=receipt.office.name,
            reason="Bench",
            location="",
            signer_name=receipt.office.name,
            box=SIGNATURE_BOX,
            page_index=0,
        )
    sign_cpu_s = (time.process_time() - began) / count
    return {
        "render_cpu_ms": round(render_cpu * 1000, 1),
        "sign_cpu_ms": round(sign_cpu_s * 1000, 1),
        "sign_only_per_s_per_core": round(1 / sign_cpu_s, 1),
        "render_and_sign_per_s_per_core": round(1 / (render_cpu + sign_cpu_s), 1),
    }


def read_logs(paths: list[str]) -> tuple[list[float], dict[str, str], set[str], int]:
    """Latencies of the acknowledged issues, the outcome of every key, errors by name."""
    latencies: list[float] = []
    outcome: dict[str, str] = {}
    attempted: set[str] = set()
    for path in paths:
        for line in Path(path).read_text().splitlines():
            parts = line.split()
            if len(parts) < 2:  # pragma: no cover - a line cut by the kill (not seen: one write)
                continue
            kind, key = parts[0], parts[1]
            if kind == "try":
                attempted.add(key)
            elif kind == "ok":
                outcome[key] = "ok"
                latencies.append(float(parts[2]))
            else:
                outcome[key] = parts[2] if len(parts) > 2 else "error"
    unanswered = len(attempted - outcome.keys())
    return latencies, outcome, attempted, unanswered


def main() -> int:
    args = parse_args()
    if args.processes <= 0:
        args.processes = args.clients
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL=postgres://... is required (row locks are measured on PostgreSQL).")
        return 2
    import django

    django.setup()
    from django.db import connection

    from receipts.models import Receipt
    from receipts.selectors import receipt_series_check

    cluster = pg_cluster(args.pg_cluster) if args.pg_restart else None
    run = secrets.token_hex(3)
    offices = setup_offices(run, args.offices)
    # The single-client profile runs in an office of its own, outside the checks below.
    cpu = cpu_profile(setup_offices(run + "c", 1)[0], args.cpu) if args.cpu else {}
    connection.close()

    ctx = mp.get_context("spawn")
    logs_dir = tempfile.mkdtemp(prefix="thads-bench-receipts-logs-")
    start = ctx.Value("d", 0.0)
    ready: mp.Queue = ctx.Queue()
    chunks = [list(range(p, args.clients, args.processes)) for p in range(args.processes)]
    chunks = [chunk for chunk in chunks if chunk]
    log_paths: list[str] = []

    def spawn(chunk: list[int]) -> mp.process.BaseProcess:
        path = str(Path(logs_dir) / f"worker-{len(log_paths)}.log")
        Path(path).touch()  # a worker killed before it wrote anything leaves an empty log
        log_paths.append(path)
        proc = ctx.Process(target=worker, args=(offices, chunk, args.seconds, start, ready, path))
        proc.start()
        return proc

    procs = {i: spawn(chunk) for i, chunk in enumerate(chunks)}
    for _ in procs:  # every worker has loaded Django and its clients' rows
        ready.get(timeout=300)
    start_at = time.time() + 0.5
    start.value = start_at
    finished: list[mp.process.BaseProcess] = []
    faults: list[threading.Thread] = []
    killed_backends: list[int] = []
    restart: dict[str, float] = {}
    if args.terminate:
        faults.append(
            threading.Thread(
                target=terminator, args=(args.terminate, args.seconds, start_at, killed_backends)
            )
        )
    if cluster is not None:
        at = start_at + args.seconds * 0.4
        faults.append(threading.Thread(target=lambda: restart.update(pg_restart(cluster, at))))
    for thread in faults:
        thread.start()
    killed_workers = 0
    if args.kill_workers:
        # kill -9 at random moments between 15 % and 75 % of the run; a replacement worker
        # takes over the same clients for the rest of it (gunicorn's master restarts workers).
        moments = sorted(
            start_at + args.seconds * random.uniform(0.15, 0.75) for _ in range(args.kill_workers)
        )
        for moment in moments:
            time.sleep(max(0.0, moment - time.time()))
            index = random.choice(list(procs))
            victim = procs[index]
            if victim.pid is not None and victim.is_alive():
                os.kill(victim.pid, signal.SIGKILL)
                killed_workers += 1
            victim.join()
            finished.append(victim)
            procs[index] = spawn(chunks[index])
    for proc in procs.values():
        proc.join()
    for thread in faults:
        thread.join()

    latencies, outcome, attempted, unanswered = read_logs(log_paths)
    shutil.rmtree(logs_dir, ignore_errors=True)
    latencies.sort()
    errors: dict[str, int] = {}
    for result in outcome.values():
        if result != "ok":
            errors[result] = errors.get(result, 0) + 1
    acknowledged = {key for key, result in outcome.items() if result == "ok"}

    office_ids = [o["office"] for o in offices]
    stored_keys = set(
        Receipt.objects.filter(office_id__in=office_ids).values_list("idempotency_key", flat=True)
    )
    gaps = duplicates = broken = issued = 0
    series = []
    for office_id in office_ids:
        for check in receipt_series_check(office_id=office_id, year=YEAR):
            series.append(check.as_dict())
            issued += check.issued
            gaps += len(check.gaps) + len(check.beyond_counter)
            duplicates += len(check.duplicates)
            broken += len(check.chain_broken_at)
    lost = len(acknowledged - stored_keys)  # told "issued" but not in the database
    unexplained = len(stored_keys - attempted)  # in the database, from no attempt of ours
    committed_unanswered = len((stored_keys - acknowledged) & attempted)
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
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "cpu_profile": cpu,
        "faults": {
            "terminated_backends": sum(killed_backends),
            "killed_workers": killed_workers,
            "pg_restart": restart,
        },
        "attempts": len(attempted),
        "client_errors": errors,
        "unanswered": unanswered,
        "committed_unanswered": committed_unanswered,
        "acknowledged_lost": lost,
        "stored_unexplained": unexplained,
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
    return 0 if not (gaps or duplicates or broken or lost or unexplained) else 1


if __name__ == "__main__":
    sys.exit(main())
