"""The outbox page: notifications of the actor's offices, recipients masked.

Read through ``thads.notify.selectors`` (office scope); this page writes nothing.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from thads.notify import selectors
from thads.notify.forms import NotificationFilterForm
from thads.notify.rendering import template_label
from thads.permissions import Role
from thads.permissions import staff_view

READ_ROLES = (Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD, Role.MINISTRY_LEADER, Role.SYSADMIN)


@staff_view(
    *READ_ROLES, note="leaders and system administrators; notifications of offices in scope"
)
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    form = NotificationFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    notifications = selectors.notification_list_for_user(
        actor=request.user, status=filters.get("status", ""), channel=filters.get("channel", "")
    )
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    for notification in page.object_list:
        notification.template_label = template_label(notification.template)
    template = "notify/notification_list.html"
    if request.htmx and request.htmx.target == "notification-table":
        template += "#notification-table"
    response = render(request, template, {"page": page, "form": form})
    patch_vary_headers(response, ["HX-Request"])
    return response
