"""The notification outbox and the one-time codes of the public forms.

A ``Notification`` is queued in the same transaction as the change it reports (so it exists
exactly when the change does) and sent afterwards by a task: e-mail through Django's mail
backend, SMS and VNeID through ``thads.integrations``. Subject and body are rendered in
Vietnamese when queued; a secret in them (a one-time code) is stored masked, the real text kept
encrypted in ``sealed`` only until the message is sent or given up.

A ``OneTimeCode`` is never stored in clear: ``code_hash`` is an HMAC of the code under the
project's secret key, and the recipient is kept as a keyed digest plus a masked form.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.integrations.masking import mask_recipient


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    VNEID = "vneid", _("VNeID")


class Notification(models.Model):
    """One message to one recipient through one channel, and how its sending went."""

    Channel = Channel

    class Status(models.TextChoices):
        QUEUED = "queued", _("Chờ gửi")
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(
        _("người nhận"),
        max_length=254,
        help_text=_("Địa chỉ thư, số điện thoại hoặc số định danh cá nhân (VNeID)."),
    )
    template = models.CharField(_("mẫu"), max_length=64)
    context = models.JSONField(_("dữ liệu mẫu"), default=dict, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    sealed = models.TextField(_("nội dung mã hóa"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    provider_message_id = models.CharField(_("mã tin của nhà cung cấp"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    next_retry_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("bắt đầu gửi lúc"), null=True, blank=True)
    related_type = models.CharField(_("loại đối tượng liên quan"), max_length=100, blank=True)
    related_id = models.CharField(_("mã đối tượng liên quan"), max_length=64, blank=True)
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    idempotency_key = models.CharField(_("khóa chống trùng"), max_length=128, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [
            models.Index(fields=["office", "-created_at"], name="notification_office_idx"),
            models.Index(fields=["related_type", "related_id"], name="notification_related_idx"),
            models.Index(fields=["status", "-created_at"], name="notification_status_idx"),
            models.Index(
                fields=["next_retry_at"],
                name="notification_due_idx",
                condition=models.Q(next_retry_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        # No recipient here: this text lands in the audit trail's object_repr.
        return f"{self.template} · {self.get_channel_display()} #{self.pk}"

    @property
    def recipient_masked(self) -> str:
        """``"09******89"``, ``"ng******@example.vn"``: what staff pages and the audit show."""
        return mask_recipient(self.recipient)

    @property
    def status_badge(self) -> str:
        """CSS modifier of the status badge."""
        return {
            self.Status.QUEUED: "badge-muted",
            self.Status.SENDING: "badge-warn",
            self.Status.SENT: "badge-ok",
            self.Status.FAILED: "badge-danger",
        }[self.Status(self.status)]


class OneTimeCode(models.Model):
    """A 6-digit code sent to prove control of an e-mail address or phone (public forms)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Còn hiệu lực")
        USED = "used", _("Đã dùng")
        LOCKED = "locked", _("Đã khóa do nhập sai nhiều lần")
        EXPIRED = "expired", _("Hết hạn")
        SUPERSEDED = "superseded", _("Đã thay bằng mã mới")

    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    purpose = models.CharField(_("mục đích"), max_length=64)
    recipient_digest = models.CharField(_("mã băm người nhận"), max_length=64)
    recipient_masked = models.CharField(_("người nhận (đã che)"), max_length=254)
    code_hash = models.CharField(_("mã băm của mã xác thực"), max_length=64)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    failed_attempts = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)
    notification = models.ForeignKey(
        Notification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thông báo"),
    )
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mã xác thực một lần")
        verbose_name_plural = _("mã xác thực một lần")
        indexes = [
            models.Index(
                fields=["recipient_digest", "purpose", "-created_at"], name="otp_recipient_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} · {self.recipient_masked}"


class OneTimeCodeRecipient(models.Model):
    """One row per recipient, locked while a code is issued, so the rate limit holds under
    concurrent requests (the count of recent codes is read under this lock)."""

    digest = models.CharField(_("mã băm người nhận"), max_length=64, primary_key=True)
    last_issued_at = models.DateTimeField(_("cấp mã gần nhất lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("người nhận mã xác thực")
        verbose_name_plural = _("người nhận mã xác thực")

    def __str__(self) -> str:
        return self.digest[:12]
