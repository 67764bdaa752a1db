"""Hooks into the register and the options report: trajectory and municipality panels, dossier
export/import, the financial chapter of the substantiation report."""

from __future__ import annotations


def trajectory_panel(request, trajectory):
    from django.urls import reverse

    from regiokompas import caching
    from regiokompas.accounts import permissions
    from regiokompas.finance.models import CostItem, CostSettings

    if not permissions.can_see_costs(request.user, trajectory):
        return None

    def summary() -> dict:
        settings = CostSettings.objects.filter(trajectory=trajectory).first()
        items = CostItem.objects.filter(variant__trajectory=trajectory)
        count = items.count()
        return {"settings": settings, "item_count": count,
                "illustrative": bool(count) and items.filter(illustrative=True).exists() or bool(settings and settings.illustrative)}

    # the same for everyone who may see the costs: cached per trajectory and data version
    context = caching.cached("finance.trajectory_panel", (trajectory.pk,), summary)
    if context["settings"] is None and not context["item_count"]:
        return None
    return {
        "template": "finance/_trajectory_panel.html",
        "context": {**context, "trajectory": trajectory, "url": reverse("finance:overview", args=[trajectory.slug])},
    }


def municipality_panel(request, municipality):
    from django.urls import reverse

    from regiokompas import caching
    from regiokompas.accounts import permissions
    from regiokompas.finance.build import municipalities
    from regiokompas.finance.models import CostSettings

    def with_costs() -> list:
        """The trajectories with a cost model in which the municipality takes part (mergers followed)."""
        return [settings.trajectory for settings in CostSettings.objects.select_related("trajectory")
                if any(m.pk == municipality.pk for m in municipalities(settings.trajectory, settings, population=False))]

    # which trajectories is the same for every viewer (cached per data version); who may see them is not
    links = [(t, reverse("finance:municipality", args=[t.slug, municipality.cbs_code]))
             for t in caching.cached("finance.municipality_trajectories", (municipality.pk,), with_costs)
             if permissions.can_see_costs(request.user, t)]
    if not links:
        return None
    return {"template": "finance/_municipality_panel.html", "context": {"municipality": municipality, "links": links}}


def _dossier_specs() -> None:
    from regiokompas.finance import models as fm
    from regiokompas.register.dossier import ModelSpec, register_model

    reg = register_model
    reg(ModelSpec("finance_allocation_key", fm.AllocationKey, lambda t, c: fm.AllocationKey.objects.filter(trajectory=t)))
    reg(ModelSpec("finance_allocation_key_value", fm.AllocationKeyValue,
                  lambda t, c: fm.AllocationKeyValue.objects.filter(allocation_key__trajectory=t)))
    reg(ModelSpec("finance_cost_settings", fm.CostSettings, lambda t, c: fm.CostSettings.objects.filter(trajectory=t)))
    reg(ModelSpec("finance_cost_item", fm.CostItem, lambda t, c: fm.CostItem.objects.filter(variant__trajectory=t)))
    reg(ModelSpec("finance_current_cost", fm.CurrentCost, lambda t, c: fm.CurrentCost.objects.filter(trajectory=t)))
    reg(ModelSpec("finance_shared_organisation_scenario", fm.SharedOrganisationScenario,
                  lambda t, c: fm.SharedOrganisationScenario.objects.filter(trajectory=t)))


def _report_chapter() -> None:
    from regiokompas.finance.report import financial_annex, financial_chapter
    from regiokompas.options import chapters

    chapters.add(chapters.ReportChapter(
        key="financien",
        title="Financiële gevolgen per gemeente",
        build=financial_chapter,
        empty_text="Voor dit traject zijn (nog) geen kostengegevens vastgelegd; de financiële gevolgen per gemeente zijn daarom "
                   "niet berekend. Het criterium 'Financiële gevolgen' is alleen op regionaal niveau gescoord.",
        annex=financial_annex,
    ))


def install() -> None:
    """Called from FinanceConfig.ready()."""
    from regiokompas.register import panels

    panels.add(panels.TRAJECTORY_PANELS, trajectory_panel)
    panels.add(panels.MUNICIPALITY_PANELS, municipality_panel)
    _dossier_specs()
    _report_chapter()
    from regiokompas.finance import jobs
    from regiokompas.jobs.models import JobKind
    from regiokompas.jobs.services import register_handler

    register_handler(JobKind.COSTS, jobs.costs)
