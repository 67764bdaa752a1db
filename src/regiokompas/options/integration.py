"""Hooks into the register: trajectory panel, dossier export/import."""

from __future__ import annotations


def trajectory_panel(request, trajectory):
    from django.urls import reverse

    from regiokompas import caching
    from regiokompas.accounts import permissions
    from regiokompas.options import quality
    from regiokompas.options.models import AnalysisRun, PreferenceSet, Variant
    from regiokompas.options.report import summary_line
    from regiokompas.options.results import read
    from regiokompas.options.services import snapshot_inputs

    if not permissions.can_see_analysis(request.user, trajectory):
        return None
    def compute() -> dict:  # the same for everyone who may see the analysis: cached per data version
        variants = list(Variant.objects.filter(trajectory=trajectory).order_by("number"))
        run = AnalysisRun.objects.filter(trajectory=trajectory).order_by("-number").first()
        snapshot = snapshot_inputs(trajectory)
        reading = read(run.problem, run.results, run.snapshot) if run else None
        return {
            "variants": variants,
            "preference_count": PreferenceSet.objects.filter(trajectory=trajectory).count(),
            "participant_count": trajectory.participants.count(),
            "run": run,
            "summary": summary_line(run, reading) if run else "",
            "agreement": reading.agreement()[:2] if reading else [],
            "findings": [f for f in quality.findings(snapshot) if f.topic in ("onderbouwing", "voorkeuren", "illustratief")],
        }

    context = caching.cached("options.trajectory_panel", (trajectory.pk, trajectory.slug), compute)
    context.update(trajectory=trajectory, url=reverse("options:overview", args=[trajectory.slug]))
    return {"template": "options/_trajectory_panel.html", "context": context}


def _dossier_specs() -> None:
    from regiokompas.options import models as om
    from regiokompas.register.dossier import ModelSpec, register_model

    reg = register_model
    reg(ModelSpec("options_variant", om.Variant, lambda t, c: om.Variant.objects.filter(trajectory=t)))
    reg(ModelSpec("options_variant_component", om.VariantComponent, lambda t, c: om.VariantComponent.objects.filter(variant__trajectory=t)))
    reg(ModelSpec("options_common_measure", om.CommonMeasure, lambda t, c: om.CommonMeasure.objects.filter(trajectory=t)))
    from regiokompas.register import dossier

    if _component_arrangements not in dossier.ARRANGEMENT_REFERENCES:
        dossier.ARRANGEMENT_REFERENCES.append(_component_arrangements)
    reg(ModelSpec("options_criteria_set", om.CriteriaSet, lambda t, c: om.CriteriaSet.objects.filter(trajectory=t)))
    reg(ModelSpec("options_criterion", om.Criterion, lambda t, c: om.Criterion.objects.filter(criteria_set__trajectory=t)))
    reg(ModelSpec("options_score", om.Score, lambda t, c: om.Score.objects.filter(variant__trajectory=t)))
    reg(ModelSpec("options_preference_set", om.PreferenceSet, lambda t, c: om.PreferenceSet.objects.filter(trajectory=t)))
    reg(ModelSpec("options_preference_statement", om.PreferenceStatement,
                  lambda t, c: om.PreferenceStatement.objects.filter(preference_set__trajectory=t)))
    reg(ModelSpec("options_analysis_run", om.AnalysisRun, lambda t, c: om.AnalysisRun.objects.filter(trajectory=t)))


def install() -> None:
    """Called from OptionsConfig.ready()."""
    from regiokompas.register import panels

    panels.add(panels.TRAJECTORY_PANELS, trajectory_panel)
    _dossier_specs()
    from regiokompas.jobs.models import JobKind
    from regiokompas.jobs.services import register_handler
    from regiokompas.options import jobs

    register_handler(JobKind.ANALYSIS, jobs.analysis)
    register_handler(JobKind.REPORT, jobs.report)


def _component_arrangements(trajectory):
    from regiokompas.options.models import VariantComponent

    return VariantComponent.objects.filter(variant__trajectory=trajectory).exclude(arrangement=None).values_list("arrangement_id", flat=True)
