"""A case in Debian's Chromium, from the signed decision to closing (issue 5, done-when).

The decision is signed in the setup (``decisions.signals.decision_signed`` with a
``SignedDecision``, received by enforcement's receiver, which opens the case). Then, in the
browser: the office head assigns it from the load view (the suggested officer), the officer
finds it on the worklist and records the valid notice of the decision (the case page's
transition form, service ``case_transition`` action ``serve_notice``), starts the
verification once the voluntary period is over, the head classifies the case as having the
conditions to enforce, the officer confirms it executed, the head closes it. Every step is
screenshotted (var/screenshots/) and checked by axe-core.
"""

import datetime as dt

import pytest
from django.utils import timezone

from decisions.signals import decision_signed
from decisions.types import SignedDecision
from enforcement.models import Case
from enforcement.models import CaseEvent
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD
from thads.permissions import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEBTOR = "Nguyễn Văn Phải Trả"


@pytest.fixture
def signed_case(office):
    today = timezone.localdate()
    signed_at = timezone.now() - dt.timedelta(days=25)
    data = SignedDecision(
        decision_id=424242,
        office_id=office.pk,
        number="42/QĐ-THADS",
        kind="on_request",
        signed_at=signed_at,
        issued_on=today - dt.timedelta(days=25),
        judgment_id=None,
        judgment_number="15/2026/DS-ST",
        court="Tòa án nhân dân khu vực 1 - Tỉnh Thử A",
        debtor_name=DEBTOR,
        debtor_id_number="001088012345",
        debtor_address="Số 12 đường Lý Thường Kiệt, phường Hoàn Kiếm",
        creditor_name="Trần Thị Được Nhận",
        obligations=(
            {
                "kind": "money",
                "amount_vnd": 85_000_000,
                "description": "Trả tiền vay theo hợp đồng",
                "creditor": "Trần Thị Được Nhận",
            },
        ),
        legal_basis="Điều 36 Luật Thi hành án dân sự",
    )
    decision_signed.send(sender=None, decision_id=data.decision_id, data=data)
    return Case.objects.get(opening_decision_id=data.decision_id)


def log_out(visit):
    visit.page.get_by_role("button", name="Đăng xuất").click()
    visit.page.wait_for_load_state("load")


def settled(visit, name):
    """Check the page once htmx has loaded its panels (the action panels of the case page)."""
    visit.page.wait_for_load_state("networkidle")
    visit.check(name)


def open_page(visit, path, name):
    visit.page.goto(visit.base_url + path)
    settled(visit, name)


def act(visit, label, name):
    """Press a transition button of the case page and check the page it leads to."""
    tab = visit.page
    tab.get_by_role("button", name=label, exact=True).click()
    tab.wait_for_load_state("load")
    settled(visit, name)


