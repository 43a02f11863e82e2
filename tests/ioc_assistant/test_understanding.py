"""The whole intent of a question (rules + the shipped classifier), the answer wording, and
the evaluation set kept apart from the training questions."""

import datetime as dt
import json

import pytest

from ioc_dashboard.assistant import answers
from ioc_dashboard.assistant import classifier
from ioc_dashboard.assistant.generate import _EVAL_FRAMES
from ioc_dashboard.assistant.generate import DATA_DIR
from ioc_dashboard.assistant.generate import generate_eval
from ioc_dashboard.assistant.generate import generate_train
from ioc_dashboard.assistant.generate import read_jsonl
from ioc_dashboard.assistant.service import understand
from ioc_dashboard.assistant.text import fold
from ioc_dashboard.types import Intent
from ioc_dashboard.types import MetricResult
from ioc_dashboard.types import MetricRow
from ioc_dashboard.types import Period
from tests.ioc_assistant.test_entities import CATALOGUE
from tests.ioc_assistant.test_entities import f

TODAY = dt.date(2026, 11, 23)


def test_weights_are_shipped_and_small():
    assert classifier.weights_present()
    size = sum(p.stat().st_size for p in classifier.WEIGHTS_DIR.iterdir())
    assert size < 5_000_000
    meta = json.loads((classifier.WEIGHTS_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["metric_labels"] == list(classifier.METRIC_LABELS)
    assert meta["group_labels"] == list(classifier.GROUP_LABELS)
    assert meta["training"]["seconds"] < 600


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        (
            "tháng trước Hà Tĩnh thu được bao nhiêu tiền?",
            {
                "metric": "money_collected",
                "filters": f(province=42),
                "group_by": None,
                "period": {"from": "2026-10-01", "to": "2026-10-31"},
            },
        ),
        (
            "so viec qua han theo tung phong o Son La nam nay",
            {
                "metric": "cases_overdue",
                "filters": f(province=14),
                "group_by": "office",
                "period": {"from": "2026-01-01", "to": "2026-11-23"},
            },
        ),
        (
            "Số tiền đã chi trả theo tháng của Phòng THADS khu vực 1 Hà Tĩnh năm ngoái",
            {
                "metric": "money_paid_out",
                "filters": f(province=42, office="T42-KV01"),
                "group_by": "month",
                "period": {"from": "2025-01-01", "to": "2025-12-31"},
            },
        ),
        ("thời tiết hôm nay thế nào", None),
        ("???", None),
    ],
)
def test_understand(question, intent):
    u = understand(question, today=TODAY, catalogue=CATALOGUE)
    assert (u.intent.as_json() if u.intent else None) == intent


def test_evaluation_set_is_large_and_apart_from_training():
    generated = read_jsonl(DATA_DIR / "eval_generated.jsonl")
    written = read_jsonl(DATA_DIR / "eval_written.jsonl")
    assert len(generated) + len(written) >= 300
    assert len(written) >= 60
    # the generated file is what the evaluation templates give (nothing edited by hand)
    assert generated == generate_eval(len(generated))
    training = {fold(row["question"]) for row in generate_train()}
    shared = [r["question"] for r in generated + written if fold(r["question"]) in training]
    assert shared == []
    # the evaluation sentence frames never occur in training questions
    openers = {fold(frame.split("{")[0]) for frame in _EVAL_FRAMES if fold(frame.split("{")[0])}
    assert openers == {"anh/chi cho hoi", "bao cao giup toi", "trong", "toi muon biet"}
    for opener in openers - {"trong"}:
        assert not any(q.startswith(opener) for q in training)


def test_every_expected_intent_is_valid():
    for row in read_jsonl(DATA_DIR / "eval_written.jsonl") + read_jsonl(
        DATA_DIR / "eval_generated.jsonl"
    ):
        exp = row["expected"]
        if exp is not None:
            Intent(metric=exp["metric"], filters=dict(exp["filters"]), group_by=exp["group_by"])


def test_sentence_for_a_figure_and_a_breakdown():
    intent = Intent(
        metric="money_collected",
        filters=f(province=42),
        period=Period(dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
    )
    result = MetricResult(intent=intent, value=1234567000, rows=[], fresh_at=None)
    assert answers.sentence(result, CATALOGUE, TODAY) == (
        "Số tiền đã thu của Hà Tĩnh từ 01/10/2026 đến 31/10/2026 là 1.234.567.000 đồng."
    )
    grouped = Intent(metric="completion_rate_cases", group_by="office", filters=f(province=42))
    rows = [
        MetricRow("T42-KV01", "Phòng THADS khu vực 1 - Hà Tĩnh", 0.8125),
        MetricRow("T42-KV02", "Phòng THADS khu vực 2 - Hà Tĩnh", 0.5),
    ]
    result = MetricResult(intent=grouped, value=0.7, rows=rows, fresh_at=None)
    assert answers.sentence(result, CATALOGUE, TODAY) == (
        "Tỷ lệ thi hành xong về việc của Hà Tĩnh từ 01/10/2026 đến 23/11/2026 (năm thống kê), "
        "theo đơn vị: "
        "Phòng THADS khu vực 1 - Hà Tĩnh: 81,2%; Phòng THADS khu vực 2 - Hà Tĩnh: 50%."
    )


def test_every_suggestion_is_understood():
    got = [
        (u.intent.metric, u.intent.group_by)
        for u in (understand(s, today=TODAY, catalogue=CATALOGUE) for s in answers.suggestions())
    ]
    assert got == [
        ("money_collected", None),
        ("cases_overdue", "office"),
        ("completion_rate_cases", "province"),
        ("cases_received", None),
        ("complaints_overdue", None),
    ]
