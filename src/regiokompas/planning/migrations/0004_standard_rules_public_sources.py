"""The standard prerequisite rules name only public sources (laws), not project notes."""

from django.db import migrations

from regiokompas.planning.standard_rules import RULES


def public_sources(apps, schema_editor):
    rule_model = apps.get_model("planning", "PrerequisiteRule")
    for code, *_rest, source in RULES:
        rule_model.objects.filter(region=None, code=code, source__contains="domain.md").update(source=source)


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_dutch_constraint_messages")]
    operations = [migrations.RunPython(public_sources, migrations.RunPython.noop)]
