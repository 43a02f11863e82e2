"""Petition list (filters, overdue marks), petition page, and the action panels of a petition:
classify, assign, accept, refuse, store, forward, guide, note, resolve, withdraw, close, appeal,
split and mark as duplicate, each offered only when ``petition_allowed_actions`` allows it.

Thin edges (style.md 2.3): petitions are read through ``citizen_reception.selectors`` (a
petition outside the actor's scope is 404), every change goes through one service (role,
state and version checks, audit, public event, notification). An action form is an htmx panel
on the petition page and a plain page without JavaScript (one URL, two representations).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from citizen_reception import forms as f
from citizen_reception import permissions as perms
from citizen_reception import selectors
from citizen_reception import services
from citizen_reception.exceptions import PetitionError
from citizen_reception.exceptions import PetitionStaleError
from citizen_reception.models import Petition
from citizen_reception.types import PetitionIntake
from citizen_reception.views.common import PETITION_VIEW_ROLES
from citizen_reception.views.common import go
from citizen_reception.views.common import vary
from thads.documents.storage import original_path
from thads.org.models import Office
from thads.permissions import staff_view

__all__ = [
    "ACTIONS",
    "petition_acknowledgement",
    "petition_action",
    "petition_attachment",
    "petition_detail",
    "petition_list",
    "petition_resolution",
]

PAGE_SIZE = 25
#: How long a used idempotency key of an action form is remembered (double submits).
IDEMPOTENCY_TTL = 24 * 3600
#: A deadline this close (calendar days) is marked "soon".
SOON_DAYS = 3
#: The staff page's words for each event (``PetitionEvent.action``); the public text, when an
#: event has one, is shown as well.
EVENT_LABELS = {
    "petition_received": gettext_lazy("Tiếp nhận đơn"),
    "petition_classified": gettext_lazy("Phân loại đơn"),
    "petition_assigned": gettext_lazy("Giao cán bộ xử lý"),
    "petition_judgment_linked": gettext_lazy("Gắn bản án, quyết định"),
    "petition_decision_requested": gettext_lazy("Dự thảo quyết định thi hành án"),
    "petition_case_opened": gettext_lazy("Mở hồ sơ thi hành án"),
    "petition_accepted": gettext_lazy("Thụ lý đơn"),
    "petition_refused": gettext_lazy("Không thụ lý"),
    "petition_stored": gettext_lazy("Lưu đơn"),
    "petition_forwarded": gettext_lazy("Chuyển đơn"),
    "petition_guided": gettext_lazy("Hướng dẫn người gửi đơn"),
    "petition_note_added": gettext_lazy("Ghi chép xác minh"),
    "petition_resolved": gettext_lazy("Giải quyết đơn"),
    "petition_withdrawn": gettext_lazy("Rút đơn"),
    "petition_closed": gettext_lazy("Kết thúc"),
    "petition_split": gettext_lazy("Tách đơn"),
    "petition_duplicate": gettext_lazy("Đánh dấu đơn trùng"),
}
#: Names the services may use for the same action.
ACTION_ALIASES = {"note_add": "note", "mark_duplicate": "duplicate", "add_note": "note"}


@dataclass(frozen=True)
class ActionSpec:
    """One action of the petition page: its label, its form and the service it calls."""

    code: str
    label: Any
    form: type[forms.Form]
    run: Callable[[HttpRequest, Petition, dict[str, Any]], Any]
    done: Any
    tone: str = "secondary"
    help: Any = ""


def _versioned(data: dict[str, Any]) -> dict[str, Any]:
    return {"version": data["version"]}


def _appeal_intake(previous: Petition, data: dict[str, Any]) -> PetitionIntake:
    """A second-level complaint or a further denunciation by the same person."""
    return PetitionIntake(
        kind=previous.kind,
        channel=Petition.Channel.COUNTER,
        subject=data["subject"].strip(),
        content=data["content"].strip(),
        petitioner_name=previous.petitioner_name,
        petitioner_id_number=previous.petitioner_id_number,
        petitioner_id_kind=previous.petitioner_id_kind,
        petitioner_birth_year=previous.petitioner_birth_year,
        petitioner_address=previous.petitioner_address,
        petitioner_phone=previous.petitioner_phone,
        petitioner_email=previous.petitioner_email,
        anonymous=previous.anonymous,
        signatory_count=previous.signatory_count,
        representatives=previous.representatives,
        respondent=previous.respondent,
        complaint_level=2 if previous.kind == Petition.Kind.COMPLAINT else None,
        complaint_object=previous.complaint_object,
        received_on=data["received_on"],
        case_id=previous.case_id,
        judgment_reference=previous.judgment_reference,
        notify_email=previous.notify_email,
        notify_phone=previous.notify_phone,
    )


def _original(request: HttpRequest, code: str) -> Petition:
    try:
        return selectors.petition_get_by_code_for_user(user=request.user, code=code)
    except Http404:
        raise PetitionError(_("Không tìm thấy đơn có mã %(code)s.") % {"code": code}) from None


def _run(name: str) -> Callable[..., Any]:
    return getattr(services, name)


ACTIONS: dict[str, ActionSpec] = {
    spec.code: spec
    for spec in (
        ActionSpec(
            "classify",
            gettext_lazy("Phân loại đơn"),
            f.ClassifyForm,
            lambda r, p, d: _run("petition_classify")(
                actor=r.user,
                petition=p,
                version=d["version"],
                kind=d["kind"],
                complaint_level=d["complaint_level"],
                complaint_object=d["complaint_object"],
                complex_case=d["complex_case"],
                remote_area=d["remote_area"],
            ),
            gettext_lazy("Đã phân loại đơn."),
            help=gettext_lazy("Khiếu nại, tố cáo, kiến nghị, phản ánh (TT13 Điều 6)."),
        ),
        ActionSpec(
            "assign",
            gettext_lazy("Giao xử lý"),
            f.AssignForm,
            lambda r, p, d: _run("petition_assign")(
                actor=r.user, petition=p, version=d["version"], officer=d["officer"]
            ),
            gettext_lazy("Đã giao đơn cho cán bộ xử lý."),
        ),
        ActionSpec(
            "accept",
            gettext_lazy("Thụ lý"),
            f.ConfirmForm,
            lambda r, p, d: _run("petition_accept")(actor=r.user, petition=p, version=d["version"]),
            gettext_lazy("Đã thụ lý đơn; thời hạn giải quyết đã được tính."),
            tone="primary",
            help=gettext_lazy(
                "Thụ lý tính thời hạn giải quyết theo loại đơn; đơn yêu cầu thi hành án được "
                "dự thảo quyết định thi hành án để Thủ trưởng ký."
            ),
        ),
        ActionSpec(
            "refuse",
            gettext_lazy("Không thụ lý"),
            f.ReasonForm,
            lambda r, p, d: _run("petition_refuse")(
                actor=r.user, petition=p, version=d["version"], reason=d["reason"]
            ),
            gettext_lazy("Đã ghi nhận không thụ lý đơn."),
            tone="danger",
            help=gettext_lazy("Luật THADS Điều 141: lý do được thông báo cho người gửi đơn."),
        ),
        ActionSpec(
            "store",
            gettext_lazy("Lưu đơn"),
            f.ReasonForm,
            lambda r, p, d: _run("petition_store")(
                actor=r.user, petition=p, version=d["version"], reason=d["reason"]
            ),
            gettext_lazy("Đã lưu đơn (không xử lý)."),
            help=gettext_lazy(
                "TT13 Điều 8(4): đơn nặc danh, trùng lặp, không rõ địa chỉ… lưu 1 năm."
            ),
        ),
        ActionSpec(
            "forward",
            gettext_lazy("Chuyển đơn"),
            f.ForwardForm,
            lambda r, p, d: _run("petition_forward")(
                actor=r.user,
                petition=p,
                version=d["version"],
                to_office=d["to_office"],
                to_agency=(d["to_agency"] or "").strip(),
                reason=d["reason"],
            ),
            gettext_lazy("Đã chuyển đơn."),
            help=gettext_lazy("Chuyển cơ quan có thẩm quyền và báo cho người gửi đơn."),
        ),
        ActionSpec(
            "guide",
            gettext_lazy("Hướng dẫn"),
            f.GuideForm,
            lambda r, p, d: _run("petition_guide")(
                actor=r.user, petition=p, version=d["version"], text=d["text"]
            ),
            gettext_lazy("Đã gửi hướng dẫn cho người gửi đơn."),
        ),
        ActionSpec(
            "note",
            gettext_lazy("Ghi chép xác minh"),
            f.NoteForm,
            lambda r, p, d: _run("petition_note_add")(
                actor=r.user, petition=p, kind=d["kind"], text=d["text"]
            ),
            gettext_lazy("Đã thêm ghi chép."),
        ),
        ActionSpec(
            "resolve",
            gettext_lazy("Giải quyết"),
            f.ResolveForm,
            lambda r, p, d: _run("petition_resolve")(
                actor=r.user, petition=p, version=d["version"], summary=d["summary"]
            ),
            gettext_lazy("Đã ban hành văn bản giải quyết (đã ký số)."),
            tone="primary",
        ),
        ActionSpec(
            "withdraw",
            gettext_lazy("Rút đơn"),
            f.ReasonForm,
            lambda r, p, d: _run("petition_withdraw")(
                actor=r.user, petition=p, version=d["version"], reason=d["reason"]
            ),
            gettext_lazy("Đã ghi nhận người gửi rút đơn."),
        ),
        ActionSpec(
            "close",
            gettext_lazy("Kết thúc"),
            f.ReasonForm,
            lambda r, p, d: _run("petition_close")(
                actor=r.user, petition=p, version=d["version"], reason=d["reason"]
            ),
            gettext_lazy("Đã kết thúc xử lý đơn."),
        ),
        ActionSpec(
            "appeal",
            gettext_lazy("Khiếu nại lần hai, tố cáo tiếp"),
            f.AppealForm,
            lambda r, p, d: _run("petition_appeal")(
                actor=r.user,
                previous=p,
                data=_appeal_intake(p, d),
                idempotency_key=d["idempotency_key"],
            ),
            gettext_lazy("Đã tiếp nhận đơn mới; đơn được chuyển tới cơ quan cấp trên."),
        ),
        ActionSpec(
            "split",
            gettext_lazy("Tách đơn"),
            f.SplitForm,
            lambda r, p, d: _run("petition_split")(
                actor=r.user, petition=p, version=d["version"], parts=d["parts"]
            ),
            gettext_lazy("Đã tách đơn; mỗi phần có thời hạn riêng."),
            help=gettext_lazy("Đơn có nhiều nội dung: mỗi phần xử lý theo quy định riêng."),
        ),
        ActionSpec(
            "duplicate",
            gettext_lazy("Đánh dấu trùng"),
            f.DuplicateForm,
            lambda r, p, d: _run("petition_mark_duplicate")(
                actor=r.user,
                petition=p,
                version=d["version"],
                original=_original(r, d["original_code"]),
            ),
            gettext_lazy("Đã đánh dấu đơn trùng."),
        ),
    )
}


# --- list -----------------------------------------------------------------------------------


def _mark_urgency(rows: Any, today: dt.date) -> None:
    for row in rows:
        due = getattr(row, "next_due_on", None)
        row.days_left = None if due is None or not row.is_open else (due - today).days


def _selector_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The list form's filters in the selector's terms (``PETITION_FILTER_KEYS``)."""
    state = filters["state"]
    return {
        "q": filters["q"],
        "kind": filters["kind"],
        "channel": filters["channel"],
        "state": "" if state == "open" else state,
        "open": state == "open",
        "overdue": filters["deadline"] == "overdue",
        "assigned_to": "me" if filters["mine"] else "",
        "scope": filters["scope"],
    }


