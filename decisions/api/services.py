"""Writes of the court intake API: courts and their keys, used signatures, received transfers.

Every write is atomic and audited in the same transaction (actor: the system; the summary names
the court). Secrets never reach the audit trail, the logs or the database in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.api.auth import TIMESTAMP_WINDOW_SECONDS
from decisions.api.auth import SignedRequest
from decisions.api.auth import decrypt_secret
from decisions.api.auth import encrypt_secret
from decisions.api.auth import new_key_id
from decisions.api.auth import new_secret
from decisions.api.auth import signature_matches
from decisions.api.errors import CourtApiError
from decisions.api.selectors import court_transfer_for_number
from decisions.api.selectors import office_get_active_by_code
from decisions.api.validation import TransferMetadata
from decisions.exceptions import JudgmentFieldInvalidError
from decisions.exceptions import JudgmentIntakeRejectedError
from decisions.models import CourtClient
from decisions.models import CourtClientKey
from decisions.models import CourtRequestSignature
from decisions.models import CourtTransfer
from decisions.models import Judgment
from decisions.services import judgment_intake
from thads.audit.services import audit_log
from thads.documents.conf import documents_setting
from thads.documents.exceptions import DocumentRejectedError

logger = logging.getLogger(__name__)

#: Default time an old key stays valid after a rotation.
DEFAULT_ROTATION_GRACE = dt.timedelta(days=7)
#: Document-check refusals that have their own HTTP status (the rest are 422).
_REJECTION_CODES = {"too_large": "too_large", "unsupported": "unsupported_media_type"}


@dataclass(frozen=True)
class TransferOutcome:
    """What the API answers for a transfer: the judgment and whether it was a repeat."""

    judgment_id: int
    status: str
    received_at: dt.datetime
    duplicate: bool


def _client_snapshot(client: CourtClient) -> dict[str, Any]:
    return {"court_code": client.court_code, "name": client.name, "is_active": client.is_active}


def _key_create(*, client: CourtClient) -> tuple[CourtClientKey, str]:
    secret = new_secret()
    key = CourtClientKey(
        client=client, key_id=new_key_id(), secret_encrypted=encrypt_secret(secret)
    )
    key.full_clean()
    key.save()
    return key, secret


@transaction.atomic
def court_client_create(*, court_code: str, name: str) -> tuple[CourtClient, CourtClientKey, str]:
    """Register a court for the intake API with its first key; return the secret ONCE.

    The secret is stored only encrypted; the caller must hand it to the court and forget it.
    Side effect: audit event ``decisions.court_client_created`` (key id, never the secret).
    Raises ``ValidationError`` for an existing court code or empty fields.
    """
    client = CourtClient(court_code=court_code.strip(), name=name.strip())
    client.full_clean()
    client.save()
    key, secret = _key_create(client=client)
    audit_log(
        actor=None,
        action="decisions.court_client_created",
        target=client,
        after={**_client_snapshot(client), "key_id": key.key_id},
        summary=_("Đăng ký Tòa án kết nối %(name)s (%(code)s), khóa %(key)s")
        % {"name": client.name, "code": client.court_code, "key": key.key_id},
    )
    return client, key, secret


@transaction.atomic
def court_client_rotate(
    *, client: CourtClient, grace: dt.timedelta = DEFAULT_ROTATION_GRACE
) -> tuple[CourtClientKey, str]:
    """Give ``client`` a new key; its current keys stay valid for ``grace`` only.

    A key already expiring sooner keeps its earlier end. Returns the new key and its secret
    (shown once). Side effect: audit event ``decisions.court_key_rotated``.
    """
    locked = CourtClient.objects.select_for_update().get(pk=client.pk)
    now = timezone.now()
    until = now + grace
    old = list(
        CourtClientKey.objects.select_for_update()
        .filter(client=locked, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
    )
    for key in old:
        if key.expires_at is None or key.expires_at > until:
            key.expires_at = until
            key.save(update_fields=["expires_at"])
    key, secret = _key_create(client=locked)
    audit_log(
        actor=None,
        action="decisions.court_key_rotated",
        target=locked,
        before={"valid_keys": [k.key_id for k in old]},
        after={"key_id": key.key_id, "old_keys_expire_at": until},
        summary=_(
            "Đổi khóa của Tòa án %(name)s (%(code)s): khóa mới %(key)s, "
            "khóa cũ còn hiệu lực đến %(until)s"
        )
        % {
            "name": locked.name,
            "code": locked.court_code,
            "key": key.key_id,
            "until": timezone.localtime(until).strftime("%d/%m/%Y %H:%M"),
        },
    )
    return key, secret


def court_request_authenticate(
    *, key: CourtClientKey | None, signed: SignedRequest, method: str, path: str, body_hash: str
) -> CourtClientKey:
    """Check the signature of a request and record it, so the same request cannot come again.

    Raises ``CourtApiError`` (401): ``unknown_key`` (no such key, revoked, expired, court
    disabled), ``bad_signature``, ``replayed`` (the signature was accepted before). Signatures
    older than twice the timestamp window are forgotten (they would fail the window anyway).
    """
    if key is None:
        raise CourtApiError(
            "unknown_key",
            _("Mã khóa không tồn tại, đã bị thu hồi hoặc đã hết hạn."),
            field="Authorization",
        )
    secret = decrypt_secret(key.secret_encrypted)
    if secret is None:
        logger.error("court API key %s cannot be decrypted with the current SECRET_KEY", key.key_id)
        raise CourtApiError(
            "unknown_key",
            _("Mã khóa không tồn tại, đã bị thu hồi hoặc đã hết hạn."),
            field="Authorization",
        )
    if not signature_matches(
        secret=secret,
        signature=signed.signature,
        timestamp=signed.timestamp,
        method=method,
        path=path,
        body_hash=body_hash,
    ):
        raise CourtApiError(
            "bad_signature",
            _(
                "Chữ ký không hợp lệ: HMAC-SHA256 của "
                "'timestamp\\nmethod\\npath\\nsha256(body)' không khớp với khóa %(key)s."
            )
            % {"key": key.key_id},
            field="Authorization",
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            CourtRequestSignature.objects.create(
                signature=signed.signature, key_id=key.key_id, seen_at=now
            )
    except IntegrityError:
        raise CourtApiError(
            "replayed",
            _(
                "Yêu cầu này đã được gửi trước đó (chữ ký đã được sử dụng); "
                "hãy ký lại với dấu thời gian mới."
            ),
            field="Authorization",
        ) from None
    CourtRequestSignature.objects.filter(
        seen_at__lt=now - dt.timedelta(seconds=2 * TIMESTAMP_WINDOW_SECONDS)
    ).delete()
    CourtClientKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def _file_sha256(file: Any) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _is_pdf(file: Any) -> bool:
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    return head == b"%PDF-"


def _outcome(transfer: CourtTransfer, *, duplicate: bool) -> TransferOutcome:
    return TransferOutcome(
        judgment_id=transfer.judgment_id,
        status=transfer.judgment.status,
        received_at=transfer.received_at,
        duplicate=duplicate,
    )


def _repeat_or_conflict(
    existing: CourtTransfer, *, metadata: TransferMetadata, file_sha256: str
) -> TransferOutcome:
    if existing.file_sha256 == file_sha256 and existing.metadata_sha256 == metadata.sha256:
        return _outcome(existing, duplicate=True)
    if existing.file_sha256 != file_sha256:
        field = "file"
    else:
        new = metadata.as_json()
        field = next(
            (f"metadata.{k}" for k in sorted(new) if existing.metadata.get(k) != new[k]),
            "metadata",
        )
    raise CourtApiError(
        "duplicate_conflict",
        _(
            "Bản án số %(number)s đã được tiếp nhận lúc %(received)s (mã %(id)s) với nội dung "
            "khác (%(field)s); không tiếp nhận lại cùng số bản án với nội dung khác."
        )
        % {
            "number": existing.judgment_number,
            "received": timezone.localtime(existing.received_at).strftime("%H:%M %d/%m/%Y"),
            "id": existing.judgment_id,
            "field": field,
        },
        field=field,
    )


def _file_refused(exc: JudgmentIntakeRejectedError) -> CourtApiError:
    """413, 415 or 422 with the document checks' Vietnamese message and reason code."""
    cause = exc.__cause__
    reason = cause.code if isinstance(cause, DocumentRejectedError) else "malformed"
    code = _REJECTION_CODES.get(reason, "document_rejected")
    return CourtApiError(code, exc.message, field="file", reason=reason)


