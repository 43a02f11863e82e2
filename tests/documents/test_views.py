import pytest
from django.urls import reverse

from thads.documents import services
from thads.documents.models import Job
from thads.documents.models import JobItem

pytestmark = pytest.mark.django_db

GENERIC_FAILURE = (
    "Tác vụ gặp lỗi không mong muốn và đã dừng. Vui lòng chạy lại; "
    "nếu lỗi lặp lại, hãy báo quản trị hệ thống."
)


@pytest.fixture
def job(make_job, office, officer):
    return make_job(
        office=office,
        created_by=officer,
        title="Nhận dạng bản án số 12/2026",
        status=Job.Status.RUNNING,
        total=120,
        done=37,
        message="Đang đọc trang 38",
    )


def progress(client, job, **headers):
    return client.get(reverse("documents:job-progress", args=[job.pk]), **headers)


def test_progress_partial_polls_while_running(client, officer, job):
    client.force_login(officer)

    response = progress(client, job, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    html = response.content.decode()
    url = reverse("documents:job-progress", args=[job.pk])
    assert f'id="job-progress-{job.pk}"' in html
    assert f'hx-get="{url}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'hx-swap="outerHTML"' in html
    assert "Đã xử lý 37/120 (31 %)" in html
    assert '<progress class="job-progress__bar" max="100" value="31"' in html
    assert f'aria-labelledby="job-progress-label-{job.pk}"' in html
    assert '<span class="badge badge-warn">Đang chạy</span>' in html
    assert "Đang đọc trang 38" in html
    assert "<html" not in html
    assert "HX-Trigger" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("status", "badge"),
    [
        (Job.Status.SUCCEEDED, '<span class="badge badge-ok">Hoàn thành</span>'),
        (Job.Status.FAILED, '<span class="badge badge-danger">Thất bại</span>'),
        (Job.Status.CANCELLED, '<span class="badge badge-muted">Đã hủy</span>'),
    ],
)
def test_progress_partial_stops_polling_when_final(client, officer, job, status, badge):
    Job.objects.filter(pk=job.pk).update(status=status)
    client.force_login(officer)

    response = progress(client, job, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "hx-get" not in html
    assert "hx-trigger" not in html
    assert "Hủy tác vụ" not in html
    assert badge in html
    assert response.headers["HX-Trigger"] == (
        f'{{"documents:job-finished": {{"id": {job.pk}, "status": "{status}"}}}}'
    )


def test_progress_of_a_succeeded_job_is_full(client, officer, job):
    services.job_finish(job_id=job.pk, message="Đã nhận dạng 120 trang.")
    client.force_login(officer)

    html = progress(client, job).content.decode()

    assert "Đã xử lý 120/120 (100 %)" in html
    assert 'value="100"' in html
    assert "Đã nhận dạng 120 trang." in html


def test_progress_without_total_is_indeterminate(client, officer, make_job, office):
    job = make_job(office=office, created_by=officer, status=Job.Status.RUNNING, done=5)
    client.force_login(officer)

    html = progress(client, job).content.decode()

    assert "Đã xử lý 5 mục" in html
    assert (
        f'<progress class="job-progress__bar" aria-labelledby="job-progress-label-{job.pk}">'
        in (html)
    )


def test_cancel_button_only_for_who_may_cancel(client, officer, make_user, office, job):
    from thads.permissions import Role

    client.force_login(officer)
    assert "Hủy tác vụ" in progress(client, job).content.decode()

    client.force_login(make_user(Role.CLERK, office))
    assert "Hủy tác vụ" not in progress(client, job).content.decode()


def test_detail_page_includes_the_partial(client, officer, job):
    client.force_login(officer)

    response = client.get(reverse("documents:job-detail", args=[job.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Nhận dạng bản án số 12/2026</h1>" in html
    assert 'hx-trigger="every 2s"' in html
    assert "Đã xử lý 37/120 (31 %)" in html
    assert 'hx-trigger="documents:job-finished from:body"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_detail_info_partial_for_htmx(client, officer, job):
    client.force_login(officer)

    response = client.get(
        reverse("documents:job-detail", args=[job.pk]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="job-info",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="job-info"')
    assert "<h1>" not in html


def test_detail_shows_item_counts_and_failed_items(client, officer, job):
    JobItem.objects.create(job=job, key="page:1", status=JobItem.Status.DONE)
    JobItem.objects.create(
        job=job, key="page:2", status=JobItem.Status.FAILED, attempts=3, error="Trang trắng."
    )
    client.force_login(officer)

    html = client.get(reverse("documents:job-detail", args=[job.pk])).content.decode()

    assert "Các mục của tác vụ" in html
    assert "<td><code>page:2</code></td><td>3</td><td>Trang trắng.</td>" in html


def test_list_shows_visible_jobs_newest_first(client, officer, job, make_job, other_office):
    newer = make_job(office=job.office, title="Báo cáo tháng", status=Job.Status.SUCCEEDED)
    make_job(office=other_office, title="Tác vụ tỉnh khác")
    client.force_login(officer)

    response = client.get(reverse("documents:job-list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Báo cáo tháng") < html.index("Nhận dạng bản án số 12/2026")
    assert "Tác vụ tỉnh khác" not in html
    assert newer.title in html
    assert "Kiểm tra tiến trình xử lý nền" not in html  # self-test form: sysadmin only


def test_list_filters_by_status_as_htmx_partial(client, officer, job, make_job):
    make_job(office=job.office, title="Báo cáo tháng", status=Job.Status.SUCCEEDED)
    client.force_login(officer)

    response = client.get(
        reverse("documents:job-list"),
        {"status": "succeeded"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="job-table",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="job-table">')
    assert "Báo cáo tháng" in html
    assert "Nhận dạng bản án" not in html
    assert "HX-Request" in response.headers["Vary"]


def test_list_filter_mine(client, officer, office_head, job, make_job):
    make_job(office=job.office, created_by=office_head, title="Của trưởng phòng")
    client.force_login(officer)

    html = client.get(reverse("documents:job-list"), {"mine": "on"}).content.decode()

    assert "Nhận dạng bản án" in html
    assert "Của trưởng phòng" not in html


def test_list_empty_state(client, officer):
    client.force_login(officer)

    html = client.get(reverse("documents:job-list")).content.decode()

    assert "Chưa có tác vụ nền nào." in html


def test_cancel_by_post_redirects_to_the_detail(client, officer, job):
    client.force_login(officer)

    response = client.post(reverse("documents:job-cancel", args=[job.pk]))

    assert response.status_code == 302
    assert response.url == reverse("documents:job-detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED


def test_cancel_by_htmx_returns_the_final_partial(client, officer, job):
    client.force_login(officer)

    response = client.post(reverse("documents:job-cancel", args=[job.pk]), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="badge badge-muted">Đã hủy</span>' in html
    assert "hx-trigger" not in html
    assert "thads:toast" in response.headers["HX-Trigger"]


def test_cancel_of_a_final_job_says_why(client, officer, job):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, message="Xong")
    client.force_login(officer)

    response = client.post(reverse("documents:job-cancel", args=[job.pk]), follow=True)

    assert "Tác vụ đã kết thúc, không thể hủy." in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.SUCCEEDED, "Xong")


def test_cancel_refused_to_a_colleague(client, make_user, office, job):
    from thads.permissions import Role

    client.force_login(make_user(Role.CLERK, office))

    response = client.post(reverse("documents:job-cancel", args=[job.pk]))

    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING


def test_progress_and_cancel_refuse_wrong_methods(client, officer, job):
    client.force_login(officer)

    assert client.get(reverse("documents:job-cancel", args=[job.pk])).status_code == 405
    assert client.post(reverse("documents:job-progress", args=[job.pk])).status_code == 405


def test_selftest_form_shown_to_sysadmin(client, sysadmin):
    client.force_login(sysadmin)

    html = client.get(reverse("documents:job-list")).content.decode()

    assert "Kiểm tra tiến trình xử lý nền" in html
    assert f'action="{reverse("documents:job-selftest")}"' in html


@pytest.mark.django_db(transaction=True)
def test_eager_failure_in_a_request_marks_the_job_failed_without_500(client, sysadmin):
    """The web request queues the task on commit; in-process it fails; the page still loads."""
    client.force_login(sysadmin)

    response = client.post(
        reverse("documents:job-selftest"), {"steps": "3", "fail_at_step": "2"}, follow=True
    )

    assert response.status_code == 200
    job = Job.objects.get()
    assert response.redirect_chain == [(reverse("documents:job-detail", args=[job.pk]), 302)]
    assert (job.status, job.done, job.attempts, job.message) == (
        Job.Status.FAILED,
        1,
        1,
        GENERIC_FAILURE,
    )
    html = response.content.decode()
    assert GENERIC_FAILURE in html
    assert '<span class="badge badge-danger">Thất bại</span>' in html
    assert 'hx-trigger="every 2s"' not in html


@pytest.mark.django_db(transaction=True)
def test_selftest_in_a_request_succeeds(client, sysadmin):
    client.force_login(sysadmin)

    response = client.post(reverse("documents:job-selftest"), {"steps": "2"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert (job.status, job.done, job.total) == (Job.Status.SUCCEEDED, 2, 2)


def test_selftest_form_errors_are_reported(client, sysadmin):
    client.force_login(sysadmin)

    response = client.post(
        reverse("documents:job-selftest"), {"steps": "3", "fail_at_step": "5"}, follow=True
    )

    assert "Bước giả lập lỗi phải nằm trong số bước." in response.content.decode()
    assert Job.objects.count() == 0
