"""Office directory: the offices an actor may see, and one office's staff."""

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from thads.org import selectors
from thads.permissions import staff_view


@staff_view(note="every staff role; scoped by office_list_for_user")
def office_list(request: HttpRequest) -> HttpResponse:
    offices = selectors.office_list_for_user(actor=request.user)
    query = request.GET.get("q", "").strip()
    if query:
        offices = offices.filter(name__icontains=query) | offices.filter(code__iexact=query)
    page = Paginator(offices, 50).get_page(request.GET.get("page"))
    template = "org/office_list.html"
    if request.htmx and request.htmx.target == "office-table":
        template += "#office-table"
    response = render(request, template, {"page": page, "query": query})
    response["Vary"] = "HX-Request"
    return response


@staff_view(note="every staff role; office in scope else 404")
def office_detail(request: HttpRequest, code: str) -> HttpResponse:
    office = selectors.office_get_for_user(actor=request.user, code=code)
    staff = selectors.user_list_for_office(actor=request.user, office=office)
    return render(request, "org/office_detail.html", {"office": office, "staff": staff})
