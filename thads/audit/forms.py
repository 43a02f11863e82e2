"""Filter form of the audit trail page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.audit.types import AuditEventFilters

DATE_FORMATS = ["%d/%m/%Y"]


class AuditEventFilterForm(forms.Form):
    """Action, username, object, and a date range in dd/mm/yyyy."""

    action = forms.CharField(label=_("Hành động"), max_length=64, required=False)
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150, required=False)
    object_type = forms.CharField(label=_("Loại đối tượng"), max_length=100, required=False)
    object_id = forms.CharField(label=_("Mã đối tượng"), max_length=64, required=False)
    date_from = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/07/2025.")},
    )
    date_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/07/2025.")},
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data

    def filters(self) -> AuditEventFilters:
        """The valid filters; an invalid field filters nothing (its error is shown)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return AuditEventFilters(
            action=(data.get("action") or "").strip(),
            username=(data.get("username") or "").strip(),
            object_type=(data.get("object_type") or "").strip(),
            object_id=(data.get("object_id") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
        )
