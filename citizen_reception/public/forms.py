"""Forms of the public side: the online petition (no account; a one-time code proves the contact),
asking for the code, and finding a petition by its tracking code.

Attachments are checked here for count, size and type by magic bytes (cheap, before anything
is stored); ``citizen_reception.services`` checks them again in full through thads.documents
(sandboxed parse, decompression bombs, pixel floods) when it stores them.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizen_reception.models import Petition

ONLINE_KINDS = [
    (Petition.Kind.COMPLAINT, _("Khiếu nại")),
    (Petition.Kind.DENUNCIATION, _("Tố cáo")),
    (Petition.Kind.ENFORCEMENT_REQUEST, _("Yêu cầu thi hành án")),
    (Petition.Kind.PROPOSAL, _("Kiến nghị")),
    (Petition.Kind.REPORT, _("Phản ánh")),
]

CHANNEL_EMAIL = "email"
CHANNEL_SMS = "sms"
CHANNELS = [
    (CHANNEL_EMAIL, _("Thư điện tử")),
    (CHANNEL_SMS, _("Tin nhắn SMS")),
]

ID_KINDS = [
    ("CCCD", _("Căn cước / Căn cước công dân (12 số)")),
    ("HC", _("Hộ chiếu")),
]

#: First bytes of the types accepted (PDF, PNG, JPEG, TIFF); the full check is in thads.documents.
MAGIC = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}
ACCEPT = ".pdf,.png,.jpg,.jpeg,.tif,.tiff"

_IDEMPOTENCY = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_CCCD = re.compile(r"^\d{12}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{8,9}$")
_PHONE = re.compile(r"^0[35789]\d{8}$")
_CODE = re.compile(r"^\d{6}$")
_TRACKING = re.compile(r"[^A-Z0-9]")

MB = 1024 * 1024


def attachment_limits() -> tuple[int, int, int]:
    """(files at most, bytes per file, bytes in all), from the settings."""
    return (
        int(getattr(settings, "PETITION_ATTACHMENTS_MAX_COUNT", 5)),
        int(getattr(settings, "PETITION_ATTACHMENT_MAX_BYTES", 10 * MB)),
        int(getattr(settings, "PETITION_ATTACHMENTS_MAX_TOTAL_BYTES", 25 * MB)),
    )


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(32)


def normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def normalize_tracking_code(value: str) -> str:
    """Upper case, without spaces or dashes; at most 20 characters."""
    return _TRACKING.sub("", (value or "").upper())[:20]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("allow_empty_file", True)  # refused below with the file's name
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def _sniff(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, content_type in MAGIC.items():
        if head.startswith(magic):
            return content_type
    return None


class ContactMixin(forms.Form):
    """The address the one-time code (and every later notification) goes to."""

    otp_channel = forms.ChoiceField(
        label=_("Nhận mã xác thực và thông báo qua"),
        choices=CHANNELS,
        initial=CHANNEL_EMAIL,
        widget=forms.RadioSelect,
    )
    petitioner_email = forms.EmailField(
        label=_("Địa chỉ thư điện tử"), max_length=254, required=False
    )
    petitioner_phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        required=False,
        help_text=_("Số di động Việt Nam gồm 10 chữ số, ví dụ 0912345678."),
    )

    def clean_petitioner_email(self) -> str:
        return (self.cleaned_data.get("petitioner_email") or "").strip().lower()

    def clean_petitioner_phone(self) -> str:
        value = normalize_phone(self.cleaned_data.get("petitioner_phone") or "")
        if value and not _PHONE.match(value):
            raise forms.ValidationError(
                _("Số điện thoại không hợp lệ: cần số di động Việt Nam gồm 10 chữ số.")
            )
        return value

    def clean_contact(self, data: dict[str, Any]) -> None:
        channel = data.get("otp_channel")
        field, message = (
            ("petitioner_phone", _("Hãy nhập số điện thoại để nhận mã xác thực."))
            if channel == CHANNEL_SMS
            else ("petitioner_email", _("Hãy nhập thư điện tử để nhận mã xác thực."))
        )
        if channel and not data.get(field) and field not in self.errors:
            self.add_error(field, message)

    def recipient(self) -> str:
        data = self.cleaned_data
        if data.get("otp_channel") == CHANNEL_SMS:
            return data.get("petitioner_phone", "")
        return data.get("petitioner_email", "")


class OneTimeCodeRequestForm(ContactMixin):
    """Ask for a code (the "Gửi mã xác thực" button); only the contact fields are read."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_contact(data)
        return data


