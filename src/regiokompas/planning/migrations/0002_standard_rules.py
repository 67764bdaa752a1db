"""Standard prerequisite rules (domain.md §3.4, §3.5, §6.3). A region may replace one by adding a
rule with the same code, or add its own."""

from django.db import migrations

from regiokompas.planning.standard_rules import RULES, ensure


def add_rules(apps, schema_editor):
    ensure(apps.get_model("planning", "PrerequisiteRule"))


def remove_rules(apps, schema_editor):
    apps.get_model("planning", "PrerequisiteRule").objects.filter(region=None, code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
