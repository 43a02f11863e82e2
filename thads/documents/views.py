"""Job pages (list, detail, polled progress, cancel) and document pages (upload, detail, page
text, page image, rerun).

Every job and document is read through ``thads.documents.selectors`` (creator or office scope,
else 404); writes go through ``thads.documents.services``.
"""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
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
from django_htmx.http import trigger_client_event

from thads.documents import selectors
from thads.documents import services
from thads.documents.exceptions import DocumentPageError
from thads.documents.exceptions import DocumentRejectedError
from thads.documents.exceptions import JobError
from thads.documents.exceptions import JobNotCancellableError
from thads.documents.forms import DocumentUploadForm
from thads.documents.forms import JobFilterForm
from thads.documents.forms import JobSelftestForm
from thads.documents.models import Document
from thads.documents.models import Job
from thads.documents.pages import render_page_image
from thads.documents.storage import original_path
from thads.documents.storage import page_image_cache_path
from thads.documents.storage import write_atomically
from thads.permissions import Role
from thads.permissions import staff_view

PROGRESS_TEMPLATE = "documents/partials/job_progress.html"


def _progress_context(request: HttpRequest, job: Job) -> dict:
    return {"job": job, "can_cancel": selectors.job_can_cancel(actor=request.user, job=job)}


def _render_progress(request: HttpRequest, job: Job) -> HttpResponse:
    response = render(request, PROGRESS_TEMPLATE, _progress_context(request, job))
    if job.is_final and request.htmx:
        # Lets the page refresh what depends on the outcome (see job_detail.html).
        trigger_client_event(
            response, "documents:job-finished", {"id": job.pk, "status": job.status}
        )
    response["Cache-Control"] = "no-store"
    return response


@staff_view(note="every staff role; own jobs or jobs of offices in scope")
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    form = JobFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    jobs = selectors.job_list_for_user(
        actor=request.user, status=filters.get("status", ""), mine=filters.get("mine", False)
    )
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    template = "documents/job_list.html"
    if request.htmx and request.htmx.target == "job-table":
        template += "#job-table"
    context = {
        "page": page,
        "form": form,
        "selftest_form": JobSelftestForm() if request.user.role == Role.SYSADMIN else None,
    }
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(note="every staff role; job by creator or office scope, else 404")
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get_for_user(actor=request.user, pk=pk)
    counts = selectors.job_item_counts(job=job)
    context = {
        **_progress_context(request, job),
        "item_counts": counts if any(counts.values()) else None,
        "failed_items": selectors.job_failed_items(job=job) if counts["failed"] else [],
    }
    template = "documents/job_detail.html"
    if request.htmx and request.htmx.target == "job-info":
        template += "#job-info"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(note="every staff role; job by creator or office scope, else 404")
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get_for_user(actor=request.user, pk=pk)
    return _render_progress(request, job)


@staff_view(note="creator, leaders, sysadmin (service checks); job in scope else 404")
@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get_for_user(actor=request.user, pk=pk)
    try:
        job = services.job_cancel(actor=request.user, job=job)
    except JobNotCancellableError as exc:
        text, level = exc.message, "error"
        job = selectors.job_get_for_user(actor=request.user, pk=pk)
    else:
        text, level = job.message, "success"
    if request.htmx:
        response = _render_progress(request, job)
        trigger_client_event(response, "thads:toast", {"message": text, "level": level})
        return response
    messages.add_message(request, messages.ERROR if level == "error" else messages.SUCCESS, text)
    return redirect("documents:job-detail", pk=job.pk)


@staff_view(Role.SYSADMIN, note="system administrators check the task workers")
@require_POST
def job_selftest(request: HttpRequest) -> HttpResponse:
    form = JobSelftestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("documents:job-list")
    try:
        job = services.job_selftest_start(
            actor=request.user,
            steps=form.cleaned_data["steps"],
            fail_at_step=form.cleaned_data["fail_at_step"],
        )
    except JobError as exc:
        messages.error(request, exc.message)
        return redirect("documents:job-list")
    return redirect("documents:job-detail", pk=job.pk)


# --- Documents ----------------------------------------------------------------------------------

