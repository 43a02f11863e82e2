"""Views: actions on a case (service of documents, verification of conditions, coercion).

Three panels that the case page (``enforcement:case-detail``) loads with ``hx-get``:
``case-service-panel``, ``case-verification-panel``, ``case-coercion-panel``. Every form in a
panel posts with htmx and gets the whole panel back: 200 after the change, 422 with the form's
errors (base.html's htmx ``responseHandling`` swaps 422). Objects come through the scoped
selectors (another office: 404); a wrong role is 403 (``staff_view``). The forms live here
because ``enforcement/forms.py`` belongs to the case pages.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from enforcement import selectors
from enforcement import services
from enforcement.exceptions import CaseError
from enforcement.exceptions import CoercionBlackoutError
from enforcement.exceptions import EnforcementActionError
from enforcement.models import Case
from enforcement.models import CaseParty
from enforcement.models import CoercionMeasure
from enforcement.models import CoercionPlan
from enforcement.models import ServiceAttempt
from enforcement.models import ServiceChannel
from enforcement.models import Verification
from enforcement.models import VerificationRequest
from enforcement.permissions import CASE_HEAD_ROLES
from enforcement.permissions import CASE_VIEW_ROLES
from enforcement.permissions import CASE_WORK_ROLES
from thads.documents.exceptions import DocumentRejectedError
from thads.documents.qr import qr_svg
from thads.permissions import staff_view

SERVICE_TEMPLATE = "enforcement/actions/service_panel.html"
VERIFICATION_TEMPLATE = "enforcement/actions/verification_panel.html"
COERCION_TEMPLATE = "enforcement/actions/coercion_panel.html"

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]


# --- Forms -------------------------------------------------------------------------------------


class ServedDocumentForm(forms.Form):
    decision = forms.TypedChoiceField(
        label=gettext_lazy("Quyết định đã ký của hồ sơ"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Hoặc ghi tên văn bản khác cần tống đạt bên dưới."),
    )
    title = forms.CharField(
        label=gettext_lazy("Văn bản cần tống đạt"), max_length=300, required=False
    )
    document_date = forms.DateField(
        label=gettext_lazy("Ngày văn bản"), widget=_DATE, required=False
    )
    party = forms.ModelChoiceField(
        label=gettext_lazy("Người nhận (đương sự)"),
        queryset=CaseParty.objects.none(),
        required=False,
    )
    recipient_name = forms.CharField(
        label=gettext_lazy("Hoặc tên người nhận khác"), max_length=200, required=False
    )
    recipient_id_number = forms.CharField(
        label=gettext_lazy("Số định danh cá nhân"), max_length=20, required=False
    )
    recipient_address = forms.CharField(
        label=gettext_lazy("Địa chỉ"), max_length=500, required=False
    )
    is_enforcement_decision = forms.BooleanField(
        label=gettext_lazy("Là quyết định thi hành án (bắt đầu thời hạn tự nguyện)"),
        required=False,
    )

    #: Decision kinds that are the QĐTHA itself (decisions registry).
    ENFORCEMENT_DECISION_KINDS = frozenset({"proactive", "on_request"})

    def __init__(self, *args: Any, case: Case, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = case.parties.all()
        self.decisions = {d.decision_id: d for d in _signed_decisions(actor, case)}
        self.fields["decision"].choices = [("", "—")] + [
            (d.decision_id, f"{d.kind_label} số {d.number}") for d in self.decisions.values()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        decision = self.decisions.get(data.get("decision") or 0)
        if decision is not None:
            data["title"] = data.get("title") or f"{decision.kind_label} số {decision.number}"
            data["document_date"] = data.get("document_date") or decision.issued_on
            if decision.kind in self.ENFORCEMENT_DECISION_KINDS:
                data["is_enforcement_decision"] = True
        if not data.get("title"):
            self.add_error("title", _("Chọn quyết định hoặc ghi tên văn bản."))
        if not data.get("document_date"):
            self.add_error("document_date", _("Cần ghi ngày văn bản."))
        party = data.get("party")
        if party is not None:
            data["recipient_name"] = data.get("recipient_name") or party.name
            data["recipient_id_number"] = data.get("recipient_id_number") or party.id_number
            data["recipient_address"] = data.get("recipient_address") or party.address
        if not data.get("recipient_name"):
            self.add_error("recipient_name", _("Chọn đương sự hoặc ghi tên người nhận."))
        return data


def _signed_decisions(actor: Any, case: Case) -> list[Any]:
    """The case's signed decisions from the decisions app (contract:
    ``decision_summaries_for_case``), when that selector exists and the actor is a user."""
    from decisions import selectors as decision_selectors

    read = getattr(decision_selectors, "decision_summaries_for_case", None)
    if read is None or not getattr(actor, "is_authenticated", False):
        return []
    return [d for d in read(actor=actor, case_id=case.pk) if d.status == "signed" and d.number]


class ServiceAttemptForm(forms.Form):
    CHANNELS = [
        (c.value, c.label)
        for c in (
            ServiceChannel.PHYSICAL,
            ServiceChannel.POST,
            ServiceChannel.POSTING,
            ServiceChannel.MEDIA,
        )
    ]
    channel = forms.ChoiceField(label=gettext_lazy("Kênh"), choices=CHANNELS)
    succeeded = forms.BooleanField(label=gettext_lazy("Đã giao / niêm yết được"), required=False)
    evidence_date = forms.DateField(
        label=gettext_lazy("Ngày trên biên bản, phiếu báo phát hoặc ngày niêm yết"),
        widget=_DATE,
        required=False,
    )
    evidence = forms.FileField(
        label=gettext_lazy("Biên bản, phiếu báo phát (PDF hoặc ảnh)"), required=False
    )
    received_by = forms.CharField(
        label=gettext_lazy("Người nhận thay"), max_length=200, required=False
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=1000, required=False)


class VerificationStartForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Nơi cần xác minh"),
        choices=VerificationRequest.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    bank_codes = forms.CharField(
        label=gettext_lazy("Mã ngân hàng (cách nhau bởi dấu phẩy)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Ví dụ: VCB, BIDV"),
    )
    province_code = forms.CharField(
        label=gettext_lazy("Mã tỉnh (đất đai)"), max_length=10, required=False
    )

    def targets(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        out: list[tuple[str, str]] = []
        for kind in data["kinds"]:
            if kind == VerificationRequest.Kind.BANK:
                codes = [c.strip() for c in data["bank_codes"].split(",") if c.strip()]
                out += [(kind, code) for code in codes] or [(kind, "")]
            elif kind == VerificationRequest.Kind.LAND:
                out.append((kind, data["province_code"]))
            else:
                out.append((kind, ""))
        return out


class VerificationAnswerForm(forms.Form):
    found = forms.BooleanField(label=gettext_lazy("Có tài sản, thông tin"), required=False)
    summary = forms.CharField(
        label=gettext_lazy("Nội dung trả lời"), max_length=2000, widget=forms.Textarea
    )


class VerificationProposeForm(forms.Form):
    proposal = forms.ChoiceField(
        label=gettext_lazy("Đề xuất"),
        choices=Verification.Proposal.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Căn cứ, lý do"), max_length=1000, required=False, widget=forms.Textarea
    )
    debtor_in_prison_long = forms.BooleanField(
        label=gettext_lazy("Đang chấp hành án phạt tù còn từ 2 năm trở lên"), required=False
    )
    debtor_address_unknown = forms.BooleanField(
        label=gettext_lazy("Không xác định được địa chỉ"), required=False
    )


class CoercionPlanForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tên kế hoạch"), max_length=300)
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Bắt đầu"), widget=_DATETIME, input_formats=_DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Kết thúc"), widget=_DATETIME, input_formats=_DATETIME_FORMATS
    )
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=500)
    method = forms.CharField(
        label=gettext_lazy("Biện pháp, phương thức"), required=False, widget=forms.Textarea
    )
    forces = forms.CharField(
        label=gettext_lazy("Lực lượng tham gia"), required=False, widget=forms.Textarea
    )
    mobilised_forces = forms.BooleanField(
        label=gettext_lazy("Có huy động lực lượng"), required=False
    )
    estimated_cost_vnd = forms.IntegerField(
        label=gettext_lazy("Dự kiến chi phí (đồng)"), min_value=0, initial=0
    )
    cost_notified_on = forms.DateField(
        label=gettext_lazy("Ngày thông báo dự kiến chi phí cho người phải thi hành án"),
        widget=_DATE,
        required=False,
    )
    decisions_needed = forms.MultipleChoiceField(
        label=gettext_lazy("Quyết định cần ban hành"),
        choices=CoercionMeasure.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CoercionMeasureForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Biện pháp"), choices=CoercionMeasure.Kind.choices)
    target = forms.CharField(label=gettext_lazy("Đối tượng"), max_length=500)
    amount_vnd = forms.IntegerField(
        label=gettext_lazy("Số tiền, gồm chi phí (đồng)"), min_value=0, initial=0
    )
    costs_vnd = forms.IntegerField(
        label=gettext_lazy("Trong đó chi phí (đồng)"), min_value=0, initial=0
    )
    scheduled_at = forms.DateTimeField(
        label=gettext_lazy("Thời điểm thực hiện"),
        widget=_DATETIME,
        input_formats=_DATETIME_FORMATS,
        required=False,
    )
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Theo kế hoạch"), queryset=CoercionPlan.objects.none(), required=False
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=1000, required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = CoercionPlan.objects.filter(case=case)


class MeasureLiftForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do chấm dứt"), max_length=1000)


# --- Helpers -----------------------------------------------------------------------------------


def _can_work(request: HttpRequest, case: Case) -> bool:
    user = request.user
    return user.role in CASE_WORK_ROLES and user.office_id == case.office_id


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _after_write(request: HttpRequest, case: Case, panel: Any) -> HttpResponse:
    if request.htmx:
        return panel()
    try:
        url = reverse("enforcement:case-detail", kwargs={"pk": case.pk})
    except NoReverseMatch:  # pragma: no cover - the case page is another area's
        return panel()
    return redirect(url, permanent=False)


def _error_to_form(form: forms.Form, error: EnforcementActionError | CaseError) -> None:
    field = getattr(error, "field", None)
    if isinstance(error, CoercionBlackoutError):
        for problem in error.problems:
            form.add_error(field if field in form.fields else None, problem)
        return
    form.add_error(field if field in form.fields else None, error.message)


# --- Service panel -----------------------------------------------------------------------------


def _service_response(
    request: HttpRequest,
    case: Case,
    *,
    doc_form: ServedDocumentForm | None = None,
    attempt_forms: dict[int, ServiceAttemptForm] | None = None,
    issued: dict[str, Any] | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    documents = list(selectors.service_panel(case=case))
    attempt_forms = attempt_forms or {}
    rows = [
        {"doc": doc, "form": attempt_forms.get(doc.pk) or ServiceAttemptForm(prefix=f"a{doc.pk}")}
        for doc in documents
    ]
    pending = any(
        a.result == ServiceAttempt.Result.PENDING for d in documents for a in d.attempts.all()
    )
    context = {
        "case": case,
        "pending": pending,
        "rows": rows,
        "doc_form": doc_form or ServedDocumentForm(case=case, actor=request.user, prefix="doc"),
        "can_work": _can_work(request, case),
        "issued": issued,
        "notice": notice,
    }
    return _render(request, SERVICE_TEMPLATE, context, status=status)


_VIEW = tuple(CASE_VIEW_ROLES)
_WORK = tuple(CASE_WORK_ROLES)
_HEAD = tuple(CASE_HEAD_ROLES)


@require_GET
@staff_view(*_VIEW, note="case readers; case through the office scope, else 404")
def case_service_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """Documents to serve, their attempts and proof of service (ND152 Arts 15-20)."""
    case = selectors.action_case_get_for_user(actor=request.user, pk=pk)
    return _service_response(request, case)


@require_POST
@staff_view(*_WORK, note="case workers of the case's office; case in scope else 404")
def case_service_document_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a document to serve; the channel rule picks the required channel."""
    case = selectors.action_case_get_for_user(actor=request.user, pk=pk)
    form = ServedDocumentForm(request.POST, case=case, actor=request.user, prefix="doc")
    if form.is_valid():
        data = form.cleaned_data
        try:
            doc = services.served_document_create(
                actor=request.user,
                case=case,
                title=data["title"],
                document_date=data["document_date"],
                recipient_name=data["recipient_name"],
                recipient_id_number=data["recipient_id_number"],
                recipient_address=data["recipient_address"],
                party=data["party"],
                decision_id=data["decision"],
                is_enforcement_decision=data["is_enforcement_decision"],
            )
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            notice = _("Đã lập văn bản cần tống đạt “%(title)s”.") % {"title": doc.title}
            return _after_write(
                request, case, lambda: _service_response(request, case, notice=notice)
            )
    return _service_response(request, case, doc_form=form, status=422)


