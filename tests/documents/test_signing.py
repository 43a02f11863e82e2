# ruff: noqa: F811 (pytest fixtures imported from signing_support are test arguments)
import asyncio
import io
import stat
from pathlib import Path

import pikepdf
import pytest
from cryptography.hazmat.primitives import serialization
from django.core.management import call_command
from django.utils import timezone

from tests.documents.signing_support import OFFICE_NAME
from tests.documents.signing_support import PASSPHRASE
from tests.documents.signing_support import one_page_pdf  # noqa: F401
from tests.documents.signing_support import signing_root  # noqa: F401
from tests.documents.signing_support import signing_settings  # noqa: F401
from tests.documents.signing_support import stamp_text
from thads.audit.models import AuditEvent
from thads.documents.signing import Keystore
from thads.documents.signing import SigningConfigurationError
from thads.documents.signing import SigningKeyMissingError
from thads.documents.signing import fingerprint
from thads.documents.signing import sign_pdf
from thads.documents.signing import signer_cache_clear
from thads.documents.signing import validate_pdf_signatures
from thads.documents.signing.checks import check_keystore_passphrase
from thads.documents.signing.checks import check_signing_settings
from thads.documents.signing.keystore import DEV_CA_COMMON_NAME

pytestmark = pytest.mark.usefixtures("signing_settings")

VALID = "Chữ ký số hợp lệ, văn bản không bị thay đổi sau khi ký."


def sign(pdf: bytes, code: str = "T101-KV01", **kwargs) -> bytes:
    kwargs.setdefault("office_name", OFFICE_NAME)
    return sign_pdf(
        pdf_bytes=pdf,
        office_code=code,
        reason="Ban hành quyết định",
        location="Hà Nội",
        signer_name="Lê Văn Cường",
        **kwargs,
    )


@pytest.fixture
def signed(one_page_pdf, db) -> bytes:
    return sign(one_page_pdf)


def test_signed_pdf_validates_intact_and_trusted(signed):
    report = validate_pdf_signatures(signed)

    assert report.signed
    assert report.intact
    assert report.valid
    assert report.trusted
    assert report.covers_whole_file
    assert report.authentic
    assert report.signer_cn == OFFICE_NAME
    assert report.office_code == "T101-KV01"
    assert report.messages == (VALID,)
    assert abs((timezone.now() - report.signing_time).total_seconds()) < 60


def test_validation_works_inside_a_running_event_loop(signed):
    # pyHanko's synchronous API calls asyncio.run: a thread with a running loop (Playwright in
    # the browser tests, an ASGI server) must still validate.
    async def inside_a_loop() -> bool:
        return validate_pdf_signatures(signed).authentic

    assert asyncio.run(inside_a_loop()) is True


def test_signature_is_pades_with_a_visible_stamp_on_the_last_page(signed):
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        field = pdf.Root.AcroForm.Fields[0]
        assert str(field.T) == "Signature1"
        assert str(field.V.SubFilter) == "/ETSI.CAdES.detached"
        assert str(field.V.Filter) == "/Adobe.PPKLite"
        assert str(field.V.Reason) == "Ban hành quyết định"
        assert str(field.V.Name) == "Lê Văn Cường"
        assert [round(v) for v in field.Rect] == [340, 70, 555, 140]
        assert field.P.objgen == pdf.pages[-1].obj.objgen


def test_stamp_prints_office_and_signing_time_in_vietnamese(signed):
    report = validate_pdf_signatures(signed)
    local = timezone.localtime(report.signing_time)

    lines = stamp_text(signed)

    assert lines == [
        "Ký bởi: Phòng Thi hành án dân sự khu vực 1",
        f"Ngày ký: {local.isoformat(timespec='seconds')}",
    ]
    assert lines[1].endswith("+07:00")


def test_a_byte_changed_after_signing_is_detected(signed):
    position = signed.index(b"stream\n") + 40  # inside the first (signed) stream
    tampered = bytearray(signed)
    tampered[position] ^= 0x01

    report = validate_pdf_signatures(bytes(tampered))

    assert report.signed
    assert not report.intact
    assert not report.authentic
    assert "Nội dung tệp đã bị thay đổi sau khi ký." in report.messages


def test_content_appended_after_signing_is_reported(signed):
    report = validate_pdf_signatures(signed + b"\n% added later\n")

    assert (report.intact, report.trusted, report.covers_whole_file) == (True, True, False)
    assert not report.authentic
    assert report.messages == ("Tệp có thêm nội dung được ghi sau khi ký.",)


def test_a_rewritten_file_is_not_authentic(signed):
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        pdf.docinfo["/Title"] = "Đã sửa sau khi ký"
        out = io.BytesIO()
        pdf.save(out)

    report = validate_pdf_signatures(out.getvalue())

    assert not report.intact
    assert not report.authentic


