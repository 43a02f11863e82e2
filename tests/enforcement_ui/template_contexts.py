"""Contexts for tests/architecture/test_templates_render.py: the enforcement case pages, rendered
with real cases, deadlines (one recomputed), events, tasks and load figures."""

import datetime as dt

from django.core.paginator import Paginator

from decisions.types import DecisionSummary
from enforcement.forms import CaseActionForm
from enforcement.forms import CaseListFilterForm
from enforcement.forms import WorklistFilterForm
from enforcement.selectors import case_list_for_scope
from enforcement.selectors import case_page_context
from enforcement.selectors import entrust_office_choices
from enforcement.selectors import office_load_for_user
from enforcement.selectors import office_unassigned_cases
from enforcement.selectors import set_working_days_left
from enforcement.selectors import urgency_counts
from enforcement.selectors import worklist_for_officer
from enforcement.services import AllowedAction
from tests.factories.enforcement import CaseEventFactory
from tests.factories.enforcement import CaseFactory
from tests.factories.enforcement import CaseTaskFactory
from tests.factories.enforcement import DeadlineFactory

TODAY = dt.date(2026, 2, 13)


def _case(request, **fields):
    fields.setdefault("assigned_officer", request.user)
    case = CaseFactory(office=request.user.office, **fields)
    DeadlineFactory(case=case, trigger_on=dt.date(2026, 2, 2), due_on=dt.date(2026, 2, 5))
    DeadlineFactory(
        case=case,
        rule_code="T9_VOLUNTARY_PERIOD",
        trigger_on=dt.date(2026, 2, 2),
        due_on=dt.date(2026, 2, 23),
        recomputed=True,
        history=[
            {
                "on": "2026-02-09",
                "reason": "Hoãn thi hành án",
                "old_due_on": "2026-02-12",
                "new_due_on": "2026-02-23",
            }
        ],
        explanation={
            "legal_basis": "Điều 45 khoản 1 Luật THADS 2008",
            "start_event": "Thông báo hợp lệ quyết định thi hành án",
            "rule": "Tính 10 ngày kể từ ngày tiếp theo sau 02/02/2026.",
            "skipped": [{"date": "2026-02-16", "name": "Giao thừa Tết Nguyên Đán"}],
        },
    )
    CaseEventFactory(case=case, actor=request.user, state_before="received", state_after="notified")
    CaseTaskFactory(case=case, assignee=request.user)
    return case


def _rows(queryset):
    page = Paginator(queryset, 20).get_page(1)
    set_working_days_left(page.object_list, today=TODAY)
    return page


def _worklist(request):
    _case(request)
    worklist = worklist_for_officer(actor=request.user, today=TODAY)
    return {
        "form": WorklistFilterForm(),
        "page": _rows(worklist),
        "counts": urgency_counts(worklist),
        "today": TODAY,
    }


def _case_list(request):
    _case(request)
    return {
        "form": CaseListFilterForm(officers=[request.user]),
        "page": _rows(case_list_for_scope(actor=request.user, today=TODAY)),
        "today": TODAY,
    }


def _office_load(request):
    _case(request, assigned_officer=None)
    office = request.user.office
    loads, suggestion = office_load_for_user(actor=request.user, office=office, today=TODAY)
    page = _rows(office_unassigned_cases(actor=request.user, office=office, today=TODAY))
    return {
        "office": office,
        "offices": [office],
        "loads": loads,
        "suggestion": suggestion,
        "page": page,
        "officers": [request.user],
        "today": TODAY,
    }


def _case_detail(request):
    case = _case(request)
    action = AllowedAction(
        "start_verification",
        "Bắt đầu xác minh điều kiện thi hành án",
        "",
        "Thời hạn tự nguyện thi hành án chưa hết.",
    )
    notice = AllowedAction("serve_notice", "Ghi nhận thông báo hợp lệ", "")
    postpone = AllowedAction("postpone", "Hoãn thi hành án", "postponement")
    terminate = AllowedAction("terminate", "Đình chỉ thi hành án", "termination")
    entrust = AllowedAction("entrust", "Ủy thác thi hành án", "entrustment")
    pending = _pending_summary(case)
    forms = [_action_form(item, case) for item in (notice, action, postpone, terminate, entrust)]
    forms[3]["pending"] = pending
    return {
        "case": case,
        "today": TODAY,
        "action_forms": forms,
        "panels": [{"key": "service", "url": "/enforcement/"}],
        "ledger_url": "",
        "decisions": [pending],
        "can_assign": True,
        "officers": [request.user],
        **case_page_context(case=case, today=TODAY),
    }


def _pending_summary(case):
    return DecisionSummary(
        decision_id=41,
        office_id=case.office_id,
        kind="termination",
        kind_label="Đình chỉ thi hành án",
        status="draft",
        status_label="Dự thảo",
        number="",
        issued_on=None,
        detail_url="/decisions/41/",
        pdf_url="",
        verify_url="",
        case_id=case.pk,
    )


def _action_form(item, case):
    offices = entrust_office_choices(case=case) if item.action == "entrust" else ()
    return {
        "action": item,
        "form": CaseActionForm(
            initial={"action": item.action, "version": case.version},
            auto_id=f"id_{item.action}_%s",
            offices=offices,
        ),
        "asks_notice": item.action == "serve_notice",
        "asks_until": item.action == "postpone",
        "asks_amount": False,
        "asks_note": True,
        "asks_office": item.action == "entrust",
        "needs_decision": bool(item.needs_decision_kind),
        "can_draft": bool(item.needs_decision_kind),
        "draft_label": f"Dự thảo quyết định {item.label.lower()}",
        "pending": None,
    }


def _decision_action_form(request):
    case = _case(request)
    entrust = AllowedAction("entrust", "Ủy thác thi hành án", "entrustment")
    return {"case": case, "item": _action_form(entrust, case)}


def _entrust_office_select(request):
    case = _case(request)
    form = CaseActionForm(
        auto_id="id_entrust_%s", offices=entrust_office_choices(case=case, query="T")
    )
    return {"case": case, "office_field": form["office"], "office_query": "T"}


def _case_row(request):
    _case(request)
    page = _rows(worklist_for_officer(actor=request.user, today=TODAY))
    return {"row": page.object_list[0], "show_officer": True, "show_office": True}


TEMPLATE_CONTEXTS = {
    "enforcement/worklist.html": _worklist,
    "enforcement/case_list.html": _case_list,
    "enforcement/office_load.html": _office_load,
    "enforcement/case_detail.html": _case_detail,
    "enforcement/partials/case_row.html": _case_row,
    "enforcement/partials/decision_action_form.html": _decision_action_form,
    "enforcement/partials/decision_action_form.html#entrust-office-select": (
        _entrust_office_select
    ),
    "enforcement/partials/state_badge.html": lambda request: {
        "state": "coercion",
        "label": "Đang cưỡng chế",
    },
    "enforcement/partials/days_left.html": lambda request: {"left": -2, "overdue": 2},
}
