"""Load the enforcement fee schedule (TT 216/2016/TT-BTC) and the base salary it refers to."""

import datetime

from django.db import migrations

# TT 216/2016/TT-BTC Art 4 (domain.md §4.5 [V]); the base salary is [?] in domain.md.
FEE_BRACKETS = [
    # (lower, upper, base fee, excess over, rate in parts per million)
    (0, 5_000_000_000, 0, 0, 30_000),
    (5_000_000_000, 7_000_000_000, 150_000_000, 5_000_000_000, 20_000),
    (7_000_000_000, 10_000_000_000, 190_000_000, 7_000_000_000, 10_000),
    (10_000_000_000, 15_000_000_000, 220_000_000, 10_000_000_000, 5_000),
    (15_000_000_000, None, 245_000_000, 15_000_000_000, 100),
]


def load_fee_schedule(apps, schema_editor):
    FeeBracket = apps.get_model("receipts", "FeeBracket")
    BaseSalary = apps.get_model("receipts", "BaseSalary")
    for lower, upper, base, over, rate in FEE_BRACKETS:
        FeeBracket.objects.get_or_create(
            law_version="TT216/2016/TT-BTC",
            valid_from=datetime.date(2017, 1, 1),
            lower_vnd=lower,
            defaults={
                "article": "Điều 4 Thông tư 216/2016/TT-BTC",
                "upper_vnd": upper,
                "base_fee_vnd": base,
                "excess_over_vnd": over,
                "rate_ppm": rate,
            },
        )
    BaseSalary.objects.get_or_create(
        valid_from=datetime.date(2024, 7, 1),
        defaults={
            "amount_vnd": 2_340_000,
            "legal_basis": "Nghị định 73/2024/NĐ-CP (chưa đối chiếu văn bản gốc)",
            "confidence": "?",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("receipts", "0001_initial")]

    operations = [migrations.RunPython(load_fee_schedule, migrations.RunPython.noop)]
