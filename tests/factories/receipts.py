"""Factories: receipts. Receipts themselves are made through ``receipt_issue`` (the numbering,
chain and balance are the point); these cover the rows around them."""

import factory

from receipts.models import ReceiptSeries
from tests.factories.org import RegionalOfficeFactory


class ReceiptSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceiptSeries

    office = factory.SubFactory(RegionalOfficeFactory)
    kind = ReceiptSeries.Kind.ENFORCEMENT
    symbol = "BL/26E"
    year = 2026
