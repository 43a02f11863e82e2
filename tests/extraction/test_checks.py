"""Legal cross-checks (decisions.extraction.checks) and the fee schedule as data."""

from __future__ import annotations

import datetime as dt

from decisions.extraction import fee_schedule
from decisions.extraction.checks import cross_check
from decisions.extraction.rules import parse
from decisions.types import STATE
from decisions.types import ExtractedFee
from decisions.types import ExtractedJudgment
from decisions.types import ExtractedObligation
from decisions.types import ExtractedParty
from decisions.types import Field
from tests.extraction import snippets


def f(value, confidence: float = 1.0) -> Field:
    return Field(value, confidence, source="officer")


def judgment(**changes) -> ExtractedJudgment:
    """A consistent officer-corrected civil judgment; ``changes`` replace its fields."""
    values = {
        "court": f("Tòa án nhân dân huyện Đông Anh, Thành phố Hà Nội"),
        "judgment_number": f("76/2025/DS-ST"),
        "date": f(dt.date(2025, 3, 12)),
        "case_type": f("DS"),
        "parties": (
            ExtractedParty(role=f("plaintiff"), name=f("Phùng Thị Lựu")),
            ExtractedParty(role=f("defendant"), name=f("Kiều Văn Tám")),
        ),
        "obligations": (
            ExtractedObligation(
                debtor=f("Kiều Văn Tám"),
                creditor=f("Phùng Thị Lựu"),
                kind=f("money"),
                amount_vnd=f(150_000_000),
                amount_words=f("Một trăm năm mươi triệu đồng"),
                components=f(
                    [
                        {"label": "nợ gốc", "amount_vnd": 140_000_000},
                        {"label": "tiền lãi", "amount_vnd": 10_000_000},
                    ]
                ),
            ),
        ),
        "court_fees": (
            ExtractedFee(
                payer=f("Kiều Văn Tám"),
                amount_vnd=f(7_500_000),
                kind=f("án phí dân sự sơ thẩm"),
                amount_words=f("Bảy triệu năm trăm nghìn đồng"),
            ),
        ),
    }
    values.update(changes)
    return ExtractedJudgment(**values)


def codes(ext: ExtractedJudgment) -> list[tuple[str, str, bool]]:
    return [(i.code, i.path, i.blocking) for i in cross_check(ext)]


def test_consistent_judgment_has_no_issue() -> None:
    assert cross_check(judgment()) == []


def test_parsed_snippet_has_no_issue() -> None:
    result = parse(snippets.pages(snippets.CIVIL_PAGE_1, snippets.CIVIL_PAGE_2))
    assert cross_check(result) == []


def test_figures_differ_from_words() -> None:
    obligation = judgment().obligations[0]
    changed = ExtractedObligation(
        **{**obligation.__dict__, "amount_words": f("Một trăm năm mươi lăm triệu đồng")}
    )
    issues = cross_check(judgment(obligations=(changed,)))
    assert [(i.code, i.path, i.blocking) for i in issues] == [
        ("amount_words_mismatch", "obligations[0].amount_vnd", True)
    ]
    assert issues[0].message == (
        "Số tiền bằng số (150.000.000 đồng) khác số tiền bằng chữ “Một trăm năm mươi lăm triệu "
        "đồng” (155.000.000 đồng)."
    )


def test_unreadable_words_only_warn() -> None:
    fee = judgment().court_fees[0]
    changed = ExtractedFee(**{**fee.__dict__, "amount_words": f("Bảy triệu rưỡi")})
    assert codes(judgment(court_fees=(changed,))) == [
        ("amount_words_unreadable", "court_fees[0].amount_vnd", False)
    ]


def test_components_must_add_up() -> None:
    obligation = judgment().obligations[0]
    changed = ExtractedObligation(
        **{
            **obligation.__dict__,
            "components": f(
                [
                    {"label": "nợ gốc", "amount_vnd": 140_000_000},
                    {"label": "tiền lãi", "amount_vnd": 9_000_000},
                ]
            ),
        }
    )
    issues = cross_check(judgment(obligations=(changed,)))
    assert [(i.code, i.blocking) for i in issues] == [("components_mismatch", True)]
    assert issues[0].message == (
        "Các khoản thành phần cộng lại 149.000.000 đồng, khác tổng số tiền 150.000.000 đồng."
    )


