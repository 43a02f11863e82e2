"""Prefill of a receipt from a payment document: read payer, amount, date, bank reference,
account, bank and content from the OCR words of the scan (``extract``), each with a confidence
and the box it came from on the page, so staff see it highlighted and confirm or correct."""

from receipts.prefill.extract import FIELD_NAMES
from receipts.prefill.extract import PrefillField
from receipts.prefill.extract import extract_fields

__all__ = ["FIELD_NAMES", "PrefillField", "extract_fields"]
