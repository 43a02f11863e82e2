"""Every read of the decisions app, scoped to the actor.

Public names are re-exported here from ``judgments`` and ``drafting``; other apps import
``decisions.selectors`` only."""

from decisions.selectors.drafting import *  # noqa: F403
from decisions.selectors.ioc import *  # noqa: F403
from decisions.selectors.judgments import *  # noqa: F403
