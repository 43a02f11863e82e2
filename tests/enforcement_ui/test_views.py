"""Views of the enforcement case pages: full page vs htmx partial, filters, working days left,
assignment, transitions (stale version, refusal with its reason), query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import Deadline
from tests.factories.enforcement import CaseFactory
from tests.factories.enforcement import DeadlineFactory
from thads.audit.models import AuditEvent
from thads.calendar.selectors import calendar_today
from thads.calendar.workdays import add_working_days
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def case_audit_count():
    """Audit rows written by enforcement services (sign-ins are audited too, by the core)."""
    return AuditEvent.objects.filter(action__startswith="enforcement.").count()


HTMX = {"HTTP_HX_REQUEST": "true"}


def with_deadline(case, *, working_days, **fields):
    today = calendar_today()
    due = add_working_days(today, working_days) if working_days else today
    return DeadlineFactory(
        case=case, trigger_on=min(due, today) - dt.timedelta(days=20), due_on=due, **fields
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- Worklist ------------------------------------------------------------------------------------


def test_worklist_full_page_lists_own_cases_by_urgency(client, officer, office):
    later = CaseFactory(office=office, assigned_officer=officer, number="1/2026/W")
    with_deadline(later, working_days=8)
    overdue = CaseFactory(office=office, assigned_officer=officer, number="2/2026/W")
    with_deadline(overdue, working_days=-2)
    client.force_login(officer)

    response = client.get(reverse("enforcement:worklist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert html.index("2/2026/W") < html.index("1/2026/W")
    assert "Quá hạn 2 ngày làm việc" in html
    assert "Còn 8 ngày làm việc" in html
    assert [row.number for row in response.context["page"].object_list] == ["2/2026/W", "1/2026/W"]
    assert response.context["counts"].overdue == 1
    assert "HX-Request" in response["Vary"]


def test_worklist_htmx_request_gets_the_table_partial(client, officer, office):
    CaseFactory(office=office, assigned_officer=officer, number="3/2026/W")
    client.force_login(officer)

    response = client.get(
        reverse("enforcement:worklist"), {"q": "3/2026"}, HTTP_HX_TARGET="worklist-table", **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="worklist-table">')
    assert "3/2026/W" in html


def test_worklist_filters_by_urgency(client, officer, office):
    soon = CaseFactory(office=office, assigned_officer=officer, number="4/2026/W")
    with_deadline(soon, working_days=2)
    later = CaseFactory(office=office, assigned_officer=officer, number="5/2026/W")
    with_deadline(later, working_days=10)
    client.force_login(officer)

    response = client.get(reverse("enforcement:worklist"), {"urgency": "soon"})

    assert [row.number for row in response.context["page"].object_list] == ["4/2026/W"]


def test_worklist_ignores_invalid_filters(client, officer, office):
    CaseFactory(office=office, assigned_officer=officer, number="6/2026/W")
    client.force_login(officer)

    response = client.get(reverse("enforcement:worklist"), {"state": "no-such-state"})

    assert response.status_code == 200
    assert [row.number for row in response.context["page"].object_list] == ["6/2026/W"]


def test_worklist_queries_are_bounded(client, officer, office, django_assert_max_num_queries):
    for n in range(30):
        case = CaseFactory(
            office=office, assigned_officer=officer, number=f"{n}/2026/Q", parties=False
        )
        with_deadline(case, working_days=n - 5)
    client.force_login(officer)
    client.get(reverse("enforcement:worklist"))  # session and calendar warm

    with django_assert_max_num_queries(20):
        response = client.get(reverse("enforcement:worklist"), {"page": 2})

    assert len(response.context["page"].object_list) == 10


# --- Office load and assignment -----------------------------------------------------------------


def test_office_load_suggests_and_lists_unassigned(client, office_head, office, make_user):
    busy = make_user(Role.ENFORCEMENT_OFFICER, office, full_name="Nguyễn Văn Bận")
    free = make_user(Role.ENFORCEMENT_OFFICER, office, full_name="Trần Thị Rảnh")
    for n in range(2):
        CaseFactory(office=office, assigned_officer=busy, number=f"{n}/2026/L")
    CaseFactory(office=office, number="9/2026/L", debtor_name="Đỗ Văn Chờ")
    client.force_login(office_head)

    response = client.get(reverse("enforcement:office-load"))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["suggestion"].officer_id == free.pk
    assert (
        "Đề xuất Trần Thị Rảnh: điểm tải thấp nhất trong đơn vị (0 = 0 việc đang giải quyết"
        " + 2 × 0 việc quá hạn + 1 × 0 việc sắp đến hạn). Người kế tiếp: Nguyễn Văn Bận (2 điểm)."
    ) in html
    assert [row.number for row in response.context["page"].object_list] == ["9/2026/L"]
    assert f'<option value="{free.pk}" selected>' in html


def test_office_load_htmx_partial(client, office_head, office):
    CaseFactory(office=office, number="10/2026/L")
    client.force_login(office_head)

    response = client.get(
        reverse("enforcement:office-load"), HTTP_HX_TARGET="office-unassigned", **HTMX
    )

    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="office-unassigned"')


def test_provincial_head_picks_an_office_of_the_province(client, provincial_head, office):
    CaseFactory(office=office, number="11/2026/L")
    client.force_login(provincial_head)

    response = client.get(reverse("enforcement:office-load"), {"office": office.code})

    assert response.status_code == 200
    assert response.context["office"] == office
    assert "11/2026/L" in response.content.decode()


def test_head_assigns_a_case(client, office_head, office, officer):
    case = CaseFactory(office=office, number="12/2026/L")
    client.force_login(office_head)

    response = client.post(
        reverse("enforcement:case-assign", args=[case.pk]),
        {"officer": officer.pk, "version": case.version, "next": "/enforcement/office-load/"},
        follow=True,
    )

    case.refresh_from_db()
    assert case.assigned_officer == officer
    assert case.version == 2
    assert response.redirect_chain == [("/enforcement/office-load/", 303)]
    assert messages_of(response) == [f"Đã giao hồ sơ 12/2026/L cho {officer.get_full_name()}."]
    assert AuditEvent.objects.filter(object_id=str(case.pk)).count() == 1


def test_assign_with_a_stale_version_changes_nothing(client, office_head, office, officer):
    case = CaseFactory(office=office, number="13/2026/L", version=3)
    client.force_login(office_head)

    response = client.post(
        reverse("enforcement:case-assign", args=[case.pk]),
        {"officer": officer.pk, "version": 2},
        follow=True,
    )

    case.refresh_from_db()
    assert case.assigned_officer is None
    assert case.version == 3
    assert messages_of(response) == [
        "Hồ sơ 13/2026/L vừa được người khác cập nhật. Trang đã được tải lại với dữ liệu mới"
        " nhất; hãy kiểm tra rồi thực hiện lại."
    ]
    assert case_audit_count() == 0


def test_assign_to_an_officer_of_another_office_is_refused(
    client, office_head, office, other_officer
):
    case = CaseFactory(office=office, number="14/2026/L")
    client.force_login(office_head)

    response = client.post(
        reverse("enforcement:case-assign", args=[case.pk]),
        {"officer": other_officer.pk, "version": case.version},
        follow=True,
    )

    case.refresh_from_db()
    assert case.assigned_officer is None
    assert messages_of(response) == ["Hãy chọn một chấp hành viên của đơn vị."]


# --- Case list -----------------------------------------------------------------------------------


def test_case_list_filters_unassigned_and_by_officer(client, office_head, office, officer):
    CaseFactory(office=office, assigned_officer=officer, number="1/2026/CL")
    CaseFactory(office=office, number="2/2026/CL")
    client.force_login(office_head)

    unassigned = client.get(reverse("enforcement:case-list"), {"officer": "none"})
    mine = client.get(reverse("enforcement:case-list"), {"officer": str(officer.pk)})

    assert [r.number for r in unassigned.context["page"].object_list] == ["2/2026/CL"]
    assert [r.number for r in mine.context["page"].object_list] == ["1/2026/CL"]


def test_case_list_htmx_partial(client, ministry_leader, office):
    CaseFactory(office=office, number="3/2026/CL")
    client.force_login(ministry_leader)

    response = client.get(reverse("enforcement:case-list"), HTTP_HX_TARGET="case-table", **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="case-table">')
    assert "3/2026/CL" in html


# --- Case page -----------------------------------------------------------------------------------


def test_case_page_shows_header_deadlines_explanation_and_ledger_placeholder(client, officer, case):
    deadline = with_deadline(case, working_days=3, rule_code="T9_VOLUNTARY_PERIOD")
    Deadline.objects.filter(pk=deadline.pk).update(
        recomputed=True,
        history=[
            {
                "on": "2026-11-02",
                "reason": "Hoãn thi hành án",
                "old_due_on": "2026-11-05",
                "new_due_on": "2026-11-20",
            }
        ],
        explanation={
            **deadline.explanation,
            "rule": "Tính 10 ngày kể từ ngày tiếp theo sau 02/11/2026.",
            "skipped": [{"date": "2026-11-07", "name": "Thứ Bảy"}],
        },
    )
    client.force_login(officer)

    response = client.get(reverse("enforcement:case-detail", args=[case.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{case.number}</h1>" in html
    assert "Luật THADS 2025" in html
    assert officer.get_full_name() in html
    assert "Còn 3 ngày làm việc" in html
    assert deadline.rule.article in html
    assert "Tính 10 ngày kể từ ngày tiếp theo sau 02/11/2026." in html
    assert "Thứ Bảy, 07/11/2026: Thứ Bảy" in html
    assert "Lịch sử tính lại" in html
    assert "02/11/2026: Hoãn thi hành án · hạn cũ 05/11/2026 → hạn mới 20/11/2026" in html
    assert "Đã tính lại" in html
    assert f'hx-get="/receipts/cases/{case.pk}/ledger/" hx-trigger="load"' in html
    assert "150.000.000" in html
    assert case.creditor_name in html


def test_case_page_partials_for_htmx(client, officer, case):
    client.force_login(officer)
    url = reverse("enforcement:case-detail", args=[case.pk])

    for target in ("case-deadlines", "case-timeline", "case-actions"):
        response = client.get(url, HTTP_HX_TARGET=target, **HTMX)
        html = response.content.decode()
        assert html.lstrip().startswith(f'<section id="{target}"'), target
        assert "<html" not in html


def test_case_page_queries_are_bounded(client, officer, case, django_assert_max_num_queries):
    for n in range(5):
        CaseEvent.objects.create(case=case, actor=officer, kind="note", title=f"Bước {n}")
    with_deadline(case, working_days=2)
    client.force_login(officer)
    url = reverse("enforcement:case-detail", args=[case.pk])
    client.get(url)

    with django_assert_max_num_queries(20):
        response = client.get(url)

    assert len(response.context["events"]) == 5


# --- Transitions ---------------------------------------------------------------------------------


def action_buttons(response):
    return [item["action"].action for item in response.context["action_forms"]]


def test_allowed_actions_are_buttons_and_a_transition_succeeds(client, officer, case):
    client.force_login(officer)
    page = client.get(reverse("enforcement:case-detail", args=[case.pk]))
    actions = action_buttons(page)
    assert "serve_notice" in actions

    response = client.post(
        reverse("enforcement:case-action", args=[case.pk]),
        {
            "action": "serve_notice",
            "version": case.version,
            "valid_notice_at": "2026-11-02T09:00",
        },
        follow=True,
    )

    fresh = Case.objects.get(pk=case.pk)
    assert fresh.version == case.version + 1
    assert fresh.state != case.state
    assert response.redirect_chain == [(reverse("enforcement:case-detail", args=[case.pk]), 303)]
    assert messages_of(response) == [
        f"Đã cập nhật hồ sơ {case.number}: {fresh.get_state_display()}."
    ]


def test_stale_version_shows_message_and_fresh_page(client, officer, case):
    Case.objects.filter(pk=case.pk).update(version=5)
    client.force_login(officer)

    response = client.post(
        reverse("enforcement:case-action", args=[case.pk]),
        {"action": "serve_notice", "version": 4, "valid_notice_at": "2026-11-02T09:00"},
        follow=True,
    )

    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == (case.state, 5)
    assert messages_of(response) == [
        f"Hồ sơ {case.number} vừa được người khác cập nhật. Trang đã được tải lại với dữ liệu"
        " mới nhất; hãy kiểm tra rồi thực hiện lại."
    ]
    assert response.context["case"].version == 5
    assert 'name="version" value="5"' in response.content.decode()
    assert case_audit_count() == 0


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("close", "Vai trò của bạn không được thực hiện “Kết thúc hồ sơ”."),
        (
            "complete",
            "Không thể “Xác nhận đã thi hành xong” khi hồ sơ đang ở trạng thái"
            " “Đã ra quyết định thi hành án”.",
        ),
        ("no_such_action", "Thao tác không hợp lệ."),
    ],
)
def test_refused_action_shows_the_reason(client, officer, case, action, message):
    client.force_login(officer)

    response = client.post(
        reverse("enforcement:case-action", args=[case.pk]),
        {"action": action, "version": case.version},
        follow=True,
    )

    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == (case.state, case.version)
    assert messages_of(response) == [message]
    assert message in response.content.decode()
    assert case_audit_count() == 0
    assert CaseEvent.objects.filter(case=case).count() == 0


def transition(case, actor, action, **payload):
    from enforcement.services import case_transition

    case.refresh_from_db()
    return case_transition(
        actor=actor, case=case, action=action, version=case.version, payload=payload or None
    )


def test_voluntary_period_blocks_verification_with_the_reason(client, officer, case):
    transition(case, officer, "serve_notice", valid_notice_at=timezone.now())
    client.force_login(officer)

    response = client.get(reverse("enforcement:case-detail", args=[case.pk]))

    html = response.content.decode()
    blocked = {
        item["action"].action: item["action"].blocked_reason
        for item in response.context["action_forms"]
    }
    assert blocked["start_verification"].startswith("Thời hạn tự nguyện thi hành án chưa hết")
    assert 'disabled aria-describedby="blocked-start_verification"' in html


def test_postponement_and_resumption_show_the_recomputed_deadline(
    client, officer, office_head, case
):
    notice = timezone.now() - dt.timedelta(days=2)
    transition(case, officer, "serve_notice", valid_notice_at=notice)
    transition(case, office_head, "postpone", note="Đương sự ốm nặng")
    transition(case, office_head, "resume")
    client.force_login(officer)

    response = client.get(reverse("enforcement:case-detail", args=[case.pk]))

    html = response.content.decode()
    voluntary = next(
        d for d in response.context["deadlines"] if d.rule_code == "T9_VOLUNTARY_PERIOD"
    )
    assert voluntary.recomputed is True
    assert [row["text"] != "" for row in voluntary.history_rows] == [False, True]
    assert voluntary.history_rows[0]["reason"] == "Tạm dừng thời hạn (hoãn thi hành án)"
    assert voluntary.history_rows[1]["text"] in html
    assert "Lịch sử tính lại" in html
    assert "Đã tính lại" in html
    assert "Tiếp tục thi hành án" in html  # the timeline step


def test_case_page_loads_the_three_action_panels_by_url(client, officer, case):
    client.force_login(officer)

    response = client.get(reverse("enforcement:case-detail", args=[case.pk]))

    html = response.content.decode()
    for key in ("service", "verification", "coercion"):
        assert f'id="case-panel-{key}" hx-get="/enforcement/cases/{case.pk}/{key}/"' in html, key


def test_head_reassigns_from_the_case_page(client, office_head, office, officer, make_user):
    other = make_user(Role.ENFORCEMENT_OFFICER, office, full_name="Võ Thị Tiếp Nhận")
    case = CaseFactory(office=office, assigned_officer=officer, number="15/2026/L")
    client.force_login(office_head)
    page = client.get(reverse("enforcement:case-detail", args=[case.pk]))
    assert "Phân công lại" in page.content.decode()

    response = client.post(
        reverse("enforcement:case-assign", args=[case.pk]),
        {"officer": other.pk, "version": case.version},
        follow=True,
    )

    case.refresh_from_db()
    assert case.assigned_officer == other
    assert response.redirect_chain == [(reverse("enforcement:case-detail", args=[case.pk]), 303)]
    assert messages_of(response) == ["Đã giao hồ sơ 15/2026/L cho Võ Thị Tiếp Nhận."]
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == [
        "transition.assign"
    ]


def test_no_reassignment_form_on_an_ended_case(client, office_head, office, officer):
    case = CaseFactory(
        office=office, assigned_officer=officer, number="16/2026/L", state=Case.State.CLOSED
    )
    client.force_login(office_head)

    response = client.get(reverse("enforcement:case-detail", args=[case.pk]))

    html = response.content.decode()
    assert "Phân công lại" not in html
    assert "Bạn không có thao tác nào trên hồ sơ ở trạng thái này." in html


def test_precondition_refusal_is_shown_with_its_legal_reason(client, officer, case):
    transition(case, officer, "serve_notice", valid_notice_at=timezone.now())
    case.refresh_from_db()
    due = Deadline.objects.get(case=case, rule_code="T9_VOLUNTARY_PERIOD").due_on
    client.force_login(officer)

    response = client.post(
        reverse("enforcement:case-action", args=[case.pk]),
        {"action": "start_verification", "version": case.version},
        follow=True,
    )

    assert messages_of(response) == [
        f"Thời hạn tự nguyện thi hành án chưa hết (đến hết ngày {due:%d/%m/%Y}). Chỉ xác minh"
        " hoặc áp dụng biện pháp bảo đảm ngay khi cần ngăn chặn tẩu tán tài sản (Điều 45 khoản"
        " 2 Luật THADS 2008)."
    ]
    assert Case.objects.get(pk=case.pk).state == Case.State.VOLUNTARY_PERIOD


def test_office_load_and_case_list_queries_are_bounded(
    client, office_head, office, make_user, django_assert_max_num_queries
):
    officers = [make_user(Role.ENFORCEMENT_OFFICER, office) for _ in range(5)]
    for n in range(25):
        case = CaseFactory(
            office=office,
            assigned_officer=officers[n % 5] if n % 2 else None,
            number=f"{n}/2026/OL",
            parties=False,
        )
        with_deadline(case, working_days=n - 10)
    client.force_login(office_head)
    client.get(reverse("enforcement:office-load"))

    with django_assert_max_num_queries(20):
        load = client.get(reverse("enforcement:office-load"))
    with django_assert_max_num_queries(20):
        listing = client.get(reverse("enforcement:case-list"), {"page": 2})

    assert len(load.context["loads"]) == 5
    assert len(load.context["page"].object_list) == 13
    assert len(listing.context["page"].object_list) == 5
