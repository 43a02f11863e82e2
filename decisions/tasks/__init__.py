"""Celery tasks of the decisions app (autodiscovered as ``decisions.tasks``)."""

from decisions.tasks import drafting  # noqa: F401
from decisions.tasks import judgments  # noqa: F401
