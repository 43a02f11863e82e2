"""Tasks: reminders, deadline sweeps, outbound duties.

Ids only, keyword arguments, late acknowledgement, idempotent bodies (thads/celery.py). The
periodic ones are driven by beat entries the lead adds to ``thads/celery.py``:
``enforcement_deadline_reminders_task`` daily at 06:30 and
``enforcement_monthly_ended_lists_task`` on day 1 of each month at 07:00.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import tempfile
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from enforcement.models import OutboundSubmission
from enforcement.selectors.cases import outbound_submission_for_task
from enforcement.services.cases import deadline_reminders_run
from enforcement.services.cases import monthly_ended_list_queue
from enforcement.services.cases import outbound_submission_record_attempt
from thads.integrations.adapters import procuracy_send_decision
from thads.integrations.exceptions import IntegrationCallError

logger = logging.getLogger(__name__)

#: Retries of a send to the procuracy after a temporary failure (timeout, 5xx, garbage).
PROCURACY_MAX_RETRIES = 5


def _backoff(retries: int) -> int:
    return 60 * (2**retries)


def _document_sha256(document_id: int | None) -> str:
    if not document_id:
        return ""
    from thads.documents.models import Document

    return Document.objects.filter(pk=document_id).values_list("sha256", flat=True).first() or ""


def _base_url() -> str:
    return (getattr(settings, "PUBLIC_BASE_URL", "") or "http://localhost:8000").rstrip("/")


def _send(task, submission: OutboundSubmission, *, number: str, day: dt.date, sha: str, url: str):
    try:
        receipt = procuracy_send_decision(
            office_code=submission.office.code,
            decision_number=number,
            decision_date=day,
            pdf_sha256=sha,
            pdf_url=url,
            idempotency_key=f"procuracy-{submission.key}",
            office=submission.office,
            related=submission,
        )
    except IntegrationCallError as exc:
        final = not exc.retryable or task.request.retries >= PROCURACY_MAX_RETRIES
        outbound_submission_record_attempt(
            submission=submission, ok=False, call_id=exc.call_id, error=str(exc), final=final
        )
        if final:
            logger.warning("procuracy send %s failed for good: %s", submission.key, exc)
            return "failed"
        raise task.retry(countdown=_backoff(task.request.retries), exc=exc) from exc
    outbound_submission_record_attempt(
        submission=submission, ok=True, call_id=receipt.call_id, reference=receipt.receipt_number
    )
    return "sent"


@shared_task(
    bind=True, acks_late=True, max_retries=PROCURACY_MAX_RETRIES, soft_time_limit=60, time_limit=90
)
def procuracy_send_decision_task(self, *, submission_id: int) -> str:
    """Send one enforcement decision to the procuracy (L2008 Art 38: within 3 working days).

    A timeout, a 5xx or a garbage answer leaves the recorded failed ``IntegrationCall``, counts
    the attempt on the submission and retries (1, 2, 4, 8, 16 minutes); the case is untouched
    until the procuracy acknowledges. Idempotent: a SENT submission is not sent again.
    """
    submission = outbound_submission_for_task(submission_id=submission_id)
    if submission is None or submission.status != OutboundSubmission.Status.PENDING:
        return "skipped"
    payload = submission.payload
    document_id = payload.get("pdf_document_id")
    return _send(
        self,
        submission,
        number=str(payload.get("decision_number") or submission.key),
        day=dt.date.fromisoformat(payload["decision_date"]),
        sha=_document_sha256(document_id),
        url=f"{_base_url()}/documents/{document_id}/" if document_id else "",
    )


@shared_task(
    bind=True, acks_late=True, max_retries=PROCURACY_MAX_RETRIES, soft_time_limit=60, time_limit=90
)
def procuracy_send_monthly_list_task(self, *, submission_id: int) -> str:
    """Send an office's monthly list of ended cases to the procuracy (ND152 Art 32(2)).

    The integration contract has no list operation yet: the list goes through the decision
    operation, numbered by its key and fingerprinted by the SHA-256 of its JSON (see report).
    """
    submission = outbound_submission_for_task(submission_id=submission_id)
    if submission is None or submission.status != OutboundSubmission.Status.PENDING:
        return "skipped"
    body = json.dumps(submission.payload, sort_keys=True, ensure_ascii=False).encode()
    year, month = submission.payload["year"], submission.payload["month"]
    return _send(
        self,
        submission,
        number=submission.key,
        day=dt.date(year, month, 1),
        sha=hashlib.sha256(body).hexdigest(),
        url="",
    )


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def enforcement_deadline_reminders_task(*, on_date: str | None = None) -> dict[str, int]:
    """Beat, daily: mark overdue deadlines, remind officers, escalate to office heads.

    Idempotent per day (see ``deadline_reminders_run``). ``on_date`` (ISO) for replays.
    """
    day = dt.date.fromisoformat(on_date) if on_date else timezone.localdate()
    result = deadline_reminders_run(on_date=day)
    logger.info("deadline reminders %s: %s", day, result)
    return {
        "marked_overdue": result.marked_overdue,
        "reminded": result.reminded,
        "escalated": result.escalated,
    }


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def enforcement_monthly_ended_lists_task(
    *, year: int | None = None, month: int | None = None
) -> int:
    """Beat, monthly: prepare and queue each office's list of cases ended last month."""
    from thads.org.models import Office

    if year is None or month is None:
        first = timezone.localdate().replace(day=1)
        last_month = first - dt.timedelta(days=1)
        year, month = last_month.year, last_month.month
    count = 0
    for office in Office.objects.filter(level__in=("regional", "provincial")).order_by("code"):
        monthly_ended_list_queue(office=office, year=year, month=month)
        count += 1
    return count


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def case_certificate_render_task(*, certificate_id: int) -> str:
    """Render the draft certificate of enforcement results as a PDF, store it and attach it
    for the head's signature (L2008 Art 53; ND152 Art 32(3)). Idempotent."""
    from enforcement.models import ResultCertificate
    from enforcement.services.cases import case_certificate_document
    from enforcement.services.cases import case_certificate_store_draft
    from thads.documents.pdf import render_admin_document
    from thads.documents.services import document_store

    certificate = (
        ResultCertificate.objects.select_related("case", "case__office", "deadline__rule")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or certificate.status != ResultCertificate.Status.REQUESTED:
        return "skipped"
    pdf = render_admin_document(case_certificate_document(certificate=certificate))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"xac-nhan-{certificate.pk}.pdf"
        path.write_bytes(pdf)
        document = document_store(
            actor=None, office=certificate.case.office, purpose="certificate", path=path
        )
    case_certificate_store_draft(certificate=certificate, document_id=document.pk)
    return "drafted"
