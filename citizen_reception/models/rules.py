"""Deadline rules for petitions: data with effective dates, both law versions (domain.md §5).

Loaded from ``citizen_reception/rules/deadlines.json`` by a data migration and by
``manage.py reception_rules_sync``; never edited in code. A rule is chosen by ``code`` and the
date that starts the clock (``valid_from <= day`` and ``valid_to`` empty or ``>= day``).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["PetitionRule"]


class PetitionRuleQuerySet(models.QuerySet["PetitionRule"]):
    def in_force(self, *, code: str, on: dt.date) -> PetitionRule | None:
        return (
            self.filter(code=code, valid_from__lte=on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .order_by("-valid_from")
            .first()
        )


class PetitionRule(models.Model):
    """One statutory period: e.g. ``complaint.first.accept`` = 5 working days from receipt."""

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", _("ngày làm việc")
        DAYS = "days", _("ngày")

    class Confidence(models.TextChoices):
        VERIFIED = "V", _("Đã đối chiếu văn bản")
        UNCONFIRMED = "?", _("Chưa xác nhận")

    code = models.CharField(_("mã quy tắc"), max_length=64)
    law_version = models.CharField(_("văn bản"), max_length=32)
    article = models.CharField(_("căn cứ"), max_length=300)
    title = models.CharField(_("nội dung"), max_length=300)
    unit = models.CharField(_("đơn vị"), max_length=16, choices=Unit.choices)
    length = models.PositiveIntegerField(_("độ dài"))
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    confidence = models.CharField(
        _("độ tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.VERIFIED
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = PetitionRuleQuerySet.as_manager()

    class Meta:
        ordering = ["code", "valid_from"]
        verbose_name = _("quy tắc thời hạn xử lý đơn")
        verbose_name_plural = _("quy tắc thời hạn xử lý đơn")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="petitionrule_code_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="petitionrule_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.law_version})"

    @property
    def unconfirmed(self) -> bool:
        return self.confidence != self.Confidence.VERIFIED
