"""Every write of the decisions app.

Public names are re-exported here from ``judgments`` and ``drafting``; other apps import
``decisions.services`` only."""

from decisions.services.drafting import *  # noqa: F403
from decisions.services.judgments import *  # noqa: F403
