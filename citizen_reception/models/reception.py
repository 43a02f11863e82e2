"""The reception log (sổ tiếp công dân) and the heads' scheduled reception days (Luật Tiếp công
dân Art 18; domain.md §5.6): who was received, when, by whom, about what, what they handed in,
the result and the follow-up, linked to the petitions it produced."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["ReceptionLogEntry", "ReceptionSchedule"]


class ReceptionSchedule(models.Model):
    """A day on which the head of an office receives citizens in person (at least one a month),
    or an online reception session (participants told at least 5 working days before)."""

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người chủ trì tiếp"),
    )
    day = models.DateField(_("ngày tiếp"))
    starts_at = models.TimeField(_("từ"))
    ends_at = models.TimeField(_("đến"))
    place = models.CharField(_("địa điểm"), max_length=300)
    online = models.BooleanField(_("tiếp công dân trực tuyến"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    cancelled = models.BooleanField(_("đã hủy"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["day", "starts_at", "pk"]
        verbose_name = _("lịch tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        constraints = [
            models.CheckConstraint(
                name="receptionschedule_time_order", condition=Q(ends_at__gt=models.F("starts_at"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day:%d/%m/%Y}"


class ReceptionLogEntry(models.Model):
    """One line of the reception log."""

    class Result(models.TextChoices):
        PETITION_RECEIVED = "petition_received", _("Tiếp nhận đơn")
        GUIDED = "guided", _("Hướng dẫn, giải thích")
        ANSWERED = "answered", _("Trả lời trực tiếp")
        REFUSED = "refused", _("Từ chối tiếp")
        FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    received_at = models.DateTimeField(_("thời gian tiếp"), default=timezone.now)
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tiếp"),
    )
    schedule = models.ForeignKey(
        ReceptionSchedule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("buổi tiếp của thủ trưởng"),
    )
    person_name = models.CharField(_("họ tên công dân"), max_length=200)
    person_id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    person_address = models.CharField(_("địa chỉ"), max_length=400, blank=True)
    people_count = models.PositiveIntegerField(_("số người"), default=1)
    content = models.TextField(_("nội dung trình bày"))
    documents_received = models.TextField(_("tài liệu nhận"), blank=True)
    result = models.CharField(_("kết quả"), max_length=20, choices=Result.choices)
    refusal_reason = models.CharField(_("lý do từ chối"), max_length=500, blank=True)
    follow_up = models.TextField(_("việc cần theo dõi"), blank=True)
    petition = models.ForeignKey(
        "citizen_reception.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reception_entries",
        verbose_name=_("đơn"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        indexes = [models.Index(fields=["office", "received_at"], name="receptionlog_office_at")]
        constraints = [
            models.CheckConstraint(
                name="receptionlog_people_positive", condition=Q(people_count__gte=1)
            ),
            models.CheckConstraint(
                name="receptionlog_refusal_has_reason",
                condition=~Q(result="refused") | ~Q(refusal_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} {self.received_at:%d/%m/%Y}"
