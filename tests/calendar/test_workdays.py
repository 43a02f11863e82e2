"""Working days and periods on the package calendar (no overrides): Tết 2026 and 2027, the
2026 swap of 22/08 and 31/08, Vietnam Cultural Day, and the Civil Code's counting rules."""

from datetime import date

import pytest

from thads.calendar.exceptions import CalendarRangeError
from thads.calendar.types import DayInfo
from thads.calendar.types import DayReason
from thads.calendar.workdays import add_calendar_days
from thads.calendar.workdays import add_working_days
from thads.calendar.workdays import day_info
from thads.calendar.workdays import days_off_between
from thads.calendar.workdays import explain_calendar_days
from thads.calendar.workdays import explain_working_days
from thads.calendar.workdays import is_working_day
from thads.calendar.workdays import next_working_day
from thads.calendar.workdays import previous_working_day
from thads.calendar.workdays import upcoming_days_off
from thads.calendar.workdays import working_days_between

pytestmark = pytest.mark.django_db

TET_2026 = [
    (date(2026, 2, 16), "Giao thừa Tết Nguyên Đán"),
    (date(2026, 2, 17), "Tết Nguyên Đán"),
    (date(2026, 2, 18), "Mùng hai Tết Nguyên Đán"),
    (date(2026, 2, 19), "Mùng ba Tết Nguyên Đán"),
    (date(2026, 2, 20), "Mùng bốn Tết Nguyên Đán"),
]


# --- Days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "name"), TET_2026)
def test_tet_2026_days_are_holidays_with_vietnamese_names(day, name):
    assert day_info(day) == DayInfo(day, False, DayReason.HOLIDAY, name)


def test_tet_2027_runs_from_29_tet_to_the_fifth_day():
    days = days_off_between(date(2027, 2, 3), date(2027, 2, 11))

    assert [(i.date, i.reason, i.name) for i in days] == [
        (date(2027, 2, 4), "holiday", "29 Tết"),
        (date(2027, 2, 5), "holiday", "Giao thừa Tết Nguyên Đán"),
        (date(2027, 2, 6), "holiday", "Tết Nguyên Đán"),
        (date(2027, 2, 7), "holiday", "Mùng hai Tết Nguyên Đán"),
        (date(2027, 2, 8), "holiday", "Mùng ba Tết Nguyên Đán"),
        (date(2027, 2, 9), "holiday", "Mùng bốn Tết Nguyên Đán"),
        (date(2027, 2, 10), "holiday", "Mùng năm Tết Nguyên Đán"),
    ]


def test_makeup_saturday_22_08_2026_is_a_working_day():
    info = day_info(date(2026, 8, 22))

    assert info == DayInfo(
        date(2026, 8, 22),
        True,
        DayReason.MAKEUP_SATURDAY,
        "Ngày làm việc bù (nghỉ ngày 31/08/2026)",
    )
    assert is_working_day(date(2026, 8, 22)) is True


def test_monday_31_08_2026_is_the_day_off_swapped_for_22_08():
    assert day_info(date(2026, 8, 31)) == DayInfo(
        date(2026, 8, 31), False, DayReason.HOLIDAY, "Ngày nghỉ (thay cho ngày 22/08/2026)"
    )


def test_vietnam_cultural_day_24_11_2026_is_a_holiday():
    assert day_info(date(2026, 11, 24)) == DayInfo(
        date(2026, 11, 24), False, DayReason.HOLIDAY, "Ngày Văn hóa Việt Nam"
    )


def test_hung_kings_day_on_sunday_2026_is_observed_on_monday():
    assert day_info(date(2026, 4, 26)).name == "Ngày Giỗ Tổ Hùng Vương"
    assert day_info(date(2026, 4, 27)) == DayInfo(
        date(2026, 4, 27), False, DayReason.HOLIDAY, "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 13), DayInfo(date(2026, 2, 13), True)),
        (date(2026, 2, 14), DayInfo(date(2026, 2, 14), False, DayReason.WEEKEND, "Thứ Bảy")),
        (date(2026, 2, 15), DayInfo(date(2026, 2, 15), False, DayReason.WEEKEND, "Chủ nhật")),
        (date(2026, 8, 29), DayInfo(date(2026, 8, 29), False, DayReason.WEEKEND, "Thứ Bảy")),
    ],
)
def test_ordinary_days(day, expected):
    assert day_info(day) == expected
    assert is_working_day(day) is expected.is_working_day


# --- Working-day periods ------------------------------------------------------------------------


