"""A real court scan from upload to confirmation, in Debian's Chromium (issue 3, done-when).

The officer uploads ``QD_2267.2025.QDST.KDTM.pdf`` (a 2-page scanned commercial decision from
``../shared/samples``; never copied into the repository: the test skips without it), sees the
reading finish (progress bar at 100 %), reviews the extracted fields beside the page with the
span highlighted, corrects two fields (one with the keyboard: j/k, e, Enter; one with the
mouse), resolves any blocking cross-check and confirms. The corrections are then in the
database with who, before and after. Tasks run in-process (eager): OCR of the two pages
happens during the upload request.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from decisions.models import FieldCorrection
from decisions.models import Judgment
from decisions.models import JudgmentParty
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples" / "judgments"
SCAN = SAMPLES / "QD_2267.2025.QDST.KDTM.pdf"
NEW_NAME = "Ngân hàng Thương mại Cổ phần Công thương Việt Nam"
REPRESENTATIVE = "Người đại diện theo ủy quyền của ngân hàng"


def row(tab, path):
    return tab.locator(f'[data-judgment-field][data-path="{path}"]')


def test_upload_review_correct_two_fields_and_confirm(visit, officer, media_root):
    if not SCAN.exists():
        pytest.skip(f"{SCAN} is absent (../shared/samples is not in this checkout)")
    tab = visit.page
    tab.set_default_timeout(30_000)  # two cores shared by many processes: htmx swaps may lag
    log_in(visit, officer.username, PASSWORD)

    visit("/decisions/judgments/upload/", "upload")
    tab.set_input_files("#id_file", str(SCAN))
    tab.get_by_role("button", name="Tiếp nhận").click()
    tab.wait_for_url(re.compile(r"/decisions/judgments/\d+/$"), timeout=240_000)
    tab.locator(".judgment-source__page img").evaluate(
        "img => img.complete || new Promise(done => img.onload = done)"
    )
    visit.check("review")

    progress = tab.locator(".judgment-reading progress.job-progress__bar")
    assert progress.get_attribute("value") == "100"
    assert "2/2" in tab.locator(".judgment-reading .job-progress__label").inner_text()
    judgment = Judgment.objects.get()
    assert judgment.status == Judgment.Status.REVIEW
    assert judgment.number == "2267/2024/QĐST-KDTM"
    plaintiff = JudgmentParty.objects.get(judgment=judgment, position=0)
    name_before, representative_before = plaintiff.name, plaintiff.representative

    # Keyboard: select the plaintiff's name with j/k, edit with e, save with Enter.
    row(tab, "parties[0].name").click()
    tab.locator("[data-judgment-field].is-selected").wait_for()
    tab.keyboard.press("j")
    tab.keyboard.press("k")
    assert tab.locator("[data-judgment-field].is-selected").get_attribute("data-path") == (
        "parties[0].name"
    )
    tab.locator("#judgment-source .judgment-source__field", has_text="Họ tên").wait_for()
    # The static script places the box (percent of the page image): it must have a size.
    tab.wait_for_function(
        """() => {
            const box = document.querySelector("#judgment-source .judgment-highlight");
            const rect = box && box.getBoundingClientRect();
            return rect && rect.width > 20 && rect.height > 5;
        }"""
    )
    visit.check("field-selected")
    tab.keyboard.press("e")
    field = row(tab, "parties[0].name").locator("input[name=value]")
    field.wait_for()
    # The edit form arrives by an htmx swap; the static script focuses it once settled.
    tab.wait_for_function(
        """() => {
            const active = document.activeElement;
            return active && active.name === "value"
                && active.closest('[data-path="parties[0].name"]') !== null;
        }"""
    )
    field.fill(NEW_NAME)
    field.press("Enter")
    row(tab, "parties[0].name").locator(".judgment-field__value", has_text=NEW_NAME).wait_for()

    # Mouse: the plaintiff's representative.
    row(tab, "parties[0].representative").get_by_role("button", name="Sửa").click()
    rep = row(tab, "parties[0].representative").locator("input[name=value]")
    rep.fill(REPRESENTATIVE)
    row(tab, "parties[0].representative").get_by_role("button", name="Lưu").click()
    row(tab, "parties[0].representative").locator(
        ".judgment-field__value", has_text=REPRESENTATIVE
    ).wait_for()
    visit.check("corrected")

    # c confirms the selected field as read; Esc leaves an edit form unchanged.
    row(tab, "court").click()
    tab.keyboard.press("c")
    row(tab, "court").locator(".badge", has_text="Đã xác nhận").wait_for()
    tab.locator('[data-judgment-field].is-selected[data-path="court"]').wait_for()
    row(tab, "court").get_by_role("button", name="Sửa").click()
    court_input = row(tab, "court").locator("input[name=value]")
    court_input.wait_for()
    tab.wait_for_function("document.activeElement && document.activeElement.name === 'value'")
    tab.keyboard.press("Escape")
    row(tab, "court").locator("[data-judgment-edit]").wait_for()

    # Resolve blocking issues (if any) by following their "Đến trường" link, then confirm.
    blocking = tab.locator(".judgment-issue--blocking")
    assert blocking.count() == 0, blocking.all_inner_texts()
    confirm = tab.get_by_role("button", name="Xác nhận bản án")
    assert confirm.is_enabled()
    confirm.click()
    tab.locator(".page-header .badge", has_text="Đã xác nhận").wait_for()
    visit.check("confirmed")

    judgment.refresh_from_db()
    assert judgment.status == Judgment.Status.CONFIRMED
    assert judgment.confirmed_by == officer
    corrections = list(FieldCorrection.objects.order_by("corrected_at", "pk"))
    assert [(c.path, c.before, c.after, c.corrected_by) for c in corrections] == [
        ("parties[0].name", name_before, NEW_NAME, officer),
        ("parties[0].representative", representative_before, REPRESENTATIVE, officer),
    ]
    assert corrections[0].page == 1

    visit("/decisions/judgments/?q=2267", "list")
    listed = tab.locator("#judgment-table tbody tr")
    assert listed.count() == 1
    assert "Đã xác nhận" in listed.inner_text()
