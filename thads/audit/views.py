"""Audit trail pages for leaders and system administrators, and the integrity check."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from thads.audit import selectors
from thads.audit.forms import AuditEventFilterForm
from thads.audit.services import audit_verify_start
from thads.permissions import Role
from thads.permissions import staff_view

AUDIT_READERS = (Role.MINISTRY_LEADER, Role.PROVINCIAL_HEAD, Role.OFFICE_HEAD, Role.SYSADMIN)
PAGE_SIZE = 50


@staff_view(*AUDIT_READERS, note="leaders and sysadmin; events of offices in scope")
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditEventFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    events = selectors.audit_event_list_for_user(actor=request.user, filters=form.filters())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "audit/event_list.html"
    if request.htmx and request.htmx.target == "event-table":
        template += "#event-table"
    context = {
        "form": form,
        "page": page,
        "can_verify": request.user.role == Role.SYSADMIN,
    }
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(*AUDIT_READERS, note="leaders and sysadmin; event in scope else 404")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.audit_event_get_for_user(actor=request.user, pk=pk)
    changes = selectors.audit_event_changes(event=event)
    return render(request, "audit/event_detail.html", {"event": event, "changes": changes})


@staff_view(Role.SYSADMIN, note="system administrator only: starts a background check")
@require_POST
def verify_start(request: HttpRequest) -> HttpResponse:
    job = audit_verify_start(actor=request.user)
    if request.htmx:
        return render(request, "audit/event_list.html#audit-verify", {"job": job})
    return redirect("documents:job-detail", pk=job.pk)
