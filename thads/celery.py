"""Celery application of the platform, its queues, its periodic work and the task conventions.

Processes (design.md): ``celery -A thads worker`` (any number, any machine) and one
``celery -A thads beat``. Settings come from ``CELERY_*`` in ``thads/settings/base.py``:
late acknowledgement, rejection on worker loss, JSON only, soft and hard time limits, a Redis
visibility timeout above the hard limit, prefetch 1. Without a broker (the embedded default) the
same tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``) and a failure is recorded by the task's
failure callback, as in a worker, instead of reaching the web request.

Queues. ``default`` for short work; ``ocr`` and ``pdf`` for heavy work (OCR, PDF rendering,
signing), routed by task name below, so those run on workers of their own::

    celery -A thads worker -Q default --concurrency 4
    celery -A thads worker -Q ocr,pdf --concurrency 2   # child recycled after every task

A worker that consumes only ``ocr``/``pdf`` recycles its child process after each task
(``worker_max_tasks_per_child = 1``, Paperless-ngx's choice): tesseract, poppler and chromium
leave memory behind, and a fresh child keeps RSS flat (quality.md P8). ``--max-tasks-per-child``
on the command line overrides it.

Task conventions (style.md 2.5), for every app:

- name ``<entity>_<verb>_task``; arguments are ids and plain JSON values, passed by keyword;
- queued only from a service through ``transaction.on_commit``;
- ``soft_time_limit`` and ``time_limit`` on every task; idempotent, because ``acks_late`` with
  ``reject_on_worker_lost`` redelivers a task whose worker died;
- a task that reports on a ``documents.Job`` uses ``base=JobTask`` and takes ``job_id``; its
  failures then mark the job failed with a Vietnamese message.
"""

from __future__ import annotations

import contextlib
import logging
import os
from typing import Any

from celery import Celery
from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from celery.exceptions import TimeLimitExceeded
from celery.schedules import crontab
from celery.signals import celeryd_init
from celery.signals import worker_process_init
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

logger = logging.getLogger(__name__)

app = Celery("thads")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

#: Queues a worker may consume; ``default`` takes every task not routed elsewhere.
QUEUES = ("default", "ocr", "pdf")
#: Queues whose workers recycle their child after each task: OCR only. PDF workers keep their
#: child, so the office signing keys stay loaded (a reload costs 60-70 ms a signature).
HEAVY_QUEUES = frozenset({"ocr"})

app.conf.task_default_queue = "default"
app.conf.task_queues = tuple(Queue(name, routing_key=name) for name in QUEUES)
# Glob patterns on the full task name ("receipts.tasks.receipt_ocr_extract_task"); the first
# match wins. Task names follow <entity>_<verb>_task, so the verb decides the queue; library
# modules of thads.documents route by module.
app.conf.task_routes = {
    "thads.documents.ocr.*": {"queue": "ocr"},
    "*_ocr_*": {"queue": "ocr"},
    "thads.documents.pdf.*": {"queue": "pdf"},
    "thads.documents.signing.*": {"queue": "pdf"},
    "*_pdf_*": {"queue": "pdf"},
    "*_render_*": {"queue": "pdf"},
    "*_sign_*": {"queue": "pdf"},
}

