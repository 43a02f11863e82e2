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


class PublicToken(models.Model):
    """The unguessable token behind a QR code that lets anyone check a signed document.

    The token itself (192 bits from ``secrets``, quality.md S4) appears only in the QR code and
    its URL; the table keeps its SHA-256, so a copy of the database reveals no working link.
    The target is named generically (``"receipts.receipt"`` + primary key) so the core needs no
    domain import. ``summary`` holds the few non-personal fields the owning app chose to show
    (``thads.documents.verification.services.PUBLIC_SUMMARY_FIELDS``). Written only by
    ``thads.documents.verification.services`` (issue, revoke: audited).
    """

    class Kind(models.TextChoices):
        DECISION = "decision", _("Quyết định")
        RECEIPT = "receipt", _("Biên lai")
        DOCUMENT = "document", _("Văn bản")

    token_hash = models.CharField(_("mã băm của mã tra cứu"), max_length=64, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    object_type = models.CharField(
        _("loại đối tượng"), max_length=100, help_text=_("Ví dụ: receipts.receipt")
    )
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    pdf_sha256 = models.CharField(_("SHA-256 của tệp PDF đã ký"), max_length=64)
    summary = models.JSONField(_("thông tin công khai"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mã tra cứu công khai")
        verbose_name_plural = _("mã tra cứu công khai")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="publictoken_target_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="publictoken_revoked_has_reason",
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.summary.get('number', '')}".strip()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


#: Purposes the calling apps set on their documents, with the label shown to the user.
DOCUMENT_PURPOSES = {
    "general": _("Tài liệu chung"),
    "judgment": _("Bản án, quyết định của Tòa án"),
    "receipt_scan": _("Ảnh chụp biên lai, chứng từ"),
    "petition": _("Đơn và tài liệu kèm theo"),
}


class Document(models.Model):
    """One uploaded original (PDF, TIFF, PNG, JPEG) of an office, stored once and never changed.

    The file lives at ``MEDIA_ROOT/<storage_name>`` (``documents/<sha[:2]>/<sha>.<ext>``, mode
    0444); the row records what the checks found (kind by magic bytes, pages) and the state of
    the text pipeline. ``UNIQUE (office, sha256)``: the same bytes uploaded twice in an office
    are one document (an idempotent double submit); another office gets its own row over the
    same file, so each office's access scope stays its own. ``purpose`` is set by the calling
    app ("judgment", "receipt_scan", "petition", "general").
    """

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        TIFF = "tiff", "TIFF"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Đã tải lên")
        PROCESSING = "processing", _("Đang nhận dạng")
        READY = "ready", _("Đã có văn bản")
        FAILED = "failed", _("Lỗi nhận dạng")

    class TextSource(models.TextChoices):
        NONE = "", _("Chưa xử lý")
        TEXT_LAYER = "text_layer", _("Lớp văn bản của PDF")
        OCR = "ocr", _("Nhận dạng ký tự (OCR)")
        MIXED = "mixed", _("Lớp văn bản và OCR")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    purpose = models.CharField(
        _("mục đích"), max_length=40, help_text=_("Ví dụ: judgment, receipt_scan, petition")
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    kind = models.CharField(_("loại tệp"), max_length=8, choices=Kind.choices)
    mime = models.CharField(_("kiểu MIME"), max_length=40)
    size_bytes = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    storage_name = models.CharField(_("nơi lưu"), max_length=200, editable=False)
    page_count = models.PositiveIntegerField(_("số trang"))
    width_px = models.PositiveIntegerField(_("chiều rộng (điểm ảnh)"), null=True, blank=True)
    height_px = models.PositiveIntegerField(_("chiều cao (điểm ảnh)"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    text_source = models.CharField(
        _("nguồn văn bản"), max_length=12, choices=TextSource.choices, blank=True, default=""
    )
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    job = models.ForeignKey(
        Job,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tác vụ nhận dạng gần nhất"),
    )
    created_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now, editable=False)
    processed_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "sha256"], name="document_unique_sha256_per_office"
            ),
            models.CheckConstraint(
                name="document_has_pages_and_bytes",
                condition=models.Q(page_count__gte=1, size_bytes__gte=1),
            ),
        ]
        indexes = [
            models.Index(fields=["office", "-created_at"], name="document_office_created_idx"),
        ]

    def __str__(self) -> str:
        return self.original_name or f"{self.kind}:{self.sha256[:12]}"

    @property
    def is_image(self) -> bool:
        return self.kind != self.Kind.PDF

    @property
    def purpose_label(self) -> str:
        return str(DOCUMENT_PURPOSES.get(self.purpose, self.purpose))

    @property
    def status_badge(self) -> str:
        return {
            self.Status.UPLOADED: "badge-muted",
            self.Status.PROCESSING: "badge-warn",
            self.Status.READY: "badge-ok",
            self.Status.FAILED: "badge-danger",
        }[self.Status(self.status)]


#: Column order of each entry of ``DocumentPage.words`` (one list per word, compact JSON).
#: Boxes are pixels of the page image at ``DocumentPage.dpi`` after ``rotation``; ``conf`` is
#: tesseract's word confidence 0-100 (100 for the text layer).
WORD_FIELDS = ("text", "conf", "left", "top", "width", "height", "block", "par", "line")


class DocumentPage(models.Model):
    """The text of one page: from the PDF's text layer, or from OCR of the rendered page.

    Written once per page by the pipeline task through ``document_page_store_result``; a rerun
    leaves DONE pages alone. ``words`` holds the word boxes (:data:`WORD_FIELDS`), so later
    steps can highlight a span on the page image. No image is stored in the database.
    """

    class Source(models.TextChoices):
        NONE = "", _("Chưa có")
        TEXT_LAYER = "text_layer", _("Lớp văn bản")
        OCR = "ocr", _("OCR")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Thất bại")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="pages", verbose_name=_("tài liệu")
    )
    number = models.PositiveIntegerField(_("trang số"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("nguồn"), max_length=12, choices=Source.choices, blank=True, default=""
    )
    text = models.TextField(_("văn bản"), blank=True)
    words = models.JSONField(_("vị trí các từ"), default=list, blank=True)
    mean_confidence = models.FloatField(_("độ tin cậy trung bình"), null=True, blank=True)
    width_px = models.PositiveIntegerField(_("chiều rộng (điểm ảnh)"), null=True, blank=True)
    height_px = models.PositiveIntegerField(_("chiều cao (điểm ảnh)"), null=True, blank=True)
    dpi = models.PositiveSmallIntegerField(_("độ phân giải (dpi)"), null=True, blank=True)
    rotation = models.PositiveSmallIntegerField(
        _("góc xoay đã áp dụng"), default=0, help_text=_("Độ, theo chiều kim đồng hồ")
    )
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian xử lý (ms)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("trang tài liệu")
        verbose_name_plural = _("trang tài liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="documentpage_unique_number"
            ),
            models.CheckConstraint(
                name="documentpage_number_positive", condition=models.Q(number__gte=1)
            ),
            models.CheckConstraint(
                name="documentpage_rotation_quarter",
                condition=models.Q(rotation__in=[0, 90, 180, 270]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.number}"

    @property
    def status_badge(self) -> str:
        return {
            self.Status.PENDING: "badge-muted",
            self.Status.DONE: "badge-ok",
            self.Status.FAILED: "badge-danger",
        }[self.Status(self.status)]
