"""The financial chapter of the substantiation report (shared interface: documents.model.Section)."""

from __future__ import annotations

from regiokompas import formatting
from regiokompas.documents.model import BulletList, Figure, Paragraph, Section, Table
from regiokompas.finance import build, charts, presentation, services
from regiokompas.finance.errors import FinanceError
from regiokompas.finance.models import CostItem, CurrentCost, SharedOrganisationScenario


def _table(t: presentation.Table, illustrative: bool = False) -> Table:
    caption = t.caption + (" – illustratieve bedragen" if illustrative else "")
    return Table(caption, list(t.header), [list(r) for r in t.rows])


def financial_chapter(trajectory) -> Section | None:
    """'Financiële gevolgen per gemeente' for the substantiation report, or None without a cost model."""
    settings = build.settings_of(trajectory)
    if settings is None or not CostItem.objects.filter(variant__trajectory=trajectory).exists():
        return None
    heading = "Financiële gevolgen per gemeente"
    try:
        result = build.compute(trajectory)
    except FinanceError as exc:
        return Section("financien", heading, [Paragraph("De financiële gevolgen konden niet worden berekend: " + exc.message)])
    years = result["years"]
    samples = formatting.number(result["samples"])
    blocks: list = [Paragraph(
        f"Per variant zijn de kosten over {years[0]}–{years[-1]} berekend (geïndexeerd met "
        f"{formatting.percent(settings.indexation, 2, trim=True)} per jaar) en met verdeelsleutels over de gemeenten verdeeld. "
        f"De onzekerheid in de kostenramingen (laag, meest waarschijnlijk, hoog) is meegenomen met {samples} trekkingen "
        f"(startwaarde {result['seed']}); bedragen zijn verwachtingen met een 90 %-bandbreedte.")]
    illustrative = bool(settings.illustrative or CostItem.objects.filter(variant__trajectory=trajectory, illustrative=True).exists()
                        or CurrentCost.objects.filter(trajectory=trajectory, illustrative=True).exists())
    if illustrative:
        blocks.append(Paragraph("Let op: de bedragen in dit kostenmodel zijn illustratief (voorbeeldwaarden zonder bron); tabellen "
                                "met zulke bedragen zeggen dat in hun titel. Inwonertallen en verdeelsleutels met een bron zijn echt."))
    blocks.append(Figure(
        charts.band_chart(years, [presentation.band_series(result, vid) for vid, v in result["variants"].items()
                                  if presentation.known(v)], ident="rap-fin",
                          title="Totale kosten per jaar per variant",
                          desc="Verwachte totale kosten per jaar per variant met 90 %-bandbreedte; de tabel geeft dezelfde cijfers."),
        "Totale kosten per jaar per variant" + (" (illustratieve bedragen)" if illustrative else ""),
        "Lijndiagram van de verwachte totale kosten per jaar per variant met bandbreedte; de tabel hierna geeft dezelfde cijfers."))
    blocks.append(_table(presentation.variant_summary(result), illustrative))
    unknown = presentation.unknown_sentence(result)
    if unknown:
        blocks.append(Paragraph(unknown))
    blocks.append(Paragraph("Per gemeente en variant: de bijdrage over de looptijd en het verschil met wat de gemeente nu aan de taak "
                            "uitgeeft, steeds als verwachting met de 90 %-bandbreedte (5e–95e percentiel) en de kans dat de variant "
                            "goedkoper is dan nu."))
    blocks.append(_table(presentation.overview_table(result), illustrative))
    model = build.parse(trajectory)
    try:
        exits = build.exit_effects(trajectory, result, model=model)
    except FinanceError as exc:
        exits = {}
        blocks.append(Paragraph("De gevolgen van uittreden konden niet worden berekend: " + exc.message))
    for vid, v in result["variants"].items():
        if not presentation.known(v):
            continue
        blocks.append(_table(presentation.municipality_table(result, vid), illustrative))
        blocks.append(_table(presentation.keys_comparison(model, result, vid), illustrative))
        shapley = presentation.shapley_explanation(model, result, vid)
        if shapley:
            blocks.append(Paragraph(f"Wat de Shapley-verdeling van {v['name']} bepaalt:"))
            blocks.append(BulletList(shapley))
        blocks.append(BulletList(presentation.coalition_sentences(result, vid)))
        blocks.append(_table(presentation.join_table(result, vid), illustrative))
        if exits.get(vid):
            blocks.append(Paragraph(
                f"Uittreden uit {result['variants'][vid]['name']}: wat een gemeente betaalt als zij in "
                f"{years[1]} uittreedt of pas op de plaats maakt, volgens de afbouwmethode (100 %, 80 %, 60 %, 40 %, 20 % van de "
                "laatste jaarbijdrage) en volgens de directe schade met een overbruggingsperiode van vijf jaar, en wat de overige "
                "deelnemers dan meer betalen, vóór en na verrekening van de uittreedsom."))
            blocks.append(_table(presentation.exits_table(result, vid, exits[vid]), illustrative))
    for scenario in SharedOrganisationScenario.objects.filter(trajectory=trajectory).select_related("organisation"):
        try:
            effect = services.shared_effect(scenario)
        except FinanceError:
            continue
        blocks.append(Paragraph(f"{scenario.name}: {scenario.note}".strip()))
        blocks.append(_table(presentation.shared_table(effect), scenario.illustrative))
    keys = [f"{k.name}: {k.get_method_display()}" + (f", peildatum {k.reference_date:%d-%m-%Y}" if k.reference_date else "")
            + (f"; bron: {k.source}" if k.source else "") for k in trajectory.allocation_keys.all()]
    if keys:
        blocks.append(Paragraph("Gebruikte verdeelsleutels en hun bron:"))
        blocks.append(BulletList(keys))
    return Section("financien", heading, blocks)
