"""Contexts for tests/architecture/test_templates_render.py: the staff pages of citizen
reception rendered with a real petition (received through the service) and real forms."""

from __future__ import annotations

from django.core.management import call_command
from django.core.paginator import Paginator

from citizen_reception import selectors
from citizen_reception import services
from citizen_reception.forms import PetitionFilterForm
from citizen_reception.forms import PetitionIntakeForm
from citizen_reception.forms import ReasonForm
from citizen_reception.forms import ReceptionLogFilterForm
from citizen_reception.forms import ReceptionLogForm
from citizen_reception.forms import ScheduleForm
from citizen_reception.models import PetitionRule
from citizen_reception.views.intake import ScanForm
from citizen_reception.views.petitions import ACTIONS
from citizen_reception.views.petitions import _detail_context
from tests.citizen_reception_ui.conftest import intake
from tests.factories.org import UserFactory
from thads.documents.models import Document
from thads.permissions import Role


def _petition(request):
    if not PetitionRule.objects.exists():
        call_command("reception_rules_sync", verbosity=0)
    clerk = UserFactory(role=Role.COUNTER_STAFF, office=request.user.office)
    return services.petition_receive(
        actor=clerk, receiving_office=request.user.office, data=intake(), idempotency_key=None
    )


def _scan(request):
    document = Document.objects.create(
        office=request.user.office,
        purpose="petition",
        original_name="don.png",
        kind="png",
        mime="image/png",
        size_bytes=10,
        sha256="c2" * 32,
        storage_name=f"documents/c2/{'c2' * 32}.png",
        page_count=1,
        status="processing",
    )
    return {"form": PetitionIntakeForm(), "scan_form": ScanForm(), "document": document}


def _list(request):
    _petition(request)
    queryset = selectors.petition_list_for_user(user=request.user, filters={})
    page = Paginator(queryset, 25).get_page(1)
    for row in page.object_list:
        row.days_left = -2
    return {"form": PetitionFilterForm(), "page": page, "can_receive": True}


def _detail(request):
    context = _detail_context(request, _petition(request))
    context["received"] = True
    return context


def _action(request):
    petition = _petition(request)
    return {
        "petition": petition,
        "spec": ACTIONS["refuse"],
        "form": ReasonForm(initial={"version": petition.version}),
    }


def _log(request):
    return {
        "form": ReceptionLogFilterForm(),
        "page": Paginator(selectors.reception_log_for_user(user=request.user), 50).get_page(1),
        "can_write": True,
    }


def _schedules(request):
    office = request.user.office
    return {
        "schedules": selectors.reception_schedule_for_office(office=office),
        "form": ScheduleForm(hosts=office.__class__.objects.none()),
        "can_write": True,
        "office": office,
    }


TEMPLATE_CONTEXTS = {
    "citizen_reception/staff/intake.html": lambda request: {
        "form": PetitionIntakeForm(),
        "scan_form": ScanForm(),
    },
    "citizen_reception/staff/intake.html#intake-scan-reading": _scan,
    "citizen_reception/staff/petition_list.html": _list,
    "citizen_reception/staff/petition_detail.html": _detail,
    "citizen_reception/staff/petition_action.html": _action,
    "citizen_reception/staff/acknowledgement_missing.html": lambda request: {
        "petition": _petition(request)
    },
    "citizen_reception/staff/reception_log.html": _log,
    "citizen_reception/staff/reception_log_form.html": lambda request: {
        "form": ReceptionLogForm(
            schedules=selectors.reception_schedule_for_office(office=request.user.office)
        )
    },
    "citizen_reception/staff/schedule_list.html": _schedules,
}
