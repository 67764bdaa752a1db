"""The standard prerequisite rules name only public sources (laws), not project notes."""

from django.db import migrations

from regiokompas.planning.standard_rules import RULES


def public_sources(apps, schema_editor):
    # The standard rules (region None) are the built-in ones from RULES: their source is the one
    # RULES names (a law on wetten.overheid.nl), whatever an older version stored.
    rule_model = apps.get_model("planning", "PrerequisiteRule")
    for code, *_rest, source in RULES:
        rule_model.objects.filter(region=None, code=code).exclude(source=source).update(source=source)


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_dutch_constraint_messages")]
    operations = [migrations.RunPython(public_sources, migrations.RunPython.noop)]
