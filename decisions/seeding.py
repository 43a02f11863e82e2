"""Demo judgments: one synthetic judgment per case type for the demo office, read and extracted.

Each judgment is a synthetic text PDF (``decisions.synthetic``: invented parties, never a real
case) received through the real intake service, so its original, pages and extracted fields
are what an office would see. The extraction is applied in-process from the synthetic pages, so
the demo does not wait for a worker. The first ``CONFIRMED_PER_OFFICE`` whose cross-checks
find nothing blocking are confirmed by the office's clerk: decision drafting seeds from them.
Deterministic per seed and idempotent (same PDF bytes, same judgment).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model

from decisions.types import CASE_TYPES
from thads.org.seed import DEMO_OFFICE_CODE
from thads.org.seed import demo_username
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder

__all__ = ["CONFIRMED_PER_OFFICE", "register", "seed_judgments"]

#: Judgments confirmed per demo office (the rest stay in review for the demo of the screen).
CONFIRMED_PER_OFFICE = 3
SEEDER_ORDER = 30


def seed_judgments(ctx: SeedContext) -> None:
    """Receive, extract and partly confirm one synthetic judgment per case type."""
    from decisions import selectors
    from decisions import services
    from decisions.extraction import extract
    from decisions.models import Judgment
    from decisions.synthetic import generate
    from decisions.synthetic.render import render_text_pdf

    users = get_user_model().objects.select_related("office")
    clerk = users.filter(username=demo_username(Role.CLERK, DEMO_OFFICE_CODE, 1)).first()
    if clerk is None:
        ctx.out("  bỏ qua: chưa có đơn vị demo")
        return
    office = clerk.office
    confirmed = Judgment.objects.filter(office=office, status=Judgment.Status.CONFIRMED).count()
    made = 0
    with tempfile.TemporaryDirectory() as folder:
        for synthetic in generate(len(CASE_TYPES), seed=ctx.seed, case_types=CASE_TYPES):
            path = Path(folder) / f"{synthetic.doc_id}.pdf"
            path.write_bytes(render_text_pdf(synthetic))
            judgment = services.judgment_intake(actor=clerk, office=office, file=path)
            judgment.refresh_from_db()
            if judgment.status in (Judgment.Status.RECEIVED, Judgment.Status.EXTRACTING):
                result = extract(synthetic.to_page_inputs(), mode="rules")
                services.judgment_apply_extraction(judgment_id=judgment.pk, result=result)
                judgment.refresh_from_db()
                made += 1
            if (
                judgment.status == Judgment.Status.REVIEW
                and confirmed < CONFIRMED_PER_OFFICE
                and not any(i.blocking for i in selectors.judgment_issues(judgment=judgment))
            ):
                services.judgment_confirm(actor=clerk, judgment=judgment, version=judgment.version)
                confirmed += 1
    total = Judgment.objects.filter(office=office).count()
    ctx.out(f"  {total} bản án ({made} mới), {confirmed} đã xác nhận, đơn vị {office.code}")


def register() -> None:
    """Register the seeder (called from ``DecisionsConfig.ready()``)."""
    register_seeder("decisions.judgments", SEEDER_ORDER, seed_judgments)
