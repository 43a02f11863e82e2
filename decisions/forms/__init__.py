"""Forms of the decisions app.

Public names are re-exported here from ``judgments`` and ``drafting``; other apps import
``decisions.forms`` only."""

from decisions.forms.drafting import *  # noqa: F403
from decisions.forms.judgments import *  # noqa: F403
