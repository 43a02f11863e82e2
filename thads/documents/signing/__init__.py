"""PAdES signatures on the platform's PDFs and their validation (pyHanko).

:func:`sign_pdf` signs with the office's key: a PAdES B-B signature (``ETSI.CAdES.detached``,
SHA-256, ECDSA P-256 in the software keystore) with a visible stamp in a font that prints
Vietnamese, on the last page by default. :func:`validate_pdf_signatures` checks a PDF against
the platform's CA chain and answers in Vietnamese.

Backends (``settings.PDF_SIGNING_BACKEND``): ``software`` (the default; keys encrypted on disk,
see :mod:`thads.documents.signing.keystore`) and ``pkcs11`` (keys in an HSM, see
:mod:`thads.documents.signing.pkcs11`).

Throughput (quality.md P3): a loaded signer is kept per process and office, so a key is
decrypted once, not per signature (pyHanko's ``SimpleSigner`` re-parses its key on every
signature, which is most of the cost of an RSA signature). ``bench/signing.py`` measures it.

Importing this package is cheap (the system checks import its settings helpers): pyHanko is
loaded on first use of a name below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from thads.documents.signing.core import DEFAULT_STAMP_BOX
    from thads.documents.signing.core import DEFAULT_STAMP_TEXT
    from thads.documents.signing.core import SignatureReport
    from thads.documents.signing.core import office_signer
    from thads.documents.signing.core import sign_pdf
    from thads.documents.signing.core import signer_cache_clear
    from thads.documents.signing.core import signing_backend
    from thads.documents.signing.core import signing_ca_init
    from thads.documents.signing.core import signing_office_certificate_issue
    from thads.documents.signing.core import trust_roots
    from thads.documents.signing.core import validate_pdf_signatures
    from thads.documents.signing.exceptions import SigningConfigurationError
    from thads.documents.signing.exceptions import SigningError
    from thads.documents.signing.exceptions import SigningKeyMissingError
    from thads.documents.signing.keystore import CertificateInfo
    from thads.documents.signing.keystore import Keystore
    from thads.documents.signing.keystore import fingerprint
    from thads.documents.signing.keystore import sha256_hex
    from thads.documents.signing.pkcs11 import pkcs11_problems

_EXPORTS = {
    "DEFAULT_STAMP_BOX": "thads.documents.signing.core",
    "DEFAULT_STAMP_TEXT": "thads.documents.signing.core",
    "SignatureReport": "thads.documents.signing.core",
    "office_signer": "thads.documents.signing.core",
    "sign_pdf": "thads.documents.signing.core",
    "signer_cache_clear": "thads.documents.signing.core",
    "signing_backend": "thads.documents.signing.core",
    "signing_ca_init": "thads.documents.signing.core",
    "signing_office_certificate_issue": "thads.documents.signing.core",
    "trust_roots": "thads.documents.signing.core",
    "validate_pdf_signatures": "thads.documents.signing.core",
    "SigningConfigurationError": "thads.documents.signing.exceptions",
    "SigningError": "thads.documents.signing.exceptions",
    "SigningKeyMissingError": "thads.documents.signing.exceptions",
    "CertificateInfo": "thads.documents.signing.keystore",
    "Keystore": "thads.documents.signing.keystore",
    "fingerprint": "thads.documents.signing.keystore",
    "sha256_hex": "thads.documents.signing.keystore",
    "pkcs11_problems": "thads.documents.signing.pkcs11",
}
__all__ = [
    "DEFAULT_STAMP_BOX",
    "DEFAULT_STAMP_TEXT",
    "CertificateInfo",
    "Keystore",
    "SignatureReport",
    "SigningConfigurationError",
    "SigningError",
    "SigningKeyMissingError",
    "fingerprint",
    "office_signer",
    "pkcs11_problems",
    "sha256_hex",
    "sign_pdf",
    "signer_cache_clear",
    "signing_backend",
    "signing_ca_init",
    "signing_office_certificate_issue",
    "trust_roots",
    "validate_pdf_signatures",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
