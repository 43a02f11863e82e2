"""Admin of the decisions app (read-mostly; actions call services)."""

from decisions.admin import drafting  # noqa: F401
from decisions.admin import judgments  # noqa: F401
