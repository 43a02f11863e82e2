"""Head actions that need a decision (domain.md §3.1) from the case page: drafted in the
decisions app and applied when the head signs it, or recorded from a decision signed on paper
(number and date required); never applied directly. The entrustment form's receiving office."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision
from decisions.models import DecisionBatch
from decisions.services import decision_approve
from decisions.services import decision_batch_sign
from decisions.services import decision_update
from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import Deadline
from thads.audit.models import AuditEvent
from thads.calendar.selectors import calendar_today
from thads.permissions import Role

pytestmark = pytest.mark.django_db

REFUSED_WITHOUT_DECISION = (
    "“Hoãn thi hành án” cần quyết định của Thủ trưởng: hãy dự thảo quyết định để Thủ trưởng"
    " ký, hoặc ghi nhận quyết định đã ký ngoài hệ thống (số và ngày quyết định)."
)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def detail_url(case):
    return reverse("enforcement:case-detail", args=[case.pk])


def action_url(case):
    return reverse("enforcement:case-action", args=[case.pk])


def enforcement_audit_count():
    return AuditEvent.objects.filter(action__startswith="enforcement.").count()


def sign(decision_id, head, capture):
    """Approve and sign a case decision through the decisions services (the decisions app
    signs in batches: the case decision is put in a one-decision batch of its office)."""
    decision = Decision.objects.get(pk=decision_id)
    batch = DecisionBatch.objects.create(office=decision.office, title="Ký", created_by=head)
    Decision.objects.filter(pk=decision_id).update(batch=batch)
    decision_approve(actor=head, decision=Decision.objects.get(pk=decision_id))
    with capture(execute=True):
        decision_batch_sign(actor=head, batch=batch)
    return Decision.objects.get(pk=decision_id)


def served(case, officer):
    """A case in its voluntary period (deadlines T9 and T10 running)."""
    from enforcement.services import case_transition

    return case_transition(
        actor=officer,
        case=case,
        action="serve_notice",
        version=case.version,
        payload={"valid_notice_at": timezone.now() - dt.timedelta(days=2)},
    )


def test_head_actions_offer_a_draft_and_a_paper_decision_never_a_direct_button(
    client, office_head, case, decision_templates
):
    client.force_login(office_head)

    response = client.get(detail_url(case))

    html = response.content.decode()
    items = {item["action"].action: item for item in response.context["action_forms"]}
    for action in ("postpone", "suspend", "terminate", "entrust"):
        assert items[action]["needs_decision"] is True
        assert items[action]["can_draft"] is True
        assert f'name="path" value="draft" id="draft-{action}"' in html
        assert f'name="path" value="paper" id="paper-{action}"' in html
    assert '<button type="submit" class="btn btn-secondary">Hoãn thi hành án</button>' not in html
    assert "Dự thảo quyết định hoãn thi hành án" in html
    assert "Ghi nhận quyết định đã ký: Hoãn thi hành án" in html
    assert html.count("Ghi nhận quyết định đã ký ngoài hệ thống") == 4


def test_a_head_action_without_a_decision_is_refused(client, office_head, case):
    client.force_login(office_head)

    response = client.post(
        action_url(case),
        {"action": "postpone", "version": case.version, "note": "Ốm nặng"},
        follow=True,
    )

    assert messages_of(response) == [REFUSED_WITHOUT_DECISION]
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == (case.state, case.version)
    assert enforcement_audit_count() == 0
    assert CaseEvent.objects.filter(case=case).count() == 0
    assert Decision.objects.count() == 0


def test_draft_then_signature_postpones_and_resumption_recomputes_the_deadline(
    client, office_head, officer, case, drafting_env, django_capture_on_commit_callbacks
):
    case = served(case, officer)
    t9 = Deadline.objects.get(case=case, rule_code="T9_VOLUNTARY_PERIOD")
    until = calendar_today() + dt.timedelta(days=30)
    client.force_login(office_head)

    response = client.post(
        action_url(case),
        {
            "action": "postpone",
            "version": case.version,
            "path": "draft",
            "note": "Điều 48 khoản 1 điểm a: ốm nặng",
            "until": until.isoformat(),
        },
        follow=True,
    )

    assert messages_of(response) == [
        f"Đã dự thảo quyết định cho “Hoãn thi hành án” của hồ sơ {case.number}. Hồ sơ chỉ thay"
        " đổi khi Thủ trưởng ký quyết định."
    ]
    decision = Decision.objects.get()
    assert (decision.kind, decision.status, decision.case_id) == ("postponement", "draft", case.pk)
    assert decision.fields["ground"] == "Điều 48 khoản 1 điểm a: ốm nặng"
    assert decision.fields["term"] == f"Đến ngày {until:%d/%m/%Y}"
    assert decision.fields["debtor_name"] == case.debtor_name
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == ("voluntary_period", case.version)
    # The page waits for the signature: no second draft, a link to the draft.
    html = response.content.decode()
    assert "Chờ ký quyết định hoãn thi hành án" in html
    assert f'href="/decisions/{decision.pk}/"' in html
    assert 'id="draft-postpone"' not in html
    [summary] = response.context["decisions"]
    assert (summary.decision_id, summary.status) == (decision.pk, "draft")

    signed = sign(decision.pk, office_head, django_capture_on_commit_callbacks)

    assert signed.status == "signed"
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.state == "postponed"
    event = CaseEvent.objects.get(case=case, kind="transition.postpone")
    assert event.detail["decision_number"] == signed.number_symbol
    assert event.detail["note"] == "Điều 48 khoản 1 điểm a: ốm nặng"
    assert Deadline.objects.get(pk=t9.pk).status == "paused"
    resume_on = Deadline.objects.get(case=case, rule_code="T14A_RESUME_POSTPONED")
    assert resume_on.trigger_on == until
    page = client.get(detail_url(case))
    assert "Chờ ký quyết định" not in page.content.decode()

    # The resumption: drafted, signed, and the paused voluntary period is recomputed.
    client.post(
        action_url(case),
        {"action": "resume", "version": fresh.version, "path": "draft", "note": "Hết lý do"},
    )
    resumption = Decision.objects.get(kind="resumption")
    sign(resumption.pk, office_head, django_capture_on_commit_callbacks)

    fresh = Case.objects.get(pk=case.pk)
    assert fresh.state == "voluntary_period"
    t9 = Deadline.objects.get(pk=t9.pk)
    assert (t9.status, t9.recomputed) == ("open", True)


def test_paper_decision_applies_the_action_with_its_number_and_date(client, office_head, case):
    client.force_login(office_head)
    signed_on = calendar_today() - dt.timedelta(days=1)

    response = client.post(
        action_url(case),
        {
            "action": "suspend",
            "version": case.version,
            "path": "paper",
            "decision_number": "07/QĐ-CCTHADS",
            "decision_date": signed_on.strftime("%d/%m/%Y"),
            "note": "Kháng nghị giám đốc thẩm",
        },
        follow=True,
    )

    fresh = Case.objects.get(pk=case.pk)
    assert fresh.state == "suspended"
    assert messages_of(response) == [f"Đã cập nhật hồ sơ {case.number}: Tạm đình chỉ."]
    event = CaseEvent.objects.get(case=case, kind="transition.suspend")
    assert event.detail["decision_number"] == "07/QĐ-CCTHADS"
    assert event.detail["decision_date"] == signed_on.isoformat()
    assert event.detail["decision_on_paper"] is True
    assert Decision.objects.count() == 0


@pytest.mark.parametrize(
    ("number", "day", "message"),
    [
        ("", "01/11/2026", "Yêu cầu không hợp lệ: Hãy nhập số quyết định đã ký."),
        ("07/QĐ-CCTHADS", "", "Yêu cầu không hợp lệ: Hãy nhập ngày ký quyết định."),
        (
            "quyết định hoãn",
            "01/11/2026",
            "Yêu cầu không hợp lệ: Số quyết định phải có dạng số/ký hiệu, ví dụ 12/QĐ-THADS.",
        ),
        ("07/QĐ-CCTHADS", "31/02/2026", "Yêu cầu không hợp lệ: Ngày ký quyết định không hợp lệ."),
        (
            "07/QĐ-CCTHADS",
            "01/01/2099",
            "Yêu cầu không hợp lệ: Ngày ký quyết định không được sau ngày hôm nay.",
        ),
    ],
)
def test_paper_decision_needs_a_valid_number_and_date(
    client, office_head, case, number, day, message
):
    client.force_login(office_head)

    response = client.post(
        action_url(case),
        {
            "action": "postpone",
            "version": case.version,
            "path": "paper",
            "decision_number": number,
            "decision_date": day,
        },
        follow=True,
    )

    assert messages_of(response) == [message]
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == (case.state, case.version)
    assert enforcement_audit_count() == 0
    assert CaseEvent.objects.filter(case=case).count() == 0


def test_an_officer_cannot_draft_a_head_decision(client, officer, case, decision_templates):
    client.force_login(officer)

    response = client.post(
        action_url(case),
        {"action": "terminate", "version": case.version, "path": "draft"},
        follow=True,
    )

    assert messages_of(response) == ["Vai trò của bạn không được thực hiện “Đình chỉ thi hành án”."]
    assert Decision.objects.count() == 0
    assert CaseEvent.objects.filter(case=case).count() == 0


def test_no_second_draft_while_one_waits_for_signature(
    client, office_head, case, decision_templates
):
    client.force_login(office_head)
    data = {"action": "terminate", "version": case.version, "path": "draft", "note": "Điểm c"}
    client.post(action_url(case), data, follow=True)

    response = client.post(action_url(case), data, follow=True)

    assert messages_of(response) == [
        "Đã có dự thảo quyết định “Đình chỉ thi hành án” đang chờ Thủ trưởng ký."
    ]
    assert Decision.objects.count() == 1
    assert CaseEvent.objects.filter(case=case, kind="decision_drafted").count() == 1


# --- Entrustment -------------------------------------------------------------------------------


def test_entrust_form_lists_other_offices_grouped_by_province(
    client, office_head, case, office, agency_a, agency_b, sibling_office, other_office
):
    client.force_login(office_head)

    response = client.get(detail_url(case))

    [entrust] = [i for i in response.context["action_forms"] if i["action"].action == "entrust"]
    choices = entrust["form"].fields["office"].choices
    groups = {label: [pk for pk, _name in options] for label, options in choices[1:]}
    assert groups == {
        office.province.name: [o.pk for o in sorted((agency_a, sibling_office), key=code)],
        other_office.province.name: [o.pk for o in sorted((agency_b, other_office), key=code)],
    }
    assert office.pk not in [pk for options in groups.values() for pk in options]
    html = response.content.decode()
    assert f'<optgroup label="{other_office.province.name}">' in html
    assert f"{other_office.code} · {other_office.name}" in html


def code(office):
    return office.code


def test_entrust_office_search_narrows_the_select(
    client, office_head, case, sibling_office, other_office
):
    client.force_login(office_head)

    response = client.get(
        detail_url(case),
        {"office_q": other_office.code.lower()},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="entrust-office-select",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="entrust-office-select">')
    assert f'<option value="{other_office.pk}">' in html
    assert f'<option value="{sibling_office.pk}">' not in html
    assert "<html" not in html
    empty = client.get(
        detail_url(case),
        {"office_q": "không có đơn vị này"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="entrust-office-select",
    )
    assert "Không có cơ quan nào khớp “không có đơn vị này”." in empty.content.decode()


def test_entrustment_drafted_and_signed_reaches_the_receiving_office(
    client,
    office_head,
    case,
    other_office,
    make_user,
    drafting_env,
    django_capture_on_commit_callbacks,
):
    client.force_login(office_head)

    client.post(
        action_url(case),
        {
            "action": "entrust",
            "version": case.version,
            "path": "draft",
            "office": other_office.pk,
            "note": "Người phải thi hành án có tài sản tại tỉnh khác",
        },
    )
    decision = Decision.objects.get(kind="entrustment")
    assert decision.fields["receiving_office"] == other_office.name
    assert decision.fields["entrusted"] == (
        "Phải thi hành: 150.000.000\xa0đ; đã thi hành: 0\xa0đ; còn lại: 150.000.000\xa0đ"
    )
    # The head completes what the case page cannot know, in the decisions app.
    decision_update(
        actor=office_head,
        decision=decision,
        fields={"fee_status": "Chưa thu phí thi hành án"},
        version=decision.version,
    )
    sign(decision.pk, office_head, django_capture_on_commit_callbacks)

    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.entrusted_to_office_id) == ("entrusted_out", other_office.pk)
    received = Case.objects.get(entrusted_from=case)
    assert (received.office_id, received.state) == (other_office.pk, "received")
    receiver_head = make_user(Role.OFFICE_HEAD, other_office)
    client.force_login(receiver_head)
    listing = client.get(reverse("enforcement:case-list"))
    assert received.number in listing.content.decode()
    page = client.get(detail_url(received))
    assert page.status_code == 200
    assert f"Nhận ủy thác từ {case.office.name}, hồ sơ số {case.number}" in (page.content.decode())
    assert client.get(detail_url(case)).status_code == 200  # the sender's case, read only


def test_entrustment_on_paper_needs_a_receiving_office(client, office_head, case, other_office):
    client.force_login(office_head)
    data = {
        "action": "entrust",
        "version": case.version,
        "path": "paper",
        "decision_number": "15/QĐ-CCTHADS",
        "decision_date": calendar_today().isoformat(),
    }

    refused = client.post(action_url(case), data, follow=True)
    own = client.post(action_url(case), {**data, "office": case.office_id}, follow=True)
    done = client.post(action_url(case), {**data, "office": other_office.pk}, follow=True)

    message = "Yêu cầu không hợp lệ: Hãy chọn cơ quan thi hành án khác nhận ủy thác."
    assert messages_of(refused) == [message]
    assert messages_of(own) == [message]
    assert messages_of(done) == [f"Đã cập nhật hồ sơ {case.number}: Đã ủy thác."]
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.entrusted_to_office_id) == ("entrusted_out", other_office.pk)
    assert Case.objects.filter(entrusted_from=case, office=other_office).count() == 1


def test_inactive_office_is_not_offered(client, office_head, case, other_office):
    other_office.is_active = False
    other_office.save(update_fields=["is_active"])
    client.force_login(office_head)

    response = client.get(detail_url(case))

    assert f"{other_office.code} · {other_office.name}" not in response.content.decode()


def test_the_opening_decision_is_only_recorded_from_paper(client, office_head, office):
    from tests.factories.enforcement import CaseFactory

    received = CaseFactory(office=office, state=Case.State.RECEIVED)
    client.force_login(office_head)

    page = client.get(detail_url(received))
    drafted = client.post(
        action_url(received),
        {"action": "issue_decision", "version": received.version, "path": "draft"},
        follow=True,
    )

    [item] = [i for i in page.context["action_forms"] if i["action"].action == "issue_decision"]
    assert (item["needs_decision"], item["can_draft"]) == (True, False)
    html = page.content.decode()
    assert 'id="draft-issue_decision"' not in html
    assert 'id="paper-issue_decision"' in html
    assert messages_of(drafted) == [
        "“Ra quyết định thi hành án” cần quyết định của Thủ trưởng: quyết định thi hành án được"
        " dự thảo từ bản án trong phân hệ quyết định; tại đây chỉ ghi nhận được quyết định đã ký"
        " ngoài hệ thống (số và ngày quyết định)."
    ]
    assert Decision.objects.count() == 0
    assert Case.objects.get(pk=received.pk).state == "received"


def test_head_case_page_queries_do_not_grow_with_offices(
    client, office_head, case, agency_b, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.org import RegionalOfficeFactory

    client.force_login(office_head)
    url = detail_url(case)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        RegionalOfficeFactory(parent=agency_b, number=n + 10)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)

    [entrust] = [i for i in response.context["action_forms"] if i["action"].action == "entrust"]
    assert len(entrust["form"].offices) == 12  # agencies A and B, B's 10 regional offices