@staff_view(
    *PETITION_VIEW_ROLES, note="petitions whose responsible or receiving office is in scope"
)
@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = f.PetitionFilterForm(request.GET or None)
    filters = form.filters()
    queryset = selectors.petition_list_for_user(
        user=request.user, filters=_selector_filters(filters)
    )
    if filters["deadline"] == "soon":
        queryset = queryset.filter(
            next_due_on__gte=today, next_due_on__lte=today + dt.timedelta(days=SOON_DAYS)
        )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    _mark_urgency(page.object_list, today)
    context = {
        "form": form,
        "page": page,
        "today": today,
        "can_receive": request.user.role in perms.RECEIVE_ROLES,
    }
    template = "citizen_reception/staff/petition_list.html"
    if request.htmx and request.htmx.target == "petition-table":
        template += "#petition-table"
    return vary(render(request, template, context))


# --- detail ---------------------------------------------------------------------------------


def _allowed(request: HttpRequest, petition: Petition) -> list[str]:
    codes = services.petition_allowed_actions(actor=request.user, petition=petition)
    return [
        ACTION_ALIASES.get(code, code)
        for code in codes
        if ACTION_ALIASES.get(code, code) in ACTIONS
    ]


def _officers(request: HttpRequest, petition: Petition) -> Any:
    return selectors.petition_assignable_officers(user=request.user, petition=petition)


