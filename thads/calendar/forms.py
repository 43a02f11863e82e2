"""Forms of the calendar pages: the deadline calculator and the override form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.calendar.models import CalendarOverride
from thads.calendar.workdays import MAX_YEAR
from thads.calendar.workdays import MIN_YEAR

DATE_INPUT_FORMAT = "%d/%m/%Y"


class VietnameseDateField(forms.DateField):
    """A date typed as dd/mm/yyyy, within the years the calendar covers."""

    widget = forms.DateInput(
        format=DATE_INPUT_FORMAT,
        attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
    )
    input_formats = [DATE_INPUT_FORMAT]
    default_error_messages = {
        "invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 14/02/2026."),
        "out_of_range": _("Chỉ tính được cho các năm từ %(min)s đến %(max)s."),
    }

    def validate(self, value):  # type: ignore[no-untyped-def]
        super().validate(value)
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"min": MIN_YEAR, "max": MAX_YEAR},
            )


class DeadlineCalcForm(forms.Form):
    """The deadline calculator: a start date, a number of days and the unit of counting."""

    UNIT_WORKING = "working_days"
    UNIT_CALENDAR = "calendar_days"
    UNIT_CHOICES = [
        (UNIT_WORKING, _("Ngày làm việc")),
        (UNIT_CALENDAR, _("Ngày (theo lịch)")),
    ]
    MAX_DAYS = 1000

    start = VietnameseDateField(
        label=_("Ngày bắt đầu (ngày xảy ra sự kiện)"),
        error_messages={"required": _("Vui lòng nhập ngày bắt đầu.")},
        help_text=_("Thời hạn được tính từ ngày tiếp theo sau ngày này."),
    )
    number = forms.IntegerField(
        label=_("Số ngày"),
        min_value=0,
        max_value=MAX_DAYS,
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_DAYS, "inputmode": "numeric"}),
        error_messages={
            "required": _("Vui lòng nhập số ngày."),
            "invalid": _("Số ngày phải là số nguyên."),
            "min_value": _("Số ngày không được âm."),
            "max_value": _("Số ngày tối đa là %(limit_value)s."),
        },
    )
    unit = forms.ChoiceField(
        label=_("Đơn vị tính"),
        choices=UNIT_CHOICES,
        initial=UNIT_WORKING,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn đơn vị tính."),
            "invalid_choice": _("Đơn vị tính không hợp lệ."),
        },
    )


class CalendarOverrideForm(forms.Form):
    """An official day off or working day; ``cleaned_data`` goes to ``calendar_override_set``."""

    date = VietnameseDateField(
        label=_("Ngày"),
        error_messages={"required": _("Vui lòng nhập ngày.")},
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=CalendarOverride.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn loại ngày."),
            "invalid_choice": _("Loại ngày ngoại lệ không hợp lệ."),
        },
    )
    name = forms.CharField(
        label=_("Tên ngày"),
        max_length=200,
        help_text=_("Ví dụ: Nghỉ bù Tết Nguyên đán, Làm việc bù cho ngày 02/01."),
        error_messages={
            "required": _("Vui lòng nhập tên ngày."),
            "max_length": _("Tên ngày tối đa %(limit_value)d ký tự."),
        },
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ"),
        max_length=255,
        help_text=_("Số, ký hiệu và ngày của văn bản công bố, ví dụ: Thông báo số …/TB-BNV."),
        error_messages={
            "required": _("Vui lòng nhập căn cứ (số, ký hiệu văn bản công bố)."),
            "max_length": _("Căn cứ tối đa %(limit_value)d ký tự."),
        },
    )
