"""Render contexts of the action panels and the public portal page, with real objects, for
tests/architecture/test_templates_render.py (``request.user`` is an officer of T101-KV01)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.models import Case
from enforcement.models import CoercionMeasure
from enforcement.models import CoercionPlan
from enforcement.models import ServiceAttempt
from enforcement.models import Verification
from enforcement.models import VerificationRequest
from enforcement.views.actions import CoercionMeasureForm
from enforcement.views.actions import CoercionPlanForm
from enforcement.views.actions import MeasureLiftForm
from enforcement.views.actions import ServedDocumentForm
from enforcement.views.actions import ServiceAttemptForm
from enforcement.views.actions import VerificationAnswerForm
from enforcement.views.actions import VerificationProposeForm
from enforcement.views.actions import VerificationStartForm
from enforcement.views.public import PortalCodeForm
from tests.factories.enforcement import CaseFactory
from thads.documents.qr import qr_svg


def _case(request: Any, **kw: Any) -> Case:
    return CaseFactory(office=request.user.office, assigned_officer=request.user, **kw)


def _doc(case: Case) -> Any:
    from enforcement.services import served_document_create

    doc = served_document_create(
        actor=None,
        case=case,
        title="Giấy báo số 1",
        document_date=dt.date(2026, 11, 2),
        recipient_name=case.debtor_name,
        recipient_id_number="001085012345",
        recipient_address=case.debtor_address,
    )
    ServiceAttempt.objects.create(
        served_document=doc,
        number=1,
        channel="vneid",
        result="failed",
        note="Quá thời gian chờ",
        next_retry_at=timezone.now(),
    )
    return doc


def service(request: Any) -> dict[str, Any]:
    case = _case(request)
    doc = _doc(case)
    return {
        "case": case,
        "rows": [{"doc": doc, "form": ServiceAttemptForm(prefix=f"a{doc.pk}")}],
        "doc_form": ServedDocumentForm(case=case, prefix="doc"),
        "can_work": True,
        "pending": True,
        "issued": {"doc_id": doc.pk, "url": "http://x/y", "code": "ABCD-EFGH", "qr": qr_svg("x")},
        "notice": "Đã lưu.",
    }


def verification(request: Any) -> dict[str, Any]:
    case = _case(request, state=Case.State.VERIFICATION)
    v = Verification.objects.create(
        case=case,
        number=1,
        status=Verification.Status.PROPOSED,
        subject_name=case.debtor_name,
        proposal="no_conditions",
        proposal_reason="Không có tài sản",
        recorded_at=timezone.now(),
        findings={"total_balance_vnd": 1_000_000},
    )
    req = VerificationRequest.objects.create(
        verification=v,
        kind="bank",
        target_code="VCB",
        status="answered",
        found=True,
        answer={
            "accounts": [
                {
                    "account_number": "1001",
                    "bank_code": "VCB",
                    "branch": "Chi nhánh Hà Nội",
                    "balance_vnd": 1_000_000,
                    "status": "active",
                }
            ],
            "manual": "Trả lời bằng văn bản",
        },
    )
    req.form = VerificationAnswerForm(prefix=f"r{req.pk}")
    v.prefetched = True
    return {
        "case": case,
        "rounds": [v],
        "start_form": VerificationStartForm(prefix="start"),
        "propose_form": VerificationProposeForm(prefix="propose"),
        "can_work": True,
        "can_classify": True,
        "pending": True,
        "notice": "Đã lưu.",
    }


def coercion(request: Any) -> dict[str, Any]:
    case = _case(request, state=Case.State.HAS_CONDITIONS)
    start = timezone.make_aware(dt.datetime(2026, 12, 3, 8, 0))  # noqa: DTZ001
    plan = CoercionPlan.objects.create(
        case=case,
        title="Kê biên",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        place="Số 1",
        mobilised_forces=True,
        estimated_cost_vnd=5_000_000,
    )
    measure = CoercionMeasure.objects.create(
        case=case,
        plan=plan,
        kind="account_freeze",
        target="TK 1",
        amount_vnd=2_000_000,
        costs_vnd=100_000,
        status="in_effect",
        resolve_by=dt.date(2026, 12, 3),
        scheduled_at=start,
    )
    measure.lift_form = MeasureLiftForm(prefix=f"m{measure.pk}")
    return {
        "case": case,
        "plans": [plan],
        "measures": [measure],
        "plan_form": CoercionPlanForm(prefix="plan"),
        "measure_form": CoercionMeasureForm(case=case, prefix="measure"),
        "can_work": True,
        "notice": "Đã lưu.",
    }


def public_opened(request: Any) -> dict[str, Any]:
    case = _case(request)
    return {"state": "opened", "doc": _doc(case), "token": "t" * 32}


TEMPLATE_CONTEXTS = {
    "enforcement/actions/service_panel.html": service,
    "enforcement/actions/verification_panel.html": verification,
    "enforcement/actions/coercion_panel.html": coercion,
    "enforcement/public/served_document.html": public_opened,
}

#: The code form of the public page renders with the generic context; keep the form importable.
__all__ = ["TEMPLATE_CONTEXTS", "PortalCodeForm"]
