import datetime as dt
import uuid
from decimal import Decimal

from thads.audit.hashing import GENESIS_HASH
from thads.audit.hashing import HASHED_FIELDS
from thads.audit.hashing import canonical_bytes
from thads.audit.hashing import clean_text
from thads.audit.hashing import event_hash
from thads.audit.hashing import jsonable
from thads.audit.hashing import utc_iso
from thads.permissions import Role

HCM = dt.timezone(dt.timedelta(hours=7))


def _row(**changes):
    values = {
        "chain": "T101-KV01",
        "seq": 1,
        "prev_hash": GENESIS_HASH,
        "occurred_at": dt.datetime(2025, 7, 1, 8, 0, 0, 5, tzinfo=HCM),
        "actor_id": 7,
        "actor_username": "canbo1",
        "actor_role": "office_head",
        "office_id": 3,
        "ip": "10.0.0.1",
        "user_agent": "UA",
        "request_id": "abc",
        "action": "user.created",
        "object_type": "org.user",
        "object_id": "9",
        "object_repr": "Nguyễn Văn A",
        "before": None,
        "after": {"b": 1, "a": [1, {"y": 2, "x": 1}]},
        "summary": "Tạo tài khoản",
    }
    values.update(changes)
    return tuple(values[name] for name in HASHED_FIELDS)


def test_utc_iso_has_microseconds_and_z():
    assert utc_iso(dt.datetime(2025, 7, 1, 8, 0, 0, 5, tzinfo=HCM)) == "2025-07-01T01:00:00.000005Z"
    assert utc_iso(dt.datetime(2025, 7, 1, 1, 0, tzinfo=dt.UTC)) == "2025-07-01T01:00:00.000000Z"


def test_canonical_form_is_sorted_compact_utf8():
    text = canonical_bytes(_row()).decode("utf-8")
    assert text.startswith('{"action":"user.created","actor_id":7,')
    assert '"after":{"a":[1,{"x":1,"y":2}],"b":1}' in text
    assert '"object_repr":"Nguyễn Văn A"' in text
    assert '"occurred_at":"2025-07-01T01:00:00.000005Z"' in text
    assert text.endswith(',"v":1}')


def test_hash_ignores_key_order_and_time_zone_but_not_content():
    base = event_hash(_row())
    same_instant = dt.datetime(2025, 7, 1, 1, 0, 0, 5, tzinfo=dt.UTC)
    assert event_hash(_row(after={"a": [1, {"x": 1, "y": 2}], "b": 1})) == base
    assert event_hash(_row(occurred_at=same_instant)) == base
    assert event_hash(_row(summary="Tạo tài khoản.")) != base
    assert event_hash(_row(seq=2)) != base
    assert event_hash(_row(prev_hash="1" * 64)) != base
    assert len(base) == 64


def test_jsonable_makes_values_deterministic(office):
    value = {
        1: dt.date(2025, 7, 1),
        "when": dt.datetime(2025, 7, 1, 8, 0, tzinfo=HCM),
        "amount": Decimal("1250000"),
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "role": Role.OFFICE_HEAD,
        "big": 1e20,
        "whole": 3.0,
        "ratio": 0.25,
        "nan": float("nan"),
        "tags": {"b", "a"},
        "pair": (1, 2),
        "nul": "a\x00b",
        "office": office,
    }
    assert jsonable(value) == {
        "1": "2025-07-01",
        "when": "2025-07-01T01:00:00.000000Z",
        "amount": "1250000",
        "id": "12345678-1234-5678-1234-567812345678",
        "role": "office_head",
        "big": 100000000000000000000,
        "whole": 3,
        "ratio": 0.25,
        "nan": "nan",
        "tags": ["a", "b"],
        "pair": [1, 2],
        "nul": "ab",
        "office": {"model": "org.office", "pk": office.pk, "repr": office.name},
    }


def test_clean_text_cuts_and_drops_nul():
    assert clean_text("ab\x00cdef", 4) == "abcd"
    assert clean_text(None) == ""
    assert clean_text("\ud800x") == "?x"
