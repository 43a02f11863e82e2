"""Petitions (đơn): enforcement requests, complaints, denunciations, proposals and reports,
received at the counter, online, by post or forwarded, and handled to the end (domain.md §5).

Writes go through ``citizen_reception.services`` (audited, optimistic ``version``); reads through
``citizen_reception.selectors`` (scope: the responsible office and the receiving office both see a
petition). The public sees only ``PetitionEvent.public_text`` through the tracking code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Petition",
    "PetitionAttachment",
    "PetitionDeadline",
    "PetitionEvent",
    "PetitionNote",
]


class Petition(models.Model):
    """One petition, or one part of a split petition (each part has its own clock)."""

    class Kind(models.TextChoices):
        ENFORCEMENT_REQUEST = "enforcement_request", _("Đơn yêu cầu thi hành án")
        COMPLAINT = "complaint", _("Khiếu nại")
        DENUNCIATION = "denunciation", _("Tố cáo")
        PROPOSAL = "proposal", _("Kiến nghị")
        REPORT = "report", _("Phản ánh")

    class Channel(models.TextChoices):
        COUNTER = "counter", _("Tại bộ phận một cửa")
        ONLINE = "online", _("Trực tuyến")
        POST = "post", _("Qua bưu chính")
        FORWARDED = "forwarded", _("Cơ quan khác chuyển đến")

    class ComplaintObject(models.TextChoices):
        """What a complaint is against: it sets the time limits (L2008 Art 140, 146)."""

        PRE_MEASURE = "pre_measure", _("Quyết định, hành vi trước khi áp dụng biện pháp")
        ACCOUNT_FREEZE = "account_freeze", _("Quyết định phong tỏa tài khoản")
        SECURITY_OTHER = "security_other", _("Biện pháp bảo đảm khác")
        COERCION = "coercion", _("Biện pháp cưỡng chế")
        POST_COERCION = "post_coercion", _("Quyết định, hành vi sau cưỡng chế")

    class State(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        ACCEPTED = "accepted", _("Đã thụ lý")
        REFUSED = "refused", _("Không thụ lý")
        STORED = "stored", _("Lưu đơn")
        FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
        GUIDED = "guided", _("Đã hướng dẫn")
        RESOLVED = "resolved", _("Đã giải quyết")
        WITHDRAWN = "withdrawn", _("Đã rút đơn")
        CLOSED = "closed", _("Kết thúc")

    #: States in which nothing more happens to the petition (besides an appeal, a new petition).
    FINAL_STATES = frozenset(
        {State.REFUSED, State.STORED, State.FORWARDED, State.GUIDED, State.WITHDRAWN, State.CLOSED}
    )

    code = models.CharField(
        _("mã tra cứu"),
        max_length=20,
        unique=True,
        help_text=_("Mã in trên giấy biên nhận; công dân tra cứu tiến độ bằng mã này."),
    )
    kind = models.CharField(_("loại đơn"), max_length=24, choices=Kind.choices)
    complaint_level = models.PositiveSmallIntegerField(
        _("lần khiếu nại"), null=True, blank=True, help_text=_("1: lần đầu; 2: lần hai.")
    )
    complaint_object = models.CharField(
        _("đối tượng khiếu nại"),
        max_length=20,
        choices=ComplaintObject.choices,
        blank=True,
    )
    channel = models.CharField(_("hình thức nhận"), max_length=12, choices=Channel.choices)
    forwarded_by = models.CharField(_("cơ quan chuyển đơn"), max_length=300, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.RECEIVED
    )

    received_office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị tiếp nhận"),
    )
    office = models.ForeignKey(
        "org.Office",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị có trách nhiệm giải quyết"),
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now)
    received_on = models.DateField(
        _("ngày nhận đơn"),
        help_text=_(
            "Ngày nộp trực tuyến thành công, ngày nhận tại cơ quan hoặc ngày dấu bưu điện."
        ),
    )

    petitioner_name = models.CharField(_("họ tên người gửi đơn"), max_length=200, blank=True)
    petitioner_id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    petitioner_id_kind = models.CharField(
        _("loại giấy tờ tùy thân"), max_length=40, blank=True, default="CCCD"
    )
    petitioner_birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    petitioner_address = models.CharField(_("địa chỉ"), max_length=400, blank=True)
    petitioner_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    petitioner_email = models.EmailField(_("thư điện tử"), blank=True)
    anonymous = models.BooleanField(_("đơn nặc danh hoặc không rõ người gửi"), default=False)
    signatory_count = models.PositiveIntegerField(_("số người ký đơn"), default=1)
    representatives = models.CharField(_("người đại diện"), max_length=400, blank=True)

    subject = models.CharField(_("trích yếu"), max_length=300)
    content = models.TextField(_("nội dung đơn"))
    respondent = models.CharField(
        _("người, cơ quan bị khiếu nại/tố cáo"), max_length=300, blank=True
    )
    case = models.ForeignKey(
        "enforcement.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("việc thi hành án"),
    )
    judgment = models.ForeignKey(
        "decisions.Judgment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bản án, quyết định"),
    )
    judgment_reference = models.CharField(
        _("bản án, quyết định (theo đơn)"), max_length=300, blank=True
    )

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người được giao xử lý"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trùng với đơn"),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("đơn lần trước"),
        help_text=_("Khiếu nại lần hai, tố cáo tiếp: đơn đã được giải quyết trước đó."),
    )
    split_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("tách từ đơn"),
    )

    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    complex_case = models.BooleanField(_("vụ việc phức tạp"), default=False)
    remote_area = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    refusal_reason = models.TextField(_("lý do"), blank=True)
    resolution_summary = models.TextField(_("kết quả giải quyết"), blank=True)
    resolution_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định, văn bản giải quyết"),
    )
    resolved_at = models.DateTimeField(_("giải quyết lúc"), null=True, blank=True)
    acknowledgement_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("giấy biên nhận"),
    )

    flags = models.JSONField(
        _("cảnh báo khi tiếp nhận"),
        default=list,
        blank=True,
        help_text=_(
            "Mã các dấu hiệu phát hiện khi nhận đơn (nặc danh, có thể trùng, nhiều người ký "
            "không cử đại diện...); cán bộ quyết định, hệ thống không tự từ chối."
        ),
    )
    notify_email = models.EmailField(_("nhận thông báo qua thư điện tử"), blank=True)
    notify_phone = models.CharField(_("nhận thông báo qua tin nhắn"), max_length=20, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("đơn")
        verbose_name_plural = _("đơn")
        indexes = [
            models.Index(fields=["office", "state"], name="petition_office_state"),
            models.Index(fields=["received_office", "received_at"], name="petition_recv_office"),
            models.Index(fields=["petitioner_id_number"], name="petition_id_number"),
        ]
        constraints = [
            models.CheckConstraint(
                name="petition_complaint_level",
                condition=Q(complaint_level__isnull=True) | Q(complaint_level__in=[1, 2]),
            ),
            models.CheckConstraint(
                name="petition_level_only_for_complaints",
                condition=Q(kind="complaint") | Q(complaint_level__isnull=True),
            ),
            models.CheckConstraint(
                name="petition_signatories_positive", condition=Q(signatory_count__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state not in self.FINAL_STATES and self.state != self.State.RESOLVED


class PetitionEvent(models.Model):
    """One step in a petition's life. ``public_text`` (no personal data) is what the citizen's
    tracking page shows; an event with an empty ``public_text`` is internal."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="events", verbose_name=_("đơn")
    )
    action = models.CharField(_("thao tác"), max_length=40)
    from_state = models.CharField(_("từ trạng thái"), max_length=12, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    note = models.TextField(_("ghi chú nội bộ"), blank=True)
    public_text = models.CharField(_("nội dung công khai"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("diễn biến xử lý đơn")
        verbose_name_plural = _("diễn biến xử lý đơn")
        indexes = [models.Index(fields=["petition", "at"], name="petitionevent_petition_at")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action} {self.at:%d/%m/%Y %H:%M}"


class PetitionDeadline(models.Model):
    """A statutory clock on a petition, computed from a :class:`PetitionRule` in force on the
    day the clock starts (working days on ``thads.calendar``)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("đơn")
    )
    rule = models.ForeignKey(
        "citizen_reception.PetitionRule",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quy tắc"),
    )
    title = models.CharField(_("nội dung"), max_length=300)
    starts_on = models.DateField(_("tính từ ngày"))
    due_on = models.DateField(_("hạn"))
    explanation = models.TextField(_("cách tính"), blank=True)
    met_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    cancelled = models.BooleanField(_("không còn áp dụng"), default=False)
    code = models.CharField(_("mã quy tắc"), max_length=64, blank=True)
    last_reminded_on = models.DateField(_("nhắc hạn lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("thời hạn xử lý đơn")
        verbose_name_plural = _("thời hạn xử lý đơn")
        indexes = [models.Index(fields=["due_on", "met_at"], name="petitiondeadline_due")]

    def __str__(self) -> str:
        return f"{self.title}: {self.due_on:%d/%m/%Y}"


class PetitionNote(models.Model):
    """Investigation notes, explanation requests and answers, verification records."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Ghi chép xác minh")
        EXPLANATION_REQUEST = "explanation_request", _("Yêu cầu giải trình")
        EXPLANATION = "explanation", _("Nội dung giải trình")
        DIALOGUE = "dialogue", _("Đối thoại")

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="notes", verbose_name=_("đơn")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("nội dung"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("ghi chép xử lý đơn")
        verbose_name_plural = _("ghi chép xử lý đơn")

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind} {self.at:%d/%m/%Y}"


class PetitionAttachment(models.Model):
    """A file that came with the petition (scan at the counter, upload online)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("đơn")
    )
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("tệp đính kèm đơn")
        verbose_name_plural = _("tệp đính kèm đơn")

    def __str__(self) -> str:
        return self.original_name
