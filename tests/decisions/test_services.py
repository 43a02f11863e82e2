"""Services of the judgment workflow: intake, extraction applied, corrections, rows, confirm."""

import dataclasses
import datetime as dt

import pytest

from decisions import services
from decisions.exceptions import JudgmentConfirmBlockedError
from decisions.exceptions import JudgmentFieldInvalidError
from decisions.exceptions import JudgmentIntakeRejectedError
from decisions.exceptions import JudgmentNotEditableError
from decisions.exceptions import JudgmentStaleVersionError
from decisions.models import ExtractedField
from decisions.models import FieldCorrection
from decisions.models import Judgment
from decisions.models import JudgmentCourtFee
from decisions.models import JudgmentObligation
from decisions.models import JudgmentParty
from tests.documents.hostile import encrypted_pdf
from tests.fixtures.decisions import BANK
from tests.fixtures.decisions import COMPANY
from tests.fixtures.decisions import COURT
from tests.fixtures.decisions import NUMBER
from tests.fixtures.decisions import F
from tests.fixtures.decisions import extraction_result
from thads.audit.models import AuditEvent
from thads.documents.models import Document

pytestmark = pytest.mark.django_db

STALE = (
    "Bản án đã được người khác cập nhật sau khi bạn mở trang. "
    "Hãy tải lại trang để xem nội dung mới nhất rồi thực hiện lại."
)


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


# --- intake -------------------------------------------------------------------------------------


def test_intake_stores_the_original_and_starts_reading(
    office, officer, media_root, samples, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        judgment = services.judgment_intake(
            actor=officer, office=office, file=samples / "text-3-pages.pdf"
        )

    assert judgment.status == Judgment.Status.RECEIVED
    assert judgment.source == Judgment.Source.UPLOAD
    assert judgment.received_by == officer
    assert judgment.document.purpose == "judgment"
    assert judgment.document.page_count == 3
    assert judgment.document.status == Document.Status.PROCESSING
    assert len(callbacks) == 1  # the page tasks, queued after commit
    [event] = events("decisions.judgment_received")
    assert event.actor_id == officer.pk
    assert event.object_id == str(judgment.pk)
    assert event.after["document_id"] == judgment.document_id
    assert ExtractedField.objects.filter(judgment=judgment).count() == 0


def test_intake_of_the_same_file_returns_the_same_judgment(office, officer, media_root, samples):
    first = services.judgment_intake(actor=officer, office=office, file=samples / "scan.png")
    again = services.judgment_intake(actor=officer, office=office, file=samples / "scan.png")

    assert again.pk == first.pk
    assert Judgment.objects.count() == 1
    assert len(events("decisions.judgment_received")) == 1


def test_court_metadata_prefills_the_header_with_full_confidence(
    office, media_root, samples, django_capture_on_commit_callbacks
):
    judgment = services.judgment_intake(
        actor=None,
        office=office,
        file=samples / "scan.png",
        source=Judgment.Source.COURT_API,
        metadata={
            "court_name": COURT,
            "judgment_number": NUMBER,
            "judgment_date": "2025-06-12",
            "case_type": "KDTM",
        },
    )

    assert (judgment.court, judgment.number, judgment.issued_on, judgment.case_type) == (
        COURT,
        NUMBER,
        dt.date(2025, 6, 12),
        "KDTM",
    )
    fields = {f.path: (f.value, f.confidence, f.source) for f in judgment.fields.all()}
    assert fields == {
        "court": (COURT, 1.0, "court"),
        "judgment_number": (NUMBER, 1.0, "court"),
        "date": ("2025-06-12", 1.0, "court"),
        "case_type": ("KDTM", 1.0, "court"),
    }
    [event] = events("decisions.judgment_received")
    assert event.actor_id is None


def test_intake_refuses_a_hostile_file_and_stores_nothing(office, officer, media_root, tmp_path):
    bad = tmp_path / "ban-an.pdf"
    bad.write_bytes(encrypted_pdf(tmp_path))

    with pytest.raises(JudgmentIntakeRejectedError) as caught:
        services.judgment_intake(actor=officer, office=office, file=bad)

    assert caught.value.message == (
        "Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa."
    )
    assert Judgment.objects.count() == 0
    assert Document.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="decisions.").count() == 0


