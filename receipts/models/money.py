"""Receipts (thu), payments out (chi), voids, the case ledger, series chains.

- ``ReceiptSeries``: one book of electronic receipts of an office for one kind and year
  (TT04/2023 Arts 13–16: symbol per kind, numbers from 1 each year, strictly ascending).
- ``Receipt``: one receipt; the number comes from ``thads.numbering.number_next`` in the same
  transaction; each receipt carries the hash of the previous one of its series (``prev_hash``)
  and its own (``hash``), so a removed, inserted or altered receipt breaks the chain. Never
  deleted: a void keeps the number, with a reason and a link to the replacement.
- ``CreditorBalance``: collected and paid out per (case, creditor); the database refuses a row
  where more was paid out than collected (L2008 Art 47: money paid out is money collected).
- ``Payment``: money paid out (to a creditor, or refunded), approved by the office head.
- ``FeeBracket`` / ``BaseSalary``: the enforcement fee schedule (TT 216/2016/TT-BTC Art 4) and
  the base salary it is measured in, as data with effective dates.
- ``DailyStatement``: the office's signed daily statement "issued = valid + voided, no gaps".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "GENESIS_HASH",
    "BaseSalary",
    "CreditorBalance",
    "DailyStatement",
    "FeeBracket",
    "Payment",
    "Receipt",
    "ReceiptSeries",
]

GENESIS_HASH = "0" * 64


class ReceiptSeries(models.Model):
    """A series (book) of electronic receipts: office, kind, symbol, year (TT04 Arts 13–16)."""

    class Kind(models.TextChoices):
        ENFORCEMENT = "enforcement", _("Biên lai thu tiền thi hành án")
        COURT_FEE = "court_fee", _("Biên lai thu tạm ứng án phí, lệ phí Tòa án")
        BUDGET = "budget", _("Biên lai thu tiền nộp ngân sách nhà nước")
        FEE = "fee", _("Biên lai thu tiền phí, lệ phí")
        GENERAL = "general", _("Biên lai thu tiền")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại biên lai"), max_length=16, choices=Kind.choices)
    template_symbol = models.CharField(_("ký hiệu mẫu"), max_length=20, default="BLTHA")
    symbol = models.CharField(
        _("ký hiệu"), max_length=20, help_text=_("Ví dụ: BL/26E (hai số cuối của năm).")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["office", "-year", "symbol"]
        verbose_name = _("ký hiệu biên lai")
        verbose_name_plural = _("ký hiệu biên lai")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "symbol", "year"], name="receiptseries_unique_symbol_year"
            ),
            models.CheckConstraint(condition=~Q(symbol=""), name="receiptseries_symbol_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} ({self.year})"

    @property
    def counter_key(self) -> str:
        """The series name of its counter in ``thads.numbering`` (one counter per series)."""
        return f"BL:{self.kind}:{self.symbol}"


class Receipt(models.Model):
    """One electronic receipt for money collected (biên lai thu tiền; TT04 Art 16)."""

    class Purpose(models.TextChoices):
        ENFORCEMENT_MONEY = "enforcement_money", _("Tiền thi hành án")
        ENFORCEMENT_FEE = "enforcement_fee", _("Phí thi hành án")
        COURT_FEE = "court_fee", _("Án phí, lệ phí Tòa án")
        ADVANCE = "advance", _("Tạm ứng chi phí")
        ENFORCEMENT_COST = "enforcement_cost", _("Chi phí cưỡng chế")
        OTHER = "other", _("Khoản thu khác")

    class Method(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        TRANSFER = "transfer", _("Chuyển khoản")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Đã lập, chờ ký")
        SIGNED = "signed", _("Đã ký số")
        VOIDED = "voided", _("Đã hủy")

    # series, office and case need no index of their own: each leads a composite index below
    # (receipt_unique_number, receipt_unique_idempotency_key / receipt_office_collected,
    # receipt_case_purpose), and every index is written on each issue (quality.md R1).
    series = models.ForeignKey(
        ReceiptSeries,
        on_delete=models.PROTECT,
        related_name="receipts",
        db_index=False,
        verbose_name=_("ký hiệu"),
    )
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("đơn vị"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    case = models.ForeignKey(
        "enforcement.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("hồ sơ thi hành án"),
    )
    creditor_name = models.CharField(_("người được thi hành án"), max_length=200, blank=True)
    payer_name = models.CharField(_("người nộp tiền"), max_length=200)
    payer_id_number = models.CharField(_("số định danh người nộp"), max_length=20, blank=True)
    payer_address = models.CharField(_("địa chỉ người nộp"), max_length=400, blank=True)
    purpose = models.CharField(_("nội dung thu"), max_length=20, choices=Purpose.choices)
    description = models.CharField(_("diễn giải"), max_length=500, blank=True)
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"))
    amount_words = models.CharField(_("số tiền bằng chữ"), max_length=500)
    over_due_reason = models.CharField(
        _("lý do thu vượt số phải thi hành"), max_length=500, blank=True
    )
    method = models.CharField(_("hình thức thu"), max_length=10, choices=Method.choices)
    bank_reference = models.CharField(_("số tham chiếu ngân hàng"), max_length=100, blank=True)
    collected_at = models.DateTimeField(_("thu lúc"), default=timezone.now)
    collector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thu"),
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    void_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    voided_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người hủy"),
    )
    replacement = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("biên lai thay thế"),
    )
    idempotency_key = models.CharField(_("khóa chống trùng"), max_length=64)
    prev_hash = models.CharField(_("mã băm biên lai trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64)
    #: The lookup code printed on the receipt and in its QR (TT04 Art 16: the payer receives a
    #: lookup code). 192 bits from ``secrets``; the PublicToken keeps only its hash. Unique
    #: through ``receipt_unique_lookup_code`` (a plain b-tree: no LIKE index is needed).
    lookup_code = models.CharField(_("mã tra cứu"), max_length=64)
    public_token = models.ForeignKey(
        "documents.PublicToken",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mã tra cứu công khai"),
    )
    pdf_name = models.CharField(_("tệp PDF đã ký"), max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 tệp PDF"), max_length=64, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    sign_error = models.CharField(_("lỗi ký"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-collected_at", "-pk"]
        verbose_name = _("biên lai")
        verbose_name_plural = _("biên lai")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="receipt_unique_number"),
            models.UniqueConstraint(
                fields=["office", "idempotency_key"], name="receipt_unique_idempotency_key"
            ),
            models.UniqueConstraint(fields=["lookup_code"], name="receipt_unique_lookup_code"),
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="receipt_amount_positive"),
            models.CheckConstraint(condition=Q(number__gte=1), name="receipt_number_positive"),
            models.CheckConstraint(
                condition=~Q(method="transfer") | ~Q(bank_reference=""),
                name="receipt_transfer_has_reference",
            ),
            models.CheckConstraint(
                condition=~Q(status="voided") | (~Q(void_reason="") & Q(voided_at__isnull=False)),
                name="receipt_void_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | (Q(signed_at__isnull=False) & ~Q(pdf_name="")),
                name="receipt_signed_has_pdf",
            ),
            models.CheckConstraint(
                condition=~Q(replacement=F("pk")), name="receipt_not_own_replacement"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "-collected_at"], name="receipt_office_collected"),
            models.Index(fields=["case", "purpose"], name="receipt_case_purpose"),
            models.Index(
                fields=["status", "created_at"],
                name="receipt_unsigned_idx",
                condition=Q(signed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.number_display

    @property
    def number_display(self) -> str:
        """Series symbol and the 7-digit number (TT04 Art 14: up to 7 digits from 0000001)."""
        return f"{self.series.symbol} {self.number:07d}"

    @property
    def is_voided(self) -> bool:
        return self.status == self.Status.VOIDED

    @property
    def status_tone(self) -> str:
        return {"signed": "ok", "issued": "warn", "voided": "danger"}.get(self.status, "muted")


class CreditorBalance(models.Model):
    """Money of one creditor on one case: collected for them and paid out to them.

    The constraint ``paid_vnd <= collected_vnd`` is the database's guard against paying out
    money that was never collected (quality.md R5); services update the row under its lock.
    """

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    case = models.ForeignKey(
        "enforcement.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("hồ sơ")
    )
    creditor_name = models.CharField(_("người được thi hành án"), max_length=200)
    collected_vnd = models.BigIntegerField(_("đã thu (đồng)"), default=0)
    paid_vnd = models.BigIntegerField(_("đã chi (đồng)"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["case", "creditor_name"]
        verbose_name = _("số dư theo người được thi hành án")
        verbose_name_plural = _("số dư theo người được thi hành án")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "creditor_name"], name="creditorbalance_unique_creditor"
            ),
            models.CheckConstraint(
                condition=Q(collected_vnd__gte=0) & Q(paid_vnd__gte=0),
                name="creditorbalance_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(paid_vnd__lte=F("collected_vnd")),
                name="creditorbalance_paid_within_collected",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.creditor_name}: {self.collected_vnd}/{self.paid_vnd}"

    @property
    def held_vnd(self) -> int:
        return self.collected_vnd - self.paid_vnd


class Payment(models.Model):
    """Money paid out (chi): to a creditor, or refunded (thoái thu); L2008 Art 47, TT04 Art 18."""

    class Kind(models.TextChoices):
        PAYOUT = "payout", _("Chi trả người được thi hành án")
        REFUND = "refund", _("Hoàn trả (thoái thu)")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt chi")
        REJECTED = "rejected", _("Từ chối")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    case = models.ForeignKey(
        "enforcement.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("hồ sơ")
    )
    kind = models.CharField(_("loại chi"), max_length=10, choices=Kind.choices)
    creditor_name = models.CharField(_("người nhận"), max_length=200)
    recipient_id_number = models.CharField(_("số định danh người nhận"), max_length=20, blank=True)
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"))
    method = models.CharField(_("hình thức chi"), max_length=10, choices=Receipt.Method.choices)
    bank_reference = models.CharField(_("tài khoản / số tham chiếu"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    idempotency_key = models.CharField(_("khóa chống trùng"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("khoản chi")
        verbose_name_plural = _("khoản chi")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="payment_amount_positive"),
            models.UniqueConstraint(
                fields=["office", "idempotency_key"], name="payment_unique_idempotency_key"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="payment_approved_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_vnd}"

    @property
    def status_tone(self) -> str:
        return {"approved": "ok", "proposed": "warn", "rejected": "danger"}.get(
            self.status, "muted"
        )


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) in force over a period; the fee threshold is 2× it.

    domain.md §4.5 marks the 2,340,000 VND figure [?] (general knowledge, not read in the
    sources): it is data here, checked before go-live.
    """

    amount_vnd = models.BigIntegerField(_("mức lương cơ sở (đồng)"))
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    confidence = models.CharField(_("độ tin cậy"), max_length=4, default="?")

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="basesalary_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount_vnd} ({self.valid_from})"


