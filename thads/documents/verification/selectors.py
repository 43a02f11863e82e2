"""Reads of public verification: find a token, check a PDF a citizen holds against it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Model
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thads.documents.models import PublicToken
from thads.documents.verification.services import PUBLIC_SUMMARY_FIELDS
from thads.documents.verification.services import public_token_hash
from thads.money import format_vnd

if TYPE_CHECKING:
    from thads.documents.signing import SignatureReport


def public_token_lookup(*, token: str) -> PublicToken | None:
    """The token's record (revoked ones included), or None.

    Looked up by the token's SHA-256 through the unique index, so the query takes the same
    path for every input, malformed ones too: a miss and a hit differ by one row read.
    """
    return (
        PublicToken.objects.select_related("office")
        .filter(token_hash=public_token_hash(token[:256]))
        .first()
    )


def public_tokens_for_target(*, target: Model) -> QuerySet[PublicToken]:
    """Every token issued for ``target`` (newest first), for the owning app to revoke."""
    return PublicToken.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk)
    ).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class PdfCheck:
    """The outcome of comparing a citizen's PDF with the registered signed PDF."""

    sha256: str
    size: int
    matches: bool
    signature: SignatureReport | None

    @property
    def authentic(self) -> bool:
        """Byte-identical to the registered file and its signature checks out."""
        return self.matches and self.signature is not None and self.signature.authentic


def public_pdf_check(*, public_token: PublicToken, chunks: Iterable[bytes]) -> PdfCheck:
    """Hash an uploaded PDF and, only when it is the registered file, validate its signature.

    A file that differs from the registered one is never parsed: it is not the document, and
    an unknown upload must not reach a PDF parser in the web process (quality.md S3). The
    registered file, byte for byte, is one the platform produced itself.
    """
    from thads.documents.signing import validate_pdf_signatures

    digest = hashlib.sha256()
    parts = []
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        parts.append(chunk)
        size += len(chunk)
    sha = digest.hexdigest()
    matches = sha == public_token.pdf_sha256
    report = validate_pdf_signatures(b"".join(parts)) if matches else None
    return PdfCheck(sha256=sha, size=size, matches=matches, signature=report)


def public_summary_rows(summary: Mapping[str, object]) -> list[tuple[str, str]]:
    """The public summary as (label, value) rows in a fixed order, dates and money formatted."""
    labels = {
        "doc_type": _("Loại văn bản"),
        "number": _("Số, ký hiệu"),
        "issued_on": _("Ngày ban hành"),
        "office_name": _("Cơ quan ban hành"),
        "status": _("Tình trạng"),
        "amount_vnd": _("Số tiền"),
    }
    rows = []
    for key in PUBLIC_SUMMARY_FIELDS:
        value = summary.get(key)
        if value in (None, ""):
            continue
        if key == "amount_vnd" and isinstance(value, int):
            text = format_vnd(value)
        elif key == "issued_on":
            try:
                text = dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
            except ValueError:
                text = str(value)
        else:
            text = str(value)
        rows.append((labels[key], text))
    return rows