def test_five_working_days_from_friday_before_tet_2026_end_friday_27_02():
    # Fri 13/02 → counted from Sat 14/02: weekend, Tết 16–20/02, weekend; 23..27/02 count.
    assert add_working_days(date(2026, 2, 13), 5) == date(2026, 2, 27)
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_explain_five_working_days_after_14_02_2026_lists_exactly_the_days_skipped():
    span = explain_working_days(date(2026, 2, 14), 5)

    assert span.end == date(2026, 2, 27)
    assert [(i.date, i.reason, i.name) for i in span.skipped] == [
        (date(2026, 2, 15), "weekend", "Chủ nhật"),
        *[(d, "holiday", name) for d, name in TET_2026],
        (date(2026, 2, 21), "weekend", "Thứ Bảy"),
        (date(2026, 2, 22), "weekend", "Chủ nhật"),
    ]
    assert span.rule == (
        "Tính 5 ngày làm việc kể từ ngày tiếp theo sau 14/02/2026, không kể thứ Bảy, Chủ nhật, "
        "ngày lễ, Tết và ngày nghỉ bù."
    )
    assert span.legal_basis == "Điều 147 Bộ luật Dân sự 2015"
    assert span.unit == "working_days"


def test_three_working_days_from_the_eve_of_tet_2027_end_monday_15_02():
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)
    assert add_working_days(date(2027, 2, 3), 3) == date(2027, 2, 15)
    assert working_days_between(date(2027, 2, 3), date(2027, 2, 15)) == 3


def test_makeup_saturday_counts_and_the_swapped_monday_does_not():
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    # Fri 28/08 → Sat 29, Sun 30, Mon 31 (swapped), Tue 01/09 and Wed 02/09 (National Day).
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)
    assert working_days_between(date(2026, 8, 21), date(2026, 9, 3)) == 7


def test_vietnam_cultural_day_is_skipped():
    span = explain_working_days(date(2026, 11, 23), 1)

    assert span.end == date(2026, 11, 25)
    assert [(i.date, i.name) for i in span.skipped] == [
        (date(2026, 11, 24), "Ngày Văn hóa Việt Nam")
    ]


def test_zero_working_days_is_the_start_itself_even_on_a_holiday():
    assert add_working_days(date(2026, 2, 17), 0) == date(2026, 2, 17)
    span = explain_working_days(date(2026, 2, 17), 0)
    assert span.skipped == ()
    assert span.rule == "Thời hạn 0 ngày làm việc: kết thúc trong ngày 17/02/2026."


def test_negative_working_days_count_backwards():
    # "3 working days before Friday 27/02/2026": Tue 24/02 (24, 25, 26 lie before 27).
    assert add_working_days(date(2026, 2, 27), -3) == date(2026, 2, 24)
    # Back over Tết: 2 working days before Mon 23/02/2026 is Thu 12/02/2026.
    assert add_working_days(date(2026, 2, 23), -2) == date(2026, 2, 12)
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 12)) == -2
    span = explain_working_days(date(2026, 2, 23), -2)
    assert span.rule == (
        "Tính lùi 2 ngày làm việc trước ngày 23/02/2026, không kể thứ Bảy, Chủ nhật, ngày lễ, "
        "Tết và ngày nghỉ bù."
    )
    assert [i.date for i in span.skipped] == [
        date(2026, 2, 14),
        date(2026, 2, 15),
        *[d for d, _name in TET_2026],
        date(2026, 2, 21),
        date(2026, 2, 22),
    ]


def test_working_days_between_counts_the_half_open_interval():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 13)) == 0
    assert working_days_between(date(2026, 2, 12), date(2026, 2, 13)) == 1
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 22)) == 0
    assert working_days_between(date(2026, 2, 1), date(2026, 2, 28)) == 15
    assert working_days_between(date(2026, 2, 28), date(2026, 2, 1)) == -15
    # 2026: 261 weekdays - 13 weekday holidays (01/01, Tết x5, 27/04, 30/04, 01/05, 31/08,
    # 01/09, 02/09, 24/11) + 1 makeup Saturday (22/08).
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 249


def test_long_periods_cross_years():
    assert add_working_days(date(2026, 1, 5), 1000) == date(2030, 1, 10)
    assert add_working_days(date(2030, 1, 10), -1000) == date(2026, 1, 5)


def test_next_and_previous_working_day():
    assert next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    assert next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)


# --- Calendar-day periods (Civil Code Art 148) ------------------------------------------------


def test_calendar_days_ending_on_a_weekday_do_not_move():
    span = explain_calendar_days(date(2026, 3, 2), 10)

    assert (span.nominal_end, span.end, span.skipped, span.end_moved) == (
        date(2026, 3, 12),
        date(2026, 3, 12),
        (),
        False,
    )
    assert span.rule == (
        "Tính 10 ngày kể từ ngày tiếp theo sau 02/03/2026; ngày cuối cùng của thời hạn là "
        "12/03/2026."
    )


