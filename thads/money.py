"""Amounts of money in Vietnamese đồng: always whole integers, written "1.250.000 đ".

The đồng has no subunit in circulation, so every amount in THADS is an ``int`` (``amount_vnd``)
and a float never enters a computation. :func:`parse_vnd` is the single place where text typed
by a person (a form field, an OCR result) becomes an amount; it refuses anything that is not a
whole, non-negative number of đồng within :data:`MAX_VND`. :func:`vnd_in_words` writes an
amount in words for receipts and decisions ("Một triệu hai trăm năm mươi nghìn đồng").
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


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
#: Scales below one tỷ; larger amounts read the number of tỷ recursively ("một nghìn tỷ").
_SCALES = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))
_TY = 10**9


def vnd_in_words(amount: int, *, suffix: bool = True) -> str:
    """Write an amount of đồng in Vietnamese words, the way receipts and decisions print it.

    ``1250000`` -> ``"Một triệu hai trăm năm mươi nghìn đồng"``; ``0`` -> ``"Không đồng"``.
    The first letter is capitalised; ``suffix=False`` leaves out the final " đồng".

    Conventions (accounting form, as Vietnamese e-invoice software writes it):

    - Digits are read in groups of three: nghìn (10^3), triệu (10^6), tỷ (10^9). The number of
      tỷ is itself read as a number, so 10^12 is "một nghìn tỷ" and 10^15 "một triệu tỷ".
    - A group 000 is skipped entirely, scale word included: 1.000.005 -> "một triệu không trăm
      linh năm" (never "không nghìn").
    - The highest non-zero group is read as written (5 -> "năm", 15 -> "mười lăm"). Every lower
      non-zero group is read with its three digits: "không trăm" when its hundreds digit is 0,
      and "linh" when its tens digit is 0 (2.025 -> "hai nghìn không trăm hai mươi lăm",
      1.001 -> "một nghìn không trăm linh một").
    - Units after "mươi" (tens >= 2): 1 is "mốt", 4 is "tư", 5 is "lăm" (21 "hai mươi mốt",
      24 "hai mươi tư", 25 "hai mươi lăm"). After "mười": 5 is "lăm", 1 and 4 stay "một" and
      "bốn" (11 "mười một", 14 "mười bốn", 15 "mười lăm"). After "linh" or alone every digit
      keeps its name (101 "một trăm linh một", 104 "một trăm linh bốn", 5 "năm").
    - "nghìn" (not "ngàn"), "tỷ" (not "tỉ"), "linh" (not "lẻ").

    Raises :class:`AmountError` (Vietnamese message) for a float, a bool, a fractional
    ``Decimal``, a negative amount or one above :data:`MAX_VND`.
    """
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        if isinstance(amount, float):
            raise AmountError(_("Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."))
        raise AmountError(_("Số tiền không hợp lệ. Hãy nhập số nguyên đồng, ví dụ 1.250.000."))
    if isinstance(amount, Decimal):
        if not amount.is_finite() or amount != amount.to_integral_value():
            raise AmountError(_("Số tiền phải là số nguyên đồng, không có phần lẻ thập phân."))
        amount = int(amount)
    amount = _checked(amount)
    words = _number_words(amount, full=False) if amount else _DIGITS[0]
    if suffix:
        words = f"{words} đồng"
    return words[0].upper() + words[1:]


def _number_words(number: int, *, full: bool) -> str:
    """Words for ``number > 0``; ``full``: a higher non-zero group was already read."""
    parts: list[str] = []
    ty, rest = divmod(number, _TY)
    if ty:
        parts += [_number_words(ty, full=full), "tỷ"]
        full = True
    for scale, name in _SCALES:
        group, rest = divmod(rest, scale)
        if group:
            parts.append(_group_words(group, full=full))
            if name:
                parts.append(name)
            full = True
    return " ".join(parts)


def _group_words(group: int, *, full: bool) -> str:
    """Words for a group 1..999; ``full`` says "không trăm" and "linh" for missing digits."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    parts: list[str] = []
    if hundreds or full:
        parts += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if parts:
                parts.append("linh")
            parts.append(_DIGITS[units])
    elif tens == 1:
        parts.append("mười")
        if units:
            parts.append("lăm" if units == 5 else _DIGITS[units])
    else:
        parts += [_DIGITS[tens], "mươi"]
        if units:
            parts.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units]))
    return " ".join(parts)
