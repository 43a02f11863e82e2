"""Official calendar overrides: days off and working days announced by the Government.

The `holidays` package knows the Labour Code holidays and the swaps it has been told about; an
override records an announcement it does not know yet (or corrects it). Overrides win over the
package (thads.calendar.workdays).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """One date whose status an official announcement sets (day off or working day)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên ngày"), max_length=200)
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        help_text=_("Văn bản công bố, ví dụ: Thông báo số 123/TB-BNV ngày 01/12/2026."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày ngoại lệ của lịch")
        verbose_name_plural = _("ngày ngoại lệ của lịch")
        constraints = [
            models.CheckConstraint(
                name="calendar_override_kind_valid",
                condition=models.Q(kind__in=["day_off", "working_day"]),
            ),
            models.CheckConstraint(
                name="calendar_override_name_not_blank", condition=~models.Q(name="")
            ),
            models.CheckConstraint(
                name="calendar_override_legal_basis_not_blank",
                condition=~models.Q(legal_basis=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()} · {self.name}"

    @property
    def is_day_off(self) -> bool:
        return self.kind == self.Kind.DAY_OFF