class PetitionOnlineForm(ContactMixin):
    """The online petition. ``idempotency_key`` is made when the form is shown, so a double
    click or a retried request files one petition."""

    kind = forms.ChoiceField(label=_("Loại đơn"), choices=ONLINE_KINDS, widget=forms.RadioSelect)
    complaint_level = forms.TypedChoiceField(
        label=_("Khiếu nại lần"),
        choices=[("1", _("Lần đầu")), ("2", _("Lần hai (đã có quyết định giải quyết lần đầu)"))],
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Chỉ chọn khi gửi đơn khiếu nại."),
    )
    province = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố nơi có việc thi hành án"),
        coerce=int,
        help_text=_("Đơn được chuyển đến cơ quan thi hành án dân sự có trách nhiệm giải quyết."),
    )
    subject = forms.CharField(
        label=_("Tóm tắt nội dung đơn"),
        max_length=300,
        help_text=_("Một câu, ví dụ: Khiếu nại quyết định cưỡng chế kê biên tài sản."),
    )
    content = forms.CharField(
        label=_("Nội dung đơn"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Trình bày sự việc, yêu cầu của bạn và các căn cứ kèm theo."),
    )
    respondent = forms.CharField(
        label=_("Người, cơ quan bị khiếu nại, tố cáo"), max_length=300, required=False
    )
    judgment_reference = forms.CharField(
        label=_("Bản án, quyết định liên quan"),
        max_length=300,
        required=False,
        help_text=_(
            "Số, ngày và tòa án ban hành, nếu có. Ví dụ: Bản án số 12/2025/DS-ST ngày 03/3/2025."
        ),
    )
    petitioner_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    petitioner_id_kind = forms.ChoiceField(
        label=_("Loại giấy tờ tùy thân"), choices=ID_KINDS, initial="CCCD"
    )
    petitioner_id_number = forms.CharField(label=_("Số giấy tờ tùy thân"), max_length=20)
    petitioner_birth_year = forms.IntegerField(label=_("Năm sinh"), required=False)
    petitioner_address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=400)
    otp_code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=_("Mã gồm 6 chữ số được gửi đến thư điện tử hoặc số điện thoại ở trên."),
    )
    attachments = MultipleFileField(label=_("Tài liệu kèm theo"), required=False)
    pledge = forms.BooleanField(
        label=_("Tôi cam đoan nội dung đơn là đúng sự thật và chịu trách nhiệm trước pháp luật."),
        error_messages={"required": _("Hãy đánh dấu ô cam đoan trước khi gửi đơn.")},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, province_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("— Chọn tỉnh, thành phố —")), *province_choices]
        count, per_file, total = attachment_limits()
        self.fields["attachments"].help_text = _(
            "Tối đa %(count)s tệp PDF, PNG, JPEG hoặc TIFF; mỗi tệp tối đa %(per_file)s MB, "
            "tổng cộng tối đa %(total)s MB."
        ) % {"count": count, "per_file": per_file // MB, "total": total // MB}
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())

    def clean_idempotency_key(self) -> str:
        value = self.cleaned_data.get("idempotency_key") or ""
        if not _IDEMPOTENCY.match(value):
            raise forms.ValidationError(_("Biểu mẫu không hợp lệ; hãy tải lại trang."))
        return value

    def clean_petitioner_id_number(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data.get("petitioner_id_number") or "").upper()

    def clean_petitioner_birth_year(self) -> int | None:
        year = self.cleaned_data.get("petitioner_birth_year")
        this_year = timezone.localdate().year
        if year is not None and not 1900 <= year <= this_year:
            raise forms.ValidationError(
                _("Năm sinh phải trong khoảng 1900 đến %(year)s.") % {"year": this_year}
            )
        return year

    def clean_otp_code(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data.get("otp_code") or "")

    def clean_attachments(self) -> list[UploadedFile]:
        files = self.cleaned_data.get("attachments") or []
        count, per_file, total = attachment_limits()
        if len(files) > count:
            raise forms.ValidationError(
                _("Chỉ được gửi tối đa %(count)s tệp kèm theo.") % {"count": count}
            )
        errors = []
        for upload in files:
            if upload.size == 0:
                errors.append(_("Tệp “%(name)s” rỗng.") % {"name": upload.name})
            elif upload.size > per_file:
                errors.append(
                    _("Tệp “%(name)s” vượt quá %(mb)s MB.")
                    % {"name": upload.name, "mb": per_file // MB}
                )
            elif _sniff(upload) is None:
                errors.append(
                    _("Tệp “%(name)s” không đúng định dạng. Chỉ nhận tệp PDF, PNG, JPEG hoặc TIFF.")
                    % {"name": upload.name}
                )
        if errors:
            raise forms.ValidationError(errors)
        if sum(upload.size for upload in files) > total:
            raise forms.ValidationError(
                _("Tổng dung lượng tệp kèm theo vượt quá %(mb)s MB.") % {"mb": total // MB}
            )
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_contact(data)
        kind = data.get("kind")
        if kind == Petition.Kind.COMPLAINT and not data.get("complaint_level"):
            self.add_error("complaint_level", _("Hãy chọn khiếu nại lần đầu hay lần hai."))
        if kind != Petition.Kind.COMPLAINT:
            data["complaint_level"] = None
        id_kind, number = data.get("petitioner_id_kind"), data.get("petitioner_id_number")
        if number and id_kind == "CCCD" and not _CCCD.match(number):
            self.add_error(
                "petitioner_id_number", _("Số căn cước, căn cước công dân phải gồm đủ 12 chữ số.")
            )
        if number and id_kind == "HC" and not _PASSPORT.match(number):
            self.add_error(
                "petitioner_id_number", _("Số hộ chiếu gồm 8 hoặc 9 chữ cái in hoa và chữ số.")
            )
        return data

    def require_code(self) -> bool:
        """On the final submit the code is required; False (with the error added) when missing."""
        code = self.cleaned_data.get("otp_code", "")
        if not code:
            self.add_error("otp_code", _("Hãy nhập mã xác thực đã được gửi cho bạn."))
            return False
        if not _CODE.match(code):
            self.add_error("otp_code", _("Mã xác thực gồm 6 chữ số."))
            return False
        return True


class TrackFindForm(forms.Form):
    """The tracking-code box of ``/tra-cuu/don/``."""

    ma = forms.CharField(
        label=_("Mã tra cứu đơn"),
        max_length=40,
        help_text=_("In trên giấy biên nhận, ví dụ D7K2M9QX4PA."),
        error_messages={"required": _("Hãy nhập mã tra cứu đơn.")},
    )

    def clean_ma(self) -> str:
        code = normalize_tracking_code(self.cleaned_data.get("ma") or "")
        if not code:
            raise forms.ValidationError(_("Hãy nhập mã tra cứu đơn."))
        return code