def _forward_offices(petition: Petition) -> Any:
    return (
        Office.objects.filter(
            is_active=True, level__in=(Office.Level.PROVINCIAL, Office.Level.REGIONAL)
        )
        .exclude(pk=petition.office_id)
        .order_by("code")
    )


def _bind(
    spec: ActionSpec, request: HttpRequest, petition: Petition, data: Any = None
) -> forms.Form:
    kwargs: dict[str, Any] = {"auto_id": f"id_{spec.code}_%s"}
    if spec.form is f.AssignForm:
        kwargs["officers"] = _officers(request, petition)
    if spec.form is f.ForwardForm:
        kwargs["offices"] = _forward_offices(petition)
    if data is not None:
        return spec.form(data, **kwargs)
    initial: dict[str, Any] = {"version": petition.version}
    if spec.code == "classify":
        initial.update(
            kind=petition.kind,
            complaint_level=petition.complaint_level,
            complaint_object=petition.complaint_object,
            complex_case=petition.complex_case,
            remote_area=petition.remote_area,
        )
    if spec.code == "assign" and petition.assigned_to_id:
        initial["officer"] = petition.assigned_to_id
    if spec.code == "appeal":
        initial["subject"] = petition.subject
    return spec.form(initial=initial, **kwargs)


def _detail_context(request: HttpRequest, petition: Petition) -> dict[str, Any]:
    today = timezone.localdate()
    deadlines = list(selectors.petition_deadlines(petition=petition))
    for deadline in deadlines:
        deadline.days_left = (
            None if deadline.met_at or deadline.cancelled else (deadline.due_on - today).days
        )
    allowed = _allowed(request, petition)
    return {
        "petition": petition,
        "today": today,
        "deadlines": deadlines,
        "events": _labelled(selectors.petition_events(petition=petition)),
        "notes": selectors.petition_notes(petition=petition),
        "attachments": petition.attachments.all(),
        "parts": petition.parts.all(),
        "appeals": petition.appeals.all(),
        "actions": [ACTIONS[code] for code in allowed],
        "flags": _flag_labels(petition),
        "received": request.GET.get("received") == "1",
    }


