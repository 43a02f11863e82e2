"""Forms of the staff side of citizen reception: input is coerced and checked here, the
services (``citizen_reception.services``) do the writes and the rules.

Every form that changes a petition carries its ``version`` (a stale form is refused by the
service, never applied over a newer state); every form that creates something carries an
``idempotency_key`` made fresh for each render (a double submit gives the same result).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizen_reception.models import Petition
from citizen_reception.models import PetitionNote
from citizen_reception.models import ReceptionLogEntry

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
TIME_FORMATS = ["%H:%M"]
#: Files a clerk may attach to one petition at the counter (the scan not counted).
MAX_ATTACHMENTS = 10
ID_KINDS = (
    ("CCCD", _("Căn cước công dân")),
    ("Căn cước", _("Căn cước")),
    ("CMND", _("Chứng minh nhân dân")),
    ("Hộ chiếu", _("Hộ chiếu")),
    ("Khác", _("Giấy tờ khác")),
)
_PHONE = re.compile(r"^\+?\d{9,12}$")
_ID_NUMBER = re.compile(r"^[0-9A-Za-z]{6,20}$")


def new_idempotency_key() -> str:
    """A fresh key for one form render (quality.md: CSPRNG)."""
    return secrets.token_urlsafe(24)


def _provinces() -> list[tuple[str, str]]:
    from vietnam_provinces import Province

    return [("", _("— Không rõ —"))] + [
        (str(int(p.code)), p.name) for p in sorted(Province.iter_all(), key=lambda p: p.name)
    ]


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **kwargs.pop("attrs", {})}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked again by ``thads.documents``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Mỗi đơn đính kèm tối đa %(n)s tệp.") % {"n": MAX_ATTACHMENTS}
            )
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _phone(value: str) -> str:
    value = re.sub(r"[\s.\-()]", "", value or "")
    if value and not _PHONE.match(value):
        raise forms.ValidationError(_("Số điện thoại chỉ gồm 9 đến 12 chữ số."))
    return value


class PetitionIntakeForm(forms.Form):
    """A petition received at the counter, by post or forwarded (issue 7 §2; TT13 Art 5–6)."""

    kind = forms.ChoiceField(
        label=_("Loại đơn"), choices=[("", _("— Chọn loại đơn —")), *Petition.Kind.choices]
    )
    complaint_level = forms.TypedChoiceField(
        label=_("Lần khiếu nại"),
        choices=[("", "—"), ("1", _("Lần đầu")), ("2", _("Lần hai"))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Chỉ với đơn khiếu nại."),
    )
    complaint_object = forms.ChoiceField(
        label=_("Khiếu nại đối với"),
        choices=[("", _("— Chưa xác định —")), *Petition.ComplaintObject.choices],
        required=False,
        help_text=_("Quyết định thời hạn giải quyết (Luật THADS Điều 140, 146)."),
    )
    channel = forms.ChoiceField(
        label=_("Hình thức nhận"),
        choices=[c for c in Petition.Channel.choices if c[0] != Petition.Channel.ONLINE],
        initial=Petition.Channel.COUNTER,
    )
    forwarded_by = forms.CharField(
        label=_("Cơ quan chuyển đơn"),
        max_length=300,
        required=False,
        help_text=_("Khi đơn do cơ quan, tổ chức khác chuyển đến."),
    )
    received_on = forms.DateField(
        label=_("Ngày nhận đơn"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=_("Gửi qua bưu chính: ngày theo dấu bưu điện."),
    )
    anonymous = forms.BooleanField(
        label=_("Đơn không rõ họ tên, địa chỉ người gửi (nặc danh)"), required=False
    )
    petitioner_name = forms.CharField(
        label=_("Họ tên người gửi đơn"), max_length=200, required=False
    )
    petitioner_id_kind = forms.ChoiceField(
        label=_("Loại giấy tờ tùy thân"), choices=ID_KINDS, initial="CCCD", required=False
    )
    petitioner_id_number = forms.CharField(
        label=_("Số giấy tờ tùy thân"), max_length=20, required=False
    )
    petitioner_birth_year = forms.IntegerField(
        label=_("Năm sinh"), required=False, min_value=1900, max_value=2100
    )
    petitioner_address = forms.CharField(label=_("Địa chỉ"), max_length=400, required=False)
    petitioner_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    petitioner_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    signatory_count = forms.IntegerField(
        label=_("Số người ký đơn"), min_value=1, max_value=10_000, initial=1
    )
    representatives = forms.CharField(
        label=_("Người đại diện"),
        max_length=400,
        required=False,
        help_text=_("Đơn từ 5 người trở lên: 5–10 người cử tối đa 2, từ 11 người tối đa 5."),
    )
    subject = forms.CharField(label=_("Trích yếu"), max_length=300)
    content = forms.CharField(label=_("Nội dung đơn"), widget=forms.Textarea(attrs={"rows": 6}))
    respondent = forms.CharField(
        label=_("Người, cơ quan bị khiếu nại/tố cáo"), max_length=300, required=False
    )
    judgment_reference = forms.CharField(
        label=_("Bản án, quyết định (theo đơn)"), max_length=300, required=False
    )
    case_office_code = forms.CharField(
        label=_("Mã cơ quan quản lý hồ sơ"),
        max_length=20,
        required=False,
        help_text=_("Ví dụ T101-KV01. Để trống: đơn vị của bạn."),
    )
    case_number = forms.CharField(
        label=_("Số hồ sơ thi hành án (nếu có)"),
        max_length=40,
        required=False,
        help_text=_("Đơn được chuyển tới cơ quan đang giải quyết hồ sơ."),
    )
    province_code = forms.TypedChoiceField(
        label=_("Địa phương liên quan"),
        choices=_provinces,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Đơn không gắn hồ sơ được chuyển về cơ quan thi hành án của địa phương."),
    )
    notify_email = forms.EmailField(label=_("Nhận thông báo qua thư điện tử"), required=False)
    notify_phone = forms.CharField(
        label=_("Nhận thông báo qua tin nhắn (số điện thoại)"), max_length=20, required=False
    )
    attachments = MultipleFileField(
        label=_("Tài liệu kèm theo"),
        required=False,
        help_text=_("PDF, JPEG, PNG, TIFF; tối đa 10 tệp."),
    )
    scan_document = forms.IntegerField(widget=forms.HiddenInput, required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_received_on(self) -> dt.date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày nhận đơn không được sau ngày hôm nay."))
        return day

    def clean_petitioner_phone(self) -> str:
        return _phone(self.cleaned_data.get("petitioner_phone", ""))

    def clean_notify_phone(self) -> str:
        return _phone(self.cleaned_data.get("notify_phone", ""))

    def clean_petitioner_id_number(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data.get("petitioner_id_number", ""))
        if value and not _ID_NUMBER.match(value):
            raise forms.ValidationError(_("Số giấy tờ tùy thân chỉ gồm chữ và số (6–20 ký tự)."))
        return value

    def clean_petitioner_birth_year(self) -> int | None:
        year = self.cleaned_data.get("petitioner_birth_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("Năm sinh không được sau năm nay."))
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if kind == Petition.Kind.COMPLAINT:
            data["complaint_level"] = data.get("complaint_level") or 1
        else:
            data["complaint_level"] = None
            data["complaint_object"] = ""
        if not data.get("anonymous") and not (data.get("petitioner_name") or "").strip():
            self.add_error(
                "petitioner_name",
                _("Hãy ghi họ tên người gửi đơn, hoặc đánh dấu đơn không rõ người gửi."),
            )
        if data.get("channel") == Petition.Channel.FORWARDED and not data.get("forwarded_by"):
            self.add_error("forwarded_by", _("Hãy ghi cơ quan đã chuyển đơn đến."))
        if data.get("case_office_code") and not data.get("case_number"):
            self.add_error("case_number", _("Hãy ghi số hồ sơ của cơ quan đã chọn."))
        return data


class PetitionFilterForm(forms.Form):
    """Filters of the petition list; every field is optional."""

    DEADLINE_CHOICES = (
        ("", _("Tất cả")),
        ("overdue", _("Quá hạn")),
        ("soon", _("Sắp đến hạn (3 ngày)")),
    )

    q = forms.CharField(
        label=_("Tìm theo mã, trích yếu, người gửi"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Loại đơn"), choices=[("", _("Tất cả")), *Petition.Kind.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), ("open", _("Đang xử lý")), *Petition.State.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Hình thức nhận"),
        choices=[("", _("Tất cả")), *Petition.Channel.choices],
        required=False,
    )
    deadline = forms.ChoiceField(label=_("Thời hạn"), choices=DEADLINE_CHOICES, required=False)
    scope = forms.ChoiceField(
        label=_("Phạm vi"),
        choices=(
            ("", _("Tất cả")),
            ("responsible", _("Đơn vị tôi giải quyết")),
            ("received", _("Đơn vị tôi nhận hộ nơi khác")),
        ),
        required=False,
    )
    mine = forms.BooleanField(label=_("Đơn giao cho tôi"), required=False)

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "q": (data.get("q") or "").strip(),
            "kind": data.get("kind") or "",
            "state": data.get("state") or "",
            "channel": data.get("channel") or "",
            "deadline": data.get("deadline") or "",
            "scope": data.get("scope") or "",
            "mine": bool(data.get("mine")),
        }


# --- actions on a petition --------------------------------------------------------------


class VersionedForm(forms.Form):
    """Base of every action form: the petition version the page was made from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ClassifyForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Petition.Kind.choices)
    complaint_level = forms.TypedChoiceField(
        label=_("Lần khiếu nại"),
        choices=[("", "—"), ("1", _("Lần đầu")), ("2", _("Lần hai"))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    complaint_object = forms.ChoiceField(
        label=_("Khiếu nại đối với"),
        choices=[("", _("— Chưa xác định —")), *Petition.ComplaintObject.choices],
        required=False,
    )
    complex_case = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == Petition.Kind.COMPLAINT:
            data["complaint_level"] = data.get("complaint_level") or 1
        else:
            data["complaint_level"] = None
            data["complaint_object"] = ""
        return data


class AssignForm(VersionedForm):
    officer = forms.ModelChoiceField(
        label=_("Giao cho cán bộ"),
        queryset=None,  # type: ignore[arg-type]
        empty_label=_("— Chọn cán bộ —"),
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        self.fields["officer"].label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u.get_full_name() or u.username} · {u.get_role_display()}"
        )


class ConfirmForm(VersionedForm):
    """An action that needs only a confirmation (accept)."""


class ReasonForm(VersionedForm):
    reason = forms.CharField(
        label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class GuideForm(VersionedForm):
    text = forms.CharField(
        label=_("Nội dung hướng dẫn"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hướng dẫn một lần bằng văn bản (NĐ 62 Điều 38(1))."),
    )


class ResolveForm(VersionedForm):
    summary = forms.CharField(
        label=_("Kết quả giải quyết"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Nội dung quyết định, văn bản giải quyết; được ký số và gửi người gửi đơn."),
    )


class ForwardForm(VersionedForm):
    to_office = forms.ModelChoiceField(
        label=_("Chuyển tới cơ quan thi hành án"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        empty_label=_("— Không chuyển trong hệ thống —"),
    )
    to_agency = forms.CharField(
        label=_("Hoặc cơ quan khác (ngoài hệ thống thi hành án)"), max_length=300, required=False
    )
    reason = forms.CharField(
        label=_("Lý do chuyển"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["to_office"].label_from_instance = lambda o: f"{o.code} · {o.name}"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("to_office")) == bool((data.get("to_agency") or "").strip()):
            raise forms.ValidationError(
                _("Hãy chọn một cơ quan thi hành án hoặc ghi tên một cơ quan khác (chỉ một).")
            )
        return data


class NoteForm(forms.Form):
    """A note carries no version (it changes no state): its key stops a double submit."""

    kind = forms.ChoiceField(
        label=_("Loại ghi chép"), choices=PetitionNote.Kind.choices, initial="note"
    )
    text = forms.CharField(
        label=_("Nội dung"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())


class AppealForm(forms.Form):
    """A second-level complaint or a further denunciation against a resolved petition."""

    subject = forms.CharField(label=_("Trích yếu"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}))
    received_on = forms.DateField(
        label=_("Ngày nhận đơn"), input_formats=DATE_FORMATS, widget=DateInput()
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_received_on(self) -> dt.date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày nhận đơn không được sau ngày hôm nay."))
        return day


class SplitForm(VersionedForm):
    """Split a letter mixing contents into parts, each with its own clock (TT13 Art 6)."""

    PARTS = 3

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, self.PARTS + 1):
            self.fields[f"kind_{n}"] = forms.ChoiceField(
                label=_("Phần %(n)s: loại đơn") % {"n": n},
                choices=[("", "—"), *Petition.Kind.choices],
                required=False,
            )
            self.fields[f"subject_{n}"] = forms.CharField(
                label=_("Phần %(n)s: trích yếu") % {"n": n}, max_length=300, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parts = []
        for n in range(1, self.PARTS + 1):
            kind, subject = data.get(f"kind_{n}"), (data.get(f"subject_{n}") or "").strip()
            if bool(kind) != bool(subject):
                self.add_error(f"subject_{n}", _("Mỗi phần cần cả loại đơn và trích yếu."))
            elif kind:
                parts.append((kind, subject))
        if len(parts) < 2:
            raise forms.ValidationError(_("Tách đơn cần ít nhất hai phần."))
        data["parts"] = parts
        return data

    def part_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"kind_{n}"], self[f"subject_{n}"]) for n in range(1, self.PARTS + 1)]


class DuplicateForm(VersionedForm):
    original_code = forms.CharField(
        label=_("Mã đơn gốc"),
        max_length=20,
        help_text=_("Đơn trùng nội dung đã nhận trước đó (mã in trên giấy biên nhận)."),
    )

    def clean_original_code(self) -> str:
        return self.cleaned_data["original_code"].strip().upper()


# --- reception log and reception days --------------------------------------------------


class ReceptionLogForm(forms.Form):
    """One line of the reception log (Luật Tiếp công dân Art 26; domain.md §5.6)."""

    received_at = forms.DateTimeField(
        label=_("Thời gian tiếp"),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
        ),
    )
    person_name = forms.CharField(label=_("Họ tên công dân"), max_length=200)
    person_id_number = forms.CharField(
        label=_("Số định danh cá nhân"), max_length=20, required=False
    )
    person_address = forms.CharField(label=_("Địa chỉ"), max_length=400, required=False)
    people_count = forms.IntegerField(label=_("Số người"), min_value=1, initial=1)
    content = forms.CharField(
        label=_("Nội dung trình bày"), widget=forms.Textarea(attrs={"rows": 4})
    )
    documents_received = forms.CharField(
        label=_("Tài liệu nhận"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    result = forms.ChoiceField(label=_("Kết quả"), choices=ReceptionLogEntry.Result.choices)
    refusal_reason = forms.CharField(label=_("Lý do từ chối"), max_length=500, required=False)
    follow_up = forms.CharField(
        label=_("Việc cần theo dõi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    petition_code = forms.CharField(
        label=_("Mã đơn liên quan (nếu có)"), max_length=20, required=False
    )
    schedule = forms.ModelChoiceField(
        label=_("Buổi tiếp của Thủ trưởng"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        empty_label=_("— Tiếp thường xuyên —"),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, schedules: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schedule"].queryset = schedules  # type: ignore[attr-defined]
        self.fields["schedule"].label_from_instance = lambda s: (  # type: ignore[attr-defined]
            f"{s.day:%d/%m/%Y} {s.starts_at:%H:%M} · {s.host.get_full_name()}"
        )
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_person_id_number(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data.get("person_id_number", ""))
        if value and not _ID_NUMBER.match(value):
            raise forms.ValidationError(_("Số định danh chỉ gồm chữ và số (6–20 ký tự)."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("result") == ReceptionLogEntry.Result.REFUSED
            and not (data.get("refusal_reason") or "").strip()
        ):
            self.add_error("refusal_reason", _("Từ chối tiếp phải ghi lý do."))
        at = data.get("received_at")
        if at and at > timezone.now() + dt.timedelta(minutes=5):
            self.add_error("received_at", _("Thời gian tiếp không được sau thời điểm hiện tại."))
        data["petition_code"] = (data.get("petition_code") or "").strip().upper()
        return data


class ReceptionLogFilterForm(forms.Form):
    day_from = forms.DateField(
        label=_("Từ ngày"), input_formats=DATE_FORMATS, widget=DateInput(), required=False
    )
    day_to = forms.DateField(
        label=_("Đến ngày"), input_formats=DATE_FORMATS, widget=DateInput(), required=False
    )
    q = forms.CharField(
        label=_("Tìm theo tên, nội dung"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class ScheduleForm(forms.Form):
    """A head's reception day (Luật Tiếp công dân Art 18: at least one day a month)."""

    host = forms.ModelChoiceField(
        label=_("Người chủ trì tiếp"),
        queryset=None,  # type: ignore[arg-type]
        empty_label=_("— Chọn Thủ trưởng —"),
    )
    day = forms.DateField(label=_("Ngày tiếp"), input_formats=DATE_FORMATS, widget=DateInput())
    starts_at = forms.TimeField(
        label=_("Từ"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    ends_at = forms.TimeField(
        label=_("Đến"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    online = forms.BooleanField(label=_("Tiếp công dân trực tuyến"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts  # type: ignore[attr-defined]
        self.fields["host"].label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u.get_full_name() or u.username} · {u.get_role_display()}"
        )
        if not self.is_bound:
            self.initial.setdefault("starts_at", dt.time(8, 0))
            self.initial.setdefault("ends_at", dt.time(11, 30))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("Giờ kết thúc phải sau giờ bắt đầu."))
        day = data.get("day")
        if day and day < timezone.localdate():
            self.add_error("day", _("Không lập lịch tiếp cho ngày đã qua."))
        return data


class ScheduleCancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=500)
