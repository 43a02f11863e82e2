"""Staff pages of the intake side: scans of payment documents and their prefill, bank
statements and their matching, the daily reconciliation, office bank accounts, and the
payment notice with its VietQR code. Thin: parse, call one selector or service, render.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from receipts import exports
from receipts.models import BankStatementLine
from receipts.models import ReceiptScan
from receipts.prefill import FIELD_NAMES
from receipts.selectors import intake as selectors
from receipts.services import intake as services
from thads.documents.exceptions import DocumentRejectedError
from thads.money import AmountError
from thads.money import parse_vnd
from thads.permissions import Role
from thads.permissions import staff_view

#: Scan payment documents and confirm their prefill (staff who collect money, TT04 Art 16).
SCAN_ROLES = (
    Role.COUNTER_STAFF,
    Role.CASHIER,
    Role.ACCOUNTANT,
    Role.ENFORCEMENT_OFFICER,
    Role.OFFICE_HEAD,
)
#: Read statements and the daily reconciliation (accounting, its leaders).
RECON_VIEW_ROLES = (
    Role.ACCOUNTANT,
    Role.CASHIER,
    Role.OFFICE_HEAD,
    Role.PROVINCIAL_HEAD,
    Role.MINISTRY_LEADER,
)
#: Import statements, match lines, set the deposit account (TT 78/2020: the accountant).
RECON_WRITE_ROLES = (Role.ACCOUNTANT, Role.OFFICE_HEAD)
#: Record the day's cash count (the cashier; the accountant may correct it).
CASH_ROLES = (Role.CASHIER, Role.ACCOUNTANT)
#: Print a payment notice for a case.
NOTICE_ROLES = (
    Role.ENFORCEMENT_OFFICER,
    Role.CLERK,
    Role.ACCOUNTANT,
    Role.COUNTER_STAFF,
    Role.OFFICE_HEAD,
)

FIELD_LABELS = {
    "payer": gettext_lazy("Người nộp tiền"),
    "amount_vnd": gettext_lazy("Số tiền (đồng)"),
    "date": gettext_lazy("Ngày nộp"),
    "bank_reference": gettext_lazy("Số tham chiếu ngân hàng"),
    "account_number": gettext_lazy("Số tài khoản người nộp"),
    "bank_name": gettext_lazy("Ngân hàng"),
    "content": gettext_lazy("Nội dung"),
    "case_reference": gettext_lazy("Số hồ sơ thi hành án"),
}


class ScanUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Ảnh chụp hoặc bản quét chứng từ"),
        help_text=gettext_lazy(
            "Giấy báo có, ủy nhiệm chi, biên lai chuyển khoản hoặc biên bản giao nhận tiền "
            "(PDF, JPEG, PNG, TIFF)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff"}),
    )


class ScanConfirmForm(forms.Form):
    payer = forms.CharField(label=FIELD_LABELS["payer"], max_length=200, required=False)
    amount_vnd = forms.CharField(label=FIELD_LABELS["amount_vnd"], max_length=30, required=False)
    date = forms.DateField(
        label=FIELD_LABELS["date"],
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    bank_reference = forms.CharField(
        label=FIELD_LABELS["bank_reference"], max_length=64, required=False
    )
    account_number = forms.CharField(
        label=FIELD_LABELS["account_number"], max_length=34, required=False
    )
    bank_name = forms.CharField(label=FIELD_LABELS["bank_name"], max_length=200, required=False)
    content = forms.CharField(label=FIELD_LABELS["content"], max_length=500, required=False)
    case_reference = forms.CharField(
        label=FIELD_LABELS["case_reference"], max_length=40, required=False
    )

    def clean_amount_vnd(self) -> int | None:
        raw = self.cleaned_data.get("amount_vnd", "").strip()
        if not raw:
            return None
        try:
            return parse_vnd(raw)
        except AmountError as exc:
            raise forms.ValidationError(exc.message) from None


class StatementImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp sao kê (CSV)"),
        help_text=gettext_lazy(
            "Các cột: Ngày giao dịch, Ghi có, Ghi nợ (hoặc Số tiền), Số tham chiếu, Người "
            "chuyển, Tài khoản đối ứng, Nội dung. Dấu phân cách , ; hoặc tab; mã UTF-8."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt"}),
    )


class CashCountForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Ngày"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    cash_in_vnd = forms.CharField(label=gettext_lazy("Tiền mặt nhập quỹ (đồng)"), max_length=30)
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=500, required=False)

    def clean_cash_in_vnd(self) -> int:
        try:
            return parse_vnd(self.cleaned_data["cash_in_vnd"])
        except AmountError as exc:
            raise forms.ValidationError(exc.message) from None


class BankAccountForm(forms.Form):
    bank_bin = forms.RegexField(
        label=gettext_lazy("Mã BIN ngân hàng (6 số, NAPAS)"),
        regex=r"^\d{6}$",
        error_messages={"invalid": gettext_lazy("Mã BIN gồm đúng 6 chữ số.")},
    )
    bank_name = forms.CharField(label=gettext_lazy("Tên ngân hàng"), max_length=200)
    account_number = forms.RegexField(
        label=gettext_lazy("Số tài khoản"),
        regex=r"^[0-9A-Za-z ]{4,23}$",
        error_messages={"invalid": gettext_lazy("Số tài khoản chỉ gồm chữ và số.")},
    )
    account_name = forms.CharField(label=gettext_lazy("Tên tài khoản"), max_length=200)


class LineAssignForm(forms.Form):
    case_number = forms.CharField(label=gettext_lazy("Số hồ sơ"), max_length=40)


class LineIgnoreForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=300)


def _vary(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


def _go(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# --- scans -------------------------------------------------------------------------------------


@staff_view(*SCAN_ROLES, note="staff who collect money; scans of offices in scope")
@require_GET
def scan_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.receipt_scan_list_for_user(actor=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request, "receipts/intake/scan_list.html", {"page": page, "form": ScanUploadForm()}
    )


@staff_view(*SCAN_ROLES, note="staff who collect money upload into their own office")
@require_http_methods(["GET", "POST"])
def scan_upload(request: HttpRequest) -> HttpResponse:
    form = ScanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            scan = services.receipt_scan_upload(
                actor=request.user, uploaded_file=form.cleaned_data["file"]
            )
        except DocumentRejectedError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("Đã tải lên chứng từ; hệ thống đang đọc thông tin."))
            return _go(request, reverse("receipts:scan-detail", args=[scan.pk]))
    status = 422 if request.method == "POST" else 200
    return render(request, "receipts/intake/scan_upload.html", {"form": form}, status=status)


def _scan_context(request: HttpRequest, scan: ReceiptScan) -> dict:
    fields = scan.fields or {}
    initial = {}
    for name in FIELD_NAMES:
        value = (scan.confirmed or {}).get(name) if scan.confirmed else None
        if value is None:
            value = (fields.get(name) or {}).get("value")
        if name == "amount_vnd" and isinstance(value, int):
            value = f"{value:,}".replace(",", ".")
        if name == "date" and value:
            try:
                value = dt.date.fromisoformat(str(value))
            except ValueError:
                value = None
        initial[name] = value
    form = ScanConfirmForm(initial=initial)
    rows = []
    for name in FIELD_NAMES:
        read = fields.get(name) or {}
        confidence = read.get("confidence")
        rows.append(
            {
                "name": name,
                "field": form[name],
                "confidence": round(confidence * 100) if confidence is not None else None,
                "level": (
                    ""
                    if confidence is None
                    else "low"
                    if confidence < 0.6
                    else "mid"
                    if confidence < 0.85
                    else "high"
                ),
            }
        )
    boxes = [
        {"field": name, "left": b[0], "top": b[1], "width": b[2], "height": b[3]}
        for name, read in fields.items()
        if (b := read.get("box")) and read.get("page") == 1
    ]
    try:
        create_url = reverse("receipts:receipt-create") + f"?scan={scan.pk}"
    except NoReverseMatch:
        create_url = ""
    return {
        "scan": scan,
        "document": scan.document,
        "rows": rows,
        "boxes": boxes,
        "form": form,
        "create_url": create_url,
        "corrections": scan.corrections.select_related("corrected_by"),
    }


@staff_view(*SCAN_ROLES, note="staff who collect money; scan of an office in scope, else 404")
@require_GET
def scan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scan = selectors.receipt_scan_get_for_user(actor=request.user, pk=pk)
    if scan.status == ReceiptScan.Status.PROCESSING:
        # Until the pipeline's event is wired, the polling page finishes the extraction.
        scan = services.receipt_scan_extract(scan_id=scan.pk) or scan
        scan = selectors.receipt_scan_get_for_user(actor=request.user, pk=pk)
    template = "receipts/intake/scan_detail.html"
    if request.htmx and request.htmx.target == "scan-review":
        template += "#scan-review"
    return _vary(render(request, template, _scan_context(request, scan)))


@staff_view(*SCAN_ROLES, note="staff who collect money; scan of an office in scope, else 404")
@require_POST
def scan_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    scan = selectors.receipt_scan_get_for_user(actor=request.user, pk=pk)
    form = ScanConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.receipt_scan_confirm(actor=request.user, scan=scan, values=form.cleaned_data)
        except services.ScanNotReadyError as exc:
            messages.error(request, exc.message)
            return _go(request, reverse("receipts:scan-detail", args=[scan.pk]))
        messages.success(request, _("Đã xác nhận thông tin chứng từ."))
        context = _scan_context(request, scan)
        return _go(request, context["create_url"] or reverse("receipts:scan-detail", args=[pk]))
    context = _scan_context(request, scan)
    context["form"] = form
    for row in context["rows"]:
        row["field"] = form[row["name"]]
    return render(request, "receipts/intake/scan_detail.html", context, status=422)


# --- statements ------------------------------------------------------------------------------


@staff_view(*RECON_VIEW_ROLES, note="accounting and leaders; statements of offices in scope")
@require_GET
def statement_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.statement_list_for_user(actor=request.user), 25).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "form": StatementImportForm(),
        "can_import": request.user.role in RECON_WRITE_ROLES,
    }
    return render(request, "receipts/intake/statement_list.html", context)


@staff_view(*RECON_WRITE_ROLES, note="the accountant imports into their own office")
@require_POST
def statement_import(request: HttpRequest) -> HttpResponse:
    form = StatementImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            statement = services.bank_statement_import(
                actor=request.user, uploaded_file=form.cleaned_data["file"]
            )
        except services.StatementFileError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(
                request,
                _("Đã nhập %(lines)s dòng, khớp %(matched)s dòng, %(errors)s dòng lỗi.")
                % {
                    "lines": statement.line_count,
                    "matched": statement.matched_count,
                    "errors": statement.error_count,
                },
            )
            return _go(request, reverse("receipts:statement-detail", args=[statement.pk]))
    page = Paginator(selectors.statement_list_for_user(actor=request.user), 25).get_page(1)
    context = {"page": page, "form": form, "can_import": True}
    return render(request, "receipts/intake/statement_list.html", context, status=422)


@staff_view(*RECON_VIEW_ROLES, note="accounting and leaders; statement in scope, else 404")
@require_GET
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = selectors.statement_get_for_user(actor=request.user, pk=pk)
    match = request.GET.get("match", "")
    if match not in BankStatementLine.Match.values:
        match = ""
    page = Paginator(selectors.statement_lines(statement=statement, match=match), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "statement": statement,
        "page": page,
        "match": match,
        "matches": BankStatementLine.Match.choices,
        "can_write": request.user.role in RECON_WRITE_ROLES,
        "xlsx": exports.xlsx_available(),
        "ignore_form": LineIgnoreForm(),
    }
    template = "receipts/intake/statement_detail.html"
    if request.htmx and request.htmx.target == "statement-lines":
        template += "#statement-lines"
    return _vary(render(request, template, context))


@staff_view(*RECON_VIEW_ROLES, note="accounting and leaders; statement in scope, else 404")
@require_GET
def statement_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    statement = selectors.statement_get_for_user(actor=request.user, pk=pk)
    header, rows = exports.statement_table(selectors.statement_lines(statement=statement))
    name = f"sao-ke-{statement.pk}"
    if fmt == "xlsx":
        if not exports.xlsx_available():
            raise Http404
        content = exports.to_xlsx(header, rows, title=_("Sao kê"))
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, kind = exports.to_csv(header, rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@staff_view(*RECON_WRITE_ROLES, note="the accountant; statement in scope, else 404")
@require_POST
def statement_rematch(request: HttpRequest, pk: int) -> HttpResponse:
    statement = selectors.statement_get_for_user(actor=request.user, pk=pk)
    matched = services.bank_statement_rematch(actor=request.user, statement=statement)
    messages.success(request, _("Đã đối chiếu lại: %(n)s dòng đã khớp.") % {"n": matched})
    return _go(request, reverse("receipts:statement-detail", args=[statement.pk]))


@staff_view(*RECON_WRITE_ROLES, note="the accountant; line of a statement in scope, else 404")
@require_POST
def statement_line_ignore(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.statement_line_get_for_user(actor=request.user, pk=pk)
    form = LineIgnoreForm(request.POST)
    if form.is_valid():
        services.statement_line_ignore(
            actor=request.user, line=line, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Đã bỏ qua dòng %(n)s.") % {"n": line.line_no})
    else:
        messages.error(request, _("Hãy ghi lý do bỏ qua dòng sao kê."))
    return _go(request, reverse("receipts:statement-detail", args=[line.statement_id]))


@staff_view(*RECON_WRITE_ROLES, note="the accountant; line of a statement in scope, else 404")
@require_POST
def statement_line_assign(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.statement_line_get_for_user(actor=request.user, pk=pk)
    form = LineAssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập số hồ sơ."))
    else:
        try:
            services.statement_line_assign_case(
                actor=request.user, line=line, case_number=form.cleaned_data["case_number"]
            )
        except services.StatementLineError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã gán dòng %(n)s cho hồ sơ.") % {"n": line.line_no})
    return _go(request, reverse("receipts:statement-detail", args=[line.statement_id]))


# --- daily reconciliation ----------------------------------------------------------------


def _report_day(request: HttpRequest) -> dt.date:
    raw = request.GET.get("day", "")
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _report_office(request: HttpRequest):
    from thads.org.selectors import office_get_for_user

    code = request.GET.get("office", "")
    return office_get_for_user(actor=request.user, code=code) if code else request.user.office


@staff_view(*RECON_VIEW_ROLES, note="accounting and leaders; office in scope, else 404")
@require_GET
def reconciliation_daily(request: HttpRequest) -> HttpResponse:
    day = _report_day(request)
    report = selectors.daily_report(actor=request.user, office=_report_office(request), day=day)
    context = {
        "report": report,
        "day": day,
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "cash_form": CashCountForm(
            initial={
                "day": day.strftime("%d/%m/%Y"),
                "cash_in_vnd": report.cash_count.cash_in_vnd if report.cash_count else "",
            }
        ),
        "can_count": request.user.role in CASH_ROLES and report.office == request.user.office,
        "xlsx": exports.xlsx_available(),
    }
    return render(request, "receipts/intake/reconciliation_daily.html", context)


@staff_view(*RECON_VIEW_ROLES, note="accounting and leaders; office in scope, else 404")
@require_GET
def reconciliation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    day = _report_day(request)
    report = selectors.daily_report(actor=request.user, office=_report_office(request), day=day)
    header, rows = exports.daily_report_table(report)
    name = f"doi-chieu-{report.office.code}-{day.isoformat()}"
    if fmt == "xlsx":
        if not exports.xlsx_available():
            raise Http404
        content = exports.to_xlsx(header, rows, title=_("Đối chiếu"))
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, kind = exports.to_csv(header, rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@staff_view(*CASH_ROLES, note="the cashier records their own office's cash count")
@require_POST
def cash_count(request: HttpRequest) -> HttpResponse:
    form = CashCountForm(request.POST)
    if form.is_valid():
        services.cash_count_record(
            actor=request.user,
            day=form.cleaned_data["day"],
            cash_in_vnd=form.cleaned_data["cash_in_vnd"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Đã ghi sổ quỹ tiền mặt."))
        day = form.cleaned_data["day"].isoformat()
    else:
        messages.error(request, _("Số tiền hoặc ngày ghi sổ quỹ không hợp lệ."))
        day = timezone.localdate().isoformat()
    return _go(request, reverse("receipts:reconciliation-daily") + f"?day={day}")


# --- bank accounts and payment notices ---------------------------------------------------


@staff_view(*RECON_VIEW_ROLES, note="accounting and leaders; accounts of offices in scope")
@require_http_methods(["GET", "POST"])
def bank_accounts(request: HttpRequest) -> HttpResponse:
    can_write = request.user.role in RECON_WRITE_ROLES
    form = BankAccountForm(request.POST or None)
    if request.method == "POST":
        if not can_write:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            try:
                services.bank_account_save(actor=request.user, **form.cleaned_data)
            except services.BankAccountError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu tài khoản nhận tiền của đơn vị."))
                return _go(request, reverse("receipts:bank-accounts"))
    context = {
        "accounts": selectors.bank_account_list_for_user(actor=request.user),
        "form": form,
        "can_write": can_write,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "receipts/intake/bank_accounts.html", context, status=status)


@staff_view(*NOTICE_ROLES, note="case staff; case in scope, else 404")
@require_GET
def payment_notice(request: HttpRequest, case_pk: int) -> HttpResponse:
    amount = None
    if request.GET.get("amount"):
        try:
            amount = parse_vnd(request.GET["amount"])
        except AmountError:
            amount = None
    notice = selectors.payment_notice_for_case(
        actor=request.user, case_id=case_pk, amount_vnd=amount
    )
    if notice is None:
        return render(request, "receipts/intake/payment_notice_missing.html", status=409)
    pdf = exports.payment_notice_pdf(notice, today=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giay-bao-nop-tien-{case_pk}.pdf"'
    return response
