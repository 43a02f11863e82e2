"""Celery tasks of the enforcement app (autodiscovered as ``enforcement.tasks``)."""

from enforcement.tasks import actions  # noqa: F401
from enforcement.tasks import cases  # noqa: F401