def test_intake_refuses_invalid_court_metadata(office, media_root, samples):
    with pytest.raises(JudgmentFieldInvalidError) as caught:
        services.judgment_intake(
            actor=None, office=office, file=samples / "scan.png", metadata={"case_type": "XYZ"}
        )

    assert caught.value.message == "Giá trị không thuộc danh mục cho phép."
    assert Judgment.objects.count() == 0
    assert Document.objects.count() == 0


# --- extraction applied -------------------------------------------------------------------------


def test_apply_extraction_writes_rows_fields_and_review_status(review_judgment):
    judgment = review_judgment

    assert judgment.status == Judgment.Status.REVIEW
    assert (judgment.court, judgment.number, judgment.issued_on, judgment.case_type) == (
        COURT,
        NUMBER,
        dt.date(2025, 6, 12),
        "KDTM",
    )
    parties = list(JudgmentParty.objects.filter(judgment=judgment))
    assert [(p.position, p.role, p.name) for p in parties] == [
        (0, "plaintiff", BANK),
        (1, "defendant", COMPANY),
    ]
    [obligation] = JudgmentObligation.objects.filter(judgment=judgment)
    assert obligation.debtor == parties[1]
    assert obligation.creditor == parties[0]
    assert obligation.amount_vnd == 150_000_000
    [fee] = JudgmentCourtFee.objects.filter(judgment=judgment)
    assert (fee.payer, fee.amount_vnd) == (parties[1], 7_500_000)
    assert ExtractedField.objects.filter(judgment=judgment).count() == 19
    amount = ExtractedField.objects.get(judgment=judgment, path="obligations[0].amount_vnd")
    assert (amount.value, amount.confidence, amount.page, amount.start, amount.end) == (
        150_000_000,
        0.7,
        2,
        180,
        189,
    )
    assert judgment.extraction["judgment_number"] == NUMBER
    [event] = events("decisions.judgment_extracted")
    assert event.after["fields"] == 19


def test_a_second_extraction_replaces_instead_of_duplicating(review_judgment):
    services.judgment_apply_extraction(judgment_id=review_judgment.pk, result=extraction_result())

    assert JudgmentParty.objects.filter(judgment=review_judgment).count() == 2
    assert JudgmentObligation.objects.filter(judgment=review_judgment).count() == 1
    assert JudgmentCourtFee.objects.filter(judgment=review_judgment).count() == 1
    assert ExtractedField.objects.filter(judgment=review_judgment).count() == 19


def test_the_task_result_is_dropped_once_the_judgment_left_extraction(review_judgment):
    other = dataclasses.replace(extraction_result(), court=F("Tòa khác", 0.5))

    assert (
        services.judgment_apply_extraction(
            judgment_id=review_judgment.pk, result=other, only_if_extracting=True
        )
        is None
    )
    review_judgment.refresh_from_db()
    assert review_judgment.court == COURT


def test_a_confirmed_judgment_is_never_overwritten(review_judgment, officer):
    services.judgment_confirm(
        actor=officer, judgment=review_judgment, version=review_judgment.version
    )

    with pytest.raises(JudgmentNotEditableError):
        services.judgment_apply_extraction(
            judgment_id=review_judgment.pk, result=extraction_result()
        )


def test_state_as_creditor_has_no_party_link(make_review_judgment, office):
    result = extraction_result()
    fine = dataclasses.replace(result.obligations[0], creditor=F("Nhà nước", 0.9, 2, 150))
    judgment = make_review_judgment(office, dataclasses.replace(result, obligations=(fine,)))

    [obligation] = JudgmentObligation.objects.filter(judgment=judgment)
    assert (obligation.creditor, obligation.creditor_name) == (None, "Nhà nước")


# --- corrections --------------------------------------------------------------------------------


