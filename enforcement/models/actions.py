"""Service of documents, verification of the debtor's conditions, coercion measures.

Service (domain.md §2.4; L2008 Arts 39-43; ND152 Arts 15-20): one :class:`ServedDocument` per
document to serve on one recipient, every try a :class:`ServiceAttempt`, and the proof of
service (``valid_notice_at`` computed by the channel's rule) kept on the document. A portal
access (:class:`PortalAccess`) lets the recipient open the document with an identification
code; the token and the code are stored hashed only.

Verification (L2008 Art 44; ND152 Art 21): a :class:`Verification` round holds one
:class:`VerificationRequest` per outside system asked (bank, land registry, vehicle registry,
population database), the parsed answers, the record PDF (biên bản xác minh) and the officer's
proposal (has / no conditions).

Coercion (L2008 Arts 46, 66-73; ND152 Arts 42-47): a :class:`CoercionPlan` (time, place,
forces, estimated costs) and its :class:`CoercionMeasure` rows (freeze, deduction, seizure...).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CoercionMeasure",
    "CoercionPlan",
    "PortalAccess",
    "ServedDocument",
    "ServiceAttempt",
    "ServiceChannel",
    "Verification",
    "VerificationRequest",
]


class ServiceChannel(models.TextChoices):
    """How a document reaches its recipient (ND152 Arts 15-20; L2008 Arts 39-43)."""

    VNEID = "vneid", _("VNeID")
    PORTAL = "portal", _("Cổng thông tin (mã định danh và QR)")
    PHYSICAL = "physical", _("Giao trực tiếp")
    POST = "post", _("Qua bưu chính")
    POSTING = "posting", _("Niêm yết công khai")
    MEDIA = "media", _("Thông báo trên phương tiện thông tin đại chúng")


class ServedDocument(models.Model):
    """One document to serve on one recipient, and its proof of service.

    What is served is a decision (``decision_id``: an id of the decisions app, no import) or an
    uploaded ``document``. ``required_channel`` is set by the channel rules when the record is
    made (the QĐTHA itself is served physically under ND152 Art 16; VNeID is the default
    otherwise). Once one attempt establishes valid notice, ``valid_notice_at`` and
    ``valid_notice_attempt`` are set and never change; for the QĐTHA the case then moves on
    (``case_transition(action="serve_notice")``) and ``case_notified`` records it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Chưa tống đạt")
        IN_PROGRESS = "in_progress", _("Đang tống đạt")
        SERVED = "served", _("Đã thông báo hợp lệ")
        CANCELLED = "cancelled", _("Đã hủy")

    case = models.ForeignKey(
        "enforcement.Case",
        on_delete=models.PROTECT,
        related_name="served_documents",
        verbose_name=_("hồ sơ thi hành án"),
    )
    title = models.CharField(_("văn bản"), max_length=300)
    decision_id = models.PositiveBigIntegerField(_("mã quyết định"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tệp văn bản"),
    )
    document_date = models.DateField(_("ngày văn bản"))
    is_enforcement_decision = models.BooleanField(
        _("là quyết định thi hành án"),
        default=False,
        help_text=_("Thông báo hợp lệ quyết định thi hành án bắt đầu thời hạn tự nguyện."),
    )
    party = models.ForeignKey(
        "enforcement.CaseParty",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đương sự"),
    )
    recipient_name = models.CharField(_("người nhận"), max_length=200)
    recipient_id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    recipient_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    required_channel = models.CharField(
        _("kênh bắt buộc"), max_length=12, choices=ServiceChannel.choices
    )
    channel_reason = models.CharField(_("căn cứ chọn kênh"), max_length=500, blank=True)
    law_version = models.CharField(_("văn bản áp dụng"), max_length=16, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    valid_notice_at = models.DateTimeField(_("thời điểm thông báo hợp lệ"), null=True, blank=True)
    valid_notice_channel = models.CharField(
        _("kênh thông báo hợp lệ"), max_length=12, choices=ServiceChannel.choices, blank=True
    )
    valid_notice_attempt = models.ForeignKey(
        "enforcement.ServiceAttempt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lần tống đạt hợp lệ"),
    )
    valid_notice_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    case_notified = models.BooleanField(_("đã chuyển trạng thái hồ sơ"), default=False)
    case_notice_error = models.CharField(
        _("lý do chưa chuyển trạng thái hồ sơ"), max_length=500, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("văn bản cần tống đạt")
        verbose_name_plural = _("văn bản cần tống đạt")
        constraints = [
            models.CheckConstraint(
                name="served_doc_notice_has_attempt",
                condition=models.Q(valid_notice_at__isnull=True)
                | models.Q(valid_notice_attempt__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["case", "status"], name="served_doc_case_status_idx")]

    def __str__(self) -> str:
        return f"{self.title} · {self.recipient_name}"

    @property
    def is_served(self) -> bool:
        return self.valid_notice_at is not None

    @property
    def status_badge(self) -> str:
        return {
            self.Status.PENDING: "muted",
            self.Status.IN_PROGRESS: "warn",
            self.Status.SERVED: "ok",
            self.Status.CANCELLED: "danger",
        }[self.Status(self.status)]


class ServiceAttempt(models.Model):
    """One try at serving a document through one channel, with its evidence.

    ``valid_notice_at`` is what this attempt proves under its channel's rule (None when it
    failed): VNeID's "sent" time, the portal opening, the date on the signed minutes or the
    postal delivery report, or the posting date (``posting_until`` adds the posting duration
    of the rule in force, ``rule``). A failed VNeID attempt that may succeed later carries
    ``next_retry_at``; the retry is a new attempt on the same integration request.
    """

    class Result(models.TextChoices):
        PENDING = "pending", _("Đang gửi")
        SUCCEEDED = "succeeded", _("Thành công")
        FAILED = "failed", _("Không thành công")

    served_document = models.ForeignKey(
        ServedDocument,
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("văn bản"),
    )
    number = models.PositiveSmallIntegerField(_("lần"))
    channel = models.CharField(_("kênh"), max_length=12, choices=ServiceChannel.choices)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    result = models.CharField(
        _("kết quả"), max_length=12, choices=Result.choices, default=Result.PENDING
    )
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)
    received_by = models.CharField(_("người nhận thay"), max_length=200, blank=True)
    evidence = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chứng cứ"),
    )
    evidence_date = models.DateField(
        _("ngày trên biên bản / phiếu báo phát"), null=True, blank=True
    )
    integration_call = models.ForeignKey(
        "integrations.IntegrationCall",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lượt gọi hệ thống ngoài"),
    )
    provider_message_id = models.CharField(_("mã thông điệp"), max_length=100, blank=True)
    valid_notice_at = models.DateTimeField(_("thông báo hợp lệ lúc"), null=True, blank=True)
    posting_until = models.DateField(_("niêm yết đến ngày"), null=True, blank=True)
    rule = models.ForeignKey(
        "enforcement.LegalRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quy định áp dụng"),
    )
    next_retry_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi nhận"),
    )
    created_at = models.DateTimeField(_("ghi nhận lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["served_document", "number"]
        verbose_name = _("lần tống đạt")
        verbose_name_plural = _("các lần tống đạt")
        constraints = [
            models.UniqueConstraint(
                fields=["served_document", "number"], name="service_attempt_number_unique"
            ),
            models.CheckConstraint(
                name="service_attempt_notice_only_if_ok",
                condition=models.Q(valid_notice_at__isnull=True) | models.Q(result="succeeded"),
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_retry_at"],
                name="service_attempt_retry_idx",
                condition=models.Q(next_retry_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.number}"

    @property
    def result_badge(self) -> str:
        return {
            self.Result.PENDING: "muted",
            self.Result.SUCCEEDED: "ok",
            self.Result.FAILED: "danger",
        }[self.Result(self.result)]


class PortalAccess(models.Model):
    """The recipient's access to a served document on the public portal.

    The URL carries a 192-bit token (the QR code); the recipient also types the
    identification code given with the notice. Both are stored as hashes only (the
    ``thads.documents`` verification design, quality.md S4). The first successful opening is a
    portal :class:`ServiceAttempt` and the valid-notice moment; every opening is an attempt row
    with its IP and time. Wrong codes count in ``failed_codes``; past the limit the access is
    locked (``locked_at``) and staff must issue a new one.
    """

    served_document = models.ForeignKey(
        ServedDocument,
        on_delete=models.PROTECT,
        related_name="portal_accesses",
        verbose_name=_("văn bản"),
    )
    token_hash = models.CharField(_("mã băm của đường dẫn"), max_length=64, unique=True)
    code_hash = models.CharField(_("mã băm của mã định danh"), max_length=64)
    failed_codes = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    first_opened_at = models.DateTimeField(_("mở lần đầu lúc"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("số lần mở"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quyền mở văn bản trên cổng")
        verbose_name_plural = _("quyền mở văn bản trên cổng")

    def __str__(self) -> str:
        return f"{self.served_document_id}:{self.pk}"

    @property
    def is_usable(self) -> bool:
        return self.locked_at is None and self.revoked_at is None


class Verification(models.Model):
    """One round of verification of the debtor's conditions (biên bản xác minh).

    L2008 Art 44(1): verify within 10 days after the voluntary period; Art 44(2) and T12:
    re-verify a case without conditions at least every 6 months (12 months for a prisoner with
    two years or more left, or an unknown address; rules data). ``kind`` says whether the round
    is the first one or a periodic re-verification scheduled by the daily task (``due_on``).
    """

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Xác minh")
        PERIODIC = "periodic", _("Xác minh lại định kỳ")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Đã lên lịch")
        OPEN = "open", _("Đang xác minh")
        RECORDED = "recorded", _("Đã lập biên bản")
        PROPOSED = "proposed", _("Đã đề xuất phân loại")
        CLASSIFIED = "classified", _("Đã phân loại")

    class Proposal(models.TextChoices):
        HAS_CONDITIONS = "has_conditions", _("Có điều kiện thi hành")
        NO_CONDITIONS = "no_conditions", _("Chưa có điều kiện thi hành")

    case = models.ForeignKey(
        "enforcement.Case",
        on_delete=models.PROTECT,
        related_name="verifications",
        verbose_name=_("hồ sơ thi hành án"),
    )
    number = models.PositiveSmallIntegerField(_("lần xác minh"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    due_on = models.DateField(_("hạn xác minh"), null=True, blank=True)
    rule = models.ForeignKey(
        "enforcement.LegalRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quy định áp dụng"),
    )
    subject_name = models.CharField(_("người được xác minh"), max_length=200)
    subject_id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    findings = models.JSONField(_("kết quả xác minh"), default=dict, blank=True)
    record_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("biên bản xác minh"),
    )
    recorded_at = models.DateTimeField(_("lập biên bản lúc"), null=True, blank=True)
    proposal = models.CharField(_("đề xuất"), max_length=16, choices=Proposal.choices, blank=True)
    proposal_reason = models.CharField(_("lý do đề xuất"), max_length=1000, blank=True)
    debtor_in_prison_long = models.BooleanField(
        _("đang chấp hành án phạt tù còn từ 2 năm trở lên"), default=False
    )
    debtor_address_unknown = models.BooleanField(_("không rõ địa chỉ"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đề xuất"),
    )
    proposed_at = models.DateTimeField(_("đề xuất lúc"), null=True, blank=True)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phân loại"),
    )
    classified_at = models.DateTimeField(_("phân loại lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("lần xác minh điều kiện thi hành án")
        verbose_name_plural = _("các lần xác minh điều kiện thi hành án")
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="verification_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.number}"

    @property
    def status_badge(self) -> str:
        return {
            self.Status.SCHEDULED: "muted",
            self.Status.OPEN: "warn",
            self.Status.RECORDED: "warn",
            self.Status.PROPOSED: "warn",
            self.Status.CLASSIFIED: "ok",
        }[self.Status(self.status)]


class VerificationRequest(models.Model):
    """One request to an outside system within a verification round, and its parsed answer.

    ``answer`` keeps the parsed fields (accounts with balances, land parcels, vehicles, the
    person's address); the raw exchange is the ``integration_call``. A timeout or a garbage
    answer leaves ``status=failed`` with ``next_retry_at`` (retried by the beat task).
    """

    class Kind(models.TextChoices):
        BANK = "bank", _("Ngân hàng")
        LAND = "land", _("Đăng ký đất đai")
        VEHICLE = "vehicle", _("Đăng ký phương tiện")
        POPULATION = "population", _("Cơ sở dữ liệu quốc gia về dân cư")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang hỏi")
        ANSWERED = "answered", _("Đã trả lời")
        FAILED = "failed", _("Lỗi, chờ gửi lại")
        REFUSED = "refused", _("Bị từ chối")

    verification = models.ForeignKey(
        Verification,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("lần xác minh"),
    )
    kind = models.CharField(_("nơi hỏi"), max_length=12, choices=Kind.choices)
    target_code = models.CharField(
        _("mã nơi hỏi"), max_length=20, blank=True, help_text=_("Mã ngân hàng hoặc mã tỉnh.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    found = models.BooleanField(_("có thông tin"), null=True, blank=True)
    answer = models.JSONField(_("trả lời"), default=dict, blank=True)
    error = models.CharField(_("lỗi"), max_length=1000, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_retry_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    integration_call = models.ForeignKey(
        "integrations.IntegrationCall",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lượt gọi hệ thống ngoài"),
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["verification", "pk"]
        verbose_name = _("yêu cầu cung cấp thông tin")
        verbose_name_plural = _("yêu cầu cung cấp thông tin")
        constraints = [
            models.UniqueConstraint(
                fields=["verification", "kind", "target_code"],
                name="verification_request_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_retry_at"],
                name="verif_request_retry_idx",
                condition=models.Q(next_retry_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target_code}".strip()

    @property
    def status_badge(self) -> str:
        return {
            self.Status.PENDING: "muted",
            self.Status.ANSWERED: "ok",
            self.Status.FAILED: "warn",
            self.Status.REFUSED: "danger",
        }[self.Status(self.status)]


class CoercionPlan(models.Model):
    """A coercion plan (kế hoạch cưỡng chế, L2008 Art 72; ND152 Arts 46-47).

    Time, place, method and forces, the estimated cost told to the debtor (L2008 Art 73(4):
    at least 3 working days before) and the decisions it needs. The blackout rules (L2008
    Art 46(2); ND152 Art 42(2)) are checked by the services when the time is set.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã duyệt")
        DONE = "done", _("Đã thực hiện")
        CANCELLED = "cancelled", _("Đã hủy")

    case = models.ForeignKey(
        "enforcement.Case",
        on_delete=models.PROTECT,
        related_name="coercion_plans",
        verbose_name=_("hồ sơ thi hành án"),
    )
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    method = models.TextField(_("biện pháp, phương thức"), blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=500)
    forces = models.TextField(_("lực lượng tham gia"), blank=True)
    mobilised_forces = models.BooleanField(_("có huy động lực lượng"), default=False)
    estimated_cost_vnd = models.PositiveBigIntegerField(_("dự kiến chi phí (đồng)"), default=0)
    cost_notified_on = models.DateField(_("ngày thông báo dự kiến chi phí"), null=True, blank=True)
    decisions_needed = models.JSONField(_("quyết định cần ban hành"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("kế hoạch cưỡng chế")
        verbose_name_plural = _("kế hoạch cưỡng chế")
        constraints = [
            models.CheckConstraint(
                name="coercion_plan_ends_after_start",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CoercionMeasure(models.Model):
    """One security or coercion measure on a case (L2008 Arts 66, 71).

    ``amount_vnd`` includes the coercion costs (ND152 Art 43(1) for a freeze). A freeze must be
    followed within 10 days by coercion or a lifting (L2008 Art 67(3)): ``resolve_by`` holds
    that date from the rule data. ``decision_id`` is the decision drafted through the
    decisions app, when that service exists.
    """

    class Kind(models.TextChoices):
        ACCOUNT_FREEZE = "account_freeze", _("Phong tỏa tài khoản")
        TEMPORARY_SEIZURE = "temporary_seizure", _("Tạm giữ tài sản, giấy tờ")
        REGISTRATION_STOP = "registration_stop", _("Tạm dừng đăng ký, chuyển dịch tài sản")
        ACCOUNT_DEDUCTION = "account_deduction", _("Khấu trừ tiền trong tài khoản")
        INCOME_DEDUCTION = "income_deduction", _("Trừ vào thu nhập")
        ASSET_SEIZURE = "asset_seizure", _("Kê biên tài sản")
        AUCTION = "auction", _("Bán đấu giá tài sản")
        ASSET_EXPLOITATION = "asset_exploitation", _("Khai thác tài sản")
        FORCED_HANDOVER = "forced_handover", _("Buộc chuyển giao vật, giấy tờ, quyền tài sản")
        FORCED_ACT = "forced_act", _("Buộc thực hiện hoặc không thực hiện công việc")

    #: Security measures (L2008 Art 66): applied at once, without prior notice.
    SECURITY_KINDS = frozenset(
        {Kind.ACCOUNT_FREEZE, Kind.TEMPORARY_SEIZURE, Kind.REGISTRATION_STOP}
    )

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đề xuất")
        IN_EFFECT = "in_effect", _("Đang áp dụng")
        EXECUTED = "executed", _("Đã thực hiện")
        LIFTED = "lifted", _("Đã chấm dứt")
        CANCELLED = "cancelled", _("Đã hủy")

    case = models.ForeignKey(
        "enforcement.Case",
        on_delete=models.PROTECT,
        related_name="coercion_measures",
        verbose_name=_("hồ sơ thi hành án"),
    )
    plan = models.ForeignKey(
        CoercionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("kế hoạch"),
    )
    kind = models.CharField(_("biện pháp"), max_length=20, choices=Kind.choices)
    target = models.CharField(
        _("đối tượng"), max_length=500, help_text=_("Tài khoản, tài sản, nơi trả thu nhập...")
    )
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (gồm chi phí, đồng)"), default=0)
    costs_vnd = models.PositiveBigIntegerField(_("trong đó chi phí (đồng)"), default=0)
    scheduled_at = models.DateTimeField(_("thời điểm thực hiện"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decision_id = models.PositiveBigIntegerField(_("mã quyết định"), null=True, blank=True)
    applied_on = models.DateField(_("ngày áp dụng"), null=True, blank=True)
    resolve_by = models.DateField(_("hạn cưỡng chế hoặc chấm dứt"), null=True, blank=True)
    rule = models.ForeignKey(
        "enforcement.LegalRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quy định áp dụng"),
    )
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("biện pháp bảo đảm, cưỡng chế")
        verbose_name_plural = _("biện pháp bảo đảm, cưỡng chế")
        constraints = [
            models.CheckConstraint(
                name="coercion_measure_costs_within_amount",
                condition=models.Q(costs_vnd__lte=models.F("amount_vnd")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.target}"

    @property
    def is_security_measure(self) -> bool:
        return self.kind in self.SECURITY_KINDS
