"""Benchmark of judgment extraction: F1 per field, rules-only vs hybrid, real and synthetic.

    .venv/bin/python bench/extraction.py [--samples ../shared/samples/judgments] [--synthetic 200]
                                         [--seed 20261123] [--verbose]

* Real: every document of ``labels.json`` in the samples folder (skipped with a note when the
  folder is absent). Scans are OCRed once through the platform pipeline and the page texts are
  cached under ``var/cache/extraction/<sha256>.json``, so reruns take seconds.
* Synthetic: ``decisions.synthetic.generate(n, seed)`` page texts and labels (H2's generator).
* Synthetic scans (``--scans N``, default 0): N of those rendered as degraded scans
  (``render_scan_pdf``: skew, blur, noise, a stamp over the text), OCRed once and cached like
  the real scans: the rules on OCR text they were not written against.

Both sets run through ``decisions.extraction.extract`` in mode "rules" and "hybrid" (hybrid
falls back to the rules when the model is not available; the table says which ran) and are
scored by ``decisions.extraction.evaluate.score``. Targets on the real samples: F1 >= 0.9 for
the header fields, >= 0.85 for parties, >= 0.8 for obligations and fees. The last line printed
is one JSON object ``{"real": {"rules": {field: {p, r, f1}}, "hybrid": {...}}, "synthetic": ...}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

TARGETS = {
    "court": 0.9,
    "judgment_number": 0.9,
    "date": 0.9,
    "case_type": 0.9,
    "parties": 0.85,
    "obligations": 0.8,
    "court_fees": 0.8,
}


def _real_set(samples: Path, cache: Path) -> tuple[list, list[dict], float]:
    from decisions.extraction.sources import cached_pages
    from decisions.extraction.sources import pages_from_path

    labels = json.loads((samples / "labels.json").read_text(encoding="utf-8"))
    docs, golds = [], []
    started = time.perf_counter()
    for gold in labels:
        path = samples / gold["file"]
        pages = pages_from_path(path) if path.suffix == ".txt" else cached_pages(path, cache)
        docs.append((gold["doc_id"], pages))
        golds.append(gold)
    return docs, golds, time.perf_counter() - started


def _synthetic_set(n: int, seed: int) -> tuple[list, list[dict]] | None:
    try:
        from decisions.synthetic import generate
    except ImportError:
        return None
    items = generate(n=n, seed=seed)
    return [(s.doc_id, s.to_page_inputs()) for s in items], [s.labels for s in items]


def _scan_set(n: int, seed: int, cache: Path) -> tuple[list, list[dict]] | None:
    try:
        from decisions.synthetic import generate
        from decisions.synthetic.render import render_scan_pdf
    except ImportError:
        return None
    from decisions.extraction.sources import cached_pages

    folder = cache / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    docs, golds = [], []
    for item in generate(n=n, seed=seed + 1):
        path = folder / f"{item.doc_id}.pdf"
        if not path.exists():
            path.write_bytes(render_scan_pdf(item, seed=seed))
        docs.append((item.doc_id, cached_pages(path, cache)))
        golds.append(item.labels)
    return docs, golds


def _run(docs: list, golds: list[dict], mode: str, verbose: bool) -> tuple[dict, str, float]:
    from decisions.extraction import extract
    from decisions.extraction.evaluate import diff
    from decisions.extraction.evaluate import score

    preds = []
    modes = set()
    started = time.perf_counter()
    for (doc_id, pages), gold in zip(docs, golds, strict=True):
        result = extract(pages, mode=mode)
        modes.add(result.mode)
        pred = result.to_labels()
        preds.append(pred)
        if verbose:
            for field, problems in diff(pred, gold).items():
                print(f"  {mode:6} {doc_id}: {field} {problems}")
    elapsed = time.perf_counter() - started
    scores = score(preds, golds)
    return scores, "+".join(sorted(modes)), elapsed / max(1, len(docs))


def _table(title: str, results: dict[str, tuple[dict, str, float]], targets: bool) -> None:
    print(f"\n{title}")
    modes = list(results)
    header = (
        f"{'field':16}"
        + "".join(f"{f'{m} ({results[m][1]})':>32}" for m in modes)
        + ("   target" if targets else "")
    )
    print(header)
    print(f"{'':16}" + "".join(f"{'P':>10}{'R':>10}{'F1':>12}" for _ in modes))
    for field in results[modes[0]][0]:
        row = f"{field:16}"
        for mode in modes:
            s = results[mode][0][field]
            row += f"{s['p']:>10.3f}{s['r']:>10.3f}{s['f1']:>12.3f}"
        if targets and field in TARGETS:
            ok = all(results[m][0][field]["f1"] >= TARGETS[field] for m in modes)
            row += f"   >= {TARGETS[field]:.2f} {'ok' if ok else 'MISSED'}"
        print(row)
    print(f"{'ms/document':16}" + "".join(f"{results[m][2] * 1000:>32.1f}" for m in modes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--samples", type=Path, default=ROOT.parent / "shared" / "samples" / "judgments"
    )
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "cache" / "extraction")
    parser.add_argument("--synthetic", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--scans", type=int, default=0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    out: dict[str, dict] = {}
    if (args.samples / "labels.json").exists():
        docs, golds, read_s = _real_set(args.samples, args.cache)
        print(f"real samples: {len(docs)} documents, pages read in {read_s:.1f} s (OCR cached)")
        real = {mode: _run(docs, golds, mode, args.verbose) for mode in ("rules", "hybrid")}
        _table("Real samples (../shared/samples/judgments)", real, targets=True)
        out["real"] = {
            m: {f: {k: v[k] for k in ("p", "r", "f1")} for f, v in r[0].items()}
            for m, r in real.items()
        }
    else:
        print(f"real samples: {args.samples} not found, skipped")
    synthetic = _synthetic_set(args.synthetic, args.seed) if args.synthetic else None
    if synthetic:
        docs, golds = synthetic
        syn = {mode: _run(docs, golds, mode, args.verbose) for mode in ("rules", "hybrid")}
        _table(f"Synthetic ({len(docs)} documents, seed {args.seed})", syn, targets=False)
        out["synthetic"] = {
            m: {f: {k: v[k] for k in ("p", "r", "f1")} for f, v in r[0].items()}
            for m, r in syn.items()
        }
    else:
        print("synthetic: decisions.synthetic not available, skipped")
    if args.scans:
        scans = _scan_set(args.scans, args.seed, args.cache)
        if scans:
            docs, golds = scans
            res = {mode: _run(docs, golds, mode, args.verbose) for mode in ("rules", "hybrid")}
            _table(f"Synthetic scans ({len(docs)} documents, OCR)", res, targets=False)
            out["synthetic_scans"] = {
                m: {f: {k: v[k] for k in ("p", "r", "f1")} for f, v in r[0].items()}
                for m, r in res.items()
            }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
