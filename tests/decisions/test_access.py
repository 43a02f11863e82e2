"""Access matrix of every judgment URL (style.md 2.7, quality.md S2).

Reads: the intake roles of the judgment's office, its provincial head and the ministry's
leaders; the system administrator does not handle case files (403). Review writes: clerks,
enforcement officers and office heads of the office. Out of scope is 404 and shows nothing of
the judgment; a denied write changes nothing (no audit row, no correction, same version).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions.models import FieldCorrection
from decisions.models import Judgment
from decisions.models import JudgmentParty
from tests.factories.decisions import FieldCorrectionFactory
from tests.fixtures.decisions import NUMBER
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

READ_URLS = ("judgment-detail", "judgment-source", "judgment-field")


@pytest.fixture
def review_judgment(make_review_judgment, make_document, office, samples):
    """A judgment in review with its original (a one-page scan), so every view has a page."""
    document = make_document(office, samples / "scan.png", purpose="judgment")
    return make_review_judgment(office, document=document)


def url(name, judgment):
    base = reverse(f"decisions:{name}", args=[judgment.pk])
    return base + "?path=judgment_number" if name in ("judgment-source", "judgment-field") else base


READ_MATRIX = [
    ("same_office_officer", 200),
    ("same_office_clerk", 200),
    ("office_head", 200),
    ("provincial_head", 200),
    ("ministry_leader", 200),
    ("sysadmin", 403),
    ("sibling_office_officer", 404),
    ("other_officer", 404),
    ("other_provincial_head", 404),
]


@pytest.mark.parametrize("name", READ_URLS)
def test_anonymous_is_sent_to_login(client, review_judgment, name):
    response = client.get(url(name, review_judgment))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("who", "expected"), READ_MATRIX)
@pytest.mark.parametrize("name", READ_URLS)
def test_read_matrix(client, actor, review_judgment, who, expected, name):
    client.force_login(actor(who))

    response = client.get(url(name, review_judgment))

    assert response.status_code == expected
    if expected != 200:
        assert NUMBER not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("same_office_officer", True),
        ("provincial_head", True),
        ("ministry_leader", True),
        ("sibling_office_officer", False),
        ("other_officer", False),
        ("other_provincial_head", False),
    ],
)
def test_list_shows_only_judgments_in_scope(client, actor, review_judgment, who, sees):
    client.force_login(actor(who))

    response = client.get(reverse("decisions:judgment-list"))

    assert response.status_code == 200
    assert (NUMBER in response.content.decode()) is sees


def test_list_refuses_the_system_administrator(client, sysadmin):
    client.force_login(sysadmin)

    assert client.get(reverse("decisions:judgment-list")).status_code == 403


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("same_office_officer", 200),
        ("same_office_clerk", 200),
        ("office_head", 200),
        ("provincial_head", 403),
        ("ministry_leader", 403),
        ("sysadmin", 403),
    ],
)
def test_upload_page_roles(client, actor, who, expected):
    client.force_login(actor(who))

    assert client.get(reverse("decisions:judgment-upload")).status_code == expected


def test_upload_by_a_refused_role_stores_nothing(client, provincial_head, media_root, samples):
    client.force_login(provincial_head)
    data = (samples / "scan.png").read_bytes()
    events = AuditEvent.objects.count()

    response = client.post(
        reverse("decisions:judgment-upload"),
        {"file": SimpleUploadedFile("ban-an.png", data, content_type="image/png")},
    )

    assert response.status_code == 403
    assert Judgment.objects.count() == 0
    assert AuditEvent.objects.count() == events


WRITE_MATRIX = [
    ("same_office_officer", "ok"),
    ("same_office_clerk", "ok"),
    ("office_head", "ok"),
    ("provincial_head", 403),
    ("ministry_leader", 403),
    ("sysadmin", 403),
    ("sibling_office_officer", 404),
    ("other_officer", 404),
    ("other_provincial_head", 403),
]


def write_request(client, name, judgment):
    version = judgment.version
    data = {
        "judgment-field-correct": {"path": "court", "value": "Tòa khác", "version": version},
        "judgment-field-confirm": {"path": "court", "version": version},
        "judgment-row-add": {
            "group": "parties",
            "role": "other",
            "name": "Người Thêm",
            "version": version,
        },
        "judgment-row-remove": {"group": "parties", "index": 0, "version": version},
        "judgment-confirm": {"version": version},
        "judgment-rerun": {},
    }[name]
    return client.post(reverse(f"decisions:{name}", args=[judgment.pk]), data)


WRITE_URLS = (
    "judgment-field-correct",
    "judgment-field-confirm",
    "judgment-row-add",
    "judgment-row-remove",
    "judgment-confirm",
    "judgment-rerun",
)


@pytest.mark.parametrize(("who", "expected"), WRITE_MATRIX)
@pytest.mark.parametrize("name", WRITE_URLS)
def test_write_matrix(client, actor, review_judgment, who, expected, name):
    client.force_login(actor(who))
    events = AuditEvent.objects.count()
    version = review_judgment.version

    response = write_request(client, name, review_judgment)

    review_judgment.refresh_from_db()
    if expected == "ok":
        assert response.status_code in (200, 302)
        assert review_judgment.version == version + 1
        assert AuditEvent.objects.count() == events + 1
    else:
        assert response.status_code == expected
        assert NUMBER not in response.content.decode()
        assert review_judgment.version == version
        assert review_judgment.status == Judgment.Status.REVIEW
        assert AuditEvent.objects.count() == events
        assert FieldCorrection.objects.count() == 0
        assert JudgmentParty.objects.filter(judgment=review_judgment).count() == 2


@pytest.mark.parametrize(
    ("who", "expected", "rows"),
    [
        ("office_head", 200, 1),
        ("provincial_head", 200, 1),
        ("other_provincial_head", 200, 0),
        ("same_office_officer", 403, None),
        ("same_office_clerk", 403, None),
        ("ministry_leader", 403, None),
        ("sysadmin", 403, None),
    ],
)
def test_corrections_export_matrix(client, actor, review_judgment, officer, who, expected, rows):
    FieldCorrectionFactory(judgment=review_judgment, corrected_by=officer, after="Tòa sửa")
    client.force_login(actor(who))
    events = AuditEvent.objects.count()

    response = client.get(reverse("decisions:judgment-corrections-export"))

    assert response.status_code == expected
    if expected == 200:
        lines = response.content.decode().splitlines()
        assert len(lines) == rows
        assert AuditEvent.objects.count() == events + 1
    else:
        assert AuditEvent.objects.count() == events
