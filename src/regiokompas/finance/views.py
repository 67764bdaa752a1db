"""Finance pages (Dutch): the cost model of a trajectory, per variant and per municipality."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from regiokompas import caching, formatting
from regiokompas.accounts import permissions as perm
from regiokompas.engine import costs as engine
from regiokompas.engine.costs.exit import METHOD_LABELS
from regiokompas.engine.costs.simulate import validate_coalition
from regiokompas.finance import build, charts, presentation, services
from regiokompas.finance.errors import FinanceError
from regiokompas.finance.models import (
    AllocationKey,
    CostItem,
    CostSettings,
    CurrentCost,
    SharedOrganisationScenario,
)
from regiokompas.formpages import attempted, render_form, require, saved
from regiokompas.jobs import services as jobs
from regiokompas.jobs.models import JobKind, JobStatus
from regiokompas.options.interface import Score, Variant
from regiokompas.register.models import Trajectory
from regiokompas.register.pages import trajectory_or_403

BY_PAGES = "via de financiële pagina's"  # the reason in the audit log
EXIT_METHODS = [(key, label) for key, label in METHOD_LABELS.items()]


def _coalition(request, model) -> tuple[list[str] | None, str | None]:
    """The coalition from ``?coalitie=CODE&coalitie=CODE``; a bad one gives a Dutch error and all participants."""
    codes = [c.strip() for c in request.GET.getlist("coalitie") if c.strip()]
    if not codes:
        if request.GET.get("berekenen"):
            return None, "Kies ten minste één gemeente voor de coalitie."
        return None, None
    try:
        return list(validate_coalition(model, codes)), None
    except engine.CostError as exc:
        return None, str(exc)


def _trajectory(request, slug) -> Trajectory:
    """The trajectory, if ``request.user`` may see its costs (members and beheer); else 403."""
    return trajectory_or_403(request, slug, perm.can_see_costs, "De kosten van dit traject zijn alleen voor wie aan het traject deelneemt.")


def _context(request, slug):
    trajectory = _trajectory(request, slug)
    settings = build.settings_of(trajectory)
    ctx = {"trajectory": trajectory, "settings": settings, "error": None, "model": None, "result": None}
    if settings is None:
        ctx["error"] = "Voor dit traject zijn nog geen uitgangspunten van het kostenmodel vastgelegd."
        return ctx
    try:
        model = build.parse(trajectory)
    except FinanceError as exc:
        ctx["error"] = exc.message
        return ctx
    coalition, coalition_error = _coalition(request, model)
    ctx.update(model=model, coalition=coalition, coalition_error=coalition_error,
               coalition_options=[(c, model.label(c), coalition is None or c in coalition) for c in model.municipalities],
               query=request.GET.urlencode())
    return ctx


def _illustrative(trajectory) -> bool:
    return CostItem.objects.filter(variant__trajectory=trajectory, illustrative=True).exists()


def _criterion_table(trajectory, result) -> presentation.Table | None:
    try:
        values = services.criterion_values(trajectory, result)
    except FinanceError:
        return None
    current = {s.variant.number: s for s in Score.objects.filter(variant__trajectory=trajectory, criterion__code=services.CRITERION_CODE)
               .select_related("variant")}
    rows = []
    for variant in Variant.objects.filter(trajectory=trajectory, number__in=list(values)).order_by("number"):
        low, mode, high = values[variant.number]
        score = current.get(variant.number)
        shown = (score.low, score.most_likely, score.high) if score and score.kind != "exact" else (score.most_likely if score else None,)
        now = " / ".join(formatting.number(x, significant=6) for x in shown)
        rows.append([str(variant), *(formatting.number(x, 2) for x in (low, mode, high)), now])
    return presentation.Table("Verschil met de huidige situatie als criterium 'Financiële gevolgen' (EUR mln per jaar, "
                              "deelnemers samen)", ["Variant", "5e percentiel", "Mediaan", "95e percentiel",
                                                    "Huidige score (laag / waarschijnlijk / hoog)"], rows)


@login_required
@require_POST
def apply_criterion(request, slug):
    trajectory = _trajectory(request, slug)
    if not perm.can_manage_options(request.user, trajectory):
        raise DjangoPermissionDenied(services.DENIED)
    # the Monte Carlo simulation runs in the background; its result page is the finance overview
    job = jobs.start(request.user, JobKind.COSTS, f"Kostensimulatie als criterium 'Financiële gevolgen': {trajectory.name}",
                     trajectory=trajectory)
    if job.status == JobStatus.FAILED:  # refused at once (the immediate backend runs it in the request)
        messages.error(request, job.message)
    elif job.status == JobStatus.DONE:
        messages.success(request, job.step)
    else:
        return redirect("jobs:detail", pk=job.pk)
    return redirect("finance:overview", slug)


@login_required
def overview(request, slug):
    ctx = _context(request, slug)
    trajectory = ctx["trajectory"]
    ctx["illustrative"] = _illustrative(trajectory)
    if ctx["model"] is not None:
        try:
            result = build.compute(trajectory, coalition=ctx["coalition"], settings=ctx["settings"])
        except FinanceError as exc:
            ctx["error"] = exc.message
            result = None
        if result:
            ctx["result"] = result
            ctx["summary"] = presentation.variant_summary(result)
            ctx["conclusion"] = presentation.conclusion(result)
            ctx["unknown_note"] = presentation.unknown_sentence(result)
            ctx["chart"] = charts.band_chart(
                result["years"], [presentation.band_series(result, vid) for vid, v in result["variants"].items()
                                  if presentation.known(v)], ident="fin-totaal",
                title="Totale kosten per jaar per variant",
                desc="Lijnen met de verwachte totale kosten per jaar van elke variant, met een vlak voor de 90 %-bandbreedte. "
                     "De tabellen hieronder geven dezelfde cijfers.")
            ctx["variant_links"] = [(v, result["variants"].get(v.code)) for v in
                                    Variant.objects.filter(trajectory=trajectory).order_by("number")]
            ctx["municipality_tables"] = [presentation.municipality_table(result, vid) for vid, v in result["variants"].items()
                                          if presentation.known(v)]
            if ctx["coalition"] is None:
                ctx["criterion_table"] = _criterion_table(trajectory, result)
    ctx["can_manage"] = perm.can_manage_options(request.user, trajectory)
    keys = []
    if ctx["settings"] is not None:
        munis: list = []
        allocation_keys = (AllocationKey.objects.filter(trajectory=trajectory).select_related("fixed_part", "variable_part")
                           .prefetch_related("values__municipality"))
        for key in allocation_keys:
            if key.method in ("equal", "fixed_plus_variable"):
                rows = []
            elif key.method == "per_inhabitant":
                munis = munis or caching.cached(  # only for keys per inhabitant; the same for every viewer
                    "finance.municipalities", (trajectory.pk, ctx["settings"].start_year),
                    lambda: build.municipalities(trajectory, ctx["settings"]), ignore=build.NOT_COST_INPUTS)
                rows = build.key_values(key, munis)
            else:
                rows = [build.KeyRow(v.municipality, float(v.value), "") for v in key.values.all()]
            keys.append((key, rows))
    ctx["keys"] = keys
    ctx["current_costs"] = CurrentCost.objects.filter(trajectory=trajectory).select_related("municipality")
    scenarios = []
    for scenario in SharedOrganisationScenario.objects.filter(trajectory=trajectory).select_related("organisation", "allocation_key"):
        try:
            scenarios.append((scenario, presentation.shared_table(services.shared_effect(scenario)), None))
        except FinanceError as exc:
            scenarios.append((scenario, None, exc.message))
    ctx["scenarios"] = scenarios
    return render(request, "finance/overview.html", ctx)


@login_required
def variant_detail(request, slug, number):
    ctx = _context(request, slug)
    trajectory = ctx["trajectory"]
    variant = get_object_or_404(Variant, trajectory=trajectory, number=number)
    ctx.update(variant=variant, items=CostItem.objects.filter(variant=variant).select_related("driver", "allocation_key", "evidence_document")
               .prefetch_related("members"), illustrative=_illustrative(trajectory), exit_methods=EXIT_METHODS,
               can_manage=perm.can_manage_options(request.user, trajectory))
    if ctx["model"] is None:
        return render(request, "finance/variant.html", ctx)
    try:
        result = build.compute(trajectory, coalition=ctx["coalition"], variant_numbers=[number])
    except FinanceError as exc:
        ctx["error"] = exc.message
        return render(request, "finance/variant.html", ctx)
    vid = variant.code
    v = result["variants"][vid]
    ctx["result"] = result
    if not presentation.known(v):
        ctx["unknown_note"] = presentation.unknown_sentence(result)
        ctx["result"] = None
        return render(request, "finance/variant.html", ctx)
    ctx["per_year"] = presentation.per_year_table(result, vid)
    ctx["year_chart"] = charts.band_chart(
        result["years"], [presentation.band_series(result, vid, label="Alle deelnemers")], ident="fin-jaar",
        title=f"Kosten per jaar, {variant}", desc="Verwachte totale kosten per jaar met 90 %-bandbreedte; de tabel geeft dezelfde cijfers.")
    ctx["municipality_table"] = presentation.municipality_table(result, vid)
    diff_rows = [{"label": m["name"], **{k: m["difference"]["horizon"][k] for k in ("mean", "p05", "p95")}}
                 for m in v["municipalities"].values() if m["difference"]]
    ctx["difference_chart"] = charts.range_bars(
        diff_rows, ident="fin-verschil", title=f"Verschil met de huidige situatie per gemeente, {variant}",
        desc="Per gemeente de verwachte meer- (positief) of minderkosten (negatief) over de looptijd met 90 %-bandbreedte; "
             "de tabel 'Bijdrage per gemeente' geeft dezelfde cijfers.") if diff_rows else None
    ctx["keys_table"] = presentation.keys_comparison(ctx["model"], result, vid)
    ctx["coalition_text"] = presentation.coalition_sentences(result, vid)
    ctx["shapley_text"] = presentation.shapley_explanation(ctx["model"], result, vid)
    ctx["join_table"] = presentation.join_table(result, vid)
    join_rows = presentation.join_rows(result, vid)
    ctx["join_chart"] = charts.range_bars(
        join_rows, ident="fin-meedoen", title=f"Meedoen min buiten blijven per gemeente, {variant}",
        desc="Per gemeente de verwachte kosten bij meedoen min de kosten bij buiten blijven over de looptijd, met 90 %-bandbreedte; "
             "negatief betekent dat meedoen goedkoper is. De tabel 'Meedoen of buiten blijven' geeft dezelfde cijfers.") if join_rows else None
    leaver = request.GET.get("uittreder") or ""
    method = request.GET.get("methode") or "declining"
    members = result["coalition"]
    ctx["leaver_options"] = [(c, ctx["model"].label(c)) for c in members]
    ctx["leaver"], ctx["method"] = leaver, method
    if leaver:
        try:
            year = int(request.GET["jaar"]) if request.GET.get("jaar") else None
        except ValueError:
            year = -1
        try:
            effect = engine.exit_effect(ctx["model"], vid, leaver, coalition=members, method=method, exit_year=year,
                                        samples=result["samples"], seed=result["seed"])
            ctx["exit_table"] = presentation.exit_table(effect)
            ctx["exit_effect"] = effect
            ctx["exit_chart"] = charts.band_chart(
                result["years"], presentation.exit_series(effect), ident="fin-uittreden",
                title=f"Uittreden van {effect['leaver_name']} per {effect['exit_year']}: uittreedsom en netto extra kosten per jaar",
                desc="Lijnen met de verwachte uittreedsom en de netto extra kosten van de overige deelnemers samen per jaar, met een vlak "
                     "voor de 90 %-bandbreedte. De tabel eronder geeft dezelfde cijfers.")
        except engine.CostError as exc:
            ctx["exit_error"] = str(exc)
    return render(request, "finance/variant.html", ctx)


@login_required
def municipality_detail(request, slug, code):
    ctx = _context(request, slug)
    trajectory = ctx["trajectory"]
    model = ctx["model"]
    if model is None:
        return render(request, "finance/municipality.html", ctx)
    if code not in model.names:
        raise Http404("Deze gemeente doet niet mee in het kostenmodel van dit traject.")
    ctx["code"], ctx["name"] = code, model.label(code)
    ctx["illustrative"] = _illustrative(trajectory)
    try:
        result = build.compute(trajectory, coalition=ctx["coalition"])
    except FinanceError as exc:
        ctx["error"] = exc.message
        return render(request, "finance/municipality.html", ctx)
    ctx["result"] = result
    ctx["unknown_note"] = presentation.unknown_sentence(result)
    ctx["chart"] = charts.band_chart(
        result["years"], [presentation.band_series(result, vid, code) for vid, v in result["variants"].items()
                          if presentation.known(v)], ident="fin-gemeente",
        title=f"Bijdrage van {model.label(code)} per jaar per variant",
        desc="Lijnen met de verwachte bijdrage per jaar in elke variant, met een vlak voor de 90 %-bandbreedte; de tabellen geven dezelfde cijfers.")
    try:
        exits = build.exit_effects(trajectory, result, model=model, leavers=[code])
    except FinanceError as exc:
        ctx["exit_error"], exits = exc.message, {}
    blocks = []
    for vid, v in result["variants"].items():
        if not presentation.known(v):
            blocks.append({"vid": vid, "name": v["name"], "unknown": True})
            continue
        m = v["municipalities"][code]
        j = v["join_or_stay"][code]
        blocks.append({"vid": vid, "name": v["name"], "entry": m, "table": presentation.per_year_table(result, vid, code),
                       "join": j, "join_ranges": j.get("ranges") or {},
                       "exits": presentation.exits_table(result, vid, exits[vid], only=code) if exits.get(vid, {}).get(code) else None,
                       "shapley": v["coalition"]["shapley_contribution"].get(code),
                       "shapley_range": (v["coalition"].get("ranges") or {}).get("shapley_contribution", {}).get(code),
                       "key": v["coalition"]["key_contribution"].get(code),
                       "shapley_text": presentation.shapley_explanation(model, result, vid)})
    ctx["blocks"] = blocks
    return render(request, "finance/municipality.html", ctx)


def _managed(request, slug) -> Trajectory:
    """The trajectory, if ``request.user`` may also change its variants, criteria, scores and costs; else 403."""
    trajectory = _trajectory(request, slug)
    require(perm.can_manage_options(request.user, trajectory), services.DENIED)
    return trajectory


@login_required
def item_edit(request, slug, number, code=None):
    from regiokompas.finance.forms import CostItemForm

    trajectory = _managed(request, slug)
    variant = get_object_or_404(Variant, trajectory=trajectory, number=number)
    item = get_object_or_404(CostItem, variant=variant, code=code) if code else CostItem(variant=variant)
    form = CostItemForm(request.POST or None, instance=item, trajectory=trajectory, user=request.user)
    if saved(request, form, lambda: services.save_item(request.user, form.instance, members=form.cleaned_data.get("members")),
             lambda _: f"Kostenpost '{form.instance}' is opgeslagen.", FinanceError):
        return redirect("finance:variant", slug=slug, number=number)
    title = f"Kostenpost '{item}' wijzigen" if code else f"Nieuwe kostenpost voor {variant}"
    return render_form(request, "finance/form.html", {
        "trajectory": trajectory, "variant": variant, "form": form, "title": title, "submit": "Kostenpost opslaan",
        "cancel": reverse("finance:variant", args=[slug, number]),
        "intro": "Bedragen zijn euro per jaar als laag, meest waarschijnlijk en hoog. Een variabele post hoort bij een kostendrager "
                 "(cliënten, inwoners, gebruik); met 'bedrag per eenheid' zijn de bedragen euro per eenheid."}, form)


@login_required
def item_delete(request, slug, number, code):
    trajectory = _managed(request, slug)
    item = get_object_or_404(CostItem, variant__trajectory=trajectory, variant__number=number, code=code)
    if request.method == "POST":
        attempted(request, lambda: services.delete_item(request.user, item), lambda _: f"Kostenpost '{item}' is verwijderd.", FinanceError)
        return redirect("finance:variant", slug=slug, number=number)
    return render(request, "finance/confirm_delete.html", {"trajectory": trajectory, "item": item, "number": number})


def _form_page(request, trajectory, form, *, title, submit, intro=""):
    return render_form(request, "finance/form.html", {
        "trajectory": trajectory, "form": form, "title": title, "submit": submit, "intro": intro,
        "cancel": reverse("finance:overview", args=[trajectory.slug])}, form)


@login_required
def key_edit(request, slug, code=None):
    """Create or edit an allocation key with its values per municipality (through finance.services)."""
    from regiokompas.finance.forms import AllocationKeyForm

    trajectory = _managed(request, slug)
    key = get_object_or_404(AllocationKey, trajectory=trajectory, code=code) if code else AllocationKey(trajectory=trajectory)
    form = AllocationKeyForm(request.POST or None, instance=key, trajectory=trajectory)
    if saved(request, form, lambda: services.save_key(request.user, form.instance, form.values(), reason=BY_PAGES),
             lambda _: f"Verdeelsleutel '{form.instance}' is opgeslagen.", FinanceError):
        return redirect(reverse("finance:overview", args=[slug]) + "#sleutels")
    return _form_page(request, trajectory, form, title=f"Verdeelsleutel '{key}' wijzigen" if code else "Nieuwe verdeelsleutel",
                      submit="Verdeelsleutel opslaan",
                      intro="Een verdeelsleutel is een gegeven met een bron en een peildatum. Per inwoner gebruikt de inwonertallen "
                            "uit het register op de peildatum; bij cliënten, gebruik, historisch aandeel, begroting en vaste "
                            "percentages vult u per gemeente een waarde in (niet negatief; vaste percentages tellen op tot 100).")


@login_required
def settings_edit(request, slug):
    from regiokompas.finance.forms import CostSettingsForm

    trajectory = _managed(request, slug)
    settings = build.settings_of(trajectory) or CostSettings(trajectory=trajectory)
    form = CostSettingsForm(request.POST or None, instance=settings, trajectory=trajectory)
    if saved(request, form, lambda: services.save_settings(request.user, form.instance, reason=BY_PAGES),
             "De uitgangspunten van het kostenmodel zijn opgeslagen.", FinanceError):
        return redirect("finance:overview", slug)
    return _form_page(request, trajectory, form, title="Uitgangspunten van het kostenmodel", submit="Uitgangspunten opslaan",
                      intro="Looptijd, indexatie, het aantal trekkingen en de startwaarde van de onzekerheidsberekening, en de "
                            "standaardsleutels voor structurele kosten, eenmalige kosten en tekorten.")


@login_required
def current_cost_edit(request, slug, code=None):
    from regiokompas.finance.forms import CurrentCostForm

    trajectory = _managed(request, slug)
    cost = (get_object_or_404(CurrentCost, trajectory=trajectory, municipality__cbs_code=code) if code
            else CurrentCost(trajectory=trajectory))
    form = CurrentCostForm(request.POST or None, instance=cost, trajectory=trajectory)
    if saved(request, form, lambda: services.save_current_cost(request.user, form.instance, reason=BY_PAGES),
             lambda _: f"De huidige kosten van {form.instance.municipality} zijn opgeslagen.", FinanceError):
        return redirect(reverse("finance:overview", args=[slug]) + "#huidige-kosten")
    return _form_page(request, trajectory, form,
                      title=f"Huidige kosten van {cost.municipality} wijzigen" if code else "Huidige kosten vastleggen",
                      submit="Huidige kosten opslaan",
                      intro="Wat de gemeente nu per jaar aan de taak uitgeeft, als laag, meest waarschijnlijk en hoog, met bron. "
                            "Het verschil met de huidige situatie wordt hiermee berekend.")
