"""Helpers of the enforcement core tests: signed decisions and aware datetimes."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from decisions.types import SignedDecision

_ids = itertools.count(500_000)


def at(y: int, m: int, d: int, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hour, 0))  # noqa: DTZ001


def signed_decision(
    office, *, issued_on: dt.date, kind: str = "on_request", **fields
) -> SignedDecision:
    decision_id = fields.pop("decision_id", next(_ids))
    values = {
        "decision_id": decision_id,
        "office_id": office.pk,
        "number": f"{decision_id}/QĐ-THADS",
        "kind": kind,
        "signed_at": at(issued_on.year, issued_on.month, issued_on.day, 10),
        "issued_on": issued_on,
        "judgment_id": None,
        "judgment_number": "12/2026/DS-ST",
        "court": "Tòa án nhân dân khu vực 1 - Hà Nội",
        "debtor_name": "Trần Văn Nợ",
        "debtor_id_number": "001099012345",
        "debtor_address": "Số 3 phố Huế, Hà Nội",
        "creditor_name": "Lê Thị Được",
        "obligations": (
            {
                "kind": "money",
                "amount_vnd": 120_000_000,
                "description": "Trả nợ",
                "creditor": "Lê Thị Được",
            },
            {
                "kind": "court_fee",
                "amount_vnd": 6_000_000,
                "description": "Án phí",
                "creditor": "Nhà nước",
            },
        ),
        "legal_basis": "Điều 36 Luật THADS",
    }
    values.update(fields)
    return SignedDecision(**values)
