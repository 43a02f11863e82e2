"""Views: the officer's worklist, the head's office load and assignment, the case list of a
scope, the case page and the transitions of a case.

Thin edges (style.md 2.3): every case is loaded through ``enforcement.selectors`` (office scope:
another office's case answers 404), every change goes through ``enforcement.services`` (role
and state checks, audit, optimistic version). A wrong role gets 403 from ``staff_view``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from decisions import selectors as decision_selectors
from enforcement import exceptions
from enforcement import selectors
from enforcement import services
from enforcement.forms import CaseActionForm
from enforcement.forms import CaseAssignForm
from enforcement.forms import CaseListFilterForm
from enforcement.forms import WorklistFilterForm
from enforcement.permissions import CASE_HEAD_ROLES
from enforcement.permissions import CASE_VIEW_ROLES
from enforcement.permissions import CASE_WORK_ROLES
from thads.calendar.selectors import calendar_today
from thads.org.selectors import get_in_scope_or_404
from thads.org.selectors import office_get_for_user
from thads.org.selectors import office_list_for_user
from thads.permissions import Role
from thads.permissions import staff_view

__all__ = [
    "case_action",
    "case_assign",
    "case_detail",
    "case_list",
    "office_load",
    "worklist",
]

PAGE_SIZE = 20
#: Who has a personal worklist: executors, and heads who also execute cases.
WORKLIST_ROLES = (Role.ENFORCEMENT_OFFICER, Role.OFFICE_HEAD)
#: Who reads the case list of a whole scope.
CASE_LIST_ROLES = (*sorted(CASE_HEAD_ROLES), Role.MINISTRY_LEADER)
#: The action panels of H5b loaded into the case page (URL names of the contract).
ACTION_PANELS = (
    ("service", "enforcement:case-service-panel"),
    ("verification", "enforcement:case-verification-panel"),
    ("coercion", "enforcement:case-coercion-panel"),
)
#: The ledger partial of the receipts app (design.md: loaded by URL, never imported).
LEDGER_URL_NAME = "receipts:case-ledger"
#: Actions the page offers through its own form (the assignment card), not as buttons.
ASSIGN_ACTIONS = frozenset({"assign"})
#: Actions whose form asks for the valid-notice moment (domain.md §2.4).
NOTICE_ACTIONS = frozenset({"serve_notice"})
#: Actions whose form asks until when (end of a postponement, of a suspension ground).
UNTIL_ACTIONS = frozenset({"postpone", "suspend"})
#: Actions whose form asks for the amount executed.
AMOUNT_ACTIONS = frozenset({"record_partial"})
#: The entrustment: its form asks for the receiving office.
ENTRUST_ACTIONS = frozenset({"entrust"})
#: Actions whose decision opens the case (drafted from the judgment in the decisions app,
#: never from the case page): only a paper decision can be recorded here.
OPENING_ACTIONS = frozenset({"issue_decision"})
#: Statuses of a drafted decision that still waits for the head's signature.
PENDING_DECISION_STATUSES = frozenset({"draft", "approved", "signing"})
#: The draft button of each action that needs a decision of the head (domain.md §3.1).
DRAFT_LABELS = {
    "postpone": _lazy("Dự thảo quyết định hoãn thi hành án"),
    "suspend": _lazy("Dự thảo quyết định tạm đình chỉ thi hành án"),
    "resume": _lazy("Dự thảo quyết định tiếp tục thi hành án"),
    "terminate": _lazy("Dự thảo quyết định đình chỉ thi hành án"),
    "entrust": _lazy("Dự thảo quyết định ủy thác thi hành án"),
    "classify_no_conditions": _lazy("Dự thảo quyết định về việc chưa có điều kiện thi hành án"),
    "start_coercion": _lazy("Dự thảo quyết định cưỡng chế thi hành án"),
}
#: Actions that carry a note (ground, reason) for the record.
NOTE_ACTIONS = frozenset(
    {
        "postpone",
        "resume",
        "suspend",
        "terminate",
        "entrust",
        "return_request",
        "separate_tracking",
        "record_partial",
        "classify_no_conditions",
        "reopen_from_no_conditions",
        "complete",
        "close",
    }
)


def _with_days_left(rows: Any, today: Any) -> None:
    selectors.set_working_days_left(rows, today=today)


def _render_list(request: HttpRequest, template: str, target: str, context: dict) -> HttpResponse:
    if request.htmx and request.htmx.target == target:
        template += f"#{target}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(*WORKLIST_ROLES, note="own cases only (assigned officer), office scope")
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    today = calendar_today()
    form = WorklistFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {"state": "", "urgency": "", "query": ""}
    cases = selectors.worklist_for_officer(actor=request.user, today=today, **filters)
    counts = selectors.urgency_counts(
        selectors.worklist_for_officer(actor=request.user, today=today)
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_days_left(page.object_list, today)
    # Tasks assigned to the actor (from a case or from the operations centre), and tasks of
    # their office that name nobody: issue 8 item 4 ("it appears on their worklist").
    tasks = list(
        selectors.case_task_list_for_user(actor=request.user)
        .filter(Q(assignee=request.user) | Q(assignee__isnull=True, office=request.user.office))
        .select_related("created_by")[:50]
    )
    context = {"form": form, "page": page, "counts": counts, "today": today, "tasks": tasks}
    return _render_list(request, "enforcement/worklist.html", "worklist-table", context)


def _load_office(request: HttpRequest) -> Any:
    code = request.GET.get("office") or request.POST.get("office")
    if code:
        return office_get_for_user(actor=request.user, code=code)
    return request.user.office


@staff_view(*CASE_HEAD_ROLES, note="offices in the head's scope (?office=CODE), else 404")
@require_GET
def office_load(request: HttpRequest) -> HttpResponse:
    today = calendar_today()
    office = _load_office(request)
    loads, suggestion = selectors.office_load_for_user(
        actor=request.user, office=office, today=today
    )
    unassigned = selectors.office_unassigned_cases(actor=request.user, office=office, today=today)
    page = Paginator(unassigned, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_days_left(page.object_list, today)
    officers = list(selectors.office_officers(actor=request.user, office=office))
    offices = (
        list(office_list_for_user(actor=request.user))
        if request.user.role in (Role.PROVINCIAL_HEAD,)
        else []
    )
    context = {
        "office": office,
        "offices": offices,
        "loads": loads,
        "suggestion": suggestion,
        "page": page,
        "officers": officers,
        "today": today,
    }
    return _render_list(request, "enforcement/office_load.html", "office-unassigned", context)


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@staff_view(*CASE_HEAD_ROLES, note="heads of the case's office scope; case in scope else 404")
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(actor=request.user, pk=pk)
    officers = selectors.office_officers(actor=request.user, office=case.office)
    form = CaseAssignForm(request.POST, officers=officers)
    back = _safe_next(request, reverse("enforcement:case-detail", args=[case.pk]))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một chấp hành viên của đơn vị."))
        return HttpResponseRedirect(back, status=303)
    officer = form.cleaned_data["officer"]
    if form.cleaned_data["version"] != case.version:
        messages.error(request, _stale_message(case))
        return HttpResponseRedirect(back, status=303)
    try:
        case = services.case_assign(
            actor=request.user, case=case, officer=officer, version=form.cleaned_data["version"]
        )
    except exceptions.CaseVersionConflictError:
        messages.error(request, _stale_message(case))
    except exceptions.CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Đã giao hồ sơ {number} cho {name}.").format(
                number=case.number, name=officer.get_full_name()
            ),
        )
    return HttpResponseRedirect(back, status=303)


@staff_view(*CASE_LIST_ROLES, note="every case of the actor's scope")
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    today = calendar_today()
    user = request.user
    offices = list(office_list_for_user(actor=user)) if user.role != Role.OFFICE_HEAD else []
    officers = (
        list(selectors.office_officers(actor=user, office=user.office))
        if user.role == Role.OFFICE_HEAD
        else []
    )
    form = CaseListFilterForm(request.GET or None, officers=officers, offices=offices)
    filters = (
        form.filters()
        if form.is_bound
        else {"state": "", "urgency": "", "query": "", "officer_id": None, "office_id": None}
    )
    cases = selectors.case_list_for_scope(actor=user, today=today, **filters)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_days_left(page.object_list, today)
    context = {"form": form, "page": page, "today": today}
    return _render_list(request, "enforcement/case_list.html", "case-table", context)


def _reverse_or_empty(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _decisions_for(request: HttpRequest, case: Any) -> list[Any] | None:
    """The case's decisions from the decisions app, or None while that selector is missing."""
    summaries = getattr(decision_selectors, "decision_summaries_for_case", None)
    if summaries is None:
        return None
    return list(summaries(actor=request.user, case_id=case.pk))


