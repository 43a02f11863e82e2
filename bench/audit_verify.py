"""Benchmark of ``audit_verify``: check N chained audit events on PostgreSQL (quality.md S7).

Target: 1,000,000 events checked in at most 60 s on 2 cores.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \
        .venv/bin/python bench/audit_verify.py --rows 1000000

Writes valid chains (``--chains`` offices' worth, names ``bench<run>-NNN``) with COPY, runs
VACUUM ANALYZE so the table is in its everyday state, times ``audit_chain_verify`` on those
chains, then removes them (triggers switched off for that: needs the table owner) unless
``--keep``. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

ACTIONS = (
    "receipt.issued",
    "case.step_completed",
    "decision.signed",
    "auth.login",
    "user.assigned",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--chains", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the generated events")
    return parser.parse_args()


def generate(chains: list[str], rows: int):
    """Yield (row tuple for COPY) and keep the heads; events are spread over the chains."""
    from thads.audit.hashing import GENESIS_HASH
    from thads.audit.hashing import event_hash
    from thads.audit.hashing import jsonable

    heads = {chain: (0, GENESIS_HASH) for chain in chains}
    start = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
    for n in range(rows):
        chain = chains[n % len(chains)]
        last_seq, last_hash = heads[chain]
        seq = last_seq + 1
        action = ACTIONS[n % len(ACTIONS)]
        before = jsonable({"status": "draft", "amount_vnd": 1_250_000 + n, "note": "Trước"})
        after = jsonable(
            {"status": "approved", "amount_vnd": 1_250_000 + n, "note": "Đã duyệt", "n": n}
        )
        content = (
            chain,
            seq,
            last_hash,
            start + dt.timedelta(microseconds=37 * n),
            None,
            f"canbo{n % 997}",
            "enforcement_officer",
            None,
            f"10.{n % 200}.{n % 250}.{n % 199 + 1}",
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0",
            f"{n:032x}",
            action,
            "receipts.receipt",
            str(n),
            f"Biên lai số {n:07d}",
            before,
            after,
            f"Sự kiện thử số {n}",
        )
        digest = event_hash(content)
        heads[chain] = (seq, digest)
        yield (
            (
                *content[:15],
                json.dumps(before, ensure_ascii=False),
                json.dumps(after, ensure_ascii=False),
                content[17],
                digest,
            ),
            heads,
        )


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point to PostgreSQL (the benchmark uses COPY).")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from thads.audit.models import AuditChainHead
    from thads.audit.selectors import audit_chain_verify

    call_command("migrate", verbosity=0)
    run = time.strftime("%m%d%H%M%S")
    chains = [f"bench{run}-{i:03d}" for i in range(args.chains)]

    t0 = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection
    heads = {}
    with raw.cursor() as cur:
        from thads.audit.hashing import HASHED_FIELDS

        columns = (*HASHED_FIELDS, "hash")  # the order rows are generated in
        sql = f"COPY audit_auditevent ({', '.join(columns)}) FROM STDIN"
        with cur.copy(sql) as copy:
            for row, current in generate(chains, args.rows):
                copy.write_row(row)
                heads = current
    raw.commit()
    AuditChainHead.objects.bulk_create(
        [
            AuditChainHead(chain=c, last_seq=s, last_hash=h, updated_at=timezone.now())
            for c, (s, h) in heads.items()
        ]
    )
    insert_s = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE audit_auditevent")
    print(f"inserted {args.rows} events in {insert_s:.1f} s", file=sys.stderr)

    t1, cpu1 = time.perf_counter(), time.process_time()
    report = audit_chain_verify(chains=chains)
    verify_s, cpu_s = time.perf_counter() - t1, time.process_time() - cpu1
    result = {
        "bench": "audit_verify",
        "rows": report.checked,
        "chains": report.chains,
        "ok": report.ok,
        "problems": report.problem_count,
        "insert_s": round(insert_s, 2),
        "verify_s": round(verify_s, 2),
        "rows_per_s": round(report.checked / verify_s) if verify_s else None,
        "python_cpu_s": round(cpu_s, 2),
        "target_s": 60,
        "meets_target": report.ok and verify_s <= 60 * args.rows / 1_000_000,
        "cpus": os.cpu_count(),
    }

    if not args.keep:
        with connection.cursor() as cur:
            cur.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            cur.execute("DELETE FROM audit_auditevent WHERE chain = ANY(%s)", [chains])
            cur.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
            cur.execute("DELETE FROM audit_auditchainhead WHERE chain = ANY(%s)", [chains])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
