"""The real court documents of ../shared/samples/judgments: header fields of every sample.

Skipped when the samples are absent (they are never copied into the repository). The scans are
OCRed once per session through the platform pipeline and the page texts cached under
var/cache/extraction (the benchmark shares the cache), so a rerun takes a second.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings

from decisions.extraction import extract
from decisions.extraction.evaluate import score
from decisions.extraction.sources import cached_pages
from decisions.extraction.sources import pages_from_path

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples" / "judgments"
CACHE = Path(settings.BASE_DIR) / "var" / "cache" / "extraction"

pytestmark = pytest.mark.skipif(
    not (SAMPLES / "labels.json").exists(), reason="../shared/samples is not available"
)


@pytest.fixture(scope="session")
def real_samples() -> dict[str, tuple[dict, dict]]:
    """doc_id -> (gold labels, rules extraction as labels); OCR once per session (cached)."""
    golds = json.loads((SAMPLES / "labels.json").read_text(encoding="utf-8"))
    out = {}
    for gold in golds:
        path = SAMPLES / gold["file"]
        pages = pages_from_path(path) if path.suffix == ".txt" else cached_pages(path, CACHE)
        out[gold["doc_id"]] = (gold, extract(pages, mode="rules").to_labels())
    return out


#: Header fields as read from each sample. The number of QD_168 is under a stamp that the OCR
#: cannot read: the parser must say "not found" (None), never borrow another number of the text.
EXPECTED_HEADERS = {
    "BA_311.2025.HS.ST": ("311/2025/HS-ST", "2025-05-22", "HS"),
    "QD_1161.2025.QDST.DS": ("1161/2025/QĐST-DS", "2025-06-30", "DS"),
    "QD_168.2025.QDST.LD": (None, "2025-05-13", "LD"),
    "QD_2267.2025.QDST.KDTM": ("2267/2024/QĐST-KDTM", "2024-06-03", "KDTM"),
    "QD_5835.2025.QD.SCBSQD": ("5835/2025/QĐ-SCBSQĐ", "2025-06-23", "LD"),
    "HS_19.2021.langson": ("19/2021/HS-ST", "2021-03-10", "HS"),
    "HS_50.2020.lethuy-PARTIAL": ("50/2020/HS-ST", "2020-09-30", "HS"),
}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_HEADERS))
def test_header_fields_of_each_sample(real_samples, doc_id: str) -> None:
    gold, pred = real_samples[doc_id]
    number, date, case_type = EXPECTED_HEADERS[doc_id]
    assert (pred["judgment_number"], pred["date"], pred["case_type"]) == (number, date, case_type)
    assert pred["court"] == gold["court"]
    if number is not None:
        assert number == gold["judgment_number"]
    assert (date, case_type) == (gold["date"], gold["case_type"])


def test_scores_meet_the_targets(real_samples) -> None:
    golds = [gold for gold, _pred in real_samples.values()]
    preds = [pred for _gold, pred in real_samples.values()]
    result = score(preds, golds)
    for field in ("court", "judgment_number", "date", "case_type"):
        assert result[field]["f1"] >= 0.9, field
    assert result["parties"]["f1"] >= 0.85
    assert result["obligations"]["f1"] >= 0.8
    assert result["court_fees"]["f1"] >= 0.8


def test_traps_of_the_samples(real_samples) -> None:
    # refunds of fee advances are not fees; money of the facts is not an obligation
    _gold, kdtm = real_samples["QD_2267.2025.QDST.KDTM"]
    assert kdtm["court_fees"] == [] and kdtm["obligations"] == []
    gold, langson = real_samples["HS_19.2021.langson"]
    assert langson["obligations"] == []  # prices in the facts, the procurator's proposal
    assert langson["court_fees"] == gold["court_fees"]
    assert [f["amount_vnd"] for f in langson["court_fees"]] == [200_000]
