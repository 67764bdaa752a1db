"""Gates get a kind and an ordered list of bodies (replacing the single deciding body); an
arrangement's Wgr form becomes its legal form; laws of a trajectory get a through model for
trajectory-specific remarks."""

import django.db.models.deletion
from django.db import migrations, models

import regiokompas.register.models


def gate_bodies_forward(apps, schema_editor):
    Gate = apps.get_model("register", "Gate")
    for gate in Gate.objects.all():
        gate.bodies = [gate.deciding_body_kind or "college"]
        gate.save(update_fields=["bodies"])


def gate_bodies_backward(apps, schema_editor):
    Gate = apps.get_model("register", "Gate")
    for gate in Gate.objects.all():
        bodies = gate.bodies or ["college"]
        gate.deciding_body_kind = gate.counting_body or bodies[-1]
        gate.save(update_fields=["deciding_body_kind"])


def copy_drivers(apps, schema_editor):
    Trajectory = apps.get_model("register", "Trajectory")
    TrajectoryLaw = apps.get_model("register", "TrajectoryLaw")
    for trajectory in Trajectory.objects.all():
        for law in trajectory.drivers.all():
            TrajectoryLaw.objects.get_or_create(trajectory=trajectory, law=law, defaults={"source": trajectory.source})


class Migration(migrations.Migration):

    dependencies = [
        ("register", "0001_initial"),
    ]

    operations = [
        # --- arrangements: legal form -------------------------------------------------------------
        migrations.RenameField(model_name="jointarrangement", old_name="wgr_form", new_name="legal_form"),
        # --- gates: kind, bodies, counting body -----------------------------------------------------
        migrations.AddField(
            model_name="gate",
            name="kind",
            field=models.CharField(choices=[("besluit", "besluitmoment"), ("informatie", "informatiemoment (er wordt niets besloten)")], default="besluit", max_length=20, verbose_name="soort moment"),
        ),
        migrations.AddField(
            model_name="gate",
            name="bodies",
            field=models.JSONField(blank=True, default=regiokompas.register.models.default_gate_bodies, help_text="In volgorde, bijvoorbeeld eerst het college (voorstel) en dan de raad (besluit).", verbose_name="besluitende organen"),
        ),
        migrations.AddField(
            model_name="gate",
            name="counting_body",
            field=models.CharField(blank=True, choices=[("raad", "gemeenteraad"), ("college", "college van B&W"), ("burgemeester", "burgemeester"), ("algemeen_bestuur", "algemeen bestuur"), ("dagelijks_bestuur", "dagelijks bestuur"), ("bestuur", "bestuur"), ("portefeuillehoudersoverleg", "portefeuillehoudersoverleg")], help_text="Leeg: het laatste orgaan in de lijst.", max_length=40, verbose_name="orgaan waarvan het besluit telt"),
        ),
        migrations.AddField(
            model_name="gate",
            name="body_arrangement",
            field=models.ForeignKey(blank=True, help_text="Bij een algemeen of dagelijks bestuur: van welke regeling.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="gates", to="register.jointarrangement", verbose_name="regeling van het besluitende bestuur"),
        ),
        migrations.AddField(
            model_name="gate",
            name="body_organisation",
            field=models.ForeignKey(blank=True, help_text="Bij een portefeuillehoudersoverleg of ander bestuur: van welke organisatie.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="gates", to="register.organisation", verbose_name="organisatie van het besluitende overleg"),
        ),
        migrations.RunPython(gate_bodies_forward, gate_bodies_backward),
        migrations.RemoveField(model_name="gate", name="deciding_body_kind"),
        # --- trajectory laws through a model with a remark per trajectory --------------------------
        migrations.CreateModel(
            name="TrajectoryLaw",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(blank=True, max_length=500, verbose_name="bron")),
                ("illustrative", models.BooleanField(default=False, help_text="Voorbeeldgegeven zonder bron in de werkelijkheid.", verbose_name="illustratief")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt")),
                ("updated", models.DateTimeField(auto_now=True, verbose_name="gewijzigd")),
                ("remark", models.TextField(blank=True, verbose_name="opmerking voor dit traject")),
                ("law", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="trajectory_links", to="register.law")),
                ("trajectory", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="law_links", to="register.trajectory")),
            ],
            options={
                "verbose_name": "wet van een traject",
                "verbose_name_plural": "wetten van een traject",
                "ordering": ["trajectory", "law__name"],
                "constraints": [models.UniqueConstraint(fields=("trajectory", "law"), name="trajectory_law_once")],
            },
        ),
        migrations.RunPython(copy_drivers, migrations.RunPython.noop),
        migrations.RemoveField(model_name="trajectory", name="drivers"),
        migrations.AddField(
            model_name="trajectory",
            name="drivers",
            field=models.ManyToManyField(blank=True, related_name="trajectories", through="register.TrajectoryLaw", to="register.law", verbose_name="aanleiding (wetten)"),
        ),
    ]
