"""Contexts for tests/architecture/test_templates_render.py: the decision pages."""

import secrets

from decisions.forms import BatchCreateForm
from decisions.forms import CreditorRequestForm
from decisions.forms import DecisionFieldsForm
from decisions.forms import DecisionRevokeForm
from decisions.models import Decision
from decisions.models import DecisionBatch
from decisions.models import DecisionTemplate
from decisions.registry import registry_load
from decisions.selectors import decisions_due_for_judgment
from tests.factories.decisions import ConfirmedJudgmentFactory
from thads.documents.models import Job
from thads.documents.models import PublicToken
from thads.documents.verification.forms import PdfCheckForm


def _decision(request, status="draft"):
    registry_load(DecisionTemplate)
    office = request.user.office
    judgment = ConfirmedJudgmentFactory(office=office)
    job = Job.objects.create(kind="decisions.batch_draft", title="Dự thảo", office=office, total=1)
    batch = DecisionBatch.objects.create(
        office=office, title="Lô thử", draft_job=job, created_by=request.user
    )
    template = DecisionTemplate.objects.get(kind="proactive", version=2)
    return Decision.objects.create(
        office=office,
        batch=batch,
        judgment=judgment,
        source_key=f"test:{secrets.token_hex(4)}",
        template=template,
        kind="proactive",
        law_version="L2025",
        legal_bases=template.legal_bases["L2025"],
        fields={"debtor_name": "Trần Thị Bích", "debtor_address": "", "voluntary_days": "10"},
        debtor_name="Trần Thị Bích",
        obligations=[{"description": "Án phí", "amount_vnd": 300000, "creditor": "Nhà nước"}],
        total_vnd=300000,
        status=status,
        preview_name="decisions/previews/aa/x.pdf",
        created_by=request.user,
    )


def _detail(request):
    decision = _decision(request)
    return {
        "decision": decision,
        "form": DecisionFieldsForm(
            initial={**decision.fields, "version": 1}, template_fields=decision.template.fields
        ),
        "editable": True,
        "can_sign": True,
        "field_errors": {"debtor_address": "Chưa nhập “Địa chỉ”: trường này là bắt buộc."},
        "revoke_form": DecisionRevokeForm(),
    }


def _batch(request):
    decision = _decision(request)
    return {
        "batch": decision.batch,
        "decisions": [decision],
        "counts": {"draft": 1, "approved": 0, "signing": 0, "signed": 0},
        "jobs_open": True,
        "can_sign": True,
    }


def _due(request):
    judgment = ConfirmedJudgmentFactory(office=request.user.office)
    return {
        "judgment": judgment,
        "due": decisions_due_for_judgment(judgment=judgment),
        "form": CreditorRequestForm(creditors=["Ngân hàng TMCP Thử Nghiệm"]),
        "has_creditors": True,
        "can_draft": True,
    }


def _list(request):
    decision = _decision(request)
    return {"decisions": [decision], "batches": [decision.batch], "can_draft": True}


def _verify(request):
    token = PublicToken.objects.create(
        token_hash=secrets.token_hex(32),
        kind=PublicToken.Kind.DECISION,
        object_type="decisions.decision",
        object_id="1",
        office=request.user.office,
        pdf_sha256="a" * 64,
        summary={"number": "1/QĐ-THADS", "issued_on": "2026-11-23", "status": "Đã ký"},
    )
    return {
        "state": "valid",
        "public_token": token,
        "summary_rows": [("Số, ký hiệu", "1/QĐ-THADS")],
        "fingerprint": "aaaa",
        "form": PdfCheckForm(),
        "check": None,
    }


TEMPLATE_CONTEXTS = {
    "decisions/decision_detail.html": _detail,
    "decisions/batch_detail.html": _batch,
    "decisions/batch_detail.html#batch-decisions": _batch,
    "decisions/decision_due.html": _due,
    "decisions/decision_list.html": _list,
    "decisions/partials/decision_row.html": lambda request: {"decision": _decision(request)},
    "decisions/batch_create.html": lambda request: {
        "form": BatchCreateForm(choices=[(1, "12/2026/DS-ST")])
    },
    "decisions/public/decision_verify.html": _verify,
}
