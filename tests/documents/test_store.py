"""The document store: originals written once, read-only, deduplicated per office, audited."""

import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.fixtures.documents import stored_files
from thads.audit.models import AuditEvent
from thads.documents import services
from thads.documents.models import Document
from thads.documents.storage import original_path

pytestmark = pytest.mark.django_db


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


def test_store_keeps_the_original_read_only_under_its_digest(office, officer, media_root, samples):
    source = samples / "text-3-pages.pdf"

    document = services.document_store(
        actor=officer, office=office, purpose="judgment", uploaded_file=upload(source)
    )

    document.refresh_from_db()
    sha = document.sha256
    assert document.storage_name == f"documents/{sha[:2]}/{sha}.pdf"
    assert stored_files(media_root) == [f"documents/{sha[:2]}/{sha}.pdf"]
    path = original_path(document.storage_name)
    assert path.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert (document.office, document.uploaded_by, document.purpose) == (
        office,
        officer,
        "judgment",
    )
    assert (document.kind, document.mime, document.page_count) == ("pdf", "application/pdf", 3)
    assert (document.original_name, document.size_bytes) == (
        "text-3-pages.pdf",
        source.stat().st_size,
    )
    assert (document.status, document.text_source, document.job) == (
        Document.Status.UPLOADED,
        "",
        None,
    )
    event = AuditEvent.objects.get(action="documents.document_stored")
    assert (event.object_id, event.office_id, event.actor_id) == (
        str(document.pk),
        office.pk,
        officer.pk,
    )
    assert event.summary == "Tải lên tài liệu text-3-pages.pdf (3 trang)"


def test_kind_and_extension_come_from_the_content(office, officer, media_root, samples):
    document = services.document_store(
        actor=officer,
        office=office,
        purpose="receipt_scan",
        uploaded_file=upload(samples / "scan.png", name="bien-lai.pdf"),
    )

    assert (document.kind, document.mime) == ("png", "image/png")
    assert document.storage_name.endswith(".png")
    assert (document.width_px, document.height_px, document.original_name) == (
        1400,
        350,
        "bien-lai.pdf",
    )


def test_double_submit_returns_the_same_document(office, officer, media_root, samples):
    first = services.document_store(
        actor=officer, office=office, purpose="judgment", uploaded_file=upload(samples / "scan.png")
    )

    second = services.document_store(
        actor=officer,
        office=office,
        purpose="judgment",
        uploaded_file=upload(samples / "scan.png", name="lan-hai.png"),
    )

    assert second.pk == first.pk
    assert Document.objects.count() == 1
    assert AuditEvent.objects.filter(action="documents.document_stored").count() == 1
    assert len(stored_files(media_root)) == 1


def test_same_bytes_in_another_office_are_its_own_document_over_one_file(
    office, officer, other_office, other_officer, media_root, samples
):
    mine = services.document_store(
        actor=officer, office=office, purpose="judgment", uploaded_file=upload(samples / "scan.png")
    )

    theirs = services.document_store(
        actor=other_officer,
        office=other_office,
        purpose="judgment",
        uploaded_file=upload(samples / "scan.png"),
    )

    assert theirs.pk != mine.pk
    assert (theirs.office, theirs.sha256, theirs.storage_name) == (
        other_office,
        mine.sha256,
        mine.storage_name,
    )
    assert len(stored_files(media_root)) == 1


def test_store_from_a_local_path_copies_and_leaves_the_source(office, media_root, samples):
    source = samples / "scan-2-frames.tif"
    before = source.read_bytes()

    document = services.document_store(
        actor=None, office=office, purpose="petition", path=source, original_name="don.tif"
    )

    assert source.read_bytes() == before
    assert (document.kind, document.page_count, document.uploaded_by) == ("tiff", 2, None)
    assert document.original_name == "don.tif"


def test_client_file_name_is_reduced_to_a_clean_label(office, officer, media_root, samples):
    document = services.document_store(
        actor=officer,
        office=office,
        purpose="general",
        uploaded_file=upload(samples / "scan.png", name="..\\..\\ho so\x07 mật.png"),
    )

    assert document.original_name == "ho so mật.png"


def test_losing_a_concurrent_race_returns_the_winner(
    office, officer, media_root, samples, monkeypatch
):
    """Two uploads of the same bytes at once: UNIQUE (office, sha256) keeps one row."""
    winner = services.document_store(
        actor=officer, office=office, purpose="judgment", uploaded_file=upload(samples / "scan.png")
    )
    # The loser checked for a duplicate before the winner committed.
    real_filter = Document.objects.filter
    calls = []

    def filter_missing_first(*args, **kwargs):
        calls.append(kwargs)
        result = real_filter(*args, **kwargs)
        return result.none() if len(calls) == 1 else result

    monkeypatch.setattr(Document.objects, "filter", filter_missing_first)

    loser = services.document_store(
        actor=officer, office=office, purpose="judgment", uploaded_file=upload(samples / "scan.png")
    )

    assert loser.pk == winner.pk
    assert Document.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_store_with_process_starts_the_pipeline(
    office, officer, media_root, samples, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_store(
            actor=officer,
            office=office,
            purpose="judgment",
            uploaded_file=upload(samples / "text-3-pages.pdf"),
            process=True,
        )

    document.refresh_from_db()
    assert (document.status, document.text_source) == (
        Document.Status.READY,
        Document.TextSource.TEXT_LAYER,
    )
    assert document.job.done == 3


def test_platform_files_are_stored_once_read_only_under_their_digest(media_root):
    import hashlib

    from thads.documents.storage import store_content_addressed

    name, digest = store_content_addressed("decisions/signed", b"%PDF-1.7 signed")
    again = store_content_addressed("decisions/signed", b"%PDF-1.7 signed")

    assert digest == hashlib.sha256(b"%PDF-1.7 signed").hexdigest()
    assert name == f"decisions/signed/{digest[:2]}/{digest}.pdf"
    assert again == (name, digest)
    assert stored_files(media_root) == [name]
    assert stat.S_IMODE((media_root / name).stat().st_mode) == 0o444
