"""Hooks into the register: gate and trajectory panels, dossier export/import."""

from __future__ import annotations


def gate_panel(request, gate):
    from django.urls import reverse

    from regiokompas import caching
    from regiokompas.planning import checks
    from regiokompas.planning.models import Consultation, CouncilProcedure, Milestone, Plan

    def planned() -> dict:
        plan = Plan.objects.filter(trajectory=gate.trajectory).first()
        milestones = list(Milestone.objects.filter(version=plan.current, gate=gate).select_related("municipality")) if plan else []
        return {"consultations": list(Consultation.objects.filter(gate=gate).select_related("body")),
                "procedures": list(CouncilProcedure.objects.filter(gate=gate).select_related("municipality")),
                "milestones": milestones}

    # the same for every viewer: cached per gate and data version
    return {
        "template": "planning/_gate_panel.html",
        "context": {
            "gate": gate,
            "findings": checks.evaluate_gate(gate),
            **caching.cached("planning.gate_panel", (gate.pk,), planned),
            "url": reverse("planning:overview", args=[gate.trajectory.slug]),
            "participation_url": reverse("planning:participation", args=[gate.trajectory.slug]),
        },
    }


def trajectory_panel(request, trajectory):
    from django.urls import reverse

    from regiokompas import caching
    from regiokompas.planning import checks
    from regiokompas.planning.models import Plan

    def current_version():
        plan = Plan.objects.filter(trajectory=trajectory).first()
        return {"version": plan.current if plan else None}

    return {
        "template": "planning/_trajectory_panel.html",
        "context": {
            "trajectory": trajectory,
            **caching.cached("planning.current_version", (trajectory.pk,), current_version),
            "findings": checks.evaluate_trajectory(trajectory),
            "url": reverse("planning:overview", args=[trajectory.slug]),
            "participation_url": reverse("planning:participation", args=[trajectory.slug]),
        },
    }


def _dossier_specs() -> None:
    from django.db.models import Q

    from regiokompas.planning import models as pm
    from regiokompas.register.dossier import ModelSpec, register_model

    reg = register_model
    reg(ModelSpec("planning_plan", pm.Plan, lambda t, c: pm.Plan.objects.filter(trajectory=t)))
    reg(ModelSpec("planning_version", pm.PlanVersion, lambda t, c: pm.PlanVersion.objects.filter(plan__trajectory=t)))
    reg(ModelSpec("planning_milestone", pm.Milestone, lambda t, c: pm.Milestone.objects.filter(version__plan__trajectory=t)))
    reg(ModelSpec("planning_dependency", pm.Dependency, lambda t, c: pm.Dependency.objects.filter(milestone__version__plan__trajectory=t)))
    reg(ModelSpec("planning_body", pm.ConsultationBody, lambda t, c: pm.ConsultationBody.objects.filter(trajectory=t)))
    reg(ModelSpec("planning_consultation", pm.Consultation, lambda t, c: pm.Consultation.objects.filter(body__trajectory=t)))
    reg(ModelSpec("planning_procedure", pm.CouncilProcedure, lambda t, c: pm.CouncilProcedure.objects.filter(gate__trajectory=t)))
    reg(ModelSpec("planning_rule", pm.PrerequisiteRule,
                  lambda t, c: pm.PrerequisiteRule.objects.filter(Q(region__isnull=True) | Q(region_id=t.region_id)),
                  ("region", "code")))


def install() -> None:
    """Called from PlanningConfig.ready()."""
    from regiokompas.register import panels

    panels.add(panels.GATE_PANELS, gate_panel)
    panels.add(panels.TRAJECTORY_PANELS, trajectory_panel)
    _dossier_specs()
