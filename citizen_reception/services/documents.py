"""The petition's signed PDFs: the acknowledgement (giấy biên nhận) and the resolution.

One implementation with the rest of the platform: layouts are Decree 30 documents
(``thads.documents.pdf``), signed with the office's key (``thads.documents.signing``) and
registered for public verification (``thads.documents.verification.services``: a
``PublicToken``; the acknowledgement's QR code leads to the tracking page, its verification
address is printed in the text). Rendering and signing run outside any transaction (tasks);
the short transaction that stores the result locks the petition and does nothing when another
run stored it first (a redelivered task).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizen_reception.models import Petition
from citizen_reception.models import PetitionDeadline
from citizen_reception.services import common
from thads.audit.services import audit_log

__all__ = [
    "RESOLUTION_SERIES",
    "petition_acknowledgement_render",
    "petition_documents_missing",
    "petition_resolution_render",
]

logger = logging.getLogger(__name__)

#: Number series of resolution documents, per office and year ("12/QĐ-GQKN").
RESOLUTION_SERIES = {
    "complaint": "QĐ-GQKN",
    "denunciation": "KL-GQTC",
}
DEFAULT_SERIES = "TB-THADS"


def _office_heading(office: Any) -> tuple[str, str, str]:
    parent = office.parent.name if office.parent_id else "BỘ TƯ PHÁP"
    place = office.province.name if office.province_id else "Hà Nội"
    return parent, office.name, place


def _store_pdf(*, actor: Any, office: Any, pdf: bytes, name: str) -> Any:
    from thads.documents.services import document_store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(pdf)
        return document_store(actor=actor, office=office, purpose="petition", path=path)


def _load(petition_id: int) -> Petition | None:
    return (
        Petition.objects.select_related(
            "office",
            "office__parent",
            "office__province",
            "received_office",
            "received_office__parent",
            "received_office__province",
            "created_by",
        )
        .filter(pk=petition_id)
        .first()
    )


def petition_acknowledgement_render(*, petition_id: int) -> Petition | None:
    """Render, sign (receiving office's key) and store the acknowledgement of a petition,
    register its verification token (kind DOCUMENT) and set ``acknowledgement_document``.
    Idempotent (None when already done or the petition is gone). Audit
    ``reception.acknowledgement_issued``. Raises ``SigningError`` (the task retries)."""
    from citizen_reception.pdf import AcknowledgementData
    from citizen_reception.pdf import acknowledgement_document
    from thads.documents.models import PublicToken
    from thads.documents.pdf import render_admin_document_layout
    from thads.documents.signing import sign_pdf
    from thads.documents.verification.services import signed_pdf_publish

    petition = _load(petition_id)
    if petition is None or petition.acknowledgement_document_id is not None:
        return None
    office = petition.received_office
    parent, agency, place = _office_heading(office)
    receiver = petition.created_by
    deadlines = tuple(
        (d.title, d.due_on)
        for d in PetitionDeadline.objects.filter(petition=petition, cancelled=False).order_by(
            "due_on", "pk"
        )
    )
    data = AcknowledgementData(
        agency_parent=parent,
        agency=agency,
        place=place,
        received_on=petition.received_on,
        code=petition.code,
        kind_label=str(petition.get_kind_display()),
        channel_label=str(petition.get_channel_display()),
        subject=petition.subject,
        petitioner_name=petition.petitioner_name,
        petitioner_id=(
            f"{petition.petitioner_id_kind} {petition.petitioner_id_number}".strip()
            if petition.petitioner_id_number
            else ""
        ),
        petitioner_address=petition.petitioner_address,
        attachments=tuple(a.original_name for a in petition.attachments.all()),
        deadlines=deadlines,
        responsible_office=petition.office.name,
        receiver_name=(receiver.get_full_name() or receiver.username) if receiver else "",
        tracking_url=common.tracking_url(petition.code),
    )
    box: dict[str, Any] = {}

    def render(verify_url: str) -> bytes:
        rendered = render_admin_document_layout(acknowledgement_document(data, verify_url))
        if rendered.signature_box is not None:
            sig = rendered.signature_box
            box.update(box=(sig.x1, sig.y1, sig.x2, sig.y2), page_index=sig.page_index)
        return rendered.pdf

    def sign(pdf: bytes) -> bytes:
        return sign_pdf(
            pdf_bytes=pdf,
            office_code=office.code,
            office_name=office.name,
            reason=f"Giấy biên nhận đơn {petition.code}",
            location=place,
            signer_name=office.name,
            **box,
        )

    with transaction.atomic():
        locked = Petition.objects.select_for_update(of=("self",)).get(pk=petition.pk)
        if locked.acknowledgement_document_id is not None:
            return None
        published = signed_pdf_publish(
            actor=None,
            kind=PublicToken.Kind.DOCUMENT,
            target=locked,
            office=office,
            summary={
                "doc_type": "Giấy biên nhận đơn",
                "number": f"{petition.code}/GBN",
                "issued_on": petition.received_on.isoformat(),
                "office_name": office.name,
                "status": "Đã ký số",
            },
            render=render,
            sign=sign,
        )
        document = _store_pdf(
            actor=None, office=office, pdf=published.pdf, name=f"bien-nhan-{petition.code}.pdf"
        )
        Petition.objects.filter(pk=locked.pk).update(acknowledgement_document=document)
        audit_log(
            actor=None,
            action="reception.acknowledgement_issued",
            target=locked,
            office=locked.office,
            after={"document": document.pk, "sha256": published.sha256},
            summary=_("Cấp giấy biên nhận đơn %(code)s") % {"code": petition.code},
        )
    petition.refresh_from_db()
    return petition


def petition_resolution_render(*, petition_id: int, actor_id: int | None = None) -> Petition | None:
    """Render the resolution document of a RESOLVED petition, number it (series per kind,
    office and year), sign it with the responsible office's key, register its verification
    token (kind DECISION), store it and set ``resolution_document``. Idempotent. Audit
    ``reception.resolution_signed``. Raises ``SigningError`` (the task retries)."""
    from citizen_reception.pdf import ResolutionData
    from citizen_reception.pdf import resolution_document
    from thads.documents.models import PublicToken
    from thads.documents.verification.services import admin_document_publish
    from thads.numbering.services import number_next
    from thads.org.models import User

    petition = _load(petition_id)
    if (
        petition is None
        or petition.resolution_document_id is not None
        or petition.state not in (Petition.State.RESOLVED, Petition.State.CLOSED)
    ):
        return None
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    office = petition.office
    parent, agency, place = _office_heading(office)
    day = timezone.localdate(petition.resolved_at) if petition.resolved_at else common.local_today()
    series = RESOLUTION_SERIES.get(petition.kind, DEFAULT_SERIES)
    bases = tuple(
        dict.fromkeys(
            d.rule.article
            for d in PetitionDeadline.objects.filter(petition=petition).select_related("rule")
            if ".resolve" in d.code or ".accept" in d.code
        )
    )
    with transaction.atomic():
        locked = Petition.objects.select_for_update(of=("self",)).get(pk=petition.pk)
        if locked.resolution_document_id is not None:
            return None
        number = number_next(office=office, series=series, year=day.year)
        data = ResolutionData(
            agency_parent=parent,
            agency=agency,
            place=place,
            day=day,
            number_symbol=f"{number}/{series}",
            kind=petition.kind,
            complaint_level=petition.complaint_level,
            code=petition.code,
            received_on=petition.received_on,
            accepted_on=petition.accepted_on,
            petitioner_name=""
            if petition.kind == Petition.Kind.DENUNCIATION
            else petition.petitioner_name,
            respondent=petition.respondent,
            subject=petition.subject,
            summary=petition.resolution_summary,
            legal_bases=bases,
            signer_name=(actor.get_full_name() or actor.username) if actor else "",
            appeal_office=office.parent.name if office.parent_id else "",
        )
        document = resolution_document(data)
        published = admin_document_publish(
            actor=actor,
            kind=PublicToken.Kind.DECISION,
            target=locked,
            office=office,
            summary={
                "doc_type": document.doc_type,
                "number": document.number_symbol,
                "issued_on": day.isoformat(),
                "office_name": office.name,
                "status": "Đã ký số",
            },
            document=document,
            reason=f"{document.doc_type} {document.summary.lower()} (đơn {petition.code})",
        )
        stored = _store_pdf(
            actor=actor,
            office=office,
            pdf=published.pdf,
            name=f"giai-quyet-{petition.code}.pdf",
        )
        Petition.objects.filter(pk=locked.pk).update(resolution_document=stored)
        audit_log(
            actor=actor,
            action="reception.resolution_signed",
            target=locked,
            office=office,
            after={
                "document": stored.pk,
                "number": document.number_symbol,
                "sha256": published.sha256,
            },
            summary=_("Ký số %(doc)s số %(number)s (đơn %(code)s)")
            % {
                "doc": document.doc_type.lower(),
                "number": document.number_symbol,
                "code": petition.code,
            },
        )
    petition.refresh_from_db()
    return petition


def petition_documents_missing(*, older_than: Any) -> tuple[list[int], list[int]]:
    """Petitions whose acknowledgement (received before ``older_than``) or resolution
    document (resolved before ``older_than``) is still missing: a lost task or a dead worker.
    Returns (acknowledgement ids, resolution ids) for the sweeper to queue again."""
    acknowledgements = list(
        Petition.objects.filter(acknowledgement_document__isnull=True, received_at__lt=older_than)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    resolutions = list(
        Petition.objects.filter(
            resolution_document__isnull=True,
            resolved_at__lt=older_than,
            state__in=[Petition.State.RESOLVED, Petition.State.CLOSED],
        )
        .exclude(kind=Petition.Kind.ENFORCEMENT_REQUEST, case__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    return acknowledgements, resolutions
