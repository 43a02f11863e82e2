"""Cases, parties, obligations, steps, deadlines, legal rules (data with effective dates), tasks.

The state machine itself (which action leads where, who may take it, which deadline it starts)
is data in ``enforcement.services.cases.TRANSITIONS``; these tables only hold the result.
Legal rules are rows of :class:`LegalRule`, loaded from ``enforcement/rules/*.json`` by a data
migration, because the 2008 law and the 2025 law both govern open cases (domain.md §0).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ACTIVE_DEADLINE_STATUSES",
    "ENDED_STATES",
    "Case",
    "CaseDecision",
    "CaseEvent",
    "CaseObligation",
    "CaseParty",
    "CaseTask",
    "Deadline",
    "LegalRule",
    "OutboundSubmission",
    "ResultCertificate",
]


class LegalRuleQuerySet(models.QuerySet["LegalRule"]):
    def in_force_on(self, on: dt.date) -> LegalRuleQuerySet:
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)

    def find(self, code: str, on: dt.date) -> LegalRule | None:
        """The rule ``code`` in force on ``on``, or None when no version governs that day."""
        return self.in_force_on(on).filter(code=code).order_by("-valid_from").first()

    def in_force(self, code: str, on: dt.date) -> LegalRule:
        """The rule ``code`` in force on ``on``; ``LegalRule.DoesNotExist`` when none."""
        rule = self.find(code, on)
        if rule is None:
            raise LegalRule.DoesNotExist(f"{code} @ {on.isoformat()}")
        return rule


class LegalRule(models.Model):
    """One statutory period, as in force between ``valid_from`` and ``valid_to`` (domain.md §2.3).

    The rule applied to a step is the one in force on the day the step's trigger occurred
    (``LegalRule.objects.in_force(code, on)``). ``confidence`` copies domain.md's markers:
    "V" read in the legal text, "N" from news only, "?" not confirmed (the UI shows
    "chưa xác nhận").
    """

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", _("ngày làm việc")
        DAYS = "days", _("ngày")
        MONTHS = "months", _("tháng")
        YEARS = "years", _("năm")
        IMMEDIATELY = "immediately", _("ngay")

    class Confidence(models.TextChoices):
        VERIFIED = "V", _("Đã đối chiếu văn bản")
        NEWS = "N", _("Theo tin báo chí")
        UNCONFIRMED = "?", _("Chưa xác nhận")

    code = models.CharField(_("mã quy tắc"), max_length=64)
    law_version = models.CharField(_("văn bản"), max_length=16)
    article = models.CharField(_("căn cứ"), max_length=300)
    title = models.CharField(_("nội dung"), max_length=300)
    unit = models.CharField(_("đơn vị"), max_length=16, choices=Unit.choices)
    length = models.PositiveIntegerField(_("độ dài"), default=0)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    confidence = models.CharField(
        _("độ tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.VERIFIED
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = LegalRuleQuerySet.as_manager()

    class Meta:
        ordering = ["code", "valid_from"]
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="legalrule_code_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="legalrule_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=["V", "N", "?"]), name="legalrule_confidence"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.law_version})"

    @property
    def unconfirmed(self) -> bool:
        return self.confidence != self.Confidence.VERIFIED

    @property
    def period_label(self) -> str:
        if self.unit == self.Unit.IMMEDIATELY:
            return str(_("ngay"))
        return f"{self.length} {self.get_unit_display()}"


class Case(models.Model):
    """One enforcement case ("việc thi hành án": one enforcement decision, L2008 Art 3(9))."""

    class Kind(models.TextChoices):
        PROACTIVE = "proactive", _("Chủ động")
        ON_REQUEST = "on_request", _("Theo yêu cầu")

    class State(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        DECISION_ISSUED = "decision_issued", _("Đã ra quyết định thi hành án")
        NOTIFIED = "notified", _("Đã thông báo")
        VOLUNTARY_PERIOD = "voluntary_period", _("Trong thời hạn tự nguyện")
        VERIFICATION = "verification", _("Đang xác minh điều kiện")
        HAS_CONDITIONS = "has_conditions", _("Có điều kiện thi hành")
        NO_CONDITIONS = "no_conditions", _("Chưa có điều kiện thi hành")
        COERCION = "coercion", _("Đang cưỡng chế")
        PARTIALLY_EXECUTED = "partially_executed", _("Đã thi hành một phần")
        COMPLETED = "completed", _("Đã thi hành xong")
        POSTPONED = "postponed", _("Hoãn thi hành án")
        SUSPENDED = "suspended", _("Tạm đình chỉ")
        TERMINATED = "terminated", _("Đình chỉ thi hành án")
        REQUEST_RETURNED = "request_returned", _("Đã gửi lại yêu cầu")
        SEPARATE_TRACKING = "separate_tracking", _("Theo dõi riêng")
        ENTRUSTED_OUT = "entrusted_out", _("Đã ủy thác")
        CLOSED = "closed", _("Kết thúc hồ sơ")

    class LegalRegime(models.TextChoices):
        L2008 = "L2008", _("Luật THADS 2008")
        L2025 = "L2025", _("Luật THADS 2025")

    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm thụ lý"))
    number = models.CharField(_("số hồ sơ"), max_length=40)
    kind = models.CharField(_("loại việc"), max_length=12, choices=Kind.choices)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    #: The active state a postponement or suspension interrupted (resumed into).
    paused_from_state = models.CharField(
        _("trạng thái trước khi tạm dừng"), max_length=20, choices=State.choices, blank=True
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chấp hành viên"),
    )
    judgment = models.ForeignKey(
        "decisions.Judgment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bản án"),
    )
    judgment_number = models.CharField(_("số bản án"), max_length=80, blank=True)
    court = models.CharField(_("Tòa án"), max_length=300, blank=True)
    #: The signed decision that opened the case (idempotency of the receiver).
    opening_decision_id = models.PositiveBigIntegerField(
        _("quyết định mở hồ sơ"), null=True, blank=True, unique=True
    )
    opened_at = models.DateTimeField(_("thụ lý lúc"), default=timezone.now)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    end_reason = models.CharField(_("lý do kết thúc"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    entrusted_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entrusted_cases",
        verbose_name=_("nhận ủy thác từ hồ sơ"),
    )
    entrusted_to_office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ủy thác cho đơn vị"),
    )
    debtor_name = models.CharField(_("người phải thi hành án"), max_length=200)
    debtor_id_number = models.CharField(_("số định danh người phải THA"), max_length=20, blank=True)
    debtor_address = models.CharField(_("địa chỉ người phải THA"), max_length=400, blank=True)
    creditor_name = models.CharField(_("người được thi hành án"), max_length=200, blank=True)
    total_due_vnd = models.BigIntegerField(_("tổng số tiền phải thi hành (đồng)"), default=0)
    collected_vnd = models.BigIntegerField(_("đã thu (đồng)"), default=0)
    legal_regime = models.CharField(
        _("chế độ pháp lý"), max_length=5, choices=LegalRegime.choices, default=LegalRegime.L2025
    )
    state_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), default=timezone.now)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("hồ sơ thi hành án")
        verbose_name_plural = _("hồ sơ thi hành án")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "number"], name="case_number_office_year"
            ),
            models.CheckConstraint(
                condition=Q(total_due_vnd__gte=0), name="case_total_due_nonnegative"
            ),
            models.CheckConstraint(
                condition=Q(collected_vnd__gte=0), name="case_collected_nonnegative"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="case_version_positive"),
            models.CheckConstraint(
                condition=~Q(entrusted_to_office=models.F("office")),
                name="case_not_entrusted_to_self",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "state"], name="case_office_state"),
            models.Index(fields=["assigned_officer", "state"], name="case_officer_state"),
            models.Index(fields=["office", "-opened_at"], name="case_office_opened"),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.debtor_name}"

    @property
    def is_ended(self) -> bool:
        return self.state in ENDED_STATES

    @property
    def is_paused(self) -> bool:
        return self.state in (self.State.POSTPONED, self.State.SUSPENDED)


#: States in which the case no longer runs (its deadlines are all closed).
ENDED_STATES = frozenset(
    {
        Case.State.COMPLETED,
        Case.State.TERMINATED,
        Case.State.REQUEST_RETURNED,
        Case.State.ENTRUSTED_OUT,
        Case.State.CLOSED,
    }
)


class CaseParty(models.Model):
    """A party of the case: debtor, creditor or person with related rights (L2008 Art 3)."""

    class Role(models.TextChoices):
        DEBTOR = "debtor", _("Người phải thi hành án")
        CREDITOR = "creditor", _("Người được thi hành án")
        RELATED = "related", _("Người có quyền lợi, nghĩa vụ liên quan")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="parties", verbose_name=_("hồ sơ")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    role = models.CharField(_("tư cách"), max_length=10, choices=Role.choices)
    name = models.CharField(_("họ tên / tên tổ chức"), max_length=200)
    id_number = models.CharField(_("số định danh / CCCD"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=400, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    vneid = models.BooleanField(_("có tài khoản VNeID"), default=False)

    class Meta:
        ordering = ["case", "position", "pk"]
        verbose_name = _("đương sự")
        verbose_name_plural = _("đương sự")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class CaseObligation(models.Model):
    """One obligation to enforce: money, periodic money, asset, act (domain.md §3.3)."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Trả tiền")
        PERIODIC_MONEY = "periodic_money", _("Cấp dưỡng / trả tiền định kỳ")
        ASSET = "asset", _("Giao tài sản")
        ACT = "act", _("Thực hiện công việc")
        FINE = "fine", _("Tiền phạt")
        CONFISCATION = "confiscation", _("Tịch thu")
        COURT_FEE = "court_fee", _("Án phí, lệ phí")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("hồ sơ")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại nghĩa vụ"), max_length=16, choices=Kind.choices)
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"), default=0)
    description = models.TextField(_("nội dung"), blank=True)
    creditor_name = models.CharField(_("người được nhận"), max_length=200, blank=True)
    #: {"every": "month", "amount_vnd": 3000000, "until": "2030-01-01"} for periodic money.
    periodic = models.JSONField(_("định kỳ"), default=dict, blank=True)

    class Meta:
        ordering = ["case", "position", "pk"]
        verbose_name = _("nghĩa vụ thi hành")
        verbose_name_plural = _("nghĩa vụ thi hành")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_vnd__gte=0), name="caseobligation_amount_nonnegative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_vnd}"


