"""Reads of the court intake API: a valid key, a court's own transfers, the target office.

Scope: a court sees only its own transfers; another court's judgment id answers 404, exactly as
an id that does not exist (no existence leak).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from decisions.api.errors import CourtApiError
from decisions.models import CourtClient
from decisions.models import CourtClientKey
from decisions.models import CourtTransfer
from thads.org.models import Office

#: Digits of the largest id accepted in a URL (PostgreSQL bigint has 19).
MAX_ID_DIGITS = 18


def court_key_get_valid(*, key_id: str, now: dt.datetime) -> CourtClientKey | None:
    """The key ``key_id`` with its court, if the key and the court are usable at ``now``."""
    key = (
        CourtClientKey.objects.select_related("client")
        .filter(key_id=key_id, revoked_at__isnull=True, client__is_active=True)
        .first()
    )
    if key is None or not key.is_valid_at(now):
        return None
    return key


def court_client_get(*, court_code: str) -> CourtClient | None:
    return CourtClient.objects.filter(court_code=court_code).first()


def court_client_keys(*, client: CourtClient) -> list[CourtClientKey]:
    return list(CourtClientKey.objects.filter(client=client).order_by("-created_at", "-pk"))


def court_transfer_get_for_client(*, client: CourtClient, judgment_id: str) -> CourtTransfer:
    """The transfer of ``judgment_id`` made by ``client``; ``not_found`` (404) otherwise."""
    not_found = CourtApiError(
        "not_found",
        _("Không tìm thấy bản án có mã %(id)s do Tòa án này chuyển.") % {"id": judgment_id[:40]},
        field="judgment_id",
    )
    if not judgment_id.isdigit() or len(judgment_id) > MAX_ID_DIGITS:
        raise not_found
    transfer = (
        CourtTransfer.objects.select_related("judgment", "office")
        .filter(client=client, judgment_id=int(judgment_id))
        .first()
    )
    if transfer is None:
        raise not_found
    return transfer


def court_transfer_for_number(*, client: CourtClient, number_key: str) -> CourtTransfer | None:
    return (
        CourtTransfer.objects.select_related("judgment")
        .filter(client=client, number_key=number_key)
        .first()
    )


def office_get_active_by_code(*, code: str) -> Office | None:
    """The active office whose code is ``code`` (the court names the receiving office)."""
    return Office.objects.filter(code=code, is_active=True).first()
