"""Evaluation of the question assistant: intent exact-match accuracy and latency per question.

    .venv/bin/python bench/assistant_eval.py [--with-figures] [--threads 1] [--show-errors 20]

Reads the evaluation set (``ioc_dashboard/assistant/data/eval_generated.jsonl``: questions from
the EVALUATION templates, and ``eval_written.jsonl``: hand-written questions), never the training
questions. Each question is understood with its own ``today`` against the fixed evaluation
catalogue (``phrases.synthetic_catalogue``: offices of the demo scheme, made-up officers), so no
database is needed. An intent is exactly right when metric, all five filters, group_by and
period all equal the expected ones (a question that must not be understood: intent None).
Latency is the time of ``understand`` (entity rules + one classifier forward pass, one torch
thread) after the model is loaded; ``--with-figures`` adds ``metric_compute`` on the configured
database. Targets (issue 8): >= 90% exact, <= 300 ms per question. The last line is JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-figures", action="store_true")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--show-errors", type=int, default=15)
    args = parser.parse_args()

    if args.with_figures:
        import django

        django.setup()
    import torch

    torch.set_num_threads(args.threads)
    from ioc_dashboard.assistant import classifier
    from ioc_dashboard.assistant.generate import DATA_DIR
    from ioc_dashboard.assistant.generate import read_jsonl
    from ioc_dashboard.assistant.phrases import synthetic_catalogue
    from ioc_dashboard.assistant.service import respond
    from ioc_dashboard.assistant.service import understand

    sets = {
        "generated": read_jsonl(DATA_DIR / "eval_generated.jsonl"),
        "written": read_jsonl(DATA_DIR / "eval_written.jsonl"),
    }
    catalogue = synthetic_catalogue()
    t0 = time.perf_counter()
    classifier.get()
    load_s = time.perf_counter() - t0

    parts = ("metric", "group_by", "period", "province", "office", "officer", "case_type", "status")
    results: dict[str, dict[str, int]] = {}
    times: list[float] = []
    errors: list[tuple[str, str, object, object]] = []
    for name, rows in sets.items():
        ok: Counter[str] = Counter()
        for row in rows:
            today = dt.date.fromisoformat(row["today"])
            t = time.perf_counter()
            u = understand(row["question"], today=today, catalogue=catalogue)
            if args.with_figures and u.intent is not None:
                respond(u, today=today, catalogue=catalogue)
            times.append(time.perf_counter() - t)
            got = u.intent.as_json() if u.intent else None
            exp = row["expected"]
            ok["exact"] += got == exp
            ok["null_ok"] += (got is None) == (exp is None)
            for part in parts:
                g = _part(got, part)
                e = _part(exp, part)
                ok[part] += g == e
            if got != exp:
                errors.append((name, row["question"], exp, got))
        ok["n"] = len(rows)
        results[name] = dict(ok)

    total = Counter()
    for r in results.values():
        total.update(r)
    n = total["n"]
    ms = sorted(x * 1000 for x in times)
    summary = {
        "questions": n,
        "exact": round(total["exact"] / n, 4),
        "per_set": {k: round(v["exact"] / v["n"], 4) for k, v in results.items()},
        "per_part": {p: round(total[p] / n, 4) for p in (*parts, "null_ok")},
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2),
        "max_ms": round(ms[-1], 2),
        "model_load_s": round(load_s, 2),
        "threads": args.threads,
        "with_figures": args.with_figures,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }
    for name, q, exp, got in errors[: args.show_errors]:
        print(f"[{name}] {q}")
        print(f"    expected {json.dumps(exp, ensure_ascii=False)}")
        print(f"    got      {json.dumps(got, ensure_ascii=False)}")
    print(
        f"Câu hỏi: {n}; đúng hoàn toàn: {summary['exact']:.1%} "
        f"(sinh {summary['per_set']['generated']:.1%}, "
        f"viết tay {summary['per_set']['written']:.1%}); "
        f"trung vị {summary['median_ms']} ms, p95 {summary['p95_ms']} ms"
    )
    print(json.dumps(summary, ensure_ascii=False))


def _part(intent: dict | None, part: str) -> object:
    if intent is None:
        return None
    if part in intent:
        return intent[part]
    return intent["filters"].get(part)


if __name__ == "__main__":
    main()
