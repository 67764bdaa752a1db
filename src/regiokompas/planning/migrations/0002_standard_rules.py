"""Standard prerequisite rules (WOR art. 25, wetten.overheid.nl/BWBR0002747; Gemeentewet art. 160 en 169, wetten.overheid.nl/BWBR0005416; Wgr art. 1, Wet gemeenschappelijke regelingen, wetten.overheid.nl/BWBR0003740). A region may replace one by adding a
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
