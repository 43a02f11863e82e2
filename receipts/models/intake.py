"""Scans of payment documents with OCR prefill; office bank accounts; bank statement imports
and their matching to cases and receipts; the cashier's daily cash count.

Writes go through ``receipts.services.intake`` (audited); reads through
``receipts.selectors.intake`` (office scope).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BankStatementImport",
    "BankStatementLine",
    "CashCount",
    "OfficeBankAccount",
    "ReceiptScan",
    "ReceiptScanCorrection",
]


class OfficeBankAccount(models.Model):
    """An office's deposit account for enforcement money (ND152 Art 30(5): an account at a
    commercial bank or the State Treasury in the agency's name), printed on payment notices as
    a VietQR code. ``bank_bin`` is the 6-digit NAPAS bank identification number."""

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    bank_bin = models.CharField(_("mã BIN ngân hàng (NAPAS)"), max_length=6)
    bank_name = models.CharField(_("tên ngân hàng"), max_length=200)
    account_number = models.CharField(_("số tài khoản"), max_length=19)
    account_name = models.CharField(_("tên tài khoản"), max_length=200)
    is_default = models.BooleanField(_("tài khoản mặc định"), default=True)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["office", "-is_default", "pk"]
        verbose_name = _("tài khoản tiền gửi của đơn vị")
        verbose_name_plural = _("tài khoản tiền gửi của đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "account_number"], name="bankaccount_unique_per_office"
            ),
            models.UniqueConstraint(
                fields=["office"],
                condition=Q(is_default=True, is_active=True),
                name="bankaccount_one_default_per_office",
            ),
            models.CheckConstraint(
                name="bankaccount_bin_six_digits", condition=Q(bank_bin__regex=r"^[0-9]{6}$")
            ),
            models.CheckConstraint(
                name="bankaccount_number_digits",
                condition=Q(account_number__regex=r"^[0-9A-Za-z]{4,19}$"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_number} – {self.bank_name}"


class ReceiptScan(models.Model):
    """A photographed or scanned payment document (bank transfer slip, payment order, cash
    hand-over record) and what the prefill read from it.

    ``fields`` maps a field name to ``{"value", "confidence", "page", "box"}`` (box in percent
    of the page image: left, top, width, height); ``confirmed`` holds the values staff accepted
    or corrected. The original lives in ``thads.documents`` (purpose ``receipt_scan``).
    """

    class Status(models.TextChoices):
        PROCESSING = "processing", _("Đang nhận dạng")
        READY = "ready", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        FAILED = "failed", _("Không đọc được")

    class DocType(models.TextChoices):
        UNKNOWN = "", _("Chưa xác định")
        TRANSFER_SLIP = "transfer_slip", _("Giấy báo có / chứng từ chuyển khoản")
        PAYMENT_ORDER = "payment_order", _("Ủy nhiệm chi")
        CASH_RECORD = "cash_record", _("Biên bản giao nhận tiền")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PROCESSING
    )
    doc_type = models.CharField(
        _("loại chứng từ"), max_length=16, choices=DocType.choices, blank=True, default=""
    )
    fields = models.JSONField(_("trường đọc được"), default=dict, blank=True)
    confirmed = models.JSONField(_("giá trị đã xác nhận"), default=dict, blank=True)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xác nhận"),
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    extracted_at = models.DateTimeField(_("đọc xong lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ảnh chứng từ nộp tiền")
        verbose_name_plural = _("ảnh chứng từ nộp tiền")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "document"], name="receiptscan_one_per_document"
            ),
        ]
        indexes = [models.Index(fields=["office", "-created_at"], name="receiptscan_office_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_doc_type_display()}"

    @property
    def status_badge(self) -> str:
        return {
            self.Status.PROCESSING: "badge-warn",
            self.Status.READY: "badge-muted",
            self.Status.CONFIRMED: "badge-ok",
            self.Status.FAILED: "badge-danger",
        }[self.Status(self.status)]


class ReceiptScanCorrection(models.Model):
    """One field that staff changed from what the prefill read (kept as training data)."""

    scan = models.ForeignKey(
        ReceiptScan, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("ảnh")
    )
    field = models.CharField(_("trường"), max_length=32)
    extracted_value = models.CharField(_("giá trị đọc được"), max_length=500, blank=True)
    corrected_value = models.CharField(_("giá trị đúng"), max_length=500, blank=True)
    confidence = models.FloatField(_("độ tin cậy"), null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    created_at = models.DateTimeField(_("sửa lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["scan", "pk"]
        verbose_name = _("sửa trường đọc từ ảnh")
        verbose_name_plural = _("sửa trường đọc từ ảnh")

    def __str__(self) -> str:
        return f"{self.scan_id}:{self.field}"


class BankStatementImport(models.Model):
    """One bank statement file (CSV) imported for an office; ``errors`` lists the refused lines
    (``[{"line": n, "message": "..."}]``). The same file twice in an office is one import."""

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    account = models.ForeignKey(
        OfficeBankAccount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản"),
    )
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    line_count = models.PositiveIntegerField(_("số dòng đã nhận"), default=0)
    matched_count = models.PositiveIntegerField(_("số dòng đã khớp"), default=0)
    errors = models.JSONField(_("dòng bị từ chối"), default=list, blank=True)
    period_from = models.DateField(_("từ ngày"), null=True, blank=True)
    period_to = models.DateField(_("đến ngày"), null=True, blank=True)
    created_at = models.DateTimeField(_("nhập lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sao kê ngân hàng")
        verbose_name_plural = _("sao kê ngân hàng")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "sha256"], name="statementimport_unique_file"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name or self.sha256[:12]

    @property
    def error_count(self) -> int:
        return len(self.errors or [])


class BankStatementLine(models.Model):
    """One credit or debit line of an imported statement and what it was matched to."""

    class Direction(models.TextChoices):
        CREDIT = "credit", _("Ghi có (tiền vào)")
        DEBIT = "debit", _("Ghi nợ (tiền ra)")

    class Match(models.TextChoices):
        UNMATCHED = "unmatched", _("Chưa khớp")
        RECEIPT = "receipt", _("Khớp biên lai")
        CASE = "case", _("Khớp hồ sơ")
        IGNORED = "ignored", _("Bỏ qua")

    statement = models.ForeignKey(
        BankStatementImport,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("sao kê"),
    )
    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    line_no = models.PositiveIntegerField(_("dòng số"))
    value_date = models.DateField(_("ngày giao dịch"))
    direction = models.CharField(_("chiều"), max_length=6, choices=Direction.choices)
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"))
    bank_reference = models.CharField(_("số tham chiếu"), max_length=64, blank=True)
    payer_name = models.CharField(_("người chuyển"), max_length=200, blank=True)
    payer_account = models.CharField(_("tài khoản người chuyển"), max_length=34, blank=True)
    content = models.CharField(_("nội dung"), max_length=500, blank=True)
    match = models.CharField(
        _("đối chiếu"), max_length=10, choices=Match.choices, default=Match.UNMATCHED
    )
    match_rule = models.CharField(_("cách khớp"), max_length=32, blank=True)
    case = models.ForeignKey(
        "enforcement.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ"),
    )
    receipt = models.ForeignKey(
        "receipts.Receipt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("biên lai"),
    )

    class Meta:
        ordering = ["statement", "line_no"]
        verbose_name = _("dòng sao kê")
        verbose_name_plural = _("dòng sao kê")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "line_no"], name="statementline_unique_line"
            ),
            models.CheckConstraint(
                name="statementline_amount_positive", condition=Q(amount_vnd__gt=0)
            ),
        ]
        indexes = [
            models.Index(fields=["office", "value_date"], name="statementline_office_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.line_no}"

    @property
    def match_badge(self) -> str:
        return {
            self.Match.UNMATCHED: "badge-danger",
            self.Match.RECEIPT: "badge-ok",
            self.Match.CASE: "badge-warn",
            self.Match.IGNORED: "badge-muted",
        }[self.Match(self.match)]


class CashCount(models.Model):
    """The cashier's count of cash taken into the fund on a day (TT04 Art 17: cash collected
    enters the fund the same day), set against cash receipts in the daily report."""

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    day = models.DateField(_("ngày"))
    cash_in_vnd = models.BigIntegerField(_("tiền mặt nhập quỹ (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người ghi"),
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    class Meta:
        ordering = ["office", "-day"]
        verbose_name = _("sổ quỹ tiền mặt trong ngày")
        verbose_name_plural = _("sổ quỹ tiền mặt trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["office", "day"], name="cashcount_one_per_day"),
            models.CheckConstraint(name="cashcount_not_negative", condition=Q(cash_in_vnd__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.day}"
