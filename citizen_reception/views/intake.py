"""Counter intake (issue 7 §2): the clerk scans the paper petition, the form comes back
prefilled from its OCR text (``citizen_reception.prefill``), the clerk checks the person and
their identity document, saves, and prints the acknowledgement (giấy biên nhận).

The scan is stored through ``thads.documents`` (hostile-upload checks, OCR pipeline) as a
document of the clerk's office; on save its bytes go with the petition as its first
attachment (the same bytes in the same office are the same document: nothing is stored twice).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from citizen_reception import services
from citizen_reception.exceptions import PetitionError
from citizen_reception.forms import PetitionIntakeForm
from citizen_reception.prefill import extract_petition
from citizen_reception.types import PetitionIntake
from citizen_reception.types import UploadedFileLike
from citizen_reception.views.common import RECEIVE_ROLES
from citizen_reception.views.common import go
from citizen_reception.views.common import vary
from enforcement import selectors as enforcement_selectors
from thads.documents import selectors as document_selectors
from thads.documents import services as document_services
from thads.documents.exceptions import DocumentRejectedError
from thads.documents.storage import original_path
from thads.permissions import staff_view

__all__ = ["intake_page", "intake_scan", "intake_scan_status"]

#: ``Document.purpose`` of a scanned petition (thads.documents.models.DOCUMENT_PURPOSES).
SCAN_PURPOSE = "petition"
READING = frozenset({"uploaded", "processing"})


class ScanForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bản quét hoặc ảnh chụp đơn"),
        help_text=gettext_lazy("PDF, JPEG, PNG, TIFF. Hệ thống đọc chữ và điền sẵn biểu mẫu."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff"}),
    )


def _scan_document(request: HttpRequest, raw: Any) -> Any:
    """The scan named by ``raw`` (a document id) if it is a petition scan in scope, else None."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    document = document_selectors.document_get_for_user(actor=request.user, pk=pk)
    return document if document.purpose == SCAN_PURPOSE else None


def _prefill(form: PetitionIntakeForm, document: Any) -> list[dict[str, Any]]:
    """Fill ``form`` from the scan's text; return the rows the page lists (field, value, %)."""
    pages = document_selectors.document_page_texts(document_id=document.pk, words=False)
    read = extract_petition(pages)
    rows = []
    for name, value in read.fields.items():
        if name not in form.fields:
            continue
        form.initial[name] = value.value
        widget = form.fields[name].widget
        widget.attrs["class"] = f"prefilled prefilled-{value.level}"
        widget.attrs["data-confidence"] = str(value.percent)
        shown = form[name]
        rows.append(
            {
                "name": name,
                "label": form.fields[name].label,
                "value": value.value,
                "display": (
                    dict(form.fields[name].choices).get(str(value.value), value.value)
                    if hasattr(form.fields[name], "choices")
                    else value.value
                ),
                "percent": value.percent,
                "level": value.level,
                "id": shown.id_for_label,
            }
        )
    form.initial["scan_document"] = document.pk
    return rows


def _intake_context(request: HttpRequest, form: PetitionIntakeForm, document: Any) -> dict:
    return {
        "form": form,
        "scan_form": ScanForm(),
        "document": document,
        "reading": document is not None and document.status in READING,
        "prefill_rows": [],
    }


def _find_case_id(request: HttpRequest, form: PetitionIntakeForm) -> int | bool | None:
    """The case named on the form (any office: the petition is routed there); False if the
    number matches no case (the form gets an error)."""
    number = form.cleaned_data.get("case_number", "").strip()
    if not number:
        return None
    code = form.cleaned_data.get("case_office_code", "").strip() or request.user.office.code
    ref = enforcement_selectors.case_find_by_number(
        actor=request.user, office_code=code, number=number
    )
    if ref is None:
        form.add_error(
            "case_number",
            _("Không tìm thấy hồ sơ %(number)s của cơ quan %(office)s.")
            % {"number": number, "office": code},
        )
        return False
    return ref.case_id


def _attachments(request: HttpRequest, form: PetitionIntakeForm) -> list[Any]:
    files: list[Any] = []
    document = _scan_document(request, form.cleaned_data.get("scan_document"))
    if document is not None:
        files.append(
            UploadedFileLike(
                name=document.original_name or f"ban-quet-don.{document.kind}",
                content_type=document.mime,
                content=original_path(document.storage_name).read_bytes(),
            )
        )
    files.extend(form.cleaned_data.get("attachments") or [])
    return files


