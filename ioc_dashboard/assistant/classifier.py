"""The intent classifier: a small BERT (``transformers.BertModel``, from a config, trained from
scratch by ``ioc_dashboard.assistant.train``; nothing pretrained is downloaded) with two heads,
one for the figure (the 17 metrics of ``types.METRICS`` plus ``none`` for a question that asks
for no figure) and one for the breakdown (``none`` or one of ``types.GROUP_BYS``).

It reads the *masked* question of ``entities.extract`` (folded, entities replaced by
placeholders), so it learns how figures are asked for, not names. The shipped files live in
``weights/``: ``model.safetensors`` (float16), ``config.json``, ``tokenizer.json``,
``meta.json`` (label sets, training data size, seed, time, held-out scores). Inference runs on
the CPU with one thread; a question is one forward pass of at most :data:`MAX_LEN` tokens.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ioc_dashboard.types import GROUP_BYS
from ioc_dashboard.types import METRICS

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
MAX_LEN = 48
METRIC_LABELS: tuple[str, ...] = ("none", *METRICS)
GROUP_LABELS: tuple[str, ...] = ("none", *GROUP_BYS)
_LOCK = threading.Lock()
_PLACEHOLDER = re.compile(r"<(\w+)>")


def model_text(masked: str) -> str:
    """Placeholders as single words the tokenizer keeps whole (``<tinh>`` → ``qqtinh``)."""
    return _PLACEHOLDER.sub(r"qq\1", masked)


def build_model(vocab_size: int, **overrides: Any) -> Any:
    """A fresh, randomly initialised two-headed classifier."""
    import torch
    from transformers import BertConfig
    from transformers import BertModel

    params = {
        "vocab_size": vocab_size,
        "hidden_size": 96,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "intermediate_size": 192,
        "max_position_embeddings": MAX_LEN + 2,
        "type_vocab_size": 1,
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
    }
    params.update(overrides)
    config = BertConfig(**params)

    class IntentNet(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.config = config
            self.bert = BertModel(config, add_pooling_layer=False)
            self.dropout = torch.nn.Dropout(0.1)
            self.metric_head = torch.nn.Linear(config.hidden_size, len(METRIC_LABELS))
            self.group_head = torch.nn.Linear(config.hidden_size, len(GROUP_LABELS))

        def forward(self, input_ids: Any, attention_mask: Any) -> tuple[Any, Any]:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            # mean of the real tokens: steadier than [CLS] alone on short questions
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = self.dropout((hidden * mask).sum(1) / mask.sum(1).clamp(min=1))
            return self.metric_head(pooled), self.group_head(pooled)

    return IntentNet()


@dataclass
class Loaded:
    model: Any
    tokenizer: Any
    meta: dict[str, Any]


@dataclass(frozen=True)
class Prediction:
    metric: str | None  # None: the question asks for no figure we know
    metric_score: float
    group_by: str | None
    group_score: float


def weights_present(directory: Path = WEIGHTS_DIR) -> bool:
    return all(
        (directory / name).is_file()
        for name in ("model.safetensors", "config.json", "tokenizer.json", "meta.json")
    )


def load(directory: Path = WEIGHTS_DIR) -> Loaded:
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    keep = {
        k: config[k]
        for k in (
            "hidden_size",
            "num_hidden_layers",
            "num_attention_heads",
            "intermediate_size",
            "max_position_embeddings",
        )
    }
    model = build_model(config["vocab_size"], **keep)
    state = {k: v.float() for k, v in load_file(str(directory / "model.safetensors")).items()}
    model.load_state_dict(state)
    model.eval()
    return Loaded(model, Tokenizer.from_file(str(directory / "tokenizer.json")), meta)


@functools.cache
def _cached(directory: str) -> Loaded:
    return load(Path(directory))


def get(directory: Path = WEIGHTS_DIR) -> Loaded:
    """The process-wide loaded model (loaded on first use)."""
    with _LOCK:
        return _cached(str(directory))


def warm() -> None:
    """Load the model in a background thread (a page that will ask soon calls this), so the
    first question does not wait for torch to start."""
    if _cached.cache_info().currsize or not weights_present():
        return
    threading.Thread(target=get, name="assistant-warm", daemon=True).start()


def encode(tokenizer: Any, masked: str) -> list[int]:
    ids = tokenizer.encode(model_text(masked), add_special_tokens=False).ids[: MAX_LEN - 2]
    return [tokenizer.token_to_id("[CLS]"), *ids, tokenizer.token_to_id("[SEP]")]


def predict(masked: str, *, loaded: Loaded | None = None, threshold: float = 0.5) -> Prediction:
    """Figure and breakdown asked for by the masked question."""
    import torch

    loaded = loaded or get()
    ids = encode(loaded.tokenizer, masked)
    with torch.inference_mode():
        x = torch.tensor([ids])
        metric_logits, group_logits = loaded.model(x, torch.ones_like(x))
        mp = torch.softmax(metric_logits[0], -1)
        gp = torch.softmax(group_logits[0], -1)
    mi, gi = int(mp.argmax()), int(gp.argmax())
    metric = METRIC_LABELS[mi]
    score = float(mp[mi])
    group = GROUP_LABELS[gi]
    return Prediction(
        metric=None if metric == "none" or score < threshold else metric,
        metric_score=round(score, 4),
        group_by=None if group == "none" else group,
        group_score=round(float(gp[gi]), 4),
    )
