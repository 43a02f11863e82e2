"""Values handed across the citizen_reception boundary: what a petition intake carries (from
the staff counter form, the public online form or a forwarding agency) and what the public
tracking page may show (nothing personal).

Plain dataclasses, no Django imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Any

__all__ = [
    "PetitionIntake",
    "PublicDeadline",
    "PublicEvent",
    "PublicTimeline",
    "UploadedFileLike",
]


@dataclass(frozen=True)
class UploadedFileLike:
    """One attached file as received: its name, the content type the sender claimed and its
    bytes. The type is checked again by magic bytes in ``thads.documents`` (the claim is never
    trusted). Services also accept a Django ``UploadedFile`` in its place (streamed)."""

    name: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class PetitionIntake:
    """Everything known about a petition when it is received.

    ``kind``, ``channel``, ``complaint_object`` take the values of ``Petition.Kind``,
    ``Petition.Channel``, ``Petition.ComplaintObject``. ``received_on`` defaults to today
    (Asia/Ho_Chi_Minh); for post it is the postmark date (ND152 Art 9(3)). ``province_code`` is
    the locality (a ``vietnam-provinces`` code, ``Province.code``), used to route a petition
    that names no case. ``attachments`` are :class:`UploadedFileLike` or Django uploaded files.
    """

    kind: str
    channel: str
    subject: str
    content: str
    petitioner_name: str = ""
    petitioner_id_number: str = ""
    petitioner_id_kind: str = "CCCD"
    petitioner_birth_year: int | None = None
    petitioner_address: str = ""
    petitioner_phone: str = ""
    petitioner_email: str = ""
    anonymous: bool = False
    signatory_count: int = 1
    representatives: str = ""
    respondent: str = ""
    complaint_level: int | None = None
    complaint_object: str = ""
    forwarded_by: str = ""
    received_on: dt.date | None = None
    case_id: int | None = None
    judgment_reference: str = ""
    province_code: int | None = None
    notify_email: str = ""
    notify_phone: str = ""
    attachments: list[Any] = field(default_factory=list)
    #: A judgment already in the system (``decisions.Judgment`` id), for enforcement requests.
    judgment_id: int | None = None


@dataclass(frozen=True)
class PublicEvent:
    """One public step of a petition: when and what (Vietnamese, no personal data)."""

    at: dt.datetime
    text: str


@dataclass(frozen=True)
class PublicDeadline:
    """An open statutory clock as the public sees it: what and by when."""

    title: str
    due_on: dt.date


@dataclass(frozen=True)
class PublicTimeline:
    """What ``/tra-cuu/don/<code>`` shows: never a name, an address, an office's staff or a
    note; only the kind, the dates, the state, the public steps and the next deadline."""

    code: str
    kind: str
    kind_label: str
    received_on: dt.date
    state: str
    state_label: str
    office_name: str
    events: tuple[PublicEvent, ...]
    next_deadline: PublicDeadline | None
    resolved: bool
