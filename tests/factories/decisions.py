"""Factories: judgments and their extraction (decisions app).

``JudgmentFactory(office=..., status=Judgment.Status.CONFIRMED)`` gives a judgment without a
document; ``ConfirmedJudgmentFactory`` adds one plaintiff, one defendant, one money obligation
and one court fee (what decision drafting reads). Names are Vietnamese and deterministic.
"""

import datetime as dt

import factory
from django.utils import timezone

from decisions.models import ExtractedField
from decisions.models import FieldCorrection
from decisions.models import Judgment
from decisions.models import JudgmentCourtFee
from decisions.models import JudgmentObligation
from decisions.models import JudgmentParty
from tests.factories.org import RegionalOfficeFactory
from tests.factories.org import UserFactory

__all__ = [
    "ConfirmedJudgmentFactory",
    "ExtractedFieldFactory",
    "FieldCorrectionFactory",
    "JudgmentCourtFeeFactory",
    "JudgmentFactory",
    "JudgmentObligationFactory",
    "JudgmentPartyFactory",
]


class JudgmentFactory(factory.django.DjangoModelFactory):
    """A judgment of ``office`` (status REVIEW by default, no document, no rows)."""

    class Meta:
        model = Judgment

    office = factory.SubFactory(RegionalOfficeFactory)
    source = Judgment.Source.UPLOAD
    court = "Tòa án nhân dân khu vực 1 - Tỉnh Thử A"
    number = factory.Sequence(lambda n: f"{n + 1}/2025/QĐST-KDTM")
    issued_on = dt.date(2025, 6, 12)
    case_type = Judgment.CaseType.KDTM
    status = Judgment.Status.REVIEW
    extraction_mode = "rules"


class JudgmentPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JudgmentParty

    judgment = factory.SubFactory(JudgmentFactory)
    position = factory.Sequence(lambda n: n)
    role = "plaintiff"
    name = factory.Sequence(lambda n: f"Nguyễn Văn Đương Sự {n}")
    birth_year = 1980
    id_number = factory.Sequence(lambda n: f"{79080000000 + n:012d}")
    address = "Số 1 đường Thử, phường Một, tỉnh Thử A"
    representative = ""


class JudgmentObligationFactory(factory.django.DjangoModelFactory):
    """A money obligation; pass ``debtor``/``creditor`` parties (names follow them)."""

    class Meta:
        model = JudgmentObligation

    judgment = factory.SubFactory(JudgmentFactory)
    position = factory.Sequence(lambda n: n)
    debtor = None
    creditor = None
    debtor_name = factory.LazyAttribute(lambda o: o.debtor.name if o.debtor else "Bị đơn")
    creditor_name = factory.LazyAttribute(lambda o: o.creditor.name if o.creditor else "Nhà nước")
    kind = "money"
    amount_vnd = 150_000_000
    description = "Trả nợ gốc và lãi theo hợp đồng tín dụng"


class JudgmentCourtFeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JudgmentCourtFee

    judgment = factory.SubFactory(JudgmentFactory)
    position = factory.Sequence(lambda n: n)
    payer = None
    payer_name = factory.LazyAttribute(lambda o: o.payer.name if o.payer else "Bị đơn")
    amount_vnd = 3_750_000
    kind = "án phí kinh doanh, thương mại sơ thẩm"


class ExtractedFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtractedField

    judgment = factory.SubFactory(JudgmentFactory)
    path = "court"
    value = "Tòa án nhân dân khu vực 1 - Tỉnh Thử A"
    confidence = 0.9
    page = 1
    start = 0
    end = 10
    source = "rules"


class FieldCorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldCorrection

    judgment = factory.SubFactory(JudgmentFactory)
    path = "judgment_number"
    before = "1/2025/QĐST-KDTM"
    after = "2/2025/QĐST-KDTM"
    page = 1
    start = 0
    end = 16
    corrected_by = factory.SubFactory(UserFactory)
    corrected_at = factory.LazyFunction(timezone.now)


class ConfirmedJudgmentFactory(JudgmentFactory):
    """A CONFIRMED judgment with a plaintiff (creditor), a defendant (debtor), one money
    obligation between them and the defendant's court fee."""

    status = Judgment.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    effective_on = dt.date(2025, 6, 12)

    @factory.post_generation
    def rows(obj, create, extracted, **kwargs):
        if not create:
            return
        plaintiff = JudgmentPartyFactory(
            judgment=obj, position=0, role="plaintiff", name="Ngân hàng TMCP Thử Nghiệm"
        )
        defendant = JudgmentPartyFactory(
            judgment=obj, position=1, role="defendant", name="Công ty TNHH Bị Đơn Thử"
        )
        JudgmentObligationFactory(judgment=obj, position=0, debtor=defendant, creditor=plaintiff)
        JudgmentCourtFeeFactory(judgment=obj, position=0, payer=defendant)
