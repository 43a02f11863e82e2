"""Access matrix of every staff view of citizen reception (style.md 2.7, quality.md S2): the
status per actor, no leak of the petition's personal data when refused, and no side effect of
a refused write (no audit row, no change of the petition)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from citizen_reception import services
from citizen_reception.models import Petition
from citizen_reception.models import ReceptionLogEntry
from citizen_reception.models import ReceptionSchedule
from tests.citizen_reception_ui.conftest import SECRET_ID
from tests.citizen_reception_ui.conftest import SECRET_NAME
from tests.citizen_reception_ui.samples import draw_petition
from tests.fixtures.core import MATRIX_ACTORS
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRETS = (SECRET_NAME, SECRET_ID, "phố Bí Mật")

#: A petition of T101-KV01: its own staff who deal with petitions, its leaders up the chain.
PETITION = {
    "same_office_officer": 200,
    "same_office_clerk": 200,
    "office_head": 200,
    "provincial_head": 200,
    "ministry_leader": 200,
    "sysadmin": 403,
    "sibling_office_officer": 404,
    "other_officer": 404,
    "other_provincial_head": 404,
}
#: Accept (the head decides: TT13 Art 7; L2008 Art 142): a handler without it gets 403.
DECIDE = PETITION | {"same_office_officer": 403, "same_office_clerk": 403}
#: Notes and other handling steps: staff who handle, not the ministry (it oversees).
HANDLE = PETITION | {"ministry_leader": 403}
#: Pages without an object, per role: receiving (counter) and reading.
RECEIVE_PAGE = {
    "same_office_officer": 200,
    "same_office_clerk": 200,
    "office_head": 200,
    "provincial_head": 200,
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 200,
    "other_officer": 200,
    "other_provincial_head": 200,
}
VIEW_PAGE = RECEIVE_PAGE | {"ministry_leader": 200}
#: Cancel a reception day of T101-KV01: its head (or reception officer) only.
SCHEDULE_CANCEL = {
    "same_office_officer": 403,
    "same_office_clerk": 403,
    "office_head": 303,
    "provincial_head": 404,
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 403,
    "other_officer": 403,
    "other_provincial_head": 404,
}


@pytest.fixture
def objects(request, office, make_petition, counter_staff, office_head, media_root):
    if "acknowledgement" in request.node.name:
        # Only that row needs the signed PDF (rendered after commit): it costs a signature.
        capture = request.getfixturevalue("django_capture_on_commit_callbacks")
        with capture(execute=True):
            petition = make_petition(counter_staff)
        petition.refresh_from_db()
    else:
        petition = make_petition(counter_staff)
    schedule = services.reception_schedule_create(
        actor=office_head,
        office=office,
        host=office_head,
        day=timezone.localdate() + dt.timedelta(days=10),
        starts_at=dt.time(8, 0),
        ends_at=dt.time(11, 0),
        place="Phòng tiếp công dân",
    )
    return {"petition": petition, "schedule": schedule}


OBJECT_VIEWS = [
    ("petition-detail", PETITION),
    ("petition-acknowledgement", PETITION),
    ("action-accept", DECIDE),
    ("action-note", HANDLE),
]


def _object_url(name: str, petition: Petition) -> str:
    if name.startswith("action-"):
        return reverse(
            "citizen_reception:petition-action", args=[petition.pk, name.removeprefix("action-")]
        )
    return reverse(f"citizen_reception:{name}", args=[petition.pk])


@pytest.mark.parametrize("who", MATRIX_ACTORS)
@pytest.mark.parametrize(("name", "expected"), OBJECT_VIEWS, ids=[v[0] for v in OBJECT_VIEWS])
def test_petition_views_matrix(client, actor, objects, who, name, expected):
    client.force_login(actor(who))
    response = client.get(_object_url(name, objects["petition"]))
    assert response.status_code == expected[who]
    if expected[who] != 200:
        body = response.content.decode(errors="replace")
        assert [s for s in SECRETS if s in body] == []
    elif name == "petition-acknowledgement":
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


PAGES = [
    ("intake", RECEIVE_PAGE),
    ("petition-list", VIEW_PAGE),
    ("reception-log", VIEW_PAGE),
    ("reception-log-new", RECEIVE_PAGE),
    ("schedule-list", VIEW_PAGE),
]


@pytest.mark.parametrize("who", MATRIX_ACTORS)
@pytest.mark.parametrize(("name", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_show_only_the_scope(client, actor, objects, who, name, expected):
    user = actor(who)
    client.force_login(user)
    response = client.get(reverse(f"citizen_reception:{name}"))
    assert response.status_code == expected[who]
    sees = who in ("same_office_officer", "same_office_clerk", "office_head", "provincial_head")
    sees = sees or who == "ministry_leader"
    if response.status_code == 200 and name == "petition-list":
        body = response.content.decode()
        assert (objects["petition"].code in body) is sees
        assert (SECRET_NAME in body) is sees


def test_every_route_is_in_a_matrix():
    """A new staff route of the app must get its row here."""
    from citizen_reception.routes import petitions
    from citizen_reception.routes import reception

    names = {p.name for p in [*petitions.urlpatterns, *reception.urlpatterns]}
    covered = {n for n, _ in PAGES} | {n for n, _ in OBJECT_VIEWS if not n.startswith("action-")}
    covered |= {
        "petition-action",  # test_petition_views_matrix, test_denied_actions_change_nothing
        "intake-scan",  # test_denied_writes_change_nothing
        "intake-scan-status",  # test_scan_status_is_scoped
        "petition-attachment",  # test_attachment_is_scoped
        "petition-resolution",  # test_resolution_is_scoped
        "schedule-cancel",  # test_schedule_cancel_matrix
    }
    assert names - covered == set()


@pytest.mark.parametrize("name", [p[0] for p in PAGES] + ["petition-detail"])
def test_anonymous_is_sent_to_login(client, objects, name):
    url = (
        _object_url(name, objects["petition"])
        if name == "petition-detail"
        else reverse(f"citizen_reception:{name}")
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def _reception_audit() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="reception.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.mark.parametrize(
    ("who", "action", "data", "status"),
    [
        ("same_office_clerk", "accept", {}, 403),
        ("same_office_officer", "refuse", {"reason": "x"}, 403),
        ("ministry_leader", "note", {"kind": "note", "text": "x"}, 403),
        ("sysadmin", "store", {"reason": "x"}, 403),
        ("sibling_office_officer", "note", {"kind": "note", "text": "x"}, 404),
        ("other_provincial_head", "accept", {}, 404),
        ("other_officer", "classify", {"kind": "denunciation"}, 404),
    ],
)
def test_denied_actions_change_nothing(client, actor, objects, who, action, data, status):
    petition = objects["petition"]
    before = _reception_audit()
    client.force_login(actor(who))
    response = client.post(
        reverse("citizen_reception:petition-action", args=[petition.pk, action]),
        {"version": petition.version, **data},
    )
    assert response.status_code == status
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.state, fresh.version, fresh.kind) == ("received", petition.version, "complaint")
    assert fresh.notes.count() == 0
    assert _reception_audit() == before


@pytest.mark.parametrize(("who", "status"), [("ministry_leader", 403), ("sysadmin", 403)])
def test_denied_writes_change_nothing(client, actor, objects, who, status):
    client.force_login(actor(who))
    before = _reception_audit()
    assert client.post(reverse("citizen_reception:intake"), {"kind": "complaint"}).status_code == (
        status
    )
    assert client.post(reverse("citizen_reception:intake-scan"), {}).status_code == status
    assert (
        client.post(
            reverse("citizen_reception:reception-log-new"), {"person_name": "X"}
        ).status_code
        == status
    )
    assert Petition.objects.count() == 1
    assert ReceptionLogEntry.objects.count() == 0
    assert _reception_audit() == before


@pytest.mark.parametrize("who", MATRIX_ACTORS)
def test_schedule_cancel_matrix(client, actor, objects, who):
    schedule = objects["schedule"]
    client.force_login(actor(who))
    response = client.post(
        reverse("citizen_reception:schedule-cancel", args=[schedule.pk]), {"reason": "Bận họp"}
    )
    assert response.status_code == SCHEDULE_CANCEL[who]
    assert ReceptionSchedule.objects.get(pk=schedule.pk).cancelled is (SCHEDULE_CANCEL[who] == 303)


def test_schedule_writes_need_the_role(client, actor, objects):
    client.force_login(actor("same_office_officer"))
    response = client.post(
        reverse("citizen_reception:schedule-list"),
        {"host": objects["schedule"].host_id, "day": "01/01/2030", "starts_at": "08:00"},
    )
    assert response.status_code == 403
    assert ReceptionSchedule.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("office_head", 200), ("other_officer", 404)])
def test_attachment_is_scoped(client, actor, make_petition, counter_staff, media_root, who, status):
    buffer = io.BytesIO()
    Image.new("L", (300, 200), 255).save(buffer, format="PNG")
    petition = make_petition(
        counter_staff,
        attachments=[SimpleUploadedFile("bi-mat.png", buffer.getvalue(), "image/png")],
    )
    attachment = petition.attachments.get()
    client.force_login(actor(who))
    response = client.get(
        reverse("citizen_reception:petition-attachment", args=[petition.pk, attachment.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == 'attachment; filename="bi-mat.png"'


@pytest.mark.parametrize(("who", "status"), [("office_head", 404), ("other_officer", 404)])
def test_resolution_is_scoped(client, actor, objects, who, status):
    # Not resolved yet: 404 for everyone; out of scope: 404 before anything else.
    client.force_login(actor(who))
    response = client.get(
        reverse("citizen_reception:petition-resolution", args=[objects["petition"].pk])
    )
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), [("office_head", 303), ("other_officer", 404)])
def test_scan_status_is_scoped(client, actor, office, make_document, tmp_path, who, status):
    sample = draw_petition(tmp_path)
    document = make_document(office, sample.path, purpose="petition", status="ready")
    client.force_login(actor(who))
    response = client.get(reverse("citizen_reception:intake-scan-status", args=[document.pk]))
    assert response.status_code == status
