"""Amounts of money in Vietnamese đồng: always whole integers, written "1.250.000 đ".

The đồng has no subunit in circulation, so every amount in THADS is an ``int`` (``amount_vnd``)
and a float never enters a computation. :func:`parse_vnd` is the single place where text typed
by a person (a form field, an OCR result) becomes an amount; it refuses anything that is not a
whole, non-negative number of đồng within :data:`MAX_VND`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

#: The largest amount THADS accepts (10^15 đ, far above any judgment debt; guards overflow).
MAX_VND = 10**15
#: Non-breaking space between the number and the currency sign, so "đ" never wraps alone.
NBSP = "\u00a0"

_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_PLAIN = re.compile(r"[0-9]+")
_SUFFIXES = ("đồng", "vnđ", "vnd", "đ", "₫")


class AmountError(ValueError):
    """Text that is not a valid amount of đồng; ``message`` is shown to the user (Vietnamese)."""

    def __init__(self, message: str) -> None:
        self.message = str(message)
        super().__init__(self.message)


def format_vnd(amount: int) -> str:
    """Write an integer amount of đồng the Vietnamese way: ``1250000`` -> ``"1.250.000 đ"``.

    Dots group thousands and a non-breaking space precedes "đ". Raises ``TypeError`` for a
    float, a bool or a fractional ``Decimal``: money is never a float.
    """
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise TypeError(f"format_vnd expects an int amount of đồng, got {type(amount).__name__}")
    if isinstance(amount, Decimal):
        if amount != amount.to_integral_value():
            raise TypeError("format_vnd expects a whole number of đồng")
        amount = int(amount)
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}{grouped}{NBSP}đ"


def parse_vnd(text: str) -> int:
    """Read an amount typed by a person: "1.250.000", "1.250.000 đ", "1250000", "1.250.000đ".

    Dots must group thousands exactly; the sign "đ", "₫", "VND", "VNĐ" or "đồng" may follow.
    Raises :class:`AmountError` with a Vietnamese message for an empty value, a fraction (a comma
    or a float), a negative amount, anything else that is not a number, and amounts above
    :data:`MAX_VND`.
    """
    if isinstance(text, bool):
        raise AmountError(_("Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."))
    if isinstance(text, float | Decimal):
        raise AmountError(_("Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."))
    if isinstance(text, int):
        return _checked(text)
    if not isinstance(text, str):
        raise AmountError(_("Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."))

    value = text.replace(NBSP, " ").strip()
    lowered = value.lower()
    for suffix in _SUFFIXES:
        if lowered.endswith(suffix):
            value = value[: -len(suffix)].rstrip()
            break
    if not value:
        raise AmountError(_("Hãy nhập số tiền."))
    if value.startswith(("-", "−")):
        raise AmountError(_("Số tiền không được là số âm."))
    if "," in value:
        raise AmountError(_("Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."))
    if _GROUPED.fullmatch(value):
        digits = value.replace(".", "")
    elif _PLAIN.fullmatch(value):
        digits = value
    else:
        raise AmountError(_("Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."))
    # Compare lengths first so a thousand-digit string never becomes a huge int.
    if len(digits.lstrip("0")) > len(str(MAX_VND)):
        raise _too_large()
    return _checked(int(digits))


def _checked(amount: int) -> int:
    if amount < 0:
        raise AmountError(_("Số tiền không được là số âm."))
    if amount > MAX_VND:
        raise _too_large()
    return amount


def _too_large() -> AmountError:
    return AmountError(
        _("Số tiền vượt quá giới hạn cho phép (%(limit)s).") % {"limit": format_vnd(MAX_VND)}
    )
