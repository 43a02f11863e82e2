"""Access matrix of every receipts page (style.md 2.7): anonymous, roles, office scope, no
leak of a receipt's data, no side effect of a refused write."""

import pytest
from django.urls import reverse

from receipts.models import Payment
from receipts.models import Receipt
from receipts.services import payment_create
from receipts.services import receipt_sign
from thads.audit.models import AuditEvent
from thads.permissions import Role

pytestmark = pytest.mark.django_db

PAYER = "Nguyễn Văn An"


def receipts_audit_count():
    return AuditEvent.objects.filter(action__startswith="receipts.").count()


@pytest.fixture
def receipt(issue):
    return issue(payer_name=PAYER)


@pytest.fixture
def payment(receipt, accountant, receipt_case):
    return payment_create(
        actor=accountant,
        case=receipt_case,
        kind=Payment.Kind.PAYOUT,
        creditor_name="Lê Thị Bình",
        amount_vnd=1_000_000,
        method=Receipt.Method.CASH,
        idempotency_key="chi-ma-tran",
    )


LIST_PAGES = ["receipt-list", "receipt-create", "payment-list", "payment-create"]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_anonymous_goes_to_login(client, name):
    url = reverse(f"receipts:{name}")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


VIEW = {
    "same_office_officer": 200,
    "same_office_clerk": 403,
    "office_head": 200,
    "provincial_head": 200,
    "ministry_leader": 200,
    "sysadmin": 403,
    "sibling_office_officer": 404,
    "other_officer": 404,
    "other_provincial_head": 404,
}


@pytest.mark.parametrize(("who", "expected"), VIEW.items())
def test_receipt_detail_matrix(client, actor, receipt, who, expected):
    client.force_login(actor(who))

    response = client.get(reverse("receipts:receipt-detail", args=[receipt.pk]))

    assert response.status_code == expected
    assert (PAYER in response.content.decode()) is (expected == 200)


@pytest.mark.parametrize(("who", "expected"), VIEW.items())
def test_receipt_pdf_matrix(client, actor, receipt, receipt_signing, who, expected):
    receipt_sign(receipt_id=receipt.pk)
    client.force_login(actor(who))

    response = client.get(reverse("receipts:receipt-pdf", args=[receipt.pk]))

    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(("who", "expected"), VIEW.items())
def test_case_ledger_matrix(client, actor, receipt, receipt_case, who, expected):
    client.force_login(actor(who))

    response = client.get(reverse("receipts:case-ledger", args=[receipt_case.pk]))

    assert response.status_code == expected
    assert ("Lê Thị Bình" in response.content.decode()) is (expected == 200)


@pytest.mark.parametrize(
    ("who", "expected", "sees"),
    [
        ("same_office_officer", 200, True),
        ("same_office_clerk", 403, False),
        ("office_head", 200, True),
        ("provincial_head", 200, True),
        ("ministry_leader", 200, True),
        ("sysadmin", 403, False),
        ("sibling_office_officer", 200, False),
        ("other_officer", 200, False),
        ("other_provincial_head", 200, False),
    ],
)
def test_lists_show_only_the_scope(client, actor, receipt, payment, who, expected, sees):
    client.force_login(actor(who))

    receipts_page = client.get(reverse("receipts:receipt-list"))
    payments_page = client.get(reverse("receipts:payment-list"))

    assert receipts_page.status_code == expected
    assert payments_page.status_code == expected
    assert (PAYER in receipts_page.content.decode()) is sees
    assert ("Lê Thị Bình" in payments_page.content.decode()) is sees


VOID = {
    "same_office_officer": 403,
    "same_office_clerk": 403,
    "office_head": 302,
    "provincial_head": 403,
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 403,
    "other_officer": 403,
    "other_provincial_head": 403,
}


@pytest.mark.parametrize(("who", "expected"), VOID.items())
def test_void_matrix(client, actor, receipt, who, expected):
    client.force_login(actor(who))
    before = receipts_audit_count()

    response = client.post(
        reverse("receipts:receipt-void", args=[receipt.pk]), {"reason": "Lập nhầm"}
    )

    assert response.status_code == expected
    receipt.refresh_from_db()
    if expected == 302:
        assert receipt.status == Receipt.Status.VOIDED
        assert receipts_audit_count() == before + 1
    else:
        assert receipt.status == Receipt.Status.ISSUED
        assert receipts_audit_count() == before


def test_void_by_an_accountant_of_another_office_is_404(client, make_user, other_office, receipt):
    client.force_login(make_user(Role.ACCOUNTANT, other_office))
    before = receipts_audit_count()

    response = client.post(
        reverse("receipts:receipt-void", args=[receipt.pk]), {"reason": "Lập nhầm"}
    )

    assert response.status_code == 404
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.ISSUED
    assert receipts_audit_count() == before


@pytest.mark.parametrize(
    ("who", "expected"), [(w, 302 if w == "office_head" else 403) for w in VOID]
)
def test_approve_matrix(client, actor, payment, who, expected):
    client.force_login(actor(who))
    before = receipts_audit_count()

    response = client.post(reverse("receipts:payment-approve", args=[payment.pk]))

    assert response.status_code == expected
    payment.refresh_from_db()
    if expected == 302:
        assert payment.status == Payment.Status.APPROVED
        assert receipts_audit_count() == before + 1
    else:
        assert payment.status == Payment.Status.PROPOSED
        assert receipts_audit_count() == before


def test_approve_by_a_head_of_another_office_is_404(client, make_user, other_office, payment):
    client.force_login(make_user(Role.OFFICE_HEAD, other_office))

    response = client.post(reverse("receipts:payment-approve", args=[payment.pk]))

    assert response.status_code == 404
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PROPOSED


ISSUE = {
    "same_office_officer": 200,
    "same_office_clerk": 403,
    "office_head": 200,
    "provincial_head": 403,
    "ministry_leader": 403,
    "sysadmin": 403,
    "sibling_office_officer": 200,
    "other_officer": 200,
    "other_provincial_head": 403,
}


@pytest.mark.parametrize(("who", "expected"), ISSUE.items())
def test_create_forms_matrix(client, actor, who, expected):
    client.force_login(actor(who))

    receipt_form = client.get(reverse("receipts:receipt-create"))
    payment_form = client.get(reverse("receipts:payment-create"))

    assert receipt_form.status_code == expected
    assert payment_form.status_code == expected


@pytest.mark.parametrize("who", [w for w, code in ISSUE.items() if code == 403])
def test_refused_issue_post_has_no_side_effect(client, actor, receipt_case, who):
    client.force_login(actor(who))

    response = client.post(
        reverse("receipts:receipt-create"),
        {
            "case_number": receipt_case.number,
            "payer_name": PAYER,
            "purpose": "enforcement_money",
            "amount": "1.000.000",
            "method": "cash",
            "idempotency_key": "tu-choi",
        },
    )

    assert response.status_code == 403
    assert Receipt.objects.count() == 0
    assert receipts_audit_count() == 0


def test_issue_for_a_case_of_another_office_is_refused(client, other_officer, receipt_case):
    client.force_login(other_officer)

    response = client.post(
        reverse("receipts:receipt-create"),
        {
            "case_number": receipt_case.number,
            "payer_name": PAYER,
            "purpose": "enforcement_money",
            "amount": "1.000.000",
            "method": "cash",
            "idempotency_key": "ngoai-pham-vi",
        },
    )

    assert response.status_code == 422
    assert "Không tìm thấy hồ sơ này trong đơn vị của bạn." in response.content.decode()
    assert Receipt.objects.count() == 0
