"""The operations THADS performs on outside systems: path, request fields, answer schema, parser.

These payloads are OUR contract, implemented by the local simulator
(:mod:`thads.integrations.simulator`). The real national interfaces (VNeID, the population
database, the banks' inquiry channels, the land and vehicle registries, the procuracy's
intake) are not public; when an agreement gives us one, its adapter translates between that
interface and the shapes below, and nothing above the adapter changes. None of the paths or
field names here is an official specification.

Every request is a ``POST`` of a JSON object, signed as :mod:`thads.integrations.signing`
describes, with an ``Idempotency-Key`` header: the partner answers a repeated key with the
first answer instead of acting twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from thads.integrations.models import IntegrationCall
from thads.integrations.schema import DATE
from thads.integrations.schema import DATETIME
from thads.integrations.schema import parse_datetime
from thads.integrations.types import BankAccount
from thads.integrations.types import BankInquiryResult
from thads.integrations.types import LandInquiryResult
from thads.integrations.types import LandParcel
from thads.integrations.types import PersonRecord
from thads.integrations.types import PopulationLookupResult
from thads.integrations.types import ProcuracyReceipt
from thads.integrations.types import SendReceipt
from thads.integrations.types import Vehicle
from thads.integrations.types import VehicleInquiryResult

System = IntegrationCall.System


@dataclass(frozen=True)
class Operation:
    """One kind of request: where it goes, what it must carry, what a valid answer looks like.

    ``key_field`` names the request field the simulator keys its fake answers on.
    ``parse(data, call_id)`` turns a schema-valid answer into the typed result; a
    ``ValueError`` there also makes the answer INVALID_RESPONSE.
    """

    name: str
    system: str
    path: str
    request_fields: tuple[str, ...]
    key_field: str
    response_schema: dict[str, Any]
    parse: Callable[[dict[str, Any], int], Any]


def _send_receipt(data: dict[str, Any], call_id: int) -> SendReceipt:
    return SendReceipt(
        provider_message_id=data["message_id"],
        accepted_at=parse_datetime(data["accepted_at"]),
        call_id=call_id,
    )


def _bank(data: dict[str, Any], call_id: int) -> BankInquiryResult:
    return BankInquiryResult(
        request_id=data["request_id"],
        found=data["found"],
        accounts=tuple(
            BankAccount(
                account_number=a["account_number"],
                bank_code=a["bank_code"],
                branch=a["branch"],
                balance_vnd=a["balance_vnd"],
                status=a["status"],
            )
            for a in data["accounts"]
        ),
        answered_at=parse_datetime(data["answered_at"]),
        call_id=call_id,
    )


def _land(data: dict[str, Any], call_id: int) -> LandInquiryResult:
    return LandInquiryResult(
        request_id=data["request_id"],
        found=data["found"],
        parcels=tuple(
            LandParcel(
                certificate_number=p["certificate_number"],
                parcel_number=p["parcel_number"],
                map_sheet=p["map_sheet"],
                address=p["address"],
                area_m2=Decimal(p["area_m2"]),
                land_use=p["land_use"],
                encumbered=p["encumbered"],
            )
            for p in data["parcels"]
        ),
        answered_at=parse_datetime(data["answered_at"]),
        call_id=call_id,
    )


def _vehicle(data: dict[str, Any], call_id: int) -> VehicleInquiryResult:
    return VehicleInquiryResult(
        request_id=data["request_id"],
        found=data["found"],
        vehicles=tuple(
            Vehicle(
                plate_number=v["plate_number"],
                kind=v["kind"],
                brand=v["brand"],
                model=v["model"],
                registered_on=dt.date.fromisoformat(v["registered_on"]),
            )
            for v in data["vehicles"]
        ),
        answered_at=parse_datetime(data["answered_at"]),
        call_id=call_id,
    )


def _population(data: dict[str, Any], call_id: int) -> PopulationLookupResult:
    person = data.get("person")
    return PopulationLookupResult(
        request_id=data["request_id"],
        found=data["found"],
        person=PersonRecord(
            full_name=person["full_name"],
            birth_date=dt.date.fromisoformat(person["birth_date"]),
            gender=person["gender"],
            permanent_address=person["permanent_address"],
            current_address=person["current_address"],
            marital_status=person["marital_status"],
            deceased=person["deceased"],
        )
        if person
        else None,
        answered_at=parse_datetime(data["answered_at"]),
        call_id=call_id,
    )


def _procuracy(data: dict[str, Any], call_id: int) -> ProcuracyReceipt:
    return ProcuracyReceipt(
        receipt_number=data["receipt_number"],
        received_at=parse_datetime(data["received_at"]),
        call_id=call_id,
    )


_SEND_SCHEMA = {"message_id": str, "accepted_at": DATETIME}

VNEID_SEND_NOTICE = Operation(
    name="vneid.send_notice",
    system=System.VNEID,
    path="/vneid/v1/notices",
    request_fields=("citizen_id", "title", "body", "document_url"),
    key_field="citizen_id",
    response_schema=_SEND_SCHEMA,
    parse=_send_receipt,
)
SMS_SEND = Operation(
    name="sms.send",
    system=System.SMS_GATEWAY,
    path="/sms/v1/messages",
    request_fields=("phone", "text"),
    key_field="phone",
    response_schema=_SEND_SCHEMA,
    parse=_send_receipt,
)
BANK_ACCOUNT_INQUIRY = Operation(
    name="bank.account_inquiry",
    system=System.BANK,
    path="/bank/v1/account-inquiries",
    request_fields=("id_number", "full_name", "bank_code"),
    key_field="id_number",
    response_schema={
        "request_id": str,
        "found": bool,
        "accounts": [
            {
                "account_number": str,
                "bank_code": str,
                "branch": str,
                "balance_vnd": int,
                "status": str,
            }
        ],
        "answered_at": DATETIME,
    },
    parse=_bank,
)
LAND_REGISTRY_INQUIRY = Operation(
    name="land_registry.inquiry",
    system=System.LAND_REGISTRY,
    path="/land/v1/inquiries",
    request_fields=("id_number", "full_name", "province_code"),
    key_field="id_number",
    response_schema={
        "request_id": str,
        "found": bool,
        "parcels": [
            {
                "certificate_number": str,
                "parcel_number": str,
                "map_sheet": str,
                "address": str,
                "area_m2": str,
                "land_use": str,
                "encumbered": bool,
            }
        ],
        "answered_at": DATETIME,
    },
    parse=_land,
)
VEHICLE_REGISTRY_INQUIRY = Operation(
    name="vehicle_registry.inquiry",
    system=System.VEHICLE_REGISTRY,
    path="/vehicles/v1/inquiries",
    request_fields=("id_number", "full_name"),
    key_field="id_number",
    response_schema={
        "request_id": str,
        "found": bool,
        "vehicles": [
            {
                "plate_number": str,
                "kind": str,
                "brand": str,
                "model": str,
                "registered_on": DATE,
            }
        ],
        "answered_at": DATETIME,
    },
    parse=_vehicle,
)
POPULATION_DB_LOOKUP = Operation(
    name="population_db.lookup",
    system=System.POPULATION_DB,
    path="/population/v1/lookups",
    request_fields=("id_number",),
    key_field="id_number",
    response_schema={
        "request_id": str,
        "found": bool,
        "person?": {
            "full_name": str,
            "birth_date": DATE,
            "gender": str,
            "permanent_address": str,
            "current_address": str,
            "marital_status": str,
            "deceased": bool,
        },
        "answered_at": DATETIME,
    },
    parse=_population,
)
PROCURACY_SEND_DECISION = Operation(
    name="procuracy.send_decision",
    system=System.PROCURACY,
    path="/procuracy/v1/decisions",
    request_fields=("office_code", "decision_number", "decision_date", "pdf_sha256", "pdf_url"),
    key_field="decision_number",
    response_schema={"receipt_number": str, "received_at": DATETIME},
    parse=_procuracy,
)

#: Every operation by name; the retry path finds an operation again from the recorded name.
OPERATIONS: dict[str, Operation] = {
    op.name: op
    for op in (
        VNEID_SEND_NOTICE,
        SMS_SEND,
        BANK_ACCOUNT_INQUIRY,
        LAND_REGISTRY_INQUIRY,
        VEHICLE_REGISTRY_INQUIRY,
        POPULATION_DB_LOOKUP,
        PROCURACY_SEND_DECISION,
    )
}


def get_operation(name: str) -> Operation:
    """The operation called ``name``; ``KeyError`` for an unknown one (a programming error)."""
    return OPERATIONS[name]
