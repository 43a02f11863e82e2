import base64
import hashlib
import re
import secrets

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve

from tests.documents.signing_support import signing_root  # noqa: F401
from tests.documents.signing_support import signing_settings  # noqa: F401
from tests.documents.signing_support import squash
from tests.documents.signing_support import two_page_decision
from thads.audit.models import AuditEvent
from thads.documents.models import PublicToken
from thads.documents.verification.exceptions import PublicTokenAlreadyRevokedError
from thads.documents.verification.exceptions import PublicTokenError
from thads.documents.verification.selectors import public_token_lookup
from thads.documents.verification.selectors import public_tokens_for_target
from thads.documents.verification.services import admin_document_publish
from thads.documents.verification.services import public_token_generate
from thads.documents.verification.services import public_token_issue
from thads.documents.verification.services import public_token_revoke
from thads.documents.verification.services import public_verify_url
from thads.permissions import view_access_policy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_settings")]

SUMMARY = {
    "doc_type": "Quyết định về việc thi hành án theo đơn yêu cầu",
    "number": "01/QĐ-THADS",
    "issued_on": "2026-11-23",
    "office_name": "Phòng Thi hành án dân sự khu vực 1",
    "status": "Đã ký số",
}
PDF_SHA = hashlib.sha256(b"pdf").hexdigest()
LIMITED = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau"


@pytest.fixture(autouse=True)
def fresh_limiter():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_clock(monkeypatch):
    """Fix the limiter's clock inside one minute (its window), at second 10."""
    monkeypatch.setattr("thads.documents.verification.ratelimit.time.time", lambda: 1_800_000_010)


@pytest.fixture
def issued(officer, office):
    return public_token_issue(
        actor=officer,
        kind="decision",
        target=office,
        office=office,
        summary=SUMMARY,
        pdf_sha256=PDF_SHA,
    )


@pytest.fixture
def published(office_head, office):
    return admin_document_publish(
        actor=office_head,
        kind="decision",
        target=office,
        office=office,
        summary=SUMMARY,
        document=two_page_decision(),
        reason="Ban hành quyết định",
        base_url="https://thads.example.gov.vn",
    )


def url(token: str) -> str:
    return f"/verify/{token}/"


# --- tokens -------------------------------------------------------------------------------------


def test_tokens_are_192_bits_from_the_csprng_not_uuids():
    tokens = {public_token_generate() for _ in range(1000)}

    assert len(tokens) == 1000
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
        assert len(base64.urlsafe_b64decode(token)) == 24
    assert not any(re.fullmatch(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}", t) for t in tokens)


def test_only_the_hash_of_the_token_is_stored(issued):
    public_token, raw = issued

    row = PublicToken.objects.values().get(pk=public_token.pk)
    assert row["token_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(row)
    assert public_token_lookup(token=raw) == public_token


def test_issue_is_audited(issued, officer):
    public_token, raw = issued

    event = AuditEvent.objects.get()
    assert event.action == "documents.public_token_issued"
    assert event.chain == "T101-KV01"
    assert event.actor_id == officer.pk
    assert event.object_type == "documents.publictoken"
    assert event.object_id == str(public_token.pk)
    assert event.after == {
        "kind": "decision",
        "object_type": "org.office",
        "object_id": str(public_token.office_id),
        "pdf_sha256": PDF_SHA,
        "summary": SUMMARY,
    }
    assert raw not in str(event.after) + event.summary
    assert public_token.token_hash not in str(event.after)


def test_the_public_summary_refuses_personal_fields(officer, office):
    with pytest.raises(PublicTokenError) as excinfo:
        public_token_issue(
            actor=officer,
            kind="receipt",
            target=office,
            office=office,
            summary={"number": "1", "payer_name": "Nguyễn Văn Ân", "id_number": "0123"},
            pdf_sha256=PDF_SHA,
        )

    assert excinfo.value.message == (
        "Thông tin công khai chỉ được gồm doc_type, number, issued_on, office_name, status, "
        "amount_vnd; không được có: id_number, payer_name."
    )
    assert PublicToken.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "judgment"}, "Loại văn bản tra cứu không hợp lệ: judgment."),
        ({"pdf_sha256": "abc"}, "Mã băm SHA-256 của tệp PDF không hợp lệ."),
        ({"token": "short"}, "Mã tra cứu phải được tạo bằng public_token_generate()."),
        ({"summary": {"amount_vnd": 12.5}}, "Số tiền công khai phải là số nguyên đồng, không âm."),
    ],
)
def test_issue_validates_its_input(officer, office, changes, message):
    kwargs = {
        "actor": officer,
        "kind": "receipt",
        "target": office,
        "office": office,
        "summary": SUMMARY,
        "pdf_sha256": PDF_SHA,
    }
    kwargs.update(changes)

    with pytest.raises(PublicTokenError) as excinfo:
        public_token_issue(**kwargs)

    assert excinfo.value.message == message


def test_revoke_is_audited_and_happens_once(issued, office_head):
    public_token, _ = issued

    revoked = public_token_revoke(actor=office_head, public_token=public_token, reason="Lập sai")
    with pytest.raises(PublicTokenAlreadyRevokedError):
        public_token_revoke(actor=office_head, public_token=public_token, reason="Lần hai")

    assert revoked.is_revoked
    assert revoked.revoked_reason == "Lập sai"
    event = AuditEvent.objects.get(action="documents.public_token_revoked")
    assert event.actor_id == office_head.pk
    assert event.before == {"revoked_at": None}
    assert event.after["reason"] == "Lập sai"
    assert AuditEvent.objects.filter(action="documents.public_token_revoked").count() == 1


