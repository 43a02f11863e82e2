"""Celery tasks of the intake side (scans of payment documents), and the receiver of the
document pipeline's ``document_processed`` event that queues them.

Wiring (``receipts/apps.py``, ``ready()``)::

    from thads.documents.signals import document_processed
    from receipts.tasks_intake import receipt_scan_document_processed
    document_processed.connect(
        receipt_scan_document_processed, dispatch_uid="receipts.scan_document_processed"
    )

Until it is connected, the scan page polls and extracts once the document is READY.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from receipts.selectors.intake import receipt_scan_ids_for_document
from receipts.services.intake import SCAN_PURPOSE
from receipts.services.intake import receipt_scan_extract

logger = logging.getLogger(__name__)

__all__ = ["receipt_scan_document_processed", "receipt_scan_extract_task"]


@shared_task(bind=True, acks_late=True, max_retries=3, soft_time_limit=60, time_limit=90)
def receipt_scan_extract_task(self: Any, *, document_id: int) -> list[int]:
    """Extract the fields of every scan of ``document_id`` (idempotent: a scan already read is
    left alone). Returns the ids of the scans looked at."""
    ids = receipt_scan_ids_for_document(document_id=document_id)
    for scan_id in ids:
        scan = receipt_scan_extract(scan_id=scan_id)
        logger.info(
            "receipt_scan_extract_task %s scan=%s status=%s",
            self.request.id,
            scan_id,
            scan.status if scan else None,
        )
    return ids


def receipt_scan_document_processed(
    sender: Any, *, document_id: int, purpose: str, status: str, **kwargs: Any
) -> None:
    """Receiver of ``thads.documents.signals.document_processed``: queue the extraction of a
    payment-document scan whose text pipeline finished (READY or FAILED)."""
    if purpose != SCAN_PURPOSE:
        return
    receipt_scan_extract_task.delay(document_id=document_id)
