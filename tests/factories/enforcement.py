"""Factories: enforcement cases, parties, obligations, deadlines, tasks.

``CaseFactory()`` makes a case in DECISION_ISSUED in a regional office with one debtor, one
creditor and one money obligation (``parties=False`` / ``obligations=False`` to skip them).
It writes rows directly (no service, no audit, no deadlines): use
``enforcement.services.case_transition`` in tests about behaviour, and ``DeadlineFactory`` to
put a deadline on a case. Legal rules come from the data migration; ``DeadlineFactory`` picks
the rule in force on ``trigger_on`` by ``rule_code``.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from enforcement.models import Case
from enforcement.models import CaseDecision
from enforcement.models import CaseEvent
from enforcement.models import CaseObligation
from enforcement.models import CaseParty
from enforcement.models import CaseTask
from enforcement.models import Deadline
from enforcement.models import LegalRule
from tests.factories.org import RegionalOfficeFactory
from tests.factories.org import UserFactory
from thads.permissions import Role


class CaseFactory(factory.django.DjangoModelFactory):
    """A case; ``assigned_officer`` is None unless given (``officer=True`` makes one)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    office = factory.SubFactory(RegionalOfficeFactory)
    year = 2026
    number = factory.Sequence(lambda n: f"{n + 1}/2026/HS")
    kind = Case.Kind.ON_REQUEST
    state = Case.State.DECISION_ISSUED
    debtor_name = factory.Sequence(lambda n: f"Trần Văn Nợ {n}")
    debtor_id_number = factory.Sequence(lambda n: f"0010{n:08d}")
    debtor_address = "Số 1 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh"
    creditor_name = factory.Sequence(lambda n: f"Lê Thị Được {n}")
    total_due_vnd = 150_000_000
    judgment_number = factory.Sequence(lambda n: f"{n + 10}/2026/DS-ST")
    court = "Tòa án nhân dân khu vực 1 - Thành phố Hồ Chí Minh"
    legal_regime = Case.LegalRegime.L2025
    opened_at = factory.LazyFunction(
        lambda: timezone.make_aware(dt.datetime(2026, 9, 1, 9, 0))  # noqa: DTZ001
    )

    class Params:
        officer = factory.Trait(
            assigned_officer=factory.SubFactory(
                UserFactory,
                role=Role.ENFORCEMENT_OFFICER,
                office=factory.SelfAttribute("..office"),
            )
        )

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        CaseParty.objects.bulk_create(
            [
                CaseParty(
                    case=obj,
                    position=0,
                    role=CaseParty.Role.DEBTOR,
                    name=obj.debtor_name,
                    id_number=obj.debtor_id_number,
                    address=obj.debtor_address,
                    phone="0912345678",
                    vneid=True,
                ),
                CaseParty(
                    case=obj,
                    position=1,
                    role=CaseParty.Role.CREDITOR,
                    name=obj.creditor_name,
                    address="Số 5 đường Trần Hưng Đạo, phường Cầu Ông Lãnh",
                    phone="0987654321",
                ),
            ]
        )

    @factory.post_generation
    def obligations(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        CaseObligation.objects.create(
            case=obj,
            kind=CaseObligation.Kind.MONEY,
            amount_vnd=obj.total_due_vnd,
            description="Trả nợ tiền vay theo hợp đồng",
            creditor_name=obj.creditor_name,
        )


class CasePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseParty

    case = factory.SubFactory(CaseFactory, parties=False, obligations=False)
    role = CaseParty.Role.RELATED
    name = factory.Sequence(lambda n: f"Phạm Thị Liên Quan {n}")
    address = "Số 9 đường Hai Bà Trưng"


class CaseObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseObligation

    case = factory.SubFactory(CaseFactory, parties=False, obligations=False)
    kind = CaseObligation.Kind.MONEY
    amount_vnd = 10_000_000
    description = "Án phí dân sự sơ thẩm"


class CaseDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseDecision

    case = factory.SubFactory(CaseFactory)
    decision_id = factory.Sequence(lambda n: 90_000 + n)
    kind = "on_request"
    number = factory.Sequence(lambda n: f"{n + 1}/QĐ-THADS")
    signed_at = factory.LazyFunction(timezone.now)


class CaseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    kind = "note"
    title = "Ghi chú của chấp hành viên"


def _rule_for(code: str, on: dt.date) -> LegalRule:
    return LegalRule.objects.in_force(code, on)


class DeadlineFactory(factory.django.DjangoModelFactory):
    """An open deadline; ``due_on`` defaults to ``trigger_on`` + 3 days (give it explicitly)."""

    class Meta:
        model = Deadline

    case = factory.SubFactory(CaseFactory)
    rule_code = "T8_SERVE_DECISION"
    trigger_on = dt.date(2026, 9, 1)
    rule = factory.LazyAttribute(lambda o: _rule_for(o.rule_code, o.trigger_on))
    title = factory.LazyAttribute(lambda o: o.rule.title)
    trigger_event = "Ngày ra quyết định thi hành án"
    due_on = factory.LazyAttribute(lambda o: o.trigger_on + dt.timedelta(days=3))
    status = Deadline.Status.OPEN
    explanation = factory.LazyAttribute(
        lambda o: {
            "legal_basis": o.rule.article,
            "law_version": o.rule.law_version,
            "confidence": o.rule.confidence,
            "start_event": o.trigger_event,
            "trigger_on": o.trigger_on.isoformat(),
            "due_on": o.due_on.isoformat(),
            "unit": o.rule.unit,
            "length": o.rule.length,
            "rule": "",
            "skipped": [],
        }
    )


class CaseTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTask

    case = factory.SubFactory(CaseFactory)
    office = factory.LazyAttribute(lambda o: o.case.office if o.case else None)
    title = factory.Sequence(lambda n: f"Liên hệ ngân hàng xác minh tài khoản {n}")
    due_on = dt.date(2026, 9, 10)
    source = CaseTask.Source.CASE