def test_case_from_signed_decision_to_closing(visit, signed_case, office, make_user):
    tab = visit.page
    head = make_user(Role.OFFICE_HEAD, office, full_name="Lê Văn Trưởng")
    officer = make_user(Role.ENFORCEMENT_OFFICER, office, full_name="Phạm Thị Chấp Hành")
    case = signed_case
    assert case.state == Case.State.DECISION_ISSUED
    assert case.assigned_officer is None

    # The head assigns the new case to the suggested officer.
    log_in(visit, head.username, PASSWORD, name="head-login")
    visit("/enforcement/office-load/", "office-load")
    assert "Đề xuất Phạm Thị Chấp Hành" in tab.locator(".suggestion").inner_text()
    row = tab.locator("#office-unassigned tr", has_text=case.number)
    row.get_by_role("button", name="Giao").click()
    tab.wait_for_load_state("load")
    visit.check("assigned")
    assert (
        f"Đã giao hồ sơ {case.number} cho Phạm Thị Chấp Hành."
        in tab.locator("#messages").inner_text()
    )
    log_out(visit)

    # The officer finds it on the worklist and records the valid notice of the decision.
    log_in(visit, officer.username, PASSWORD, name="officer-login")
    visit("/enforcement/worklist/", "worklist")
    tab.get_by_role("link", name=case.number).click()
    settled(visit, "case-page")
    assert tab.get_by_role("heading", level=1).inner_text() == case.number
    tab.locator("#case-ledger table").wait_for()
    assert "Tổng phải thi hành" in tab.locator("#case-ledger").inner_text()
    notice_at = timezone.localtime() - dt.timedelta(days=20)
    tab.fill("#id_serve_notice_valid_notice_at", notice_at.strftime("%Y-%m-%dT09:00"))
    act(visit, "Ghi nhận thông báo hợp lệ quyết định thi hành án", "served")
    assert "Trong thời hạn tự nguyện" in tab.locator(".case-header").inner_text()
    deadlines = tab.locator("#case-deadlines")
    deadlines.get_by_text("Cách tính thời hạn").first.click()
    settled(visit, "deadline-explained")

    # The voluntary period is over: verification starts.
    act(visit, "Bắt đầu xác minh điều kiện thi hành án", "verification")
    assert "Đang xác minh điều kiện" in tab.locator(".case-header").inner_text()
    log_out(visit)

    # The head classifies: the debtor has the conditions to enforce.
    log_in(visit, head.username, PASSWORD, name="head-login-again")
    open_page(visit, f"/enforcement/cases/{case.pk}/", "head-case-page")
    act(visit, "Xác định có điều kiện thi hành án", "classified")
    assert "Có điều kiện thi hành" in tab.locator(".case-header").inner_text()
    log_out(visit)

    # The officer confirms the judgment executed; the head closes the file.
    log_in(visit, officer.username, PASSWORD, name="officer-login-again")
    open_page(visit, f"/enforcement/cases/{case.pk}/", "officer-case-page")
    act(visit, "Xác nhận đã thi hành xong", "completed")
    assert "Đã thi hành xong" in tab.locator(".case-header").inner_text()
    log_out(visit)
    log_in(visit, head.username, PASSWORD, name="head-login-last")
    open_page(visit, f"/enforcement/cases/{case.pk}/", "head-case-completed")
    act(visit, "Kết thúc hồ sơ", "closed")

    case.refresh_from_db()
    assert case.state == Case.State.CLOSED
    assert case.closed_at is not None
    assert list(
        CaseEvent.objects.filter(case=case).order_by("at", "pk").values_list("kind", flat=True)
    ) == [
        "opened",
        "transition.assign",
        "transition.serve_notice",
        "transition.start_verification",
        "transition.classify_has_conditions",
        "transition.complete",
        "transition.close",
    ]
    timeline = tab.locator("#case-timeline").inner_text()
    assert "Kết thúc hồ sơ: Đã thi hành xong → Kết thúc hồ sơ" in timeline


def test_worklist_sorts_by_urgency_and_filters_in_place(visit, office, officer):
    from tests.factories.enforcement import CaseFactory
    from tests.factories.enforcement import DeadlineFactory
    from thads.calendar.workdays import add_working_days

    tab = visit.page
    today = timezone.localdate()
    for number, debtor, working_days in (
        ("101/2026", "Lê Văn Còn Lâu", 12),
        ("102/2026", "Trần Thị Quá Hạn", -3),
        ("103/2026", "Phạm Văn Sắp Đến", 2),
    ):
        case = CaseFactory(
            office=office, assigned_officer=officer, number=number, debtor_name=debtor
        )
        due = add_working_days(today, working_days)
        DeadlineFactory(case=case, trigger_on=min(due, today) - dt.timedelta(days=20), due_on=due)
    CaseFactory(office=office, assigned_officer=officer, number="104/2026")

    log_in(visit, officer.username, PASSWORD)
    open_page(visit, "/enforcement/worklist/", "worklist")
    rows = tab.locator("#worklist-table tbody tr")
    assert [rows.nth(i).locator("th").inner_text() for i in range(4)] == [
        "102/2026",
        "103/2026",
        "101/2026",
        "104/2026",
    ]
    assert "Quá hạn 3 ngày làm việc" in rows.nth(0).inner_text()
    assert "Còn 2 ngày làm việc" in rows.nth(1).inner_text()

    tab.get_by_label("Mức độ khẩn").select_option("soon")
    tab.wait_for_url("**/enforcement/worklist/?*urgency=soon*")
    settled(visit, "worklist-soon")
    assert rows.count() == 1
    assert rows.first.locator("th").inner_text() == "103/2026"

    tab.get_by_label("Mức độ khẩn").select_option("")
    tab.get_by_label("Tìm theo số hồ sơ hoặc người phải thi hành án").fill("còn lâu")
    tab.get_by_role("button", name="Lọc").click()
    tab.wait_for_url("**q=c*")
    settled(visit, "worklist-search")
    assert rows.count() == 1
    assert rows.first.locator("th").inner_text() == "101/2026"


