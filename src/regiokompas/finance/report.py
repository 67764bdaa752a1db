"""The financial chapter of the substantiation report (shared interface: documents.model.Section):
a compact overview for the main part (costs per variant, per municipality and variant what it pays
and the difference with now) and an annex with the detail, one table per subject with a row per
variant and municipality (division under every key, joining or staying out, exit fees)."""

from __future__ import annotations

from regiokompas import formatting
from regiokompas.documents.model import BulletList, Figure, Paragraph, Section, Table
from regiokompas.finance import build, charts, presentation, services
from regiokompas.finance.errors import FinanceError
from regiokompas.finance.models import CostItem, CurrentCost, SharedOrganisationScenario

HEADING = "Financiële gevolgen per gemeente"
ANNEX_HEADING = "Financiële gevolgen: de uitwerking"


def _table(t: presentation.Table, illustrative: bool = False) -> Table:
    caption = t.caption + (" – illustratieve bedragen" if illustrative else "")
    return Table(caption, list(t.header), [list(r) for r in t.rows])


def _per_variant(caption: str, tables: list[tuple[str, presentation.Table]], illustrative: bool) -> list[Table]:
    """The tables of the variants as one table with the variant in the first column (one table per
    run of variants with the same columns)."""
    out: list[Table] = []
    for name, t in tables:
        rows = [[name, *r] for r in t.rows]
        if out and out[-1].header[1:] == list(t.header):
            out[-1].rows.extend(rows)
        else:
            out.append(Table(caption + (" – illustratieve bedragen" if illustrative else ""), ["Variant", *t.header], rows))
    return out


def _computed(trajectory):
    """(settings, result, illustrative), or None without a cost model; a FinanceError propagates."""
    settings = build.settings_of(trajectory)
    if settings is None or not CostItem.objects.filter(variant__trajectory=trajectory).exists():
        return None
    result = build.compute(trajectory)
    illustrative = bool(settings.illustrative or CostItem.objects.filter(variant__trajectory=trajectory, illustrative=True).exists()
                        or CurrentCost.objects.filter(trajectory=trajectory, illustrative=True).exists())
    return settings, result, illustrative


def financial_chapter(trajectory) -> Section | None:
    """'Financiële gevolgen per gemeente' for the main part of the substantiation report, or None
    without a cost model."""
    try:
        computed = _computed(trajectory)
    except FinanceError as exc:
        return Section("financien", HEADING, [Paragraph("De financiële gevolgen konden niet worden berekend: " + exc.message)])
    if computed is None:
        return None
    settings, result, illustrative = computed
    years = result["years"]
    samples = formatting.number(result["samples"])
    blocks: list = [Paragraph(
        f"Per variant zijn de kosten over {years[0]}–{years[-1]} berekend (geïndexeerd met "
        f"{formatting.percent(settings.indexation, 2, trim=True)} per jaar) en met verdeelsleutels over de gemeenten verdeeld. "
        f"De onzekerheid in de kostenramingen (laag, meest waarschijnlijk, hoog) is meegenomen met {samples} trekkingen "
        f"(startwaarde {result['seed']}); bedragen zijn verwachtingen met een 90 %-bandbreedte.")]
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
                            "goedkoper is dan nu. De verdeling onder elke verdeelsleutel, meedoen of buiten blijven en uittreden "
                            f"staan in de bijlage '{ANNEX_HEADING}'."))
    blocks.append(_table(presentation.overview_table(result), illustrative))
    return Section("financien", HEADING, blocks)


def financial_annex(trajectory) -> Section | None:
    """The annex of the financial chapter: per variant and municipality the division under every
    key, the Shapley division and the core test, joining or staying out, the exit fees; the shared
    organisation scenarios and the keys with their source. None without a cost model."""
    try:
        computed = _computed(trajectory)
    except FinanceError:
        return None  # the chapter in the main part says why
    if computed is None:
        return None
    _settings, result, illustrative = computed
    years = result["years"]
    model = build.parse(trajectory)
    blocks: list = []
    try:
        exits = build.exit_effects(trajectory, result, model=model)
    except FinanceError as exc:
        exits = {}
        blocks.append(Paragraph("De gevolgen van uittreden konden niet worden berekend: " + exc.message))
    known = [(vid, v) for vid, v in result["variants"].items() if presentation.known(v)]
    blocks.append(Paragraph("Wie betaalt wat: de verwachte kosten van elke variant over de looptijd verdeeld volgens de gekozen "
                            "sleutels, volgens elke andere sleutel en volgens de Shapley-verdeling (naar de kosten die een gemeente "
                            "toevoegt)."))
    blocks += _per_variant("Wie betaalt wat onder elke sleutel: verwachte kosten over de looptijd, per variant en gemeente",
                           [(v["name"], presentation.keys_comparison(model, result, vid)) for vid, v in known], illustrative)
    explained: list = []
    for vid, v in known:
        lines = [f"Wat de Shapley-verdeling bepaalt: {x}" for x in presentation.shapley_explanation(model, result, vid)]
        explained += [v["name"], BulletList(lines + presentation.coalition_sentences(result, vid))]
    if explained:
        blocks.append(BulletList(explained))
    blocks += _per_variant("Meedoen of buiten blijven, per variant en gemeente (kosten over de looptijd: verwachting en "
                           "90 %-bandbreedte)", [(v["name"], presentation.join_table(result, vid)) for vid, v in known], illustrative)
    with_exits = [(v["name"], presentation.exits_table(result, vid, exits[vid])) for vid, v in known if exits.get(vid)]
    if with_exits:
        blocks.append(Paragraph(
            f"Uittreden: wat een gemeente betaalt als zij in {years[1]} uittreedt of pas op de plaats maakt, volgens de "
            "afbouwmethode (100 %, 80 %, 60 %, 40 %, 20 % van de laatste jaarbijdrage) en volgens de directe schade met een "
            "overbruggingsperiode van vijf jaar, en wat de overige deelnemers dan meer betalen, vóór en na verrekening van de "
            "uittreedsom."))
        blocks += _per_variant("Als één gemeente uittreedt: uittreedsom en gevolgen voor de overige deelnemers, per variant "
                               "(verwachting en 90 %-bandbreedte)", with_exits, illustrative)
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
    return Section("financien_uitwerking", ANNEX_HEADING, blocks, annex=True)
