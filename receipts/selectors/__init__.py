"""Every read of the receipts app, scoped to the actor. Public names are re-exported from
``money`` and ``intake``; other apps import ``receipts.selectors`` only."""

from receipts.selectors.intake import *  # noqa: F403
from receipts.selectors.ioc import *  # noqa: F403
from receipts.selectors.money import *  # noqa: F403
