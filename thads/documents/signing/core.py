"""Implementation of :mod:`thads.documents.signing` (import from the package)."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import io
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign import signers
from pyhanko.sign.general import SigningError as PyhankoSigningError
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from thads.documents.signing.exceptions import SigningConfigurationError
from thads.documents.signing.exceptions import SigningError
from thads.documents.signing.exceptions import SigningKeyMissingError
from thads.documents.signing.keystore import CertificateInfo
from thads.documents.signing.keystore import Keystore
from thads.documents.signing.pkcs11 import BACKENDS
from thads.documents.signing.pkcs11 import pkcs11_signer
from thads.documents.signing.stamp import stamp_style
from thads.documents.signing.stamp import stamp_template

logger = logging.getLogger(__name__)

_R = TypeVar("_R")


def _outside_event_loop(call: Callable[[], _R]) -> _R:
    """Run ``call`` (a pyHanko entry point) where no asyncio loop is running.

    pyHanko's synchronous API wraps its coroutines in ``asyncio.run``, which refuses to start
    inside a running loop (a Playwright or ASGI thread): then the call runs on a short-lived
    thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(call).result()


#: Stamp text; ``%(office)s``, ``%(signer)s`` and ``%(ts)s`` (the signing time) are filled in.
DEFAULT_STAMP_TEXT = "Ký bởi: %(office)s\nNgày ký: %(ts)s"
#: Where the stamp goes when the caller gives no box: bottom right of the last page, above
#: the 20 mm bottom margin (x1, y1, x2, y2 in points on an A4 page).
DEFAULT_STAMP_BOX = (340, 70, 555, 140)
#: Room for the CMS signature, in hex digits: 4 KiB of DER (an ECDSA P-256 signature with its
#: two-certificate chain takes 1.7 KiB; three ECDSA or RSA-2048 certificates fit). Giving it
#: spares pyHanko the dry-run signature it makes to estimate the size (a third of the signing
#: time); keeping it tight matters too, as validation reads the reserved hex digits one by one
#: (16 KiB of hex cost 10 ms). A chain that does not fit is signed again with the estimate.
SIGNATURE_RESERVED_HEX = 8192


def signing_backend() -> str:
    """``settings.PDF_SIGNING_BACKEND``, checked; raises :class:`SigningConfigurationError`."""
    backend = settings.PDF_SIGNING_BACKEND
    if backend not in BACKENDS:
        raise SigningConfigurationError(
            _("THADS_PDF_SIGNING_BACKEND=%(value)r không hợp lệ: chọn software hoặc pkcs11.")
            % {"value": backend}
        )
    return backend


# --- signers -----------------------------------------------------------------------------------


class CachedKeySigner(signers.SimpleSigner):
    """pyHanko's ``SimpleSigner`` that keeps the decrypted key object instead of re-parsing it."""

    def __init__(self, *, key: Any, cert: x509.Certificate, chain: list[x509.Certificate]):
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self._key = key
        super().__init__(
            signing_cert=_asn1(cert),
            signing_key=asn1_keys.PrivateKeyInfo.load(der),
            cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in chain]),
        )

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "ecdsa" and isinstance(self._key, EllipticCurvePrivateKey):
            return self._key.sign(data, ECDSA(hash_algo))
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), hash_algo)
        return super().sign_raw(data, digest_algorithm)


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@dataclass
class _CacheEntry:
    signer: Any
    stamp: tuple[int, int]  # (mtime_ns, size) of the certificate file; (0, 0) for PKCS#11


_CACHE: dict[tuple[str, str, str], _CacheEntry] = {}
_CACHE_LOCK = threading.Lock()


