"""Load the decision template registry (decisions/registry/templates.toml) into the table.

Idempotent: ``apps.ready()`` runs the same loader after every ``migrate`` when the files change.
"""

from django.db import migrations


def load(apps, schema_editor):
    from decisions.registry import registry_load

    registry_load(apps.get_model("decisions", "DecisionTemplate"))


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
