"""Legal cross-checks of an extracted (or officer-corrected) judgment.

``cross_check(ext)`` returns the problems found, each a ``CrossCheckIssue`` with a Vietnamese
message and the path of the field it concerns. Blocking issues are contradictions inside the
judgment's own text, or between the text and the reading, that an officer must resolve before
the judgment is confirmed; warnings point at something worth a look.

| code | what | blocking |
|---|---|---|
| ``missing_field`` | court, number or date not read | yes |
| ``amount_words_mismatch`` | an amount in figures differs from its words | yes |
| ``amount_words_unreadable`` | the words next to an amount do not read as a number | no |
| ``components_mismatch`` | the items listed ("gồm ...") do not add up to the total | yes |
| ``number_format`` | the number is not "sequence/year/code" with a known code | yes |
| ``number_year`` | the year in the number differs from the year of the date | yes |
| ``case_type_code`` | the case type differs from the code in the number | yes |
| ``court_level`` | an appeal (PT) or cassation (GĐT) from a lower court | no |
| ``unknown_party`` | a debtor, creditor or payer that is not among the parties | yes |
| ``money_without_amount`` | a money obligation without an amount | no |
| ``fee_schedule`` | a court fee matching neither the fixed fee nor the band | no |

The fee schedule (``fee_schedule``, Nghị quyết 326/2016/UBTVQH14) is marked [?] in the domain
notes, so a fee that does not match it is only a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from decisions.extraction import fee_schedule
from decisions.extraction.numwords import WordsError
from decisions.extraction.numwords import words_to_int
from decisions.extraction.rules import NUMBER_CODE
from decisions.extraction.rules import code_case_type
from decisions.extraction.rules import normalise_code
from decisions.extraction.text import fold
from decisions.types import STATE
from decisions.types import CrossCheckIssue
from decisions.types import ExtractedJudgment
from decisions.types import Field

_LOWER_COURT = re.compile(
    r"\b(?:huyen|quan|thi\s+xa|khu\s+vuc)\b|\bthanh\s+pho\b.*,\s*(?:tinh|thanh\s+pho)"
)
_HIGH_COURT = re.compile(r"\bcap\s+cao\b|\btoi\s+cao\b")


def _v(field: Field | None) -> Any:
    return None if field is None else field.value


def _name_key(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(name)))


def _fmt(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _words_issue(path: str, amount: int | None, words: str | None) -> CrossCheckIssue | None:
    if amount is None or not words:
        return None
    try:
        value = words_to_int(words)
    except WordsError:
        return CrossCheckIssue(
            code="amount_words_unreadable",
            message=f"Không đọc được số tiền bằng chữ “{words}” để đối chiếu với {_fmt(amount)}.",
            path=path,
            blocking=False,
        )
    if value != amount:
        return CrossCheckIssue(
            code="amount_words_mismatch",
            message=(
                f"Số tiền bằng số ({_fmt(amount)}) khác số tiền bằng chữ “{words}” ({_fmt(value)})."
            ),
            path=path,
        )
    return None


def _header_issues(ext: ExtractedJudgment) -> list[CrossCheckIssue]:
    issues: list[CrossCheckIssue] = []
    labels = {
        "court": "tên Tòa án",
        "judgment_number": "số bản án/quyết định",
        "date": "ngày ban hành",
    }
    for path, label in labels.items():
        if _v(getattr(ext, path)) in (None, ""):
            issues.append(
                CrossCheckIssue(
                    code="missing_field",
                    message=f"Chưa đọc được {label}; hãy nhập theo bản án.",
                    path=path,
                )
            )
    number = _v(ext.judgment_number)
    date = _v(ext.date)
    court = _v(ext.court) or ""
    case_type = _v(ext.case_type)
    if not number:
        return issues
    match = re.fullmatch(r"\s*(\d{1,6})\s*/\s*(\d{4})\s*/\s*(.+?)\s*", str(number))
    code = normalise_code(match.group(3)) if match else ""
    if not match or not NUMBER_CODE.match(code):
        issues.append(
            CrossCheckIssue(
                code="number_format",
                message=(
                    f"Số “{number}” không đúng dạng số/năm/ký hiệu (ví dụ 12/2025/DS-ST, "
                    "1161/2025/QĐST-DS)."
                ),
                path="judgment_number",
            )
        )
        return issues
    year = int(match.group(2))
    if isinstance(date, dt.date) and date.year != year:
        issues.append(
            CrossCheckIssue(
                code="number_year",
                message=f"Năm trong số ({year}) khác năm của ngày ban hành ({date.year}).",
                path="judgment_number",
            )
        )
    code_type = code_case_type(code)
    if code_type and case_type and code_type != case_type:
        issues.append(
            CrossCheckIssue(
                code="case_type_code",
                message=(
                    f"Loại vụ việc “{case_type}” không khớp ký hiệu “{code}” trong số bản án."
                ),
                path="case_type",
            )
        )
    parts = code.split("-")
    stage = next((p for p in parts if p.endswith(("PT", "GĐT", "TT")) and p not in ("HC",)), "")
    folded_court = fold(court)
    if (
        stage.endswith("PT")
        and _LOWER_COURT.search(folded_court)
        and not _HIGH_COURT.search(folded_court)
    ):
        issues.append(
            CrossCheckIssue(
                code="court_level",
                message=f"Số “{number}” là bản án phúc thẩm nhưng {court} là Tòa án cấp sơ thẩm.",
                path="judgment_number",
                blocking=False,
            )
        )
    if stage.endswith(("GĐT", "TT")) and not _HIGH_COURT.search(folded_court):
        issues.append(
            CrossCheckIssue(
                code="court_level",
                message=(
                    f"Số “{number}” là quyết định giám đốc thẩm/tái thẩm nhưng {court} không "
                    "phải Tòa án cấp cao hoặc Tòa án nhân dân tối cao."
                ),
                path="judgment_number",
                blocking=False,
            )
        )
    return issues


def _split_names(value: str, known: set[str]) -> list[str]:
    """``value`` split at " và " into names, keeping together the pieces of a known name that
    itself contains "và" ("Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam")."""
    parts = re.split(r"\s+và\s+", value)
    names: list[str] = []
    index = 0
    while index < len(parts):
        for stop in range(len(parts), index, -1):
            candidate = " và ".join(parts[index:stop])
            if _name_key(candidate) in known or stop == index + 1:
                names.append(candidate)
                index = stop
                break
    return names


def _party_issues(ext: ExtractedJudgment) -> list[CrossCheckIssue]:
    known = {_name_key(_v(p.name) or "") for p in ext.parties} | {_name_key(STATE)}
    issues: list[CrossCheckIssue] = []
    named: list[tuple[str, str]] = []
    for index, obligation in enumerate(ext.obligations):
        named.append((f"obligations[{index}].debtor", _v(obligation.debtor) or ""))
        named.append((f"obligations[{index}].creditor", _v(obligation.creditor) or ""))
    for index, fee in enumerate(ext.court_fees):
        named.append((f"court_fees[{index}].payer", _v(fee.payer) or ""))
    for path, value in named:
        for name in _split_names(value, known):
            if name.strip() and _name_key(name) not in known:
                issues.append(
                    CrossCheckIssue(
                        code="unknown_party",
                        message=(
                            f"“{name.strip()}” được nêu trong phần quyết định nhưng không có trong "
                            "danh sách đương sự."
                        ),
                        path=path,
                    )
                )
    return issues


def _amount_issues(ext: ExtractedJudgment) -> list[CrossCheckIssue]:
    issues: list[CrossCheckIssue] = []
    for index, obligation in enumerate(ext.obligations):
        amount = _v(obligation.amount_vnd)
        issue = _words_issue(
            f"obligations[{index}].amount_vnd", amount, _v(obligation.amount_words)
        )
        if issue:
            issues.append(issue)
        components = _v(obligation.components)
        if amount is not None and components:
            total = sum(int(c["amount_vnd"]) for c in components)
            if total != amount:
                issues.append(
                    CrossCheckIssue(
                        code="components_mismatch",
                        message=(
                            f"Các khoản thành phần cộng lại {_fmt(total)}, khác tổng số tiền "
                            f"{_fmt(amount)}."
                        ),
                        path=f"obligations[{index}].amount_vnd",
                    )
                )
        if _v(obligation.kind) in ("money", "periodic_money") and amount is None:
            issues.append(
                CrossCheckIssue(
                    code="money_without_amount",
                    message="Nghĩa vụ trả tiền chưa có số tiền; hãy kiểm tra lại phần quyết định.",
                    path=f"obligations[{index}].amount_vnd",
                    blocking=False,
                )
            )
    for index, fee in enumerate(ext.court_fees):
        issue = _words_issue(
            f"court_fees[{index}].amount_vnd", _v(fee.amount_vnd), _v(fee.amount_words)
        )
        if issue:
            issues.append(issue)
    return issues


def expected_fees(ext: ExtractedJudgment, payer: str, kind: str) -> set[int]:
    """Amounts the schedule allows for the fee of ``payer`` described as ``kind``."""
    on = _v(ext.date) if isinstance(_v(ext.date), dt.date) else None
    folded_kind = fold(kind or "")
    case_type = _v(ext.case_type) or ""
    amounts: set[int] = set()

    def fixed(name: str) -> None:
        fee = fee_schedule.fixed_fee(name, on=on)
        if fee:
            amounts.add(fee.amount_vnd)
            num, den = fee_schedule.SETTLEMENT_RATIO
            amounts.add((fee.amount_vnd * num + den // 2) // den)

    if "hinh su" in folded_kind or (case_type == "HS" and "dan su" not in folded_kind):
        fixed("criminal_appeal" if "phuc tham" in folded_kind else "criminal_first")
        if case_type == "HS" and "dan su" not in folded_kind:
            return amounts
    if "le phi" in folded_kind:
        fixed("non_contentious_first")
    if "phuc tham" in folded_kind:
        fixed("civil_appeal")
    if "hanh chinh" in folded_kind or case_type == "HC":
        fixed("administrative_first")
    fixed(
        "commercial_no_value"
        if case_type == "KDTM"
        else "labour_no_value"
        if case_type == "LD"
        else "civil_no_value"
    )
    key = _name_key(payer)
    value = 0
    joint_value = 0
    for obligation in ext.obligations:
        debtors = {_name_key(n) for n in re.split(r"\s+và\s+", _v(obligation.debtor) or "")}
        amount = _v(obligation.amount_vnd)
        cost = "chi phi" in fold(_v(obligation.description) or "")  # procedural costs bear no fee
        if (
            key in debtors
            and not cost
            and isinstance(amount, int)
            and _v(obligation.kind) in ("money", "periodic_money")
        ):
            if len(debtors) == 1:
                value += amount
            else:
                joint_value += amount
    schedule_type = "DS" if case_type == "HS" else case_type
    if case_type in ("DS", "HNGD", "KDTM", "LD", "HS"):
        for claim in {value, value + joint_value} - {0}:
            fee = fee_schedule.value_fee(schedule_type, claim, on=on)
            if fee is not None:
                amounts.add(fee)
                num, den = fee_schedule.SETTLEMENT_RATIO
                amounts.add((fee * num + den // 2) // den)
    return amounts


def _fee_issues(ext: ExtractedJudgment) -> list[CrossCheckIssue]:
    issues: list[CrossCheckIssue] = []
    for index, fee in enumerate(ext.court_fees):
        amount = _v(fee.amount_vnd)
        if not isinstance(amount, int):
            continue
        allowed = expected_fees(ext, _v(fee.payer) or "", _v(fee.kind) or "")
        if allowed and not any(abs(amount - a) <= 1 for a in allowed):
            shown = ", ".join(_fmt(a) for a in sorted(allowed))
            issues.append(
                CrossCheckIssue(
                    code="fee_schedule",
                    message=(
                        f"Án phí {_fmt(amount)} không khớp biểu mức án phí ({shown}) theo "
                        f"{fee_schedule.LEGAL_BASIS}; hãy kiểm tra lại."
                    ),
                    path=f"court_fees[{index}].amount_vnd",
                    blocking=False,
                )
            )
    return issues


def cross_check(ext: ExtractedJudgment) -> list[CrossCheckIssue]:
    """Every cross-check issue of ``ext`` (see the module docstring), blocking ones first."""
    issues = [
        *_header_issues(ext),
        *_amount_issues(ext),
        *_party_issues(ext),
        *_fee_issues(ext),
    ]
    return sorted(issues, key=lambda issue: not issue.blocking)
