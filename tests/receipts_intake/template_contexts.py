"""Contexts for tests/architecture/test_templates_render.py: the intake pages, for real."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.core.paginator import Paginator

from receipts.selectors.intake import daily_report
from receipts.selectors.intake import statement_lines
from receipts.views.intake import BankAccountForm
from receipts.views.intake import CashCountForm
from receipts.views.intake import LineIgnoreForm
from receipts.views.intake import _scan_context
from tests.receipts_intake.objects import make_scan
from tests.receipts_intake.objects import make_statement


def _scan(request):
    return _scan_context(request, make_scan(request.user.office, Path(tempfile.mkdtemp())))


def _statement(request):
    statement = make_statement(request.user.office)
    return {
        "statement": statement,
        "page": Paginator(statement_lines(statement=statement), 50).get_page(1),
        "match": "",
        "matches": [("unmatched", "Chưa khớp")],
        "can_write": True,
        "xlsx": False,
        "ignore_form": LineIgnoreForm(),
    }


def _daily(request):
    day = dt.date(2026, 10, 5)
    make_statement(request.user.office)
    report = daily_report(actor=request.user, office=request.user.office, day=day)
    return {
        "report": report,
        "day": day,
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "cash_form": CashCountForm(),
        "can_count": True,
        "xlsx": True,
    }


TEMPLATE_CONTEXTS = {
    "receipts/intake/scan_detail.html": _scan,
    "receipts/intake/scan_detail.html#scan-review": _scan,
    "receipts/intake/statement_detail.html": _statement,
    "receipts/intake/statement_detail.html#statement-lines": _statement,
    "receipts/intake/reconciliation_daily.html": _daily,
    "receipts/intake/bank_accounts.html": lambda request: {
        "accounts": [],
        "form": BankAccountForm(),
        "can_write": True,
    },
}
