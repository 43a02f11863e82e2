"""Factories: drafting. ``DecisionFactory(office=...)`` gives a DRAFT proactive decision of
the current template version (call ``registry_load`` first in transactional tests)."""

import factory

from decisions.models import Decision
from decisions.models import DecisionTemplate
from tests.factories.org import RegionalOfficeFactory

__all__ = ["DecisionFactory"]


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    office = factory.SubFactory(RegionalOfficeFactory)
    source_key = factory.Sequence(lambda n: f"test:{n}")
    template = factory.LazyFunction(
        lambda: DecisionTemplate.objects.get(kind="proactive", version=2)
    )
    kind = "proactive"
    law_version = "L2025"
    legal_bases = factory.LazyAttribute(lambda o: list(o.template.legal_bases["L2025"]))
    fields = factory.LazyFunction(
        lambda: {
            "debtor_name": "Trần Thị Bích",
            "debtor_address": "Số 12 phố Hàng Bạc",
            "debtor_id_number": "001180000001",
            "voluntary_days": "10",
            "other_content": "",
        }
    )
    debtor_name = "Trần Thị Bích"
    obligations = factory.LazyFunction(
        lambda: [{"description": "Án phí", "amount_vnd": 300000, "creditor": "Nhà nước"}]
    )
    total_vnd = 300000