def _labelled(events: Any) -> list[Any]:
    events = list(events)
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    return events


def _flag_labels(petition: Petition) -> list[str]:
    flags = getattr(petition, "flags", None) or []
    labels = getattr(services, "PETITION_FLAG_LABELS", {})
    return [str(labels.get(flag, flag)) for flag in flags]


def _petition(request: HttpRequest, pk: int) -> Petition:
    return selectors.petition_get_for_user(user=request.user, pk=pk)


@staff_view(
    *PETITION_VIEW_ROLES, note="petition of the responsible or receiving office in scope, else 404"
)
@require_GET
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    template = "citizen_reception/staff/petition_detail.html"
    target = request.htmx.target if request.htmx else None
    if target in ("petition-actions", "petition-timeline", "petition-deadlines"):
        template += f"#{target}"
    return vary(render(request, template, _detail_context(request, petition)))


@staff_view(
    *PETITION_VIEW_ROLES,
    note="petition in scope else 404; an action the service does not allow the actor is 403",
)
@require_http_methods(["GET", "POST"])
def petition_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    petition = _petition(request, pk)
    detail = reverse("citizen_reception:petition-detail", args=[petition.pk])
    if action not in _allowed(request, petition):
        raise PermissionDenied(
            _("Bạn không thể thực hiện thao tác này với đơn ở trạng thái hiện tại.")
        )
    status = 200
    if request.method == "POST":
        form = _bind(spec, request, petition, request.POST)
        if form.is_valid() and spec.code == "note" and not _first_submit(request, petition, form):
            messages.info(request, _("Thao tác này đã được ghi nhận."))
            return go(request, detail)
        if form.is_valid():
            try:
                result = spec.run(request, petition, form.cleaned_data)
            except PetitionStaleError as exc:
                messages.error(request, exc.message)
                return go(request, detail)
            except PetitionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, str(spec.done))
                return go(request, _after(detail, action, result))
        status = 422
    else:
        form = _bind(spec, request, petition)
    context = {"petition": petition, "spec": spec, "form": form}
    template = "citizen_reception/staff/petition_action.html"
    if request.htmx:
        template += "#petition-action-form"
    return vary(render(request, template, context, status=status))


