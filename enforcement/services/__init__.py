"""Every write of the enforcement app.

Public names are re-exported here from ``cases`` and ``actions``; other apps import
``enforcement.services`` only."""

from enforcement.services.actions import *  # noqa: F403
from enforcement.services.cases import *  # noqa: F403
