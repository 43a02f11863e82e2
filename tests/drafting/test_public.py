"""The public page /tra-cuu/quyet-dinh/<token>: status, signature, upload check, limits."""

import re

import pypdfium2 as pdfium
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from decisions.models import Decision
from decisions.services import decision_batch_approve
from decisions.services import decision_batch_create
from decisions.services import decision_batch_sign
from decisions.services import decision_pdf_path
from decisions.services import decision_revoke

pytestmark = pytest.mark.django_db

URL = re.compile(r"http://\S+/tra-cuu/quyet-dinh/[A-Za-z0-9_-]{32}")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed(drafting_env, officer, office_head, judgment_fees, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = decision_batch_create(actor=officer, judgment_ids=[judgment_fees.pk])
    decision = Decision.objects.filter(batch=batch).order_by("position").first()
    decision_batch_approve(actor=office_head, batch=batch, decision_ids=[decision.pk])
    with django_capture_on_commit_callbacks(execute=True):
        decision_batch_sign(actor=office_head, batch=batch)
    decision.refresh_from_db()
    data = decision_pdf_path(decision.pdf_name).read_bytes()
    pdf = pdfium.PdfDocument(data)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    # pdfium reads a hyphen where a line breaks as U+FFFE; the random token may hold one.
    url = URL.search(text.replace("\r", "").replace("\n", "").replace("\ufffe", "-"))[0]
    return decision, data, url.split("localhost:8000", 1)[1]


def test_the_qr_link_shows_number_date_office_status_and_a_valid_signature(client, signed):
    decision, _data, path = signed

    response = client.get(path)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Quyết định có hiệu lực" in body
    assert decision.number_symbol in body
    assert decision.issued_on.strftime("%d/%m/%Y") in body
    assert decision.office.name in body
    assert re.search(r'id="registered-signature">\s*<span class="badge badge-ok">Hợp lệ', body)
    # nothing personal: neither the debtor's name nor identification number nor address
    for private in ("Trần Thị Bích", "001180000001", "Hàng Bạc"):
        assert private not in body
    assert response["Cache-Control"] == "no-store"


def test_the_genuine_pdf_is_reported_authentic(client, signed):
    _decision, data, path = signed

    response = client.post(path, {"pdf": SimpleUploadedFile("qd.pdf", data, "application/pdf")})

    assert response.status_code == 200
    assert "Tệp xác thực" in response.content.decode()


def test_an_altered_pdf_is_reported_altered(client, signed):
    _decision, data, path = signed
    middle = len(data) // 2  # one bit flipped inside the signed content
    altered = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]

    response = client.post(path, {"pdf": SimpleUploadedFile("qd.pdf", altered, "application/pdf")})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp đã bị sửa đổi" in body
    assert "Tệp xác thực" not in body


def test_a_revoked_decision_says_so(client, signed, office_head):
    decision, _data, path = signed
    decision_revoke(actor=office_head, decision=decision, reason="Ban hành sai thẩm quyền")

    body = client.get(path).content.decode()

    assert "Quyết định đã bị thu hồi" in body


def test_an_unknown_token_is_404(client, drafting_env):
    response = client.get("/tra-cuu/quyet-dinh/" + "A" * 32)

    assert response.status_code == 404
    assert "Không tìm thấy quyết định" in response.content.decode()


def test_lookups_are_rate_limited(client, settings, drafting_env):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    path = "/tra-cuu/quyet-dinh/" + "B" * 32

    statuses = [client.get(path).status_code for _ in range(3)]

    assert statuses == [404, 404, 429]
    assert int(client.get(path)["Retry-After"]) > 0
