"""Summary tables of the operations centre's figures (docs/ioc_figures.md).

Every figure is a sum over rows of :class:`FigureDay`: one row per (day, office, officer,
case type) holding

* *flows* (what happened that day: cases received, completed, money collected...), summed over
  a period;
* *stock deltas* (``*_d``: +1 when a case enters a category, -1 when it leaves), whose sum over
  every day up to a date is the stock on that date (cases open, with conditions, overdue steps).

:class:`FigureOfficeDay` sums them per (day, office, case type) and :class:`FigureMonth` per
(month, office, case type); the monthly table also keeps, for each
stock delta, its running total to the end of the month (``cum_*``), so the national page reads
a few thousand rows whatever the number of cases. :class:`FigureRefresh` records when the
tables were brought up to date (shown on screen as "số liệu tính đến").

The rows are written only by ``ioc_dashboard.summaries`` (set-based SQL built from the
aggregate selectors of the domain apps); nothing else writes them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "FLOW_COLUMNS",
    "STOCK_COLUMNS",
    "FigureDay",
    "FigureMonth",
    "FigureOfficeDay",
    "FigureRefresh",
]

#: Figures summed over a period (integer counts or VND).
FLOW_COLUMNS: tuple[str, ...] = (
    "received",
    "received_vnd",
    "done",
    "done_vnd",
    "ended",
    "entrusted",
    "collected_vnd",
    "collected_cash_vnd",
    "paid_out_vnd",
    "receipts_issued",
    "receipts_voided",
    "decisions_issued",
    "petitions_received",
)
#: Changes of a stock; the stock on a day is the sum of its changes up to that day.
STOCK_COLUMNS: tuple[str, ...] = (
    "open_d",
    "with_cond_d",
    "with_cond_vnd_d",
    "without_cond_d",
    "pending_vnd_d",
    "overdue_d",
    "petitions_open_d",
    "complaints_overdue_d",
)


def _big(label: str) -> models.BigIntegerField:
    return models.BigIntegerField(label, default=0)


class FigureColumns(models.Model):
    """The figure columns shared by the daily and the monthly table."""

    received = _big(_("số việc thụ lý mới"))
    received_vnd = _big(_("số tiền thụ lý mới (đồng)"))
    done = _big(_("số việc thi hành xong"))
    done_vnd = _big(_("số tiền của việc thi hành xong (đồng)"))
    ended = _big(_("số việc kết thúc"))
    entrusted = _big(_("số việc ủy thác đi"))
    collected_vnd = _big(_("số tiền đã thu (đồng)"))
    collected_cash_vnd = _big(_("trong đó thu tiền mặt (đồng)"))
    paid_out_vnd = _big(_("số tiền đã chi (đồng)"))
    receipts_issued = _big(_("số biên lai đã lập"))
    receipts_voided = _big(_("số biên lai đã hủy"))
    decisions_issued = _big(_("số quyết định đã ban hành"))
    petitions_received = _big(_("số đơn đã nhận"))
    open_d = _big(_("thay đổi số việc đang thi hành"))
    with_cond_d = _big(_("thay đổi số việc có điều kiện"))
    with_cond_vnd_d = _big(_("thay đổi số tiền có điều kiện (đồng)"))
    without_cond_d = _big(_("thay đổi số việc chưa có điều kiện"))
    pending_vnd_d = _big(_("thay đổi số tiền còn phải thi hành (đồng)"))
    overdue_d = _big(_("thay đổi số bước quá hạn"))
    petitions_open_d = _big(_("thay đổi số đơn đang giải quyết"))
    complaints_overdue_d = _big(_("thay đổi số khiếu nại, tố cáo quá hạn"))

    class Meta:
        abstract = True


class FigureDay(FigureColumns):
    """Figures of one day, office, officer (0: none) and case type ('' : unknown)."""

    day = models.DateField(_("ngày"))
    #: No database constraint: rows are derived data, rewritten in bulk by the refresh.
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    #: The user id of the officer (the case's executor, else the collector/author); 0: none.
    officer_id = models.BigIntegerField(_("chấp hành viên"), default=0)
    case_type = models.CharField(_("loại vụ việc"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("số liệu theo ngày")
        verbose_name_plural = _("số liệu theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "office", "officer_id", "case_type"], name="figureday_key"
            )
        ]
        indexes = [
            models.Index(fields=["office", "day"], name="figureday_office_day"),
            models.Index(fields=["officer_id", "day"], name="figureday_officer_day"),
            models.Index(fields=["day"], name="figureday_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.office_id} {self.officer_id} {self.case_type}"


class FigureOfficeDay(FigureColumns):
    """:class:`FigureDay` without the officer: one row per day, office and case type (what the
    national, province and office figures read for the days of partial months)."""

    day = models.DateField(_("ngày"))
    #: No database constraint: rows are derived data, rewritten in bulk by the refresh.
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    case_type = models.CharField(_("loại vụ việc"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("số liệu theo ngày và đơn vị")
        verbose_name_plural = _("số liệu theo ngày và đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "office", "case_type"], name="figureofficeday_key"
            )
        ]
        indexes = [models.Index(fields=["office", "day"], name="figureofficeday_office_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.office_id} {self.case_type}"


class FigureMonth(FigureColumns):
    """Figures of one month (first day), office and case type; ``cum_*`` are the stocks at the
    end of the month. Rows run without gaps from an office's first month to the current one."""

    month = models.DateField(_("tháng"))
    #: No database constraint: rows are derived data, rewritten in bulk by the refresh.
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    case_type = models.CharField(_("loại vụ việc"), max_length=4, blank=True)
    cum_open = _big(_("số việc đang thi hành cuối tháng"))
    cum_with_cond = _big(_("số việc có điều kiện cuối tháng"))
    cum_with_cond_vnd = _big(_("số tiền có điều kiện cuối tháng (đồng)"))
    cum_without_cond = _big(_("số việc chưa có điều kiện cuối tháng"))
    cum_pending_vnd = _big(_("số tiền còn phải thi hành cuối tháng (đồng)"))
    cum_overdue = _big(_("số bước quá hạn cuối tháng"))
    cum_petitions_open = _big(_("số đơn đang giải quyết cuối tháng"))
    cum_complaints_overdue = _big(_("số khiếu nại, tố cáo quá hạn cuối tháng"))

    class Meta:
        verbose_name = _("số liệu theo tháng")
        verbose_name_plural = _("số liệu theo tháng")
        constraints = [
            models.UniqueConstraint(fields=["month", "office", "case_type"], name="figuremonth_key")
        ]
        indexes = [models.Index(fields=["office", "month"], name="figuremonth_office_month")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.office_id} {self.case_type}"


class FigureRefresh(models.Model):
    """When the summary tables were last brought up to date (one row per ``name``)."""

    name = models.CharField(_("tên"), max_length=40, unique=True)
    #: Changes made before this moment are in the tables (the "fresh as of" shown on screen).
    refreshed_at = models.DateTimeField(_("số liệu tính đến"))
    full_at = models.DateTimeField(_("tính lại toàn bộ lúc"), null=True, blank=True)
    offices = models.PositiveIntegerField(_("số đơn vị tính lại lần gần nhất"), default=0)
    duration_ms = models.PositiveIntegerField(_("thời gian tính (ms)"), default=0)

    class Meta:
        verbose_name = _("lần cập nhật số liệu")
        verbose_name_plural = _("lần cập nhật số liệu")

    def __str__(self) -> str:
        return f"{self.name} {self.refreshed_at:%d/%m/%Y %H:%M}"
