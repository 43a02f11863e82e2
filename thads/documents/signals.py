"""Events of the document pipeline that domain apps may receive (style.md 2.4).

``document_processed``: sent after commit when a document's text pipeline finishes, with
keyword arguments ``document_id`` (int), ``purpose`` (str, e.g. "judgment"), ``office_id``
(int) and ``status`` ("ready" or "failed"). A receiver queues its own app's work (extraction of
a judgment); it may be called again after a rerun, so it must be idempotent.
"""

from django.dispatch import Signal

document_processed = Signal()
