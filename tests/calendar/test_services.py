"""Overrides: precedence over the package, validation, audit, and the shared cache version."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import IntegrityError
from django.db import transaction

from thads.calendar import workdays
from thads.calendar.exceptions import CalendarOverrideInvalidError
from thads.calendar.models import CalendarOverride
from thads.calendar.services import calendar_override_remove
from thads.calendar.services import calendar_override_set
from thads.calendar.types import DayInfo
from thads.calendar.types import DayReason
from thads.calendar.workdays import add_working_days
from thads.calendar.workdays import day_info
from thads.calendar.workdays import explain_working_days
from thads.calendar.workdays import is_working_day

pytestmark = pytest.mark.django_db

DAY_OFF = CalendarOverride.Kind.DAY_OFF
WORKING_DAY = CalendarOverride.Kind.WORKING_DAY
BASIS = "Thông báo số 9999/TB-BNV ngày 01/12/2026 (thử nghiệm)"


def _set(actor, day, kind, name="Nghỉ bù thử nghiệm", legal_basis=BASIS):
    return calendar_override_set(
        actor=actor, day=day, kind=kind, name=name, legal_basis=legal_basis
    )


# --- Precedence and cache invalidation ---------------------------------------------------------


def test_day_off_override_wins_and_moves_deadlines(
    sysadmin, audit_calls, django_capture_on_commit_callbacks
):
    # Fri 13/03/2026 is an ordinary working day; warm the snapshot first.
    assert add_working_days(date(2026, 3, 12), 1) == date(2026, 3, 13)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _set(sysadmin, date(2026, 3, 13), DAY_OFF, name="Nghỉ thử nghiệm")

    assert len(callbacks) == 1
    assert day_info(date(2026, 3, 13)) == DayInfo(
        date(2026, 3, 13), False, DayReason.OVERRIDE_OFF, "Nghỉ thử nghiệm", BASIS
    )
    assert add_working_days(date(2026, 3, 12), 1) == date(2026, 3, 16)
    span = explain_working_days(date(2026, 3, 12), 1)
    assert [(i.date, i.reason) for i in span.skipped] == [
        (date(2026, 3, 13), "override_off"),
        (date(2026, 3, 14), "weekend"),
        (date(2026, 3, 15), "weekend"),
    ]


def test_working_day_override_on_a_saturday_counts(
    sysadmin, audit_calls, django_capture_on_commit_callbacks
):
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)

    with django_capture_on_commit_callbacks(execute=True):
        _set(sysadmin, date(2026, 3, 14), WORKING_DAY, name="Làm việc bù thử nghiệm")

    assert day_info(date(2026, 3, 14)) == DayInfo(
        date(2026, 3, 14), True, DayReason.OVERRIDE_WORKING, "Làm việc bù thử nghiệm", BASIS
    )
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 14)


def test_working_day_override_corrects_a_package_holiday(
    sysadmin, audit_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _set(sysadmin, date(2026, 8, 31), WORKING_DAY, name="Đi làm (điều chỉnh)")

    assert is_working_day(date(2026, 8, 31)) is True
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 8, 31)


def test_day_off_override_cancels_a_package_makeup_saturday(
    sysadmin, audit_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _set(sysadmin, date(2026, 8, 22), DAY_OFF, name="Không làm việc bù")

    assert is_working_day(date(2026, 8, 22)) is False
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 24)


def test_nothing_changes_before_commit(sysadmin, audit_calls, django_capture_on_commit_callbacks):
    assert is_working_day(date(2026, 3, 13)) is True

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _set(sysadmin, date(2026, 3, 13), DAY_OFF)

    # Not committed yet: the snapshot and the shared version are untouched.
    assert is_working_day(date(2026, 3, 13)) is True
    assert len(callbacks) == 1
    callbacks[0]()
    assert is_working_day(date(2026, 3, 13)) is False


def test_remove_restores_the_package_status(
    sysadmin, audit_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        override = _set(sysadmin, date(2026, 3, 13), DAY_OFF)
    assert is_working_day(date(2026, 3, 13)) is False

    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_remove(actor=sysadmin, override=override)

    assert CalendarOverride.objects.count() == 0
    assert is_working_day(date(2026, 3, 13)) is True


def test_another_process_sees_the_change_once_the_shared_version_moves(sysadmin, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(workdays.time, "monotonic", lambda: clock[0])
    assert is_working_day(date(2026, 3, 13)) is True

    # Another process commits an override and publishes a new version token.
    CalendarOverride.objects.create(
        date=date(2026, 3, 13), kind=DAY_OFF, name="Nghỉ", legal_basis=BASIS, created_by=sysadmin
    )
    cache.set(workdays.VERSION_CACHE_KEY, "version-from-another-process", timeout=None)

    # Within the check interval this process still trusts its snapshot ...
    clock[0] += workdays.VERSION_CHECK_SECONDS / 2
    assert is_working_day(date(2026, 3, 13)) is True
    # ... and reloads once the interval has passed and the token differs.
    clock[0] += workdays.VERSION_CHECK_SECONDS
    assert is_working_day(date(2026, 3, 13)) is False


def test_a_lost_version_token_is_recreated_and_forces_a_reload(sysadmin, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(workdays.time, "monotonic", lambda: clock[0])
    assert is_working_day(date(2026, 3, 13)) is True
    CalendarOverride.objects.create(
        date=date(2026, 3, 13), kind=DAY_OFF, name="Nghỉ", legal_basis=BASIS, created_by=sysadmin
    )

    cache.delete(workdays.VERSION_CACHE_KEY)  # Redis restarted without persistence
    clock[0] += workdays.VERSION_CHECK_SECONDS * 2

    assert is_working_day(date(2026, 3, 13)) is False
    assert cache.get(workdays.VERSION_CACHE_KEY) is not None


def test_the_calendar_keeps_working_when_the_cache_is_down(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(workdays.cache, "get", broken)

    assert add_working_days(date(2026, 2, 13), 5) == date(2026, 2, 27)


# --- Audit and idempotency ----------------------------------------------------------------------


def test_create_is_audited_with_after(sysadmin, audit_calls):
    override = _set(sysadmin, date(2026, 3, 13), DAY_OFF, name="  Nghỉ   thử nghiệm ")

    assert override.name == "Nghỉ thử nghiệm"
    assert override.created_by == sysadmin
    assert audit_calls.calls == [
        {
            "actor": sysadmin,
            "action": "calendar_override.created",
            "target": override,
            "after": {
                "date": "2026-03-13",
                "kind": "day_off",
                "name": "Nghỉ thử nghiệm",
                "legal_basis": BASIS,
            },
            "summary": "Khai báo ngày ngoại lệ 13/03/2026: Nghỉ thử nghiệm",
        }
    ]


def test_setting_an_existing_date_updates_it_with_before_and_after(
    sysadmin, make_user, central_office, audit_calls
):
    other_admin = make_user("sysadmin", central_office)
    first = _set(sysadmin, date(2026, 3, 13), DAY_OFF, name="Nghỉ A")

    second = _set(other_admin, date(2026, 3, 13), DAY_OFF, name="Nghỉ B", legal_basis="TB số 2")

    assert second.pk == first.pk
    assert CalendarOverride.objects.count() == 1
    second.refresh_from_db()
    assert (second.name, second.legal_basis, second.created_by) == ("Nghỉ B", "TB số 2", sysadmin)
    assert audit_calls.actions == ["calendar_override.created", "calendar_override.updated"]
    update = audit_calls.calls[1]
    assert update["actor"] == other_admin
    assert update["before"] == {
        "date": "2026-03-13",
        "kind": "day_off",
        "name": "Nghỉ A",
        "legal_basis": BASIS,
    }
    assert update["after"] == {
        "date": "2026-03-13",
        "kind": "day_off",
        "name": "Nghỉ B",
        "legal_basis": "TB số 2",
    }


def test_double_submit_changes_nothing_the_second_time(
    sysadmin, audit_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as first:
        a = _set(sysadmin, date(2026, 3, 13), DAY_OFF)
    with django_capture_on_commit_callbacks() as second:
        b = _set(sysadmin, date(2026, 3, 13), DAY_OFF)

    assert a.pk == b.pk
    assert CalendarOverride.objects.count() == 1
    assert audit_calls.actions == ["calendar_override.created"]
    assert (len(first), len(second)) == (1, 0)


def test_remove_is_audited_with_the_last_state(sysadmin, audit_calls):
    override = _set(sysadmin, date(2026, 3, 14), WORKING_DAY, name="Làm bù")
    pk = override.pk

    calendar_override_remove(actor=sysadmin, override=override)
    calendar_override_remove(actor=sysadmin, override=override)  # second submit: no-op

    assert not CalendarOverride.objects.filter(pk=pk).exists()
    assert audit_calls.actions == ["calendar_override.created", "calendar_override.removed"]
    removed = audit_calls.calls[1]
    # Audited before the row goes, so the real audit_log still reads the target's pk.
    assert audit_calls.target_pks[1] == pk
    assert (removed["actor"], removed["target"].date) == (sysadmin, date(2026, 3, 14))
    assert removed["before"] == {
        "date": "2026-03-14",
        "kind": "working_day",
        "name": "Làm bù",
        "legal_basis": BASIS,
    }
    assert removed["summary"] == "Xóa ngày ngoại lệ 14/03/2026: Làm bù"


# --- Validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "kind", "message"),
    [
        (
            date(2026, 3, 14),
            DAY_OFF,
            "Ngày 14/03/2026 là Thứ Bảy, vốn đã là ngày nghỉ; không cần khai báo ngày nghỉ.",
        ),
        (
            date(2026, 3, 15),
            DAY_OFF,
            "Ngày 15/03/2026 là Chủ nhật, vốn đã là ngày nghỉ; không cần khai báo ngày nghỉ.",
        ),
        (
            date(2026, 2, 17),
            DAY_OFF,
            "Ngày 17/02/2026 đã là ngày nghỉ “Tết Nguyên Đán” theo lịch nghỉ lễ; "
            "không cần khai báo.",
        ),
        (
            date(2026, 3, 13),
            WORKING_DAY,
            "Ngày 13/03/2026 vốn đã là ngày làm việc; chỉ khai báo ngày làm việc bù cho thứ "
            "Bảy, Chủ nhật hoặc ngày lễ.",
        ),
        (
            date(2026, 8, 22),
            WORKING_DAY,
            "Ngày 22/08/2026 đã là ngày làm việc bù theo lịch nghỉ lễ; không cần khai báo.",
        ),
    ],
)
def test_overrides_that_change_nothing_are_refused(sysadmin, audit_calls, day, kind, message):
    with pytest.raises(CalendarOverrideInvalidError) as info:
        _set(sysadmin, day, kind)

    assert info.value.message == message
    assert info.value.field == "date"
    assert CalendarOverride.objects.count() == 0
    assert audit_calls.calls == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"legal_basis": "   "},
            "legal_basis",
            "Vui lòng nhập căn cứ (số, ký hiệu văn bản công bố).",
        ),
        ({"name": ""}, "name", "Vui lòng nhập tên ngày."),
        ({"kind": "holiday"}, "kind", "Loại ngày ngoại lệ không hợp lệ."),
    ],
)
def test_incomplete_overrides_are_refused(sysadmin, audit_calls, fields, field, message):
    values = {"kind": DAY_OFF, "name": "Nghỉ", "legal_basis": BASIS, **fields}

    with pytest.raises(CalendarOverrideInvalidError) as info:
        calendar_override_set(actor=sysadmin, day=date(2026, 3, 13), **values)

    assert (info.value.field, info.value.message) == (field, message)
    assert CalendarOverride.objects.count() == 0


def test_updating_an_override_is_judged_against_the_package_not_itself(sysadmin, audit_calls):
    _set(sysadmin, date(2026, 3, 14), WORKING_DAY)

    # Turning the makeup Saturday back into a day off is redundant: it is a weekend anyway.
    with pytest.raises(CalendarOverrideInvalidError):
        _set(sysadmin, date(2026, 3, 14), DAY_OFF)


# --- Model constraints --------------------------------------------------------------------------


def test_one_override_per_date(sysadmin):
    CalendarOverride.objects.create(
        date=date(2026, 3, 13), kind=DAY_OFF, name="A", legal_basis=BASIS, created_by=sysadmin
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarOverride.objects.create(
            date=date(2026, 3, 13), kind=DAY_OFF, name="B", legal_basis=BASIS, created_by=sysadmin
        )


@pytest.mark.parametrize("fields", [{"legal_basis": ""}, {"name": ""}, {"kind": "holiday"}])
def test_database_refuses_rows_without_basis_name_or_kind(sysadmin, fields):
    values = {"kind": DAY_OFF, "name": "A", "legal_basis": BASIS, **fields}

    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarOverride.objects.create(date=date(2026, 3, 13), created_by=sysadmin, **values)
