"""The Vietnamese question assistant of the operations centre (issue 8, item 6).

``ask(question, today=...)`` → :class:`Answer` (sentence, value, rows, how it was understood);
``understand`` gives the intent alone. Entities by rules (``entities``, ``periods``), figure and
breakdown by a small self-trained classifier (``classifier``, trained by ``train``), numbers
from ``ioc_dashboard.selectors.metrics.metric_compute``.
"""

from ioc_dashboard.assistant.service import Answer
from ioc_dashboard.assistant.service import Understanding
from ioc_dashboard.assistant.service import ask
from ioc_dashboard.assistant.service import respond
from ioc_dashboard.assistant.service import understand

__all__ = ["Answer", "Understanding", "ask", "respond", "understand"]
