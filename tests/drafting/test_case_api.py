"""The services other apps call: drafting on a case, and decision summaries."""

import pytest
from django.core.exceptions import PermissionDenied

from decisions.exceptions import DecisionTemplateMissingError
from decisions.models import Decision
from decisions.selectors import decision_summaries
from decisions.selectors import decision_summaries_for_case
from decisions.services import decision_draft_for_case
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_enforcement_drafts_a_postponement_on_a_case(drafting_env, officer, office):
    decision_id = decision_draft_for_case(
        actor=officer,
        office_id=office.pk,
        case_id=77,
        kind="postponement",
        fields={"debtor_name": "Trần Thị Bích", "ground": "Ốm nặng", "unknown": "bỏ qua"},
    )

    decision = Decision.objects.get(pk=decision_id)
    assert (decision.status, decision.case_id, decision.kind, decision.law_version) == (
        "draft",
        77,
        "postponement",
        "L2025",
    )
    assert decision.fields == {
        "debtor_name": "Trần Thị Bích",
        "debtor_address": "",
        "ground": "Ốm nặng",
        "term": "",
    }
    assert decision.preview_name
    assert AuditEvent.objects.filter(action="decisions.decision_drafted").count() == 1
    [summary] = decision_summaries_for_case(actor=officer, case_id=77)
    assert (summary.decision_id, summary.status, summary.kind_label, summary.number) == (
        decision_id,
        "draft",
        "Hoãn thi hành án",
        "",
    )
    assert summary.detail_url == f"/decisions/{decision_id}/"
    assert decision_summaries(actor=officer, ids=[decision_id]) == [summary]


def test_other_offices_see_no_summary_and_cannot_draft(
    drafting_env, officer, other_officer, office
):
    decision_id = decision_draft_for_case(
        actor=officer, office_id=office.pk, case_id=5, kind="termination", fields={}
    )

    assert decision_summaries(actor=other_officer, ids=[decision_id]) == []
    assert decision_summaries_for_case(actor=other_officer, case_id=5) == []
    with pytest.raises(PermissionDenied):
        decision_draft_for_case(
            actor=other_officer, office_id=office.pk, case_id=5, kind="termination", fields={}
        )
    assert Decision.objects.count() == 1


def test_unknown_kind_is_refused(drafting_env, officer, office):
    with pytest.raises(DecisionTemplateMissingError):
        decision_draft_for_case(
            actor=officer, office_id=office.pk, case_id=1, kind="xyz", fields={}
        )