def test_correcting_an_amount_stores_the_correction_and_audits(review_judgment, officer):
    version = review_judgment.version

    field = services.judgment_field_correct(
        actor=officer,
        judgment=review_judgment,
        path="obligations[0].amount_vnd",
        value="155.000.000 đ",
        version=version,
    )

    assert (field.value, field.status) == (155_000_000, ExtractedField.Status.CORRECTED)
    assert JudgmentObligation.objects.get(judgment=review_judgment).amount_vnd == 155_000_000
    [correction] = FieldCorrection.objects.filter(judgment=review_judgment)
    assert (
        correction.path,
        correction.before,
        correction.after,
        correction.page,
        correction.start,
        correction.end,
        correction.corrected_by,
    ) == ("obligations[0].amount_vnd", 150_000_000, 155_000_000, 2, 180, 189, officer)
    review_judgment.refresh_from_db()
    assert review_judgment.version == version + 1
    [event] = events("decisions.judgment_field_corrected")
    assert (event.actor_id, event.before, event.after) == (
        officer.pk,
        {"path": "obligations[0].amount_vnd", "value": 150_000_000},
        {"path": "obligations[0].amount_vnd", "value": 155_000_000},
    )


def test_correcting_the_date_takes_day_month_year(review_judgment, officer):
    services.judgment_field_correct(
        actor=officer,
        judgment=review_judgment,
        path="date",
        value="02/07/2025",
        version=review_judgment.version,
    )

    review_judgment.refresh_from_db()
    assert review_judgment.issued_on == dt.date(2025, 7, 2)
    assert FieldCorrection.objects.get().after == "2025-07-02"


def test_renaming_a_debtor_relinks_the_party(review_judgment, officer):
    services.judgment_field_correct(
        actor=officer,
        judgment=review_judgment,
        path="obligations[0].debtor",
        value=BANK,
        version=review_judgment.version,
    )

    obligation = JudgmentObligation.objects.get(judgment=review_judgment)
    assert (obligation.debtor_name, obligation.debtor.position) == (BANK, 0)


def test_correcting_a_value_never_extracted_creates_its_field(review_judgment, officer):
    field = services.judgment_field_correct(
        actor=officer,
        judgment=review_judgment,
        path="parties[0].birth_year",
        value="1985",
        version=review_judgment.version,
    )

    assert (field.value, field.confidence, field.source, field.page) == (1985, 1.0, "officer", None)
    assert FieldCorrection.objects.get().before is None


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "date",
            "2025-06-12",
            "Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 22/05/2025.",
        ),
        (
            "date",
            "31/02/2025",
            "Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 22/05/2025.",
        ),
        (
            "obligations[0].amount_vnd",
            "1,5 triệu",
            "Số tiền phải là số nguyên đồng, không có phần lẻ thập phân.",
        ),
        ("obligations[0].amount_vnd", "-5.000", "Số tiền không được là số âm."),
        ("court_fees[0].amount_vnd", "", "Hãy nhập số tiền."),
        ("parties[0].role", "witness", "Giá trị không thuộc danh mục cho phép."),
        ("obligations[0].kind", "debt", "Giá trị không thuộc danh mục cho phép."),
        ("case_type", "HNGĐ", "Giá trị không thuộc danh mục cho phép."),
        (
            "parties[1].id_number",
            "12345",
            "Số định danh phải gồm 12 chữ số (hoặc 9 chữ số với chứng minh nhân dân cũ).",
        ),
        ("parties[1].birth_year", "85", "Năm sinh phải là số có 4 chữ số, ví dụ 1985."),
        ("court", "  ", "Hãy nhập tòa án."),
        ("parties[7].name", "Ai đó", "Không tìm thấy dòng cần sửa; hãy tải lại trang."),
        ("parties[0].nickname", "x", "Trường không hợp lệ."),
    ],
)
def test_invalid_values_are_refused_with_a_vietnamese_message(
    review_judgment, officer, path, value, message
):
    version = review_judgment.version

    with pytest.raises(JudgmentFieldInvalidError) as caught:
        services.judgment_field_correct(
            actor=officer, judgment=review_judgment, path=path, value=value, version=version
        )

    assert caught.value.message == message
    assert FieldCorrection.objects.count() == 0
    assert AuditEvent.objects.filter(action="decisions.judgment_field_corrected").count() == 0
    review_judgment.refresh_from_db()
    assert review_judgment.version == version


