"""Load the legal rules of ``enforcement/rules/deadlines.json`` (idempotent: code + valid_from)."""

from django.db import migrations


def load(apps, schema_editor):
    from enforcement.rules import rules_sync

    rules_sync(apps.get_model("enforcement", "LegalRule"))


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
