"""Forms of the job pages: the list filter and the worker self-test."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.documents.models import Job


class JobFilterForm(forms.Form):
    """Filters of the job list; invalid values are ignored (the list is shown unfiltered)."""

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *Job.Status.choices],
        required=False,
    )
    mine = forms.BooleanField(label=_("Chỉ tác vụ tôi tạo"), required=False)


class JobSelftestForm(forms.Form):
    """Start the worker self-test (system administrators)."""

    steps = forms.IntegerField(
        label=_("Số bước"),
        min_value=1,
        max_value=100,
        initial=10,
        help_text=_("Mỗi bước chạy nửa giây và cập nhật tiến độ."),
    )
    fail_at_step = forms.IntegerField(
        label=_("Giả lập lỗi ở bước"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Để trống nếu muốn tác vụ chạy đến hết."),
    )

    def clean(self) -> dict:
        data = super().clean()
        steps, fail_at = data.get("steps"), data.get("fail_at_step")
        if steps and fail_at and fail_at > steps:
            self.add_error("fail_at_step", _("Bước giả lập lỗi phải nằm trong số bước."))
        return data
