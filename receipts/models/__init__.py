"""Tables of the receipts app: receipts, payments out, the case ledger (``money``); scans of
payment documents and their prefill, bank statement imports and reconciliation (``intake``)."""

from receipts.models.intake import *  # noqa: F403
from receipts.models.money import *  # noqa: F403
