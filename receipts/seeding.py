"""Demo data of the receipts app: a few receipts for the demo office's cases (idempotent)."""

from __future__ import annotations

from thads.seeding import SeedContext
from thads.seeding import register_seeder

SEED_RECEIPTS = {"small": 8, "medium": 40, "large": 200}


def seed_receipts(ctx: SeedContext) -> None:
    """Seeder: receipts issued through ``receipt_issue`` for the demo office's first cases."""
    from enforcement.selectors import case_list_for_user
    from receipts.models import Receipt
    from receipts.services import receipt_issue
    from thads.org.models import Office
    from thads.org.models import User
    from thads.org.seed import DEMO_OFFICE_CODE
    from thads.permissions import Role

    office = Office.objects.filter(code=DEMO_OFFICE_CODE).first()
    actor = (
        User.objects.filter(office=office, role=Role.ACCOUNTANT).order_by("pk").first()
        or User.objects.filter(office=office, role=Role.OFFICE_HEAD).order_by("pk").first()
    )
    if office is None or actor is None:
        ctx.out("  receipts: demo office or accountant missing, skipped")
        return
    rng = ctx.rng("receipts")
    cases = list(case_list_for_user(actor=actor).filter(office=office)[: SEED_RECEIPTS[ctx.size]])
    made = 0
    for case in cases:
        key = f"seed-{ctx.seed}-{case.pk}"
        if Receipt.objects.filter(office=office, idempotency_key=key).exists():
            continue
        transfer = rng.random() < 0.5
        receipt_issue(
            actor=actor,
            office=office,
            case=case,
            payer_name=case.debtor_name,
            payer_id_number=case.debtor_id_number,
            payer_address=case.debtor_address,
            purpose=Receipt.Purpose.ENFORCEMENT_MONEY,
            amount_vnd=rng.randint(1, 50) * 500_000,
            method=Receipt.Method.TRANSFER if transfer else Receipt.Method.CASH,
            bank_reference=f"FT{rng.randint(10**10, 10**11)}" if transfer else "",
            over_due_reason="Dữ liệu mẫu",
            idempotency_key=key,
        )
        made += 1
    ctx.out(f"  receipts: {made} receipt(s) issued in {office.code}")


def register() -> None:
    register_seeder("receipts", 60, seed_receipts)
