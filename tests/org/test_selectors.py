import pytest

from tests.factories.org import UserFactory
from thads.org import selectors
from thads.permissions import Role

pytestmark = pytest.mark.django_db


def test_officer_sees_only_own_office(officer, office, sibling_office, other_office):
    codes = set(selectors.office_list_for_user(actor=officer).values_list("code", flat=True))
    assert codes == {office.code}
