"""Train the token classifier from scratch on synthetic judgments (CPU, a few minutes).

``train(n=..., epochs=..., seed=...)`` generates ``n`` synthetic judgments
(``decisions.synthetic.generate``), learns the WordPiece tokenizer on their text, injects
OCR-like noise into half of the pages (diacritics dropped, look-alike characters), cuts every
page into windows of the model's length, trains a small BERT token classifier with AdamW, scores
it on held-out synthetic judgments (entity-level precision/recall/F1 per label, exact spans) and
writes ``weights/`` (float16 safetensors, config, tokenizer, meta.json with the data size, seed
and scores). ``manage.py train_extractor`` is the entry point.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from decisions.extraction import model as model_mod
from decisions.extraction.tokens import ENTITY_LABELS
from decisions.extraction.tokens import TAGS
from decisions.extraction.tokens import add_ocr_noise
from decisions.extraction.tokens import bio_tags
from decisions.extraction.tokens import build_tokenizer
from decisions.extraction.tokens import encode
from decisions.extraction.tokens import noisy_example
from decisions.synthetic import SyntheticJudgment
from decisions.synthetic import generate

WINDOW = model_mod.WINDOW


def _page_examples(
    sj: SyntheticJudgment, rng: random.Random, noise: float
) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """The pages of ``sj`` with their entity spans; half of them read through OCR-like noise."""
    out = []
    for number, text in enumerate(sj.pages, start=1):
        spans = [(a.label, a.start, a.end) for a in sj.annotations if a.page == number]
        if noise and rng.random() < 0.5:
            text, spans = noisy_example(text, spans, rng, rate=rng.uniform(0.005, noise))
        out.append((text, spans))
    return out


def _windows(
    tok: Any, examples: list[tuple[str, list[tuple[str, int, int]]]], rng: random.Random
) -> list[tuple[list[int], list[int]]]:
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    out = []
    for text, spans in examples:
        ids, offsets = encode(tok, text)
        tags = bio_tags(offsets, spans)
        start = rng.randint(0, WINDOW // 4) if len(ids) > WINDOW else 0
        start = 0 if start >= len(ids) else start
        positions = [0] if len(ids) <= WINDOW else list(range(0, len(ids), WINDOW * 3 // 4))
        for s in positions:
            e = min(len(ids), s + WINDOW)
            out.append(([cls_id, *ids[s:e], sep_id], [-100, *tags[s:e], -100]))
            if e == len(ids):
                break
    return out


def score_spans(
    gold: list[tuple[int, str, int, int]], pred: list[tuple[int, str, int, int]]
) -> dict[str, Any]:
    """Exact-span precision, recall and F1, per label and micro-averaged."""
    per: dict[str, Counter[str]] = {label: Counter() for label in ENTITY_LABELS}
    gs, ps = set(gold), set(pred)
    for g in gs:
        per[g[1]]["tp" if g in ps else "fn"] += 1
    for p in ps - gs:
        per[p[1]]["fp"] += 1

    def prf(c: Counter[str]) -> dict[str, float]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": c["tp"] + c["fn"],
        }

    total: Counter[str] = Counter()
    for c in per.values():
        total.update(c)
    return {"micro": prf(total), "per_label": {k: prf(v) for k, v in per.items()}}


def evaluate(
    loaded: model_mod.Loaded, docs: list[SyntheticJudgment], *, noise: float, seed: int
) -> dict[str, Any]:
    rng = random.Random(seed)  # noqa: S311 (noise for evaluation, not security)
    gold: list[tuple[int, str, int, int]] = []
    pred: list[tuple[int, str, int, int]] = []
    from decisions.types import PageInput

    for k, sj in enumerate(docs):
        pages = []
        for number, text in enumerate(sj.pages, start=1):
            if noise:
                text = add_ocr_noise(text, rng, rate=noise)
            pages.append(PageInput(number=number, text=text))
        gold += [(k * 100 + a.page, a.label, a.start, a.end) for a in sj.annotations]
        pred += [
            (k * 100 + s.page, s.label, s.start, s.end)
            for s in model_mod.predict(pages, loaded=loaded)
        ]
    return score_spans(gold, pred)


def _print(message: str) -> None:
    print(message, flush=True)  # noqa: T201 (progress of a long command-line run)


def train(
    *,
    n: int = 2000,
    epochs: int = 2,
    seed: int = 1,
    out: Path = model_mod.WEIGHTS_DIR,
    eval_n: int = 60,
    noise: float = 0.06,
    threads: int = 2,
    batch_size: int = 16,
    lr: float = 1.5e-3,
    vocab_size: int = 6000,
    max_seconds: float | None = None,
    max_steps: int | None = None,
    model_config: dict[str, Any] | None = None,
    init: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train, evaluate on held-out synthetic judgments, write ``out``; return the meta dict."""
    import torch
    from safetensors.torch import save_file

    log = log or _print
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = random.Random(seed)  # noqa: S311 (training data order)
    t0 = time.monotonic()
    docs = generate(n, seed)
    held_out = generate(eval_n, seed + 10_000)
    previous: dict[str, Any] | None = None
    if init is not None:
        # continue training a model written by an earlier run (same tokenizer, same tags)
        start = model_mod.load(init)
        tok = start.tokenizer
        net = start.model
        previous = start.meta
        torch.set_grad_enabled(True)
    else:
        texts = [page for sj in docs for page in sj.pages]
        noisy = [add_ocr_noise(t, rng, rate=noise) for t in texts[: len(texts) // 2]]
        tok = build_tokenizer(texts + noisy, vocab_size=vocab_size)
        net = model_mod.build_model(tok.get_vocab_size(), len(TAGS), **(model_config or {}))
    examples = [ex for sj in docs for ex in _page_examples(sj, rng, noise)]
    windows = _windows(tok, examples, rng)
    log(
        f"{len(docs)} văn bản, {len(examples)} trang, {len(windows)} cửa sổ, "
        f"từ vựng {tok.get_vocab_size()}"
    )

    net.train()
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    steps_total = max(1, epochs * ((len(windows) + batch_size - 1) // batch_size))
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=lr, total_steps=steps_total, pct_start=0.1
    )
    pad = tok.token_to_id("[PAD]")
    step = 0
    stopped_early = False
    for epoch in range(epochs):
        rng.shuffle(windows)
        # batch windows of similar length together (less padding)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][0]) + rng.random() * 40)
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        running = 0.0
        for b, idx in enumerate(batches):
            width = max(len(windows[i][0]) for i in idx)
            ids = torch.full((len(idx), width), pad, dtype=torch.long)
            labels = torch.full((len(idx), width), -100, dtype=torch.long)
            mask = torch.zeros((len(idx), width), dtype=torch.long)
            for r, i in enumerate(idx):
                x, y = windows[i]
                ids[r, : len(x)] = torch.tensor(x)
                labels[r, : len(y)] = torch.tensor(y)
                mask[r, : len(x)] = 1
            loss = net(input_ids=ids, attention_mask=mask, labels=labels).loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            if step < steps_total - 1:
                sched.step()
            step += 1
            running += loss.item()
            if (b + 1) % 100 == 0:
                log(
                    f"vòng {epoch + 1} lô {b + 1}/{len(batches)} loss {running / 100:.4f} "
                    f"({time.monotonic() - t0:.0f} s)"
                )
                running = 0.0
            if (max_seconds and time.monotonic() - t0 > max_seconds) or (
                max_steps is not None and step >= max_steps
            ):
                stopped_early = True
                break
        if stopped_early:
            break
    train_seconds = round(time.monotonic() - t0, 1)

    out.mkdir(parents=True, exist_ok=True)
    net.eval()
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in net.state_dict().items()}
    save_file(state, str(out / "model.safetensors"))
    net.config.to_json_file(str(out / "config.json"))
    tok.save(str(out / "tokenizer.json"))
    meta: dict[str, Any] = {
        "tags": list(TAGS),
        "architecture": "BertForTokenClassification (from scratch)",
        "hidden_size": net.config.hidden_size,
        "layers": net.config.num_hidden_layers,
        "parameters": sum(p.numel() for p in net.parameters()),
        "vocab_size": tok.get_vocab_size(),
        "window": WINDOW,
        "training": {
            "synthetic_documents": n,
            "pages": len(examples),
            "windows": len(windows),
            "epochs": epochs,
            "steps": step,
            "stopped_early": stopped_early,
            "seed": seed,
            "ocr_noise_max_rate": noise,
            "batch_size": batch_size,
            "learning_rate": lr,
            "threads": threads,
            "seconds": train_seconds,
            "torch": torch.__version__,
        },
    }
    if previous is not None:
        meta["training"]["continued_from"] = previous["training"]
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    loaded = model_mod.load(out)
    meta["scores"] = {
        "held_out_synthetic_documents": eval_n,
        "held_out_seed": seed + 10_000,
        "clean": evaluate(loaded, held_out, noise=0.0, seed=seed),
        "ocr_noise_3pct": evaluate(loaded, held_out, noise=0.03, seed=seed),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    log(
        f"F1 (tổng hợp, sạch) {meta['scores']['clean']['micro']['f1']}; "
        f"(nhiễu 3%) {meta['scores']['ocr_noise_3pct']['micro']['f1']}; {train_seconds} s"
    )
    return meta
