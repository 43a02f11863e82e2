"""Worklist, case list and office-load selectors: urgency in SQL, scope, load suggestion."""

import datetime as dt

import pytest

from enforcement.models import Case
from enforcement.models import Deadline
from enforcement.selectors import case_list_for_scope
from enforcement.selectors import office_load_for_user
from enforcement.selectors import office_unassigned_cases
from enforcement.selectors import urgency_counts
from enforcement.selectors import worklist_for_officer
from tests.factories.enforcement import CaseFactory
from tests.factories.enforcement import DeadlineFactory
from thads.permissions import Role

pytestmark = pytest.mark.django_db

#: Friday before Tết 2026 (16-20/02 off, with the weekends 14-15 and 21-22).
FRIDAY_BEFORE_TET = dt.date(2026, 2, 13)
TRIGGER = dt.date(2026, 1, 5)


def make_case(office, officer, number, *, due=None, status=Deadline.Status.OPEN, **fields):
    case = CaseFactory(office=office, assigned_officer=officer, number=number, **fields)
    if due is not None:
        DeadlineFactory(case=case, trigger_on=TRIGGER, due_on=due, status=status)
    return case


def numbers(queryset):
    return [case.number for case in queryset]


def test_worklist_sorts_overdue_then_soon_then_nearest_then_none(office, officer):
    make_case(office, officer, "1/2026/A", due=dt.date(2026, 3, 20))
    make_case(office, officer, "2/2026/A")  # no deadline
    make_case(office, officer, "3/2026/A", due=dt.date(2026, 2, 25))  # 3rd working day after Tết
    make_case(office, officer, "4/2026/A", due=dt.date(2026, 2, 10))  # overdue
    make_case(office, officer, "5/2026/A", due=dt.date(2026, 2, 26))  # 4th working day: later
    make_case(office, officer, "6/2026/A", due=dt.date(2026, 2, 13))  # ends today

    rows = worklist_for_officer(actor=officer, today=FRIDAY_BEFORE_TET)

    assert numbers(rows) == [
        "4/2026/A",
        "6/2026/A",
        "3/2026/A",
        "5/2026/A",
        "1/2026/A",
        "2/2026/A",
    ]
    assert [row.urgency for row in rows] == [0, 1, 1, 2, 2, 3]


def test_worklist_next_deadline_is_the_nearest_running_one(office, officer):
    case = make_case(office, officer, "7/2026/A", due=dt.date(2026, 3, 2))
    DeadlineFactory(
        case=case,
        rule_code="T9_VOLUNTARY_PERIOD",
        trigger_on=TRIGGER,
        due_on=dt.date(2026, 1, 20),
        status=Deadline.Status.MET,
    )
    DeadlineFactory(
        case=case,
        rule_code="T10_START_VERIFICATION",
        trigger_on=TRIGGER,
        due_on=dt.date(2026, 1, 21),
        status=Deadline.Status.PAUSED,
    )

    (row,) = worklist_for_officer(actor=officer, today=FRIDAY_BEFORE_TET)

    assert row.next_due_on == dt.date(2026, 3, 2)
    assert row.urgency == 2


def test_worklist_shows_only_own_open_cases_of_own_office(office, officer, make_user, other_office):
    colleague = make_user(Role.ENFORCEMENT_OFFICER, office)
    make_case(office, officer, "1/2026/B")
    make_case(office, colleague, "2/2026/B")
    make_case(office, officer, "3/2026/B", state=Case.State.CLOSED)
    make_case(office, officer, "4/2026/B", state=Case.State.TERMINATED)
    make_case(office, officer, "5/2026/B", state=Case.State.POSTPONED)
    # A case of another office still pointing at the officer is out of scope.
    make_case(other_office, officer, "6/2026/B")

    rows = worklist_for_officer(actor=officer, today=FRIDAY_BEFORE_TET)

    assert sorted(numbers(rows)) == ["1/2026/B", "5/2026/B"]


def test_worklist_filters_by_state_urgency_and_search(office, officer):
    make_case(office, officer, "11/2026/C", due=dt.date(2026, 2, 10), debtor_name="Nguyễn Văn An")
    make_case(
        office,
        officer,
        "12/2026/C",
        due=dt.date(2026, 2, 24),
        debtor_name="Lê Thị Bình",
        state=Case.State.VERIFICATION,
    )
    make_case(office, officer, "13/2026/C", debtor_name="Trần Văn An")

    def run(**filters):
        return numbers(worklist_for_officer(actor=officer, today=FRIDAY_BEFORE_TET, **filters))

    assert run(urgency="overdue") == ["11/2026/C"]
    assert run(urgency="soon") == ["12/2026/C"]
    assert run(urgency="later") == []
    assert run(urgency="none") == ["13/2026/C"]
    assert run(state=Case.State.VERIFICATION) == ["12/2026/C"]
    assert run(query="văn an") == ["11/2026/C", "13/2026/C"]
    assert run(query="12/2026") == ["12/2026/C"]


