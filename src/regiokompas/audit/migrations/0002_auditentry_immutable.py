from django.db import migrations

from regiokompas.audit import triggers


class Migration(migrations.Migration):
    """Audit rows are immutable in the database too: triggers refuse UPDATE and DELETE."""

    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(triggers.install, triggers.remove)]