def _pending_decisions(decisions: list[Any] | None) -> dict[str, Any]:
    """Decision kind → the latest draft of that kind still waiting for the head's signature."""
    if not decisions:
        return {}
    return {d.kind: d for d in decisions if d.status in PENDING_DECISION_STATUSES}


def _action_form(item: Any, case: Any, offices: Any) -> dict[str, Any]:
    needs_decision = bool(item.needs_decision_kind)
    return {
        "action": item,
        "form": CaseActionForm(
            initial={"action": item.action, "version": case.version},
            auto_id=f"id_{item.action}_%s",
            offices=offices if item.action in ENTRUST_ACTIONS else (),
        ),
        "asks_notice": item.action in NOTICE_ACTIONS,
        "asks_until": item.action in UNTIL_ACTIONS,
        "asks_amount": item.action in AMOUNT_ACTIONS,
        "asks_note": item.action in NOTE_ACTIONS,
        "asks_office": item.action in ENTRUST_ACTIONS,
        "needs_decision": needs_decision,
        "can_draft": needs_decision and item.action not in OPENING_ACTIONS,
        "draft_label": DRAFT_LABELS.get(item.action, ""),
    }


def _case_context(request: HttpRequest, case: Any) -> dict[str, Any]:
    today = calendar_today()
    allowed = [
        item
        for item in services.case_allowed_actions(actor=request.user, case=case)
        if item.action not in ASSIGN_ACTIONS
    ]
    decisions = _decisions_for(request, case)
    pending = _pending_decisions(decisions)
    offices = (
        selectors.entrust_office_choices(case=case)
        if any(item.action in ENTRUST_ACTIONS for item in allowed)
        else ()
    )
    forms = []
    for item in allowed:
        entry = _action_form(item, case, offices)
        entry["pending"] = pending.get(item.needs_decision_kind) if entry["can_draft"] else None
        forms.append(entry)
    panels = [
        {"key": key, "url": url}
        for key, name in ACTION_PANELS
        if (url := _reverse_or_empty(name, case.pk))
    ]
    can_assign = request.user.role in CASE_HEAD_ROLES and not case.is_ended
    return {
        "case": case,
        "today": today,
        "action_forms": forms,
        "panels": panels,
        "ledger_url": _reverse_or_empty(LEDGER_URL_NAME, case.pk),
        "decisions": decisions,
        "can_assign": can_assign,
        "officers": (
            list(selectors.office_officers(actor=request.user, office=case.office))
            if can_assign
            else []
        ),
        **selectors.case_page_context(case=case, today=today),
    }


