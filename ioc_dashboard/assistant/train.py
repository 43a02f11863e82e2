"""Train the intent classifier from scratch on generated questions (CPU, about a minute).

``train(n=..., epochs=..., seed=...)`` generates ``n`` training questions
(``generate.generate_train``: the TRAINING templates only), masks their entities with the same
rules the assistant uses at run time (``entities.extract``), learns a WordPiece vocabulary on
the masked text, trains the two-headed classifier (``classifier.build_model``) with AdamW on one
CPU thread, scores it on held-out questions from the training templates (another seed) and
writes ``weights/`` (float16 safetensors, config, tokenizer, meta.json). The evaluation set
(``data/eval_*.jsonl``) is never read here. ``manage.py train_assistant`` is the entry point.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ioc_dashboard.assistant import classifier as clf
from ioc_dashboard.assistant.entities import extract
from ioc_dashboard.assistant.generate import generate_train
from ioc_dashboard.assistant.phrases import synthetic_catalogue


def _print(message: str) -> None:
    print(message, flush=True)  # noqa: T201 (progress of a command-line run)


def _labels(rows: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    catalogue = synthetic_catalogue()
    out = []
    for row in rows:
        masked = extract(
            row["question"], today=dt.date.fromisoformat(row["today"]), catalogue=catalogue
        ).masked
        exp = row["expected"]
        metric = exp["metric"] if exp else "none"
        group = (exp["group_by"] if exp else None) or "none"
        out.append((masked, clf.METRIC_LABELS.index(metric), clf.GROUP_LABELS.index(group)))
    return out


def build_tokenizer(texts: list[str], vocab_size: int) -> Any:
    from tokenizers import Tokenizer
    from tokenizers import models
    from tokenizers import pre_tokenizers
    from tokenizers import trainers

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))  # noqa: S106
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation(), pre_tokenizers.Digits()]
    )
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size, min_frequency=1, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    )
    tok.train_from_iterator(texts, trainer=trainer)
    return tok


def score(loaded: clf.Loaded, examples: list[tuple[str, int, int]]) -> dict[str, float]:
    metric_ok = group_ok = both = 0
    for masked, m, g in examples:
        p = clf.predict(masked, loaded=loaded)
        pm = clf.METRIC_LABELS.index(p.metric or "none")
        pg = clf.GROUP_LABELS.index(p.group_by or "none")
        metric_ok += pm == m
        group_ok += pg == g
        both += pm == m and pg == g
    n = max(1, len(examples))
    return {
        "metric": round(metric_ok / n, 4),
        "group_by": round(group_ok / n, 4),
        "both": round(both / n, 4),
        "n": len(examples),
    }


def train(
    *,
    n: int = 12000,
    epochs: int = 4,
    seed: int = 1,
    out: Path = clf.WEIGHTS_DIR,
    held_out_n: int = 1000,
    threads: int = 1,
    batch_size: int = 32,
    lr: float = 2e-3,
    vocab_size: int = 1200,
    max_seconds: float | None = 540,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train, score on held-out generated questions, write ``out``; return the meta dict."""
    import torch
    from safetensors.torch import save_file

    log = log or _print
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = random.Random(seed)  # noqa: S311 (training data order)
    t0 = time.monotonic()
    examples = _labels(generate_train(n, seed))
    held_out = _labels(generate_train(held_out_n, seed + 10_000))
    tok = build_tokenizer([clf.model_text(m) for m, _, _ in examples], vocab_size)
    net = clf.build_model(tok.get_vocab_size())
    encoded = [(clf.encode(tok, m), mi, gi) for m, mi, gi in examples]
    log(
        f"{len(encoded)} câu hỏi huấn luyện, từ vựng {tok.get_vocab_size()} "
        f"({time.monotonic() - t0:.0f} s)"
    )

    # Loading a model for answers (here or decisions' extractor) turns gradients off for the
    # thread; training needs them back.
    torch.set_grad_enabled(True)
    net.train()
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    steps_total = max(1, epochs * ((len(encoded) + batch_size - 1) // batch_size))
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=lr, total_steps=steps_total, pct_start=max(0.1, 2.0 / steps_total)
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    pad = tok.token_to_id("[PAD]")
    step = 0
    stopped_early = False
    for epoch in range(epochs):
        rng.shuffle(encoded)
        running = 0.0
        for b in range(0, len(encoded), batch_size):
            batch = encoded[b : b + batch_size]
            width = max(len(x) for x, _, _ in batch)
            ids = torch.full((len(batch), width), pad, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for r, (x, _, _) in enumerate(batch):
                ids[r, : len(x)] = torch.tensor(x)
                mask[r, : len(x)] = 1
            ym = torch.tensor([m for _, m, _ in batch])
            yg = torch.tensor([g for _, _, g in batch])
            lm, lg = net(ids, mask)
            loss = loss_fn(lm, ym) + loss_fn(lg, yg)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            if step < steps_total - 1:
                sched.step()
            step += 1
            running += loss.item()
            if step % 100 == 0:
                log(
                    f"vòng {epoch + 1} bước {step}/{steps_total} loss {running / 100:.4f} "
                    f"({time.monotonic() - t0:.0f} s)"
                )
                running = 0.0
            if max_seconds and time.monotonic() - t0 > max_seconds:
                stopped_early = True
                break
        if stopped_early:
            break
    seconds = round(time.monotonic() - t0, 1)

    out.mkdir(parents=True, exist_ok=True)
    net.eval()
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in net.state_dict().items()}
    save_file(state, str(out / "model.safetensors"))
    net.config.to_json_file(str(out / "config.json"))
    tok.save(str(out / "tokenizer.json"))
    meta: dict[str, Any] = {
        "metric_labels": list(clf.METRIC_LABELS),
        "group_labels": list(clf.GROUP_LABELS),
        "architecture": "BertModel (from scratch) + 2 linear heads over mean-pooled tokens",
        "hidden_size": net.config.hidden_size,
        "layers": net.config.num_hidden_layers,
        "parameters": sum(p.numel() for p in net.parameters()),
        "vocab_size": tok.get_vocab_size(),
        "max_len": clf.MAX_LEN,
        "training": {
            "generated_questions": n,
            "templates": "generate._TRAIN_* and _T_* (the evaluation set: generate._EVAL_* "
            "and hand-written questions, never read here)",
            "epochs": epochs,
            "steps": step,
            "stopped_early": stopped_early,
            "seed": seed,
            "batch_size": batch_size,
            "learning_rate": lr,
            "threads": threads,
            "seconds": seconds,
            "torch": torch.__version__,
        },
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    loaded = clf.load(out)
    meta["scores"] = {
        "held_out_training_templates": score(loaded, held_out),
        "held_out_seed": seed + 10_000,
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    log(
        f"Đúng trên câu hỏi giữ lại (mẫu huấn luyện): "
        f"{meta['scores']['held_out_training_templates']}; {seconds} s"
    )
    return meta
