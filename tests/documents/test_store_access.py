"""Access matrix of every document URL (style.md 2.7, quality.md S2).

Reads: every staff role of an office in scope (the office, its provincial head, the ministry).
Writes (upload, rerun): office staff, not the ministry's leaders nor the system administrator.
Out of scope is 404 and shows nothing of the document; a denied write changes nothing.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thads.audit.models import AuditEvent
from thads.documents.models import Document
from thads.documents.models import Job

pytestmark = pytest.mark.django_db

NAME = "ban-an-T101-KV01.png"
READ_URLS = ["document-detail", "document-page", "document-page-image"]


@pytest.fixture
def document(make_document, office, samples):
    return make_document(office, samples / "scan.png", original_name=NAME)


def url(name, document):
    if name in ("document-page", "document-page-image"):
        return reverse(f"documents:{name}", args=[document.pk, 1])
    return reverse(f"documents:{name}", args=[document.pk])


@pytest.mark.parametrize("name", [*READ_URLS, "document-process"])
def test_anonymous_is_sent_to_login(client, document, name):
    response = client.get(url(name, document))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url(name, document)}"


def test_anonymous_upload_is_sent_to_login(client, db):
    response = client.post(reverse("documents:document-upload"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("same_office_officer", 200),
        ("same_office_clerk", 200),
        ("office_head", 200),
        ("provincial_head", 200),
        ("ministry_leader", 200),
        ("sysadmin", 200),
        ("sibling_office_officer", 404),
        ("other_officer", 404),
        ("other_provincial_head", 404),
    ],
)
@pytest.mark.parametrize("name", READ_URLS)
def test_read_matrix(client, actor, document, who, expected, name):
    client.force_login(actor(who))

    response = client.get(url(name, document))

    assert response.status_code == expected
    if expected == 404:
        assert NAME not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("same_office_officer", 302),
        ("office_head", 302),
        ("provincial_head", 302),
        ("ministry_leader", 403),
        ("sysadmin", 403),
        ("sibling_office_officer", 404),
        ("other_officer", 404),
    ],
)
def test_rerun_matrix(client, actor, document, who, expected):
    client.force_login(actor(who))
    events = AuditEvent.objects.count()

    response = client.post(url("document-process", document))

    assert response.status_code == expected
    if expected != 302:
        assert Job.objects.count() == 0
        assert AuditEvent.objects.count() == events
        document.refresh_from_db()
        assert document.status == Document.Status.UPLOADED


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("same_office_officer", 200),
        ("same_office_clerk", 200),
        ("office_head", 200),
        ("provincial_head", 200),
        ("ministry_leader", 403),
        ("sysadmin", 403),
    ],
)
def test_upload_page_roles(client, actor, who, expected):
    client.force_login(actor(who))

    assert client.get(reverse("documents:document-upload")).status_code == expected


def test_upload_by_a_refused_role_stores_nothing(client, ministry_leader, media_root, samples):
    client.force_login(ministry_leader)
    data = (samples / "scan.png").read_bytes()

    response = client.post(
        reverse("documents:document-upload"), {"file": SimpleUploadedFile("a.png", data)}
    )

    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_upload_goes_to_the_uploaders_office_only(
    client, other_officer, other_office, media_root, samples
):
    client.force_login(other_officer)
    data = (samples / "scan.png").read_bytes()

    client.post(reverse("documents:document-upload"), {"file": SimpleUploadedFile("a.png", data)})

    assert list(Document.objects.values_list("office", flat=True)) == [other_office.pk]
