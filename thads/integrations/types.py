"""Answers of the outside systems, as frozen dataclasses handed to the calling apps.

Every answer carries ``call_id``, the ``IntegrationCall`` row that holds the evidence (request,
answer, attempts), so the calling app can point its own record at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SendReceipt:
    """A message accepted by VNeID or the SMS gateway.

    For VNeID, ``accepted_at`` is the moment the system reports the notice "sent": under Decree
    152 (Art 15) that is the valid-notice moment the deadline engine counts from.
    """

    provider_message_id: str
    accepted_at: dt.datetime
    call_id: int


@dataclass(frozen=True)
class BankAccount:
    account_number: str
    bank_code: str
    branch: str
    balance_vnd: int
    status: str


@dataclass(frozen=True)
class BankInquiryResult:
    """Accounts held by a person at one bank (L2008 Art 44(6): account information)."""

    request_id: str
    found: bool
    accounts: tuple[BankAccount, ...]
    answered_at: dt.datetime
    call_id: int


@dataclass(frozen=True)
class LandParcel:
    certificate_number: str
    parcel_number: str
    map_sheet: str
    address: str
    area_m2: Decimal
    land_use: str
    encumbered: bool


@dataclass(frozen=True)
class LandInquiryResult:
    """Land use rights registered to a person in one province."""

    request_id: str
    found: bool
    parcels: tuple[LandParcel, ...]
    answered_at: dt.datetime
    call_id: int


@dataclass(frozen=True)
class Vehicle:
    plate_number: str
    kind: str
    brand: str
    model: str
    registered_on: dt.date


@dataclass(frozen=True)
class VehicleInquiryResult:
    """Vehicles registered to a person."""

    request_id: str
    found: bool
    vehicles: tuple[Vehicle, ...]
    answered_at: dt.datetime
    call_id: int


@dataclass(frozen=True)
class PersonRecord:
    full_name: str
    birth_date: dt.date
    gender: str
    permanent_address: str
    current_address: str
    marital_status: str
    deceased: bool


@dataclass(frozen=True)
class PopulationLookupResult:
    """What the national population database holds on a personal identification number."""

    request_id: str
    found: bool
    person: PersonRecord | None
    answered_at: dt.datetime
    call_id: int


@dataclass(frozen=True)
class ProcuracyReceipt:
    """The procuracy's acknowledgement of an enforcement decision (L2008 Art 38)."""

    receipt_number: str
    received_at: dt.datetime
    call_id: int


@dataclass(frozen=True)
class CallOutcome:
    """Where one request to an outside system stands (for receivers of the finished signal)."""

    call_id: int
    system: str
    operation: str
    status: str
    http_status: int | None
    error: str
    attempts: int
    object_type: str
    object_id: str
    next_retry_at: dt.datetime | None
    finished_at: dt.datetime | None