def test_a_foreign_self_signed_key_is_not_trusted(settings, one_page_pdf, tmp_path, db):
    platform_dir = settings.PDF_SIGNING_DIR
    settings.PDF_SIGNING_DIR = tmp_path / "foreign"
    foreign = sign(one_page_pdf)
    settings.PDF_SIGNING_DIR = platform_dir

    report = validate_pdf_signatures(foreign)

    assert report.signed
    assert report.intact
    assert report.valid
    assert not report.trusted
    assert not report.authentic
    assert report.messages == (
        "Chứng thư số của người ký không thuộc chuỗi chứng thực của hệ thống THADS.",
    )


def test_unsigned_and_unreadable_files(one_page_pdf):
    unsigned = validate_pdf_signatures(one_page_pdf)
    garbage = validate_pdf_signatures(b"%PDF-1.7\nnot really a pdf")

    assert (unsigned.signed, unsigned.messages) == (False, ("Tệp PDF không có chữ ký số.",))
    assert (garbage.signed, garbage.messages) == (False, ("Không đọc được tệp PDF.",))


def test_keys_on_disk_are_encrypted_and_private(signed, signing_root):
    store = Keystore(signing_root, passphrase=PASSPHRASE)
    key_files = [store.ca_key_file, store.office_key_file("T101-KV01")]

    for path in key_files:
        data = path.read_bytes()
        assert data.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with pytest.raises(TypeError):  # no password: refused
            serialization.load_pem_private_key(data, password=None)
        with pytest.raises(ValueError):
            serialization.load_pem_private_key(data, password=b"wrong")
        serialization.load_pem_private_key(data, password=PASSPHRASE.encode())
    for folder in (signing_root / "ca", signing_root / "offices", store.office_dir("T101-KV01")):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.office_cert_file("T101-KV01").stat().st_mode) == 0o644
    assert not (signing_root / "keystore.passphrase").exists()
    ca = store.ca_certificates()[0]
    assert ca.subject.rfc4514_string() == (
        f"CN={DEV_CA_COMMON_NAME},O=THADS (môi trường phát triển),C=VN"
    )


def test_without_a_passphrase_one_is_generated_into_a_private_file(
    settings,
    one_page_pdf,
    tmp_path,
    db,
):
    settings.PDF_SIGNING_DIR = tmp_path / "demo"
    settings.PDF_SIGNING_KEY_PASSPHRASE = ""

    signed_pdf = sign(one_page_pdf)

    secret = tmp_path / "demo" / "keystore.passphrase"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert len(secret.read_bytes().strip()) == 43  # token_urlsafe(32)
    assert validate_pdf_signatures(signed_pdf).intact
    assert [m.id for m in check_keystore_passphrase()] == ["documents.W001"]


def test_the_office_key_is_loaded_once_per_process(
    settings,
    one_page_pdf,
    tmp_path,
    monkeypatch,
    db,
):
    settings.PDF_SIGNING_DIR = tmp_path / "cache"
    sign(one_page_pdf)  # issues the CA and the office key
    signer_cache_clear()
    loads: list[Path] = []
    real = Keystore.load_private_key

    def counting(self, path):
        loads.append(path)
        return real(self, path)

    monkeypatch.setattr(Keystore, "load_private_key", counting)

    for _ in range(3):
        sign(one_page_pdf)

    assert loads == [tmp_path / "cache" / "offices" / "T101-KV01" / "signing.key.pem"]


def test_a_renewed_certificate_replaces_the_cached_signer(one_page_pdf, sibling_office):
    store = Keystore.from_settings()
    first = validate_pdf_signatures(sign(one_page_pdf, code="T101-KV02"))

    call_command(
        "signing_issue_office_cert", "--office", "T101-KV02", "--force", stdout=io.StringIO()
    )
    second = validate_pdf_signatures(sign(one_page_pdf, code="T101-KV02"))
    # renewed by another process: this one's cache notices the new certificate file
    store.office_certificate_issue(code="T101-KV02", name=OFFICE_NAME, force=True)
    third = validate_pdf_signatures(sign(one_page_pdf, code="T101-KV02"))

    current = fingerprint(store.office_certificate("T101-KV02"))
    assert first.trusted and second.trusted and third.trusted
    assert len({first.certificate_sha256, second.certificate_sha256, current}) == 3
    assert third.certificate_sha256 == current


def test_a_small_reservation_falls_back_to_pyhankos_estimate(monkeypatch, one_page_pdf, db):
    monkeypatch.setattr("thads.documents.signing.core.SIGNATURE_RESERVED_HEX", 256)

    report = validate_pdf_signatures(sign(one_page_pdf))

    assert report.authentic


