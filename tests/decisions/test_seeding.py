"""The demo seeder of judgments: deterministic, idempotent, some confirmed for drafting."""

import pytest

from decisions.models import Judgment
from decisions.seeding import CONFIRMED_PER_OFFICE
from decisions.seeding import seed_judgments
from tests.factories.org import RegionalOfficeFactory
from tests.factories.org import UserFactory
from thads.permissions import Role
from thads.seeding import SeedContext

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_same_judgments(agency_a, media_root):
    office = RegionalOfficeFactory(parent=agency_a, code="T01-KV01")
    UserFactory(username="thuky.t01-kv01.1", role=Role.CLERK, office=office)
    lines = []
    ctx = SeedContext(seed=7, size="small", out=lines.append)

    seed_judgments(ctx)
    first = sorted(Judgment.objects.values_list("pk", "number", "status"))
    seed_judgments(ctx)

    assert sorted(Judgment.objects.values_list("pk", "number", "status")) == first
    assert len(first) == 6
    assert {s for _, _, s in first} <= {Judgment.Status.REVIEW, Judgment.Status.CONFIRMED}
    confirmed = Judgment.objects.filter(status=Judgment.Status.CONFIRMED).count()
    assert 1 <= confirmed <= CONFIRMED_PER_OFFICE
    assert all(number for _, number, _ in first)


def test_seeding_without_the_demo_office_does_nothing(db):
    lines = []

    seed_judgments(SeedContext(seed=7, size="small", out=lines.append))

    assert lines == ["  bỏ qua: chưa có đơn vị demo"]
    assert Judgment.objects.count() == 0
