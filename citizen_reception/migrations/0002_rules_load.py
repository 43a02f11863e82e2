"""Load the petition deadline rules of ``citizen_reception/rules/deadlines.json``
(idempotent: code + valid_from)."""

from django.db import migrations


def load(apps, schema_editor):
    from citizen_reception.rules import rules_sync

    rules_sync(apps.get_model("citizen_reception", "PetitionRule"))


class Migration(migrations.Migration):
    dependencies = [("citizen_reception", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
