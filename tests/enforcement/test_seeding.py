import pytest
from django.db.models import Count

from enforcement.models import Case
from enforcement.models import Deadline
from enforcement.seeding import seed_cases
from enforcement.services import STATE_REQUIRED_DEADLINES

pytestmark = pytest.mark.django_db


def test_seed_cases_is_deterministic_idempotent_and_consistent(office, officer):
    assert seed_cases(office, officer, 120, seed=7) == 120
    assert seed_cases(office, officer, 120, seed=7) == 0
    cases = Case.objects.filter(office=office)
    assert cases.count() == 120
    assert set(cases.values_list("assigned_officer", flat=True)) <= {officer.pk, None}
    states = dict(cases.values_list("state").annotate(n=Count("pk")))
    assert len(states) >= 12
    # Every seeded running state has the deadlines the state machine requires.
    for case in cases.filter(state__in=list(STATE_REQUIRED_DEADLINES)):
        codes = set(
            Deadline.objects.filter(case=case, status__in=("open", "overdue")).values_list(
                "rule_code", flat=True
            )
        )
        for one_of in STATE_REQUIRED_DEADLINES[case.state]:
            assert codes & one_of, (case.state, codes)
    assert Deadline.objects.filter(case__office=office, status="overdue").exists()
    assert Deadline.objects.filter(case__office=office, status="open").exists()


def test_seed_cases_spreads_over_the_office_officers(office, make_user):
    from thads.permissions import Role

    a = make_user(Role.ENFORCEMENT_OFFICER, office)
    b = make_user(Role.ENFORCEMENT_OFFICER, office)
    seed_cases(office, None, 40, seed=3)
    assigned = set(
        Case.objects.exclude(assigned_officer=None).values_list("assigned_officer", flat=True)
    )
    assert assigned == {a.pk, b.pk}


def test_demo_seeder_fills_the_demo_office(province_a, central_office, make_user):
    from tests.factories.org import ProvinceFactory
    from tests.factories.org import ProvincialOfficeFactory
    from tests.factories.org import RegionalOfficeFactory
    from thads.permissions import Role
    from thads.seeding import SeedContext
    from thads.seeding import seeders

    agency = ProvincialOfficeFactory(province=ProvinceFactory(code=1), parent=central_office)
    demo = RegionalOfficeFactory(parent=agency, number=1)
    assert demo.code == "T01-KV01"
    make_user(Role.ENFORCEMENT_OFFICER, demo)
    seeder = next(s for s in seeders() if s.name == "enforcement")
    lines: list[str] = []
    seeder.func(SeedContext(seed=1, size="small", out=lines.append))
    seeder.func(SeedContext(seed=1, size="small", out=lines.append))
    assert lines == [
        "  enforcement: 60 case(s) added to T01-KV01",
        "  enforcement: 0 case(s) added to T01-KV01",
    ]
    assert Case.objects.filter(office=demo).count() == 60


def test_management_commands(office, officer):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("enforcement_rules_sync", stdout=out)
    assert out.getvalue() == "Quy tắc thời hạn: 0 mới, 0 cập nhật.\n"
    out = io.StringIO()
    call_command("enforcement_reminders", "--date", "2026-11-23", stdout=out)
    assert out.getvalue() == "23/11/2026: 0 quá hạn mới, 0 lời nhắc, 0 báo lãnh đạo.\n"
