"""Audited writes of the signing keystore: issuing an office's signing certificate.

Issuing a certificate is a security event (ASVS 16.2): each one, by command or on an office's
first signature, writes ``documents.signing_certificate_issued`` to the office's audit chain
with the certificate's serial, fingerprint and validity (never the key).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thads.audit.services import audit_log
from thads.documents.signing.keystore import CertificateInfo
from thads.org.models import Office


def signing_certificate_record(*, actor: Any, office_code: str, info: CertificateInfo) -> None:
    """Write the audit event of an issued certificate (office chain, else the system chain)."""
    office = Office.objects.filter(code=office_code).first()
    audit_log(
        actor=actor,
        action="documents.signing_certificate_issued",
        office=office,
        after={
            "office_code": office_code,
            "subject": info.subject,
            "issuer": info.issuer,
            "serial": info.serial,
            "sha256": info.sha256,
            "not_after": info.not_after,
        },
        summary=_("Cấp chứng thư ký số cho đơn vị %(code)s (hết hạn %(date)s).")
        % {"code": office_code, "date": info.not_after.strftime("%d/%m/%Y")},
    )


@transaction.atomic
def signing_ca_initialize(*, actor: Any) -> tuple[CertificateInfo, bool]:
    """Create the development CA when there is none (audited ``documents.signing_ca_created``).

    Returns the CA certificate's description and whether it was created now. With
    ``PDF_SIGNING_CA_CERT`` set it only describes that CA.
    """
    from thads.documents.signing.core import signing_ca_init

    info, created = signing_ca_init()
    if created:
        audit_log(
            actor=actor,
            action="documents.signing_ca_created",
            after={"subject": info.subject, "sha256": info.sha256, "not_after": info.not_after},
            summary=_("Tạo CA phát triển cho ký số văn bản."),
        )
    return info, created


@transaction.atomic
def office_signing_certificate_issue(
    *, actor: Any, office: Office, force: bool = False
) -> tuple[CertificateInfo, bool]:
    """Issue (``force``: renew) the office's signing key and certificate from the managed CA.

    Returns the certificate's description and whether a new one was issued; an issued one is
    audited. Raises ``SigningKeyMissingError`` when the CA is not the platform's own
    (production loads keys issued elsewhere).
    """
    from thads.documents.signing.core import signing_office_certificate_issue

    info, issued = signing_office_certificate_issue(
        office_code=office.code, office_name=office.name, force=force
    )
    if issued:
        signing_certificate_record(actor=actor, office_code=office.code, info=info)
    return info, issued