@require_POST
@staff_view(*_WORK, note="case workers; served document through its case's scope, else 404")
def served_document_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a physical, postal, posting or media attempt with its evidence."""
    doc = selectors.served_document_get_for_user(actor=request.user, pk=pk)
    case = doc.case
    form = ServiceAttemptForm(request.POST, request.FILES, prefix=f"a{doc.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            evidence = None
            if data["evidence"] is not None:
                from thads.documents.services import document_store

                evidence = document_store(
                    actor=request.user,
                    office=case.office,
                    purpose="general",
                    uploaded_file=data["evidence"],
                )
            services.service_attempt_record(
                actor=request.user,
                served_document=doc,
                channel=data["channel"],
                succeeded=data["succeeded"],
                evidence_date=data["evidence_date"],
                evidence=evidence,
                received_by=data["received_by"],
                note=data["note"],
            )
        except DocumentRejectedError as error:
            form.add_error("evidence", error.message)
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            notice = _("Đã ghi nhận lần tống đạt.")
            return _after_write(
                request, case, lambda: _service_response(request, case, notice=notice)
            )
    return _service_response(request, case, attempt_forms={doc.pk: form}, status=422)


@require_POST
@staff_view(*_WORK, note="case workers; served document through its case's scope, else 404")
def served_document_vneid(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue sending the document to the recipient's VNeID account."""
    doc = selectors.served_document_get_for_user(actor=request.user, pk=pk)
    case = doc.case
    try:
        services.service_vneid_send(actor=request.user, served_document=doc)
    except (EnforcementActionError, CaseError) as error:
        return _service_response(request, case, notice=error.message, status=422)
    notice = _("Đã gửi văn bản qua VNeID; kết quả được cập nhật khi VNeID trả lời.")
    return _after_write(request, case, lambda: _service_response(request, case, notice=notice))


