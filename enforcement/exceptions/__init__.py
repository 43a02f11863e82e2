"""Domain errors of the enforcement app, with Vietnamese messages.

Public names are re-exported here from ``cases`` and ``actions``; other apps import
``enforcement.exceptions`` only."""

from enforcement.exceptions.actions import *  # noqa: F403
from enforcement.exceptions.cases import *  # noqa: F403
