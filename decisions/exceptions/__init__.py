"""Domain errors of the decisions app, with Vietnamese messages.

Public names are re-exported here from ``judgments`` and ``drafting``; other apps import
``decisions.exceptions`` only."""

from decisions.exceptions.drafting import *  # noqa: F403
from decisions.exceptions.judgments import *  # noqa: F403
