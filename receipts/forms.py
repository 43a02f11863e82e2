"""Forms of the receipts app: input is coerced and checked here; services do the writes."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from receipts.models import Payment
from receipts.models import Receipt
from thads.money import AmountError
from thads.money import parse_vnd


def new_idempotency_key() -> str:
    """A fresh key for one form render (quality.md: CSPRNG, unique per office)."""
    return secrets.token_urlsafe(24)


class AmountField(forms.CharField):
    """An amount of whole đồng typed as "1.250.000" (thads.money.parse_vnd)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # max_length stays on the widget; the value is an int after to_python.
        self.validators = []

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            amount = parse_vnd(text)
        except AmountError as exc:
            raise forms.ValidationError(exc.message, code="amount") from exc
        if amount <= 0:
            raise forms.ValidationError(_("Số tiền phải lớn hơn 0 đồng."), code="amount")
        return amount


class ReceiptForm(forms.Form):
    """Issue a receipt (TT04 Art 16 fields); ``idempotency_key`` makes a resubmit harmless."""

    case_number = forms.CharField(
        label=_("Số hồ sơ thi hành án"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ: 12/2026/HS. Để trống nếu khoản thu chưa gắn với hồ sơ."),
    )
    payer_name = forms.CharField(label=_("Họ tên người nộp tiền"), max_length=200)
    payer_id_number = forms.CharField(label=_("Số định danh / CCCD"), max_length=20, required=False)
    payer_address = forms.CharField(label=_("Địa chỉ"), max_length=400, required=False)
    purpose = forms.ChoiceField(label=_("Nội dung thu"), choices=Receipt.Purpose.choices)
    creditor_name = forms.CharField(
        label=_("Thu cho người được thi hành án"),
        max_length=200,
        required=False,
        help_text=_("Để trống: người được thi hành án của hồ sơ."),
    )
    description = forms.CharField(label=_("Diễn giải"), max_length=500, required=False)
    amount = AmountField(
        label=_("Số tiền (đồng)"), max_length=30, help_text=_("Số nguyên đồng, ví dụ 1.250.000.")
    )
    method = forms.ChoiceField(label=_("Hình thức thu"), choices=Receipt.Method.choices)
    bank_reference = forms.CharField(
        label=_("Số tham chiếu ngân hàng"), max_length=100, required=False
    )
    over_due_reason = forms.CharField(
        label=_("Lý do thu vượt số phải thi hành"), max_length=500, required=False
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = new_idempotency_key()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("method") == Receipt.Method.TRANSFER and not data.get("bank_reference"):
            self.add_error(
                "bank_reference",
                _("Thu qua chuyển khoản phải ghi số tham chiếu của ngân hàng."),
            )
        return data


class ReceiptFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Receipt.Status.choices]
    )
    purpose = forms.ChoiceField(
        label=_("Nội dung thu"),
        required=False,
        choices=[("", _("Tất cả")), *Receipt.Purpose.choices],
    )


class ReceiptVoidForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=500)
    replacement_number = forms.IntegerField(
        label=_("Số biên lai thay thế (cùng ký hiệu)"), required=False, min_value=1
    )


class PaymentForm(forms.Form):
    """Propose a payment out; the office head approves it."""

    case_number = forms.CharField(label=_("Số hồ sơ thi hành án"), max_length=40)
    kind = forms.ChoiceField(label=_("Loại chi"), choices=Payment.Kind.choices)
    creditor_name = forms.CharField(label=_("Người nhận tiền"), max_length=200)
    recipient_id_number = forms.CharField(
        label=_("Số định danh người nhận"), max_length=20, required=False
    )
    amount = AmountField(label=_("Số tiền (đồng)"), max_length=30)
    method = forms.ChoiceField(label=_("Hình thức chi"), choices=Receipt.Method.choices)
    bank_reference = forms.CharField(
        label=_("Tài khoản / số tham chiếu"), max_length=100, required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = new_idempotency_key()


class PublicFindForm(forms.Form):
    """Find a receipt by series symbol, number and amount (all three printed on it)."""

    symbol = forms.CharField(label=_("Ký hiệu"), max_length=20, help_text=_("Ví dụ: BL/26E"))
    number = forms.IntegerField(label=_("Số biên lai"), min_value=1, max_value=99_999_999)
    amount = AmountField(label=_("Số tiền (đồng)"), max_length=30)