def test_first_signature_of_an_office_issues_and_audits_its_certificate(
    settings,
    one_page_pdf,
    tmp_path,
    office,
):
    settings.PDF_SIGNING_DIR = tmp_path / "audit"

    sign(one_page_pdf, code=office.code, office_name=office.name)
    sign(one_page_pdf, code=office.code, office_name=office.name)

    events = list(AuditEvent.objects.filter(action="documents.signing_certificate_issued"))
    assert len(events) == 1
    event = events[0]
    assert event.chain == "T101-KV01"
    assert event.actor_id is None
    assert event.after["office_code"] == "T101-KV01"
    assert event.after["issuer"] == f"CN={DEV_CA_COMMON_NAME},O=THADS (môi trường phát triển),C=VN"
    assert set(event.after) == {"office_code", "subject", "issuer", "serial", "sha256", "not_after"}
    assert "PRIVATE" not in str(event.after)


def test_signing_commands_print_fingerprints_never_keys(settings, tmp_path, office):
    settings.PDF_SIGNING_DIR = tmp_path / "commands"
    out = io.StringIO()

    call_command("signing_init", stdout=out)
    call_command("signing_init", stdout=out)
    call_command("signing_issue_office_cert", "--office", "T101-KV01", stdout=out)
    call_command("signing_issue_office_cert", "--office", "T101-KV01", stdout=out)

    text = out.getvalue()
    store = Keystore(tmp_path / "commands", passphrase=PASSPHRASE)
    lines = text.splitlines()
    assert lines[0] == "Đã tạo CA phát triển."
    assert "CA đã có sẵn." in lines
    assert "Đã cấp chứng thư ký số cho T101-KV01." in lines
    assert "T101-KV01 đã có chứng thư ký số (dùng --force để cấp mới)." in lines
    assert f"Dấu vân tay SHA-256: {fingerprint(store.ca_certificates()[0])}" in lines
    assert "PRIVATE KEY" not in text
    assert PASSPHRASE not in text
    assert list(AuditEvent.objects.order_by("pk").values_list("action", "chain")) == [
        ("documents.signing_ca_created", "system"),
        ("documents.signing_certificate_issued", "T101-KV01"),
    ]


def test_issuing_for_an_unknown_office_is_a_command_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"^Không có đơn vị mã X99\.$"):
        call_command("signing_issue_office_cert", "--office", "X99")


def test_with_an_external_ca_the_platform_never_issues_keys(
    settings,
    signing_root,
    tmp_path,
    one_page_pdf,
    db,
):
    store = Keystore(signing_root, passphrase=PASSPHRASE)
    store.ca_ensure()
    settings.PDF_SIGNING_CA_CERT = str(store.ca_cert_file)
    settings.PDF_SIGNING_DIR = tmp_path / "production"

    with pytest.raises(SigningKeyMissingError) as excinfo:
        sign(one_page_pdf)

    assert excinfo.value.message == (
        "Đơn vị T101-KV01 chưa có khóa và chứng thư ký số. Đặt tệp signing.key.pem và "
        f"signing.crt.pem do CA cấp vào {tmp_path / 'production' / 'offices' / 'T101-KV01'}."
    )


def test_pkcs11_backend_without_its_library_explains_what_is_missing(settings, one_page_pdf):
    settings.PDF_SIGNING_BACKEND = "pkcs11"
    settings.PDF_SIGNING_PKCS11_LIB = "/nonexistent/libsofthsm2.so"
    settings.PDF_SIGNING_PKCS11_TOKEN = "thads"
    settings.PDF_SIGNING_PKCS11_PIN = "123456"

    with pytest.raises(SigningConfigurationError) as excinfo:
        sign(one_page_pdf)

    assert excinfo.value.message.startswith(
        "Cấu hình ký số PKCS#11 chưa đúng: Không tìm thấy thư viện PKCS#11 tại "
        "THADS_PDF_SIGNING_PKCS11_LIB=/nonexistent/libsofthsm2.so."
    )
    assert "123456" not in excinfo.value.message
    assert [m.id for m in check_signing_settings()] == ["documents.E003"]


def test_pkcs11_backend_with_nothing_set_names_every_setting(settings):
    settings.PDF_SIGNING_BACKEND = "pkcs11"
    settings.PDF_SIGNING_PKCS11_LIB = ""
    settings.PDF_SIGNING_PKCS11_TOKEN = ""
    settings.PDF_SIGNING_PKCS11_PIN = ""

    (message,) = check_signing_settings()

    assert message.id == "documents.E003"
    for name in (
        "THADS_PDF_SIGNING_PKCS11_LIB",
        "THADS_PDF_SIGNING_PKCS11_TOKEN",
        "THADS_PDF_SIGNING_PKCS11_PIN",
    ):
        assert name in message.msg


def test_an_unknown_backend_is_refused(settings, one_page_pdf):
    settings.PDF_SIGNING_BACKEND = "hsm"

    with pytest.raises(SigningConfigurationError) as excinfo:
        sign(one_page_pdf)

    assert excinfo.value.message == (
        "THADS_PDF_SIGNING_BACKEND='hsm' không hợp lệ: chọn software hoặc pkcs11."
    )
    assert [m.id for m in check_signing_settings()] == ["documents.E002"]


def test_default_settings_pass_the_signing_checks():
    assert check_signing_settings() == []
