"""Reads the public pages need besides the tracking timeline (``citizen_reception.selectors``):
the provinces a citizen can file in, the office that receives an online petition, and what
the filing confirmation shows. Nothing here is personal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from citizen_reception.models import Petition
from thads.documents.storage import original_path
from thads.org.models import Office


@dataclass(frozen=True)
class FiledPetition:
    """The confirmation page's view of a petition just filed online."""

    code: str
    kind_label: str
    received_on: object
    office_name: str
    receipt_path: Path | None


def province_choices() -> list[tuple[int, str]]:
    """(province code, name) of every province with an active provincial agency."""
    rows = (
        Office.objects.active()
        .filter(level=Office.Level.PROVINCIAL, province__isnull=False)
        .values_list("province__code", "province__name")
        .order_by("province__name")
        .distinct()
    )
    return [(code, name) for code, name in rows]


def receiving_office(*, province_code: int) -> Office | None:
    """The provincial agency that receives an online petition about ``province_code``."""
    return (
        Office.objects.active()
        .filter(level=Office.Level.PROVINCIAL, province__code=province_code)
        .order_by("code")
        .first()
    )


def filed_petition(*, code: str) -> FiledPetition | None:
    petition = (
        Petition.objects.filter(code=code, channel=Petition.Channel.ONLINE)
        .select_related("office", "acknowledgement_document")
        .first()
    )
    if petition is None:
        return None
    document = petition.acknowledgement_document
    return FiledPetition(
        code=petition.code,
        kind_label=petition.get_kind_display(),
        received_on=petition.received_on,
        office_name=petition.office.name,
        receipt_path=original_path(document.storage_name) if document is not None else None,
    )
