"""Integration call pages: the call log of the actor's offices and the manual retry.

Calls are read through ``thads.integrations.selectors`` (office scope, else 404); the retry goes
through ``thads.integrations.services`` and the sending itself runs in a task.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from thads.integrations import selectors
from thads.integrations import services
from thads.integrations.exceptions import IntegrationError
from thads.integrations.forms import IntegrationCallFilterForm
from thads.permissions import Role
from thads.permissions import staff_view

READ_ROLES = (Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD, Role.MINISTRY_LEADER, Role.SYSADMIN)


@staff_view(*READ_ROLES, note="leaders and system administrators; calls of offices in scope")
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    form = IntegrationCallFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    calls = selectors.integration_call_list_for_user(
        actor=request.user, status=filters.get("status", ""), system=filters.get("system", "")
    )
    page = Paginator(calls, 25).get_page(request.GET.get("page"))
    template = "integrations/call_list.html"
    if request.htmx and request.htmx.target == "call-table":
        template += "#call-table"
    context = {"page": page, "form": form, "can_retry": request.user.role == Role.SYSADMIN}
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(Role.SYSADMIN, note="system administrators; call in scope else 404")
@require_POST
def call_retry(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.integration_call_get_for_user(actor=request.user, pk=pk)
    try:
        services.integration_call_retry_request(call=call, actor=request.user)
    except IntegrationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã đưa lượt gọi #%(pk)s vào hàng đợi gửi lại. Kết quả sẽ cập nhật trong danh sách.")
            % {"pk": call.pk},
        )
    return redirect("integrations:call-list")
