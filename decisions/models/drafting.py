"""Decision templates (versioned, form codes as data), drafts, batches and signed decisions.

* ``DecisionTemplate``: one version of one decision kind, loaded from the registry files under
  ``decisions/registry/`` (never edited by hand). Form codes are data, blank where the official
  code is unconfirmed (domain.md §3.2); legal bases are kept per law version and the version
  is chosen by the decision's date (L2008 before 01/07/2026, L2025 + ND152 from then).
* ``CreditorRequest``: "the creditor's request was received on <date>" recorded by an officer
  for a judgment; it makes the on-request decision due (T4).
* ``DecisionBatch``: the judgments an officer drafted together, with the drafting job and the
  signing job (``thads.documents`` Job/JobItem, quality.md R4).
* ``Decision``: one decision from draft to signed (or revoked): the template version it used,
  the law version, the filled fields, the number taken at signing and the signed PDF.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CreditorRequest",
    "Decision",
    "DecisionBatch",
    "DecisionTemplate",
]


class DecisionTemplate(models.Model):
    """One version of a decision template (registry data; a decision records which it used)."""

    class IssuingLevel(models.TextChoices):
        HEAD = "head", _("Thủ trưởng cơ quan thi hành án dân sự")
        EXECUTOR = "executor", _("Chấp hành viên")

    kind = models.CharField(_("loại quyết định"), max_length=32)
    version = models.PositiveSmallIntegerField(_("phiên bản"))
    title = models.CharField(_("tên mẫu"), max_length=200)
    doc_type = models.CharField(_("loại văn bản"), max_length=60, default="Quyết định")
    summary = models.CharField(_("trích yếu"), max_length=300)
    form_code = models.CharField(
        _("mã mẫu"),
        max_length=40,
        blank=True,
        help_text=_("Để trống khi mã mẫu chính thức chưa được xác nhận."),
    )
    issuing_level = models.CharField(_("cấp ban hành"), max_length=12, choices=IssuingLevel.choices)
    #: {"L2008": ["Căn cứ ...", ...], "L2025": [...]}
    legal_bases = models.JSONField(_("căn cứ pháp lý theo phiên bản luật"), default=dict)
    #: Paragraphs with ``{placeholders}``; "QUYẾT ĐỊNH:" and "Điều N." as Decree 30 writes them.
    body = models.JSONField(_("nội dung"), default=list)
    #: [{"name": "ground", "label": "Lý do hoãn", "required": true, "editable": true}, ...]
    fields = models.JSONField(_("trường dữ liệu"), default=list)
    recipients = models.JSONField(_("nơi nhận mặc định"), default=list)
    notes = models.TextField(_("ghi chú nguồn"), blank=True)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("nạp lúc"), default=timezone.now)

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("mẫu quyết định")
        verbose_name_plural = _("mẫu quyết định")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="decisiontemplate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def form_code_label(self) -> str:
        return self.form_code or str(_("Chưa xác nhận mã mẫu"))


class CreditorRequest(models.Model):
    """A creditor's request to enforce a judgment, received on a date (ND152 Art 9; T4)."""

    judgment = models.ForeignKey(
        "decisions.Judgment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("bản án"),
    )
    creditor_name = models.CharField(_("người yêu cầu"), max_length=200)
    received_on = models.DateField(_("ngày nhận đơn"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), default=timezone.now)

    class Meta:
        ordering = ["judgment", "received_on", "pk"]
        verbose_name = _("đơn yêu cầu thi hành án")
        verbose_name_plural = _("đơn yêu cầu thi hành án")
        constraints = [
            models.UniqueConstraint(
                fields=["judgment", "creditor_name"], name="creditorrequest_unique_creditor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.creditor_name} ({self.received_on:%d/%m/%Y})"


class DecisionBatch(models.Model):
    """Decisions drafted together from one or more judgments, approved and signed together."""

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("tên lô"), max_length=255)
    judgment_ids = models.JSONField(_("bản án"), default=list)
    draft_job = models.ForeignKey(
        "documents.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tác vụ dự thảo"),
    )
    sign_job = models.ForeignKey(
        "documents.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tác vụ ký số gần nhất"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    sign_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sign_requested_at = models.DateTimeField(_("yêu cầu ký lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lô quyết định")
        verbose_name_plural = _("lô quyết định")
        indexes = [models.Index(fields=["office", "-created_at"], name="decisionbatch_office_idx")]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """One enforcement decision, from draft to signed (or revoked).

    The number is taken at signing from the gapless series ``QĐ-THADS`` of the office and
    year (``thads.numbering``); ``UNIQUE (office, year, number)`` is the backstop.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã duyệt")
        SIGNING = "signing", _("Đang ký số")
        SIGNED = "signed", _("Đã ký")
        CANCELLED = "cancelled", _("Đã hủy dự thảo")
        REVOKED = "revoked", _("Đã thu hồi")

    #: Statuses of a decision that still counts (a judgment's item is not drafted twice).
    LIVE_STATUSES = ("draft", "approved", "signing", "signed")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    batch = models.ForeignKey(
        DecisionBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("lô"),
    )
    judgment = models.ForeignKey(
        "decisions.Judgment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bản án"),
    )
    #: An enforcement case id (the enforcement app is downstream: no foreign key).
    case_id = models.PositiveBigIntegerField(_("hồ sơ thi hành án"), null=True, blank=True)
    #: What the decision was drafted for, unique among live decisions of the office
    #: ("j12:proactive:debtor-3"), so a judgment's item is never drafted twice.
    source_key = models.CharField(_("khóa nguồn"), max_length=200)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    template = models.ForeignKey(
        DecisionTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("mẫu")
    )
    kind = models.CharField(_("loại quyết định"), max_length=32)
    law_version = models.CharField(_("phiên bản luật"), max_length=12)
    legal_bases = models.JSONField(_("căn cứ pháp lý"), default=list)
    fields = models.JSONField(_("nội dung các trường"), default=dict)
    debtor_name = models.CharField(_("người phải thi hành án"), max_length=400, blank=True)
    creditor_name = models.CharField(_("người được thi hành án"), max_length=400, blank=True)
    obligations = models.JSONField(_("các khoản phải thi hành"), default=list)
    total_vnd = models.BigIntegerField(_("tổng số tiền (đồng)"), default=0)
    deadline = models.DateField(_("hạn ra quyết định"), null=True, blank=True)
    deadline_basis = models.CharField(_("căn cứ thời hạn"), max_length=300, blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định bị thu hồi, sửa đổi"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    preview_name = models.CharField(_("bản xem trước"), max_length=200, blank=True)
    pdf_name = models.CharField(_("tệp đã ký"), max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    public_token = models.ForeignKey(
        "documents.PublicToken",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mã tra cứu"),
    )
    error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        ordering = ["-created_at", "position", "pk"]
        verbose_name = _("quyết định thi hành án")
        verbose_name_plural = _("quyết định thi hành án")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "number"],
                name="decision_unique_number",
                condition=models.Q(number__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["office", "source_key"],
                name="decision_unique_live_source",
                condition=models.Q(status__in=["draft", "approved", "signing", "signed"]),
            ),
            models.CheckConstraint(
                name="decision_signed_has_number_and_pdf",
                condition=~models.Q(status="signed")
                | (models.Q(number__isnull=False) & ~models.Q(pdf_sha256="")),
            ),
            models.CheckConstraint(
                name="decision_total_not_negative", condition=models.Q(total_vnd__gte=0)
            ),
        ]
        indexes = [
            models.Index(fields=["office", "status", "-created_at"], name="decision_office_status"),
            models.Index(fields=["case_id"], name="decision_case_idx"),
        ]

    def __str__(self) -> str:
        return self.number_symbol or f"{self.get_kind_label()} #{self.pk}"

    def get_kind_label(self) -> str:
        from decisions.registry import kind_label

        return kind_label(self.kind)

    @property
    def status_badge(self) -> str:
        return {
            "draft": "badge-muted",
            "approved": "badge-warn",
            "signing": "badge-warn",
            "signed": "badge-ok",
            "cancelled": "badge-muted",
            "revoked": "badge-danger",
        }.get(self.status, "badge-muted")