def signer_cache_clear() -> None:
    """Forget every loaded signer (tests; after keys are replaced in another process)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _software_signer(store: Keystore, office_code: str, office_name: str) -> Any:
    cert_file = store.office_cert_file(office_code)
    key = (str(store.root), "software", office_code)
    try:
        stat = cert_file.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        stamp = None
    with _CACHE_LOCK:
        entry = _CACHE.get(key)
        if entry is not None and stamp is not None and entry.stamp == stamp:
            return entry.signer
    if stamp is None:
        issued_cert, issued = store.office_certificate_issue(code=office_code, name=office_name)
        if issued:
            from thads.documents.signing.services import signing_certificate_record

            signing_certificate_record(
                actor=None, office_code=office_code, info=CertificateInfo.of(issued_cert, cert_file)
            )
        stat = cert_file.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    cert = store.office_certificate(office_code)
    if cert is None:  # removed between the two reads
        raise SigningKeyMissingError()
    signer = CachedKeySigner(
        key=store.load_private_key(store.office_key_file(office_code)),
        cert=cert,
        chain=store.office_chain(office_code),
    )
    with _CACHE_LOCK:
        _CACHE[key] = _CacheEntry(signer=signer, stamp=stamp)
    return signer


def office_signer(*, office_code: str, office_name: str) -> Any:
    """The loaded pyHanko signer of an office (cached per process).

    Software backend: issues the office's key and certificate on first use when the platform
    is its own CA. Raises :class:`SigningError` subclasses with a Vietnamese message.
    """
    if signing_backend() == "pkcs11":
        key = ("pkcs11", settings.PDF_SIGNING_PKCS11_TOKEN, office_code)
        with _CACHE_LOCK:
            entry = _CACHE.get(key)
        if entry is None:
            entry = _CacheEntry(signer=pkcs11_signer(office_code), stamp=(0, 0))
            with _CACHE_LOCK:
                _CACHE[key] = entry
        return entry.signer
    return _software_signer(Keystore.from_settings(), office_code, office_name)


def signing_ca_init() -> tuple[CertificateInfo, bool]:
    """Create the development CA if there is none; describe the CA certificate (never the key)
    and say whether it was just created."""
    store = Keystore.from_settings()
    cert, created = store.ca_ensure()
    return CertificateInfo.of(cert, store.ca_cert_file), created


def signing_office_certificate_issue(
    *, office_code: str, office_name: str, force: bool = False
) -> tuple[CertificateInfo, bool]:
    """Issue (or with ``force`` renew) an office's signing certificate from the managed CA.

    Returns the certificate's description and whether a new one was issued. Callers audit
    it (``manage.py signing_issue_office_cert`` does).
    """
    store = Keystore.from_settings()
    cert, issued = store.office_certificate_issue(code=office_code, name=office_name, force=force)
    if issued:
        signer_cache_clear()
    return CertificateInfo.of(cert, store.office_cert_file(office_code)), issued


# --- signing -----------------------------------------------------------------------------------


def sign_pdf(
    *,
    pdf_bytes: bytes,
    office_code: str,
    office_name: str,
    reason: str,
    location: str,
    signer_name: str,
    field_name: str = "Signature1",
    stamp_text: str = DEFAULT_STAMP_TEXT,
    box: tuple[float, float, float, float] | None = None,
    page_index: int = -1,
) -> bytes:
    """Sign ``pdf_bytes`` with the office's key and return the signed PDF.

    PAdES B-B (ETSI EN 319 142-1): SHA-256, the office's certificate and chain embedded, a
    visible stamp in ``box`` (points; default :data:`DEFAULT_STAMP_BOX`) on page
    ``page_index`` (default the last), laid out as Decree 30/2020/NĐ-CP, Annex I, shows an
    organisation's digital signature. ``stamp_text`` may use ``%(office)s``, ``%(signer)s``
    and ``%(ts)s``.
    Pure computation plus, on an office's first signature, key issuance on disk. Raises
    :class:`SigningError` (Vietnamese message) when the PDF cannot be signed.
    """
    from thads.documents.pdf import find_font_family

    signer = office_signer(office_code=office_code, office_name=office_name)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        name=signer_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    font = str(find_font_family().regular)
    stamp_box = tuple(round(v) for v in (box or DEFAULT_STAMP_BOX))
    text = stamp_template(
        font_path=font,
        template=stamp_text,
        office=office_name,
        signer=signer_name,
        box_width=stamp_box[2] - stamp_box[0],
    )
    style = stamp_style(font, text)
    sign = functools.partial(
        _sign,
        pdf_bytes=pdf_bytes,
        meta=meta,
        signer=signer,
        style=style,
        field=fields.SigFieldSpec(sig_field_name=field_name, on_page=page_index, box=stamp_box),
        params={"office": office_name, "signer": signer_name},
    )
    try:
        try:
            return sign(reserved=SIGNATURE_RESERVED_HEX)
        except PyhankoSigningError as exc:
            if "larger than expected" not in str(exc):
                raise
            return sign(reserved=None)
    except (PdfError, PyhankoSigningError, ValueError) as exc:
        logger.warning("Signing failed for office %s: %s", office_code, type(exc).__name__)
        raise SigningError(_("Không ký số được văn bản: %(error)s") % {"error": exc}) from exc


def _sign(
    *,
    pdf_bytes: bytes,
    meta: signers.PdfSignatureMetadata,
    signer: Any,
    style: Any,
    field: fields.SigFieldSpec,
    params: dict[str, str],
    reserved: int | None,
) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    fields.append_signature_field(writer, field)
    output = io.BytesIO()
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
    _outside_event_loop(
        lambda: pdf_signer.sign_pdf(
            writer, bytes_reserved=reserved, output=output, appearance_text_params=params
        )
    )
    return output.getvalue()


# --- validation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureReport:
    """The outcome of checking a PDF's signature against the platform's CA chain.

    ``intact``: the signed bytes were not changed; ``valid``: the signature value verifies with
    the signer's certificate; ``trusted``: that certificate chains to the platform's CA;
    ``covers_whole_file``: nothing was appended after signing. ``messages`` are Vietnamese.
    """

    signed: bool
    valid: bool
    intact: bool
    trusted: bool
    covers_whole_file: bool
    signer_cn: str
    signing_time: dt.datetime | None
    office_code: str
    messages: tuple[str, ...]
    #: SHA-256 fingerprint of the signer's certificate ("AB:CD:..."), "" when unknown.
    certificate_sha256: str = ""

    @property
    def authentic(self) -> bool:
        """Signed, unchanged since signing, and signed with a key of the platform's chain."""
        return (
            self.signed and self.intact and self.valid and self.trusted and self.covers_whole_file
        )


