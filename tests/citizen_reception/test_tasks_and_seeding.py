"""The sweeper of missing PDFs and the demo seeder."""

import datetime as dt

import pytest
from django.utils import timezone

from citizen_reception.models import Petition
from citizen_reception.models import ReceptionLogEntry
from citizen_reception.models import ReceptionSchedule
from citizen_reception.services import petition_accept
from citizen_reception.services import petition_documents_missing
from citizen_reception.services import petition_resolve
from tests.factories.org import ProvinceFactory
from tests.factories.org import ProvincialOfficeFactory
from tests.factories.org import RegionalOfficeFactory
from thads.permissions import Role
from thads.seeding import SeedContext

pytestmark = pytest.mark.django_db


def test_missing_documents_are_found_for_the_sweeper(receive_petition, office_head):
    fresh = receive_petition()
    old = receive_petition(subject="Đơn cũ")
    old = petition_accept(actor=office_head, petition=old, version=1)
    old = petition_resolve(actor=office_head, petition=old, version=2, summary="Bác đơn.")
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    Petition.objects.filter(pk=old.pk).update(received_at=an_hour_ago, resolved_at=an_hour_ago)

    assert petition_documents_missing(older_than=timezone.now() - dt.timedelta(minutes=5)) == (
        [old.pk],
        [old.pk],
    )
    assert fresh.pk not in petition_documents_missing(older_than=timezone.now())[1]


def test_the_seeder_receives_demo_petitions_once(reception_rules, make_user, settings, tmp_path):
    from citizen_reception.seeding import seed_petitions

    settings.MEDIA_ROOT = tmp_path
    office = RegionalOfficeFactory(
        parent=ProvincialOfficeFactory(province=ProvinceFactory(code=1)), number=1
    )
    assert office.code == "T01-KV01"
    make_user(Role.COUNTER_STAFF, office)
    make_user(Role.OFFICE_HEAD, office)
    make_user(Role.ENFORCEMENT_OFFICER, office)
    lines: list[str] = []
    ctx = SeedContext(seed=7, size="small", out=lines.append)

    seed_petitions(ctx)
    seed_petitions(ctx)

    assert Petition.objects.count() == 8
    assert Petition.objects.filter(state="accepted").count() == 3  # n = 0, 3, 6
    assert sorted(set(Petition.objects.values_list("kind", flat=True))) == [
        "complaint",
        "denunciation",
        "enforcement_request",
        "proposal",
        "report",
    ]
    assert (ReceptionSchedule.objects.count(), ReceptionLogEntry.objects.count()) == (1, 1)
    assert lines == [
        "  citizen_reception: 8 petition(s) received in T01-KV01",
        "  citizen_reception: 0 petition(s) received in T01-KV01",
    ]
