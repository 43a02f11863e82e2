"""Properties of the period arithmetic, checked by hypothesis against a day-by-day reference."""

from datetime import date
from datetime import timedelta

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from thads.calendar.workdays import add_calendar_days
from thads.calendar.workdays import add_working_days
from thads.calendar.workdays import days_off_between
from thads.calendar.workdays import explain_working_days
from thads.calendar.workdays import is_working_day
from thads.calendar.workdays import working_days_between

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
counts = st.integers(min_value=0, max_value=1000)
signed_counts = st.integers(min_value=-1000, max_value=1000)


def _reference_add(start: date, n: int) -> date:
    """Day by day: the n-th working day after ``start`` (n > 0)."""
    day, left = start, n
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


@PROPERTY_SETTINGS
@given(start=starts, n=st.integers(min_value=1, max_value=1000))
def test_result_is_a_working_day_after_start(start, n):
    end = add_working_days(start, n)

    assert end > start
    assert is_working_day(end)


@PROPERTY_SETTINGS
@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_matches_counting_day_by_day(start, n):
    assert add_working_days(start, n) == _reference_add(start, n)


@PROPERTY_SETTINGS
@given(start=starts, n=signed_counts)
def test_round_trip_with_working_days_between(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@PROPERTY_SETTINGS
@given(start=starts, n=counts)
def test_monotonic_in_n(start, n):
    assert add_working_days(start, n) < add_working_days(start, n + 1)


@PROPERTY_SETTINGS
@given(start=starts, n=st.integers(min_value=1, max_value=1000))
def test_backwards_mirrors_forwards_from_a_working_day(start, n):
    end = add_working_days(start, n)

    # From a working day, counting back the same number lands on the last working day <= start.
    assert add_working_days(end, -n) == add_working_days(add_working_days(start, 1), -1)


@PROPERTY_SETTINGS
@given(start=starts, n=st.integers(min_value=1, max_value=120))
def test_explanation_accounts_for_every_day_of_the_period(start, n):
    span = explain_working_days(start, n)

    assert (span.end - span.start).days == n + len(span.skipped)
    assert all(not info.is_working_day for info in span.skipped)
    assert list(span.skipped) == days_off_between(start, span.end)


@PROPERTY_SETTINGS
@given(start=starts, n=st.integers(min_value=1, max_value=400))
def test_calendar_period_ends_on_the_first_working_day_from_its_last_day(start, n):
    end = add_calendar_days(start, n)
    nominal = start + timedelta(days=n)

    assert end >= nominal
    assert is_working_day(end)
    assert all(not is_working_day(nominal + timedelta(days=i)) for i in range((end - nominal).days))
