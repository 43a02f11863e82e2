"""Benchmark of batch decision drafting, rendering, signing and storing (issue 4).

Drafts, renders, signs and stores ``--n`` decisions through the services the screens use:
``decision_batch_create`` (one drafting job, one item per decision; previews render on opening),
``decision_batch_approve``, ``decision_batch_sign`` (gapless numbers, final PDF with QR,
PAdES signature with the office key, public token). With ``REDIS_URL`` set, two real Celery
workers (``-Q pdf``, where both tasks are routed; concurrency 1 each) do the work; without it
the tasks run in-process. Target (issue 4): 200 decisions in at most 15 s with workers on 2 cores.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \
        REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/decision_batch.py --n 200

The database must be migrated. Each run makes its own regional office (so its number series
starts at 1), its judgments (``--n / 2`` judgments with 2 debtors owing a court fee each, i.e.
one proactive decision per debtor), a temporary keystore and MEDIA_ROOT. It then checks that
every decision is signed and that the numbers have no gap or duplicate (``number_check``).
Where the time goes (render, sign, store) is read from the job items' results, which the
workers record per item. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="decisions (even)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument(
        "--no-handover",
        action="store_true",
        help="measure without the decision_signed receivers (the enforcement app's case opening)",
    )
    return parser.parse_args()


#: A worker started through this script drops the ``decision_signed`` receivers first.
WORKER_WITHOUT_HANDOVER = (
    "import sys, django; django.setup(); "
    "from decisions.signals import decision_signed; decision_signed.receivers.clear(); "
    "decision_signed.sender_receivers_cache.clear(); "
    "from thads.celery import app; app.worker_main(sys.argv[1:])"
)


def start_workers(
    count: int, env: dict[str, str], log_dir: Path, *, handover: bool = True
) -> list[subprocess.Popen]:
    processes = []
    for index in range(count):
        name = f"bench-decisions-{index}-{os.getpid()}@{socket.gethostname()}"
        log = (log_dir / f"worker-{index}.log").open("wb")
        launcher = ["-m", "celery", "-A", "thads"] if handover else ["-c", WORKER_WITHOUT_HANDOVER]
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    *launcher,
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "-Q",
                    "pdf",
                    # keep the child (and its loaded signing key) for the whole run
                    "--max-tasks-per-child",
                    "100000",
                    "-n",
                    name,
                    "-l",
                    "warning",
                    "--without-mingle",
                    "--without-gossip",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    return processes


def wait(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


def main() -> int:
    args = parse_args()
    # a SIGTERM (timeout, Ctrl-C in a wrapper) still stops the workers in ``finally``
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    n = args.n + args.n % 2
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must point to a migrated PostgreSQL database.")
    work = Path(tempfile.mkdtemp(prefix="thads-bench-decisions-"))
    os.environ["THADS_PDF_SIGNING_DIR"] = str(work / "signing")
    os.environ["THADS_PDF_SIGNING_KEY_PASSPHRASE"] = "bench-passphrase-0123456789abcdef"  # noqa: S105
    os.environ["THADS_PDF_SIGNING_BACKEND"] = "software"
    os.environ["THADS_PDF_SIGNING_CA_CERT"] = ""
    os.environ["MEDIA_ROOT"] = str(work / "media")
    with_workers = bool(os.environ.get("REDIS_URL"))
    os.environ["THADS_TASKS_EAGER"] = "false" if with_workers else "true"

    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from decisions.models import Decision
    from decisions.models import Judgment
    from decisions.models import JudgmentCourtFee
    from decisions.models import JudgmentParty
    from decisions.services import SERIES
    from decisions.services import decision_batch_approve
    from decisions.services import decision_batch_create
    from decisions.services import decision_batch_sign
    from decisions.signals import decision_signed
    from thads.celery import app
    from thads.documents.models import JobItem
    from thads.numbering.selectors import number_check
    from thads.numbering.selectors import number_sequence_last
    from thads.org.models import Office
    from thads.org.models import Province
    from thads.org.models import User
    from thads.permissions import Role

    if args.no_handover:
        decision_signed.receivers.clear()
        decision_signed.sender_receivers_cache.clear()
    run = secrets.token_hex(3)
    province, _ = Province.objects.get_or_create(
        code=199,
        defaults={
            "codename": "bench_decisions",
            "name": "Tỉnh Đo Hiệu Năng",
            "division_type": "tỉnh",
        },
    )
    agency, _ = Office.objects.get_or_create(
        code="BENCH-T199",
        defaults={
            "name": "Thi hành án dân sự Tỉnh Đo Hiệu Năng",
            "level": "provincial",
            "province": province,
        },
    )
    office = Office.objects.create(
        code=f"BENCH-T199-{run}",
        name=f"Phòng Thi hành án dân sự khu vực {run} - Tỉnh Đo Hiệu Năng",
        level="regional",
        province=province,
        parent=agency,
    )
    officer = User.objects.create(
        username=f"bench-officer-{run}",
        full_name="Nguyễn Văn Thư Ký",
        office=office,
        role=Role.ENFORCEMENT_OFFICER,
    )
    head = User.objects.create(
        username=f"bench-head-{run}",
        full_name="Lê Văn Trưởng",
        office=office,
        role=Role.OFFICE_HEAD,
        job_title="Trưởng phòng",
    )
    judgment_ids = []
    for index in range(n // 2):
        judgment = Judgment.objects.create(
            office=office,
            source="upload",
            court="Tòa án nhân dân khu vực 1 - Tỉnh Đo Hiệu Năng",
            number=f"{index + 1}/2026/DS-ST",
            issued_on=timezone.localdate(),
            case_type="DS",
            status="confirmed",
            confirmed_at=timezone.now(),
        )
        for position in range(2):
            party = JudgmentParty.objects.create(
                judgment=judgment,
                position=position,
                role="defendant",
                name=f"Người Phải Thi Hành Án {index}-{position}",
                id_number=f"{1000000000 + index * 2 + position:012d}",
                address="Số 1 đường Đo, phường Hiệu Năng",
            )
            JudgmentCourtFee.objects.create(
                judgment=judgment,
                position=position,
                payer=party,
                payer_name=party.name,
                amount_vnd=300_000 + index,
                kind="Án phí dân sự sơ thẩm",
            )
        judgment_ids.append(judgment.pk)
    connection.close()

    workers: list[subprocess.Popen] = []
    if with_workers:
        app.control.purge()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        workers = start_workers(args.workers, env, work, handover=not args.no_handover)
        wait(lambda: len(app.control.ping(timeout=0.5)) >= args.workers, 60, "the workers to start")
    load_before = os.getloadavg()
    try:
        started = time.perf_counter()
        batch = decision_batch_create(actor=officer, judgment_ids=judgment_ids)
        decisions = Decision.objects.filter(batch=batch)
        wait(lambda: decisions.count() == n, args.timeout, "the drafts")
        drafted = time.perf_counter()
        _approved, blocked = decision_batch_approve(actor=head, batch=batch)
        if blocked:
            raise SystemExit(f"drafts blocked by required fields: {blocked}")
        sign_started = time.perf_counter()
        job = decision_batch_sign(actor=head, batch=batch)
        wait(lambda: decisions.filter(status="signed").count() == n, args.timeout, "the signatures")
        ended = time.perf_counter()
    finally:
        if with_workers:
            app.control.purge()  # downstream tasks (enforcement) queued on "default"
        for process in workers:
            process.terminate()
        for process in workers:
            process.wait(timeout=30)
    load_after = os.getloadavg()

    year = timezone.localdate().year
    numbers = list(decisions.values_list("number", flat=True))
    check = number_check(
        numbers=numbers,
        last_number=number_sequence_last(office=office, series=SERIES, year=year),
    )
    unsigned = decisions.exclude(status="signed").count()

    def phase(job_id: int, key: str) -> float:
        values = [
            r[key]
            for r in JobItem.objects.filter(job_id=job_id).values_list("result", flat=True)
            if key in r
        ]
        return round(sum(values) / 1000, 2)

    seconds = ended - started
    mode = f"{args.workers} workers" if with_workers else "in-process"
    mode += ", without the decision_signed receivers" if args.no_handover else ""
    print(f"decisions: {n}, {mode}")
    print(
        f"draft (previews render when opened): {drafted - started:.2f} s; "
        f"approve: {sign_started - drafted:.2f} s; "
        f"number + render + sign + store: {ended - sign_started:.2f} s"
    )
    print(
        "time inside tasks (summed over workers, s): "
        f"draft render {phase(batch.draft_job_id, 'render_ms')}, "
        f"draft store {phase(batch.draft_job_id, 'store_ms')}, "
        f"final render {phase(job.pk, 'render_ms')}, sign {phase(job.pk, 'sign_ms')}, "
        f"store+token+commit {phase(job.pk, 'store_ms')}"
    )
    sign_ms = [
        r["sign_ms"] for r in JobItem.objects.filter(job=job).values_list("result", flat=True)
    ]
    print(f"signature median {statistics.median(sign_ms):.1f} ms")
    print(f"load average before {load_before}, after {load_after}; cpus {os.cpu_count()}")
    print(
        f"numbers: {check.count} issued, highest {check.highest}, gaps {list(check.gaps)}, "
        f"duplicates {list(check.duplicates)}; unsigned {unsigned}"
    )
    ok = check.ok and check.count == n and unsigned == 0
    print(
        json.dumps(
            {
                "decisions": n,
                "seconds": round(seconds, 2),
                "per_decision_ms": round(seconds * 1000 / n, 1),
                "ok": ok,
                "load_after": [round(v, 2) for v in load_after],
            }
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