@require_POST
@staff_view(*_WORK, note="case workers; served document through its case's scope, else 404")
def served_document_portal(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the portal link (QR) and identification code; shown once, never stored raw."""
    doc = selectors.served_document_get_for_user(actor=request.user, pk=pk)
    case = doc.case
    try:
        _access, token, code = services.portal_access_create(
            actor=request.user, served_document=doc
        )
    except (EnforcementActionError, CaseError) as error:
        return _service_response(request, case, notice=error.message, status=422)
    url = services.portal_url(token=token)
    issued = {"doc_id": doc.pk, "url": url, "code": code, "qr": qr_svg(url)}
    return _service_response(request, case, issued=issued)


# --- Verification panel ------------------------------------------------------------------------


def _verification_response(
    request: HttpRequest,
    case: Case,
    *,
    start_form: VerificationStartForm | None = None,
    answer_forms: dict[int, VerificationAnswerForm] | None = None,
    propose_form: VerificationProposeForm | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    rounds = list(selectors.verification_panel(case=case))
    answer_forms = answer_forms or {}
    pending = False
    for v in rounds:
        pending |= v.recorded_at is not None and v.record_document_id is None
        for req in v.requests.all():
            req.form = answer_forms.get(req.pk) or VerificationAnswerForm(prefix=f"r{req.pk}")
            pending |= req.status == VerificationRequest.Status.PENDING
    context = {
        "case": case,
        "pending": pending,
        "rounds": rounds,
        "start_form": start_form or VerificationStartForm(prefix="start"),
        "propose_form": propose_form or VerificationProposeForm(prefix="propose"),
        "can_work": _can_work(request, case),
        "can_classify": request.user.role in CASE_HEAD_ROLES,
        "notice": notice,
    }
    return _render(request, VERIFICATION_TEMPLATE, context, status=status)


@require_GET
@staff_view(*_VIEW, note="case readers; case through the office scope, else 404")
def case_verification_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """Verification rounds, answers, record PDF, proposal and classification."""
    case = selectors.action_case_get_for_user(actor=request.user, pk=pk)
    return _verification_response(request, case)


@require_POST
@staff_view(*_WORK, note="case workers; case in scope else 404")
def case_verification_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a verification round: requests to banks, registries, population database."""
    case = selectors.action_case_get_for_user(actor=request.user, pk=pk)
    form = VerificationStartForm(request.POST, prefix="start")
    if form.is_valid():
        try:
            services.verification_start(actor=request.user, case=case, targets=form.targets())
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            case.refresh_from_db()
            notice = _("Đã gửi yêu cầu xác minh.")
            return _after_write(
                request, case, lambda: _verification_response(request, case, notice=notice)
            )
    return _verification_response(request, case, start_form=form, status=422)


@require_POST
@staff_view(*_WORK, note="case workers; request through its case's scope, else 404")
def verification_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an answer received on paper or in person."""
    req = selectors.verification_request_get_for_user(actor=request.user, pk=pk)
    case = req.verification.case
    form = VerificationAnswerForm(request.POST, prefix=f"r{req.pk}")
    if form.is_valid():
        try:
            services.verification_answer_record(
                actor=request.user,
                request=req,
                found=form.cleaned_data["found"],
                summary=form.cleaned_data["summary"],
            )
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            notice = _("Đã ghi nhận trả lời.")
            return _after_write(
                request, case, lambda: _verification_response(request, case, notice=notice)
            )
    return _verification_response(request, case, answer_forms={req.pk: form}, status=422)


@require_POST
@staff_view(*_WORK, note="case workers; verification through its case's scope, else 404")
def verification_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the round and draw up the record (biên bản xác minh, PDF)."""
    v = selectors.verification_get_for_user(actor=request.user, pk=pk)
    case = v.case
    try:
        services.verification_record(actor=request.user, verification=v)
    except (EnforcementActionError, CaseError) as error:
        return _verification_response(request, case, notice=error.message, status=422)
    notice = _("Đã lập biên bản xác minh.")
    return _after_write(request, case, lambda: _verification_response(request, case, notice=notice))


@require_POST
@staff_view(*_WORK, note="case workers; verification through its case's scope, else 404")
def verification_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer proposes: has conditions / no conditions."""
    v = selectors.verification_get_for_user(actor=request.user, pk=pk)
    case = v.case
    form = VerificationProposeForm(request.POST, prefix="propose")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.verification_propose(
                actor=request.user,
                verification=v,
                proposal=data["proposal"],
                reason=data["reason"],
                debtor_in_prison_long=data["debtor_in_prison_long"],
                debtor_address_unknown=data["debtor_address_unknown"],
            )
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            notice = _("Đã đề xuất phân loại.")
            return _after_write(
                request, case, lambda: _verification_response(request, case, notice=notice)
            )
    return _verification_response(request, case, propose_form=form, status=422)


@require_POST
@staff_view(*_HEAD, note="heads; verification through its case's scope, else 404")
def verification_classify(request: HttpRequest, pk: int) -> HttpResponse:
    """The head classifies as proposed (case_transition)."""
    v = selectors.verification_get_for_user(actor=request.user, pk=pk)
    case = v.case
    try:
        services.verification_classify(actor=request.user, verification=v)
    except (EnforcementActionError, CaseError) as error:
        return _verification_response(request, case, notice=error.message, status=422)
    case.refresh_from_db()
    notice = _("Đã phân loại điều kiện thi hành án.")
    return _after_write(request, case, lambda: _verification_response(request, case, notice=notice))


# --- Coercion panel ----------------------------------------------------------------------------


def _coercion_response(
    request: HttpRequest,
    case: Case,
    *,
    plan_form: CoercionPlanForm | None = None,
    measure_form: CoercionMeasureForm | None = None,
    lift_forms: dict[int, MeasureLiftForm] | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    plans, measures = selectors.coercion_panel(case=case)
    measures = list(measures)
    lift_forms = lift_forms or {}
    for m in measures:
        m.lift_form = lift_forms.get(m.pk) or MeasureLiftForm(prefix=f"m{m.pk}")
    context = {
        "case": case,
        "plans": list(plans),
        "measures": measures,
        "plan_form": plan_form or CoercionPlanForm(prefix="plan"),
        "measure_form": measure_form or CoercionMeasureForm(case=case, prefix="measure"),
        "can_work": _can_work(request, case),
        "notice": notice,
    }
    return _render(request, COERCION_TEMPLATE, context, status=status)


@require_GET
@staff_view(*_VIEW, note="case readers; case through the office scope, else 404")
def case_coercion_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """Coercion plans and security/coercion measures of the case."""
    case = selectors.action_case_get_for_user(actor=request.user, pk=pk)
    return _coercion_response(request, case)


@require_POST
@staff_view(*_WORK, note="case workers; case in scope else 404")
def case_coercion_plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Draw up a coercion plan; forbidden times are refused with every reason."""
    case = selectors.action_case_get_for_user(actor=request.user, pk=pk)
    form = CoercionPlanForm(request.POST, prefix="plan")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.coercion_plan_create(actor=request.user, case=case, **data)
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            notice = _("Đã lập kế hoạch cưỡng chế.")
            return _after_write(
                request, case, lambda: _coercion_response(request, case, notice=notice)
            )
    return _coercion_response(request, case, plan_form=form, status=422)


@require_POST
@staff_view(*_WORK, note="case workers; case in scope else 404")
def case_coercion_measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a security or coercion measure (freeze starts its 10-day deadline)."""
    case = selectors.action_case_get_for_user(actor=request.user, pk=pk)
    form = CoercionMeasureForm(request.POST, case=case, prefix="measure")
    if form.is_valid():
        try:
            services.coercion_measure_add(actor=request.user, case=case, **form.cleaned_data)
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            notice = _("Đã thêm biện pháp.")
            return _after_write(
                request, case, lambda: _coercion_response(request, case, notice=notice)
            )
    return _coercion_response(request, case, measure_form=form, status=422)


@require_POST
@staff_view(*_WORK, note="case workers; measure through its case's scope, else 404")
def coercion_measure_lift(request: HttpRequest, pk: int) -> HttpResponse:
    """End a measure (chấm dứt phong tỏa...), with the reason."""
    measure = selectors.coercion_measure_get_for_user(actor=request.user, pk=pk)
    case = measure.case
    form = MeasureLiftForm(request.POST, prefix=f"m{measure.pk}")
    if form.is_valid():
        try:
            services.coercion_measure_lift(
                actor=request.user, measure=measure, reason=form.cleaned_data["reason"]
            )
        except (EnforcementActionError, CaseError) as error:
            _error_to_form(form, error)
        else:
            notice = _("Đã chấm dứt biện pháp.")
            return _after_write(
                request, case, lambda: _coercion_response(request, case, notice=notice)
            )
    return _coercion_response(request, case, lift_forms={measure.pk: form}, status=422)


__all__ = [
    "case_coercion_measure_add",
    "case_coercion_panel",
    "case_coercion_plan_create",
    "case_service_document_create",
    "case_service_panel",
    "case_verification_panel",
    "case_verification_start",
    "coercion_measure_lift",
    "served_document_attempt",
    "served_document_portal",
    "served_document_vneid",
    "verification_answer",
    "verification_classify",
    "verification_propose",
    "verification_record",
]
