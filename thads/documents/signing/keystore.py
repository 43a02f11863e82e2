"""The software keystore: a CA chain the platform manages and one signing key per office.

Layout under ``settings.PDF_SIGNING_DIR`` (folders 0700, private keys and the passphrase file
0600, certificates 0644)::

    ca/root-ca.crt.pem          development root CA ("THADS Development Root CA", P-256, 10 y)
    ca/root-ca.key.pem          its key, PKCS#8 PEM encrypted with the keystore passphrase
    offices/<CODE>/signing.crt.pem   the office's certificate (CN office name, OU office code)
    offices/<CODE>/signing.key.pem   its key, PKCS#8 PEM encrypted
    offices/<CODE>/chain.pem         optional intermediate certificates (production)
    keystore.passphrase         only when THADS_PDF_SIGNING_KEY_PASSPHRASE is empty (demo)

Development and demo: with ``PDF_SIGNING_CA_CERT`` empty the platform is its own CA. The root
is generated on first use (or by ``manage.py signing_init``) and office certificates are issued
on demand. Production: ``PDF_SIGNING_CA_CERT`` names the CA certificate(s) of the real chain and
the operator places each office's key and certificate (issued by that CA) in ``offices/<CODE>/``;
the platform then never issues certificates itself. Or use the ``pkcs11`` backend.

The passphrase: ``PDF_SIGNING_KEY_PASSPHRASE`` when set. When it is empty (the embedded demo) a
random passphrase is generated once into ``keystore.passphrase`` (0600) beside the keys, which
only keeps keys unreadable to someone who copies the key files alone;
``manage.py check --deploy`` warns about it (``documents.W001``). Keys and the passphrase are
never logged, never printed, never stored in the database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import logging
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.documents.signing.exceptions import SigningConfigurationError
from thads.documents.signing.exceptions import SigningKeyMissingError

logger = logging.getLogger(__name__)

DEV_CA_COMMON_NAME = "THADS Development Root CA"
DEV_CA_ORGANIZATION = "THADS (môi trường phát triển)"
OFFICE_ORGANIZATION = "Cơ quan thi hành án dân sự"
CA_VALIDITY = dt.timedelta(days=3653)  # 10 years
OFFICE_VALIDITY = dt.timedelta(days=1096)  # 3 years
#: Certificates start this much in the past, so a slow clock elsewhere still accepts them.
BACKDATE = dt.timedelta(minutes=10)
PASSPHRASE_FILE = "keystore.passphrase"  # noqa: S105 (a file name)
_OFFICE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class CertificateInfo:
    """What may be shown about a certificate: never the key."""

    subject: str
    issuer: str
    serial: str
    not_before: dt.datetime
    not_after: dt.datetime
    sha256: str
    path: str

    @classmethod
    def of(cls, cert: x509.Certificate, path: Path) -> CertificateInfo:
        return cls(
            subject=cert.subject.rfc4514_string(),
            issuer=cert.issuer.rfc4514_string(),
            serial=format(cert.serial_number, "x"),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            sha256=fingerprint(cert),
            path=str(path),
        )


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint of a certificate, upper-case hex in pairs: "AB:CD:..."."""
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by the owner only (0600)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    path.chmod(0o600)


def _write_public(path: Path, data: bytes) -> None:
    _write_private(path, data)
    path.chmod(0o644)


