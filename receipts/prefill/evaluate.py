"""Field accuracy of the prefill over generated samples with gold labels.

Runs the same page reader as the document pipeline (``thads.documents.pages.extract_page``:
text layer or tesseract OCR) on each sample, then :func:`extract_fields`, and compares with
``labels.json``. A field counts where its gold value is not empty; text compares without
diacritics, case or punctuation; references and accounts compare letters and digits only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from receipts.prefill.extract import FIELD_NAMES
from receipts.prefill.extract import extract_fields
from receipts.prefill.extract import fold_compact
from thads.documents.pages import extract_page

KINDS = {".pdf": "pdf", ".jpg": "jpeg", ".png": "png"}


def normalise(name: str, value: Any) -> str:
    """The comparable form of a field's value."""
    if value is None or value == "":
        return ""
    if name == "amount_vnd":
        return str(int(value))
    if name in ("bank_reference", "account_number"):
        return re.sub(r"[^0-9A-Za-z]", "", str(value)).upper()
    if name in ("date", "case_reference"):
        return str(value).strip()
    return fold_compact(str(value))


@dataclass
class Evaluation:
    samples: int
    per_field: dict[str, tuple[int, int]]  # name -> (correct, scored)
    doc_type: tuple[int, int]
    misses: list[dict[str, Any]]

    def accuracy(self, name: str) -> float:
        correct, scored = self.per_field[name]
        return correct / scored if scored else 1.0

    def as_json(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "fields": {
                name: {
                    "correct": c,
                    "scored": s,
                    "accuracy": round(c / s, 3) if s else None,
                }
                for name, (c, s) in self.per_field.items()
            },
            "doc_type": {"correct": self.doc_type[0], "scored": self.doc_type[1]},
        }


@dataclass(frozen=True)
class _Page:
    number: int
    words: list[list[Any]]
    width_px: int
    height_px: int


def read_file(path: Path) -> tuple[str, dict[str, Any]]:
    """Read one sample file as the pipeline would and extract its fields (values only)."""
    page = extract_page(path, kind=KINDS[path.suffix], number=1)
    doc_type, fields = extract_fields([_Page(1, page.words, page.width_px, page.height_px)])
    return doc_type, {name: f.value for name, f in fields.items()}


def evaluate(folder: Path) -> Evaluation:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    per_field = {name: [0, 0] for name in FIELD_NAMES}
    doc_ok = 0
    misses: list[dict[str, Any]] = []
    for gold in labels:
        doc_type, got = read_file(folder / gold["file"])
        doc_ok += doc_type == gold["doc_type"]
        for name in FIELD_NAMES:
            expected = normalise(name, gold.get(name))
            if not expected:
                continue
            per_field[name][1] += 1
            actual = normalise(name, got.get(name))
            if actual == expected:
                per_field[name][0] += 1
            else:
                misses.append(
                    {"file": gold["file"], "field": name, "gold": expected, "read": actual}
                )
    return Evaluation(
        samples=len(labels),
        per_field={k: (v[0], v[1]) for k, v in per_field.items()},
        doc_type=(doc_ok, len(labels)),
        misses=misses,
    )
