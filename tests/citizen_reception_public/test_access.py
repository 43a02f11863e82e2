"""Access matrix of the public pages (style.md 2.7): every page is open to everyone, and a
signed-in member of staff, of any office, sees exactly what the public sees (no personal
data on the tracking page, no confirmation without filing in this browser)."""

import pytest
from django.urls import reverse

from citizen_reception.services import petition_receive
from citizen_reception.types import PetitionIntake
from tests.citizen_reception_public.conftest import ID_NUMBER
from tests.citizen_reception_public.conftest import NAME
from tests.fixtures.core import MATRIX_ACTORS

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", *MATRIX_ACTORS)


@pytest.fixture
def tracked(agency_a):
    return petition_receive(
        actor=None,
        receiving_office=agency_a,
        data=PetitionIntake(
            kind="proposal",
            channel="online",
            subject="Kiến nghị về lịch tiếp công dân",
            content="Đề nghị bố trí thêm buổi tiếp công dân vào thứ bảy.",
            petitioner_name=NAME,
            petitioner_id_number=ID_NUMBER,
            petitioner_address="Số 3 phố Huế",
            province_code=101,
        ),
    )


@pytest.mark.parametrize("who", ACTORS)
def test_every_public_page_answers_everyone_alike(client, actor, tracked, who):
    if who != "anonymous":
        client.force_login(actor(who))

    form = client.get(reverse("citizen_reception_public:petition-file"))
    find = client.get(reverse("citizen_reception_public:petition-track-find"))
    track = client.get(reverse("citizen_reception_public:petition-track", args=[tracked.code]))
    filed = client.get(reverse("citizen_reception_public:petition-filed"))
    receipt = client.get(
        reverse("citizen_reception_public:petition-filed-receipt", args=[tracked.code])
    )

    assert (form.status_code, find.status_code, track.status_code) == (200, 200, 200)
    assert (filed.status_code, filed["Location"]) == (302, "/nop-don/")
    assert receipt.status_code == 404
    page = track.content.decode()
    assert NAME not in page
    assert ID_NUMBER not in page
    assert "Đề nghị bố trí thêm buổi" not in page


def test_every_public_view_declares_a_public_policy():
    from django.urls import get_resolver

    resolver = get_resolver()
    names = [
        "petition-file",
        "petition-code-send",
        "petition-filed",
        "petition-track-find",
    ]
    for name in names:
        match = resolver.resolve(reverse(f"citizen_reception_public:{name}"))
        assert match.func.access_policy.public is True, name
    for name in ("petition-track", "petition-filed-receipt"):
        match = resolver.resolve(reverse(f"citizen_reception_public:{name}", args=["DABC"]))
        assert match.func.access_policy.public is True, name
