"""Errors of the receipts app; each carries a Vietnamese message for the officer."""

from __future__ import annotations

from django.utils.translation import gettext as _


class ReceiptError(Exception):
    """A receipt, payment or ledger operation was refused; ``message`` says why."""

    default_message = ""

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message or _("Không thực hiện được thao tác."))
        super().__init__(self.message)


class ReceiptAmountError(ReceiptError):
    """The amount is zero, negative, not whole đồng, or above what is due without a reason."""


class ReceiptStateError(ReceiptError):
    """The receipt is not in a state that allows the operation (already voided, ...)."""


class ReceiptSeriesError(ReceiptError):
    """No usable series for this office, kind and year."""


class PaymentBalanceError(ReceiptError):
    """A payment out would exceed the creditor's collected-and-unpaid balance."""


class PaymentStateError(ReceiptError):
    """The payment is not awaiting approval."""
