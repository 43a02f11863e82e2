"""Tasks: extraction of judgments."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from decisions import selectors
from decisions import services
from decisions.types import PageInput
from thads.documents.selectors import document_page_texts

__all__ = ["judgment_extract_task"]

logger = logging.getLogger(__name__)

#: Extraction reads text only: a 500-page judgment takes seconds. The hard limit adds a minute.
EXTRACT_SOFT_TIME_LIMIT = 240


def _pages(document_id: int) -> list[PageInput]:
    return [
        PageInput(number=page.number, text=page.text, mean_confidence=page.mean_confidence)
        for page in document_page_texts(document_id=document_id, words=False)
    ]


@shared_task(acks_late=True, soft_time_limit=EXTRACT_SOFT_TIME_LIMIT, time_limit=300)
def judgment_extract_task(*, judgment_id: int) -> None:
    """Extract the judgment's fields from its pages' text and put it in review.

    Idempotent: the result is applied only while the judgment is EXTRACTING
    (``judgment_apply_extraction(only_if_extracting=True)``), and applying replaces the rows,
    so a redelivered task neither duplicates nor overwrites an officer's review. Reads the
    pages' text only (``document_page_texts``), never their images. An extractor error fails
    the judgment with a Vietnamese message (the traceback goes to the log).
    """
    from decisions.extraction import extract

    judgment = selectors.judgment_for_extraction(judgment_id=judgment_id)
    if judgment is None:
        logger.info("judgment_extract_task: judgment %s is not extracting", judgment_id)
        return
    try:
        result = extract(_pages(judgment.document_id), mode=services.judgment_extraction_mode())
    except Exception:
        logger.exception("judgment_extract_task: extraction of judgment %s failed", judgment_id)
        services.judgment_extraction_fail(
            judgment_id=judgment_id,
            message=_(
                "Không trích xuất được thông tin từ văn bản của bản án. Hãy bấm “Trích xuất lại”; "
                "nếu lỗi lặp lại, hãy báo quản trị hệ thống."
            ),
        )
        return
    services.judgment_apply_extraction(
        judgment_id=judgment_id, result=result, only_if_extracting=True
    )
