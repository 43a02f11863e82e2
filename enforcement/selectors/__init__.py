"""Every read of the enforcement app, scoped to the actor.

Public names are re-exported here from ``cases`` and ``actions``; other apps import
``enforcement.selectors`` only."""

from enforcement.selectors.actions import *  # noqa: F403
from enforcement.selectors.cases import *  # noqa: F403
from enforcement.selectors.ioc import *  # noqa: F403
from enforcement.selectors.worklists import *  # noqa: F403
