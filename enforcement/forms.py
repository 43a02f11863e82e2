"""Forms of the enforcement app: worklist and case-list filters, a transition on a case (with
the row version against stale pages), assignment of a case to an officer.

Forms coerce and validate input only; views hand ``cleaned_data`` to the services.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enforcement.models import Case
from enforcement.selectors.worklists import URGENCY_CHOICES
from thads.money import format_vnd

#: A decision number: digits, then the symbol ("12/QĐ-THADS", "05/2026/QĐ-CCTHADS").
DECISION_NUMBER_RE = re.compile(r"^\d+(/[\w.\-]+)+$")

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

    #: How a head action that needs a decision is taken (domain.md §3.1): draft the decision
    #: in the decisions app (applied when the head signs it), or record a decision already
    #: signed on paper (its number and date are required).
    PATH_DRAFT = "draft"
    PATH_PAPER = "paper"

    path = forms.ChoiceField(
        required=False,
        choices=[("", ""), (PATH_DRAFT, PATH_DRAFT), (PATH_PAPER, PATH_PAPER)],
        widget=forms.HiddenInput,
    )
    decision_number = forms.CharField(
        label=_("Số quyết định"),
        required=False,
        max_length=60,
        help_text=_("Ví dụ: 12/QĐ-THADS"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    decision_date = forms.DateField(
        label=_("Ngày ký quyết định"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày ký quyết định không hợp lệ.")},
    )
    office = forms.TypedChoiceField(
        label=_("Cơ quan thi hành án nhận ủy thác"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Hãy chọn cơ quan thi hành án khác nhận ủy thác.")},
    )

    def __init__(self, *args: Any, offices: Any = (), today: dt.date | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today
        self.office_groups = list(offices)
        self.offices = {o.pk: o for _province, group in self.office_groups for o in group}
        self.fields["office"].choices = [
            ("", _("Chọn cơ quan nhận ủy thác")),
            *[
                (province, [(o.pk, f"{o.code} · {o.name}") for o in group])
                for province, group in self.office_groups
            ],
        ]

    def clean_decision_number(self) -> str:
        number = self.cleaned_data.get("decision_number", "").strip()
        if number and not DECISION_NUMBER_RE.match(number):
            raise forms.ValidationError(
                _("Số quyết định phải có dạng số/ký hiệu, ví dụ 12/QĐ-THADS."), code="format"
            )
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("path") == self.PATH_PAPER:
            if not data.get("decision_number") and "decision_number" not in self.errors:
                self.add_error(
                    "decision_number",
                    forms.ValidationError(_("Hãy nhập số quyết định đã ký."), code="required"),
                )
            day = data.get("decision_date")
            if day is None and "decision_date" not in self.errors:
                self.add_error(
                    "decision_date",
                    forms.ValidationError(_("Hãy nhập ngày ký quyết định."), code="required"),
                )
            elif day is not None and self.today is not None and day > self.today:
                self.add_error(
                    "decision_date",
                    forms.ValidationError(
                        _("Ngày ký quyết định không được sau ngày hôm nay."), code="future"
                    ),
                )
        if (
            data.get("action") == "entrust"
            and data.get("path")
            and data.get("office") is None
            and "office" not in self.errors
        ):
            self.add_error(
                "office",
                forms.ValidationError(
                    _("Hãy chọn cơ quan thi hành án khác nhận ủy thác."), code="required"
                ),
            )
        return data

    def payload(self) -> dict[str, Any]:
        """The service payload: only the fields the officer filled in (the note is also the
        reason recorded when the action ends the case; a paper decision adds its number and
        date; an entrustment its receiving office)."""
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
        if data.get("office") is not None:
            payload["office_id"] = data["office"]
        if data.get("path") == self.PATH_PAPER:
            payload["decision_number"] = data["decision_number"]
            payload["decision_date"] = data["decision_date"]
            payload["decision_on_paper"] = True
        return payload

    def decision_fields(self, case: Any) -> dict[str, str]:
        """Fields of the decision drafted for this action (names of the decisions app's
        template registry; blank ones are completed in the decisions app before approval)."""
        data = self.cleaned_data
        note = data.get("note") or ""
        fields = {
            "debtor_name": case.debtor_name,
            "debtor_address": case.debtor_address,
            "ground": note,
        }
        if data.get("until"):
            fields["term"] = str(_("Đến ngày {day}")).format(day=data["until"].strftime("%d/%m/%Y"))
        office = self.offices.get(data.get("office"))
        if office is not None:
            fields["receiving_office"] = office.name
            fields["entrusted"] = str(
                _("Phải thi hành: {due}; đã thi hành: {done}; còn lại: {left}")
            ).format(
                due=format_vnd(case.total_due_vnd),
                done=format_vnd(case.collected_vnd),
                left=format_vnd(max(case.total_due_vnd - case.collected_vnd, 0)),
            )
        if data.get("action") == "start_coercion":
            fields["measure"] = note
            fields["amount_text"] = format_vnd(case.total_due_vnd)
        if data.get("action") == "classify_no_conditions":
            fields["outstanding"] = format_vnd(case.total_due_vnd)
        return fields


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
