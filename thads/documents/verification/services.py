"""Writes of public verification: issue and revoke QR tokens, publish a signed PDF with its QR.

A token is 24 random bytes from ``secrets`` (192 bits, URL-safe base64, 32 characters; never a
UUID: quality.md S4, ASVS 11.5.1). Only its SHA-256 is stored, so the database never holds a
working link; the raw token is returned once, to be printed in the QR code. Issue and revoke
write an audit event in the same transaction.

Decisions and receipts publish through :func:`signed_pdf_publish` (or
:func:`admin_document_publish` for a Decree 30 document): the token is drawn first, its URL is
printed in the QR code, the PDF is signed, and the token is registered with the signed file's
SHA-256. One implementation for every document the platform signs.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace
from typing import TYPE_CHECKING
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.audit.services import audit_log
from thads.documents.models import PublicToken
from thads.documents.verification.exceptions import PublicTokenAlreadyRevokedError
from thads.documents.verification.exceptions import PublicTokenError

if TYPE_CHECKING:
    from thads.documents.pdf import AdminDocument
    from thads.org.models import Office

#: Random bytes per token: 192 bits, 32 URL-safe characters.
TOKEN_BYTES = 24
#: What a token may look like (URL-safe base64); anything else is never a token.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

#: The only summary fields a public page may show: none names or identifies a person.
PUBLIC_SUMMARY_FIELDS = (
    "doc_type",  # "Quyết định thi hành án", "Biên lai thu tiền"
    "number",  # "123/QĐ-THADS"
    "issued_on",  # ISO date "2026-11-23"
    "office_name",  # issuing office
    "status",  # "Đã ký", "Đã hủy"
    "amount_vnd",  # integer VND (receipts)
)

#: Default public address of the portal when ``settings.PUBLIC_BASE_URL`` is not set.
DEFAULT_PUBLIC_BASE_URL = "http://localhost:8000"


def public_token_generate() -> str:
    """A new raw token: 24 bytes from the operating system's CSPRNG, URL-safe base64."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def public_token_hash(token: str) -> str:
    """The lookup key of a token: SHA-256 hex of its text.

    A plain hash is enough: the token has 192 bits of entropy, so the hash cannot be reversed
    by guessing, and no server secret is involved that a key rotation could break.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def public_verify_url(token: str, *, base_url: str = "") -> str:
    """The absolute URL printed in the QR code: ``<PUBLIC_BASE_URL>/verify/<token>/``.

    ``base_url`` overrides ``settings.PUBLIC_BASE_URL`` (the portal's public address).
    """
    base = base_url or getattr(settings, "PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL
    base = base.rstrip("/")
    return base + reverse("verify:document-verify", kwargs={"token": token})


def _clean_summary(summary: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(summary) - set(PUBLIC_SUMMARY_FIELDS))
    if unknown:
        raise PublicTokenError(
            _("Thông tin công khai chỉ được gồm %(allowed)s; không được có: %(unknown)s.")
            % {"allowed": ", ".join(PUBLIC_SUMMARY_FIELDS), "unknown": ", ".join(unknown)}
        )
    clean: dict[str, Any] = {}
    for key in PUBLIC_SUMMARY_FIELDS:
        if key not in summary or summary[key] in (None, ""):
            continue
        value = summary[key]
        if key == "amount_vnd":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise PublicTokenError(_("Số tiền công khai phải là số nguyên đồng, không âm."))
        elif not isinstance(value, str):
            value = str(value)
        clean[key] = value
    return clean


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and actor.pk else None


@transaction.atomic
def public_token_issue(
    *,
    actor: Any,
    kind: str,
    target: Model,
    office: Office,
    summary: Mapping[str, Any],
    pdf_sha256: str,
    token: str | None = None,
) -> tuple[PublicToken, str]:
    """Register a public verification token for a signed document; return it and the raw token.

    ``target`` is the domain object (stored as ``app_label.model`` + pk); ``summary`` may hold
    only :data:`PUBLIC_SUMMARY_FIELDS`; ``pdf_sha256`` is the SHA-256 (hex) of the signed PDF.
    ``token`` is a raw token drawn earlier with :func:`public_token_generate` when it had to be
    printed before the PDF was signed; otherwise one is drawn here. The raw token is returned
    only now and never stored. Writes the audit event ``documents.public_token_issued``.
    Raises :class:`PublicTokenError` on an invalid kind, summary, hash or token.
    """
    if kind not in PublicToken.Kind.values:
        raise PublicTokenError(_("Loại văn bản tra cứu không hợp lệ: %(kind)s.") % {"kind": kind})
    if target.pk is None:
        raise PublicTokenError(_("Văn bản cần được lưu trước khi cấp mã tra cứu."))
    digest = pdf_sha256.lower()
    if not _SHA256.match(digest):
        raise PublicTokenError(_("Mã băm SHA-256 của tệp PDF không hợp lệ."))
    raw = token if token is not None else public_token_generate()
    if not TOKEN_PATTERN.match(raw):
        raise PublicTokenError(_("Mã tra cứu phải được tạo bằng public_token_generate()."))
    public_token = PublicToken.objects.create(
        token_hash=public_token_hash(raw),
        kind=kind,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        office=office,
        pdf_sha256=digest,
        summary=_clean_summary(summary),
        created_by=_user_or_none(actor),
    )
    audit_log(
        actor=actor,
        action="documents.public_token_issued",
        target=public_token,
        office=office,
        after={
            "kind": kind,
            "object_type": public_token.object_type,
            "object_id": public_token.object_id,
            "pdf_sha256": digest,
            "summary": public_token.summary,
        },
        summary=_("Cấp mã tra cứu công khai cho %(type)s %(object)s.")
        % {"type": public_token.get_kind_display().lower(), "object": public_token.object_id},
    )
    return public_token, raw


@transaction.atomic
def public_token_revoke(*, actor: Any, public_token: PublicToken, reason: str) -> PublicToken:
    """Revoke a public token: its page then says the document was revoked, with the date.

    For a voided receipt or an annulled decision. Writes the audit event
    ``documents.public_token_revoked``. Raises :class:`PublicTokenError` without a reason and
    :class:`PublicTokenAlreadyRevokedError` when it was already revoked.
    """
    reason = reason.strip()
    if not reason:
        raise PublicTokenError(_("Cần ghi lý do thu hồi mã tra cứu."))
    locked = PublicToken.objects.select_for_update().get(pk=public_token.pk)
    if locked.revoked_at is not None:
        raise PublicTokenAlreadyRevokedError()
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason[:500]
    locked.save(update_fields=["revoked_at", "revoked_reason"])
    audit_log(
        actor=actor,
        action="documents.public_token_revoked",
        target=locked,
        office=locked.office,
        before={"revoked_at": None},
        after={"revoked_at": locked.revoked_at, "reason": locked.revoked_reason},
        summary=_("Thu hồi mã tra cứu công khai: %(reason)s") % {"reason": locked.revoked_reason},
    )
    return locked


@dataclass(frozen=True)
class PublishedPdf:
    """A signed PDF and the public token registered for it (``token`` is shown only now)."""

    pdf: bytes
    sha256: str
    public_token: PublicToken
    token: str
    verify_url: str


def signed_pdf_publish(
    *,
    actor: Any,
    kind: str,
    target: Model,
    office: Office,
    summary: Mapping[str, Any],
    render: Callable[[str], bytes],
    sign: Callable[[bytes], bytes],
    base_url: str = "",
) -> PublishedPdf:
    """Render a PDF with a QR code of a fresh token, sign it, and register the token.

    ``render(verify_url)`` returns the unsigned PDF with that URL in its QR code;
    ``sign(pdf)`` returns it signed (usually :func:`thads.documents.signing.sign_pdf`).
    Rendering and signing run before the short transaction of :func:`public_token_issue`
    (audited). Raises what ``render``/``sign`` raise and :class:`PublicTokenError`.
    """
    from thads.documents.signing import sha256_hex

    token = public_token_generate()
    url = public_verify_url(token, base_url=base_url)
    signed = sign(render(url))
    digest = sha256_hex(signed)
    public_token, raw = public_token_issue(
        actor=actor,
        kind=kind,
        target=target,
        office=office,
        summary=summary,
        pdf_sha256=digest,
        token=token,
    )
    return PublishedPdf(
        pdf=signed, sha256=digest, public_token=public_token, token=raw, verify_url=url
    )


def admin_document_publish(
    *,
    actor: Any,
    kind: str,
    target: Model,
    office: Office,
    summary: Mapping[str, Any],
    document: AdminDocument,
    reason: str,
    location: str = "",
    base_url: str = "",
) -> PublishedPdf:
    """Render a Decree 30 document, sign it as ``office`` and register its QR token.

    The stamp goes into the signer block's signature space; ``location`` defaults to the
    document's place. See :func:`signed_pdf_publish` for side effects and errors.
    """
    from thads.documents.pdf import render_admin_document_layout
    from thads.documents.signing import sign_pdf

    box: dict[str, Any] = {}

    def render(url: str) -> bytes:
        rendered = render_admin_document_layout(replace(document, verify_url=url))
        if rendered.signature_box is not None:
            sig = rendered.signature_box
            box.update(box=(sig.x1, sig.y1, sig.x2, sig.y2), page_index=sig.page_index)
        return rendered.pdf

    def sign(pdf: bytes) -> bytes:
        return sign_pdf(
            pdf_bytes=pdf,
            office_code=office.code,
            office_name=office.name,
            reason=reason,
            location=location or document.place,
            signer_name=document.signer_name,
            **box,
        )

    return signed_pdf_publish(
        actor=actor,
        kind=kind,
        target=target,
        office=office,
        summary=summary,
        render=render,
        sign=sign,
        base_url=base_url,
    )
