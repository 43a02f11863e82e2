"""Scan → OCR → prefill → confirm, through the views and the real pipeline (tesseract)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from receipts.models import ReceiptScan
from receipts.models import ReceiptScanCorrection
from receipts.prefill import PrefillField
from receipts.samples.generate import make_samples
from receipts.selectors import receipt_scan_prefill
from receipts.tasks_intake import receipt_scan_document_processed
from thads.audit.models import AuditEvent
from thads.documents.signals import document_processed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def slip(tmp_path_factory):
    """One degraded photo of a Vietcombank-style slip and its gold labels."""
    folder = tmp_path_factory.mktemp("slips")
    labels = make_samples(folder, count=1, seed=7)[0]
    return folder / labels.file, labels


def upload(client, path, capture):
    with capture(execute=True):
        return client.post(
            reverse("receipts:scan-upload"),
            {"file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="image/jpeg")},
        )


def test_upload_read_confirm_and_prefill(
    client, counter_staff, media_root, slip, django_capture_on_commit_callbacks
):
    path, gold = slip
    client.force_login(counter_staff)
    response = upload(client, path, django_capture_on_commit_callbacks)
    scan = ReceiptScan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("receipts:scan-detail", args=[scan.pk])
    # PROCESSING until the page polls, or READY once apps.py connects the pipeline's event
    assert scan.status in (ReceiptScan.Status.PROCESSING, ReceiptScan.Status.READY)

    page = client.get(reverse("receipts:scan-detail", args=[scan.pk]))
    scan.refresh_from_db()
    assert scan.status == ReceiptScan.Status.READY
    assert scan.doc_type == "transfer_slip"
    assert scan.fields["amount_vnd"]["value"] == gold.amount_vnd
    assert scan.fields["date"]["value"] == gold.date
    assert scan.fields["payer"]["value"] == gold.payer  # "TRAN THỦ BINH" is harmonised
    assert scan.fields["bank_reference"]["value"] == gold.bank_reference
    html = page.content.decode()
    assert html.count('class="scan-highlight"') == len(scan.fields)
    assert 'data-field="amount_vnd"' in html
    assert 'style="' not in html

    data = {name: scan.fields[name]["value"] for name in scan.fields}
    year, month, day = gold.date.split("-")
    data["date"] = f"{day}/{month}/{year}"
    data["payer"] = "Nguyễn Văn Sửa"
    response = client.post(reverse("receipts:scan-confirm", args=[scan.pk]), data)
    assert response.status_code == 302
    scan.refresh_from_db()
    assert scan.status == ReceiptScan.Status.CONFIRMED
    correction = ReceiptScanCorrection.objects.get()
    assert (correction.field, correction.extracted_value, correction.corrected_value) == (
        "payer",
        gold.payer,
        "Nguyễn Văn Sửa",
    )
    assert list(
        AuditEvent.objects.filter(action__startswith="receipts.scan_")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["receipts.scan_uploaded", "receipts.scan_extracted", "receipts.scan_confirmed"]

    prefill = receipt_scan_prefill(actor=counter_staff, scan_id=scan.pk)
    assert prefill["payer_name"] == PrefillField(
        value="Nguyễn Văn Sửa", confidence=1.0, page=None, box=None
    )
    assert prefill["method"] == PrefillField(value="transfer", confidence=1.0)
    assert prefill["case_number"].value == gold.case_reference
    assert prefill["amount"].value == gold.amount_vnd
    assert prefill["amount"].box == tuple(scan.fields["amount_vnd"]["box"])


def test_the_pipeline_event_reads_the_scan_without_polling(
    client, counter_staff, media_root, slip, django_capture_on_commit_callbacks
):
    document_processed.connect(receipt_scan_document_processed, dispatch_uid="test-r2-scan")
    try:
        client.force_login(counter_staff)
        upload(client, slip[0], django_capture_on_commit_callbacks)
    finally:
        document_processed.disconnect(dispatch_uid="test-r2-scan")
    assert ReceiptScan.objects.get().status == ReceiptScan.Status.READY


def test_a_file_that_is_not_a_document_is_refused_with_nothing_stored(
    client, counter_staff, media_root
):
    client.force_login(counter_staff)
    response = client.post(
        reverse("receipts:scan-upload"),
        {"file": SimpleUploadedFile("slip.jpg", b"MZ\x90\x00 not an image", "image/jpeg")},
    )
    assert response.status_code == 422
    assert ReceiptScan.objects.count() == 0
    assert not AuditEvent.objects.filter(action="receipts.scan_uploaded").exists()
