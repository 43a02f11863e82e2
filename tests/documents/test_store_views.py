"""Document pages: upload (422 with a Vietnamese error), detail, page text, page image, rerun."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.documents.hostile import encrypted_pdf
from tests.fixtures.documents import stored_files
from thads.documents import services
from thads.documents.models import Document
from thads.documents.models import DocumentPage

pytestmark = pytest.mark.django_db

UPLOAD = reverse("documents:document-upload")


def test_upload_form_shows_the_limits(client, officer):
    client.force_login(officer)

    response = client.get(UPLOAD)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff"' in html
    assert "PDF, TIFF, PNG hoặc JPEG; tối đa 50 MB và 500 trang." in html


def test_upload_stores_reads_and_redirects_to_the_document(
    client, officer, office, media_root, samples, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    data = (samples / "text-3-pages.pdf").read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UPLOAD, {"file": SimpleUploadedFile("qd-12.pdf", data)})

    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("documents:document-detail", args=[document.pk])
    assert (document.office, document.uploaded_by, document.purpose) == (
        office,
        officer,
        "general",
    )
    assert document.status == Document.Status.READY
    html = client.get(response.url).content.decode()
    assert "Đã tải lên tài liệu; hệ thống đang đọc văn bản." in html
    assert "QUYẾT ĐỊNH THI HÀNH ÁN" in html
    assert "Lớp văn bản của PDF" in html


def test_upload_by_htmx_answers_with_a_client_redirect(
    client, officer, media_root, samples, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            UPLOAD,
            {"file": SimpleUploadedFile("anh.png", (samples / "scan.png").read_bytes())},
            headers={"HX-Request": "true", "HX-Target": "document-upload-form"},
        )

    document = Document.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("documents:document-detail", args=[document.pk])


def test_second_upload_of_the_same_file_says_so(client, officer, media_root, samples):
    client.force_login(officer)
    data = (samples / "scan.png").read_bytes()
    client.post(UPLOAD, {"file": SimpleUploadedFile("a.png", data)})

    response = client.post(UPLOAD, {"file": SimpleUploadedFile("b.png", data)}, follow=True)

    assert Document.objects.count() == 1
    assert "Tệp này đã được tải lên trước đó; đây là tài liệu đã lưu." in response.content.decode()


def test_refused_upload_rerenders_the_form_with_422(client, officer, media_root, tmp_path):
    client.force_login(officer)

    response = client.post(
        UPLOAD, {"file": SimpleUploadedFile("ban-an.pdf", encrypted_pdf(tmp_path))}
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa." in html
    assert 'aria-invalid="true"' in html
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []


def test_refused_upload_by_htmx_gets_only_the_form(client, officer, media_root):
    client.force_login(officer)

    response = client.post(
        UPLOAD,
        {"file": SimpleUploadedFile("anh.png", b"khong phai anh")},
        headers={"HX-Request": "true", "HX-Target": "document-upload-form"},
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert html.lstrip().startswith('<section id="document-upload-form"')
    assert "Định dạng tệp không được hỗ trợ. Chỉ nhận tệp PDF, TIFF, PNG hoặc JPEG." in html
    assert "HX-Request" in response["Vary"]


def test_upload_without_a_file(client, officer, media_root):
    client.force_login(officer)

    response = client.post(UPLOAD, {})

    assert response.status_code == 422
    assert "Hãy chọn một tệp để tải lên." in response.content.decode()


def test_detail_lists_pages_with_source_and_confidence(
    client, officer, office, make_document, samples, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "scan.png", original_name="bien-lai.png")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_process_start(actor=officer, document=document)
    client.force_login(officer)

    response = client.get(reverse("documents:document-detail", args=[document.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>bien-lai.png</h1>" in html
    assert "Đã có văn bản" in html
    assert "Đã đọc 1 trang, đang chờ 0, lỗi 0." in html
    assert "QUYẾT ĐỊNH" in html
    assert 'id="job-progress-' in html


def test_detail_partial_for_htmx(client, officer, office, make_document, samples):
    document = make_document(office, samples / "scan.png")
    client.force_login(officer)

    response = client.get(
        reverse("documents:document-detail", args=[document.pk]),
        headers={"HX-Request": "true", "HX-Target": "document-pages"},
    )

    assert response.content.decode().lstrip().startswith('<section id="document-pages"')
    assert "HX-Request" in response["Vary"]


def test_rerun_button_only_when_there_is_something_to_read(
    client, officer, office, make_document, samples
):
    document = make_document(office, samples / "scan.png")
    url = reverse("documents:document-detail", args=[document.pk])
    process_url = reverse("documents:document-process", args=[document.pk])
    client.force_login(officer)

    assert process_url in client.get(url).content.decode()
    Document.objects.filter(pk=document.pk).update(status=Document.Status.READY)
    assert process_url not in client.get(url).content.decode()


def test_process_starts_the_pipeline(
    client, officer, office, make_document, samples, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:document-process", args=[document.pk]))

    document.refresh_from_db()
    assert response.status_code == 302
    assert document.status == Document.Status.READY


def test_page_view_shows_the_image_and_the_text(
    client, officer, office, make_document, samples, django_capture_on_commit_callbacks
):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_process_start(actor=officer, document=document)
    client.force_login(officer)

    response = client.get(reverse("documents:document-page", args=[document.pk, 2]))
    partial = client.get(
        reverse("documents:document-page", args=[document.pk, 2]),
        headers={"HX-Request": "true", "HX-Target": "document-page-text"},
    )

    html = response.content.decode()
    image_url = reverse("documents:document-page-image", args=[document.pk, 2])
    assert f'src="{image_url}?width=1200"' in html
    assert "Người phải thi hành án: Ông Nguyễn Văn Đức, sinh năm 1978." in html
    assert reverse("documents:document-page", args=[document.pk, 1]) in html
    assert reverse("documents:document-page", args=[document.pk, 3]) in html
    assert partial.content.decode().lstrip().startswith('<section id="document-page-text"')


@pytest.mark.parametrize("number", [0, 4])
def test_page_outside_the_document_is_404(client, officer, office, make_document, samples, number):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    client.force_login(officer)

    response = client.get(reverse("documents:document-page", args=[document.pk, number]))

    assert response.status_code == 404


def test_page_image_is_rendered_once_then_served_from_the_cache(
    client, officer, office, make_document, samples, media_root
):
    document = make_document(office, samples / "text-3-pages.pdf", page_count=3)
    client.force_login(officer)
    url = reverse("documents:document-page-image", args=[document.pk, 1])

    first = client.get(url, {"width": "750"})
    cached = stored_files(media_root / "cache")
    second = client.get(url, {"width": "800"})

    assert first.status_code == 200
    assert first["Content-Type"] == "image/png"
    assert first["Cache-Control"] == "private, max-age=3600"
    image = Image.open(io.BytesIO(b"".join(first.streaming_content)))
    assert image.size == (800, 1132)  # 750 snaps to 800
    assert cached == [f"documents/{document.sha256[:2]}/{document.sha256}/p1-w800-r0.png"]
    assert stored_files(media_root / "cache") == cached
    assert b"".join(second.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_page_image_uses_the_rotation_of_the_ocr(client, officer, office, make_document, samples):
    document = make_document(office, samples / "scan.png")
    DocumentPage.objects.create(document=document, number=1, status="done", rotation=90)
    client.force_login(officer)

    response = client.get(
        reverse("documents:document-page-image", args=[document.pk, 1]), {"width": "400"}
    )

    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (350, 1400)  # turned upright like the OCR; never enlarged
