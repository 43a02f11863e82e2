"""Access matrix of every decision URL (style.md 2.7): anonymous, office scope, roles; no leak
of the object's data and no side effect for a refused write."""

import pytest
from django.urls import reverse

from decisions.models import Decision
from decisions.services import decision_batch_approve
from decisions.services import decision_batch_create
from decisions.services import decision_batch_sign
from thads.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

DEBTOR = "Người Phải Thi Hành"  # prefix of the debtors' names (tests.fixtures.drafting)

VIEW = {
    "same_office_officer": 200,
    "same_office_clerk": 200,
    "office_head": 200,
    "provincial_head": 200,
    "ministry_leader": 200,
    "sysadmin": 403,
    "sibling_office_officer": 404,
    "other_officer": 404,
    "other_provincial_head": 404,
}
DRAFT = {
    "same_office_officer": "ok",
    "same_office_clerk": "ok",
    "office_head": "ok",
    "provincial_head": 403,
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 404,
    "other_officer": 404,
    "other_provincial_head": 403,
}
SIGN = {
    "same_office_officer": 403,
    "same_office_clerk": 403,
    "office_head": "ok",
    "provincial_head": "ok",
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 403,
    "other_officer": 403,
    "other_provincial_head": 404,
}


@pytest.fixture
def world(drafting_env, officer, office_head, make_judgment, django_capture_on_commit_callbacks):
    """A batch of three decisions: one signed, one draft, one approved; and the judgment."""
    judgment = make_judgment(fees=3)
    with django_capture_on_commit_callbacks(execute=True):
        batch = decision_batch_create(actor=officer, judgment_ids=[judgment.pk])
    signed, draft, approved = Decision.objects.filter(batch=batch).order_by("position")
    decision_batch_approve(actor=office_head, batch=batch, decision_ids=[signed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        decision_batch_sign(actor=office_head, batch=batch)
    decision_batch_approve(actor=office_head, batch=batch, decision_ids=[approved.pk])
    return {
        "batch": batch,
        "judgment": judgment,
        "signed": Decision.objects.get(pk=signed.pk),
        "draft": draft,
        "approved": approved,
    }


READS = [
    ("decision-detail", "draft"),
    ("decision-preview", "draft"),
    ("decision-pdf", "signed"),
    ("batch-detail", "batch"),
    ("decision-due", "judgment"),
]


@pytest.mark.parametrize(("name", "target"), READS)
@pytest.mark.parametrize("who", list(VIEW))
def test_read_matrix(client, actor, world, who, name, target):
    client.force_login(actor(who))

    response = client.get(reverse(f"decisions:{name}", args=[world[target].pk]))

    assert response.status_code == VIEW[who]
    if VIEW[who] != 200:
        assert DEBTOR.encode() not in response.content


@pytest.mark.parametrize("name", [n for n, _t in READS] + ["decision-list", "batch-create"])
def test_anonymous_is_sent_to_login(client, world, name):
    args = [] if name in ("decision-list", "batch-create") else [world[dict(READS)[name]].pk]
    path = reverse(f"decisions:{name}", args=args)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={path}"


@pytest.mark.parametrize("who", list(VIEW))
def test_list_shows_only_the_scope(client, actor, world, who):
    client.force_login(actor(who))

    response = client.get(reverse("decisions:decision-list"))

    expected = 403 if VIEW[who] == 403 else 200
    assert response.status_code == expected
    assert (DEBTOR.encode() in response.content) is (VIEW[who] == 200)


@pytest.mark.parametrize("who", list(DRAFT))
def test_batch_form_matrix(client, actor, world, who):
    client.force_login(actor(who))

    response = client.get(reverse("decisions:batch-create"))

    assert response.status_code == (403 if DRAFT[who] == 403 else 200)
    assert (world["judgment"].number.encode() in response.content) is (DRAFT[who] == "ok")


def _state():
    return (
        AuditEvent.objects.count(),
        sorted(Decision.objects.values_list("pk", "status", "version", "number")),
    )


WRITES = [
    (
        "decision-edit",
        "draft",
        DRAFT,
        lambda w: {"version": w["draft"].version, "other_content": "X"},
    ),
    ("decision-approve", "draft", SIGN, lambda w: {}),
    ("decision-sign", "draft", SIGN, lambda w: {}),
    ("decision-revoke", "signed", SIGN, lambda w: {"reason": "Sai sót"}),
    ("batch-approve", "batch", SIGN, lambda w: {"all": "1"}),
    ("batch-sign", "batch", SIGN, lambda w: {"all": "1"}),
    (
        "creditor-request-create",
        "judgment",
        DRAFT,
        lambda w: {"creditor_name": "x", "received_on": "20/11/2026"},
    ),
]


REFUSED = [
    pytest.param(name, target, matrix, data, who, id=f"{name}-{who}")
    for name, target, matrix, data in WRITES
    for who in VIEW
    if matrix[who] != "ok"
]


@pytest.mark.parametrize(("name", "target", "matrix", "data", "who"), REFUSED)
def test_refused_writes_change_nothing(client, actor, world, name, target, matrix, data, who):
    user = actor(who)
    client.force_login(user)
    before = _state()

    response = client.post(reverse(f"decisions:{name}", args=[world[target].pk]), data(world))

    assert response.status_code == matrix[who]
    assert DEBTOR.encode() not in response.content
    assert _state() == before


@pytest.mark.parametrize("who", [w for w, v in DRAFT.items() if v != "ok"])
def test_refused_batch_create_changes_nothing(client, actor, world, who):
    client.force_login(actor(who))
    before = _state()

    response = client.post(reverse("decisions:batch-create"), {"judgments": [world["judgment"].pk]})

    # a drafting role of another office: the judgment is not among its choices (form error)
    assert response.status_code == (403 if DRAFT[who] == 403 else 422)
    assert _state() == before
