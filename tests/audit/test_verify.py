"""audit_chain_verify finds every kind of tampering (quality.md S7: one test each)."""

import pytest
from django.db import connection

from tests.audit.conftest import forge
from tests.audit.conftest import head_of
from tests.audit.conftest import raw
from tests.audit.conftest import row_of
from thads.audit.hashing import HASHED_FIELDS
from thads.audit.hashing import event_hash
from thads.audit.models import AuditChainHead
from thads.audit.selectors import audit_chain_verify
from thads.audit.services import audit_log
from thads.audit.types import VerifyProblem

pytestmark = pytest.mark.django_db

CHAIN = "T101-KV01"


def _found(report):
    return [(p.chain, p.seq, p.kind) for p in report.problems]


def test_clean_chains_verify(chain6, other_officer):
    audit_log(actor=other_officer, action="test.other")
    audit_log(actor=None, action="test.system")

    report = audit_chain_verify()

    assert (report.ok, report.checked, report.chains, report.problems) == (True, 8, 3, ())
    assert report.problem_count == 0


def test_edited_row_is_altered(chain6):
    raw(
        "UPDATE audit_auditevent SET summary = %s WHERE chain = %s AND seq = 3",
        ["Bước 3 (sửa)", CHAIN],
    )

    report = audit_chain_verify()

    assert not report.ok
    assert report.problems == (
        VerifyProblem(
            CHAIN,
            3,
            "altered",
            "Sự kiện số 3 của chuỗi T101-KV01 đã bị sửa: mã băm không khớp với nội dung.",
        ),
    )


def test_edited_json_snapshot_is_altered(chain6):
    raw("UPDATE audit_auditevent SET after = %s WHERE chain = %s AND seq = 2", ['{"n": 99}', CHAIN])
    assert _found(audit_chain_verify()) == [(CHAIN, 2, "altered")]


def test_edited_and_rehashed_row_breaks_the_next_link(chain6):
    event = row_of(CHAIN, 3)
    event.summary = "Bước 3 (sửa)"
    new_hash = event_hash(tuple(getattr(event, name) for name in HASHED_FIELDS))
    raw(
        "UPDATE audit_auditevent SET summary = %s, hash = %s WHERE chain = %s AND seq = 3",
        ["Bước 3 (sửa)", new_hash, CHAIN],
    )

    report = audit_chain_verify()

    assert report.problems == (
        VerifyProblem(
            CHAIN,
            4,
            "altered",
            "Sự kiện số 4 của chuỗi T101-KV01 không nối tiếp sự kiện số 3: mã băm trước không"
            " khớp (một trong hai sự kiện đã bị thay thế).",
        ),
    )


def test_deleted_row_is_missing(chain6):
    assert raw("DELETE FROM audit_auditevent WHERE chain = %s AND seq = 3", [CHAIN]) == 1

    report = audit_chain_verify()

    assert report.problems == (
        VerifyProblem(CHAIN, 3, "missing", "Chuỗi T101-KV01 thiếu sự kiện số 3: có thể đã bị xóa."),
    )
    assert report.checked == 5


def test_deleted_rows_are_reported_as_one_range(chain6):
    raw("DELETE FROM audit_auditevent WHERE chain = %s AND seq IN (2, 3, 4)", [CHAIN])
    report = audit_chain_verify()
    assert [p.message for p in report.problems] == [
        "Chuỗi T101-KV01 thiếu sự kiện số 2–4: có thể đã bị xóa."
    ]


def test_inserted_row_after_the_last_is_detected(chain6):
    forge(CHAIN, 7, prev_hash=row_of(CHAIN, 6).hash)

    report = audit_chain_verify()

    assert report.problems == (
        VerifyProblem(
            CHAIN,
            7,
            "inserted",
            "Chuỗi T101-KV01 có sự kiện số 7 sau sự kiện cuối cùng mà đầu chuỗi ghi nhận"
            " (số 6): các sự kiện này đã bị chèn thêm.",
        ),
    )


def test_inserted_row_in_the_middle_is_detected(chain6):
    """Make room at seq 3 by renumbering 3..6 to 4..7, then insert a well-formed forgery."""
    raw("UPDATE audit_auditevent SET seq = seq + 1000 WHERE chain = %s AND seq >= 3", [CHAIN])
    raw("UPDATE audit_auditevent SET seq = seq - 999 WHERE chain = %s AND seq > 1000", [CHAIN])
    forge(CHAIN, 3, prev_hash=row_of(CHAIN, 2).hash)

    report = audit_chain_verify()

    assert _found(report) == [
        (CHAIN, 3, "inserted"),
        (CHAIN, 4, "reordered"),
        (CHAIN, 5, "reordered"),
        (CHAIN, 6, "reordered"),
        (CHAIN, 7, "reordered"),
        (CHAIN, 7, "inserted"),
    ]
    assert report.problems[0].message == (
        "Sự kiện số 3 của chuỗi T101-KV01 chiếm chỗ của một sự kiện khác: sự kiện này đã bị"
        " chèn thêm."
    )