def test_urgency_counts_in_one_query(office, officer, django_assert_num_queries):
    make_case(office, officer, "1/2026/D", due=dt.date(2026, 2, 10))
    make_case(office, officer, "2/2026/D", due=dt.date(2026, 2, 11))
    make_case(office, officer, "3/2026/D", due=dt.date(2026, 2, 23))
    make_case(office, officer, "4/2026/D", due=dt.date(2026, 4, 1))
    make_case(office, officer, "5/2026/D")

    worklist = worklist_for_officer(actor=officer, today=FRIDAY_BEFORE_TET)

    with django_assert_num_queries(1):
        counts = urgency_counts(worklist)

    assert (counts.overdue, counts.soon, counts.later, counts.none, counts.total) == (2, 1, 1, 1, 5)


def test_office_load_counts_and_suggests_least_weighted_officer(office, make_user):
    an = make_user(Role.ENFORCEMENT_OFFICER, office, full_name="Nguyễn Văn An")
    binh = make_user(Role.ENFORCEMENT_OFFICER, office, full_name="Lê Thị Bình")
    chi = make_user(Role.ENFORCEMENT_OFFICER, office, full_name="Phạm Minh Chi")
    head = make_user(Role.OFFICE_HEAD, office)
    # An: 2 open, 1 overdue -> score 4. Bình: 3 open, none urgent -> 3. Chi: 1 open, soon -> 2.
    make_case(office, an, "1/2026/E", due=dt.date(2026, 2, 1))
    make_case(office, an, "2/2026/E")
    for n in range(3):
        make_case(office, binh, f"{3 + n}/2026/E", due=dt.date(2026, 5, 1))
    make_case(office, chi, "6/2026/E", due=dt.date(2026, 2, 23))
    make_case(office, chi, "7/2026/E", state=Case.State.CLOSED)
    make_case(office, None, "8/2026/E")

    loads, suggestion = office_load_for_user(actor=head, office=office, today=FRIDAY_BEFORE_TET)

    table = {
        load.name: (load.open_cases, load.overdue, load.due_soon, load.score) for load in loads
    }
    assert table == {
        "Nguyễn Văn An": (2, 1, 0, 4),
        "Lê Thị Bình": (3, 0, 0, 3),
        "Phạm Minh Chi": (1, 0, 1, 2),
    }
    assert suggestion.officer_id == chi.pk
    assert suggestion.explanation == (
        "Đề xuất Phạm Minh Chi: điểm tải thấp nhất trong đơn vị (2 = 1 việc đang giải quyết"
        " + 2 × 0 việc quá hạn + 1 × 1 việc sắp đến hạn). Người kế tiếp: Lê Thị Bình (3 điểm)."
    )
    assert binh.pk != an.pk


def test_office_load_of_an_office_out_of_scope_is_404(office, other_office, make_user):
    from django.http import Http404

    head = make_user(Role.OFFICE_HEAD, other_office)

    with pytest.raises(Http404):
        office_load_for_user(actor=head, office=office, today=FRIDAY_BEFORE_TET)


def test_unassigned_cases_are_open_ones_without_officer(office, officer, office_head):
    make_case(office, None, "1/2026/F", due=dt.date(2026, 3, 1))
    make_case(office, None, "2/2026/F", due=dt.date(2026, 2, 2))
    make_case(office, officer, "3/2026/F")
    make_case(office, None, "4/2026/F", state=Case.State.CLOSED)

    rows = office_unassigned_cases(actor=office_head, office=office, today=FRIDAY_BEFORE_TET)

    assert numbers(rows) == ["2/2026/F", "1/2026/F"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("office_head", ["1/2026/G", "2/2026/G"]),
        ("provincial_head", ["1/2026/G", "2/2026/G", "3/2026/G"]),
        ("ministry_leader", ["1/2026/G", "2/2026/G", "3/2026/G", "4/2026/G"]),
        ("other_provincial_head", ["4/2026/G"]),
    ],
)
def test_case_list_follows_the_scope(actor, office, sibling_office, other_office, who, expected):
    make_case(office, None, "1/2026/G")
    make_case(office, None, "2/2026/G")
    make_case(sibling_office, None, "3/2026/G")
    make_case(other_office, None, "4/2026/G")

    rows = case_list_for_scope(actor=actor(who), today=FRIDAY_BEFORE_TET)

    assert sorted(numbers(rows)) == expected
