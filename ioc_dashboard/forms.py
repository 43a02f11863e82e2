"""Forms of the operations centre: the period of the figures, a task assigned from the screen,
and the statistical report's scope and period.

Forms only coerce and validate (style.md 2.3): the task form hands ``cleaned_data`` to
``enforcement.services.case_task_create``; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ioc_dashboard.types import METRICS
from ioc_dashboard.types import Period

__all__ = [
    "PERIOD_CHOICES",
    "REPORT_MONTHS",
    "PeriodForm",
    "ReportForm",
    "TaskAssignForm",
    "period_for",
    "same_period_last_year",
    "statistical_year_start",
]

PERIOD_CHOICES = (
    ("stat_year", _("Năm thống kê (từ 01/10)")),
    ("month", _("Tháng này")),
    ("last_month", _("Tháng trước")),
    ("quarter", _("Quý này")),
    ("year", _("Năm nay")),
    ("custom", _("Từ ngày… đến ngày…")),
)
#: The sector's cumulative report periods, counted from 1 October (domain.md §6.1).
REPORT_MONTHS = (
    (3, _("3 tháng (01/10 – 31/12)")),
    (6, _("6 tháng (01/10 – 31/3)")),
    (10, _("10 tháng (01/10 – 31/7)")),
    (12, _("12 tháng (01/10 – 30/9)")),
)
#: The longest custom period (figures over more than 5 years are not a dashboard question).
MAX_PERIOD_DAYS = 5 * 366
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def statistical_year_start(day: dt.date) -> dt.date:
    """1 October of the statistical year that ``day`` falls in (TTLT 12/2021 Art 6)."""
    year = day.year if day.month >= 10 else day.year - 1
    return dt.date(year, 10, 1)


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def same_period_last_year(period: Period) -> Period:
    """The same dates one year earlier (29/02 becomes 28/02)."""
    return Period(start=_shift_year(period.start, -1), end=_shift_year(period.end, -1))


def period_for(preset: str, *, today: dt.date) -> Period:
    """The period a preset names, up to ``today`` (a running period ends today)."""
    if preset == "month":
        return Period(start=today.replace(day=1), end=today)
    if preset == "last_month":
        end = today.replace(day=1) - dt.timedelta(days=1)
        return Period(start=end.replace(day=1), end=end)
    if preset == "quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        return Period(start=dt.date(today.year, first_month, 1), end=today)
    if preset == "year":
        return Period(start=dt.date(today.year, 1, 1), end=today)
    return Period(start=statistical_year_start(today), end=today)


class PeriodForm(forms.Form):
    """The period of every figure on a dashboard page, and the figure the map and chart show."""

    period = forms.ChoiceField(label=_("Kỳ số liệu"), choices=PERIOD_CHOICES, required=False)
    start = forms.DateField(label=_("Từ ngày"), required=False, input_formats=DATE_INPUT_FORMATS)
    end = forms.DateField(label=_("Đến ngày"), required=False, input_formats=DATE_INPUT_FORMATS)
    metric = forms.ChoiceField(label=_("Chỉ tiêu trên bản đồ và biểu đồ"), required=False)

    def __init__(self, *args: Any, today: dt.date, metric_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["metric"].choices = metric_choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("period") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError(_("Hãy nhập cả ngày bắt đầu và ngày kết thúc."))
        if start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        if (end - start).days > MAX_PERIOD_DAYS:
            raise forms.ValidationError(_("Kỳ số liệu dài nhất là 5 năm."))
        return data

    def chosen_period(self) -> Period:
        """The period asked for; the statistical year to date when the form is empty or wrong."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        preset = data.get("period") or "stat_year"
        if preset == "custom":
            return Period(start=data["start"], end=data["end"])
        return period_for(preset, today=self.today)

    def chosen_metric(self, default: str) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        metric = data.get("metric") or default
        return metric if metric in METRICS else default


class TaskAssignForm(forms.Form):
    """A task for an office, or one of its staff, with a due date (issue 8 item 4)."""

    office = forms.CharField(widget=forms.HiddenInput, max_length=20)
    case = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    assignee = forms.ChoiceField(
        label=_("Giao cho"),
        required=False,
        error_messages={"invalid_choice": _("Người được giao không thuộc đơn vị này.")},
    )
    title = forms.CharField(
        label=_("Nội dung công việc"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Hãy nhập nội dung công việc."),
            "max_length": _("Nội dung công việc dài nhất 300 ký tự."),
        },
    )
    due_on = forms.DateField(
        label=_("Hạn hoàn thành"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Hãy chọn hạn hoàn thành."),
            "invalid": _("Ngày không hợp lệ (dd/mm/yyyy)."),
        },
    )

    def __init__(self, *args: Any, today: dt.date, staff: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        choices = [("", _("Cả đơn vị (chưa giao cho cán bộ cụ thể)"))]
        choices += [(user.username, _staff_label(user)) for user in staff]
        self.fields["assignee"].choices = choices
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", secrets.token_urlsafe(24))

    def clean_due_on(self) -> dt.date:
        due_on = self.cleaned_data["due_on"]
        if due_on < self.today:
            raise forms.ValidationError(_("Hạn hoàn thành không được trước hôm nay."))
        if (due_on - self.today).days > 366:
            raise forms.ValidationError(_("Hạn hoàn thành không quá một năm kể từ hôm nay."))
        return due_on


def _staff_label(user: Any) -> str:
    role = user.role_label if hasattr(user, "role_label") else ""
    return f"{user.get_full_name()} ({role})" if role else user.get_full_name()


class ReportForm(forms.Form):
    """Scope and period of the sector's periodic statistical report (domain.md §6.1)."""

    scope = forms.ChoiceField(
        label=_("Phạm vi"),
        error_messages={"invalid_choice": _("Phạm vi này nằm ngoài phạm vi quản lý của bạn.")},
    )
    year = forms.IntegerField(label=_("Năm thống kê (năm kết thúc)"), min_value=2000)
    months = forms.TypedChoiceField(
        label=_("Kỳ báo cáo"), choices=REPORT_MONTHS, coerce=int, initial=12
    )

    def __init__(self, *args: Any, scope_choices: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scope_choices
        self.fields["year"].max_value = today.year + 1
        self.fields["year"].widget.attrs["max"] = today.year + 1
        self.fields["year"].error_messages["max_value"] = _("Năm thống kê chưa bắt đầu.")
        self.fields["year"].error_messages["min_value"] = _("Năm thống kê không hợp lệ.")
