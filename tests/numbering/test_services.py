"""number_next: sequential, one counter per (office, series, year), no hole after a rollback."""

import pytest
from django.db import transaction

from thads.numbering.models import NumberSequence
from thads.numbering.selectors import number_sequence_last
from thads.numbering.services import number_next

pytestmark = pytest.mark.django_db

SERIES = "QĐ-THADS"


def take(office, series=SERIES, year=2026):
    with transaction.atomic():
        return number_next(office=office, series=series, year=year)


def test_numbers_are_sequential_from_one(office):
    assert [take(office) for _ in range(5)] == [1, 2, 3, 4, 5]
    row = NumberSequence.objects.get()
    assert (row.office_id, row.series, row.year, row.last_number) == (office.pk, SERIES, 2026, 5)
    assert number_sequence_last(office=office, series=SERIES, year=2026) == 5


def test_each_office_series_and_year_has_its_own_counter(office, sibling_office):
    assert take(office) == 1
    assert take(office) == 2
    assert take(sibling_office) == 1
    assert take(office, series="26TAB") == 1
    assert take(office, year=2027) == 1
    assert take(office.pk) == 3  # an office id works too
    assert take(sibling_office) == 2
    assert NumberSequence.objects.count() == 4
    assert number_sequence_last(office=office, series="AA/2019", year=2026) == 0


def test_a_rolled_back_transaction_leaves_no_hole(office):
    assert take(office) == 1

    class Spoiled(Exception):
        pass

    with pytest.raises(Spoiled), transaction.atomic():
        assert number_next(office=office, series=SERIES, year=2026) == 2
        raise Spoiled

    assert take(office) == 2
    assert NumberSequence.objects.get().last_number == 2


def test_the_first_number_rolled_back_leaves_the_series_at_one(office):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        number_next(office=office, series=SERIES, year=2026)
        1 / 0  # noqa: B018

    assert take(office) == 1


def test_several_numbers_in_one_transaction(office):
    with transaction.atomic():
        taken = [number_next(office=office, series=SERIES, year=2026) for _ in range(3)]
    assert taken == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_refuses(office):
    with pytest.raises(RuntimeError) as error:
        number_next(office=office, series=SERIES, year=2026)
    assert str(error.value) == (
        "number_next() phải được gọi bên trong transaction.atomic() của bên gọi: số cấp ra, "
        "văn bản mang số đó và các bút toán phải cùng một giao dịch, nếu không một giao dịch "
        "bị hủy sẽ để lại số bị bỏ trống."
    )
    assert NumberSequence.objects.count() == 0


@pytest.mark.parametrize(
    ("series", "year", "message"),
    [
        ("", 2026, "number_next(): ký hiệu dãy số (series) không được để trống."),
        ("   ", 2026, "number_next(): ký hiệu dãy số (series) không được để trống."),
        (SERIES, 0, "number_next(): năm không hợp lệ: 0."),
        (SERIES, "2026", "number_next(): năm không hợp lệ: '2026'."),
    ],
)
def test_invalid_series_or_year(office, series, year, message):
    with pytest.raises(ValueError) as error, transaction.atomic():
        number_next(office=office, series=series, year=year)
    assert str(error.value) == message


def test_a_number_of_a_used_series_is_one_statement(office, django_assert_num_queries):
    take(office)

    with transaction.atomic(), django_assert_num_queries(1) as captured:
        assert number_next(office=office, series=SERIES, year=2026) == 2

    assert captured.captured_queries[0]["sql"].startswith(
        "UPDATE numbering_numbersequence SET last_number = last_number + 1"
    )
