import datetime as dt
import json
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.db import connections
from django.db import transaction

from tests.audit.conftest import head_of
from thads.audit.context import AuditContext
from thads.audit.context import audit_context
from thads.audit.exceptions import AuditAppendOnlyError
from thads.audit.hashing import GENESIS_HASH
from thads.audit.hashing import HASHED_FIELDS
from thads.audit.hashing import event_hash
from thads.audit.models import SYSTEM_CHAIN
from thads.audit.models import AuditEvent
from thads.audit.selectors import audit_chain_verify
from thads.audit.services import audit_log
from thads.org.models import User

pytestmark = pytest.mark.django_db

APPEND_ONLY = "Nhật ký kiểm toán chỉ được ghi thêm: không được sửa hay xóa sự kiện."


def _rehash(event: AuditEvent) -> str:
    return event_hash(tuple(getattr(event, name) for name in HASHED_FIELDS))


def test_events_form_a_chain_per_office(office, officer):
    first = audit_log(actor=officer, action="test.a", office=office)
    second = audit_log(actor=officer, action="test.b", office=office)
    third = audit_log(actor=officer, action="test.c", office=office)

    assert [(e.chain, e.seq) for e in (first, second, third)] == [
        ("T101-KV01", 1),
        ("T101-KV01", 2),
        ("T101-KV01", 3),
    ]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    head = head_of("T101-KV01")
    assert (head.last_seq, head.last_hash) == (3, third.hash)
    assert first.occurred_at <= second.occurred_at <= third.occurred_at


def test_event_records_actor_office_target_and_snapshots(office, office_head, officer):
    event = audit_log(
        actor=office_head,
        action="user.assigned",
        target=officer,
        before={"role": "clerk"},
        after={"role": "enforcement_officer"},
        summary="Phân công",
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor_id == office_head.pk
    assert event.actor_username == office_head.username
    assert event.actor_role == "office_head"
    assert event.office_id == office.pk
    assert event.chain == "T101-KV01"
    assert event.object_type == "org.user"
    assert event.object_id == str(officer.pk)
    assert event.object_repr == str(officer)
    assert event.before == {"role": "clerk"}
    assert event.after == {"role": "enforcement_officer"}
    assert event.summary == "Phân công"
    assert (event.ip, event.user_agent, event.request_id) == (None, "", "")


@pytest.mark.parametrize(
    ("case", "expected_chain"),
    [
        ("target_office_id", "T102-KV01"),
        ("target_is_office", "T101-KV02"),
        ("actor_office", "T101-KV01"),
        ("explicit_office", "T101"),
        ("system", SYSTEM_CHAIN),
    ],
)
def test_office_of_the_event(
    case, expected_chain, officer, other_officer, sibling_office, agency_a
):
    kwargs = {
        "target_office_id": {"actor": officer, "target": other_officer},
        "target_is_office": {"actor": officer, "target": sibling_office},
        "actor_office": {"actor": officer},
        "explicit_office": {"actor": officer, "target": other_officer, "office": agency_a},
        "system": {"actor": None},
    }[case]
    event = audit_log(action="test.office", **kwargs)
    assert event.chain == expected_chain


def test_anonymous_actor_is_recorded_as_system(office):
    from django.contrib.auth.models import AnonymousUser

    event = audit_log(actor=AnonymousUser(), action="test.anon", office=office)
    assert (event.actor_id, event.actor_username, event.actor_role) == (None, "", "")


def test_request_context_is_recorded(office, officer):
    ctx = AuditContext(ip="2001:DB8::0:1", user_agent="Firefox", request_id="req-1")
    with audit_context(ctx):
        event = audit_log(actor=officer, action="test.ctx")
    assert (event.ip, event.user_agent, event.request_id) == ("2001:db8::1", "Firefox", "req-1")
    assert AuditEvent.objects.get(pk=event.pk).ip == "2001:db8::1"


def test_long_and_nul_text_is_cleaned_before_hashing(office, officer):
    with audit_context(AuditContext(ip="not-an-ip", user_agent="U" * 400)):
        event = audit_log(
            actor=officer,
            action="test.long",
            summary="a\x00b",
            after={"k\x00": "v\x00"},
        )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.ip, len(stored.user_agent), stored.summary) == (None, 255, "ab")
    assert stored.after == {"k": "v"}
    assert _rehash(stored) == stored.hash


