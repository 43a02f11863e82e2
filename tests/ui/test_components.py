"""Shared components and layouts render with a minimal context (the pieces other apps include)."""

import re

from django import forms
from django.core.paginator import Paginator
from django.template import RequestContext
from django.template import Template
from django.test import RequestFactory
from django.utils import translation


def render(source: str, path: str = "/", user=None, **context) -> str:
    request = RequestFactory().get(path)
    if user is not None:
        request.user = user
    with translation.override("vi"):
        return Template(source).render(RequestContext(request, context))


class SampleForm(forms.Form):
    amount = forms.CharField(label="Số tiền", help_text="Ví dụ 1.250.000")
    agree = forms.BooleanField(label="Đồng ý", required=False)


def test_form_field_links_label_help_and_errors():
    form = SampleForm(data={"amount": ""})
    form.is_valid()

    html = render('{% include "components/form_field.html" with field=form.amount %}', form=form)

    assert '<label for="id_amount">Số tiền<span class="required" aria-hidden="true"> *</span>' in (
        html
    )
    assert 'aria-describedby="id_amount_helptext id_amount_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<p class="help-text" id="id_amount_helptext">Ví dụ 1.250.000</p>' in html
    assert '<div class="field-error" id="id_amount_error"><p>Trường này là bắt buộc.</p></div>' in (
        html
    )


def test_form_field_checkbox_puts_the_label_after_the_box():
    html = render(
        '{% include "components/form_field.html" with field=form.agree %}', form=SampleForm()
    )

    assert 'class="form-field form-field--checkbox"' in html
    assert html.index('type="checkbox"') < html.index('<label for="id_agree">Đồng ý</label>')


def test_pagination_keeps_the_filters_and_marks_the_current_page():
    page = Paginator(range(200), 10).page(3)

    html = render(
        '{% include "components/pagination.html" with page=page %}',
        path="/x/?q=abc&page=3",
        page=page,
    )

    assert '<nav class="pagination" aria-label="Phân trang">' in html
    assert "Hiển thị 21–30 trên tổng số 200" in html
    assert '<a href="?q=abc&amp;page=2" rel="prev">Trang trước</a>' in html
    assert '<a href="?q=abc&amp;page=3" aria-current="page">' in html
    assert '<a href="?q=abc&amp;page=4" rel="next">Trang sau</a>' in html
    assert "hx-get" not in html


def test_pagination_with_a_target_loads_the_region_through_htmx():
    page = Paginator(range(30), 10).page(1)

    html = render(
        '{% include "components/pagination.html" with page=page target="receipt-table" %}',
        page=page,
    )

    assert 'hx-get="?page=2" hx-target="#receipt-table" hx-swap="outerHTML" hx-push-url="true"' in (
        html
    )


def test_pagination_is_empty_for_one_page():
    page = Paginator(range(5), 10).page(1)

    assert (
        render('{% include "components/pagination.html" with page=page %}', page=page).strip() == ""
    )


def test_empty_state_badge_and_modal():
    assert "<p>Chưa có dữ liệu.</p>" in render('{% include "components/empty_state.html" %}')
    assert (
        render('{% include "components/badge.html" with tone="ok" label="Đã duyệt" %}').strip()
        == '<span class="badge badge-ok">Đã duyệt</span>'
    )
    modal = render('{% include "components/modal.html" with title="Xác nhận" body="Nội dung" %}')
    assert '<dialog class="modal" id="modal" aria-labelledby="modal-title" data-modal>' in modal
    assert '<h2 id="modal-title">Xác nhận</h2>' in modal
    assert "data-modal-close>Đóng</button>" in modal


def test_ioc_layout_is_the_dark_wall_display(officer):
    html = render(
        '{% extends "layouts/ioc.html" %}{% block content %}<p>Ô số liệu</p>{% endblock %}',
        user=officer,
    )

    assert '<html lang="vi">' in html
    assert 'class="layout-ioc"' in html
    assert "<h1>Trung tâm điều hành thi hành án dân sự</h1>" in html
    assert '<a class="skip-link" href="#main">Bỏ qua đến nội dung chính</a>' in html
    assert "<p>Ô số liệu</p>" in html


def test_base_layout_loads_vendored_htmx_and_sends_the_csrf_token(officer):
    html = render('{% extends "layouts/staff.html" %}', user=officer)

    assert '<script src="/static/vendor/htmx-2.0.11.min.js" defer></script>' in html
    assert '<script src="/static/js/thads.js" defer></script>' in html
    assert re.search(r"hx-headers='\{\"X-CSRFToken\": \"[A-Za-z0-9]{64}\"\}'", html)
    assert "<script>" not in html
    assert "style=" not in html
