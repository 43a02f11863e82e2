"""Judgments received (court transfer, scan or text PDF), their extracted fields and reviews.

A ``Judgment`` is filled in two steps: extraction writes the normalised rows (parties,
obligations, court fees) and one ``ExtractedField`` per value with its confidence and source
span; the officer's review corrects fields (``FieldCorrection``: who, when, before, after) and
confirms. Only a CONFIRMED judgment feeds decision drafting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "FIELD_GROUPS",
    "FIELD_SPECS",
    "OBLIGATION_KIND_LABELS",
    "PARTY_ROLE_LABELS",
    "ExtractedField",
    "FieldCorrection",
    "FieldPath",
    "FieldSpec",
    "Judgment",
    "JudgmentCourtFee",
    "JudgmentObligation",
    "JudgmentParty",
    "parse_field_path",
]

#: Vietnamese labels of ``decisions.types.PARTY_ROLES``.
PARTY_ROLE_LABELS = {
    "plaintiff": _("Nguyên đơn"),
    "defendant": _("Bị đơn"),
    "related_party": _("Người có quyền lợi, nghĩa vụ liên quan"),
    "accused": _("Bị cáo"),
    "victim": _("Bị hại"),
    "petitioner": _("Người yêu cầu"),
    "civil_plaintiff": _("Nguyên đơn dân sự"),
    "civil_defendant": _("Bị đơn dân sự"),
    "other": _("Người tham gia tố tụng khác"),
}
#: Vietnamese labels of ``decisions.types.OBLIGATION_KINDS``.
OBLIGATION_KIND_LABELS = {
    "money": _("Trả tiền"),
    "periodic_money": _("Trả tiền định kỳ (cấp dưỡng)"),
    "asset": _("Giao tài sản"),
    "act": _("Thực hiện / không thực hiện công việc"),
    "fine": _("Phạt tiền"),
    "confiscation": _("Tịch thu"),
}


@dataclass(frozen=True)
class FieldSpec:
    """How one extracted value is shown and validated on the review screen.

    ``kind``: text, date, case_type, role, obligation_kind, amount, year, id_number, bool.
    ``column``: the model field that holds the value (empty: kept only as an ExtractedField,
    e.g. the amount in words, read by the cross-checks).
    """

    label: str
    kind: str = "text"
    column: str = ""
    required: bool = False
    max_length: int = 0


#: Row groups of a judgment and their labels, in screen order ("header" has no rows).
FIELD_GROUPS = {
    "header": _("Thông tin chung"),
    "parties": _("Đương sự"),
    "obligations": _("Nghĩa vụ thi hành án"),
    "court_fees": _("Án phí, lệ phí"),
}

#: Every editable value, keyed "court" (header) or "parties.name" (group.attribute).
FIELD_SPECS: dict[str, FieldSpec] = {
    "court": FieldSpec(_("Tòa án"), column="court", required=True, max_length=300),
    "judgment_number": FieldSpec(
        _("Số bản án, quyết định"), column="number", required=True, max_length=80
    ),
    "date": FieldSpec(_("Ngày bản án"), kind="date", column="issued_on", required=True),
    "case_type": FieldSpec(_("Loại vụ việc"), kind="case_type", column="case_type", required=True),
    "parties.role": FieldSpec(_("Tư cách"), kind="role", column="role", required=True),
    "parties.name": FieldSpec(_("Họ tên"), column="name", required=True, max_length=200),
    "parties.birth_year": FieldSpec(_("Năm sinh"), kind="year", column="birth_year"),
    "parties.id_number": FieldSpec(_("Số định danh"), kind="id_number", column="id_number"),
    "parties.address": FieldSpec(_("Địa chỉ"), column="address", max_length=500),
    "parties.representative": FieldSpec(
        _("Người đại diện"), column="representative", max_length=300
    ),
    "obligations.debtor": FieldSpec(
        _("Người phải thi hành án"), column="debtor_name", required=True, max_length=200
    ),
    "obligations.creditor": FieldSpec(
        _("Người được thi hành án"), column="creditor_name", required=True, max_length=200
    ),
    "obligations.kind": FieldSpec(
        _("Loại nghĩa vụ"), kind="obligation_kind", column="kind", required=True
    ),
    "obligations.amount_vnd": FieldSpec(_("Số tiền"), kind="amount", column="amount_vnd"),
    "obligations.amount_words": FieldSpec(_("Số tiền bằng chữ"), max_length=500),
    "obligations.description": FieldSpec(_("Nội dung"), column="description", max_length=2000),
    "obligations.joint": FieldSpec(_("Liên đới"), kind="bool", column="joint"),
    "obligations.interest_clause": FieldSpec(
        _("Lãi chậm thi hành án"), column="interest_clause", max_length=2000
    ),
    "obligations.deadline": FieldSpec(_("Thời hạn thực hiện"), kind="date", column="deadline"),
    "court_fees.payer": FieldSpec(
        _("Người nộp"), column="payer_name", required=True, max_length=200
    ),
    "court_fees.amount_vnd": FieldSpec(
        _("Số tiền"), kind="amount", column="amount_vnd", required=True
    ),
    "court_fees.amount_words": FieldSpec(_("Số tiền bằng chữ"), max_length=500),
    "court_fees.kind": FieldSpec(_("Loại án phí"), column="kind", max_length=200),
}

_PATH = re.compile(
    r"^(?P<group>parties|obligations|court_fees)\[(?P<index>\d{1,4})\]\.(?P<attr>\w+)$"
)


@dataclass(frozen=True)
class FieldPath:
    """A parsed ``ExtractedField.path``: ``court`` or ``parties[0].name``."""

    group: str  # "header", "parties", "obligations", "court_fees"
    index: int | None
    attr: str

    @property
    def spec_key(self) -> str:
        return self.attr if self.group == "header" else f"{self.group}.{self.attr}"

    @property
    def spec(self) -> FieldSpec:
        return FIELD_SPECS[self.spec_key]

    def __str__(self) -> str:
        if self.group == "header":
            return self.attr
        return f"{self.group}[{self.index}].{self.attr}"


def parse_field_path(path: str) -> FieldPath | None:
    """The ``FieldPath`` of a known editable value, or None for anything else."""
    if "." not in path and "[" not in path:
        return FieldPath("header", None, path) if path in FIELD_SPECS else None
    match = _PATH.match(path)
    if match is None:
        return None
    parsed = FieldPath(match["group"], int(match["index"]), match["attr"])
    return parsed if parsed.spec_key in FIELD_SPECS else None


class Judgment(models.Model):
    """One court judgment or decision received by an office (sổ nhận bản án, L2008 Art 29)."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Tải lên / quét tại đơn vị")
        COURT_API = "court_api", _("Tòa án chuyển điện tử")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        EXTRACTING = "extracting", _("Đang trích xuất")
        REVIEW = "review", _("Chờ rà soát")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        FAILED = "failed", _("Trích xuất lỗi")

    class CaseType(models.TextChoices):
        DS = "DS", _("Dân sự")
        HNGD = "HNGD", _("Hôn nhân và gia đình")
        KDTM = "KDTM", _("Kinh doanh, thương mại")
        LD = "LD", _("Lao động")
        HC = "HC", _("Hành chính")
        HS = "HS", _("Hình sự")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    source = models.CharField(_("nguồn"), max_length=12, choices=Source.choices)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài liệu gốc"),
    )
    court = models.CharField(_("Tòa án"), max_length=300, blank=True)
    number = models.CharField(_("số bản án, quyết định"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày bản án, quyết định"), null=True, blank=True)
    case_type = models.CharField(
        _("loại vụ việc"), max_length=4, choices=CaseType.choices, blank=True
    )
    effective_on = models.DateField(_("ngày có hiệu lực pháp luật"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    #: Raw result of the last extraction (ExtractedJudgment.to_labels() plus confidences).
    extraction = models.JSONField(_("kết quả trích xuất"), default=dict, blank=True)
    extraction_mode = models.CharField(_("cách trích xuất"), max_length=12, blank=True)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tiếp nhận"),
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xác nhận"),
    )
    #: Row version for stale-form detection (incremented by every service write).
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("bản án, quyết định của Tòa án")
        verbose_name_plural = _("bản án, quyết định của Tòa án")
        indexes = [
            models.Index(
                fields=["office", "status", "-received_at"], name="judgment_office_status"
            ),
            models.Index(fields=["number"], name="judgment_number_idx"),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    @property
    def is_reviewable(self) -> bool:
        """Fields may be corrected and the judgment confirmed only while it waits for review."""
        return self.status == self.Status.REVIEW

    @property
    def status_badge(self) -> str:
        return {
            self.Status.RECEIVED: "badge-muted",
            self.Status.EXTRACTING: "badge-warn",
            self.Status.REVIEW: "badge-warn",
            self.Status.CONFIRMED: "badge-ok",
            self.Status.FAILED: "badge-danger",
        }[self.Status(self.status)]


class JudgmentParty(models.Model):
    """A party named in the judgment (roles as in ``decisions.types.PARTY_ROLES``)."""

    judgment = models.ForeignKey(
        Judgment, on_delete=models.CASCADE, related_name="parties", verbose_name=_("bản án")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    role = models.CharField(_("tư cách"), max_length=20)
    name = models.CharField(_("họ tên / tên tổ chức"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    id_number = models.CharField(_("số định danh / CCCD"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    representative = models.CharField(_("người đại diện"), max_length=300, blank=True)

    class Meta:
        ordering = ["judgment", "position", "pk"]
        verbose_name = _("đương sự")
        verbose_name_plural = _("đương sự")

    def __str__(self) -> str:
        return self.name


class JudgmentObligation(models.Model):
    """An obligation from the dispositive part (kinds as in ``decisions.types.OBLIGATION_KINDS``).

    Debtor or creditor may be the State ("Nhà nước"): then the party FK is null and the name is
    ``decisions.types.STATE``.
    """

    judgment = models.ForeignKey(
        Judgment, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("bản án")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    debtor = models.ForeignKey(
        JudgmentParty,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phải thi hành án"),
    )
    debtor_name = models.CharField(_("người phải thi hành án"), max_length=200)
    creditor = models.ForeignKey(
        JudgmentParty,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người được thi hành án"),
    )
    creditor_name = models.CharField(_("người được thi hành án"), max_length=200)
    kind = models.CharField(_("loại nghĩa vụ"), max_length=20)
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    periodic = models.JSONField(_("cấp dưỡng / trả định kỳ"), default=dict, blank=True)
    joint = models.BooleanField(_("liên đới"), default=False)
    interest_clause = models.TextField(_("lãi chậm thi hành án"), blank=True)
    deadline = models.DateField(_("thời hạn thực hiện"), null=True, blank=True)

    class Meta:
        ordering = ["judgment", "position", "pk"]
        verbose_name = _("nghĩa vụ thi hành án")
        verbose_name_plural = _("nghĩa vụ thi hành án")
        constraints = [
            models.CheckConstraint(
                name="judgmentobligation_amount_non_negative",
                condition=models.Q(amount_vnd__isnull=True) | models.Q(amount_vnd__gte=0),
            )
        ]

    def __str__(self) -> str:
        return f"{self.debtor_name} → {self.creditor_name}"


class JudgmentCourtFee(models.Model):
    """A court fee (án phí, lệ phí) a party must pay: a proactive enforcement item (T5)."""

    judgment = models.ForeignKey(
        Judgment, on_delete=models.CASCADE, related_name="court_fees", verbose_name=_("bản án")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    payer = models.ForeignKey(
        JudgmentParty,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nộp"),
    )
    payer_name = models.CharField(_("người nộp"), max_length=200)
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"))
    kind = models.CharField(_("loại án phí"), max_length=200, blank=True)

    class Meta:
        ordering = ["judgment", "position", "pk"]
        verbose_name = _("án phí, lệ phí")
        verbose_name_plural = _("án phí, lệ phí")
        constraints = [
            models.CheckConstraint(
                name="judgmentcourtfee_amount_non_negative", condition=models.Q(amount_vnd__gte=0)
            )
        ]

    def __str__(self) -> str:
        return f"{self.payer_name}: {self.amount_vnd}"


class ExtractedField(models.Model):
    """One extracted value with its confidence and source span, as the review screen shows it.

    ``path`` names the value: "court", "judgment_number", "parties[0].name",
    "obligations[1].amount_vnd", "court_fees[0].payer"...
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ rà soát")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        CORRECTED = "corrected", _("Đã sửa")

    judgment = models.ForeignKey(
        Judgment, on_delete=models.CASCADE, related_name="fields", verbose_name=_("bản án")
    )
    path = models.CharField(_("trường"), max_length=80)
    value = models.JSONField(_("giá trị"), null=True, blank=True)
    confidence = models.FloatField(_("độ tin cậy"))
    page = models.PositiveIntegerField(_("trang"), null=True, blank=True)
    start = models.PositiveIntegerField(_("vị trí đầu"), null=True, blank=True)
    end = models.PositiveIntegerField(_("vị trí cuối"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=12, default="rules")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING
    )

    class Meta:
        ordering = ["judgment", "confidence", "path"]
        verbose_name = _("trường trích xuất")
        verbose_name_plural = _("trường trích xuất")
        constraints = [
            models.UniqueConstraint(fields=["judgment", "path"], name="extractedfield_unique_path"),
            models.CheckConstraint(
                name="extractedfield_confidence_0_1",
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
            ),
        ]

    def __str__(self) -> str:
        return self.path


class FieldCorrection(models.Model):
    """An officer's correction of an extracted value, kept as training data (who, when, what)."""

    judgment = models.ForeignKey(
        Judgment, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("bản án")
    )
    path = models.CharField(_("trường"), max_length=80)
    before = models.JSONField(_("giá trị trước"), null=True, blank=True)
    after = models.JSONField(_("giá trị sau"), null=True, blank=True)
    page = models.PositiveIntegerField(_("trang"), null=True, blank=True)
    start = models.PositiveIntegerField(_("vị trí đầu"), null=True, blank=True)
    end = models.PositiveIntegerField(_("vị trí cuối"), null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    corrected_at = models.DateTimeField(_("sửa lúc"), default=timezone.now)

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        verbose_name = _("chỉnh sửa trường trích xuất")
        verbose_name_plural = _("chỉnh sửa trường trích xuất")

    def __str__(self) -> str:
        return f"{self.judgment_id}:{self.path}"
