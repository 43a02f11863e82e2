"""Forms of the job pages (list filter, worker self-test) and of the document upload."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.documents.models import Job
from thads.documents.validation import limits_hint


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


class DocumentUploadForm(forms.Form):
    """Upload of one original; the server checks everything (the accept list is a hint)."""

    file = forms.FileField(
        label=_("Tệp tài liệu"),
        allow_empty_file=True,  # the store refuses it with its own message
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.tif,.tiff"}),
        error_messages={"required": _("Hãy chọn một tệp để tải lên.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = limits_hint()