#: Who may upload and rerun: staff who take in documents for their office. The ministry's
#: leaders oversee and the system administrator runs the platform; neither handles case files
#: (both may still read documents in their scope).
UPLOAD_ROLES = tuple(role for role in Role if role not in (Role.MINISTRY_LEADER, Role.SYSADMIN))
#: Widths (pixels) a page image may be asked for; others snap to the nearest, bounding the cache.
PAGE_IMAGE_WIDTHS = (400, 800, 1200, 1600, 2000)
PAGE_IMAGE_DEFAULT_WIDTH = 1200
PAGES_PER_SCREEN = 10


def _snap_width(value: str | None) -> int:
    try:
        wanted = int(value or PAGE_IMAGE_DEFAULT_WIDTH)
    except ValueError:
        wanted = PAGE_IMAGE_DEFAULT_WIDTH
    return min(PAGE_IMAGE_WIDTHS, key=lambda width: abs(width - wanted))


def _document_upload_page(
    request: HttpRequest, form: DocumentUploadForm, *, status: int = 200
) -> HttpResponse:
    template = "documents/document_upload.html"
    if request.htmx and request.htmx.target == "document-upload-form":
        template += "#document-upload-form"
    response = render(request, template, {"form": form}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(*UPLOAD_ROLES, note="office staff upload into their own office")
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _document_upload_page(request, DocumentUploadForm())
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        started = timezone.now()
        try:
            document = services.document_store(
                actor=request.user,
                office=request.user.office,
                purpose="general",
                uploaded_file=form.cleaned_data["file"],
                process=True,
            )
        except DocumentRejectedError as exc:
            form.add_error("file", exc.message)
        else:
            if document.created_at < started:
                messages.info(
                    request,
                    _("Tệp này đã được tải lên trước đó; đây là tài liệu đã lưu."),
                )
            else:
                messages.success(request, _("Đã tải lên tài liệu; hệ thống đang đọc văn bản."))
            url = reverse("documents:document-detail", args=[document.pk])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return _document_upload_page(request, form, status=422)


@staff_view(note="every staff role; documents of offices in scope, else 404")
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get_for_user(actor=request.user, pk=pk)
    page = Paginator(selectors.document_pages(document=document), PAGES_PER_SCREEN).get_page(
        request.GET.get("page")
    )
    context = {
        "document": document,
        "job": document.job,
        "page": page,
        "page_counts": selectors.document_page_counts(document=document),
        "can_process": request.user.role in UPLOAD_ROLES
        and document.status in (Document.Status.UPLOADED, Document.Status.FAILED),
        "can_cancel": document.job is not None
        and selectors.job_can_cancel(actor=request.user, job=document.job),
    }
    template = "documents/document_detail.html"
    if request.htmx and request.htmx.target in ("document-pages", "document-info"):
        template += f"#{request.htmx.target}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(*UPLOAD_ROLES, note="office staff rerun the text pipeline; document in scope else 404")
@require_POST
def document_process(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get_for_user(actor=request.user, pk=pk)
    services.document_process_start(actor=request.user, document=document)
    messages.success(request, _("Đã bắt đầu đọc lại các trang chưa có văn bản."))
    url = reverse("documents:document-detail", args=[document.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@staff_view(note="every staff role; page of a document in scope, else 404")
@require_GET
def document_page(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = selectors.document_page_get_for_user(actor=request.user, pk=pk, number=number)
    document = page.document
    context = {
        "document": document,
        "doc_page": page,
        "previous_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < document.page_count else None,
        "image_width": PAGE_IMAGE_DEFAULT_WIDTH,
    }
    template = "documents/document_page.html"
    if request.htmx and request.htmx.target == "document-page-text":
        template += "#document-page-text"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(note="every staff role; page of a document in scope, else 404")
@require_GET
def document_page_image(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = selectors.document_page_get_for_user(actor=request.user, pk=pk, number=number)
    document = page.document
    width = _snap_width(request.GET.get("width"))
    cached = page_image_cache_path(
        document.sha256, page=number, width=width, rotation=page.rotation
    )
    if not cached.exists():
        try:
            image = render_page_image(
                original_path(document.storage_name),
                kind=document.kind,
                number=number,
                width=width,
                rotation=page.rotation,
            )
        except DocumentPageError as exc:
            raise Http404 from exc
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=6)
        write_atomically(cached, buffer.getvalue())
    response = FileResponse(cached.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
