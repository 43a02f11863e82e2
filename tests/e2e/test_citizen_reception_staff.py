"""Browser: the counter flow of citizen reception (issue 7 §2) and the staff pages around it.

1. A counter clerk scans a paper complaint (a PNG drawn by tests/citizen_reception_ui/samples),
   the page comes back with the intake form filled from its OCR text (tesseract, real
   pipeline), the clerk checks it, saves, and opens the acknowledgement (giấy biên nhận) PDF,
   which carries the tracking code.
2. The office head finds the petition in the list (an overdue one is marked), opens it,
   assigns and accepts it through the htmx action panels, records a line of the reception log
   and schedules a reception day.

Every page is screenshotted (var/screenshots/) and checked by axe-core (tests/e2e/harness.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdfium2
import pytest
from django.core.management import call_command
from django.utils import timezone

from citizen_reception import services
from citizen_reception.models import Petition
from citizen_reception.models import PetitionRule
from citizen_reception.models import ReceptionLogEntry
from citizen_reception.models import ReceptionSchedule
from citizen_reception.navigation import register_navigation
from tests.citizen_reception_ui.conftest import intake
from tests.citizen_reception_ui.samples import draw_petition
from tests.e2e.harness import log_in
from tests.fixtures.core import PASSWORD
from thads.permissions import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

register_navigation()


@pytest.fixture
def rules(db):
    """The deadline rules (a transactional test before this one may have flushed them)."""
    if not PetitionRule.objects.exists():
        call_command("reception_rules_sync", verbosity=0)


def test_counter_scan_prefill_save_and_print_acknowledgement(
    visit, make_user, office, media_root, rules, tmp_path
):
    clerk = make_user(Role.COUNTER_STAFF, office)
    day = timezone.localdate() - dt.timedelta(days=2)
    sample = draw_petition(tmp_path, kind="complaint", day=day)
    tab = visit.page
    log_in(visit, clerk.username, PASSWORD)

    visit("/reception/intake/", "intake-empty")
    tab.set_input_files("#id_file", str(sample.path))
    tab.get_by_role("button", name="Tải lên và đọc").click()
    tab.wait_for_url(re.compile(r"/reception/intake/\?scan=\d+$"), timeout=60_000)
    tab.locator(".prefill-summary").wait_for(timeout=60_000)
    tab.locator(".scan-preview img").evaluate(
        "img => img.complete || new Promise(done => img.onload = done)"
    )
    visit.check("intake-prefilled")

    assert tab.locator("#id_kind").input_value() == "complaint"
    assert tab.locator("#id_petitioner_name").input_value() == sample.name
    assert tab.locator("#id_petitioner_id_number").input_value() == sample.id_number
    assert tab.locator("#id_petitioner_birth_year").input_value() == "1986"
    assert tab.locator("#id_petitioner_phone").input_value() == sample.phone
    assert tab.locator("#id_received_on").input_value() == day.strftime("%d/%m/%Y")
    assert tab.locator("#id_respondent").input_value() == sample.respondent
    assert sample.content_start in tab.locator("#id_content").input_value()
    assert "prefilled" in (tab.locator("#id_petitioner_name").get_attribute("class") or "")

    # The clerk checks the identity document and corrects the address by hand.
    tab.locator("#id_petitioner_address").fill("Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội")
    tab.locator("#id_notify_email").fill("nhung@example.vn")
    tab.get_by_role("button", name="Lưu và cấp giấy biên nhận").click()
    tab.wait_for_url(re.compile(r"/reception/petitions/\d+/\?received=1$"), timeout=60_000)
    visit.check("petition-received")

    petition = Petition.objects.get()
    assert (petition.kind, petition.channel, petition.state) == ("complaint", "counter", "received")
    assert (petition.petitioner_name, petition.petitioner_id_number) == (
        sample.name,
        sample.id_number,
    )
    assert petition.petitioner_address == "Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội"
    assert petition.received_on == day
    assert petition.office_id == office.pk
    assert list(petition.attachments.values_list("original_name", flat=True)) == [sample.path.name]
    assert tab.locator(".tracking-code").inner_text() == petition.code

    pdf = tab.request.get(f"{visit.base_url}/reception/petitions/{petition.pk}/acknowledgement.pdf")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(io.BytesIO(pdf.body()))
    text = document[0].get_textpage().get_text_range()
    assert petition.code in text

    # A second click on "save" with the same form (browser back + resubmit) adds nothing.
    assert Petition.objects.count() == 1


def test_head_handles_petitions_log_and_schedule(visit, make_user, office, rules):
    clerk = make_user(Role.COUNTER_STAFF, office)
    head = make_user(Role.OFFICE_HEAD, office, full_name="Lê Văn Trưởng")
    officer = make_user(Role.RECEPTION_OFFICER, office, full_name="Phạm Thị Tiếp")
    today = timezone.localdate()
    fresh = services.petition_receive(
        actor=clerk, receiving_office=office, data=intake(), idempotency_key=None
    )
    late = services.petition_receive(
        actor=clerk,
        receiving_office=office,
        data=intake(
            subject="Khiếu nại chưa được thụ lý",
            petitioner_id_number="001199000888",
            received_on=today - dt.timedelta(days=30),
        ),
        idempotency_key=None,
    )
    tab = visit.page
    log_in(visit, head.username, PASSWORD)

    visit("/reception/petitions/", "petition-list")
    overdue_row = tab.locator("tr.is-overdue")
    assert overdue_row.count() == 1
    assert late.code in overdue_row.inner_text()
    assert "Quá hạn" in overdue_row.inner_text()

    tab.get_by_role("link", name=fresh.code).click()
    tab.wait_for_url(f"**/reception/petitions/{fresh.pk}/")
    visit.check("petition-detail")

    tab.locator("#action-classify").click()
    tab.locator("#id_classify_complaint_object").wait_for()
    visit.check("action-classify")

    tab.locator("#action-assign").click()
    tab.locator("#id_assign_officer").wait_for()
    visit.check("action-assign")
    tab.locator("#id_assign_officer").select_option(str(officer.pk))
    tab.locator("#submit-assign").click()
    tab.wait_for_load_state("load")
    tab.get_by_text("Đã giao đơn cho cán bộ xử lý.").wait_for()

    tab.locator("#action-accept").click()
    tab.locator("#submit-accept").click()
    tab.get_by_text("Đã thụ lý đơn; thời hạn giải quyết đã được tính.").wait_for()
    visit.check("petition-accepted")
    fresh.refresh_from_db()
    assert (fresh.state, fresh.assigned_to_id) == ("accepted", officer.pk)
    assert fresh.accepted_on == today

    visit("/reception/log/new/", "log-form")
    tab.locator("#id_person_name").fill("Đỗ Văn Đến")
    tab.locator("#id_content").fill("Hỏi về tiến độ giải quyết đơn khiếu nại.")
    tab.locator("#id_result").select_option("answered")
    tab.locator("#id_petition_code").fill(fresh.code)
    tab.get_by_role("button", name="Ghi sổ").click()
    tab.wait_for_url("**/reception/log/")
    visit.check("log")
    tab.emulate_media(media="print")
    visit.check("log-print")
    tab.emulate_media(media="screen")
    entry = ReceptionLogEntry.objects.get()
    assert (entry.person_name, entry.result, entry.petition_id, entry.receiver_id) == (
        "Đỗ Văn Đến",
        "answered",
        fresh.pk,
        head.pk,
    )

    visit("/reception/schedule/", "schedule-empty")
    day = today + dt.timedelta(days=10)
    tab.locator("#id_host").select_option(str(head.pk))
    tab.locator("#id_day").fill(day.strftime("%d/%m/%Y"))
    tab.locator("#id_place").fill("Phòng tiếp công dân, tầng 1")
    tab.get_by_role("button", name="Lập lịch").click()
    tab.wait_for_url("**/reception/schedule/")
    visit.check("schedule")
    schedule = ReceptionSchedule.objects.get()
    assert (schedule.host_id, schedule.day, schedule.cancelled) == (head.pk, day, False)