def test_reordered_rows_are_detected(chain6):
    """Swap events 3 and 4 (through a free seq: (chain, seq) is unique)."""
    raw("UPDATE audit_auditevent SET seq = 1000 WHERE chain = %s AND seq = 3", [CHAIN])
    raw("UPDATE audit_auditevent SET seq = 3 WHERE chain = %s AND seq = 4", [CHAIN])
    raw("UPDATE audit_auditevent SET seq = 4 WHERE chain = %s AND seq = 1000", [CHAIN])

    report = audit_chain_verify()

    assert report.problems == (
        VerifyProblem(
            CHAIN,
            3,
            "reordered",
            "Sự kiện số 3 của chuỗi T101-KV01 vốn là sự kiện số 4: thứ tự các sự kiện đã bị"
            " thay đổi.",
        ),
        VerifyProblem(
            CHAIN,
            4,
            "reordered",
            "Sự kiện số 4 của chuỗi T101-KV01 vốn là sự kiện số 3: thứ tự các sự kiện đã bị"
            " thay đổi.",
        ),
    )


def test_reordered_by_swapping_content_is_detected(chain6):
    """Swap what rows 1 and 2 hold (their ids stay): the first row of a chain moves too."""
    first, second = row_of(CHAIN, 1), row_of(CHAIN, 2)
    raw("UPDATE audit_auditevent SET seq = 1000 WHERE id = %s", [first.pk])
    raw("UPDATE audit_auditevent SET seq = 1 WHERE id = %s", [second.pk])
    raw("UPDATE audit_auditevent SET seq = 2 WHERE id = %s", [first.pk])

    assert _found(audit_chain_verify()) == [(CHAIN, 1, "reordered"), (CHAIN, 2, "reordered")]


def test_truncated_tail_is_missing(chain6):
    raw("DELETE FROM audit_auditevent WHERE chain = %s AND seq >= 5", [CHAIN])

    report = audit_chain_verify()

    assert report.problems == (
        VerifyProblem(
            CHAIN,
            5,
            "missing",
            "Chuỗi T101-KV01 dừng ở sự kiện số 4 nhưng đầu chuỗi ghi nhận 6 sự kiện: thiếu sự"
            " kiện số 5–6 ở cuối chuỗi.",
        ),
    )


def test_whole_chain_deleted_is_missing(chain6):
    raw("DELETE FROM audit_auditevent WHERE chain = %s", [CHAIN])
    assert _found(audit_chain_verify()) == [(CHAIN, 1, "missing")]


def test_head_with_another_last_hash_is_head_mismatch(chain6):
    AuditChainHead.objects.filter(pk=CHAIN).update(last_hash="f" * 64)

    report = audit_chain_verify()

    assert report.problems == (
        VerifyProblem(
            CHAIN,
            6,
            "head_mismatch",
            "Sự kiện cuối (số 6) của chuỗi T101-KV01 không khớp với mã băm ghi ở đầu chuỗi.",
        ),
    )


def test_chain_without_head_is_head_mismatch(chain6):
    AuditChainHead.objects.filter(pk=CHAIN).delete()
    report = audit_chain_verify()
    assert report.problems == (
        VerifyProblem(
            CHAIN,
            None,
            "head_mismatch",
            "Chuỗi T101-KV01 có 6 sự kiện nhưng không có bản ghi đầu chuỗi.",
        ),
    )


def test_duplicate_seq_is_inserted(chain6):
    """Only possible once the unique constraint is dropped, which an attacker could do."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite cannot drop a constraint")
    raw("ALTER TABLE audit_auditevent DROP CONSTRAINT audit_event_chain_seq_uniq")
    original = row_of(CHAIN, 4)
    forge(CHAIN, 4, prev_hash=original.prev_hash, summary="Bước 4 giả")

    found = _found(audit_chain_verify())

    assert (CHAIN, 4, "inserted") in found
    assert len(found) == 1


def test_only_the_named_chains_are_checked(chain6, other_officer):
    audit_log(actor=other_officer, action="test.other")
    raw("DELETE FROM audit_auditevent WHERE chain = %s AND seq = 3", [CHAIN])

    assert audit_chain_verify(chains=["T102-KV01"]).ok
    assert not audit_chain_verify(chains=[CHAIN]).ok


def test_events_appended_after_the_head_was_read_are_not_errors(chain6, officer, monkeypatch):
    """A chain keeps growing while it is checked: the head is read again at the end."""
    from thads.audit import verification

    original = verification._batches

    def batches_then_append(chain):
        yield from original(chain)
        audit_log(actor=officer, action="test.late")

    monkeypatch.setattr(verification, "_batches", batches_then_append)
    report = audit_chain_verify()
    assert (report.ok, report.checked) == (True, 6)


def test_progress_is_reported(chain6, monkeypatch):
    from thads.audit import verification

    monkeypatch.setattr(verification, "BATCH_SIZE", 2)
    monkeypatch.setattr(verification, "PROGRESS_EVERY", 2)
    calls = []

    report = audit_chain_verify(progress=lambda done, total: calls.append((done, total)))

    assert report.ok
    assert calls == [(2, 6), (4, 6), (6, 6), (6, 6)]
    assert head_of(CHAIN).last_seq == 6


def test_many_problems_are_counted_but_the_list_is_capped(chain6, monkeypatch):
    from thads.audit import verification

    monkeypatch.setattr(verification, "MAX_PROBLEMS", 2)
    raw("UPDATE audit_auditevent SET summary = 'x' WHERE chain = %s", [CHAIN])

    report = audit_chain_verify()

    assert (report.problem_count, len(report.problems)) == (6, 2)
    assert report.counts_by_kind == {"altered": 6}
