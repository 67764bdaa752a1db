"""Every current and former CBS municipality in the register after `migrate`
(regiokompas.register.municipalities.load_municipalities; also `regiokompas load-municipalities`)."""

from django.db import migrations


def load(apps, schema_editor):
    from regiokompas.register.municipalities import load_municipalities

    result = load_municipalities("migratie", model=apps.get_model("register", "Municipality"), audit=False)
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditEntry.objects.create(
        actor_label="migratie", action="municipality.load", object_type="register.Municipality",
        object_repr="CBS-lijst van gemeenten", reason=result.summary(),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("register", "0003_dates_successions_appointments"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