def trust_roots() -> list[x509.Certificate]:
    """The CA certificates signatures are checked against (never creates a CA)."""
    if signing_backend() == "pkcs11" and not settings.PDF_SIGNING_CA_CERT:
        return []
    return Keystore.from_settings().ca_certificates()


def _asn1_fingerprint(cert: asn1_x509.Certificate) -> str:
    digest = hashlib.sha256(cert.dump()).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _name_attr(cert: asn1_x509.Certificate, attr: str) -> str:
    value = cert.subject.native.get(attr, "")
    return value[-1] if isinstance(value, list) else str(value or "")


def _unsigned(message: str) -> SignatureReport:
    return SignatureReport(
        signed=False,
        valid=False,
        intact=False,
        trusted=False,
        covers_whole_file=False,
        signer_cn="",
        signing_time=None,
        office_code="",
        messages=(message,),
    )


def validate_pdf_signatures(pdf_bytes: bytes) -> SignatureReport:
    """Check the signature of ``pdf_bytes`` (its last one) against the platform's CA.

    Only for PDFs the platform produced or whose SHA-256 matched a registered one: pyHanko
    parses the whole file in process (uploads of unknown files must go through the upload
    validators first). Never raises on a bad file: the report says what is wrong.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = reader.embedded_signatures
    except Exception as exc:  # any parse failure of a hostile or broken file is "unreadable"
        logger.info("Unreadable PDF in signature validation: %s", type(exc).__name__)
        return _unsigned(_("Không đọc được tệp PDF."))
    if not embedded:
        return _unsigned(_("Tệp PDF không có chữ ký số."))
    roots = [_asn1(cert) for cert in trust_roots()]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    sig = embedded[-1]
    try:
        status = _outside_event_loop(
            lambda: validate_pdf_signature(sig, signer_validation_context=context)
        )
    except Exception as exc:  # a malformed signature dictionary is a failed check, not a 500
        logger.info("Signature validation error: %s", type(exc).__name__)
        return SignatureReport(
            signed=True,
            valid=False,
            intact=False,
            trusted=False,
            covers_whole_file=False,
            signer_cn="",
            signing_time=None,
            office_code="",
            messages=(_("Chữ ký số bị lỗi cấu trúc, không kiểm tra được."),),
        )
    cert = status.signing_cert
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    messages = []
    if not status.intact:
        messages.append(_("Nội dung tệp đã bị thay đổi sau khi ký."))
    elif not status.valid:
        messages.append(_("Giá trị chữ ký số không hợp lệ."))
    if not status.trusted:
        messages.append(
            _("Chứng thư số của người ký không thuộc chuỗi chứng thực của hệ thống THADS.")
        )
    if status.intact and not whole:
        messages.append(_("Tệp có thêm nội dung được ghi sau khi ký."))
    if status.intact and status.valid and status.trusted and whole:
        messages.append(_("Chữ ký số hợp lệ, văn bản không bị thay đổi sau khi ký."))
    return SignatureReport(
        signed=True,
        valid=bool(status.valid),
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        covers_whole_file=whole,
        signer_cn=_name_attr(cert, "common_name") if cert is not None else "",
        signing_time=status.signer_reported_dt,
        office_code=_name_attr(cert, "organizational_unit_name") if cert is not None else "",
        messages=tuple(messages),
        certificate_sha256=_asn1_fingerprint(cert) if cert is not None else "",
    )