def _first_submit(request: HttpRequest, petition: Petition, form: forms.Form) -> bool:
    """False when a note (no version to go stale) comes twice with the same key. An appeal's
    key is the service's own (``petition_appeal`` returns the same petition)."""
    key = form.cleaned_data.get("idempotency_key")
    if not key:
        return True
    return cache.add(
        f"citizen_reception:action:{request.user.pk}:{petition.pk}:{key}", 1, IDEMPOTENCY_TTL
    )


def _after(detail: str, action: str, result: Any) -> str:
    """Where to go after an action: the new petition of an appeal, else the petition page."""
    if action == "appeal" and isinstance(result, Petition):
        return reverse("citizen_reception:petition-detail", args=[result.pk])
    return detail


# --- files ----------------------------------------------------------------------------------


def _file(document: Any, filename: str, *, attachment: bool = False) -> FileResponse:
    try:
        handle = original_path(document.storage_name).open("rb")
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(
        handle, content_type=document.mime, as_attachment=attachment, filename=filename
    )


@staff_view(*PETITION_VIEW_ROLES, note="petition in scope, else 404")
@require_GET
def petition_acknowledgement(request: HttpRequest, pk: int) -> HttpResponse:
    """The acknowledgement (giấy biên nhận) PDF to print for the citizen."""
    petition = _petition(request, pk)
    if petition.acknowledgement_document_id is None:
        return render(
            request,
            "citizen_reception/staff/acknowledgement_missing.html",
            {"petition": petition},
            status=409,
        )
    return _file(petition.acknowledgement_document, f"giay-bien-nhan-{petition.code}.pdf")


@staff_view(*PETITION_VIEW_ROLES, note="attachment of a petition in scope, else 404")
@require_GET
def petition_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    attachment = petition.attachments.select_related("document").filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return _file(attachment.document, attachment.original_name, attachment=True)


@staff_view(*PETITION_VIEW_ROLES, note="petition in scope, else 404")
@require_GET
def petition_resolution(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed resolution decision or answer of a resolved petition."""
    petition = _petition(request, pk)
    if petition.resolution_document_id is None:
        raise Http404
    return _file(petition.resolution_document, f"giai-quyet-don-{petition.code}.pdf")
