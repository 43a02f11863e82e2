"""Bank statement import: accepted columns and variants, Vietnamese errors per line, matching
to receipts and cases, idempotence, audit; the daily report; exports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from receipts.exports import safe_cell
from receipts.exports import statement_table
from receipts.exports import to_csv
from receipts.models import BankStatementImport
from receipts.models import BankStatementLine
from receipts.reconciliation import StatementFileError
from receipts.reconciliation import case_numbers_in
from receipts.reconciliation import parse_statement
from receipts.selectors.intake import daily_report
from receipts.services import receipt_issue
from receipts.services.intake import StatementLineError
from receipts.services.intake import bank_statement_import
from receipts.services.intake import cash_count_record
from receipts.services.intake import statement_line_assign_case
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "Ngày giao dịch,Số tham chiếu,Ghi nợ,Ghi có,Người chuyển,Nội dung\n"
    '05/10/2026,FT2627801,,"12,500,000",NGUYEN VAN AN,THA 12 2026 T101-KV01\n'
    "05/10/2026,FT2627802,,3.000.000,TRAN THI HA,nop tien HS 99/2026\n"
    "05/10/2026,FT2627803,11.000,,,Phi dich vu SMS\n"
    "31/02/2026,FT2627804,,500.000,LE VAN C,sai ngay\n"
    "06/10/2026,FT2627805,,abc,LE VAN D,sai so tien\n"
    '06/10/2026,FT2627806,,"750,000",PHAM VAN E,chuyen tien\n'
)


def upload(text: str, name: str = "saoke.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_parse_good_and_bad_lines_with_vietnamese_messages():
    parsed = parse_statement(GOOD_CSV.encode())
    assert [(r.line, r.direction, r.amount_vnd) for r in parsed.lines] == [
        (2, "credit", 12_500_000),
        (3, "credit", 3_000_000),
        (4, "debit", 11_000),
        (7, "credit", 750_000),
    ]
    assert [(e.line, e.message) for e in parsed.errors] == [
        (5, "Dòng 5: ngày giao dịch “31/02/2026” không hợp lệ (dd/mm/yyyy)."),
        (6, "Dòng 6: số tiền “abc” không hợp lệ (phải là số đồng nguyên, khác 0)."),
    ]


def test_header_variants_semicolons_signed_amounts_and_windows_1258():
    text = (
        "Transaction date;Reference;Amount;Remitter;Description\n"
        "2026-10-05 08:00;R1;1500000;A;x\n"
        "2026-10-05;R2;-20000;;fee\n"
    )
    parsed = parse_statement(text.encode())
    assert [(r.reference, r.direction, r.amount_vnd, r.payer) for r in parsed.lines] == [
        ("R1", "credit", 1_500_000, "A"),
        ("R2", "debit", 20_000, ""),
    ]
    legacy = "Ngay,So tien,Dien giai\n05/10/2026,200000,Nop tien\n".encode("cp1258")
    assert parse_statement(legacy).lines[0].amount_vnd == 200_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp sao kê trống."),
        (b"\x00\x01binary", "Tệp sao kê không phải tệp văn bản CSV."),
        (
            b'Ngay,So tien\n05/10/2026,"' + b"x" * 140_000,  # unclosed quote past the limit
            "Tệp sao kê không đúng định dạng CSV (ký tự lạ hoặc dấu ngoặc kép không đóng).",
        ),
        (
            "Số tham chiếu,Nội dung\nA,B\n".encode(),
            "Thiếu cột ngày giao dịch, số tiền (hoặc ghi có). Các cột được chấp nhận: Ngày giao "
            "dịch, Ghi có, Ghi nợ (hoặc Số tiền), Số tham chiếu, Người chuyển, Tài khoản đối "
            "ứng, Nội dung.",
        ),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(data, message):
    with pytest.raises(StatementFileError) as caught:
        parse_statement(data)
    assert caught.value.message == message


def test_old_mac_line_endings_are_read():
    parsed = parse_statement(b"Ngay,So tien\r05/10/2026,1000\r06/10/2026,2000\r")
    assert [(r.line, r.amount_vnd) for r in parsed.lines] == [(2, 1000), (3, 2000)]


def test_case_numbers_in_transfer_contents():
    assert case_numbers_in("THA 12 2026 T101-KV01") == [("12", "2026")]
    assert case_numbers_in("nop tien hs 0099/2026 ngay 05/10/2026") == [("99", "2026")]
    assert case_numbers_in("ngay 05/10/2026") == []


def test_import_matches_by_reference_case_number_and_amount_date(accountant, office, case):
    issue = dict(actor=accountant, office=office, purpose="other", method="transfer", sign=False)
    by_ref = receipt_issue(
        **issue,
        payer_name="Trần Thị Hà",
        amount_vnd=3_000_000,
        idempotency_key="k1",
        bank_reference="FT2627802",
        collected_at=timezone.make_aware(dt.datetime(2026, 10, 5, 9, 0)),  # noqa: DTZ001
    )
    by_amount = receipt_issue(
        **issue,
        payer_name="Phạm Văn E",
        amount_vnd=750_000,
        idempotency_key="k2",
        bank_reference="khac",
        collected_at=timezone.make_aware(dt.datetime(2026, 10, 5, 16, 0)),  # noqa: DTZ001
    )
    statement = bank_statement_import(actor=accountant, uploaded_file=upload(GOOD_CSV))
    lines = {line.line_no: line for line in statement.lines.all()}
    assert (statement.line_count, statement.matched_count, statement.error_count) == (4, 3, 2)
    assert (lines[2].match, lines[2].match_rule, lines[2].case_id) == (
        "case",
        "case_number",
        case.pk,
    )
    assert (lines[3].match, lines[3].match_rule, lines[3].receipt_id) == (
        "receipt",
        "reference",
        by_ref.pk,
    )
    assert lines[4].match == "unmatched"  # a debit is never matched
    assert (lines[7].match, lines[7].match_rule, lines[7].receipt_id) == (
        "receipt",
        "amount_date",
        by_amount.pk,
    )
    event = AuditEvent.objects.get(action="receipts.statement_imported")
    assert event.after == {"file": "saoke.csv", "lines": 4, "matched": 3, "errors": 2}
    # the same file again is the same import: no second row, no second audit event
    again = bank_statement_import(actor=accountant, uploaded_file=upload(GOOD_CSV))
    assert again.pk == statement.pk
    assert BankStatementImport.objects.count() == 1
    assert AuditEvent.objects.filter(action="receipts.statement_imported").count() == 1


def test_case_of_another_office_is_never_matched(accountant, other_office):
    from tests.factories.enforcement import CaseFactory

    CaseFactory(office=other_office, number="12/2026", parties=False, obligations=False)
    statement = bank_statement_import(actor=accountant, uploaded_file=upload(GOOD_CSV))
    assert statement.lines.get(line_no=2).match == BankStatementLine.Match.UNMATCHED


def test_daily_report_sets_receipts_against_cash_book_and_statement(accountant, cashier, office):
    day = dt.date(2026, 10, 5)
    at = timezone.make_aware(dt.datetime(2026, 10, 5, 10, 0))  # noqa: DTZ001
    common = dict(actor=accountant, office=office, purpose="other", sign=False, collected_at=at)
    receipt_issue(
        **common, payer_name="A", amount_vnd=1_000_000, method="cash", idempotency_key="c1"
    )
    receipt_issue(
        **common,
        payer_name="B",
        amount_vnd=3_000_000,
        method="transfer",
        idempotency_key="t1",
        bank_reference="FT2627802",
    )
    cash_count_record(actor=cashier, day=day, cash_in_vnd=900_000, note="thiếu 100.000")
    bank_statement_import(actor=accountant, uploaded_file=upload(GOOD_CSV))
    report = daily_report(actor=accountant, office=office, day=day)
    assert [(m.method, m.count, m.amount_vnd) for m in report.by_method] == [
        ("cash", 1, 1_000_000),
        ("transfer", 1, 3_000_000),
    ]
    assert report.cash_difference == -100_000
    assert (report.bank_credit_lines, report.bank_credits_vnd) == (2, 15_500_000)
    assert report.bank_difference == 12_500_000
    assert [line.line_no for line in report.bank_unmatched] == [2]  # no case 12/2026 here
    assert report.balanced is False


def test_formula_injection_is_neutralised_in_exports(accountant):
    hostile = (
        "Ngày,Ghi có,Người chuyển,Nội dung\n"
        '05/10/2026,1000,=HYPERLINK("http://x"),+cmd\n'
        "05/10/2026,2000,@SUM(A1),-2+3\n"
    )
    statement = bank_statement_import(actor=accountant, uploaded_file=upload(hostile))
    header, rows = statement_table(statement.lines.order_by("line_no"))
    text = to_csv(header, rows).decode("utf-8")
    assert text.startswith("\ufeffDòng,Ngày giao dịch,")
    assert "'=HYPERLINK" in text and "'+cmd" in text and "'@SUM(A1)" in text and "'-2+3" in text
    assert [safe_cell(v) for v in (5, None, "\tx", "ok", "-1")] == [5, None, "'\tx", "ok", "'-1"]


def test_manual_assignment_to_a_case_of_the_office(accountant, office, other_office, case):
    from tests.factories.enforcement import CaseFactory

    CaseFactory(office=other_office, number="99/2026", parties=False, obligations=False)
    statement = bank_statement_import(actor=accountant, uploaded_file=upload(GOOD_CSV))
    line = statement.lines.get(line_no=3)  # "nop tien HS 99/2026": no case 99 in this office
    assert line.match == "unmatched"
    with pytest.raises(StatementLineError) as caught:
        statement_line_assign_case(actor=accountant, line=line, case_number="99/2026")
    assert caught.value.message == "Không tìm thấy đúng một hồ sơ số “99/2026” trong đơn vị."
    assigned = statement_line_assign_case(actor=accountant, line=line, case_number="12/2026")
    assert (assigned.match, assigned.match_rule, assigned.case_id) == ("case", "manual", case.pk)
    statement.refresh_from_db()
    assert statement.matched_count == 2
    with pytest.raises(StatementLineError) as caught:
        statement_line_assign_case(actor=accountant, line=line, case_number="12/2026")
    assert caught.value.message == "Dòng sao kê này đã được đối chiếu."
    assert AuditEvent.objects.filter(action="receipts.statement_line_assigned").count() == 1
