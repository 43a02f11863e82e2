"""The counter behind every gapless number series (receipts, decisions).

A number is taken inside the transaction that stores the numbered document, under this row's
lock (thads.numbering.services.number_next); a rolled-back transaction rolls its increment back
too, so a series has no holes. A database sequence is never used: it does not roll back.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    """The last number issued in one series of one office in one year."""

    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    series = models.CharField(
        _("ký hiệu"),
        max_length=40,
        help_text=_("Ví dụ: QĐ-THADS cho quyết định, hoặc ký hiệu của quyển biên lai."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["office", "series", "year"]
        verbose_name = _("dãy số")
        verbose_name_plural = _("dãy số")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "series", "year"], name="number_sequence_unique_series"
            ),
            models.CheckConstraint(
                name="number_sequence_last_number_not_negative",
                condition=models.Q(last_number__gte=0),
            ),
            models.CheckConstraint(
                name="number_sequence_series_not_blank", condition=~models.Q(series="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} · {self.year} · {self.last_number}"
