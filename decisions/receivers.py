"""Receivers of core events (``thads.documents.signals``), connected in ``apps.ready()``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

__all__ = ["connect", "on_document_processed"]

DISPATCH_UID = "decisions.receivers.on_document_processed"


def on_document_processed(
    sender: Any, *, document_id: int, purpose: str, status: str, **kwargs: Any
) -> None:
    """A document's text pipeline finished (sent after commit; may come again after a rerun).

    Ready: queue the extraction of the judgments read from it (``judgment_extraction_queue``:
    idempotent, the task is queued on commit). Failed: the judgments waiting for it become
    FAILED with the Vietnamese message. Documents of another purpose hold no judgment and
    cost one query.
    """
    from decisions import services

    if status == "ready":
        services.judgment_extraction_queue(document_id=document_id)
    elif status == "failed":
        services.judgment_document_failed(
            document_id=document_id,
            message=_(
                "Không đọc được văn bản của một số trang bản án. Hãy mở tài liệu, bấm "
                "“Chạy lại” để đọc lại các trang lỗi, hoặc tải lên bản quét rõ hơn."
            ),
        )


def connect() -> None:
    """Connect this app's receivers (owned by the judgments intake work)."""
    from thads.documents.signals import document_processed

    document_processed.connect(on_document_processed, dispatch_uid=DISPATCH_UID)
