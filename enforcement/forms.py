"""Forms of the enforcement app: worklist and case-list filters, a transition on a case (with
the row version against stale pages), assignment of a case to an officer.

Forms coerce and validate input only; views hand ``cleaned_data`` to the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enforcement.models import Case
from enforcement.selectors.worklists import URGENCY_CHOICES

__all__ = [
    "CaseActionForm",
    "CaseAssignForm",
    "CaseListFilterForm",
    "WorklistFilterForm",
]


def _state_choices() -> list[tuple[str, Any]]:
    return [("", _("Mọi trạng thái")), *Case.State.choices]


class WorklistFilterForm(forms.Form):
    """Filters of the officer's worklist (GET)."""

    q = forms.CharField(
        label=_("Tìm theo số hồ sơ hoặc người phải thi hành án"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    state = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=_state_choices)
    urgency = forms.ChoiceField(
        label=_("Mức độ khẩn"),
        required=False,
        choices=[("", _("Mọi mức độ")), *URGENCY_CHOICES],
    )

    def filters(self) -> dict[str, str]:
        """The cleaned filters, or none when the input is invalid."""
        if not self.is_valid():
            return {"state": "", "urgency": "", "query": ""}
        data = self.cleaned_data
        return {"state": data["state"], "urgency": data["urgency"], "query": data["q"]}


class CaseListFilterForm(WorklistFilterForm):
    """Filters of the heads' case list: also by officer (or unassigned) and office."""

    UNASSIGNED = "none"

    officer = forms.ChoiceField(label=_("Chấp hành viên"), required=False)
    office = forms.ChoiceField(label=_("Đơn vị"), required=False)

    def __init__(self, *args: Any, officers: Any = (), offices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = [
            ("", _("Mọi chấp hành viên")),
            (self.UNASSIGNED, _("Chưa phân công")),
            *[(str(user.pk), user.get_full_name()) for user in officers],
        ]
        offices = list(offices)
        if len(offices) > 1:
            self.fields["office"].choices = [
                ("", _("Mọi đơn vị")),
                *[(str(office.pk), office.name) for office in offices],
            ]
        else:
            del self.fields["office"]

    def filters(self) -> dict[str, Any]:
        base: dict[str, Any] = super().filters()
        data = self.cleaned_data if self.is_bound and not self.errors else {}
        officer = data.get("officer", "")
        base["unassigned"] = officer == self.UNASSIGNED
        base["officer_id"] = int(officer) if officer and officer != self.UNASSIGNED else None
        office = data.get("office", "")
        base["office_id"] = int(office) if office else None
        return base


class CaseActionForm(forms.Form):
    """One transition of a case (``enforcement.services.case_transition``)."""

    action = forms.CharField(max_length=40, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Ghi chú, căn cứ"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    valid_notice_at = forms.DateTimeField(
        label=_("Thời điểm thông báo hợp lệ"),
        required=False,
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    until = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Ngày hết thời hạn hoãn hoặc ngày căn cứ tạm đình chỉ không còn, nếu đã biết."),
    )
    amount_vnd = forms.IntegerField(
        label=_("Số tiền đã thi hành (đồng)"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def payload(self) -> dict[str, Any]:
        """The service payload: only the fields the officer filled in (the note is also the
        reason recorded when the action ends the case)."""
        data = self.cleaned_data
        payload: dict[str, Any] = {}
        if data.get("note"):
            payload["note"] = data["note"]
            payload["reason"] = data["note"]
        for key in ("valid_notice_at", "until"):
            if data.get(key):
                payload[key] = data[key]
        if data.get("amount_vnd") is not None:
            payload["amount_vnd"] = data["amount_vnd"]
        return payload


class CaseAssignForm(forms.Form):
    """Assign or reassign a case to one of the office's officers (head)."""

    officer = forms.TypedChoiceField(label=_("Giao cho chấp hành viên"), coerce=int)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, officers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officers = {user.pk: user for user in officers}
        self.fields["officer"].choices = [
            (user.pk, user.get_full_name()) for user in self.officers.values()
        ]

    def clean_officer(self) -> Any:
        return self.officers[self.cleaned_data["officer"]]
