"""Background check of the audit chains, reported as a ``thads.documents`` job."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from thads.audit.selectors import audit_chain_verify
from thads.audit.types import VerifyReport
from thads.celery import JobTask

logger = logging.getLogger(__name__)

#: Problems copied into the job's JSON result (the command lists them all).
JOB_RESULT_PROBLEMS = 50


class _JobCancelled(Exception):
    """The user cancelled the job: stop checking."""


def _summary(report: VerifyReport) -> str:
    if report.ok:
        return _(
            "Nhật ký toàn vẹn: đã kiểm tra %(checked)s sự kiện trong %(chains)s chuỗi, không"
            " phát hiện sai lệch."
        ) % {"checked": report.checked, "chains": report.chains}
    first = report.problems[0].message if report.problems else ""
    return _(
        "Phát hiện %(count)s sai lệch trong nhật ký kiểm toán (đã kiểm tra %(checked)s sự"
        " kiện). Đầu tiên: %(first)s Chạy lệnh audit_verify để xem đầy đủ."
    ) % {"count": report.problem_count, "checked": report.checked, "first": first}


@shared_task(bind=True, base=JobTask, acks_late=True, soft_time_limit=25 * 60, time_limit=30 * 60)
def audit_verify_task(self: JobTask, *, job_id: int) -> None:
    """Check every audit chain and record the outcome on job ``job_id``.

    Progress every ~5 %. A clean log finishes the job with the counts; a broken one fails it
    with the number of problems and the first one, so the page shows it in red. Idempotent: a
    final (finished, cancelled) job returns at once; a redelivered run checks again from the
    start, which changes nothing but the job.
    """
    from thads.documents.selectors import job_is_open
    from thads.documents.services import job_fail
    from thads.documents.services import job_finish
    from thads.documents.services import job_progress
    from thads.documents.services import job_start

    if not job_start(job_id=job_id):
        logger.info("audit_verify_task: job %s is final, nothing to do", job_id)
        return
    reported = 0

    def progress(done: int, total: int) -> None:
        nonlocal reported
        if done == reported or (done < total and done - reported < max(1, total // 20)):
            return
        reported = done
        if not job_is_open(job_id=job_id):
            raise _JobCancelled
        job_progress(
            job_id=job_id,
            done=done,
            total=total,
            message=_("Đang kiểm tra nhật ký kiểm toán."),
        )

    try:
        report = audit_chain_verify(progress=progress)
    except _JobCancelled:
        logger.info("audit_verify_task: job %s cancelled", job_id)
        return
    if report.ok:
        job_finish(
            job_id=job_id,
            message=_summary(report),
            result=report.as_dict(),
        )
    else:
        logger.warning("audit_verify_task: %s problem(s) in the audit log", report.problem_count)
        job_fail(job_id=job_id, message=_summary(report))
