"""The financial chapter of the substantiation report (shared interface: documents.model.Section)."""

from __future__ import annotations

from regiokompas.documents.model import BulletList, Figure, Paragraph, Section, Table
from regiokompas.finance import build, charts, presentation, services
from regiokompas.finance.errors import FinanceError
from regiokompas.finance.models import CostItem, SharedOrganisationScenario


def _table(t: presentation.Table) -> Table:
    return Table(t.caption, list(t.header), [list(r) for r in t.rows])


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
    samples = f"{result['samples']:,}".replace(",", ".")
    blocks: list = [Paragraph(
        f"Per variant zijn de kosten over {years[0]}–{years[-1]} berekend en met verdeelsleutels over de gemeenten verdeeld. "
        f"De onzekerheid in de kostenramingen (laag, meest waarschijnlijk, hoog) is meegenomen met {samples} trekkingen "
        f"(startwaarde {result['seed']}); bedragen zijn verwachtingen met een 90 %-bandbreedte.")]
    if CostItem.objects.filter(variant__trajectory=trajectory, illustrative=True).exists() or settings.illustrative:
        blocks.append(Paragraph("Let op: de bedragen in dit kostenmodel zijn illustratief (voorbeeldwaarden zonder bron). "
                                "Inwonertallen en verdeelsleutels met een bron zijn echt."))
    blocks.append(Figure(
        charts.band_chart(years, [presentation.band_series(result, vid) for vid in result["variants"]], ident="rap-fin",
                          title="Totale kosten per jaar per variant",
                          desc="Verwachte totale kosten per jaar per variant met 90 %-bandbreedte; de tabel geeft dezelfde cijfers."),
        "Totale kosten per jaar per variant",
        "Lijndiagram van de verwachte totale kosten per jaar per variant met bandbreedte; de tabel hierna geeft dezelfde cijfers."))
    blocks.append(_table(presentation.variant_summary(result)))
    model = build.parse(trajectory)
    for vid in result["variants"]:
        blocks.append(_table(presentation.municipality_table(result, vid)))
        blocks.append(_table(presentation.keys_comparison(model, result, vid)))
        blocks.append(BulletList(presentation.coalition_sentences(result, vid)))
    for scenario in SharedOrganisationScenario.objects.filter(trajectory=trajectory).select_related("organisation"):
        try:
            effect = services.shared_effect(scenario)
        except FinanceError:
            continue
        blocks.append(Paragraph(f"{scenario.name}: {scenario.note}".strip()))
        blocks.append(_table(presentation.shared_table(effect)))
    keys = [f"{k.name}: {k.get_method_display()}" + (f", peildatum {k.reference_date:%d-%m-%Y}" if k.reference_date else "")
            + (f"; bron: {k.source}" if k.source else "") for k in trajectory.allocation_keys.all()]
    if keys:
        blocks.append(Paragraph("Gebruikte verdeelsleutels en hun bron:"))
        blocks.append(BulletList(keys))
    return Section("financien", heading, blocks)
