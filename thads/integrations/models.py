"""The record of every request sent to an outside system (VNeID, SMS gateway, banks, registries,
population database, procuracy, courts), one row per logical request and its attempts.

A row is keyed by ``(system, idempotency_key)``: sending again with the same key is another
attempt on the same row, never a second request. The row is written in its own transaction
before the network call (PENDING) and after it (the outcome), so a domain transaction is never
held open during network I/O and a crash mid-call leaves a PENDING row that the retry sweeper
picks up. ``request`` and ``response`` are stored with secrets and personal identity numbers
masked (``thads.integrations.masking``); the payload needed to send again is kept encrypted in
``payload_sealed`` only while a retry may still happen.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IntegrationCall(models.Model):
    """One request to an outside system: what was asked, every attempt, and the answer."""

    class System(models.TextChoices):
        VNEID = "vneid", _("VNeID")
        SMS_GATEWAY = "sms_gateway", _("Cổng tin nhắn SMS")
        BANK = "bank", _("Ngân hàng")
        LAND_REGISTRY = "land_registry", _("Đăng ký đất đai")
        VEHICLE_REGISTRY = "vehicle_registry", _("Đăng ký phương tiện")
        POPULATION_DB = "population_db", _("Cơ sở dữ liệu quốc gia về dân cư")
        PROCURACY = "procuracy", _("Viện kiểm sát")
        COURT = "court", _("Tòa án")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang gửi")
        SUCCEEDED = "succeeded", _("Thành công")
        FAILED = "failed", _("Thất bại")
        TIMEOUT = "timeout", _("Quá thời gian chờ")
        INVALID_RESPONSE = "invalid_response", _("Trả lời không hợp lệ")

    #: Outcomes after which the same request may be sent again (when ``retryable`` is set).
    RETRY_STATUSES = frozenset({Status.FAILED, Status.TIMEOUT, Status.INVALID_RESPONSE})

    system = models.CharField(_("hệ thống"), max_length=24, choices=System.choices)
    operation = models.CharField(_("nghiệp vụ"), max_length=64)
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    idempotency_key = models.CharField(_("khóa chống trùng"), max_length=128)
    request = models.JSONField(_("yêu cầu (đã che)"), default=dict, blank=True)
    request_hash = models.CharField(_("mã băm yêu cầu"), max_length=64)
    payload_sealed = models.TextField(_("yêu cầu mã hóa để gửi lại"), blank=True)
    response = models.JSONField(_("trả lời (đã che)"), null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(_("mã HTTP"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    retryable = models.BooleanField(_("có thể gửi lại"), default=False)
    auto_retry = models.BooleanField(
        _("tự động gửi lại"),
        default=True,
        help_text=_("Tắt khi nơi gọi tự quản lý việc gửi lại (ví dụ: hàng đợi thông báo)."),
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    attempt_log = models.JSONField(_("nhật ký các lần gửi"), default=list, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), null=True, blank=True)
    next_retry_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lần gửi"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lượt gọi hệ thống ngoài")
        verbose_name_plural = _("lượt gọi hệ thống ngoài")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "idempotency_key"], name="integration_call_key_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "-created_at"], name="integr_call_office_idx"),
            models.Index(fields=["object_type", "object_id"], name="integr_call_object_idx"),
            models.Index(fields=["status", "-created_at"], name="integr_call_status_idx"),
            # The retry sweeper reads only rows waiting for a retry.
            models.Index(
                fields=["next_retry_at"],
                name="integr_call_due_idx",
                condition=models.Q(next_retry_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_system_display()} · {self.operation} #{self.pk}"

    @property
    def can_retry(self) -> bool:
        """A temporary failure whose payload is still kept: it may be sent again."""
        return self.status in self.RETRY_STATUSES and self.retryable and bool(self.payload_sealed)

    @property
    def status_badge(self) -> str:
        """CSS modifier of the status badge."""
        return {
            self.Status.PENDING: "badge-muted",
            self.Status.SUCCEEDED: "badge-ok",
            self.Status.FAILED: "badge-danger",
            self.Status.TIMEOUT: "badge-warn",
            self.Status.INVALID_RESPONSE: "badge-warn",
        }[self.Status(self.status)]