class CaseDecision(models.Model):
    """A signed decision about the case (ids only: the decisions app owns the decision)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("hồ sơ")
    )
    decision_id = models.PositiveBigIntegerField(_("mã quyết định"))
    kind = models.CharField(_("loại quyết định"), max_length=40)
    number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    #: Whether the decision changed the case state (False: recorded only).
    applied = models.BooleanField(_("đã áp dụng"), default=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["case", "signed_at", "pk"]
        verbose_name = _("quyết định của hồ sơ")
        verbose_name_plural = _("quyết định của hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["case", "decision_id"], name="casedecision_unique")
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.decision_id}"


class CaseEvent(models.Model):
    """One step of the case timeline (every transition, document, received petition)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("hồ sơ")
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    kind = models.CharField(_("loại"), max_length=40)
    title = models.CharField(_("nội dung"), max_length=300)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    state_before = models.CharField(_("trạng thái trước"), max_length=20, blank=True)
    state_after = models.CharField(_("trạng thái sau"), max_length=20, blank=True)

    class Meta:
        ordering = ["case", "at", "pk"]
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")
        indexes = [models.Index(fields=["case", "at"], name="caseevent_case_at")]

    def __str__(self) -> str:
        return self.title


#: Deadline statuses that still run (at most one per case and rule code).
ACTIVE_DEADLINE_STATUSES = ("open", "overdue", "paused")