class Keystore:
    """The software keystore rooted at ``root`` (see the module docstring)."""

    def __init__(self, root: Path, *, passphrase: str = "", ca_cert_path: str = "") -> None:
        self.root = Path(root)
        self._passphrase = passphrase
        self.ca_cert_path = ca_cert_path

    @classmethod
    def from_settings(cls) -> Keystore:
        return cls(
            Path(settings.PDF_SIGNING_DIR),
            passphrase=settings.PDF_SIGNING_KEY_PASSPHRASE,
            ca_cert_path=settings.PDF_SIGNING_CA_CERT,
        )

    # --- paths ---------------------------------------------------------------------------------

    @property
    def managed_ca(self) -> bool:
        """Whether the platform is its own CA (no ``PDF_SIGNING_CA_CERT``): development, demo."""
        return not self.ca_cert_path

    @property
    def ca_cert_file(self) -> Path:
        return (
            Path(self.ca_cert_path) if self.ca_cert_path else self.root / "ca" / "root-ca.crt.pem"
        )

    @property
    def ca_key_file(self) -> Path:
        return self.root / "ca" / "root-ca.key.pem"

    def office_dir(self, code: str) -> Path:
        if not _OFFICE_CODE.match(code):
            raise SigningConfigurationError(
                _("Mã đơn vị không hợp lệ cho kho khóa ký số: %(code)r.") % {"code": code}
            )
        return self.root / "offices" / code

    def office_cert_file(self, code: str) -> Path:
        return self.office_dir(code) / "signing.crt.pem"

    def office_key_file(self, code: str) -> Path:
        return self.office_dir(code) / "signing.key.pem"

    def office_chain_file(self, code: str) -> Path:
        return self.office_dir(code) / "chain.pem"

    def _mkdir(self, path: Path) -> None:
        """Create ``path`` and its missing parents, each 0700 (``mkdir -p`` would make the
        parents with the umask's mode)."""
        missing = []
        while not path.exists():
            missing.append(path)
            path = path.parent
        for folder in reversed(missing):
            folder.mkdir(mode=0o700, exist_ok=True)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Exclusive lock across processes while keys are generated (two workers, one CA)."""
        self._mkdir(self.root)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    # --- passphrase ----------------------------------------------------------------------------

    @property
    def uses_generated_passphrase(self) -> bool:
        return not self._passphrase

    def passphrase(self, *, create: bool = False) -> bytes:
        """The passphrase that encrypts the private keys (see the module docstring)."""
        if self._passphrase:
            return self._passphrase.encode("utf-8")
        path = self.root / PASSPHRASE_FILE
        if path.is_file():
            return path.read_bytes().strip()
        if not create:
            raise SigningKeyMissingError(
                _("Kho khóa ký số chưa được khởi tạo: chạy `manage.py signing_init`.")
            )
        self._mkdir(self.root)
        value = secrets.token_urlsafe(32).encode("ascii")
        _write_private(path, value + b"\n")
        logger.warning(
            "THADS_PDF_SIGNING_KEY_PASSPHRASE is empty: generated a keystore passphrase file "
            "beside the keys (%s). Set the variable in production.",
            path,
        )
        return value

    # --- keys and certificates -----------------------------------------------------------------

    def _encrypt(self, key: ec.EllipticCurvePrivateKey) -> bytes:
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self.passphrase(create=True)),
        )

    def load_private_key(self, path: Path) -> PrivateKeyTypes:
        """Decrypt the private key in ``path`` (the costly step the signer cache avoids)."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SigningKeyMissingError(
                _("Không tìm thấy tệp khóa ký số %(path)s.") % {"path": path}
            ) from None
        try:
            return serialization.load_pem_private_key(data, password=self.passphrase())
        except (ValueError, TypeError):
            raise SigningConfigurationError(
                _(
                    "Không mở được khóa ký số %(path)s: sai mật khẩu kho khóa "
                    "(THADS_PDF_SIGNING_KEY_PASSPHRASE) hoặc tệp hỏng."
                )
                % {"path": path}
            ) from None

    def ca_certificates(self) -> list[x509.Certificate]:
        """The trust anchors (and intermediates) of the chain, or [] when none exists yet."""
        try:
            data = self.ca_cert_file.read_bytes()
        except FileNotFoundError:
            if self.ca_cert_path:
                raise SigningConfigurationError(
                    _("Không tìm thấy chứng thư CA tại THADS_PDF_SIGNING_CA_CERT=%(path)s.")
                    % {"path": self.ca_cert_path}
                ) from None
            return []
        return x509.load_pem_x509_certificates(data)

    def ca_ensure(self) -> tuple[x509.Certificate, bool]:
        """The root CA certificate and whether it was just made (the development CA).

        Raises :class:`SigningConfigurationError` when the CA comes from
        ``PDF_SIGNING_CA_CERT`` and that file is missing.
        """
        existing = self.ca_certificates()
        if existing:
            return existing[0], False
        with self._locked():
            existing = self.ca_certificates()
            if existing:
                return existing[0], False
            return self._generate_ca(), True

    def _generate_ca(self) -> x509.Certificate:
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEV_CA_ORGANIZATION),
                x509.NameAttribute(NameOID.COMMON_NAME, DEV_CA_COMMON_NAME),
            ]
        )
        now = timezone.now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(now + CA_VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .sign(key, hashes.SHA256())
        )
        self._mkdir(self.ca_key_file.parent)
        _write_private(self.ca_key_file, self._encrypt(key))
        _write_public(self.ca_cert_file, cert.public_bytes(serialization.Encoding.PEM))
        logger.info("Generated the development signing CA %s", fingerprint(cert))
        return cert

    def office_certificate(self, code: str) -> x509.Certificate | None:
        """The office's signing certificate, or None when it has none."""
        try:
            return x509.load_pem_x509_certificate(self.office_cert_file(code).read_bytes())
        except FileNotFoundError:
            return None

    def office_chain(self, code: str) -> list[x509.Certificate]:
        """Intermediates of the office's chain (``chain.pem``) plus the CA certificates."""
        extra: list[x509.Certificate] = []
        with contextlib.suppress(FileNotFoundError):
            extra = x509.load_pem_x509_certificates(self.office_chain_file(code).read_bytes())
        return extra + self.ca_certificates()

    def office_certificate_issue(
        self, *, code: str, name: str, force: bool = False
    ) -> tuple[x509.Certificate, bool]:
        """Issue the office's signing key and certificate from the managed CA.

        Returns ``(certificate, issued)``; an existing certificate is kept unless ``force``.
        Raises :class:`SigningKeyMissingError` when the CA is not the platform's own.
        """
        with self._locked():
            current = self.office_certificate(code)
            if current is not None and not force:
                return current, False
            if not self.managed_ca:
                raise SigningKeyMissingError(
                    _(
                        "Đơn vị %(code)s chưa có khóa và chứng thư ký số. Đặt tệp "
                        "signing.key.pem và signing.crt.pem do CA cấp vào %(folder)s."
                    )
                    % {"code": code, "folder": self.office_dir(code)}
                )
            ca_cert = self.ca_certificates()[0] if self.ca_certificates() else self._generate_ca()
            ca_key = self.load_private_key(self.ca_key_file)
            cert = self._issue(code=code, name=name, ca_cert=ca_cert, ca_key=ca_key)
            return cert, True

    def _issue(
        self,
        *,
        code: str,
        name: str,
        ca_cert: x509.Certificate,
        ca_key: PrivateKeyTypes,
    ) -> x509.Certificate:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, OFFICE_ORGANIZATION),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, code),
                x509.NameAttribute(NameOID.COMMON_NAME, _common_name(name)),
            ]
        )
        now = timezone.now()
        ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(min(now + OFFICE_VALIDITY, ca_cert.not_valid_after_utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), False
            )
            .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
        )
        folder = self.office_dir(code)
        self._mkdir(folder)
        _write_private(self.office_key_file(code), self._encrypt(key))
        _write_public(self.office_cert_file(code), cert.public_bytes(serialization.Encoding.PEM))
        logger.info("Issued the signing certificate of office %s: %s", code, fingerprint(cert))
        return cert


def _common_name(name: str) -> str:
    """``name`` cut to the 64 bytes (UTF-8) a certificate's common name may hold (RFC 5280)."""
    data = name.strip().encode("utf-8")
    if len(data) <= 64:
        return name.strip() or "?"
    cut = data[:64].decode("utf-8", errors="ignore")
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" -") or "?"


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()
