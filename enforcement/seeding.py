"""Demo data of the enforcement app: cases in every state, with deadlines that look real.

``seed_cases(office, officer, n, seed)`` is also what ``bench/enforcement_pages.py`` calls
(20,000 cases in one office, 500 for one officer): bulk inserts only, deterministic for a
seed, idempotent (a second call with the same arguments adds nothing). Seeded cases are
numbered ``<i>/<year>/D<seed>`` so they never collide with live numbers (``<n>/<year>``).
Deadlines are computed from the legal rules in force (explanations included), with trigger
days spread over the last weeks so that some are overdue and some due within 3 working days.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import CaseObligation
from enforcement.models import CaseParty
from enforcement.models import Deadline
from enforcement.models import LegalRule
from enforcement.services.cases import deadline_compute
from enforcement.services.cases import legal_regime_on
from thads.org.models import Office
from thads.org.models import User
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder

__all__ = ["SEED_SIZES", "register", "seed_cases", "seed_enforcement"]

S = Case.State

#: Cases seeded in the demo office per size.
SEED_SIZES = {"small": 60, "medium": 1_000, "large": 20_000}

#: (state, weight, deadlines: (rule code, days between trigger and today)).
_STATES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (S.RECEIVED, 4, ("ISSUE",)),
    (S.DECISION_ISSUED, 10, ("T7_SEND_PROCURACY", "T8_SERVE_DECISION")),
    (S.NOTIFIED, 2, ("T10_VERIFY_INTERIM",)),
    (S.VOLUNTARY_PERIOD, 14, ("T9_VOLUNTARY_PERIOD", "T10_START_VERIFICATION")),
    (S.VERIFICATION, 12, ()),
    (S.HAS_CONDITIONS, 8, ()),
    (S.NO_CONDITIONS, 12, ("T12_REVERIFY", "T13")),
    (S.COERCION, 6, ()),
    (S.PARTIALLY_EXECUTED, 6, ()),
    (S.POSTPONED, 3, ()),
    (S.SUSPENDED, 2, ()),
    (S.SEPARATE_TRACKING, 3, ()),
    (S.COMPLETED, 8, ()),
    (S.TERMINATED, 3, ()),
    (S.REQUEST_RETURNED, 1, ()),
    (S.ENTRUSTED_OUT, 1, ()),
    (S.CLOSED, 5, ()),
)
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
_MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Đức", "Thu")
_GIVEN = ("An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hoa", "Khánh", "Lan", "Long")
_STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _pick_state(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    total = sum(w for _s, w, _d in _STATES)
    r = rng.uniform(0, total)
    for state, weight, deadlines in _STATES:
        r -= weight
        if r <= 0:
            return state, deadlines
    return _STATES[-1][0], _STATES[-1][2]


class _Rules:
    """Rule lookup and due-day computation, cached by (code, trigger day)."""

    def __init__(self) -> None:
        self.rules = list(LegalRule.objects.all())
        self.cache: dict[tuple[str, dt.date], tuple[LegalRule, dt.date, dict[str, Any]] | None] = {}

    def compute(self, code: str, trigger_on: dt.date, event: str) -> Any:
        key = (code, trigger_on)
        if key not in self.cache:
            rule = next(
                (
                    r
                    for r in self.rules
                    if r.code == code
                    and r.valid_from <= trigger_on
                    and (r.valid_to is None or trigger_on <= r.valid_to)
                ),
                None,
            )
            if rule is None:
                self.cache[key] = None
            else:
                due_on, _at, explanation = deadline_compute(
                    rule=rule, trigger_on=trigger_on, event=event
                )
                self.cache[key] = (rule, due_on, explanation)
        return self.cache[key]


def seed_cases(office: Office, officer: User | None, n: int, seed: int = 1) -> int:
    """Add ``n`` demo cases to ``office`` (assigned to ``officer``, else spread over the
    office's officers); returns how many were created (0 when already seeded). Bulk inserts.
    """
    today = timezone.localdate()
    year = today.year
    suffix = f"/{year}/D{seed}" + (f"-{officer.pk}" if officer is not None else "")
    existing = Case.objects.filter(office=office, year=year, number__endswith=suffix).count()
    if existing >= n:
        return 0
    rng = random.Random(f"{seed}:enforcement:{office.code}:{officer.pk if officer else 0}")  # noqa: S311
    officers = (
        [officer]
        if officer is not None
        else list(
            User.objects.filter(
                office=office, role=Role.ENFORCEMENT_OFFICER, is_active=True
            ).order_by("pk")
        )
    )
    rules = _Rules()
    now = timezone.now()
    cases: list[Case] = []
    plans: list[tuple[str, tuple[str, ...], int]] = []
    for i in range(existing + 1, n + 1):
        state, deadlines = _pick_state(rng)
        kind = Case.Kind.PROACTIVE if rng.random() < 0.4 else Case.Kind.ON_REQUEST
        age = rng.randint(0, 25)
        opened = now - dt.timedelta(days=age + rng.randint(5, 200))
        debtor = _name(rng)
        amount = rng.randint(2, 900) * 1_000_000
        cases.append(
            Case(
                office=office,
                year=year,
                number=f"{i}{suffix}",
                kind=kind,
                state=state,
                paused_from_state=S.VERIFICATION if state in (S.POSTPONED, S.SUSPENDED) else "",
                assigned_officer=(
                    None if state == S.RECEIVED or not officers else officers[i % len(officers)]
                ),
                judgment_number=f"{rng.randint(1, 400)}/{year - rng.randint(0, 2)}/DS-ST",
                court=f"Tòa án nhân dân khu vực {rng.randint(1, 9)}",
                opened_at=opened,
                state_changed_at=now - dt.timedelta(days=age),
                closed_at=now - dt.timedelta(days=age) if state == S.CLOSED else None,
                end_reason="Đã thi hành xong" if state in (S.COMPLETED, S.CLOSED) else "",
                debtor_name=debtor,
                debtor_id_number=f"0{rng.randint(10, 99)}0{rng.randint(10**7, 10**8 - 1)}",
                debtor_address=f"Số {rng.randint(1, 300)} đường {rng.choice(_STREETS)}",
                creditor_name=_name(rng) if kind == Case.Kind.ON_REQUEST else "Nhà nước",
                total_due_vnd=amount,
                collected_vnd=amount // 3 if state == S.PARTIALLY_EXECUTED else 0,
                legal_regime=legal_regime_on(dt.date(opened.year, opened.month, opened.day)),
            )
        )
        plans.append((state, deadlines, age))
    with transaction.atomic():
        Case.objects.bulk_create(cases, batch_size=2000)
        parties: list[CaseParty] = []
        obligations: list[CaseObligation] = []
        events: list[CaseEvent] = []
        deadline_rows: list[Deadline] = []
        for case, (state, deadlines, age) in zip(cases, plans, strict=True):
            parties.append(
                CaseParty(
                    case=case,
                    position=0,
                    role=CaseParty.Role.DEBTOR,
                    name=case.debtor_name,
                    id_number=case.debtor_id_number,
                    address=case.debtor_address,
                    vneid=rng.random() < 0.7,
                )
            )
            parties.append(
                CaseParty(
                    case=case, position=1, role=CaseParty.Role.CREDITOR, name=case.creditor_name
                )
            )
            obligations.append(
                CaseObligation(
                    case=case,
                    kind=CaseObligation.Kind.MONEY
                    if case.kind == Case.Kind.ON_REQUEST
                    else CaseObligation.Kind.COURT_FEE,
                    amount_vnd=case.total_due_vnd,
                    description="Trả tiền theo bản án"
                    if case.kind == Case.Kind.ON_REQUEST
                    else "Án phí",
                    creditor_name=case.creditor_name,
                )
            )
            events.append(
                CaseEvent(
                    case=case,
                    at=case.opened_at,
                    kind="opened",
                    title="Mở hồ sơ thi hành án (dữ liệu mẫu)",
                    state_after=S.DECISION_ISSUED,
                )
            )
            if state != S.DECISION_ISSUED and state != S.RECEIVED:
                events.append(
                    CaseEvent(
                        case=case,
                        at=case.state_changed_at,
                        kind="seeded_state",
                        title=f"Chuyển sang: {Case.State(state).label}",
                        state_before=S.DECISION_ISSUED,
                        state_after=state,
                    )
                )
            for code in deadlines:
                if code == "ISSUE":
                    code = (
                        "T5_ISSUE_PROACTIVE"
                        if case.kind == Case.Kind.PROACTIVE
                        else "T4_ISSUE_ON_REQUEST"
                    )
                if code == "T13":
                    code = "T13_SEPARATE_TRACKING"
                trigger = today - dt.timedelta(days=age if code != "T10_START_VERIFICATION" else 0)
                if code in ("T12_REVERIFY", "T13_SEPARATE_TRACKING"):
                    trigger = today - dt.timedelta(days=age * 7)
                computed = rules.compute(code, trigger, "Ngày phát sinh sự kiện (dữ liệu mẫu)")
                if computed is None:
                    continue
                rule, due_on, explanation = computed
                deadline_rows.append(
                    Deadline(
                        case=case,
                        rule=rule,
                        rule_code=rule.code,
                        title=rule.title,
                        trigger_event="Ngày phát sinh sự kiện (dữ liệu mẫu)",
                        trigger_on=trigger,
                        due_on=due_on,
                        status=Deadline.Status.OVERDUE if due_on < today else Deadline.Status.OPEN,
                        explanation=explanation,
                    )
                )
        CaseParty.objects.bulk_create(parties, batch_size=5000)
        CaseObligation.objects.bulk_create(obligations, batch_size=5000)
        CaseEvent.objects.bulk_create(events, batch_size=5000)
        Deadline.objects.bulk_create(deadline_rows, batch_size=5000)
    return len(cases)


def seed_enforcement(ctx: SeedContext) -> None:
    """Seeder: cases of every state for the demo office (``T01-KV01``) and its officers."""
    from thads.org.seed import DEMO_OFFICE_CODE

    office = Office.objects.filter(code=DEMO_OFFICE_CODE).first()
    if office is None:
        ctx.out("  enforcement: demo office missing, skipped")
        return
    created = seed_cases(office, None, SEED_SIZES[ctx.size], ctx.seed)
    ctx.out(f"  enforcement: {created} case(s) added to {office.code}")


def register() -> None:
    register_seeder("enforcement", 40, seed_enforcement)