def test_calendar_days_ending_in_tet_2026_roll_to_the_next_working_day():
    span = explain_calendar_days(date(2026, 2, 5), 10)

    assert span.nominal_end == date(2026, 2, 15)
    assert span.end == date(2026, 2, 23)
    assert [i.date for i in span.skipped] == [
        date(2026, 2, 15),
        *[d for d, _name in TET_2026],
        date(2026, 2, 21),
        date(2026, 2, 22),
    ]
    assert span.rule == (
        "Tính 10 ngày kể từ ngày tiếp theo sau 05/02/2026; ngày cuối cùng của thời hạn là "
        "15/02/2026. Ngày đó là ngày nghỉ nên thời hạn kết thúc vào ngày làm việc tiếp theo, "
        "23/02/2026."
    )
    assert span.legal_basis == "Điều 147, Điều 148 Bộ luật Dân sự 2015"


def test_calendar_days_ending_on_the_swapped_day_off_roll_over_national_day():
    span = explain_calendar_days(date(2026, 8, 21), 10)

    assert span.end == date(2026, 9, 3)
    assert [(i.date, i.name) for i in span.skipped] == [
        (date(2026, 8, 31), "Ngày nghỉ (thay cho ngày 22/08/2026)"),
        (date(2026, 9, 1), "Quốc khánh"),
        (date(2026, 9, 2), "Quốc khánh"),
    ]


def test_calendar_days_ending_on_the_makeup_saturday_end_there():
    assert add_calendar_days(date(2026, 8, 12), 10) == date(2026, 8, 22)


def test_calendar_days_inside_the_period_all_count():
    # 10 days from Thu 12/02/2026 pass through Tết and still end on Sun 22/02 → Mon 23/02.
    assert add_calendar_days(date(2026, 2, 12), 10) == date(2026, 2, 23)
    assert add_calendar_days(date(2026, 2, 12), 0) == date(2026, 2, 12)


def test_negative_calendar_days_move_back_to_a_working_day():
    span = explain_calendar_days(date(2026, 2, 25), -5)

    assert (span.nominal_end, span.end) == (date(2026, 2, 20), date(2026, 2, 13))
    assert span.rule == (
        "Tính lùi 5 ngày trước ngày 25/02/2026; ngày cuối cùng là 20/02/2026. Ngày đó là ngày "
        "nghỉ nên lấy ngày làm việc liền trước, 13/02/2026."
    )


# --- Lists --------------------------------------------------------------------------------------


def test_days_off_between_is_half_open_and_includes_weekends():
    days = days_off_between(date(2026, 8, 28), date(2026, 9, 3))

    assert [(i.date, i.reason) for i in days] == [
        (date(2026, 8, 29), "weekend"),
        (date(2026, 8, 30), "weekend"),
        (date(2026, 8, 31), "holiday"),
        (date(2026, 9, 1), "holiday"),
        (date(2026, 9, 2), "holiday"),
    ]
    assert days_off_between(date(2026, 9, 3), date(2026, 8, 28)) == []


def test_upcoming_days_off_lists_holidays_not_weekends():
    days = upcoming_days_off(date(2026, 11, 23), limit=4)

    assert [(i.date, i.name) for i in days] == [
        (date(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
        (date(2027, 1, 1), "Tết Dương lịch"),
        (date(2027, 2, 4), "29 Tết"),
        (date(2027, 2, 5), "Giao thừa Tết Nguyên Đán"),
    ]
    assert upcoming_days_off(date(2026, 11, 23), limit=0) == []


def test_upcoming_days_off_includes_a_holiday_on_a_weekend():
    days = upcoming_days_off(date(2026, 4, 25), limit=2)

    assert [i.date for i in days] == [date(2026, 4, 26), date(2026, 4, 27)]


# --- Range --------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(1994, 12, 31), date(2101, 1, 1)])
def test_dates_outside_the_calendar_are_refused(day):
    with pytest.raises(CalendarRangeError) as info:
        is_working_day(day)

    assert info.value.message == "Lịch ngày làm việc chỉ hỗ trợ các năm từ 1995 đến 2100."


def test_a_period_running_past_2100_is_refused():
    with pytest.raises(CalendarRangeError) as info:
        add_working_days(date(2100, 12, 1), 100)

    assert info.value.message == (
        "Thời hạn vượt ra ngoài phạm vi của lịch ngày làm việc (1995–2100)."
    )
