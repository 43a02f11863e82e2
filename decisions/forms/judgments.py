"""Forms of the decisions app. Judgments and extraction.

Forms coerce and check what the browser sends; values of extracted fields are checked by the
service (``normalize_field_value``), which knows each field's type.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models.judgments import FIELD_SPECS
from decisions.models.judgments import Judgment
from thads.documents.validation import limits_hint

__all__ = [
    "ROW_GROUPS",
    "CorrectionsExportForm",
    "JudgmentFieldConfirmForm",
    "JudgmentFieldCorrectForm",
    "JudgmentFilterForm",
    "JudgmentRowAddForm",
    "JudgmentRowRemoveForm",
    "JudgmentUploadForm",
    "JudgmentVersionForm",
]

ROW_GROUPS = ("parties", "obligations", "court_fees")


class JudgmentFilterForm(forms.Form):
    """Filters of the judgment list; invalid values are ignored (the list is unfiltered)."""

    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *Judgment.Status.choices], required=False
    )
    q = forms.CharField(
        label=_("Tìm theo số hoặc Tòa án"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Ví dụ: 2267/2025")}),
    )


class JudgmentUploadForm(forms.Form):
    """Upload of one judgment (PDF or scan); the document store checks everything."""

    file = forms.FileField(
        label=_("Tệp bản án, quyết định"),
        allow_empty_file=True,  # the store refuses it with its own message
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.tif,.tiff"}),
        error_messages={"required": _("Hãy chọn tệp bản án để tải lên.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = limits_hint()


class JudgmentVersionForm(forms.Form):
    """The judgment's row version the page was built from (stale forms are refused)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class JudgmentFieldConfirmForm(JudgmentVersionForm):
    path = forms.CharField(max_length=80, widget=forms.HiddenInput)


class JudgmentFieldCorrectForm(JudgmentFieldConfirmForm):
    value = forms.CharField(label=_("Giá trị"), required=False, max_length=2000, strip=True)


class JudgmentRowRemoveForm(JudgmentVersionForm):
    group = forms.ChoiceField(choices=[(g, g) for g in ROW_GROUPS], widget=forms.HiddenInput)
    index = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class JudgmentRowAddForm(JudgmentVersionForm):
    """A new row's values: the attributes of ``group`` (checked by the service)."""

    group = forms.ChoiceField(choices=[(g, g) for g in ROW_GROUPS], widget=forms.HiddenInput)

    def row_values(self, data: Any) -> dict[str, str]:
        group = self.cleaned_data["group"]
        values = {}
        for key in FIELD_SPECS:
            if key.startswith(f"{group}."):
                attr = key.split(".", 1)[1]
                values[attr] = str(data.get(attr, ""))[:2000]
        return values


class CorrectionsExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Định dạng"),
        choices=[("jsonl", "JSON Lines"), ("csv", "CSV")],
        initial="jsonl",
    )
