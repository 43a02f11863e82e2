"""Month and year periods (Civil Code 2015 Arts 147(3), 148): add_months / add_years."""

from datetime import date

import pytest

from thads.calendar.workdays import add_months
from thads.calendar.workdays import add_years

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 10), 6, date(2026, 9, 10)),  # Thursday: a working day
        (date(2026, 8, 31), 6, date(2027, 3, 1)),  # no 31/02: 28/02/2027 is a Sunday → Monday
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year: last day of February, Tuesday
        (date(2026, 3, 12), 6, date(2026, 9, 14)),  # 12/09/2026 Saturday → Monday 14/09
        (date(2026, 8, 5), 6, date(2027, 2, 11)),  # 05/02/2027 is in Tết 2027 → 11/02/2027
        (date(2026, 5, 15), 0, date(2026, 5, 15)),
    ],
)
def test_add_months(start, n, expected):
    assert add_months(start, n) == expected


def test_add_months_without_roll_forward_keeps_the_nominal_day():
    assert add_months(date(2026, 3, 12), 6, roll_forward=False) == date(2026, 9, 12)


def test_add_years():
    assert add_years(date(2026, 7, 15), 2) == date(2028, 7, 17)  # 15/07/2028 is a Saturday
    assert add_years(date(2028, 2, 29), 1, roll_forward=False) == date(2029, 2, 28)
    assert add_years(date(2026, 9, 1), 1) == date(2027, 9, 1)


def test_negative_periods_are_refused():
    with pytest.raises(ValueError):
        add_months(date(2026, 1, 1), -1)
