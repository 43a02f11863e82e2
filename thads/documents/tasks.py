"""Tasks of the job machinery: the beat sweeper and the worker self-test.

Conventions for every task of the platform are in ``thads/celery.py``: ids only, keyword
arguments, late acknowledgement, soft and hard time limits, idempotent bodies.
"""

from __future__ import annotations

import logging
import time

from celery import shared_task
from django.utils.translation import gettext as _

from thads.celery import JobTask
from thads.documents import services
from thads.documents.selectors import job_is_open

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=120)
def jobs_sweep_stale_task() -> int:
    """Beat, every 5 minutes: fail abandoned jobs and re-queue their stranded items.

    Idempotent: a job already failed is skipped, a re-queued item is claimed at most once.
    Returns the number of jobs failed.
    """
    failed = services.jobs_sweep_stale()
    logger.info("jobs_sweep_stale_task: %s job(s) failed", failed)
    return failed


@shared_task(bind=True, base=JobTask, acks_late=True, soft_time_limit=240, time_limit=300)
def job_selftest_task(
    self: JobTask,
    *,
    job_id: int,
    steps: int,
    step_seconds: float = 0.5,
    fail_at_step: int | None = None,
) -> None:
    """Worker self-test: count ``steps`` steps with progress, fail at ``fail_at_step`` if given.

    Idempotent: a final (done, cancelled) job returns at once; a redelivered run starts the
    count again and records one more attempt. The failure is a plain exception on purpose, so
    ``JobTask.on_failure`` records the generic Vietnamese message as for any unexpected error.
    """
    if not services.job_start(job_id=job_id):
        logger.info("job_selftest_task %s: job %s is final, nothing to do", self.request.id, job_id)
        return
    for step in range(1, steps + 1):
        if fail_at_step == step:
            raise RuntimeError(f"self-test failure requested at step {step}")
        if step_seconds:
            time.sleep(step_seconds)
        if not job_is_open(job_id=job_id):
            logger.info("job_selftest_task %s: job %s cancelled", self.request.id, job_id)
            return
        services.job_progress(
            job_id=job_id,
            done=step,
            total=steps,
            message=_("Đang chạy bước %(step)s/%(steps)s.") % {"step": step, "steps": steps},
        )
    services.job_finish(
        job_id=job_id,
        message=_("Kiểm tra hoàn tất: %(steps)s bước đã chạy.") % {"steps": steps},
        result={"steps": steps},
    )
