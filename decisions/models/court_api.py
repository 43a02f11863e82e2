"""Courts allowed to transfer judgments electronically, their keys, and the transfers they made.

A court (``CourtClient``) signs every request to ``/api/v1/court/`` with one of its keys
(``CourtClientKey``: HMAC-SHA256, see ``decisions.api.auth``). The secret of a key is stored
only encrypted (Fernet, with a key derived from ``SECRET_KEY``): the server needs it to verify
signatures, the court keeps its own copy, and nobody can read it back from the database. A
rotation gives the court a new key and leaves the old one valid until ``expires_at`` (grace).

A ``CourtTransfer`` is one judgment received from a court: ``UNIQUE (client, number_key)`` makes
the intake idempotent (the same transfer again returns the same judgment). ``received_at`` is
the moment the system recorded complete, valid data (ND152 Art 7; L2008 Art 29).
``CourtRequestSignature`` remembers the signatures already used, so a captured request cannot be
replayed within the timestamp window.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["CourtClient", "CourtClientKey", "CourtRequestSignature", "CourtTransfer"]


class CourtClient(models.Model):
    """A court (Tòa án) allowed to send judgments through the intake API."""

    court_code = models.CharField(_("mã Tòa án"), max_length=40, unique=True)
    name = models.CharField(_("tên Tòa án"), max_length=300)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        ordering = ["court_code"]
        verbose_name = _("Tòa án kết nối")
        verbose_name_plural = _("Tòa án kết nối")

    def __str__(self) -> str:
        return f"{self.name} ({self.court_code})"


class CourtClientKey(models.Model):
    """One signing key of a court; ``secret_encrypted`` is a Fernet token, never the secret.

    Valid while ``revoked_at`` is empty and ``expires_at`` is empty or in the future.
    """

    client = models.ForeignKey(
        CourtClient, on_delete=models.CASCADE, related_name="keys", verbose_name=_("Tòa án")
    )
    key_id = models.CharField(_("mã khóa"), max_length=64, unique=True)
    secret_encrypted = models.TextField(_("khóa bí mật (đã mã hóa)"))
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối lúc"), null=True, blank=True)

    class Meta:
        ordering = ["client", "-created_at", "-pk"]
        verbose_name = _("khóa của Tòa án")
        verbose_name_plural = _("khóa của Tòa án")

    def __str__(self) -> str:
        return self.key_id

    def is_valid_at(self, moment) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > moment)


class CourtTransfer(models.Model):
    """A judgment received from a court through the API (sổ nhận bản án, L2008 Art 29)."""

    client = models.ForeignKey(
        CourtClient, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("Tòa án")
    )
    key_id = models.CharField(_("mã khóa đã ký"), max_length=64)
    judgment = models.OneToOneField(
        "decisions.Judgment",
        on_delete=models.PROTECT,
        related_name="court_transfer",
        verbose_name=_("bản án"),
    )
    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị nhận")
    )
    judgment_number = models.CharField(_("số bản án, quyết định"), max_length=80)
    #: The number normalised for idempotency (NFC, upper case, Đ as D, no spaces).
    number_key = models.CharField(_("khóa số bản án"), max_length=80)
    #: The validated metadata as received (canonical JSON of it gives ``metadata_sha256``).
    metadata = models.JSONField(_("thông tin kèm theo"), default=dict)
    metadata_sha256 = models.CharField(_("mã băm thông tin"), max_length=64)
    file_sha256 = models.CharField(_("mã băm tệp"), max_length=64)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("bản án Tòa án chuyển điện tử")
        verbose_name_plural = _("bản án Tòa án chuyển điện tử")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "number_key"], name="courttransfer_unique_number"
            )
        ]

    def __str__(self) -> str:
        return self.judgment_number


class CourtRequestSignature(models.Model):
    """A request signature already accepted: the same signature again is a replay (refused)."""

    signature = models.CharField(_("chữ ký"), max_length=64, unique=True)
    key_id = models.CharField(_("mã khóa"), max_length=64)
    seen_at = models.DateTimeField(_("nhận lúc"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("chữ ký đã dùng")
        verbose_name_plural = _("chữ ký đã dùng")

    def __str__(self) -> str:
        return self.signature[:12]
