"""The staff pages: batch form, batch page (full and htmx partial), edit, approve, sign."""

import pytest
from django.urls import reverse

from decisions.models import CreditorRequest
from decisions.models import Decision
from decisions.models import DecisionBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(drafting_env, officer, make_judgment, django_capture_on_commit_callbacks):
    from decisions.services import decision_batch_create

    with django_capture_on_commit_callbacks(execute=True):
        return decision_batch_create(actor=officer, judgment_ids=[make_judgment(fees=2).pk])


def test_officer_drafts_a_batch_from_the_form(
    client, drafting_env, officer, make_judgment, django_capture_on_commit_callbacks
):
    judgments = [make_judgment(fees=1), make_judgment(fees=2)]
    client.force_login(officer)

    page = client.get(reverse("decisions:batch-create"))
    assert "(1 quyết định cần ra)" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("decisions:batch-create"), {"judgments": [j.pk for j in judgments]}
        )

    batch = DecisionBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("decisions:batch-detail", args=[batch.pk])
    assert Decision.objects.filter(batch=batch, status="draft").count() == 3
    page = client.get(response.url)
    assert page.content.decode().count('name="decisions"') == 3


def test_batch_page_serves_its_table_partial_to_htmx(client, batch, officer):
    client.force_login(officer)

    response = client.get(
        reverse("decisions:batch-detail", args=[batch.pk]),
        headers={"HX-Request": "true", "HX-Target": "batch-decisions"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="batch-decisions"')
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_edit_saves_fields_and_a_stale_form_is_refused(client, batch, officer):
    decision = Decision.objects.filter(batch=batch).order_by("position").first()
    client.force_login(officer)
    url = reverse("decisions:decision-edit", args=[decision.pk])

    response = client.post(url, {"version": decision.version, "other_content": "Điều chỉnh."})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.fields["other_content"], decision.version) == ("Điều chỉnh.", 2)

    stale = client.post(url, {"version": 1, "other_content": "Lần hai."})
    assert stale.status_code == 422
    assert "đã được người khác thay đổi" in stale.content.decode()
    decision.refresh_from_db()
    assert decision.fields["other_content"] == "Điều chỉnh."


def test_approve_shows_per_field_messages_for_blank_required_fields(client, batch, office_head):
    decision = Decision.objects.filter(batch=batch).order_by("position").first()
    decision.fields = {**decision.fields, "debtor_address": ""}
    decision.save()
    client.force_login(office_head)

    response = client.post(reverse("decisions:decision-approve", args=[decision.pk]))

    body = response.content.decode()
    assert response.status_code == 422
    assert "Chưa nhập “Địa chỉ của người phải thi hành án”: trường này là bắt buộc." in body
    decision.refresh_from_db()
    assert decision.status == "draft"


def test_head_approves_all_and_signs_all_in_one_action(
    client, batch, office_head, django_capture_on_commit_callbacks
):
    client.force_login(office_head)
    url = reverse("decisions:batch-detail", args=[batch.pk])

    client.post(reverse("decisions:batch-approve", args=[batch.pk]), {"all": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("decisions:batch-sign", args=[batch.pk]), {"all": "1"})

    assert response.status_code == 302 and response.url == url
    assert sorted(Decision.objects.filter(batch=batch).values_list("status", "number_symbol")) == [
        ("signed", "1/QĐ-THADS"),
        ("signed", "2/QĐ-THADS"),
    ]
    page = client.get(url).content.decode()
    assert "Đã cấp số và bắt đầu ký số các quyết định đã duyệt." in page
    pdf = client.get(reverse("decisions:decision-pdf", args=[batch.decisions.first().pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    again = client.post(reverse("decisions:batch-sign", args=[batch.pk]), {"all": "1"}, follow=True)
    assert "không còn quyết định đã duyệt nào chờ ký" in again.content.decode()


def test_preview_is_a_pdf(client, batch, officer):
    decision = batch.decisions.first()
    client.force_login(officer)

    response = client.get(reverse("decisions:decision-preview", args=[decision.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_recording_a_request_makes_the_decision_due(
    client, drafting_env, officer, judgment_private
):
    client.force_login(officer)
    url = reverse("decisions:decision-due", args=[judgment_private.pk])
    assert "Chờ đơn yêu cầu của người được thi hành án" in client.get(url).content.decode()

    response = client.post(
        reverse("decisions:creditor-request-create", args=[judgment_private.pk]),
        {"creditor_name": "Ngân hàng TMCP Thử Nghiệm", "received_on": "20/11/2026"},
    )

    assert response.status_code == 302
    assert CreditorRequest.objects.get().received_on.isoformat() == "2026-11-20"
    assert "Cần ra quyết định" in client.get(url).content.decode()


def test_a_case_decision_is_signed_on_its_own(
    client, office, office_head, drafting_env, django_capture_on_commit_callbacks
):
    """A decision drafted for a case has no batch: the head signs it from its page."""
    from decisions.services import decision_draft_for_case
    from tests.factories.enforcement import CaseFactory

    case = CaseFactory(office=office)
    decision_id = decision_draft_for_case(
        actor=office_head,
        office_id=office.pk,
        case_id=case.pk,
        kind="postponement",
        fields={
            "debtor_name": "Trần Văn Hoãn",
            "debtor_address": "12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh",
            "ground": "Điểm c khoản 1 Điều 48: đương sự thỏa thuận hoãn bằng văn bản",
            "term": "30 ngày",
        },
    )
    client.force_login(office_head)
    client.post(reverse("decisions:decision-approve", args=[decision_id]))
    decision = Decision.objects.get(pk=decision_id)
    assert decision.status == Decision.Status.APPROVED
    assert decision.batch_id is None
    page = client.get(reverse("decisions:decision-detail", args=[decision_id]))
    assert 'id="decision-sign"' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("decisions:decision-sign", args=[decision_id]))

    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SIGNED
    assert decision.number_symbol == "1/QĐ-THADS"
    assert list(decision.batch.decisions.values_list("pk", flat=True)) == [decision_id]
    again = client.post(reverse("decisions:decision-sign", args=[decision_id]), follow=True)
    assert "Chỉ ký được quyết định đã duyệt" in again.content.decode()