def _intake_data(form: PetitionIntakeForm, case_id: int | None, files: list[Any]) -> PetitionIntake:
    data = form.cleaned_data
    anonymous = bool(data["anonymous"])
    return PetitionIntake(
        kind=data["kind"],
        channel=data["channel"],
        subject=data["subject"].strip(),
        content=data["content"].strip(),
        petitioner_name="" if anonymous else data["petitioner_name"].strip(),
        petitioner_id_number=data["petitioner_id_number"],
        petitioner_id_kind=data["petitioner_id_kind"] or "CCCD",
        petitioner_birth_year=data["petitioner_birth_year"],
        petitioner_address=data["petitioner_address"].strip(),
        petitioner_phone=data["petitioner_phone"],
        petitioner_email=data["petitioner_email"],
        anonymous=anonymous,
        signatory_count=data["signatory_count"],
        representatives=data["representatives"].strip(),
        respondent=data["respondent"].strip(),
        complaint_level=data["complaint_level"],
        complaint_object=data["complaint_object"],
        forwarded_by=data["forwarded_by"].strip(),
        received_on=data["received_on"],
        case_id=case_id,
        judgment_reference=data["judgment_reference"].strip(),
        province_code=data["province_code"],
        notify_email=data["notify_email"],
        notify_phone=data["notify_phone"],
        attachments=files,
    )


@staff_view(*RECEIVE_ROLES, note="counter staff receive into their own office; scan in scope")
@require_http_methods(["GET", "POST"])
def intake_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PetitionIntakeForm(request.POST, request.FILES)
        document = None
        if form.is_valid():
            document = _scan_document(request, form.cleaned_data.get("scan_document"))
            case_id = _find_case_id(request, form)
            if case_id is not False:
                try:
                    petition = services.petition_receive(
                        actor=request.user,
                        receiving_office=request.user.office,
                        data=_intake_data(form, case_id, _attachments(request, form)),
                        idempotency_key=form.cleaned_data["idempotency_key"],
                    )
                except DocumentRejectedError as exc:
                    form.add_error("attachments", exc.message)
                except PetitionError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(
                        request,
                        _("Đã tiếp nhận đơn. Mã tra cứu: %(code)s. Hãy in giấy biên nhận.")
                        % {"code": petition.code},
                    )
                    return go(
                        request,
                        reverse("citizen_reception:petition-detail", args=[petition.pk])
                        + "?received=1",
                    )
        else:
            document = _scan_document(request, request.POST.get("scan_document"))
        context = _intake_context(request, form, document)
        return render(request, "citizen_reception/staff/intake.html", context, status=422)

    form = PetitionIntakeForm()
    document = _scan_document(request, request.GET.get("scan"))
    context = _intake_context(request, form, document)
    if document is not None and document.status == "ready":
        context["prefill_rows"] = _prefill(form, document)
    elif document is not None and document.status == "failed":
        context["scan_failed"] = document.message or _("Không đọc được chữ trên bản quét.")
    return vary(render(request, "citizen_reception/staff/intake.html", context))


@staff_view(*RECEIVE_ROLES, note="the scan is stored in the clerk's own office")
@require_POST
def intake_scan(request: HttpRequest) -> HttpResponse:
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = document_services.document_store(
                actor=request.user,
                office=request.user.office,
                purpose=SCAN_PURPOSE,
                uploaded_file=form.cleaned_data["file"],
                process=True,
            )
        except DocumentRejectedError as exc:
            form.add_error("file", exc.message)
        else:
            return go(request, reverse("citizen_reception:intake") + f"?scan={document.pk}")
    context = _intake_context(request, PetitionIntakeForm(), None)
    context["scan_form"] = form
    return render(request, "citizen_reception/staff/intake.html", context, status=422)


@staff_view(*RECEIVE_ROLES, note="scan of the clerk's scope, else 404")
@require_GET
def intake_scan_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the intake page while the scan is read; reloads the page once it is done."""
    document = _scan_document(request, pk)
    if document is None:
        raise Http404
    if document.status in READING:
        return vary(
            render(
                request,
                "citizen_reception/staff/intake.html#intake-scan-reading",
                {"document": document},
            )
        )
    return go(request, reverse("citizen_reception:intake") + f"?scan={document.pk}")
