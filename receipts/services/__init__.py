"""Every write of the receipts app. Public names are re-exported from ``money`` (receipts,
payments, ledger) and ``intake`` (scans, bank statements); other apps import
``receipts.services`` only."""

from receipts.services.intake import *  # noqa: F403
from receipts.services.money import *  # noqa: F403