def test_a_stale_version_is_refused(review_judgment, officer, office_head):
    version = review_judgment.version
    services.judgment_field_correct(
        actor=office_head, judgment=review_judgment, path="court", value="Tòa A", version=version
    )

    with pytest.raises(JudgmentStaleVersionError) as caught:
        services.judgment_field_correct(
            actor=officer, judgment=review_judgment, path="court", value="Tòa B", version=version
        )

    assert caught.value.message == STALE
    assert FieldCorrection.objects.count() == 1
    review_judgment.refresh_from_db()
    assert review_judgment.court == "Tòa A"


def test_the_same_value_confirms_instead_of_correcting(review_judgment, officer):
    field = services.judgment_field_correct(
        actor=officer,
        judgment=review_judgment,
        path="court",
        value=COURT,
        version=review_judgment.version,
    )

    assert field.status == ExtractedField.Status.CONFIRMED
    assert FieldCorrection.objects.count() == 0
    assert len(events("decisions.judgment_field_confirmed")) == 1


def test_confirming_a_field(review_judgment, officer):
    field = services.judgment_field_confirm(
        actor=officer,
        judgment=review_judgment,
        path="parties[1].name",
        version=review_judgment.version,
    )

    assert field.status == ExtractedField.Status.CONFIRMED
    assert FieldCorrection.objects.count() == 0
    [event] = events("decisions.judgment_field_confirmed")
    assert event.after == {"path": "parties[1].name", "value": COMPANY}


# --- rows ---------------------------------------------------------------------------------------


def test_adding_a_missed_party(review_judgment, officer):
    party = services.judgment_row_add(
        actor=officer,
        judgment=review_judgment,
        group="parties",
        values={"role": "related_party", "name": "Trần Thị Liên Quan", "birth_year": "1970"},
        version=review_judgment.version,
    )

    assert (party.position, party.role, party.name, party.birth_year) == (
        2,
        "related_party",
        "Trần Thị Liên Quan",
        1970,
    )
    paths = set(
        ExtractedField.objects.filter(
            judgment=review_judgment, path__startswith="parties[2]."
        ).values_list("path", flat=True)
    )
    assert paths == {"parties[2].role", "parties[2].name", "parties[2].birth_year"}
    correction = FieldCorrection.objects.get()
    assert (correction.path, correction.before) == ("parties[2]", None)
    assert correction.after["name"] == "Trần Thị Liên Quan"


def test_adding_a_row_without_its_required_values_is_refused(review_judgment, officer):
    with pytest.raises(JudgmentFieldInvalidError) as caught:
        services.judgment_row_add(
            actor=officer,
            judgment=review_judgment,
            group="court_fees",
            values={"payer": COMPANY},
            version=review_judgment.version,
        )

    assert caught.value.message == "Hãy nhập số tiền."
    assert JudgmentCourtFee.objects.filter(judgment=review_judgment).count() == 1


def test_removing_a_party_moves_the_next_rows_up(review_judgment, officer):
    services.judgment_row_remove(
        actor=officer,
        judgment=review_judgment,
        group="parties",
        index=0,
        version=review_judgment.version,
    )

    assert [
        (p.position, p.name) for p in JudgmentParty.objects.filter(judgment=review_judgment)
    ] == [(0, COMPANY)]
    paths = sorted(
        ExtractedField.objects.filter(
            judgment=review_judgment, path__startswith="parties"
        ).values_list("path", flat=True)
    )
    assert paths == ["parties[0].id_number", "parties[0].name", "parties[0].role"]
    obligation = JudgmentObligation.objects.get(judgment=review_judgment)
    assert (obligation.creditor, obligation.creditor_name) == (None, BANK)
    correction = FieldCorrection.objects.get()
    assert (correction.path, correction.after, correction.before["name"]) == (
        "parties[0]",
        None,
        BANK,
    )


