"""Synthetic court judgments for training and measuring the extractor (issue 3 §4).

``generate(n, seed)`` is deterministic per seed: the same ``(n, seed)`` gives the same texts,
labels and annotations on every machine. ``render_text_pdf`` / ``render_scan_pdf`` /
``render_scan_images`` (``decisions.synthetic.render``) turn one into a PDF with a text layer or a
degraded scan. ``manage.py make_synthetic`` writes a folder of PDFs and a labels.json.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from decisions.synthetic.cases import make_judgment
from decisions.synthetic.document import ENTITY_LABELS
from decisions.synthetic.document import Annotation
from decisions.synthetic.document import Line
from decisions.synthetic.document import SyntheticJudgment
from decisions.types import CASE_TYPES

__all__ = [
    "ENTITY_LABELS",
    "Annotation",
    "Line",
    "SyntheticJudgment",
    "generate",
]


def generate(
    n: int, seed: int, *, case_types: Sequence[str] | None = None
) -> list[SyntheticJudgment]:
    """``n`` synthetic judgments, deterministic per ``seed``; case types cycle evenly.

    Judgment ``i`` depends only on ``(seed, i, case_types)``, so ``generate(5, s)`` is a prefix
    of ``generate(50, s)``.
    """
    types = tuple(case_types or CASE_TYPES)
    unknown = set(types) - set(CASE_TYPES)
    if unknown:
        raise ValueError(f"unknown case types: {sorted(unknown)}")
    out = []
    for i in range(n):
        rng = random.Random(f"thads-synthetic:{seed}:{i}")  # noqa: S311 (synthetic data)
        case_type = types[i % len(types)]
        out.append(make_judgment(rng, case_type, f"SYN-{seed}-{i:05d}-{case_type}"))
    return out
