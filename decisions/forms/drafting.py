"""Forms of the decisions app. Templates, drafts, batches, signing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.calendar.forms import VietnameseDateField

__all__ = [
    "BatchCreateForm",
    "CreditorRequestForm",
    "DecisionFieldsForm",
    "DecisionRevokeForm",
    "DecisionSelectionForm",
]


class BatchCreateForm(forms.Form):
    """The confirmed judgments to draft decisions for (choices come from the selector)."""

    judgments = forms.TypedMultipleChoiceField(
        label=_("Bản án, quyết định đã xác nhận"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một bản án.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["judgments"].choices = choices


class DecisionSelectionForm(forms.Form):
    """Decisions of a batch picked by the head (empty with ``all`` = every eligible one)."""

    decisions = forms.TypedMultipleChoiceField(coerce=int, required=False)
    all = forms.BooleanField(required=False)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decisions"].choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("all") and not data.get("decisions"):
            raise forms.ValidationError(_("Hãy chọn ít nhất một quyết định."))
        return data


class DecisionFieldsForm(forms.Form):
    """The template's fields of a draft, plus the row version (stale-form detection).

    Blank required fields are accepted here (a draft may be incomplete); approval refuses them
    with per-field messages.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, template_fields: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in template_fields:
            widget = (
                forms.Textarea(attrs={"rows": 3})
                if spec.get("multiline")
                else forms.TextInput(attrs={"maxlength": 2000})
            )
            field = forms.CharField(label=spec["label"], required=False, widget=widget)
            if spec.get("required"):
                field.help_text = _("Bắt buộc trước khi duyệt.")
            self.fields[spec["name"]] = field

    def field_values(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CreditorRequestForm(forms.Form):
    """ "The creditor's request was received on <date>" (makes the on-request decision due)."""

    creditor_name = forms.ChoiceField(label=_("Người được thi hành án"))
    received_on = VietnameseDateField(label=_("Ngày nhận đơn yêu cầu"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)

    def __init__(self, *args: Any, creditors: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["creditor_name"].choices = [(c, c) for c in creditors]


class DecisionRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thu hồi"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần ghi lý do thu hồi.")},
    )
