"""The public tracking page ``/tra-cuu/don/<code>``: the timeline without personal data, the same
answer for unknown and malformed codes, guesses slowed (429 with Retry-After), the find box."""

import pytest
from django.urls import reverse

from citizen_reception.models import Petition
from citizen_reception.public import views
from citizen_reception.services import petition_receive
from citizen_reception.types import PetitionIntake
from tests.citizen_reception_public.conftest import ADDRESS
from tests.citizen_reception_public.conftest import CONTENT
from tests.citizen_reception_public.conftest import EMAIL
from tests.citizen_reception_public.conftest import ID_NUMBER
from tests.citizen_reception_public.conftest import NAME
from tests.citizen_reception_public.conftest import PHONE

pytestmark = pytest.mark.django_db

SUBJECT = "Khiếu nại việc kê biên căn nhà số 17"
RESPONDENT = "Chấp hành viên Trần Văn Kê"


@pytest.fixture
def petition(agency_a) -> Petition:
    # Not capturing on_commit: the acknowledgement PDF and the e-mail are not the point here.
    return petition_receive(
        actor=None,
        receiving_office=agency_a,
        data=PetitionIntake(
            kind="complaint",
            channel="online",
            subject=SUBJECT,
            content=CONTENT,
            petitioner_name=NAME,
            petitioner_id_number=ID_NUMBER,
            petitioner_birth_year=1979,
            petitioner_address=ADDRESS,
            petitioner_phone=PHONE,
            petitioner_email=EMAIL,
            respondent=RESPONDENT,
            complaint_level=1,
            province_code=101,
            notify_email=EMAIL,
        ),
    )


def track_url(code):
    return reverse("citizen_reception_public:petition-track", args=[code])


def personal_data_in(page: str) -> list[str]:
    return [
        value
        for value in (NAME, ID_NUMBER, ID_NUMBER[-4:], PHONE, EMAIL, ADDRESS, CONTENT, RESPONDENT)
        if value in page
    ]


def test_known_code_shows_the_timeline_and_nothing_personal(client, petition):
    response = client.get(track_url(petition.code))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Đơn {petition.code}" in page
    assert "Khiếu nại" in page
    assert "Đã tiếp nhận đơn" in page
    assert personal_data_in(page) == []
    assert SUBJECT not in page
    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_lower_case_and_dashes_find_the_same_petition(client, petition):
    typed = f"{petition.code[:4].lower()}-{petition.code[4:].lower()}"

    response = client.get(track_url(typed))

    assert response.status_code == 200
    assert f"Đơn {petition.code}" in response.content.decode()


@pytest.mark.parametrize("code", ["DZZZZZZZZZZ", "X", "D' OR 1=1 --", "D" + "9" * 40])
def test_unknown_and_malformed_codes_get_the_same_answer(client, petition, code):
    known = client.get(track_url(petition.code))
    response = client.get(track_url(code))

    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy đơn" in page
    assert "Mã tra cứu không đúng hoặc không tồn tại." in page
    assert personal_data_in(page) == []
    assert response["Cache-Control"] == known["Cache-Control"] == "no-store"
    assert response["Content-Type"] == known["Content-Type"]


def test_unknown_codes_wait_as_long_as_known_ones(client, petition, monkeypatch):
    # Given a process where known codes take 40 ms to answer
    monkeypatch.setattr(views.KNOWN_CODE_TIME, "value", 0.04)
    slept = []
    monkeypatch.setattr(views.time, "sleep", slept.append)

    # When an unknown code is asked
    client.get(track_url("DZZZZZZZZZZ"))

    # Then its answer was held back to about the same time
    assert len(slept) == 1
    assert 0.0 < slept[0] <= 0.04


def test_per_address_limit_answers_429_with_retry_after(client, petition, settings):
    settings.PETITION_TRACK_RATE_LIMIT_PER_MINUTE = 3
    statuses = [client.get(track_url(petition.code)).status_code for _ in range(3)]

    response = client.get(track_url(petition.code))

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert "Tạm thời chưa tra cứu được" in page
    assert "Đã tiếp nhận đơn" not in page


def test_guessing_trips_the_miss_budget_for_every_code(client, petition, settings):
    # Given an address allowed 5 unknown codes an hour
    settings.PETITION_TRACK_MISSES_PER_HOUR = 5
    settings.PETITION_TRACK_RATE_LIMIT_PER_MINUTE = 1000
    guesses = [client.get(track_url(f"D{n:010d}")).status_code for n in range(5)]

    # When it asks again, even for a real code
    response = client.get(track_url(petition.code))

    # Then it is refused for the rest of the window and learns nothing
    assert guesses == [404] * 5
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Đã tiếp nhận đơn" not in response.content.decode()


def test_ten_thousand_guesses_find_nothing_and_are_limited(client, petition, settings):
    """quality.md S4: random guesses give 0 hits and trip the limiter."""
    import secrets

    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    statuses = {}
    settings.PETITION_TRACK_RATE_LIMIT_PER_MINUTE = 30
    for _ in range(100):
        guess = "D" + "".join(secrets.choice(alphabet) for _ in range(10))
        status = client.get(track_url(guess)).status_code
        statuses[status] = statuses.get(status, 0) + 1
    # 100 guesses stand for the rest: after the first 20 misses everything is 429.
    assert statuses == {404: 20, 429: 80}
    assert Petition.objects.count() == 1


def test_find_box_redirects_to_the_timeline(client, petition):
    response = client.get(
        reverse("citizen_reception_public:petition-track-find"), {"ma": petition.code.lower()}
    )

    assert response.status_code == 302
    assert response["Location"] == track_url(petition.code)


def test_find_box_page_and_empty_code(client):
    page = client.get(reverse("citizen_reception_public:petition-track-find"))
    empty = client.get(reverse("citizen_reception_public:petition-track-find"), {"ma": ""})

    assert page.status_code == 200
    assert "Mã tra cứu đơn" in page.content.decode()
    assert empty.status_code == 422
    assert "Hãy nhập mã tra cứu đơn." in empty.content.decode()
