"""Scoring of extraction results against gold labels (labels.json shape).

:func:`score` compares predictions and golds document by document (the two lists are paired by
position) and returns, per field, micro-averaged precision, recall and F1 over all documents:

* **Header fields** ``court``, ``judgment_number``, ``date``, ``case_type``: one item per
  document when the value is not null. A predicted item is correct when it equals the gold
  value after normalisation: NFC, whitespace runs collapsed and trimmed, dashes (– — −)
  read as "-", old tone placement modernised ("Thuỷ" = "Thủy", "Toà" = "Tòa"); the court is
  compared case-insensitively; the judgment number without any whitespace, upper case, with
  "Ð" read as "Đ"; the date as its ISO string.
* **parties**: the multiset of (role, normalised name) pairs; names are compared
  case-insensitively after the normalisation above.
* **id_numbers**: the multiset of the parties' identity numbers that are not null (digits as
  printed, leading zeros kept).
* **obligations**: the multiset of (debtor, amount_vnd) pairs; the debtor is the set of
  normalised names joined by " và " (so "A và B" = "B và A"), the amount an int or null.
* **court_fees**: the multiset of (payer, amount_vnd) pairs.

A document whose gold ``obligations`` or ``court_fees`` is null (unknown, e.g. a partial
document) is left out of that field. Multisets are matched by count: a pair predicted twice
and present once in the gold is one true positive and one false positive.
precision = TP / predicted, recall = TP / gold, F1 = 2PR / (P + R); when nothing was predicted
and nothing was expected the three are 1.0; when one side is empty they are 0.0.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable
from collections.abc import Iterable
from typing import Any

from decisions.extraction.text import modern_tones

HEADER_FIELDS = ("court", "judgment_number", "date", "case_type")
FIELDS = (*HEADER_FIELDS, "parties", "id_numbers", "obligations", "court_fees")


def normalise_text(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value))
    text = re.sub(r"[\u2012\u2013\u2014\u2015\u2212]", "-", text)
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    text = re.sub(r"\s+", " ", text).strip(" .;")
    return modern_tones(text)


def normalise_name(value: Any) -> str:
    return normalise_text(value).casefold()


def _debtor_key(value: Any) -> Hashable:
    if value is None:
        return None
    return frozenset(normalise_name(part) for part in re.split(r"\s+và\s+", str(value)))


def _header_key(name: str, value: Any) -> Hashable:
    if value is None or value == "":
        return None
    if name == "court":
        return normalise_name(value)
    if name == "judgment_number":
        return re.sub(r"\s+", "", normalise_text(value)).upper().replace("Ð", "Đ")
    return normalise_text(value)


def _items(field: str, doc: dict[str, Any]) -> list[Hashable] | None:
    if field in HEADER_FIELDS:
        key = _header_key(field, doc.get(field))
        return [] if key is None else [key]
    if field == "parties":
        parties = doc.get("parties")
        if parties is None:
            return None
        return [(p.get("role"), normalise_name(p.get("name") or "")) for p in parties]
    if field == "id_numbers":
        parties = doc.get("parties")
        if parties is None:
            return None
        return [re.sub(r"\s", "", str(p["id_number"])) for p in parties if p.get("id_number")]
    if field == "obligations":
        obligations = doc.get("obligations")
        if obligations is None:
            return None
        return [(_debtor_key(o.get("debtor")), o.get("amount_vnd")) for o in obligations]
    if field == "court_fees":
        fees = doc.get("court_fees")
        if fees is None:
            return None
        return [(normalise_name(f.get("payer") or ""), f.get("amount_vnd")) for f in fees]
    raise KeyError(field)


def _prf(tp: int, predicted: int, expected: int) -> dict[str, float]:
    if predicted == 0 and expected == 0:
        return {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 0, "pred": 0, "gold": 0}
    precision = tp / predicted if predicted else 0.0
    recall = tp / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "p": round(precision, 4),
        "r": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "pred": predicted,
        "gold": expected,
    }


def _count(pred: Iterable[Hashable], gold: Iterable[Hashable]) -> tuple[int, int, int]:
    pred_counter, gold_counter = Counter(pred), Counter(gold)
    tp = sum((pred_counter & gold_counter).values())
    return tp, sum(pred_counter.values()), sum(gold_counter.values())


def score(preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per-field precision, recall and F1 of ``preds`` against ``golds`` (see module docstring).

    Each value is ``{"p", "r", "f1", "tp", "pred", "gold"}``. Raises ``ValueError`` when the
    lists differ in length.
    """
    if len(preds) != len(golds):
        raise ValueError("preds and golds must have the same length")
    totals = {field: [0, 0, 0] for field in FIELDS}
    for pred, gold in zip(preds, golds, strict=True):
        for field in FIELDS:
            gold_items = _items(field, gold)
            if gold_items is None:
                continue
            pred_items = _items(field, pred) or []
            tp, predicted, expected = _count(pred_items, gold_items)
            totals[field][0] += tp
            totals[field][1] += predicted
            totals[field][2] += expected
    return {field: _prf(*totals[field]) for field in FIELDS}


def diff(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """What one prediction missed and added, field by field (for the benchmark's report)."""
    out: dict[str, dict[str, list[Any]]] = {}
    for field in FIELDS:
        gold_items = _items(field, gold)
        if gold_items is None:
            continue
        pred_items = _items(field, pred) or []
        missing = list((Counter(gold_items) - Counter(pred_items)).elements())
        extra = list((Counter(pred_items) - Counter(gold_items)).elements())
        if missing or extra:
            out[field] = {"missing": missing, "extra": extra}
    return out
