"""The assistant's page and htmx partial: leaders only, each kept to their scope."""

import pytest
from django.urls import reverse

from tests.fixtures.core import MATRIX_ACTORS


def _url(name: str) -> str:
    return reverse(f"ioc_dashboard:{name}")


EXPECTED = {
    "same_office_officer": 403,
    "same_office_clerk": 403,
    "office_head": 200,
    "provincial_head": 200,
    "ministry_leader": 200,
    "sysadmin": 403,
    "sibling_office_officer": 403,
    "other_officer": 403,
    "other_provincial_head": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", MATRIX_ACTORS)
def test_access_matrix(client, actor, name):
    client.force_login(actor(name))
    response = client.get(_url("assistant-answer"), {"q": "năm nay thu bao nhiêu tiền"})
    assert response.status_code == EXPECTED[name]


@pytest.mark.django_db
def test_anonymous_goes_to_login(client):
    response = client.get(_url("assistant"), {"q": "năm nay thu bao nhiêu tiền"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_leader_gets_sentence_and_understanding(client, ministry_leader, ha_tinh):
    client.force_login(ministry_leader)
    response = client.get(
        _url("assistant-answer"),
        {"q": "Tháng trước Hà Tĩnh thu được bao nhiêu tiền?"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số tiền đã thu của Hà Tĩnh từ 01/10/" in html
    assert "Tôi hiểu câu hỏi như sau" in html
    assert "<html" not in html


@pytest.mark.django_db
def test_provincial_head_cannot_ask_about_another_province(client, actor, ha_tinh):
    client.force_login(actor("provincial_head"))
    response = client.get(
        _url("assistant-answer"), {"q": "Tháng trước Hà Tĩnh thu được bao nhiêu tiền?"}
    )
    html = response.content.decode()
    assert "Câu hỏi nằm ngoài phạm vi đơn vị anh/chị được xem." in html
    assert "Số tiền đã thu" not in html


@pytest.mark.django_db
def test_unreadable_question_gets_suggestions(client, ministry_leader):
    client.force_login(ministry_leader)
    response = client.get(_url("assistant"), {"q": "xin chào"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tôi chưa hiểu câu hỏi." in html
    assert "Tháng trước Hà Tĩnh thu được bao nhiêu tiền?" in html