@staff_view(*sorted(CASE_VIEW_ROLES), note="case of the actor's office scope, else 404")
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(actor=request.user, pk=pk)
    target = request.htmx.target if request.htmx else None
    if target == "entrust-office-select":
        return _entrust_office_select(request, case)
    context = _case_context(request, case)
    template = "enforcement/case_detail.html"
    if target in ("case-deadlines", "case-timeline", "case-actions"):
        template += f"#{target}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _entrust_office_select(request: HttpRequest, case: Any) -> HttpResponse:
    """The receiving-office select of the entrust form, narrowed by ``office_q`` (htmx)."""
    query = request.GET.get("office_q", "")[:100]
    form = CaseActionForm(
        auto_id="id_entrust_%s",
        offices=selectors.entrust_office_choices(case=case, query=query),
    )
    response = render(
        request,
        "enforcement/partials/decision_action_form.html#entrust-office-select",
        {"case": case, "office_field": form["office"], "office_query": query},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _stale_message(case: Any) -> str:
    return _(
        "Hồ sơ {number} vừa được người khác cập nhật. Trang đã được tải lại với dữ liệu mới"
        " nhất; hãy kiểm tra rồi thực hiện lại."
    ).format(number=case.number)


@staff_view(
    *sorted(CASE_WORK_ROLES | CASE_HEAD_ROLES),
    note="case in scope else 404; the service checks the role and state of each action",
)
@require_POST
def case_action(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(actor=request.user, pk=pk)
    detail = reverse("enforcement:case-detail", args=[case.pk])
    action = request.POST.get("action", "")
    offices = selectors.entrust_office_choices(case=case) if action in ENTRUST_ACTIONS else ()
    form = CaseActionForm(request.POST, offices=offices, today=calendar_today())
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ: {errors}").format(errors=_errors(form)))
        return HttpResponseRedirect(detail, status=303)
    if form.cleaned_data["version"] != case.version:
        messages.error(request, _stale_message(case))
        return HttpResponseRedirect(detail, status=303)
    transition = services.TRANSITIONS.get(action)
    path = form.cleaned_data["path"]
    needs_decision = transition is not None and bool(transition.needs_decision_kind)
    if needs_decision and (
        not path or (path == CaseActionForm.PATH_DRAFT and action in OPENING_ACTIONS)
    ):
        # domain.md §3.1: never applied from the page without the head's decision.
        if action in OPENING_ACTIONS:
            refusal = _(
                "“{action}” cần quyết định của Thủ trưởng: quyết định thi hành án được dự thảo"
                " từ bản án trong phân hệ quyết định; tại đây chỉ ghi nhận được quyết định đã ký"
                " ngoài hệ thống (số và ngày quyết định)."
            )
        else:
            refusal = _(
                "“{action}” cần quyết định của Thủ trưởng: hãy dự thảo quyết định để Thủ trưởng"
                " ký, hoặc ghi nhận quyết định đã ký ngoài hệ thống (số và ngày quyết định)."
            )
        messages.error(request, refusal.format(action=transition.label))
        return HttpResponseRedirect(detail, status=303)
    if needs_decision and path == CaseActionForm.PATH_DRAFT:
        waiting = _pending_decisions(_decisions_for(request, case)).get(
            transition.needs_decision_kind
        )
        if waiting is not None:
            messages.error(
                request,
                _("Đã có dự thảo quyết định “{kind}” đang chờ Thủ trưởng ký.").format(
                    kind=waiting.kind_label
                ),
            )
            return HttpResponseRedirect(detail, status=303)
    try:
        if needs_decision and path == CaseActionForm.PATH_DRAFT:
            decision_id = services.case_decision_draft(
                actor=request.user,
                case=case,
                action=action,
                fields=form.decision_fields(case),
                payload=form.payload(),
            )
        else:
            case = services.case_transition(
                actor=request.user,
                case=case,
                action=form.cleaned_data["action"],
                version=form.cleaned_data["version"],
                payload=form.payload() or None,
            )
    except exceptions.CaseVersionConflictError:
        messages.error(request, _stale_message(case))
    except exceptions.CaseError as exc:
        messages.error(request, str(exc))
    except PermissionDenied:
        messages.error(request, _("Bạn không được dự thảo quyết định cho đơn vị này."))
    else:
        if needs_decision and path == CaseActionForm.PATH_DRAFT:
            _draft_message(request, case, transition, decision_id)
        else:
            messages.success(
                request,
                _("Đã cập nhật hồ sơ {number}: {state}.").format(
                    number=case.number, state=case.get_state_display()
                ),
            )
    return HttpResponseRedirect(detail, status=303)


def _draft_message(request: HttpRequest, case: Any, transition: Any, decision_id: Any) -> None:
    if decision_id is None:
        messages.error(request, _("Phân hệ quyết định chưa sẵn sàng: chưa dự thảo được."))
        return
    messages.success(
        request,
        _(
            "Đã dự thảo quyết định cho “{action}” của hồ sơ {number}. Hồ sơ chỉ thay đổi khi"
            " Thủ trưởng ký quyết định."
        ).format(action=transition.label, number=case.number),
    )


def _errors(form: CaseActionForm) -> str:
    return "; ".join(str(error) for errors in form.errors.values() for error in errors)


@staff_view(
    *WORKLIST_ROLES,
    note="open task of an office in scope, else 404; the service lets its assignee, any officer "
    "of the office for an unassigned task, or a head of the office close it",
)
@require_POST
def case_task_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a task from the worklist done (its progress shows on the operations centre)."""
    task = get_in_scope_or_404(
        selectors.case_task_list_for_user(actor=request.user), actor=request.user, pk=pk
    )
    back = _safe_next(request, reverse("enforcement:worklist"))
    try:
        services.case_task_done(actor=request.user, task=task)
    except exceptions.CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã đánh dấu hoàn thành: {title}").format(title=task.title))
    return HttpResponseRedirect(back, status=303)