# Periodic work, declared here and nowhere else. Each entry says its schedule in words; times are
# CELERY_TIMEZONE (Asia/Ho_Chi_Minh). ``expires`` drops a run that waited past its next one.
app.conf.beat_schedule = {
    # Every 5 minutes, day and night: fail jobs whose worker vanished, re-queue their items.
    "documents-jobs-sweep-stale": {
        "task": "thads.documents.tasks.jobs_sweep_stale_task",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 4 * 60},
    },
    # Every minute: re-send notifications whose retry time has come, and ones whose task was lost.
    "notify-notifications-retry-due": {
        "task": "thads.notify.tasks.notifications_retry_due_task",
        "schedule": crontab(),
        "options": {"expires": 50},
    },
    # Every minute: re-send integration calls that failed for a temporary reason (timeout, 5xx).
    "integrations-calls-retry-due": {
        "task": "thads.integrations.tasks.integration_calls_retry_due_task",
        "schedule": crontab(),
        "options": {"expires": 50},
    },
    # Every day at 06:30: mark overdue deadlines, remind officers of steps due, escalate overdue
    # steps to the office head (idempotent per day).
    "enforcement-deadline-reminders": {
        "task": "enforcement.tasks.cases.enforcement_deadline_reminders_task",
        "schedule": crontab(hour=6, minute=30),
        "options": {"expires": 3 * 3600},
    },
    # On the 1st of every month at 07:00: send each office's list of cases ended last month to
    # the procuracy (ND152 Art 32(2)).
    "enforcement-monthly-ended-lists": {
        "task": "enforcement.tasks.cases.enforcement_monthly_ended_lists_task",
        "schedule": crontab(day_of_month=1, hour=7, minute=0),
        "options": {"expires": 12 * 3600},
    },
    # Every 5 minutes: re-queue the signing of receipts left unsigned for over 5 minutes.
    "receipts-sign-sweep": {
        "task": "receipts.tasks.receipts_sign_sweep_task",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 4 * 60},
    },
    # Every day at 00:30: each office's signed statement of yesterday's receipts
    # (issued = valid + voided, no gaps).
    "receipts-daily-statements": {
        "task": "receipts.tasks.receipts_daily_statements_task",
        "schedule": crontab(hour=0, minute=30),
        "options": {"expires": 6 * 3600},
    },
    # Every day at 06:45: remind assignees (or office heads) of petition deadlines overdue or due
    # within 2 working days.
    "citizen-reception-deadline-reminders": {
        "task": "citizen_reception.tasks.petition_deadlines_remind_task",
        "schedule": crontab(hour=6, minute=45),
        "options": {"expires": 3 * 3600},
    },
    # Every 10 minutes: queue again acknowledgement/resolution PDFs missing for over 5 minutes.
    "citizen-reception-documents-sweep": {
        "task": "citizen_reception.tasks.petition_documents_sweep_task",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 9 * 60},
    },
    # Every 5 minutes: recompute the IOC figures of offices whose data changed since the last run.
    "ioc-figures-refresh": {
        "task": "ioc_dashboard.tasks.ioc_figures_refresh_task",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 4 * 60},
    },
    # Every day at 02:15: recompute every IOC figure of every office.
    "ioc-figures-rebuild": {
        "task": "ioc_dashboard.tasks.ioc_figures_rebuild_task",
        "schedule": crontab(hour=2, minute=15),
        "options": {"expires": 3 * 3600},
    },
    # Every minute: re-send VNeID notices and verification requests whose retry time has come.
    "enforcement-actions-retry-due": {
        "task": "enforcement.tasks.actions.actions_retry_due_task",
        "schedule": crontab(),
        "options": {"expires": 50},
    },
    # Every day at 01:30: schedule and open the periodic re-verifications of cases without
    # conditions (T12: every 6 months, 12 for long-term prisoners or unknown addresses).
    "enforcement-verifications-reverify-due": {
        "task": "enforcement.tasks.actions.verifications_reverify_due_task",
        "schedule": crontab(hour=1, minute=30),
        "options": {"expires": 3600},
    },
}


@celeryd_init.connect
def _recycle_heavy_children(*, conf: Any, options: dict[str, Any], **_kwargs: Any) -> None:
    """Give a worker that consumes only the OCR/PDF queues one task per child process."""
    queues = options.get("queues") or []
    if isinstance(queues, str):
        queues = queues.split(",")
    names = {q.strip() for q in queues if q and q.strip()}
    if names and names <= HEAVY_QUEUES and options.get("max_tasks_per_child") is None:
        conf.worker_max_tasks_per_child = 1


@worker_process_init.connect
def _worker_child_drop_inherited_db(**_kwargs: Any) -> None:
    """Make a forked worker child open its own database connections (style.md 2.5).

    The child inherits the parent's sockets. Closing them politely would send PostgreSQL a
    terminate message that ends the parent's session too, so the file descriptor is closed
    without a word and Django reconnects on the first query. A psycopg pool (``OPTIONS["pool"]``)
    holds sockets and threads that do not survive a fork; it is closed as Paperless-ngx does.
    Celery's Django fix-up does the same for plain connections; this keeps it explicit.
    """
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        raw = conn.connection
        if raw is not None:
            with contextlib.suppress(AttributeError, OSError, ValueError):
                os.close(raw.fileno())
            conn.connection = None
        if conn.settings_dict.get("OPTIONS", {}).get("pool") and hasattr(conn, "close_pool"):
            # A pool broken by the fork is dropped all the same.
            with contextlib.suppress(Exception):
                conn.close_pool()


class JobTask(Task):
    """Base class of tasks that report on a ``documents.Job`` given as the ``job_id`` keyword.

    When the body raises (an error, the soft time limit, retries exhausted), ``on_failure``
    marks the job FAILED with a Vietnamese message the user sees; the traceback goes to the log
    only. A :class:`thads.documents.exceptions.JobFailedError` carries its own message. This runs
    the same in a worker and eagerly in-process: ``CELERY_TASK_EAGER_PROPAGATES`` is off, so an
    eager failure ends here instead of in the web request that queued the task.
    """

    def failure_message(self, exc: BaseException) -> str:
        """The message shown on the failed job; subclasses may refine it per exception."""
        from django.utils.translation import gettext

        from thads.documents.exceptions import JobError

        if isinstance(exc, JobError):
            return exc.message
        if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
            return gettext(
                "Tác vụ chạy quá thời gian cho phép và đã bị dừng. "
                "Vui lòng chạy lại hoặc chia nhỏ công việc."
            )
        return gettext(
            "Tác vụ gặp lỗi không mong muốn và đã dừng. Vui lòng chạy lại; "
            "nếu lỗi lặp lại, hãy báo quản trị hệ thống."
        )

    def on_failure(
        self,
        exc: BaseException,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: Any,
    ) -> None:
        job_id = (kwargs or {}).get("job_id")
        if job_id is None:
            return
        from thads.documents.services import job_fail

        logger.warning("task %s (%s) failed job %s: %r", self.name, task_id, job_id, exc)
        job_fail(job_id=int(job_id), message=self.failure_message(exc))