def test_revoke_needs_a_reason(issued, office_head):
    with pytest.raises(PublicTokenError) as excinfo:
        public_token_revoke(actor=office_head, public_token=issued[0], reason="  ")

    assert excinfo.value.message == "Cần ghi lý do thu hồi mã tra cứu."
    assert not PublicToken.objects.get().is_revoked


def test_tokens_are_listed_per_target(issued, office, sibling_office):
    assert list(public_tokens_for_target(target=office)) == [issued[0]]
    assert list(public_tokens_for_target(target=sibling_office)) == []


# --- the public page ----------------------------------------------------------------------------


def test_the_verify_page_is_public():
    policy = view_access_policy(resolve(url("x" * 32)).func)

    assert policy.public


def test_anonymous_visitor_sees_a_valid_document(client, issued):
    _, raw = issued

    response = client.get(url(raw))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Văn bản hợp lệ" in html
    for text in (
        '<th scope="row">Loại văn bản</th><td>Quyết định về việc thi hành án theo đơn yêu cầu',
        '<th scope="row">Số, ký hiệu</th><td>01/QĐ-THADS</td>',
        '<th scope="row">Ngày ban hành</th><td>23/11/2026</td>',
        '<th scope="row">Cơ quan ban hành</th><td>Phòng Thi hành án dân sự khu vực 1</td>',
        '<th scope="row">Tình trạng</th><td>Đã ký số</td>',
    ):
        assert text in html
    grouped = " ".join(PDF_SHA[i : i + 8] for i in range(0, 64, 8))
    assert f'<code class="mono" id="registered-fingerprint">{grouped}</code>' in html
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_document_says_so(client, issued, office_head):
    public_token, raw = issued
    public_token_revoke(actor=office_head, public_token=public_token, reason="Hủy")

    response = client.get(url(raw))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Văn bản đã bị thu hồi" in html
    assert "Văn bản hợp lệ" not in html
    assert "Hủy" not in html  # the reason stays internal


@pytest.mark.parametrize("token", ["A" * 32, "not-a-token", "x" * 300])
def test_an_unknown_token_is_404_with_the_same_page(client, issued, token):
    response = client.get(url(token))

    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy văn bản" in html
    assert "Kiểm tra tính xác thực của văn bản" in html


def test_uploading_the_registered_pdf_says_authentic(client, published):
    response = client.post(
        url(published.token),
        {"pdf": SimpleUploadedFile("qd.pdf", published.pdf, "application/pdf")},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp xác thực" in html
    assert "Chữ ký số hợp lệ, văn bản không bị thay đổi sau khi ký." in html
    assert "Ký bởi: Phòng THADS khu vực 1 - Tỉnh Thử A" in html


def test_uploading_a_tampered_pdf_says_not_authentic(client, published):
    tampered = bytearray(published.pdf)
    tampered[published.pdf.index(b"stream\n") + 40] ^= 0x01

    response = client.post(
        url(published.token),
        {"pdf": SimpleUploadedFile("qd.pdf", bytes(tampered), "application/pdf")},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp không xác thực" in html
    assert "Tệp của bạn khác với bản đã đăng ký" in html
    assert "Tệp xác thực</span>" not in html


def test_uploading_something_else_than_a_pdf_is_refused(client, issued):
    response = client.post(
        url(issued[1]), {"pdf": SimpleUploadedFile("a.pdf", b"GIF89a...", "application/pdf")}
    )

    assert response.status_code == 422
    assert "Tệp không phải là tệp PDF." in response.content.decode()


def test_published_pdf_carries_the_qr_url_and_its_registered_hash(published):
    public_token = public_token_lookup(token=published.token)

    assert published.verify_url == f"https://thads.example.gov.vn/verify/{published.token}/"
    assert public_verify_url(published.token, base_url="https://thads.example.gov.vn/") == (
        published.verify_url
    )
    assert public_token.pdf_sha256 == hashlib.sha256(published.pdf).hexdigest()
    from tests.documents.signing_support import page_texts

    assert squash(published.verify_url) in squash(page_texts(published.pdf)[-1])


# --- rate limiting ------------------------------------------------------------------------------


def test_a_thousand_guesses_find_nothing_and_trip_the_limiter(client, issued, frozen_clock):
    statuses = []
    for _ in range(1000):
        response = client.get(url(secrets.token_urlsafe(24)))
        statuses.append(response.status_code)

    assert statuses.count(200) == 0
    assert statuses[:30] == [404] * 30
    assert statuses[30:] == [429] * 970
    assert response["Retry-After"] == "50"
    html = response.content.decode()
    assert f"{LIMITED} 50 giây." in html
    # a valid token is refused too while the address is over its limit
    assert client.get(url(issued[1])).status_code == 429


def test_the_limit_is_per_client_address(client, issued, frozen_clock, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    raw = issued[1]

    first = [client.get(url(raw), REMOTE_ADDR="198.51.100.7").status_code for _ in range(3)]
    other = client.get(url(raw), REMOTE_ADDR="198.51.100.8").status_code
    same_64 = [
        client.get(url(raw), REMOTE_ADDR=f"2001:db8:1:2::{n}").status_code for n in range(1, 4)
    ]

    assert first == [200, 200, 429]
    assert other == 200
    assert same_64 == [200, 200, 429]  # one IPv6 /64 is one subscriber


def test_uploads_count_against_the_limit(client, issued, frozen_clock, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 1
    client.get(url(issued[1]))

    response = client.post(
        url(issued[1]), {"pdf": SimpleUploadedFile("a.pdf", b"%PDF-1.7", "application/pdf")}
    )

    assert response.status_code == 429
