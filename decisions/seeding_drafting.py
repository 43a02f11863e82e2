"""Demo decisions: draft, approve and sign the decisions due for the demo office's confirmed
judgments (after ``decisions.judgments``, before ``enforcement``).

Runs the real services: one batch, its items drafted in-process (the queued tasks, if a worker
runs them too, find the items done). Synthetic judgments often lack the debtor's identification
number that a decision under L2025 requires (ND152 Art 12(1)): the demo clerk completes all
drafts but the last through the edit service with a demo number (the parties are invented), so
the last one shows the blocked approval. The head approves and signs the batch; each item is
signed in-process. Deterministic and idempotent: decisions already drafted are not drafted
again.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from thads.org.seed import DEMO_OFFICE_CODE
from thads.org.seed import demo_username
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder

__all__ = ["register", "seed_decisions"]

SEEDER_ORDER = 35


def seed_decisions(ctx: SeedContext) -> None:
    """Draft and sign the demo office's due decisions."""
    from decisions.exceptions import DecisionError
    from decisions.models import Decision
    from decisions.selectors import decision_field_errors
    from decisions.selectors import judgments_for_drafting
    from decisions.services import decision_batch_approve
    from decisions.services import decision_batch_create
    from decisions.services import decision_batch_sign
    from decisions.services import decision_draft_item
    from decisions.services import decision_sign_item
    from decisions.services import decision_update
    from thads.documents.models import JobItem

    users = get_user_model().objects.select_related("office")
    clerk = users.filter(username=demo_username(Role.CLERK, DEMO_OFFICE_CODE, 1)).first()
    head = users.filter(username=demo_username(Role.OFFICE_HEAD, DEMO_OFFICE_CODE, 1)).first()
    if clerk is None or head is None:
        ctx.out("  bỏ qua: chưa có đơn vị demo")
        return
    judgment_ids = list(
        judgments_for_drafting(actor=clerk).filter(office=clerk.office).values_list("pk", flat=True)
    )
    if not judgment_ids:
        ctx.out("  bỏ qua: chưa có bản án đã xác nhận")
        return
    try:
        batch = decision_batch_create(actor=clerk, judgment_ids=judgment_ids)
    except DecisionError as exc:
        ctx.out(f"  không có gì mới: {exc.message}")
        return
    for key in JobItem.objects.filter(job_id=batch.draft_job_id).values_list("key", flat=True):
        decision_draft_item(job_id=batch.draft_job_id, key=key)
    rng = ctx.rng("decisions.drafting")
    drafts = list(Decision.objects.filter(batch=batch).order_by("position", "pk"))
    for decision in drafts[:-1] if len(drafts) > 1 else drafts:
        missing = decision_field_errors(decision=decision)
        if set(missing) == {"debtor_id_number"}:
            decision_update(
                actor=clerk,
                decision=decision,
                fields={"debtor_id_number": f"0012{rng.randrange(10**8):08d}"},
                version=decision.version,
            )
    approved, blocked = decision_batch_approve(actor=head, batch=batch)
    signed = 0
    if approved:
        try:
            job = decision_batch_sign(actor=head, batch=batch)
        except DecisionError as exc:
            ctx.out(f"  chưa ký được: {exc.message}")
        else:
            for key in JobItem.objects.filter(job=job).values_list("key", flat=True):
                decision_sign_item(job_id=job.pk, key=key)
            signed = Decision.objects.filter(batch=batch, status="signed").count()
    ctx.out(
        f"  {batch.decisions.count()} quyết định dự thảo, {signed} đã ký, "
        f"{len(blocked)} còn thiếu thông tin bắt buộc"
    )


def register() -> None:
    """Register the seeder (to be called from ``DecisionsConfig.ready()``)."""
    register_seeder("decisions.drafting", SEEDER_ORDER, seed_decisions)
