"""The citizen's upload on the verification page: the PDF they hold."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "VERIFY_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


class PdfCheckForm(forms.Form):
    """One PDF file, checked by size and by its first bytes (``%PDF-``), never by its name."""

    pdf = forms.FileField(
        label=gettext_lazy("Tệp PDF bạn đang giữ"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": gettext_lazy("Hãy chọn tệp PDF cần kiểm tra.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pdf"].help_text = _(
            "Tệp chỉ được dùng để so sánh, không được lưu lại. Dung lượng tối đa %(mb)s MB."
        ) % {"mb": max_upload_bytes() // (1024 * 1024)}

    def clean_pdf(self) -> UploadedFile:
        upload = self.cleaned_data["pdf"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": max_upload_bytes() // (1024 * 1024)}
            )
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Tệp không phải là tệp PDF."))
        return upload