def _same_file_conflict(existing: CourtTransfer) -> CourtApiError:
    return CourtApiError(
        "duplicate_conflict",
        _(
            "Tệp này đã được tiếp nhận lúc %(received)s với số bản án %(number)s (mã %(id)s); "
            "không tiếp nhận cùng một tệp cho số bản án khác."
        )
        % {
            "received": timezone.localtime(existing.received_at).strftime("%H:%M %d/%m/%Y"),
            "number": existing.judgment_number,
            "id": existing.judgment_id,
        },
        field="file",
    )


def max_request_bytes() -> int:
    """Largest request body accepted: the documents' upload limit plus room for the metadata."""
    return int(documents_setting("DOCUMENTS_MAX_UPLOAD_BYTES")) + 256 * 1024


def court_transfer_receive(
    *, key: CourtClientKey, metadata: TransferMetadata, file: Any
) -> TransferOutcome:
    """Receive one judgment from a court: store it, start its reading, record the transfer.

    Legal basis: L2008 Art 28 (the court sends the judgment), Art 29 and ND152 Art 7 (it is
    received at the moment the system records complete, valid data: ``received_at``).
    Idempotent on (court, judgment number): the same metadata and file again return the first
    judgment (``duplicate``); other content for the same number is ``duplicate_conflict``
    (409). Raises ``CourtApiError``: ``court_mismatch`` (403), ``unknown_office`` (404),
    ``unsupported_media_type`` (415), ``too_large`` (413), ``document_rejected`` (422, the
    documents' Vietnamese message). Side effect: audit event
    ``decisions.court_transfer_received`` (or ``..._repeated`` for a duplicate), actor None.
    """
    client = key.client
    if metadata.court_code != client.court_code:
        raise CourtApiError(
            "court_mismatch",
            _("Mã Tòa án %(code)s trong metadata không phải của khóa đã ký (%(own)s).")
            % {"code": metadata.court_code, "own": client.court_code},
            field="court_code",
        )
    office = office_get_active_by_code(code=metadata.target_office_code)
    if office is None:
        raise CourtApiError(
            "unknown_office",
            _("Không tìm thấy cơ quan thi hành án có mã %(code)s.")
            % {"code": metadata.target_office_code},
            field="target_office_code",
        )
    file_sha256 = _file_sha256(file)
    with transaction.atomic():
        # One court's transfers are received one at a time: the idempotency check below and
        # the insert cannot interleave with the same court's retry.
        CourtClient.objects.select_for_update().filter(pk=client.pk).first()
        existing = court_transfer_for_number(client=client, number_key=metadata.number_key)
        if existing is not None:
            outcome = _repeat_or_conflict(existing, metadata=metadata, file_sha256=file_sha256)
            audit_log(
                actor=None,
                action="decisions.court_transfer_repeated",
                target=existing,
                office=existing.office,
                after={"judgment_id": existing.judgment_id, "key_id": key.key_id},
                summary=_("%(court)s gửi lại bản án số %(number)s (khóa %(key)s); đã có mã %(id)s")
                % {
                    "court": client.name,
                    "number": existing.judgment_number,
                    "key": key.key_id,
                    "id": existing.judgment_id,
                },
            )
            return outcome
        if not _is_pdf(file):
            raise CourtApiError(
                "unsupported_media_type",
                _("Tệp bản án phải là tệp PDF."),
                field="file",
            )
        started = timezone.now()
        try:
            judgment: Judgment = judgment_intake(
                actor=None,
                office=office,
                file=file,
                source=Judgment.Source.COURT_API,
                metadata=metadata.as_json(),
            )
        except JudgmentIntakeRejectedError as exc:
            raise _file_refused(exc) from None
        except JudgmentFieldInvalidError as exc:
            # validate_metadata checks at least as much; kept so a stricter intake rule is
            # still a precise 400 rather than a server error.
            raise CourtApiError("invalid_field", exc.message, field="metadata") from None
        # The office may hold this very file already (dedupe by content): an officer's upload
        # is linked to the transfer; another transfer of the same file is a conflict.
        earlier = CourtTransfer.objects.filter(judgment=judgment).first()
        if earlier is not None:
            raise _same_file_conflict(earlier)
        received_at = judgment.received_at if judgment.received_at >= started else timezone.now()
        transfer = CourtTransfer(
            client=client,
            key_id=key.key_id,
            judgment=judgment,
            office=office,
            judgment_number=metadata.judgment_number,
            number_key=metadata.number_key,
            metadata=metadata.as_json(),
            metadata_sha256=metadata.sha256,
            file_sha256=file_sha256,
            received_at=received_at,
        )
        transfer.save()
        audit_log(
            actor=None,
            action="decisions.court_transfer_received",
            target=transfer,
            office=office,
            after={
                "judgment_id": judgment.pk,
                "judgment_number": metadata.judgment_number,
                "court_code": client.court_code,
                "key_id": key.key_id,
                "file_sha256": file_sha256,
            },
            summary=_("Nhận bản án số %(number)s do %(court)s chuyển qua API (khóa %(key)s)")
            % {"number": metadata.judgment_number, "court": client.name, "key": key.key_id},
        )
    return _outcome(transfer, duplicate=False)