def test_number_checks() -> None:
    assert codes(judgment(judgment_number=f("76/2024/DS-ST"))) == [
        ("number_year", "judgment_number", True)
    ]
    assert codes(judgment(case_type=f("HNGD"))) == [("case_type_code", "case_type", True)]
    assert codes(judgment(judgment_number=f("76/2025/XYZ"))) == [
        ("number_format", "judgment_number", True)
    ]
    # an appeal number from a district court: a warning
    issues = cross_check(judgment(judgment_number=f("76/2025/DS-PT")))
    assert [(i.code, i.blocking) for i in issues] == [("court_level", False)]
    assert issues[0].message == (
        "Số “76/2025/DS-PT” là bản án phúc thẩm nhưng Tòa án nhân dân huyện Đông Anh, Thành phố "
        "Hà Nội là Tòa án cấp sơ thẩm."
    )


def test_missing_header_fields_block() -> None:
    issues = cross_check(judgment(judgment_number=f(None), date=f(None)))
    assert [(i.code, i.path, i.blocking) for i in issues] == [
        ("missing_field", "judgment_number", True),
        ("missing_field", "date", True),
    ]
    assert issues[0].message == "Chưa đọc được số bản án/quyết định; hãy nhập theo bản án."


def test_names_in_the_dispositive_must_be_parties() -> None:
    obligation = judgment().obligations[0]
    changed = ExtractedObligation(
        **{**obligation.__dict__, "debtor": f("Kiều Văn Tám và Lò Thị Mai")}
    )
    issues = cross_check(judgment(obligations=(changed,)))
    assert [(i.code, i.path, i.blocking) for i in issues] == [
        ("unknown_party", "obligations[0].debtor", True)
    ]
    assert issues[0].message == (
        "“Lò Thị Mai” được nêu trong phần quyết định nhưng không có trong danh sách đương sự."
    )
    state = ExtractedObligation(
        debtor=f("Kiều Văn Tám"), creditor=f(STATE), kind=f("fine"), amount_vnd=f(1_000_000)
    )
    assert cross_check(judgment(obligations=(obligation, state))) == []


def test_fee_schedule_warns_only() -> None:
    fee = judgment().court_fees[0]
    changed = ExtractedFee(**{**fee.__dict__, "amount_vnd": f(7_000_000), "amount_words": None})
    issues = cross_check(judgment(court_fees=(changed,)))
    assert [(i.code, i.blocking) for i in issues] == [("fee_schedule", False)]
    assert "Nghị quyết 326/2016/UBTVQH14" in issues[0].message
    assert "[?]" in issues[0].message


def test_fee_schedule_values() -> None:
    on = dt.date(2025, 6, 30)
    assert fee_schedule.value_fee("DS", 5_000_000, on=on) == 300_000
    assert fee_schedule.value_fee("DS", 150_000_000, on=on) == 7_500_000
    assert fee_schedule.value_fee("DS", 600_000_000, on=on) == 28_000_000
    # 72.000.000 + 2 % of the part above 2 billion, rounded to the đồng
    assert fee_schedule.value_fee("DS", 2_696_361_295, on=on) == 85_927_226
    assert fee_schedule.value_fee("KDTM", 50_000_000, on=on) == 3_000_000
    assert fee_schedule.value_fee("LD", 100_000_000, on=on) == 3_000_000
    assert fee_schedule.fixed_fee("criminal_first", on=on).amount_vnd == 200_000
    assert fee_schedule.fixed_fee("criminal_first", on=dt.date(2016, 6, 1)) is None  # before NQ 326


def test_settlement_fee_is_half() -> None:
    # a settlement recognised by the court: half of 85.927.226 (rounded), as courts print it
    fee = ExtractedFee(
        payer=f("Kiều Văn Tám"), amount_vnd=f(42_963_613), kind=f("án phí dân sự sơ thẩm")
    )
    obligation = ExtractedObligation(
        debtor=f("Kiều Văn Tám"),
        creditor=f("Phùng Thị Lựu"),
        kind=f("money"),
        amount_vnd=f(2_696_361_295),
    )
    assert cross_check(judgment(obligations=(obligation,), court_fees=(fee,))) == []


def test_officer_corrected_labels_are_checked() -> None:
    from decisions.extraction.labels import from_labels

    parsed = parse(snippets.pages(snippets.CIVIL_PAGE_1, snippets.CIVIL_PAGE_2))
    labels = parsed.to_labels()
    assert from_labels(labels).to_labels() == labels
    corrected = {
        **labels,
        "judgment_number": "76/2024/DS-ST",
        "obligations": [
            {**labels["obligations"][0], "amount_words": "Một trăm triệu đồng"},
            labels["obligations"][1],
        ],
    }
    ext = from_labels(corrected)
    assert ext.date.value == dt.date(2025, 3, 12)
    assert ext.mode == "officer"
    assert [(i.code, i.path) for i in cross_check(ext)] == [
        ("number_year", "judgment_number"),
        ("amount_words_mismatch", "obligations[0].amount_vnd"),
    ]
