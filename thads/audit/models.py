"""Append-only, hash-chained audit events, one chain per office.

Each office's events form a chain: ``seq`` counts 1, 2, 3 … without gaps and each event's
``hash`` covers its content and the previous event's hash (``thads.audit.hashing``).
``AuditChainHead`` remembers the last event of every chain and is the row locked while
appending, so one office's events are written one at a time while different offices write in
parallel. On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE on the event table
(migration 0002); the model refuses them in Python as well.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.audit.exceptions import AuditAppendOnlyError
from thads.audit.hashing import GENESIS_HASH

#: Chain of events that belong to no office (system jobs, failed logins of unknown names).
SYSTEM_CHAIN = "system"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Audit events can be read and appended, never updated or deleted in bulk."""

    def update(self, **kwargs: Any) -> int:
        raise AuditAppendOnlyError

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditAppendOnlyError

    def for_chain(self, chain: str) -> AuditEventQuerySet:
        return self.filter(chain=chain).order_by("seq")


class AuditEvent(models.Model):
    """One audited action: who (and in which role and office), when, from where, on what."""

    chain = models.CharField(_("chuỗi"), max_length=32)
    seq = models.PositiveBigIntegerField(_("số thứ tự"))
    occurred_at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # audit_event_actor_idx below
        verbose_name=_("người thực hiện"),
    )
    actor_username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    actor_role = models.CharField(_("vai trò"), max_length=32, blank=True)
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # led by audit_event_office_time_idx below
        verbose_name=_("đơn vị"),
    )
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=255, blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    action = models.CharField(_("hành động"), max_length=64)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    prev_hash = models.CharField(_("mã băm trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["-occurred_at", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq_uniq"),
            models.CheckConstraint(condition=models.Q(seq__gte=1), name="audit_event_seq_gte_1"),
        ]
        indexes = [
            models.Index(fields=["office", "occurred_at"], name="audit_event_office_time_idx"),
            models.Index(fields=["occurred_at"], name="audit_event_time_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_event_object_idx"),
            models.Index(fields=["actor"], name="audit_event_actor_idx"),
            models.Index(fields=["action"], name="audit_event_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditAppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditAppendOnlyError


class AuditChainHead(models.Model):
    """The last event of one chain; locked (``select_for_update``) while appending to it."""

    chain = models.CharField(_("chuỗi"), max_length=32, primary_key=True)
    last_seq = models.PositiveBigIntegerField(_("số thứ tự cuối"), default=0)
    last_hash = models.CharField(_("mã băm cuối"), max_length=64, default=GENESIS_HASH)
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.chain}@{self.last_seq}"
