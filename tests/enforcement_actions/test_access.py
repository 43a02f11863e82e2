"""Access matrix of every action view (style.md 2.7): anonymous, every MATRIX_ACTORS actor, the
office scope (404), the role (403), no leak of the case's data, no side effect of a denied
write (no audit row, nothing changed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from enforcement.models import Case
from enforcement.models import CaseParty
from enforcement.models import CoercionMeasure
from enforcement.models import CoercionPlan
from enforcement.models import PortalAccess
from enforcement.models import ServedDocument
from enforcement.models import ServiceAttempt
from enforcement.models import Verification
from enforcement.permissions import CASE_HEAD_ROLES
from enforcement.permissions import CASE_VIEW_ROLES
from enforcement.permissions import CASE_WORK_ROLES
from enforcement.services import coercion_measure_add
from enforcement.services import served_document_create
from enforcement.services import verification_answer_record
from enforcement.services import verification_propose
from enforcement.services import verification_record
from enforcement.services import verification_start
from tests.fixtures.core import MATRIX_ACTORS
from thads.audit.models import AuditEvent
from thads.permissions import Role

pytestmark = pytest.mark.django_db

#: actor -> (role, whether the case's office T101-KV01 is in the actor's scope)
ACTORS = {
    "same_office_officer": (Role.ENFORCEMENT_OFFICER, True),
    "same_office_clerk": (Role.CLERK, True),
    "office_head": (Role.OFFICE_HEAD, True),
    "provincial_head": (Role.PROVINCIAL_HEAD, True),
    "ministry_leader": (Role.MINISTRY_LEADER, True),
    "sysadmin": (Role.SYSADMIN, True),
    "sibling_office_officer": (Role.ENFORCEMENT_OFFICER, False),
    "other_officer": (Role.ENFORCEMENT_OFFICER, False),
    "other_provincial_head": (Role.PROVINCIAL_HEAD, False),
}
assert set(ACTORS) == set(MATRIX_ACTORS)


def expected_status(who: str, roles: frozenset[str]) -> int:
    role, in_scope = ACTORS[who]
    if role not in roles:
        return 403
    return 200 if in_scope else 404


def audit_count() -> int:
    return AuditEvent.objects.filter(action__startswith="enforcement.").count()


@dataclass
class Spec:
    name: str
    method: str
    roles: frozenset[str]
    #: (case, officer) -> (url, data, state reader used to prove "nothing changed")
    setup: Callable


def _case(case, state=None):
    if state is not None:
        Case.objects.filter(pk=case.pk).update(state=state)
        case.refresh_from_db()
    return case


def _doc(case, officer, **kw):
    fields = {
        "title": "Giấy báo số 9",
        "document_date": dt.date(2026, 11, 2),
        "recipient_name": case.debtor_name,
        "recipient_id_number": "001085012345",
        "recipient_address": case.debtor_address,
    }
    fields.update(kw)
    return served_document_create(actor=officer, case=case, **fields)


def _verification(case, officer, *, answered=False, recorded=False, proposed=False):
    _case(case, Case.State.VERIFICATION)
    Case.objects.filter(pk=case.pk).update(debtor_id_number="001085012345")
    case.refresh_from_db()
    v = verification_start(actor=officer, case=case, targets=[("population", "")])
    if answered or recorded or proposed:
        verification_answer_record(
            actor=officer, request=v.requests.get(), found=False, summary="Không có"
        )
    if recorded or proposed:
        verification_record(actor=officer, verification=v)
    if proposed:
        verification_propose(actor=officer, verification=v, proposal="has_conditions", reason="")
    return v


def s_service_panel(case, officer):
    return reverse("enforcement:case-service-panel", args=[case.pk]), None, lambda: None


def s_doc_create(case, officer):
    party = case.parties.get(role=CaseParty.Role.DEBTOR)
    data = {
        "doc-title": "Quyết định thi hành án số 7/QĐ-THADS",
        "doc-document_date": "2026-11-02",
        "doc-party": party.pk,
        "doc-is_enforcement_decision": "on",
    }
    url = reverse("enforcement:case-service-document-create", args=[case.pk])
    return url, data, lambda: ServedDocument.objects.count()


def s_attempt(case, officer):
    doc = _doc(case, officer)
    data = {f"a{doc.pk}-channel": "physical", f"a{doc.pk}-note": "Vắng nhà"}
    url = reverse("enforcement:served-document-attempt", args=[doc.pk])
    return url, data, lambda: ServiceAttempt.objects.count()


def s_vneid(case, officer):
    doc = _doc(case, officer)
    url = reverse("enforcement:served-document-vneid", args=[doc.pk])
    return url, {}, lambda: ServiceAttempt.objects.count()


def s_portal(case, officer):
    doc = _doc(case, officer)
    url = reverse("enforcement:served-document-portal", args=[doc.pk])
    return url, {}, lambda: PortalAccess.objects.count()


def s_verification_panel(case, officer):
    return reverse("enforcement:case-verification-panel", args=[case.pk]), None, lambda: None


def s_verification_start(case, officer):
    _case(case, Case.State.VERIFICATION)
    Case.objects.filter(pk=case.pk).update(debtor_id_number="001085012345")
    url = reverse("enforcement:case-verification-start", args=[case.pk])
    return url, {"start-kinds": ["population"]}, lambda: Verification.objects.count()


def s_answer(case, officer):
    v = _verification(case, officer)
    req = v.requests.get()
    data = {f"r{req.pk}-summary": "Công an xã trả lời bằng văn bản"}
    url = reverse("enforcement:verification-answer", args=[req.pk])
    return url, data, lambda: req.__class__.objects.get(pk=req.pk).status


def s_record(case, officer):
    v = _verification(case, officer, answered=True)
    url = reverse("enforcement:verification-record", args=[v.pk])
    return url, {}, lambda: Verification.objects.get(pk=v.pk).status


def s_propose(case, officer):
    v = _verification(case, officer, recorded=True)
    data = {"propose-proposal": "has_conditions", "propose-reason": "Có tài khoản"}
    url = reverse("enforcement:verification-propose", args=[v.pk])
    return url, data, lambda: Verification.objects.get(pk=v.pk).status


def s_classify(case, officer):
    v = _verification(case, officer, proposed=True)
    url = reverse("enforcement:verification-classify", args=[v.pk])
    return (
        url,
        {},
        lambda: (
            Verification.objects.get(pk=v.pk).status,
            case.__class__.objects.get(pk=case.pk).state,
        ),
    )


def s_coercion_panel(case, officer):
    return reverse("enforcement:case-coercion-panel", args=[case.pk]), None, lambda: None


def s_plan(case, officer):
    _case(case, Case.State.HAS_CONDITIONS)
    data = {
        "plan-title": "Kê biên nhà đất",
        "plan-starts_at": "2026-12-03T08:00",
        "plan-ends_at": "2026-12-03T11:00",
        "plan-place": "Số 1 Lê Lợi",
        "plan-estimated_cost_vnd": "5000000",
        "plan-cost_notified_on": "2026-11-27",
    }
    url = reverse("enforcement:case-coercion-plan-create", args=[case.pk])
    return url, data, lambda: CoercionPlan.objects.count()


def s_measure(case, officer):
    data = {
        "measure-kind": "account_freeze",
        "measure-target": "TK 001 tại VCB",
        "measure-amount_vnd": "1000000",
        "measure-costs_vnd": "0",
    }
    url = reverse("enforcement:case-coercion-measure-add", args=[case.pk])
    return url, data, lambda: CoercionMeasure.objects.count()


def s_lift(case, officer):
    m = coercion_measure_add(
        actor=officer, case=case, kind="account_freeze", target="TK 002", amount_vnd=10
    )
    url = reverse("enforcement:coercion-measure-lift", args=[m.pk])
    return (
        url,
        {f"m{m.pk}-reason": "Đã nộp tiền"},
        lambda: CoercionMeasure.objects.get(pk=m.pk).status,
    )


VIEW = frozenset(CASE_VIEW_ROLES)
WORK = frozenset(CASE_WORK_ROLES)
HEAD = frozenset(CASE_HEAD_ROLES)

SPECS = [
    Spec("service-panel", "get", VIEW, s_service_panel),
    Spec("document-create", "post", WORK, s_doc_create),
    Spec("attempt", "post", WORK, s_attempt),
    Spec("vneid", "post", WORK, s_vneid),
    Spec("portal", "post", WORK, s_portal),
    Spec("verification-panel", "get", VIEW, s_verification_panel),
    Spec("verification-start", "post", WORK, s_verification_start),
    Spec("verification-answer", "post", WORK, s_answer),
    Spec("verification-record", "post", WORK, s_record),
    Spec("verification-propose", "post", WORK, s_propose),
    Spec("verification-classify", "post", HEAD, s_classify),
    Spec("coercion-panel", "get", VIEW, s_coercion_panel),
    Spec("plan-create", "post", WORK, s_plan),
    Spec("measure-add", "post", WORK, s_measure),
    Spec("measure-lift", "post", WORK, s_lift),
]


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
@pytest.mark.parametrize("who", MATRIX_ACTORS)
def test_access_matrix(client, actor, case, officer, spec, who, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        url, data, state = spec.setup(case, officer)
    before_audit, before_state = audit_count(), state()
    client.force_login(actor(who))

    with django_capture_on_commit_callbacks(execute=False):
        if spec.method == "get":
            response = client.get(url, headers={"HX-Request": "true"})
        else:
            response = client.post(url, data, headers={"HX-Request": "true"})

    expected = expected_status(who, spec.roles)
    assert response.status_code == expected, response.content.decode()[:2000]
    if expected != 200:
        assert case.debtor_name not in response.content.decode()
        assert case.number not in response.content.decode()
        assert audit_count() == before_audit
        assert state() == before_state
    elif spec.method == "post":
        assert audit_count() > before_audit
        assert state() != before_state


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_anonymous_goes_to_login(client, case, officer, spec, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        url, data, state = spec.setup(case, officer)
    before_audit, before_state = audit_count(), state()

    response = client.get(url) if spec.method == "get" else client.post(url, data)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"
    assert (audit_count(), state()) == (before_audit, before_state)


def test_panels_show_no_write_controls_to_a_reader(client, ministry_leader, case):
    client.force_login(ministry_leader)

    response = client.get(reverse("enforcement:case-service-panel", args=[case.pk]))

    assert response.status_code == 200
    assert reverse("enforcement:case-service-document-create", args=[case.pk]) not in (
        response.content.decode()
    )
