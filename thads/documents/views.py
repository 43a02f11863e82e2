"""Job pages: the list of recent jobs, one job's page, the polled progress partial, cancel.

Every job is read through ``thads.documents.selectors`` (creator or office scope, else 404);
writes go through ``thads.documents.services``.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from thads.documents import selectors
from thads.documents import services
from thads.documents.exceptions import JobError
from thads.documents.exceptions import JobNotCancellableError
from thads.documents.forms import JobFilterForm
from thads.documents.forms import JobSelftestForm
from thads.documents.models import Job
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
