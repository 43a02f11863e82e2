"""List pages keep a fixed number of SQL queries whatever the number of rows (quality.md P1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from receipts.models import BankStatementLine
from tests.factories.enforcement import CaseFactory
from tests.receipts_intake.objects import make_statement

pytestmark = pytest.mark.django_db


def _add_lines(statement, office, n, start):
    cases = [CaseFactory(office=office, parties=False, obligations=False) for _ in range(n)]
    BankStatementLine.objects.bulk_create(
        BankStatementLine(
            statement=statement,
            office=office,
            line_no=start + i,
            value_date="2026-10-05",
            direction="credit",
            amount_vnd=1000 + i,
            match="case",
            case=case,
        )
        for i, case in enumerate(cases)
    )


def test_statement_detail_queries_do_not_grow_with_lines(
    client, accountant, office, django_assert_max_num_queries
):
    statement = make_statement(office)
    client.force_login(accountant)
    url = reverse("receipts:statement-detail", args=[statement.pk])
    _add_lines(statement, office, 2, 100)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    _add_lines(statement, office, 20, 200)
    with django_assert_max_num_queries(20) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