def test_head_drafts_an_entrustment_and_records_a_paper_suspension(
    visit, signed_case, office, other_office, make_user, decision_templates, drafting_media
):
    """The head's actions need a decision: the entrustment is drafted for signature (the
    receiving office found by its code), the suspension recorded from a paper decision."""
    tab = visit.page
    head = make_user(Role.OFFICE_HEAD, office, full_name="Lê Văn Trưởng")
    case = signed_case

    log_in(visit, head.username, PASSWORD, name="head-login")
    open_page(visit, f"/enforcement/cases/{case.pk}/", "head-case-page")
    entrust = tab.locator("form", has=tab.locator("#draft-entrust"))
    entrust.get_by_label("Tìm cơ quan theo mã hoặc tên").fill(other_office.code)
    tab.wait_for_function("document.querySelectorAll('#id_entrust_office option').length === 2")
    entrust.get_by_label("Cơ quan thi hành án nhận ủy thác").select_option(str(other_office.pk))
    entrust.get_by_label("Ghi chú, căn cứ").fill("Tài sản của người phải thi hành án ở tỉnh khác")
    settled(visit, "entrust-filled")
    tab.locator("#draft-entrust").click()
    tab.wait_for_load_state("load")
    settled(visit, "entrust-drafted")
    assert "Chờ ký quyết định ủy thác thi hành án" in tab.locator("#case-actions").inner_text()
    assert "Ủy thác thi hành án · Dự thảo" in tab.locator("#case-decisions-title + ul").inner_text()
    case.refresh_from_db()
    assert case.state == Case.State.DECISION_ISSUED

    suspend = tab.locator("form", has=tab.locator("#paper-suspend"))
    suspend.get_by_text("Ghi nhận quyết định đã ký ngoài hệ thống").click()
    suspend.get_by_role(
        "button", name="Ghi nhận quyết định đã ký: Tạm đình chỉ thi hành án"
    ).click()
    tab.wait_for_load_state("load")
    settled(visit, "paper-refused")
    assert "Hãy nhập số quyết định đã ký." in tab.locator("#messages").inner_text()
    suspend.get_by_text("Ghi nhận quyết định đã ký ngoài hệ thống").click()
    suspend.get_by_label("Số quyết định").fill("07/QĐ-CCTHADS")
    suspend.get_by_label("Ngày ký quyết định").fill(timezone.localdate().isoformat())
    settled(visit, "paper-filled")
    suspend.get_by_role(
        "button", name="Ghi nhận quyết định đã ký: Tạm đình chỉ thi hành án"
    ).click()
    tab.wait_for_load_state("load")
    settled(visit, "paper-recorded")
    assert "Tạm đình chỉ" in tab.locator(".case-header").inner_text()
    event = CaseEvent.objects.get(case=case, kind="transition.suspend")
    assert event.detail["decision_number"] == "07/QĐ-CCTHADS"
