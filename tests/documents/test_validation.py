"""Hostile uploads (quality.md S3): refused in at most 5 s with a Vietnamese message, nothing kept.

Every file is generated in memory by ``tests/documents/hostile.py`` and sent through the real
store (``document_store``): staging, the sandboxed child process, the refusal, the clean-up.
The 5 s bound is a safety limit asserted as an upper bound, not a benchmark.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documents.hostile import HOSTILE
from tests.fixtures.documents import SHARED_SAMPLES
from tests.fixtures.documents import stored_files
from thads.audit.models import AuditEvent
from thads.documents import services
from thads.documents.exceptions import DocumentRejectedError
from thads.documents.models import Document
from thads.documents.validation import validate_upload

pytestmark = pytest.mark.django_db

REFUSAL_SECONDS = 5.0


def store(office, officer, name, data):
    return services.document_store(
        actor=officer,
        office=office,
        purpose="judgment",
        uploaded_file=SimpleUploadedFile(name, data, content_type="application/pdf"),
    )


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_upload_is_refused_quickly_and_nothing_is_stored(
    case, office, officer, media_root, tmp_path
):
    file_name, build, code, message = HOSTILE[case]
    data = build(tmp_path)
    events_before = AuditEvent.objects.count()

    started = time.monotonic()
    with pytest.raises(DocumentRejectedError) as refused:
        store(office, officer, file_name, data)
    elapsed = time.monotonic() - started

    assert (refused.value.code, refused.value.message) == (code, message)
    assert elapsed <= REFUSAL_SECONDS
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []
    assert AuditEvent.objects.count() == events_before


def test_file_over_the_size_limit_is_refused_while_copying(
    settings, office, officer, media_root, samples
):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1024 * 1024  # 1 MB, so the message says "1 MB"
    data = (samples / "text-3-pages.pdf").read_bytes()
    data = data + b"\n" * (1024 * 1024)  # valid PDF padding, 1 MB over

    with pytest.raises(DocumentRejectedError) as refused:
        store(office, officer, "lon.pdf", data)

    assert refused.value.code == "too_large"
    assert refused.value.message == "Tệp vượt quá dung lượng cho phép (tối đa 1 MB)."
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []


def test_too_many_pages(settings, office, officer, media_root, samples):
    settings.DOCUMENTS_MAX_PAGES = 2

    with pytest.raises(DocumentRejectedError) as refused:
        store(office, officer, "ba-trang.pdf", (samples / "text-3-pages.pdf").read_bytes())

    assert refused.value.code == "too_many_pages"
    assert refused.value.message == "Tệp có quá nhiều trang (3 trang; tối đa 2 trang)."
    assert stored_files(media_root) == []


def test_too_many_tiff_frames(settings, samples):
    settings.DOCUMENTS_MAX_PAGES = 1

    with pytest.raises(DocumentRejectedError) as refused:
        validate_upload(samples / "scan-2-frames.tif")

    assert refused.value.message == "Tệp có quá nhiều trang (2 trang; tối đa 1 trang)."


def test_wall_clock_timeout_kills_the_check(settings, samples):
    settings.DOCUMENTS_VALIDATION_TIMEOUT_SECONDS = 0.001

    with pytest.raises(DocumentRejectedError) as refused:
        validate_upload(samples / "text-3-pages.pdf")

    assert refused.value.code == "timeout"
    assert refused.value.message == (
        "Không kiểm tra xong tệp trong thời gian cho phép "
        "(tệp quá phức tạp hoặc nghi ngờ tệp độc hại)."
    )


def test_memory_limit_stops_a_bomb_even_without_the_stream_caps(settings, tmp_path):
    """With the decode caps lifted, the child's RLIMIT_AS still stops the 200 MB bomb."""
    from tests.documents.hostile import flate_bomb_pdf

    settings.DOCUMENTS_MAX_STREAM_BYTES = 10 * 1024**3
    settings.DOCUMENTS_MAX_INFLATED_BYTES = 10 * 1024**3
    settings.DOCUMENTS_VALIDATION_MEMORY_BYTES = 160 * 1024 * 1024
    path = tmp_path / "bomb.pdf"
    path.write_bytes(flate_bomb_pdf())

    started = time.monotonic()
    with pytest.raises(DocumentRejectedError) as refused:
        validate_upload(path)

    assert refused.value.code == "bomb"
    assert time.monotonic() - started <= REFUSAL_SECONDS


@pytest.mark.parametrize(
    ("name", "kind", "mime", "pages", "size"),
    [
        ("text-3-pages.pdf", "pdf", "application/pdf", 3, (None, None)),
        ("scan-2-pages.pdf", "pdf", "application/pdf", 2, (None, None)),
        ("scan.png", "png", "image/png", 1, (1400, 350)),
        ("scan.jpg", "jpeg", "image/jpeg", 1, (1400, 350)),
        ("scan-2-frames.tif", "tiff", "image/tiff", 2, (1400, 350)),
    ],
)
def test_good_files_pass_with_their_kind_and_pages(samples, name, kind, mime, pages, size):
    checked = validate_upload(samples / name)

    assert (checked.kind, checked.mime, checked.page_count) == (kind, mime, pages)
    assert (checked.width, checked.height) == size
    assert len(checked.sha256) == 64


def test_kind_comes_from_the_bytes_not_the_name(samples, tmp_path):
    misnamed = tmp_path / "ban-an.pdf"
    misnamed.write_bytes((samples / "scan.png").read_bytes())

    assert validate_upload(misnamed).kind == "png"


@pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples/judgments is absent")
def test_real_scanned_judgments_pass():
    pages = {
        path.name: validate_upload(path).page_count for path in sorted(SHARED_SAMPLES.glob("*.pdf"))
    }

    assert pages == {
        "BA_311.2025.HS.ST.pdf": 5,
        "QD_1161.2025.QDST.DS.pdf": 3,
        "QD_168.2025.QDST.LD.pdf": 5,
        "QD_2267.2025.QDST.KDTM.pdf": 2,
        "QD_5835.2025.QD.SCBSQD.pdf": 2,
    }