def test_hash_is_stable_after_database_round_trip(office, officer):
    """jsonb stores keys by length then bytes and prints numbers its own way: still equal."""
    before = {
        "zzzz": 1,
        "a": {"long_key": [3, 2, 1], "k": None},
        "ngày": dt.date(2025, 7, 1),
        "lúc": dt.datetime(2025, 7, 1, 9, 30, 0, 123456, tzinfo=dt.UTC),
        "số_tiền": Decimal("1250000"),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "big": 1e20,
        "tỷ_lệ": 0.1,
        "small": 1.5e-10,
        "neg": -0.0,
        "bool": True,
        "đơn_vị": office,
    }
    with audit_context(AuditContext(ip="2001:db8:0:0:1:0:0:1", user_agent="Chrome")):
        event = audit_log(actor=officer, action="test.json", target=officer, before=before)
    stored = AuditEvent.objects.get(pk=event.pk)

    assert _rehash(stored) == event.hash == stored.hash
    assert stored.ip == "2001:db8::1:0:0:1"
    assert stored.before["big"] == 100000000000000000000
    assert stored.before["neg"] == 0
    assert stored.before["đơn_vị"] == {"model": "org.office", "pk": office.pk, "repr": office.name}
    assert audit_chain_verify().ok
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT before::text FROM audit_auditevent WHERE id = %s", [event.pk])
            text = cursor.fetchone()[0]
        # The database really did reorder the keys (shortest first): the test means something.
        assert text.startswith('{"a": {"k": null, "long_key": [3, 2, 1]}, "big": ')
        assert json.dumps(stored.before, ensure_ascii=False) != text


def test_events_cannot_be_changed_or_deleted_through_the_orm(office, officer):
    event = audit_log(actor=officer, action="test.orm")
    event.summary = "sửa"
    with pytest.raises(AuditAppendOnlyError) as exc:
        event.save()
    assert str(exc.value) == APPEND_ONLY
    with pytest.raises(AuditAppendOnlyError):
        event.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="sửa")
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == ""


def test_rollback_of_the_caller_removes_event_and_head_change(office, officer):
    audit_log(actor=officer, action="test.kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_log(actor=officer, action="test.rolled_back")
        raise RuntimeError
    audit_log(actor=officer, action="test.next")

    assert list(
        AuditEvent.objects.filter(chain="T101-KV01").order_by("seq").values_list("seq", "action")
    ) == [(1, "test.kept"), (2, "test.next")]
    assert audit_chain_verify().ok


def test_interleaved_appends_keep_each_chain_gapless(office, other_office, officer, other_officer):
    for n in range(5):
        audit_log(actor=officer, action=f"test.a{n}")
        audit_log(actor=other_officer, action=f"test.b{n}")

    for chain in ("T101-KV01", "T102-KV01"):
        seqs = list(AuditEvent.objects.for_chain(chain).values_list("seq", flat=True))
        assert seqs == [1, 2, 3, 4, 5]
        assert head_of(chain).last_seq == 5
    report = audit_chain_verify()
    assert (report.ok, report.checked, report.chains) == (True, 10, 2)


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_serialise_per_chain(office, other_office):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL row locks")
    per_thread = 15
    plan = [office.pk, office.pk, other_office.pk, other_office.pk]
    barrier = threading.Barrier(len(plan))
    errors: list[BaseException] = []

    def work(office_pk: int) -> None:
        try:
            from thads.org.models import Office

            target_office = Office.objects.get(pk=office_pk)
            barrier.wait()
            for n in range(per_thread):
                with transaction.atomic():
                    audit_log(actor=None, action=f"test.concurrent{n}", office=target_office)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in plan]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    for chain in ("T101-KV01", "T102-KV01"):
        seqs = list(AuditEvent.objects.for_chain(chain).values_list("seq", flat=True))
        assert seqs == list(range(1, 2 * per_thread + 1))
    report = audit_chain_verify()
    assert (report.ok, report.checked) == (True, 4 * per_thread)


def test_first_event_of_a_new_office_creates_its_head(office):
    assert not User.objects.filter(office=office).exists()
    event = audit_log(actor=None, action="test.first", office=office)
    assert (event.seq, head_of("T101-KV01").last_seq) == (1, 1)


def test_an_append_inside_the_callers_transaction_takes_two_round_trips(
    office, officer, django_assert_num_queries
):
    audit_log(actor=officer, action="test.first", office=office)

    # PostgreSQL: the insert and the head's move are one statement; SQLite needs two.
    statements = 2 if connection.vendor == "postgresql" else 3
    with transaction.atomic(), django_assert_num_queries(statements) as captured:
        event = audit_log(actor=officer, action="test.second", office=office, after={"n": 2})

    sql = [q["sql"] for q in captured.captured_queries]
    assert sql[0].startswith("SELECT last_seq, last_hash FROM audit_auditchainhead")
    expected_insert = "WITH moved AS (UPDATE" if connection.vendor == "postgresql" else "INSERT"
    assert sql[1].startswith(expected_insert)
    assert (event.seq, head_of("T101-KV01").last_seq, head_of("T101-KV01").last_hash) == (
        2,
        2,
        event.hash,
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.after, stored.hash, _rehash(stored)) == ({"n": 2}, event.hash, event.hash)
