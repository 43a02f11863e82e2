import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thads.audit.models import AuditEvent
from thads.audit.services import audit_log

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


def test_list_page_filters_by_action_and_username(client, office_head, officer, office):
    audit_log(actor=officer, action="receipt.issued", summary="Biên lai A")
    audit_log(actor=office_head, action="receipt.issued", summary="Biên lai B")
    audit_log(actor=officer, action="case.closed", summary="Đóng hồ sơ C")
    client.force_login(office_head)

    html = _html(
        client.get(
            reverse("audit:event-list"),
            {"action": "receipt.issued", "username": officer.username.upper()},
        )
    )

    assert "Biên lai A" in html
    assert "Biên lai B" not in html
    assert "Đóng hồ sơ C" not in html
    assert "1 sự kiện" in html


def test_list_page_filters_by_object(client, office_head, officer, other_officer):
    audit_log(actor=office_head, action="user.assigned", target=officer, summary="Đối tượng 1")
    audit_log(actor=office_head, action="user.assigned", target=office_head, summary="Đối tượng 2")
    client.force_login(office_head)

    html = _html(
        client.get(
            reverse("audit:event-list"), {"object_type": "org.user", "object_id": str(officer.pk)}
        )
    )

    assert "Đối tượng 1" in html
    assert "Đối tượng 2" not in html


def test_list_page_filters_by_local_dates(client, office_head, office):
    audit_log(actor=None, action="test.day", office=office, summary="Hôm nay")
    client.force_login(office_head)
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)

    shown = _html(client.get(reverse("audit:event-list"), {"date_from": f"{today:%d/%m/%Y}"}))
    hidden = _html(client.get(reverse("audit:event-list"), {"date_to": f"{yesterday:%d/%m/%Y}"}))

    assert "Hôm nay" in shown
    assert "Hôm nay" not in hidden


def test_invalid_date_shows_a_vietnamese_error(client, office_head):
    client.force_login(office_head)
    html = _html(client.get(reverse("audit:event-list"), {"date_from": "2025-07-01"}))
    assert "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/07/2025." in html


def test_reversed_date_range_is_an_error(client, office_head):
    client.force_login(office_head)
    html = _html(
        client.get(
            reverse("audit:event-list"), {"date_from": "02/07/2025", "date_to": "01/07/2025"}
        )
    )
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in html


def test_htmx_filter_gets_only_the_table(client, office_head, office):
    audit_log(actor=None, action="test.htmx", office=office, summary="Dòng htmx")
    client.force_login(office_head)

    response = client.get(
        reverse("audit:event-list"),
        {"action": "test.htmx"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="event-table",
    )

    html = _html(response)
    assert html.lstrip().startswith('<div id="event-table">')
    assert "Dòng htmx" in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_list_is_paginated_by_50(client, ministry_leader, office, django_assert_max_num_queries):
    for n in range(51):
        audit_log(actor=None, action="test.page", office=office, summary=f"Trang-{n:02d}")
    client.force_login(ministry_leader)

    first = _html(client.get(reverse("audit:event-list"), {"action": "test.page"}))
    second = _html(client.get(reverse("audit:event-list"), {"action": "test.page", "page": 2}))

    assert first.count("Trang-") == 50
    assert "Trang-50" in first  # newest first
    assert second.count("Trang-") == 1
    assert "Trang-00" in second
    with django_assert_max_num_queries(12):
        client.get(reverse("audit:event-list"), {"action": "test.page"})


def test_detail_shows_before_and_after_with_changed_keys(client, office_head, officer):
    event = audit_log(
        actor=office_head,
        action="user.assigned",
        target=officer,
        before={"role": "clerk", "office": "T101-KV01", "old": 1},
        after={"role": "enforcement_officer", "office": "T101-KV01", "new": 2},
        summary="Phân công lại",
    )
    client.force_login(office_head)

    html = _html(client.get(reverse("audit:event-detail", args=[event.pk])))

    assert "Phân công lại" in html
    assert html.count('class="is-changed"') == 3  # role, old, new; office unchanged
    assert "enforcement_officer" in html
    assert f"{event.hash[:32]}<wbr>{event.hash[32:]}" in html


def test_detail_without_snapshots(client, office_head, office):
    event = audit_log(actor=None, action="test.empty", office=office)
    client.force_login(office_head)
    html = _html(client.get(reverse("audit:event-detail", args=[event.pk])))
    assert "Sự kiện này không ghi dữ liệu trước và sau." in html


def test_sysadmin_sees_the_verify_button_leaders_do_not(client, sysadmin, ministry_leader):
    client.force_login(sysadmin)
    assert "Kiểm tra toàn vẹn nhật ký" in _html(client.get(reverse("audit:event-list")))
    client.force_login(ministry_leader)
    assert "Kiểm tra toàn vẹn nhật ký" not in _html(client.get(reverse("audit:event-list")))


def test_viewing_the_trail_writes_no_event(client, office_head):
    client.force_login(office_head)
    count = AuditEvent.objects.count()
    client.get(reverse("audit:event-list"))
    assert AuditEvent.objects.count() == count


def test_verify_start_without_htmx_goes_to_the_job_page(
    client, sysadmin, django_capture_on_commit_callbacks
):
    from thads.documents.models import Job

    client.force_login(sysadmin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("audit:verify-start"))

    job = Job.objects.get(kind="audit.verify")
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:job-detail", args=[job.pk])
    assert client.get(response["Location"]).status_code == 200


def test_admin_is_read_only(client, sysadmin, office):
    from django.contrib.auth.models import Permission

    sysadmin.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    event = audit_log(actor=None, action="test.admin", office=office, summary="Trong admin")
    client.force_login(sysadmin)

    changelist = client.get(reverse("admin:audit_auditevent_changelist"))
    change = client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    add = client.get(reverse("admin:audit_auditevent_add"))
    delete = client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"})

    assert (changelist.status_code, change.status_code) == (200, 200)
    assert (add.status_code, delete.status_code) == (403, 403)
    assert 'name="_save"' not in change.content.decode()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_creation_event_flags_no_key(office_head, officer):
    from thads.audit.selectors import audit_event_changes

    event = audit_log(actor=office_head, action="user.created", after={"a": 1, "b": [1, 2]})

    changes = audit_event_changes(event=event)

    assert [(c.key, c.before, c.after, c.changed) for c in changes] == [
        ("a", "", "1", False),
        ("b", "", "[\n  1,\n  2\n]", False),
    ]
    assert [c.multiline for c in changes] == [False, True]