class Deadline(models.Model):
    """A statutory deadline of one case, computed from a :class:`LegalRule` on the calendar.

    ``explanation`` keeps how the due date was reached (legal basis, start event, days
    skipped, rule text); ``history`` keeps every recomputation (pause, resume) so the case
    page shows them.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Đang chạy")
        MET = "met", _("Đã thực hiện")
        OVERDUE = "overdue", _("Quá hạn")
        PAUSED = "paused", _("Tạm dừng")
        CANCELLED = "cancelled", _("Đã hủy")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("hồ sơ")
    )
    rule = models.ForeignKey(
        LegalRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("quy tắc")
    )
    rule_code = models.CharField(_("mã quy tắc"), max_length=64)
    title = models.CharField(_("việc phải làm"), max_length=300)
    trigger_event = models.CharField(_("sự kiện bắt đầu"), max_length=300, blank=True)
    trigger_on = models.DateField(_("ngày bắt đầu tính"))
    due_on = models.DateField(_("hạn"))
    due_at = models.DateTimeField(_("hạn (giờ)"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    explanation = models.JSONField(_("giải thích"), default=dict, blank=True)
    recomputed = models.BooleanField(_("đã tính lại"), default=False)
    history = models.JSONField(_("lịch sử tính lại"), default=list, blank=True)
    #: Working days (or days) left when paused, counted again from the resumption.
    remaining = models.IntegerField(_("số ngày còn lại khi tạm dừng"), null=True, blank=True)
    paused_on = models.DateField(_("tạm dừng từ"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    reminded_on = models.DateField(_("đã nhắc ngày"), null=True, blank=True)
    escalated_on = models.DateField(_("đã báo lãnh đạo ngày"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule_code"],
                condition=Q(status__in=ACTIVE_DEADLINE_STATUSES),
                name="deadline_one_active_per_rule",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("trigger_on")), name="deadline_due_after_trigger"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="deadline_status_due"),
            models.Index(fields=["case", "status", "due_on"], name="deadline_case_status"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d/%m/%Y})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_DEADLINE_STATUSES


class CaseTask(models.Model):
    """A to-do for staff, on a case or on the office (the IOC assigns these too)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Chưa xong")
        DONE = "done", _("Đã xong")
        CANCELLED = "cancelled", _("Đã hủy")

    class Source(models.TextChoices):
        CASE = "case", _("Hồ sơ")
        IOC = "ioc", _("Trung tâm điều hành")

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("hồ sơ"),
    )
    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    title = models.CharField(_("công việc"), max_length=300)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    source = models.CharField(_("nguồn"), max_length=8, choices=Source.choices, default="case")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người giao"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    done_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người hoàn thành"),
    )

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("công việc")
        verbose_name_plural = _("công việc")
        indexes = [
            models.Index(fields=["office", "status"], name="casetask_office_status"),
            models.Index(fields=["assignee", "status"], name="casetask_assignee_status"),
        ]

    def __str__(self) -> str:
        return self.title


