"""The template registry: loaded as data, idempotent, version and law chosen by date."""

import datetime as dt

import pytest

from decisions.models import DecisionTemplate
from decisions.registry import KIND_LABELS
from decisions.registry import deadline_rule
from decisions.registry import grouping_rule
from decisions.registry import law_for_date
from decisions.registry import registry_load
from decisions.selectors import decision_template_for

pytestmark = pytest.mark.django_db


def test_registry_loads_every_kind_once_and_is_idempotent(decision_templates):
    assert decision_templates == 12
    assert set(DecisionTemplate.objects.values_list("kind", flat=True)) == set(KIND_LABELS)
    assert registry_load(DecisionTemplate) == (0, 0)
    assert DecisionTemplate.objects.count() == 12


def test_form_codes_are_blank_where_unconfirmed(decision_templates):
    assert set(DecisionTemplate.objects.values_list("form_code", flat=True)) == {""}
    template = DecisionTemplate.objects.get(kind="termination")
    assert template.form_code_label == "Chưa xác nhận mã mẫu"


def test_a_changed_file_entry_updates_its_row(decision_templates):
    DecisionTemplate.objects.filter(kind="fee").update(title="Sửa tay")

    assert registry_load(DecisionTemplate) == (0, 1)
    assert DecisionTemplate.objects.get(kind="fee").title == "Quyết định thu phí thi hành án"


@pytest.mark.parametrize(
    ("day", "version", "law"),
    [
        (dt.date(2026, 6, 30), 1, "L2008"),
        (dt.date(2026, 7, 1), 2, "L2025"),
        (dt.date(2026, 11, 23), 2, "L2025"),
    ],
)
def test_template_version_and_law_follow_the_decision_date(decision_templates, day, version, law):
    template = decision_template_for(kind="proactive", on=day)

    assert template.version == version
    assert law_for_date(day).code == law
    assert list(template.legal_bases) == [law]


def test_rules_are_chosen_by_the_trigger_date():
    assert grouping_rule(kind="proactive", on=dt.date(2026, 6, 30)).per == "judgment"
    assert grouping_rule(kind="proactive", on=dt.date(2026, 7, 1)).per == "debtor"
    old = deadline_rule(kind="on_request", trigger_on=dt.date(2026, 6, 30))
    new = deadline_rule(kind="on_request", trigger_on=dt.date(2026, 7, 1))
    assert (old.law, old.working_days, old.confidence) == ("L2008", 5, "V")
    assert (new.law, new.working_days, new.confidence) == ("L2025", 5, "?")


def test_a_kind_without_a_template_on_the_date_has_none(decision_templates):
    assert decision_template_for(kind="proactive", on=dt.date(2009, 6, 30)) is None
