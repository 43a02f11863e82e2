"""Views: drafting, approving and signing decisions (thin: a selector, a form, one service)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from decisions.exceptions import DecisionError
from decisions.exceptions import DecisionFieldsInvalidError
from decisions.forms import BatchCreateForm
from decisions.forms import CreditorRequestForm
from decisions.forms import DecisionFieldsForm
from decisions.forms import DecisionRevokeForm
from decisions.forms import DecisionSelectionForm
from decisions.permissions import DECISION_DRAFT_ROLES
from decisions.permissions import DECISION_SIGN_ROLES
from decisions.permissions import DECISION_VIEW_ROLES
from decisions.selectors import decision_batch_get_for_user
from decisions.selectors import decision_batch_list_for_user
from decisions.selectors import decision_batch_progress
from decisions.selectors import decision_field_errors
from decisions.selectors import decision_get_for_user
from decisions.selectors import decision_list_for_user
from decisions.selectors import decisions_due_for_judgment
from decisions.selectors import judgment_for_drafting_get
from decisions.selectors import judgments_for_drafting
from decisions.services import creditor_request_record
from decisions.services import decision_approve
from decisions.services import decision_batch_approve
from decisions.services import decision_batch_create
from decisions.services import decision_batch_sign
from decisions.services import decision_pdf_path
from decisions.services import decision_preview_ensure
from decisions.services import decision_revoke
from decisions.services import decision_sign
from decisions.services import decision_update
from thads.permissions import staff_view

PAGE_SIZE = 50


@staff_view(*DECISION_VIEW_ROLES)
def decision_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    decisions = decision_list_for_user(actor=request.user, status=status)[:PAGE_SIZE]
    batches = decision_batch_list_for_user(actor=request.user)[:20]
    return render(
        request,
        "decisions/decision_list.html",
        {
            "decisions": decisions,
            "batches": batches,
            "status": status,
            "can_draft": request.user.role in DECISION_DRAFT_ROLES,
        },
    )


def _judgment_choices(actor) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    choices = []
    for judgment in judgments_for_drafting(actor=actor)[:200]:
        due = [d for d in decisions_due_for_judgment(judgment=judgment) if d.status == "due"]
        label = _("%(number)s — %(court)s (%(count)s quyết định cần ra)") % {
            "number": judgment.number or f"#{judgment.pk}",
            "court": judgment.court,
            "count": len(due),
        }
        choices.append((judgment.pk, label))
    return choices


@staff_view(*DECISION_DRAFT_ROLES)
def batch_create(request: HttpRequest) -> HttpResponse:
    choices = _judgment_choices(request.user)
    form = BatchCreateForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            batch = decision_batch_create(
                actor=request.user, judgment_ids=form.cleaned_data["judgments"]
            )
        except DecisionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã bắt đầu dự thảo lô quyết định."))
            return redirect("decisions:batch-detail", pk=batch.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "decisions/batch_create.html", {"form": form}, status=status)


def _batch_context(request: HttpRequest, pk: int) -> dict:  # type: ignore[type-arg]
    batch = decision_batch_get_for_user(actor=request.user, pk=pk)
    decisions = list(decision_list_for_user(actor=request.user, batch_id=batch.pk))
    jobs_open = any(
        job is not None and not job.is_final for job in (batch.draft_job, batch.sign_job)
    )
    return {
        "batch": batch,
        "decisions": decisions,
        "counts": decision_batch_progress(batch=batch),
        "jobs_open": jobs_open,
        "can_sign": request.user.role in DECISION_SIGN_ROLES,
        "can_draft": request.user.role in DECISION_DRAFT_ROLES,
    }


@staff_view(*DECISION_VIEW_ROLES)
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _batch_context(request, pk)
    template = "decisions/batch_detail.html"
    if getattr(request, "htmx", False) and request.htmx.target == "batch-decisions":
        template += "#batch-decisions"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _selection(request: HttpRequest, batch_id: int) -> DecisionSelectionForm:
    ids = decision_list_for_user(actor=request.user, batch_id=batch_id).values_list("pk", flat=True)
    return DecisionSelectionForm(request.POST, choices=[(pk, str(pk)) for pk in ids])


@staff_view(*DECISION_SIGN_ROLES)
@require_POST
def batch_approve(request: HttpRequest, pk: int) -> HttpResponse:
    batch = decision_batch_get_for_user(actor=request.user, pk=pk)
    form = _selection(request, batch.pk)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn ít nhất một quyết định."))
        return redirect("decisions:batch-detail", pk=batch.pk)
    ids = None if form.cleaned_data["all"] else form.cleaned_data["decisions"]
    approved, blocked = decision_batch_approve(actor=request.user, batch=batch, decision_ids=ids)
    if approved:
        messages.success(request, _("Đã duyệt %(count)s quyết định.") % {"count": len(approved)})
    if blocked:
        messages.error(
            request,
            _("%(count)s quyết định còn thiếu thông tin bắt buộc, chưa được duyệt.")
            % {"count": len(blocked)},
        )
    if not approved and not blocked:
        messages.info(request, _("Không có dự thảo nào cần duyệt."))
    return redirect("decisions:batch-detail", pk=batch.pk)


@staff_view(*DECISION_SIGN_ROLES)
@require_POST
def batch_sign(request: HttpRequest, pk: int) -> HttpResponse:
    batch = decision_batch_get_for_user(actor=request.user, pk=pk)
    form = _selection(request, batch.pk)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn ít nhất một quyết định."))
        return redirect("decisions:batch-detail", pk=batch.pk)
    ids = None if form.cleaned_data["all"] else form.cleaned_data["decisions"]
    try:
        decision_batch_sign(actor=request.user, batch=batch, decision_ids=ids)
    except DecisionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã cấp số và bắt đầu ký số các quyết định đã duyệt."))
    return redirect("decisions:batch-detail", pk=batch.pk)


def _detail(request: HttpRequest, decision, form=None, errors=None, status=200):  # type: ignore[no-untyped-def]
    editable = (
        decision.status in ("draft", "approved") and request.user.role in DECISION_DRAFT_ROLES
    )
    if form is None:
        form = DecisionFieldsForm(
            initial={**decision.fields, "version": decision.version},
            template_fields=decision.template.fields,
        )
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "form": form,
            "editable": editable,
            "field_errors": errors
            if errors is not None
            else decision_field_errors(decision=decision),
            "can_sign": request.user.role in DECISION_SIGN_ROLES,
            "revoke_form": DecisionRevokeForm(),
        },
        status=status,
    )


@staff_view(*DECISION_VIEW_ROLES)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, decision_get_for_user(actor=request.user, pk=pk))


@staff_view(*DECISION_DRAFT_ROLES)
@require_POST
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for_user(actor=request.user, pk=pk)
    form = DecisionFieldsForm(request.POST, template_fields=decision.template.fields)
    if not form.is_valid():
        return _detail(request, decision, form=form, status=422)
    try:
        decision = decision_update(
            actor=request.user,
            decision=decision,
            fields=form.field_values(),
            version=form.cleaned_data["version"],
        )
    except DecisionError as exc:
        form.add_error(None, exc.message)
        return _detail(request, decision, form=form, status=422)
    messages.success(request, _("Đã lưu dự thảo."))
    return redirect("decisions:decision-detail", pk=decision.pk)


@staff_view(*DECISION_SIGN_ROLES)
@require_POST
def decision_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for_user(actor=request.user, pk=pk)
    try:
        decision_approve(actor=request.user, decision=decision)
    except DecisionFieldsInvalidError as exc:
        messages.error(request, exc.message)
        return _detail(request, decision, errors=exc.errors, status=422)
    except DecisionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã duyệt dự thảo."))
    return redirect("decisions:decision-detail", pk=decision.pk)


@staff_view(*DECISION_SIGN_ROLES)
@require_POST
def decision_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for_user(actor=request.user, pk=pk)
    try:
        decision_sign(actor=request.user, decision=decision)
    except DecisionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đang ký số quyết định; trang tự cập nhật khi ký xong."))
    return redirect("decisions:decision-detail", pk=decision.pk)


@staff_view(*DECISION_SIGN_ROLES)
@require_POST
def decision_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for_user(actor=request.user, pk=pk)
    form = DecisionRevokeForm(request.POST)
    if form.is_valid():
        try:
            decision_revoke(
                actor=request.user, decision=decision, reason=form.cleaned_data["reason"]
            )
        except DecisionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã thu hồi quyết định."))
    else:
        messages.error(request, _("Cần ghi lý do thu hồi."))
    return redirect("decisions:decision-detail", pk=decision.pk)


def _pdf(name: str, filename: str) -> FileResponse:
    try:
        path = decision_pdf_path(name)
    except ValueError:
        raise Http404 from None
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view(*DECISION_VIEW_ROLES)
def decision_preview(request: HttpRequest, pk: int) -> FileResponse:
    decision = decision_get_for_user(actor=request.user, pk=pk)
    if decision.status not in ("draft", "approved"):
        raise Http404
    name = decision_preview_ensure(decision=decision)
    return _pdf(name, f"du-thao-quyet-dinh-{decision.pk}.pdf")


@staff_view(*DECISION_VIEW_ROLES)
def decision_pdf(request: HttpRequest, pk: int) -> FileResponse:
    decision = decision_get_for_user(actor=request.user, pk=pk)
    if not decision.pdf_name:
        raise Http404
    number = decision.number_symbol.split("/", 1)[0]
    return _pdf(decision.pdf_name, f"quyet-dinh-{number}-{decision.year}.pdf")


def _due_page(request: HttpRequest, judgment, form=None, status=200) -> HttpResponse:  # type: ignore[no-untyped-def]
    due = decisions_due_for_judgment(judgment=judgment)
    creditors = sorted({d.creditor_name for d in due if d.kind == "on_request"})
    if form is None:
        form = CreditorRequestForm(creditors=creditors)
    return render(
        request,
        "decisions/decision_due.html",
        {
            "judgment": judgment,
            "due": due,
            "form": form,
            "has_creditors": bool(creditors),
            "can_draft": request.user.role in DECISION_DRAFT_ROLES,
        },
        status=status,
    )


@staff_view(*DECISION_VIEW_ROLES)
@require_GET
def decision_due(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = judgment_for_drafting_get(actor=request.user, pk=pk)
    return _due_page(request, judgment)


@staff_view(*DECISION_DRAFT_ROLES)
@require_POST
def creditor_request_create(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = judgment_for_drafting_get(actor=request.user, pk=pk)
    creditors = sorted(
        {
            d.creditor_name
            for d in decisions_due_for_judgment(judgment=judgment)
            if d.kind == "on_request"
        }
    )
    form = CreditorRequestForm(request.POST, creditors=creditors)
    if form.is_valid():
        try:
            creditor_request_record(
                actor=request.user,
                judgment=judgment,
                creditor_name=form.cleaned_data["creditor_name"],
                received_on=form.cleaned_data["received_on"],
                note=form.cleaned_data["note"],
            )
        except DecisionError as exc:
            form.add_error("received_on", exc.message)
        else:
            messages.success(request, _("Đã ghi nhận đơn yêu cầu thi hành án."))
            return redirect("decisions:decision-due", pk=judgment.pk)
    return _due_page(request, judgment, form=form, status=422)
