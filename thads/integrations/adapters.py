"""Typed adapters to the outside systems: one thin function per operation.

Each function builds the request of :mod:`thads.integrations.operations` (OUR contract: the
real national interfaces are not public, and nothing here pretends to be their official
specification), sends it through :func:`thads.integrations.services.integration_call` and
returns a frozen dataclass from :mod:`thads.integrations.types`.

Common keyword arguments:

- ``idempotency_key``: the same key is the same request (a retry, never a second notice);
  the calling app derives it from its own record (``f"case-{case.pk}-bank-{n}"``);
- ``office`` and ``related`` (a model instance): who may see the call and what it is about;
- ``auto_retry``: False when the caller manages retries itself (the notification outbox).

Errors: see ``integration_call`` (``IntegrationCallError`` with ``call_id``, ``status`` and
``retryable``). Call these outside ``transaction.atomic``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

from thads.integrations import operations
from thads.integrations.services import integration_call
from thads.integrations.types import BankInquiryResult
from thads.integrations.types import LandInquiryResult
from thads.integrations.types import PopulationLookupResult
from thads.integrations.types import ProcuracyReceipt
from thads.integrations.types import SendReceipt
from thads.integrations.types import VehicleInquiryResult

if TYPE_CHECKING:
    from django.db.models import Model

    from thads.org.models import Office


def _call(
    operation: operations.Operation,
    payload: dict[str, Any],
    *,
    idempotency_key: str,
    office: Office | None,
    related: Model | None,
    auto_retry: bool = True,
    sensitive: Iterable[str] = (),
) -> Any:
    _call_row, result = integration_call(
        operation=operation.name,
        payload=payload,
        idempotency_key=idempotency_key,
        office=office,
        related=related,
        auto_retry=auto_retry,
        sensitive=sensitive,
    )
    return result


def vneid_send_notice(
    *,
    citizen_id: str,
    title: str,
    body: str,
    document_url: str,
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
    auto_retry: bool = True,
) -> SendReceipt:
    """Send a notice to a citizen's VNeID account; returns VNeID's "sent" receipt.

    Decree 152/2025 Art 15: VNeID is the default channel of service and the moment VNeID
    reports the notice sent (``SendReceipt.accepted_at``) is the valid-notice moment. A
    citizen without a VNeID account is a 404 (``FAILED``, not retryable): serve physically.
    """
    return _call(
        operations.VNEID_SEND_NOTICE,
        {"citizen_id": citizen_id, "title": title, "body": body, "document_url": document_url},
        idempotency_key=idempotency_key,
        office=office,
        related=related,
        auto_retry=auto_retry,
    )


def sms_send(
    *,
    phone: str,
    text: str,
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
    auto_retry: bool = True,
    sensitive: Iterable[str] = (),
) -> SendReceipt:
    """Send a text message through the SMS gateway; returns the gateway's receipt.

    ``sensitive`` strings (a one-time code in ``text``) are redacted from the stored request.
    """
    return _call(
        operations.SMS_SEND,
        {"phone": phone, "text": text},
        idempotency_key=idempotency_key,
        office=office,
        related=related,
        auto_retry=auto_retry,
        sensitive=sensitive,
    )


def bank_account_inquiry(
    *,
    id_number: str,
    full_name: str,
    bank_code: str,
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
) -> BankInquiryResult:
    """Ask one bank which accounts a person holds and their balances.

    L2008 Art 44(6) and Decree 152 Art 21: banks give account information to the executor
    "immediately"; the answer is kept on the call as evidence of the verification.
    """
    return _call(
        operations.BANK_ACCOUNT_INQUIRY,
        {"id_number": id_number, "full_name": full_name, "bank_code": bank_code},
        idempotency_key=idempotency_key,
        office=office,
        related=related,
    )


def land_registry_inquiry(
    *,
    id_number: str,
    full_name: str,
    province_code: str,
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
) -> LandInquiryResult:
    """Ask a province's land registration office which land use rights a person holds.

    Decree 152 Art 21(3): registries answer requests to verify the debtor's assets.
    """
    return _call(
        operations.LAND_REGISTRY_INQUIRY,
        {"id_number": id_number, "full_name": full_name, "province_code": province_code},
        idempotency_key=idempotency_key,
        office=office,
        related=related,
    )


def vehicle_registry_inquiry(
    *,
    id_number: str,
    full_name: str,
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
) -> VehicleInquiryResult:
    """Ask the vehicle registration authority which vehicles are registered to a person."""
    return _call(
        operations.VEHICLE_REGISTRY_INQUIRY,
        {"id_number": id_number, "full_name": full_name},
        idempotency_key=idempotency_key,
        office=office,
        related=related,
    )


def population_db_lookup(
    *,
    id_number: str,
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
) -> PopulationLookupResult:
    """Look a personal identification number up in the national population database.

    Decree 152 Arts 5 and 21: residence, marital status and whether the person is alive, for
    verification and for serving documents.
    """
    return _call(
        operations.POPULATION_DB_LOOKUP,
        {"id_number": id_number},
        idempotency_key=idempotency_key,
        office=office,
        related=related,
    )


def procuracy_send_decision(
    *,
    office_code: str,
    decision_number: str,
    decision_date: dt.date,
    pdf_sha256: str,
    pdf_url: str,
    idempotency_key: str,
    office: Office | None = None,
    related: Model | None = None,
) -> ProcuracyReceipt:
    """Send an enforcement decision to the procuracy; returns its acknowledgement.

    L2008 Art 38: every enforcement decision goes to the procuracy of the same level within 3
    working days of its issue. The PDF itself is fetched by the procuracy from ``pdf_url`` and
    checked against ``pdf_sha256``.
    """
    return _call(
        operations.PROCURACY_SEND_DECISION,
        {
            "office_code": office_code,
            "decision_number": decision_number,
            "decision_date": decision_date.isoformat(),
            "pdf_sha256": pdf_sha256,
            "pdf_url": pdf_url,
        },
        idempotency_key=idempotency_key,
        office=office,
        related=related,
    )
