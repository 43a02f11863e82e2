"""Signing faults and races: a missing or expired key numbers nothing; two heads signing one
batch at once produce one set of numbers (PostgreSQL row locks, real threads)."""

import contextlib
import datetime as dt
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from django.db import connection
from django.utils import timezone

from decisions.exceptions import DecisionAlreadySigningError
from decisions.exceptions import DecisionSigningUnavailableError
from decisions.models import Decision
from decisions.services import SERIES
from decisions.services import decision_batch_approve
from decisions.services import decision_batch_create
from decisions.services import decision_batch_sign
from thads.audit.models import AuditEvent
from thads.documents.signing import Keystore
from thads.documents.signing import signer_cache_clear
from thads.numbering.selectors import number_check
from thads.numbering.selectors import number_sequence_last

PASSPHRASE = "mat-khau-kho-khoa-rieng-0123456789"


def _approved_batch(officer, office_head, make_judgment, capture=None, fees=3):
    with capture(execute=True) if capture else contextlib.nullcontext():
        batch = decision_batch_create(actor=officer, judgment_ids=[make_judgment(fees=fees).pk])
    decision_batch_approve(actor=office_head, batch=batch)
    return batch


def _nothing_numbered(batch):
    assert set(Decision.objects.filter(batch=batch).values_list("status", "number")) == {
        ("approved", None)
    }
    assert (
        number_sequence_last(office=batch.office, series=SERIES, year=timezone.localdate().year)
        == 0
    )
    assert not AuditEvent.objects.filter(action="decisions.batch_sign_started").exists()


@pytest.fixture
def own_keystore(settings, tmp_path, drafting_media, decision_templates):
    settings.PDF_SIGNING_BACKEND = "software"
    settings.PDF_SIGNING_DIR = tmp_path / "signing"
    settings.PDF_SIGNING_CA_CERT = ""
    settings.PDF_SIGNING_KEY_PASSPHRASE = PASSPHRASE
    signer_cache_clear()
    yield Keystore(tmp_path / "signing", passphrase=PASSPHRASE)
    signer_cache_clear()


@pytest.mark.django_db
def test_a_missing_key_numbers_nothing(
    own_keystore,
    settings,
    tmp_path,
    officer,
    office_head,
    make_judgment,
    django_capture_on_commit_callbacks,
):
    # a CA issued elsewhere: the platform cannot issue the office's key itself
    ca_cert, _created = own_keystore.ca_ensure()
    external = tmp_path / "external-ca.pem"
    external.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    settings.PDF_SIGNING_DIR = tmp_path / "empty"
    settings.PDF_SIGNING_CA_CERT = str(external)
    batch = _approved_batch(officer, office_head, make_judgment, django_capture_on_commit_callbacks)

    with pytest.raises(DecisionSigningUnavailableError) as error:
        decision_batch_sign(actor=office_head, batch=batch)

    assert error.value.message.startswith(
        "Không ký số được: Đơn vị T101-KV01 chưa có khóa và chứng thư ký số."
    )
    assert error.value.message.endswith("Chưa quyết định nào được cấp số.")
    _nothing_numbered(batch)


@pytest.mark.django_db
def test_an_expired_certificate_numbers_nothing(
    own_keystore, officer, office_head, make_judgment, office, django_capture_on_commit_callbacks
):
    ca_cert, _created = own_keystore.ca_ensure()
    cert, _issued = own_keystore.office_certificate_issue(code=office.code, name=office.name)
    key = own_keystore.load_private_key(own_keystore.office_key_file(office.code))
    ca_key = own_keystore.load_private_key(own_keystore.ca_key_file)
    now = dt.datetime.now(dt.UTC)
    expired = (
        x509.CertificateBuilder()
        .subject_name(cert.subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=400))
        .not_valid_after(now - dt.timedelta(days=1))
        .sign(ca_key, hashes.SHA256())
    )
    own_keystore.office_cert_file(office.code).write_bytes(
        expired.public_bytes(serialization.Encoding.PEM)
    )
    signer_cache_clear()
    batch = _approved_batch(officer, office_head, make_judgment, django_capture_on_commit_callbacks)

    with pytest.raises(DecisionSigningUnavailableError) as error:
        decision_batch_sign(actor=office_head, batch=batch)

    day = (now - dt.timedelta(days=1)).astimezone(timezone.get_current_timezone())
    assert error.value.message == (
        f"Không ký số được: chứng thư ký số của đơn vị {office.name} đã hết "
        f"hạn hoặc chưa có hiệu lực (hiệu lực đến {day:%d/%m/%Y}). Chưa quyết định nào được "
        "cấp số."
    )
    _nothing_numbered(batch)


@pytest.mark.django_db(transaction=True)
def test_two_heads_signing_one_batch_at_once_get_one_set_of_numbers(
    drafting_env, officer, office_head, make_user, office, make_judgment
):
    from thads.permissions import Role

    second_head = make_user(Role.OFFICE_HEAD, office)
    batch = _approved_batch(officer, office_head, make_judgment, fees=4)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def sign(name, head):
        try:
            barrier.wait(timeout=10)
            outcomes[name] = decision_batch_sign(actor=head, batch=batch).pk
        except DecisionAlreadySigningError as exc:
            outcomes[name] = exc.message
        finally:
            connection.close()

    threads = [
        threading.Thread(target=sign, args=("first", office_head)),
        threading.Thread(target=sign, args=("second", second_head)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    messages = [v for v in outcomes.values() if isinstance(v, str)]
    jobs = [v for v in outcomes.values() if isinstance(v, int)]
    assert len(jobs) == 1 and len(messages) == 1
    assert "không còn quyết định đã duyệt nào chờ ký" in messages[0]
    decisions = list(Decision.objects.filter(batch=batch).order_by("position"))
    assert [(d.status, d.number) for d in decisions] == [("signed", n) for n in (1, 2, 3, 4)]
    year = decisions[0].year
    check = number_check(
        numbers=Decision.objects.filter(office=office, year=year).values_list("number", flat=True),
        last_number=number_sequence_last(office=office, series=SERIES, year=year),
    )
    assert (check.ok, check.count, check.highest) == (True, 4, 4)
    assert AuditEvent.objects.filter(action="decisions.batch_sign_started").count() == 1