class FeeBracket(models.Model):
    """One bracket of the enforcement fee schedule (TT 216/2016/TT-BTC Art 4).

    For an amount received ``x`` above ``lower_vnd`` (and up to ``upper_vnd``):
    ``fee = base_fee_vnd + (x - excess_over_vnd) * rate_ppm / 1_000_000``.
    """

    law_version = models.CharField(_("văn bản"), max_length=40)
    article = models.CharField(_("căn cứ"), max_length=200)
    lower_vnd = models.BigIntegerField(_("trên (đồng)"))
    upper_vnd = models.BigIntegerField(_("đến (đồng)"), null=True, blank=True)
    base_fee_vnd = models.BigIntegerField(_("mức phí cố định (đồng)"), default=0)
    excess_over_vnd = models.BigIntegerField(_("tính phần vượt trên (đồng)"), default=0)
    rate_ppm = models.PositiveIntegerField(_("tỷ lệ (phần triệu)"))
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "lower_vnd"]
        verbose_name = _("bậc phí thi hành án")
        verbose_name_plural = _("biểu phí thi hành án")
        constraints = [
            models.UniqueConstraint(
                fields=["law_version", "valid_from", "lower_vnd"], name="feebracket_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.law_version} > {self.lower_vnd}"


class DailyStatement(models.Model):
    """The office's daily statement of its receipts: issued = valid + voided, no gaps."""

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    day = models.DateField(_("ngày"))
    issued = models.PositiveIntegerField(_("số biên lai đã lập"))
    valid = models.PositiveIntegerField(_("số biên lai có hiệu lực"))
    voided = models.PositiveIntegerField(_("số biên lai đã hủy"))
    total_vnd = models.BigIntegerField(_("tổng tiền có hiệu lực (đồng)"))
    detail = models.JSONField(_("chi tiết theo ký hiệu"), default=list)
    chain_ok = models.BooleanField(_("chuỗi băm liền mạch"))
    pdf_name = models.CharField(_("tệp PDF đã ký"), max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 tệp PDF"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)

    class Meta:
        ordering = ["-day", "office"]
        verbose_name = _("bảng kê biên lai trong ngày")
        verbose_name_plural = _("bảng kê biên lai trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["office", "day"], name="dailystatement_unique_day"),
            models.CheckConstraint(
                condition=Q(issued=F("valid") + F("voided")), name="dailystatement_balanced"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day}"
