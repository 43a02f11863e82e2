"""Views: judgments (list, upload with progress, review with the source page, corrections
export). Thin: every judgment is read through ``decisions.selectors`` (office scope, else
404) and every write goes through ``decisions.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.http import HttpResponseClientRefresh
from django_htmx.http import trigger_client_event

from decisions import selectors
from decisions import services
from decisions.exceptions.judgments import JudgmentConfirmBlockedError
from decisions.exceptions.judgments import JudgmentError
from decisions.exceptions.judgments import JudgmentFieldInvalidError
from decisions.forms.judgments import CorrectionsExportForm
from decisions.forms.judgments import JudgmentFieldConfirmForm
from decisions.forms.judgments import JudgmentFieldCorrectForm
from decisions.forms.judgments import JudgmentFilterForm
from decisions.forms.judgments import JudgmentRowAddForm
from decisions.forms.judgments import JudgmentRowRemoveForm
from decisions.forms.judgments import JudgmentUploadForm
from decisions.forms.judgments import JudgmentVersionForm
from decisions.models.judgments import FIELD_SPECS
from decisions.models.judgments import OBLIGATION_KIND_LABELS
from decisions.models.judgments import PARTY_ROLE_LABELS
from decisions.models.judgments import Judgment
from decisions.permissions import JUDGMENT_INTAKE_ROLES
from decisions.permissions import JUDGMENT_REVIEW_ROLES
from decisions.permissions import JUDGMENT_VIEW_ROLES
from thads.permissions import Role
from thads.permissions import staff_view

#: Who may download the corrections as training data (office heads and above in scope).
EXPORT_ROLES = frozenset({Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD})
PER_PAGE = 25
REVIEW = "decisions/judgment_review.html"
ROW = "decisions/partials/judgment_field_row.html"
SOURCE = "decisions/partials/judgment_source.html"


def _partial(request: HttpRequest, template: str, targets: tuple[str, ...]) -> str:
    if request.htmx and request.htmx.target in targets:
        return f"{template}#{request.htmx.target}"
    return template


@staff_view(*JUDGMENT_VIEW_ROLES, note="judgments of offices in scope")
@require_GET
def judgment_list(request: HttpRequest) -> HttpResponse:
    form = JudgmentFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    judgments = selectors.judgment_list_for_user(
        actor=request.user, status=filters.get("status", ""), query=filters.get("q", "")
    )
    page = Paginator(judgments, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "can_upload": request.user.role in JUDGMENT_INTAKE_ROLES,
        "can_export": request.user.role in EXPORT_ROLES,
        "export_form": CorrectionsExportForm(),
    }
    template = _partial(request, "decisions/judgment_list.html", ("judgment-table",))
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _upload_page(request: HttpRequest, form: JudgmentUploadForm, status: int = 200) -> HttpResponse:
    template = _partial(request, "decisions/judgment_upload.html", ("judgment-upload-form",))
    response = render(request, template, {"form": form}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(*JUDGMENT_INTAKE_ROLES, note="office staff receive judgments into their own office")
@require_http_methods(["GET", "POST"])
def judgment_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, JudgmentUploadForm())
    form = JudgmentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        started = timezone.now()
        try:
            judgment = services.judgment_intake(
                actor=request.user, office=request.user.office, file=form.cleaned_data["file"]
            )
        except JudgmentError as exc:
            form.add_error("file", exc.message)
        else:
            if judgment.received_at < started:
                messages.info(
                    request, _("Tệp này đã được tiếp nhận trước đó; đây là bản án đã lưu.")
                )
            else:
                messages.success(
                    request, _("Đã tiếp nhận bản án; hệ thống đang đọc văn bản và trích xuất.")
                )
            url = reverse("decisions:judgment-detail", args=[judgment.pk])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return _upload_page(request, form, status=422)


def _review_context(request: HttpRequest, judgment: Judgment, **extra: Any) -> dict[str, Any]:
    can_review = request.user.role in JUDGMENT_REVIEW_ROLES and judgment.is_reviewable
    context: dict[str, Any] = {
        "judgment": judgment,
        "job": judgment.document.job if judgment.document is not None else None,
        "can_review": can_review,
        "can_rerun": request.user.role in JUDGMENT_REVIEW_ROLES
        and judgment.status in (Judgment.Status.FAILED, Judgment.Status.REVIEW)
        and judgment.document_id is not None,
        "in_progress": judgment.status in (Judgment.Status.RECEIVED, Judgment.Status.EXTRACTING),
        **extra,
    }
    if judgment.status in (Judgment.Status.REVIEW, Judgment.Status.CONFIRMED):
        sections = selectors.judgment_review_sections(judgment=judgment)
        first = next((item for s in sections for item in s.items if item.page), None)
        context["sections"] = sections
        context["issues"] = selectors.judgment_issues(judgment=judgment)
        context["blocking"] = [i for i in context["issues"] if i.blocking]
        context["source"] = selectors.judgment_source_view(
            actor=request.user, judgment=judgment, path=first.path if first else ""
        )
        context["role_choices"] = list(PARTY_ROLE_LABELS.items())
        context["kind_choices"] = list(OBLIGATION_KIND_LABELS.items())
        context["add_groups"] = [
            (
                s.key,
                s.label,
                [
                    (key.split(".", 1)[1], spec)
                    for key, spec in FIELD_SPECS.items()
                    if key.startswith(f"{s.key}.") and spec.column
                ],
            )
            for s in sections
            if s.key != "header"
        ]
    return context


@staff_view(*JUDGMENT_VIEW_ROLES, note="judgment of an office in scope, else 404")
@require_GET
def judgment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    template = _partial(request, REVIEW, ("judgment-status", "judgment-issues"))
    response = render(request, template, _review_context(request, judgment))
    if (
        request.htmx
        and request.htmx.target == "judgment-status"
        and judgment.status not in (Judgment.Status.RECEIVED, Judgment.Status.EXTRACTING)
    ):
        response = HttpResponseClientRefresh()  # the review screen replaces the progress
    patch_vary_headers(response, ["HX-Request"])
    response["Cache-Control"] = "no-store"
    return response


@staff_view(*JUDGMENT_VIEW_ROLES, note="source page of a judgment in scope, else 404")
@require_GET
def judgment_source(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    try:
        page = int(request.GET.get("page") or 0) or None
    except ValueError:
        page = None
    source = selectors.judgment_source_view(
        actor=request.user, judgment=judgment, path=request.GET.get("path", ""), page=page
    )
    return render(request, SOURCE, {"judgment": judgment, "source": source})


def _field_response(
    request: HttpRequest,
    judgment: Judgment,
    path: str,
    *,
    editing: bool = False,
    error: str = "",
    typed: str | None = None,
    status: int = 200,
) -> HttpResponse:
    item = selectors.judgment_field_item(judgment=judgment, path=path)
    if item is None:
        raise Http404
    context = {
        "judgment": judgment,
        "item": item,
        "editing": editing,
        "error": error,
        "typed": item.input_value if typed is None else typed,
        "can_review": request.user.role in JUDGMENT_REVIEW_ROLES and judgment.is_reviewable,
        "oob": request.method == "POST",
    }
    if request.method == "POST":
        context["issues"] = selectors.judgment_issues(judgment=judgment)
        context["blocking"] = [i for i in context["issues"] if i.blocking]
    return render(request, ROW, context, status=status)


@staff_view(*JUDGMENT_VIEW_ROLES, note="one field row of a judgment in scope, else 404")
@require_GET
def judgment_field(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    editing = request.GET.get("edit") == "1" and (
        request.user.role in JUDGMENT_REVIEW_ROLES and judgment.is_reviewable
    )
    return _field_response(request, judgment, request.GET.get("path", ""), editing=editing)


def _toast(response: HttpResponse, message: str, level: str = "success") -> HttpResponse:
    trigger_client_event(response, "thads:toast", {"message": message, "level": level})
    return response


def _reload(request: HttpRequest, judgment: Judgment) -> HttpResponse:
    url = reverse("decisions:judgment-detail", args=[judgment.pk])
    return HttpResponseClientRefresh() if request.htmx else redirect(url)


@staff_view(*JUDGMENT_REVIEW_ROLES, note="reviewers of the judgment's office; else 404")
@require_POST
def judgment_field_correct(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    form = JudgmentFieldCorrectForm(request.POST)
    if not form.is_valid():
        return _error(request, judgment, _("Biểu mẫu không hợp lệ; hãy tải lại trang."))
    data = form.cleaned_data
    try:
        services.judgment_field_correct(
            actor=request.user,
            judgment=judgment,
            path=data["path"],
            value=data["value"],
            version=data["version"],
        )
    except JudgmentFieldInvalidError as exc:
        return _field_response(
            request,
            judgment,
            data["path"],
            editing=True,
            error=exc.message,
            typed=data["value"],
            status=422,
        )
    except JudgmentError as exc:
        return _error(request, judgment, exc.message)
    return _toast(_field_response(request, judgment, data["path"]), _("Đã lưu."))


@staff_view(*JUDGMENT_REVIEW_ROLES, note="reviewers of the judgment's office; else 404")
@require_POST
def judgment_field_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    form = JudgmentFieldConfirmForm(request.POST)
    if not form.is_valid():
        return _error(request, judgment, _("Biểu mẫu không hợp lệ; hãy tải lại trang."))
    data = form.cleaned_data
    try:
        services.judgment_field_confirm(
            actor=request.user, judgment=judgment, path=data["path"], version=data["version"]
        )
    except JudgmentError as exc:
        return _error(request, judgment, exc.message)
    return _field_response(request, judgment, data["path"])


def _error(request: HttpRequest, judgment: Judgment, message: str) -> HttpResponse:
    """A refused write: a toast for htmx (nothing swapped), else a message and the page."""
    if request.htmx:
        response = HttpResponse(status=204)
        return _toast(response, message, "error")
    messages.error(request, message)
    return redirect("decisions:judgment-detail", pk=judgment.pk)


@staff_view(*JUDGMENT_REVIEW_ROLES, note="reviewers of the judgment's office; else 404")
@require_POST
def judgment_row_add(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    form = JudgmentRowAddForm(request.POST)
    if not form.is_valid():
        return _error(request, judgment, _("Biểu mẫu không hợp lệ; hãy tải lại trang."))
    try:
        services.judgment_row_add(
            actor=request.user,
            judgment=judgment,
            group=form.cleaned_data["group"],
            values=form.row_values(request.POST),
            version=form.cleaned_data["version"],
        )
    except JudgmentError as exc:
        return _error(request, judgment, exc.message)
    messages.success(request, _("Đã thêm dòng mới."))
    return _reload(request, judgment)


@staff_view(*JUDGMENT_REVIEW_ROLES, note="reviewers of the judgment's office; else 404")
@require_POST
def judgment_row_remove(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    form = JudgmentRowRemoveForm(request.POST)
    if not form.is_valid():
        return _error(request, judgment, _("Biểu mẫu không hợp lệ; hãy tải lại trang."))
    data = form.cleaned_data
    try:
        services.judgment_row_remove(
            actor=request.user,
            judgment=judgment,
            group=data["group"],
            index=data["index"],
            version=data["version"],
        )
    except JudgmentError as exc:
        return _error(request, judgment, exc.message)
    messages.success(request, _("Đã xóa dòng."))
    return _reload(request, judgment)


@staff_view(*JUDGMENT_REVIEW_ROLES, note="reviewers of the judgment's office; else 404")
@require_POST
def judgment_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    form = JudgmentVersionForm(request.POST)
    if not form.is_valid():
        return _error(request, judgment, _("Biểu mẫu không hợp lệ; hãy tải lại trang."))
    try:
        services.judgment_confirm(
            actor=request.user, judgment=judgment, version=form.cleaned_data["version"]
        )
    except JudgmentConfirmBlockedError as exc:
        return _error(request, judgment, exc.message)
    except JudgmentError as exc:
        return _error(request, judgment, exc.message)
    messages.success(request, _("Đã xác nhận bản án; có thể lập quyết định thi hành án."))
    return _reload(request, judgment)


@staff_view(*JUDGMENT_REVIEW_ROLES, note="reviewers of the judgment's office; else 404")
@require_POST
def judgment_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    judgment = selectors.judgment_get_for_user(actor=request.user, pk=pk)
    try:
        services.judgment_extraction_rerun(actor=request.user, judgment=judgment)
    except JudgmentError as exc:
        return _error(request, judgment, exc.message)
    messages.success(request, _("Đã bắt đầu trích xuất lại bản án."))
    return _reload(request, judgment)


@staff_view(*EXPORT_ROLES, note="office and provincial heads; corrections of their scope")
@require_GET
def judgment_corrections_export(request: HttpRequest) -> HttpResponse:
    form = CorrectionsExportForm(request.GET)
    fmt = form.cleaned_data["format"] if form.is_valid() else "jsonl"
    corrections = selectors.judgment_corrections_for_export(actor=request.user)
    name, data = services.judgment_corrections_export(
        actor=request.user, corrections=corrections, fmt=fmt
    )
    content_type = "application/x-ndjson" if fmt == "jsonl" else "text/csv"
    response = HttpResponse(data, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