# --- confirmation -------------------------------------------------------------------------------


def test_confirming_the_judgment(review_judgment, officer):
    judgment = services.judgment_confirm(
        actor=officer, judgment=review_judgment, version=review_judgment.version
    )

    assert judgment.status == Judgment.Status.CONFIRMED
    assert judgment.confirmed_by == officer
    assert judgment.confirmed_at is not None
    [event] = events("decisions.judgment_confirmed")
    assert (event.before["status"], event.after["status"]) == ("review", "confirmed")
    statuses = set(judgment.fields.values_list("status", flat=True))
    assert statuses == {ExtractedField.Status.CONFIRMED}


def test_confirmation_is_refused_while_a_blocking_issue_remains(review_judgment, officer):
    services.judgment_field_correct(
        actor=officer,
        judgment=review_judgment,
        path="obligations[0].amount_vnd",
        value="",
        version=review_judgment.version,
    )
    review_judgment.refresh_from_db()

    with pytest.raises(JudgmentConfirmBlockedError) as caught:
        services.judgment_confirm(
            actor=officer, judgment=review_judgment, version=review_judgment.version
        )

    assert [
        (i.code, i.path, i.message) for i in caught.value.issues if i.code == "missing_amount"
    ] == [
        (
            "missing_amount",
            "obligations[0].amount_vnd",
            "Nghĩa vụ 1: nghĩa vụ trả tiền nhưng chưa có số tiền.",
        )
    ]
    review_judgment.refresh_from_db()
    assert review_judgment.status == Judgment.Status.REVIEW
    assert AuditEvent.objects.filter(action="decisions.judgment_confirmed").count() == 0

    services.judgment_field_correct(
        actor=officer,
        judgment=review_judgment,
        path="obligations[0].amount_vnd",
        value="150.000.000",
        version=review_judgment.version,
    )
    review_judgment.refresh_from_db()
    services.judgment_confirm(
        actor=officer, judgment=review_judgment, version=review_judgment.version
    )
    review_judgment.refresh_from_db()
    assert review_judgment.status == Judgment.Status.CONFIRMED


def test_a_missing_header_value_blocks_confirmation(make_review_judgment, office, officer):
    judgment = make_review_judgment(office, extraction_result(court=F("", 0.1)))

    with pytest.raises(JudgmentConfirmBlockedError) as caught:
        services.judgment_confirm(actor=officer, judgment=judgment, version=judgment.version)

    assert caught.value.message.startswith("Chưa thể xác nhận bản án: còn vấn đề phải xử lý. ")
    assert "Thiếu tòa án." in [issue.message for issue in caught.value.issues]


def test_amount_in_words_against_figures_blocks_confirmation(make_review_judgment, office, officer):
    pytest.importorskip("decisions.extraction.checks", reason="the legal cross-checks (H1)")
    result = extraction_result()
    wrong = dataclasses.replace(
        result.obligations[0], amount_words=F("Một trăm triệu đồng", 0.7, 2, 200)
    )
    judgment = make_review_judgment(office, dataclasses.replace(result, obligations=(wrong,)))

    with pytest.raises(JudgmentConfirmBlockedError) as caught:
        services.judgment_confirm(actor=officer, judgment=judgment, version=judgment.version)

    assert "obligations[0].amount_vnd" in {i.path for i in caught.value.issues} | {
        i.path.replace("amount_words", "amount_vnd") for i in caught.value.issues
    }


def test_confirming_twice_is_refused(review_judgment, officer):
    judgment = services.judgment_confirm(
        actor=officer, judgment=review_judgment, version=review_judgment.version
    )

    with pytest.raises(JudgmentNotEditableError) as caught:
        services.judgment_confirm(actor=officer, judgment=judgment, version=judgment.version)

    assert caught.value.message == (
        "Bản án không ở trạng thái chờ rà soát nên không thể sửa hoặc xác nhận."
    )
    assert AuditEvent.objects.filter(action="decisions.judgment_confirmed").count() == 1
