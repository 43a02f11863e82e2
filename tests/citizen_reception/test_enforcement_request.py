"""An accepted enforcement request goes through decisions.services (the creditor's request is
recorded and the on-request decision drafted); signing that decision opens the case through
enforcement.services and links the petition to it."""

import pytest

from citizen_reception.models import Petition
from citizen_reception.services import petition_accept
from citizen_reception.services import petition_link_judgment
from decisions.models import CreditorRequest
from decisions.models import Decision
from decisions.services import decision_batch_approve
from decisions.services import decision_batch_sign
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_accepted_request_drafts_the_decision_and_signing_opens_the_case(
    drafting_env,
    receive_petition,
    office_head,
    judgment_fees,
    django_capture_on_commit_callbacks,
):
    petition = receive_petition(
        kind="enforcement_request",
        complaint_level=None,
        complaint_object="",
        subject="Yêu cầu thi hành bản án 12/2026/DS-ST",
        judgment_id=judgment_fees.pk,
        notify_email="an@example.vn",
    )
    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_accept(actor=office_head, petition=petition, version=1)

    request = CreditorRequest.objects.get(judgment=judgment_fees)
    assert (request.creditor_name, request.received_on) == ("Nguyễn Văn An", petition.received_on)
    on_request = Decision.objects.get(judgment=judgment_fees, kind="on_request")
    assert on_request.creditor_name == "Nguyễn Văn An"
    assert petition.events.filter(action="petition_decision_requested").count() == 1

    batch = on_request.batch
    decision_batch_approve(actor=office_head, batch=batch, decision_ids=[on_request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        decision_batch_sign(actor=office_head, batch=batch)

    petition.refresh_from_db()
    on_request.refresh_from_db()
    assert on_request.status == "signed"
    assert petition.case is not None
    assert petition.case.opening_decision_id == on_request.pk
    assert petition.state == "resolved"
    assert petition.resolution_summary == (
        f"Đã ra quyết định thi hành án số {on_request.number_symbol}."
    )
    assert petition.events.exclude(public_text="").last().public_text == (
        "Đã ra quyết định thi hành án theo đơn yêu cầu."
    )
    assert AuditEvent.objects.filter(action="reception.petition_case_opened").count() == 1
    assert AuditEvent.objects.filter(action="enforcement.case_opened").count() == 1


def test_a_request_without_a_judgment_is_accepted_and_linked_later(
    drafting_env, receive_petition, office_head, judgment_fees, django_capture_on_commit_callbacks
):
    petition = receive_petition(
        kind="enforcement_request", complaint_level=None, complaint_object=""
    )
    petition = petition_accept(actor=office_head, petition=petition, version=1)
    assert CreditorRequest.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_link_judgment(
            actor=office_head, petition=petition, version=2, judgment_id=judgment_fees.pk
        )

    assert petition.judgment_id == judgment_fees.pk
    assert CreditorRequest.objects.filter(judgment=judgment_fees).count() == 1
    assert Decision.objects.filter(judgment=judgment_fees, kind="on_request").count() == 1


def test_another_creditor_s_decision_does_not_touch_the_petition(
    drafting_env, receive_petition, office_head, judgment_fees, django_capture_on_commit_callbacks
):
    petition = receive_petition(
        kind="enforcement_request",
        complaint_level=None,
        complaint_object="",
        petitioner_name="Người Khác",
        judgment_id=judgment_fees.pk,
    )
    petition = petition_accept(actor=office_head, petition=petition, version=1)
    # the request is recorded for "Người Khác", who is no creditor of the judgment: nothing due
    assert Decision.objects.filter(judgment=judgment_fees, kind="on_request").count() == 0
    assert Petition.objects.get(pk=petition.pk).case_id is None
