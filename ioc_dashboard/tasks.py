"""Periodic work of the operations centre: keep the summary tables current.

Beat entries (``thads/celery.py``): ``ioc_figures_refresh_task`` every 5 minutes (the offices
changed since the last run), ``ioc_figures_rebuild_task`` every night (every office, so edits
the change detection cannot see, such as a judgment's case type corrected later, are caught).
Both are idempotent and serialised by the refresh's advisory lock. After a refresh the
national page's figures (statistical year so far in total and by province, the 12-month
trend; now and a year earlier) are computed once, so the first leader to open the page
reads them from the cache.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from ioc_dashboard.selectors.compare import figures_compare
from ioc_dashboard.summaries import figures_refresh
from ioc_dashboard.types import Period

__all__ = ["ioc_figures_rebuild_task", "ioc_figures_refresh_task"]

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=290)
def ioc_figures_refresh_task() -> dict[str, object]:
    """Recompute the figures of the offices whose data changed since the last refresh."""
    result = figures_refresh(full=False)
    _warm_national_figures()
    return {"offices": result.offices, "seconds": round(result.seconds, 2)}


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def ioc_figures_rebuild_task() -> dict[str, object]:
    """Recompute every figure of every office."""
    result = figures_refresh(full=True)
    _warm_national_figures()
    return {"offices": result.offices, "seconds": round(result.seconds, 2)}


def _warm_national_figures() -> None:
    """The national page's questions: the statistical year so far (total, by province) and the
    12-month trend to today, each against a year earlier."""
    today = timezone.localdate()
    for group_by in (None, "province"):
        figures_compare(today=today, group_by=group_by)
    first = today.replace(day=1)
    for _month in range(11):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    figures_compare(period=Period(start=first, end=today), today=today, group_by="month")