class OutboundSubmission(models.Model):
    """A duty to send something out: a decision or the monthly ended-case list to the procuracy.

    One row per (kind, key); the task sends it through ``thads.integrations`` with retries and
    marks it sent. A failed attempt leaves the row PENDING with ``attempts`` and ``last_error``
    (the ``IntegrationCall`` row keeps the details), never a half-updated case.
    """

    class Kind(models.TextChoices):
        DECISION = "decision", _("Quyết định gửi Viện kiểm sát")
        MONTHLY_ENDED = "monthly_ended", _("Danh sách việc kết thúc hằng tháng")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    key = models.CharField(_("khóa"), max_length=80)
    office = models.ForeignKey(
        "org.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("hồ sơ"),
    )
    payload = models.JSONField(_("nội dung"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    integration_call_id = models.PositiveBigIntegerField(_("lượt gọi"), null=True, blank=True)
    reference = models.CharField(_("số tiếp nhận"), max_length=120, blank=True)
    due_on = models.DateField(_("hạn gửi"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("văn bản gửi đi")
        verbose_name_plural = _("văn bản gửi đi")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="outbound_kind_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"


class ResultCertificate(models.Model):
    """A party's request for a certificate of enforcement results (xác nhận kết quả THA).

    L2008 Art 53 (5 wd) / ND152 Art 32(3) (3 wd): the deadline is a :class:`Deadline` of rule
    ``T19_RESULT_CERTIFICATE``; the PDF is drafted from the case for the head's signature.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Đã nhận yêu cầu")
        DRAFTED = "drafted", _("Đã dự thảo")
        SIGNED = "signed", _("Đã ký")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("hồ sơ")
    )
    requested_by_name = models.CharField(_("người yêu cầu"), max_length=200)
    requested_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    deadline = models.ForeignKey(
        Deadline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thời hạn"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    document_id = models.PositiveBigIntegerField(_("tệp dự thảo"), null=True, blank=True)
    signed_document_id = models.PositiveBigIntegerField(_("tệp đã ký"), null=True, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "pk"]
        verbose_name = _("xác nhận kết quả thi hành án")
        verbose_name_plural = _("xác nhận kết quả thi hành án")

    def __str__(self) -> str:
        return f"{self.case} – {self.requested_by_name}"
