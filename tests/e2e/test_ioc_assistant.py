"""The question assistant in a browser: a leader asks, the answer arrives by htmx with how the
question was understood; an unreadable question gets suggestions that can be clicked."""

from pathlib import Path

import pytest

from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD
from tests.fixtures.ioc_assistant import ha_tinh  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]
SHOTS = Path("/work/shots/I2")


def _shot(page, name: str) -> None:
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_leader_asks_two_questions(visit, ministry_leader, ha_tinh):  # noqa: F811
    from django.core.cache import cache

    from ioc_dashboard.assistant import catalogue

    catalogue._LOCAL.clear()
    cache.delete(catalogue._cache_key())
    page = visit.page
    box = page.get_by_role("searchbox", name="Câu hỏi")
    log_in(visit, ministry_leader.username, PASSWORD)
    visit("/ioc/assistant/", "assistant-empty")
    _shot(page, "assistant-empty")

    box.fill("Tháng trước Hà Tĩnh thu được bao nhiêu tiền?")
    page.get_by_role("button", name="Hỏi").click()
    sentence = page.locator(".ioc-assistant__sentence")
    sentence.wait_for(timeout=60_000)  # the first answer may wait for the model to load
    assert sentence.inner_text().startswith("Số tiền đã thu của Hà Tĩnh từ 01/")
    assert page.get_by_text("Tôi hiểu câu hỏi như sau").is_visible()
    visit.check("assistant-answer")
    _shot(page, "assistant-answer")

    box.fill("so viec qua han theo tung phong o Ha Tinh nam nay")
    page.get_by_role("button", name="Hỏi").click()
    page.get_by_text("Chia theo đơn vị").wait_for()
    assert "Số việc quá hạn của Hà Tĩnh" in sentence.inner_text()
    visit.check("assistant-breakdown")
    _shot(page, "assistant-breakdown")

    box.fill("hôm nay trời có mưa không")
    page.get_by_role("button", name="Hỏi").click()
    page.get_by_text("Tôi chưa hiểu câu hỏi.", exact=False).wait_for()
    page.get_by_role("link", name="Số việc quá hạn theo từng phòng ở Sơn La năm nay").click()
    page.get_by_text("Chỉ tiêu: Số việc quá hạn").wait_for()
    visit.check("assistant-suggestion")
    _shot(page, "assistant-suggestion")
