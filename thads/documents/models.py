"""The shared job-progress record every long job reuses (OCR, batches, reports, verifications).

A ``Job`` is what the user sees: a title, a status, ``done`` out of ``total`` and a Vietnamese
message, polled by the htmx partial ``documents/partials/job_progress.html``. A batch adds one
``JobItem`` per unit of work (a decision, a receipt), claimed by a task with
``SELECT ... FOR UPDATE SKIP LOCKED`` so a redelivered message never does the work twice
(quality.md, "Design rules"). Writes go through ``thads.documents.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _group(number: int) -> str:
    """Vietnamese digit grouping: 1250 -> "1.250"."""
    return f"{number:,}".replace(",", ".")


class Job(models.Model):
    """One long-running piece of work, its progress and its outcome, as the user sees it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        SUCCEEDED = "succeeded", _("Hoàn thành")
        FAILED = "failed", _("Thất bại")
        CANCELLED = "cancelled", _("Đã hủy")

    #: Statuses a job never leaves; progress updates and claims ignore such jobs.
    FINAL_STATUSES = frozenset({Status.SUCCEEDED, Status.FAILED, Status.CANCELLED})
    OPEN_STATUSES = frozenset({Status.PENDING, Status.RUNNING})

    kind = models.CharField(
        _("loại tác vụ"), max_length=64, help_text=_("Ví dụ: audit.verify, decisions.batch_draft")
    )
    title = models.CharField(_("tên tác vụ"), max_length=255)
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    failed_items = models.PositiveIntegerField(_("số mục lỗi"), default=0)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    heartbeat_at = models.DateTimeField(_("tín hiệu gần nhất"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        constraints = [
            models.CheckConstraint(
                name="job_counts_not_negative",
                condition=models.Q(total__gte=0, done__gte=0, failed_items__gte=0),
            ),
            models.CheckConstraint(
                name="job_done_within_total",
                condition=models.Q(total=0) | models.Q(done__lte=models.F("total")),
            ),
        ]
        indexes = [
            models.Index(fields=["office", "-created_at"], name="job_office_created_idx"),
            models.Index(fields=["created_by", "-created_at"], name="job_creator_created_idx"),
            # The sweeper scans only open jobs.
            models.Index(
                fields=["status", "heartbeat_at"],
                name="job_open_heartbeat_idx",
                condition=models.Q(status__in=["pending", "running"]),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES

    @property
    def percent(self) -> int:
        """Share of ``done`` in ``total``, rounded, never 100 before the last item is done."""
        if self.total <= 0:
            return 100 if self.status == self.Status.SUCCEEDED else 0
        value = (self.done * 200 + self.total) // (self.total * 2)  # round half up
        if self.done < self.total:
            value = min(value, 99)
        return max(0, min(value, 100))

    @property
    def progress_label(self) -> str:
        """The line under the bar: "Đã xử lý 37/120 (31 %)"."""
        if self.total > 0:
            return gettext("Đã xử lý %(done)s/%(total)s (%(percent)s %%)") % {
                "done": _group(self.done),
                "total": _group(self.total),
                "percent": self.percent,
            }
        if self.done > 0:
            return gettext("Đã xử lý %(done)s mục") % {"done": _group(self.done)}
        return {
            self.Status.PENDING: gettext("Đang chờ xử lý"),
            self.Status.RUNNING: gettext("Đang xử lý"),
            self.Status.SUCCEEDED: gettext("Đã xử lý xong"),
        }.get(self.Status(self.status), gettext("Chưa xử lý mục nào"))

    @property
    def status_badge(self) -> str:
        """CSS modifier of the status badge."""
        return {
            self.Status.PENDING: "badge-muted",
            self.Status.RUNNING: "badge-warn",
            self.Status.SUCCEEDED: "badge-ok",
            self.Status.FAILED: "badge-danger",
            self.Status.CANCELLED: "badge-muted",
        }[self.Status(self.status)]


class JobItem(models.Model):
    """One unit of a batch job (a decision to draft, a receipt to sign), done at most once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Thất bại")

    #: A claim beyond this many attempts marks the item failed (breaks poison-message loops).
    MAX_ATTEMPTS = 3

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="items", verbose_name=_("tác vụ")
    )
    key = models.CharField(
        _("khóa"), max_length=100, help_text=_("Định danh của mục trong tác vụ, ví dụ decision:42")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    queued_at = models.DateTimeField(_("xếp hàng lúc"), default=timezone.now)
    claimed_at = models.DateTimeField(_("nhận xử lý lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["job", "pk"]
        verbose_name = _("mục của tác vụ")
        verbose_name_plural = _("mục của tác vụ")
        constraints = [
            models.UniqueConstraint(fields=["job", "key"], name="jobitem_unique_key_per_job"),
        ]
        indexes = [
            models.Index(
                fields=["status", "claimed_at"],
                name="jobitem_open_idx",
                condition=models.Q(status__in=["pending", "running"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.key}"
