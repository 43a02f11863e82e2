"""The self-trained token classifier: load once per process, tag pages, return spans.

A small BERT (``transformers.BertForTokenClassification``, defined from a config, trained from
scratch on synthetic judgments by ``decisions.extraction.train``; no pretrained weights are
downloaded) over the project's own WordPiece tokenizer. The shipped files live in
``decisions/extraction/weights/``: ``model.safetensors`` (float16), ``config.json``,
``tokenizer.json`` and ``meta.json`` (tag set, training data size, seed, scores).

Inference runs on the CPU with few threads. A page longer than the model's window is read in
overlapping windows; each token keeps the prediction of the window where it sits most centrally.
``predict(pages)`` returns :class:`TaggedSpan` values with page-relative character offsets.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decisions.types import PageInput

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
WINDOW = 256
STRIDE = 192
_LOCK = threading.Lock()


@dataclass(frozen=True)
class TaggedSpan:
    """One entity the model found: its label, 1-based page, character span, text and score."""

    label: str
    page: int
    start: int
    end: int
    text: str
    score: float


def weights_present(directory: Path = WEIGHTS_DIR) -> bool:
    return all(
        (directory / name).is_file()
        for name in ("model.safetensors", "config.json", "tokenizer.json", "meta.json")
    )


@dataclass
class Loaded:
    model: Any
    tokenizer: Any
    tags: tuple[str, ...]
    meta: dict[str, Any]


def build_model(vocab_size: int, num_labels: int, **overrides: Any) -> Any:
    """A fresh, randomly initialised small BERT token classifier."""
    from transformers import BertConfig
    from transformers import BertForTokenClassification

    params = {
        "vocab_size": vocab_size,
        "hidden_size": 128,
        "num_hidden_layers": 3,
        "num_attention_heads": 4,
        "intermediate_size": 256,
        "max_position_embeddings": WINDOW + 2,
        "type_vocab_size": 1,
        "num_labels": num_labels,
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
    }
    params.update(overrides)
    return BertForTokenClassification(BertConfig(**params))


def load(directory: Path = WEIGHTS_DIR) -> Loaded:
    """Load the model and tokenizer from ``directory`` (no cache; see :func:`get`)."""
    import torch
    from safetensors.torch import load_file
    from transformers import BertConfig
    from transformers import BertForTokenClassification

    from decisions.extraction.tokens import load_tokenizer

    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    config = BertConfig.from_json_file(str(directory / "config.json"))
    model = BertForTokenClassification(config)
    state = {k: v.float() for k, v in load_file(str(directory / "model.safetensors")).items()}
    model.load_state_dict(state, strict=False)
    model.eval()
    torch.set_grad_enabled(False)
    return Loaded(
        model, load_tokenizer(str(directory / "tokenizer.json")), tuple(meta["tags"]), meta
    )


@functools.cache
def _cached(directory: str) -> Loaded:
    return load(Path(directory))


def get(directory: Path = WEIGHTS_DIR) -> Loaded:
    """The process-wide loaded model (loaded on first use)."""
    with _LOCK:
        return _cached(str(directory))


def _windows(n: int) -> list[tuple[int, int]]:
    if n <= WINDOW:
        return [(0, n)]
    out = []
    start = 0
    while True:
        end = min(n, start + WINDOW)
        out.append((start, end))
        if end == n:
            return out
        start += STRIDE


def tag_ids(loaded: Loaded, ids: Sequence[int]) -> tuple[list[int], list[float]]:
    """Best tag id and its probability for each token of one page."""
    import torch

    cls_id = loaded.tokenizer.token_to_id("[CLS]")
    sep_id = loaded.tokenizer.token_to_id("[SEP]")
    n = len(ids)
    best: list[int] = [0] * n
    prob: list[float] = [0.0] * n
    centrality: list[float] = [-1.0] * n
    for start, end in _windows(n):
        chunk = [cls_id, *ids[start:end], sep_id]
        with torch.inference_mode():
            logits = loaded.model(input_ids=torch.tensor([chunk])).logits[0, 1:-1]
        probs = torch.softmax(logits.float(), dim=-1)
        p, idx = probs.max(dim=-1)
        mid = (end - start) / 2
        for j in range(end - start):
            c = mid - abs(j - mid)
            if c > centrality[start + j]:
                centrality[start + j] = c
                best[start + j] = int(idx[j])
                prob[start + j] = float(p[j])
    return best, prob


def decode(
    text: str,
    offsets: Sequence[tuple[int, int]],
    tags: Sequence[str],
    probs: Sequence[float],
    page: int,
) -> list[TaggedSpan]:
    """BIO tags to spans; an I- tag after O or another label starts a span too."""
    spans: list[TaggedSpan] = []
    cur: list[Any] | None = None  # [label, start, end, [probs]]

    def close() -> None:
        if cur is not None:
            label, s, e, ps = cur
            while s < e and not text[s].isalnum():
                s += 1
            while e > s and not text[e - 1].isalnum():
                e -= 1
            if e > s:
                spans.append(TaggedSpan(label, page, s, e, text[s:e], round(sum(ps) / len(ps), 4)))

    for (s, e), tag, p in zip(offsets, tags, probs, strict=True):
        if tag == "O":
            close()
            cur = None
            continue
        prefix, label = tag.split("-", 1)
        if cur is not None and prefix == "I" and cur[0] == label:
            cur[2] = e
            cur[3].append(p)
        else:
            close()
            cur = [label, s, e, [p]]
    close()
    return spans


def smooth(tags: Sequence[str], pieces: Sequence[str]) -> list[str]:
    """Mend the small slips of a small model, then write the runs back as BIO tags.

    * a gap of one or two tokens between two runs of the same label joins them
      ("16" DATE, "-" NUMBER, "3 - 2024" DATE -> one DATE);
    * a lone token of one label stuck to a longer run of another takes that run's label
      ("Hồ" ADDRESS + "Hữu Vinh" NAME -> "Hồ Hữu Vinh" NAME);
    * a lone punctuation token tagged as an entity is dropped.
    """
    labels = [t.split("-", 1)[1] if t != "O" else "O" for t in tags]
    n = len(labels)

    def runs() -> list[tuple[str, int, int]]:
        out, start = [], 0
        for i in range(1, n + 1):
            if i == n or labels[i] != labels[start]:
                out.append((labels[start], start, i))
                start = i
        return out

    for label, start, end in runs():
        if label != "O" and end - start == 1 and not any(c.isalnum() for c in pieces[start]):
            labels[start] = "O"
    for gap in (1, 2):
        for i in range(1, n - gap):
            left, right = labels[i - 1], labels[i + gap]
            inside = labels[i : i + gap]
            if left == "O" or left != right or all(x == left for x in inside):
                continue
            if gap == 1 or all(x == "O" for x in inside):
                for j in range(i, i + gap):
                    labels[j] = left
    for label, start, end in runs():
        if label == "O" or end - start != 1:
            continue
        before = labels[start - 1] if start > 0 else "O"
        after = labels[end] if end < n else "O"
        length = {lab: e - s for lab, s, e in runs() if s == end or e == start}
        neighbours = [x for x in (before, after) if x not in ("O", label)]
        if neighbours:
            labels[start] = max(neighbours, key=lambda x: length.get(x, 0))
    out: list[str] = []
    for i, label in enumerate(labels):
        if label == "O":
            out.append("O")
        else:
            out.append(f"{'I' if i and labels[i - 1] == label else 'B'}-{label}")
    return out


def predict(
    pages: Sequence[PageInput], *, loaded: Loaded | None = None, smoothing: bool = True
) -> list[TaggedSpan]:
    """Entities in ``pages`` (character spans relative to each page's text)."""
    from decisions.extraction.tokens import encode

    loaded = loaded or get()
    out: list[TaggedSpan] = []
    for page in pages:
        if not page.text.strip():
            continue
        ids, offsets = encode(loaded.tokenizer, page.text)
        best, probs = tag_ids(loaded, ids)
        tags = [loaded.tags[i] for i in best]
        if smoothing:
            tags = smooth(tags, [page.text[s:e] for s, e in offsets])
        out += decode(page.text, offsets, tags, probs, page.number)
    return out
