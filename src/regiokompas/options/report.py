"""The substantiation report "Onderbouwing keuze uitvoeringsvariant", built as the neutral
document model (regiokompas.documents.model) and rendered by regiokompas.documents.render."""

from __future__ import annotations

import datetime as dt
import logging

from django.apps import apps
from django.utils import timezone

from regiokompas import formatting
from regiokompas.options import chapters, quality
from regiokompas.options.errors import OptionsError
from regiokompas.options.models import AnalysisRun
from regiokompas.options.results import read
from regiokompas.register.models import Condition

logger = logging.getLogger(__name__)

TITLE = "Onderbouwing keuze uitvoeringsvariant"
FORMATS = ("docx", "pdf", "html", "md")
ILLUSTRATIVE_NOTE = (
    "Dit rapport bevat illustratieve voorbeeldgegevens (gemarkeerd met 'illustratief'): scores en voorkeuren zonder bron in de "
    "werkelijkheid. De uitkomsten laten zien hoe de analyse werkt en zijn niet bruikbaar voor besluitvorming."
)


def _m():
    from regiokompas.documents import model

    return model


def _ill(flag: bool) -> str:
    return " (illustratief)" if flag else ""


def latest_run(trajectory) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(trajectory=trajectory).order_by("-number").first()


def _hidden_documents(snapshot: dict, viewer) -> set:
    """Evidence documents the viewer may not see: their titles are left out of the report. Without a
    viewer (the command line) the report may reach the raad and the public: only public documents
    are named."""
    from regiokompas.accounts.permissions import title_for_reader
    from regiokompas.register.models import Document

    ids = {s.get("evidence", {}).get("document_id") for s in snapshot.get("scores", [])} - {None}
    return {d.pk for d in Document.objects.filter(pk__in=ids) if title_for_reader(viewer, d) is None}


def build(trajectory, run: AnalysisRun | None = None, *, snapshot: dict | None = None, problem_error: str = "", viewer=None):
    """The report as a Document. Without a run, the results chapter says why there is none.

    With a ``viewer``, confidential evidence documents that viewer may not see are named only as
    "vertrouwelijk document"."""
    m = _m()
    if run is not None:
        snapshot = run.snapshot
    if snapshot is None:
        from regiokompas.options.services import snapshot_inputs

        snapshot = snapshot_inputs(trajectory)
    reading = read(run.problem, run.results, run.snapshot) if run is not None else None
    sections = [
        _summary_section(m, trajectory, run, reading, problem_error),
        _question_section(m, trajectory),  # 1
        _variants_section(m, snapshot),  # 2
        _criteria_section(m, snapshot),  # 3
        _pros_and_cons_section(m, snapshot, _hidden_documents(snapshot, viewer)),  # 4
        _scores_section(m, snapshot),  # 5
        _preferences_section(m, snapshot),  # 6
    ]
    sections += _results_sections(m, run, reading, problem_error)  # 7 and 8
    sections += chapters.sections(trajectory)  # 9: chapters of other apps (finance)
    sections.append(_quality_section(m, snapshot))  # 10
    if run is not None:
        sections.append(_accountability_section(m, run, reading))  # 11
    illustrative = bool(run.illustrative) if run is not None else quality_has_illustrative(snapshot)
    header = {
        "onderwerp": TITLE,
        "traject": trajectory.name,
        "datum": formatting.short_date(dt.date.today()),
    }
    if run is not None:
        header["analyse"] = f"{run.number} (seed {run.seed}, {run.samples} trekkingen)"
    return m.Document(
        kind="onderbouwing",
        title=f"{TITLE} – {trajectory.name}",
        organisation=str(trajectory.project_organisation or trajectory.name),
        status="concept",
        header=header,
        sections=sections,
        attachments=[],
        illustrative_note=ILLUSTRATIVE_NOTE if illustrative else None,
        style=_house_style(trajectory),
    )


def _question_section(m, trajectory):
    P, B = m.Paragraph, m.BulletList
    blocks = [P(f"Dit rapport onderbouwt de keuze voor een uitvoeringsvariant in het traject '{trajectory.name}'. "
                "Het vergelijkt de varianten op de criteria hieronder, met per score de onderbouwing en de onzekerheid, "
                "en weegt ze met de voorkeuren van elke gemeente afzonderlijk.")]
    if trajectory.aim:
        blocks.append(P(trajectory.aim))
    conditions = Condition.objects.filter(decision__gate__trajectory=trajectory, decision__is_current=True,
                                          category="analysis").select_related("decision__municipality")
    if conditions:
        blocks.append(P("Gestelde voorwaarden waarop dit rapport antwoord geeft:"))
        blocks.append(B([f"{c.decision.municipality}: {c.text}" for c in conditions]))
    return m.Section("vraag", "Vraag en aanleiding", blocks)


def _variant_items(v: dict) -> list[str]:
    items = []
    if v.get("tasks"):
        items.append("Taken: " + "; ".join(v["tasks"]))
    for key, label in (("wgr_form", "Voorgestelde rechtsvorm"), ("existing_organisations_role", "Rol van bestaande organisaties"),
                       ("transition_notes", "Overgang"), ("source", "Bron")):
        if v.get(key):
            items.append(f"{label}: {v[key]}")
    return items


def _variants_section(m, snapshot: dict):
    P, B, T = m.Paragraph, m.BulletList, m.Table
    blocks = []
    for v in snapshot.get("variants", []):
        blocks.append(P(f"Variant {v['number']}: {v['name']}{_ill(v.get('illustrative'))}. {v.get('description', '')}".strip()))
        items = _variant_items(v)
        if items:
            blocks.append(B(items))
        phases = v.get("composition") or []
        if phases:
            rows = [[f"{ph['phase']}{' (' + ph['label'] + ')' if ph.get('label') else ''}", ph.get("start") or "–", x["task"],
                     x["form"] + (f": {x['arrangement']}" if x.get("arrangement") else ""), x.get("note", "")]
                    for ph in phases for x in ph["components"]]
            blocks.append(T(f"Opbouw van variant {v['number']} per fase en taak", ["Fase", "Vanaf", "Taak", "Vorm", "Toelichting"], rows))
    measures = snapshot.get("common_measures") or []
    if measures:
        blocks.append(P("Maatregelen voor elke variant. Deze maatregelen horen bij elke variant; zij maken geen verschil "
                        "tussen de varianten en zijn daarom niet in de scores verwerkt:"))
        blocks.append(B([f"{x['title']}{_ill(x.get('illustrative'))}" + (f": {x['description']}" if x.get("description") else "")
                         + (f" (bron: {x['source']})" if x.get("source") else "") for x in measures]))
    return m.Section("varianten", "De varianten", blocks or [P("Er zijn nog geen varianten vastgelegd.")])


def _criteria_section(m, snapshot: dict):
    rows = [[c["name"], c.get("definition", ""), c["unit"], f"{formatting.number(c['scale'][0], significant=6)} tot {formatting.number(c['scale'][1], significant=6)}",
             "hoger is beter" if c["direction"] == "higher" else "lager is beter"] for c in snapshot.get("criteria", [])]
    return m.Section("criteria", "Criteria en hun definitie", [
        m.Table("Criteria, eenheid, schaal en richting", ["Criterium", "Definitie", "Eenheid", "Schaal", "Richting"], rows)
    ] if rows else [m.Paragraph("Er zijn nog geen criteria vastgesteld.")])


def _evidence_text(s: dict, hidden: set) -> str:
    ev = s.get("evidence", {})
    title = "vertrouwelijk document" if ev.get("document_id") in hidden else ev.get("document")
    evidence = "; ".join(x for x in (title, f"p. {ev['page']}" if ev.get("page") else "", ev.get("source"),
                                       ev.get("author"), ev.get("date")) if x) or "niet onderbouwd"
    return (s.get("argument") + " " if s.get("argument") else "") + "Onderbouwing: " + evidence + _ill(s.get("illustrative"))


def _pros_and_cons_section(m, snapshot: dict, hidden: set):
    cname = {c["id"]: c["name"] for c in snapshot.get("criteria", [])}
    by_variant: dict[str, list[dict]] = {}
    for s in snapshot.get("scores", []):
        by_variant.setdefault(s["variant"], []).append(s)
    blocks = []
    for v in snapshot.get("variants", []):
        rows = [[cname.get(s["criterion"], s["criterion"]), s["display"], s.get("pros") or "–", s.get("cons") or "–",
                 _evidence_text(s, hidden)] for s in by_variant.get(v["id"], [])]
        if rows:
            blocks.append(m.Table(f"Voor- en nadelen van variant {v['number']} per criterium",
                                  ["Criterium", "Score", "Voordelen", "Nadelen", "Argumentatie en onderbouwing"], rows))
    return m.Section("voor_en_nadelen", "Voor- en nadelen per variant",
                     blocks or [m.Paragraph("Er zijn nog geen scores met argumentatie.")])


def _scores_section(m, snapshot: dict):
    variants = snapshot.get("variants", [])
    cells = {(s["variant"], s["criterion"]): s for s in snapshot.get("scores", [])}
    rows = []
    for c in snapshot.get("criteria", []):
        row = [f"{c['name']} ({c['unit']})"]
        for v in variants:
            s = cells.get((v["id"], c["id"]))
            row.append("ontbreekt" if s is None else s["display"] + ("" if s.get("substantiated") else " – niet onderbouwd") + _ill(s.get("illustrative")))
        rows.append(row)
    return m.Section("scores", "Scores met hun onzekerheid", [
        m.Paragraph("Een score is exact, een bandbreedte (laag – hoog) of een schatting laag / meest waarschijnlijk / hoog. "
                    "In de analyse wordt elke schatting als kansverdeling doorgerekend (bandbreedte: gelijkmatig; drie waarden: PERT)."),
        m.Table("Scores per criterium en variant", ["Criterium"] + [f"Variant {v['number']}" for v in variants], rows),
    ] if rows else [m.Paragraph("Er zijn nog geen scores.")])


def _preferences_section(m, snapshot: dict):
    P, B = m.Paragraph, m.BulletList
    blocks = []
    for p in snapshot.get("preferences", []):
        blocks.append(P(f"{p['name']}{_ill(p.get('illustrative'))}" + (f": {p['note']}" if p.get("note") else "")))
        blocks.append(B([f"Uitspraak {i}: {s['text']}" for i, s in enumerate(p.get("statements", []), 1)]))
    without = [p["name"] for p in snapshot.get("without_preferences", [])]
    if without:
        blocks.append(P("Geen voorkeuren opgegeven: " + ", ".join(without) + "."))
    return m.Section("voorkeuren", "Voorkeuren per gemeente", blocks or [P("Nog geen enkele gemeente heeft voorkeuren opgegeven.")])


def _results_sections(m, run, reading, problem_error: str) -> list:
    """Chapters 7 (results, overall and per municipality) and 8 (sensitivity)."""
    P, B, T, F, S = m.Paragraph, m.BulletList, m.Table, m.Figure, m.Section
    if run is None:
        why = problem_error or "Er is nog geen analyse uitgevoerd."
        return [S("resultaten", "Resultaten", [P(f"Er zijn geen resultaten: {why}")]),
                S("gevoeligheid", "Gevoeligheid", [P("Zonder analyse is er geen gevoeligheidsanalyse.")])]
    blocks = [P(f"Uitkomsten van analyse {run.number} ({formatting.number(run.samples)} trekkingen).")]
    blocks.append(P("Rangkansen geven aan in welk deel van de trekkingen (gewichten binnen de voorkeuren van de gemeente, "
                    "scores binnen hun onzekerheid) een variant op plaats 1, 2, … eindigt. Tussen haakjes de rekenmarge (95 %). "
                    "Het centrale gewicht is de 'typische' afweging waarbij een variant de beste is; de betrouwbaarheidsfactor "
                    "zegt hoe vaak die variant bij die afweging de beste blijft als alleen de scores onzeker zijn."))
    blocks.append(B([f"{b.name}: {b.conclusion()}" for b in reading.blocks]))
    if len(reading.municipalities) > 1:
        blocks.append(P("Waar gemeenten het eens en oneens zijn:"))
        blocks.append(B(reading.agreement()))
        header, rows = reading.comparison_table()
        blocks.append(F(reading.comparison_chart("rkcmp"), "Kans op de eerste plaats per gemeente",
                        "Staafgrafiek van de kans dat elke variant de beste is, per gemeente; de tabel hieronder geeft dezelfde cijfers."))
        blocks.append(T("Kans op de eerste plaats per gemeente", header, rows))
    sections = [S("resultaten", "Resultaten", blocks)]
    for i, b in enumerate(reading.blocks):
        rank_header, rank_rows = b.rank_table()
        cw_header, cw_rows = b.central_weight_table()
        sections.append(S("resultaten_gemeente", f"Resultaten: {b.name}", level=2, blocks=[
            P(b.conclusion()),
            F(b.chart(f"rk{i}"), f"Rangkansen – {b.name}", f"Gestapelde staafgrafiek van de rangkansen voor {b.name}. {b.conclusion()}"),
            T(f"Rangkansen, holistische aanvaardbaarheid en betrouwbaarheidsfactor – {b.name}", rank_header, rank_rows),
            T(f"Centrale gewichten – {b.name}", cw_header, cw_rows),
        ] + _extra_tables(b, i, T, F)))
    return sections + _sensitivity_sections(reading, m)


def _quality_section(m, snapshot: dict):
    fnd = quality.findings(snapshot)
    return m.Section("datakwaliteit", "Datakwaliteit: wat is nog niet onderbouwd", [
        m.Paragraph("Dit hoofdstuk noemt wat in deze onderbouwing nog ontbreekt of onzeker is. Een score zonder document of bron heet "
                    "'niet onderbouwd'."),
        m.BulletList([f.text for f in fnd] or ["Geen bevindingen."]),
    ])


def _accountability_section(m, run, reading):
    samplers = "; ".join(f"{b.name}: {reading.sampler_text(b)}" for b in reading.municipalities) or "–"
    started = timezone.localtime(run.created_at)
    items = [f"Analyse {run.number}, gestart {started:%d-%m-%Y %H:%M} door {run.created_by_label or 'onbekend'}",
             f"Aantal trekkingen: {formatting.number(run.samples)}", f"Startwaarde toevalsgenerator (seed): {run.seed}",
             f"Versie rekenkern: {run.engine_version}", f"Steekproefmethode gewichten per gemeente: {samplers}",
             "Methode: SMAA-2 (stochastische multicriteria-acceptabiliteitsanalyse) met lineaire waardefuncties op de schaal van elk criterium.",
             "De volledige invoer is bij de analyse opgeslagen; met dezelfde seed geeft de analyse dezelfde uitkomst."]
    if run.reproduces_id:
        items.append(f"Reproductie van analyse {run.reproduces.number}.")
    return m.Section("verantwoording", "Verantwoording van de berekening", [m.BulletList(items)])


def _house_style(trajectory):
    """The project organisation's house style (None: the neutral municipal style)."""
    if trajectory.project_organisation_id is None or not apps.is_installed("regiokompas.housestyle"):
        return None
    from regiokompas.housestyle.services import document_style

    return document_style(organisation=trajectory.project_organisation)


def _summary_section(m, trajectory, run, reading, problem_error: str):
    """"Conclusie in het kort": the pooled outcome and whether the municipalities agree, first."""
    P, B = m.Paragraph, m.BulletList
    if run is None:
        why = problem_error or "Er is nog geen analyse uitgevoerd."
        return m.Section("samenvatting", "Conclusie in het kort", [
            P(f"Dit rapport bevat nog geen conclusie: {why} De hoofdstukken hieronder beschrijven de vraag, de varianten, "
              "de criteria, de scores en de voorkeuren zoals ze nu zijn vastgelegd.")])
    blocks = [B(reading.summary())]
    blocks.append(P("De percentages zijn het aandeel van de trekkingen (gewichten binnen de voorkeuren, scores binnen hun "
                    "onzekerheid) waarin een variant de beste is; tussen haakjes de rekenmarge (95 %). De hoofdstukken Resultaten "
                    "en Gevoeligheid geven de uitkomst per gemeente en hoe vast die ligt."))
    if run.illustrative:
        blocks.append(P("Let op: de analyse gebruikt illustratieve voorbeeldgegevens; deze conclusie laat zien hoe de analyse "
                        "werkt en is niet bruikbaar voor besluitvorming."))
    return m.Section("samenvatting", "Conclusie in het kort", blocks)


def _sensitivity_sections(reading, m) -> list:
    """The sensitivity chapter: per municipality how far the weights must move (chart and table),
    then per municipality the one-way sweep of the weight nearest a switch (chart and table)."""
    P, B, T, F, S = m.Paragraph, m.BulletList, m.Table, m.Figure, m.Section
    header, rows = reading.sensitivity_table()
    intro = [
        P("Hoe vast ligt de voorkeur van elke gemeente? Dit hoofdstuk geeft per gemeente hoeveel gewicht van het ene naar het "
          "andere criterium moet verschuiven (in procentpunten, bij de meest waarschijnlijke scores) voordat een andere variant "
          "de beste is: binnen de voorkeuren die de gemeente heeft opgegeven en ook daarbuiten. Daarnaast: welk gewicht "
          "afzonderlijk (de andere gewichten naar verhouding) het dichtst bij een omslag ligt. Een kleine verschuiving betekent "
          "een broze voorkeur; 'geen andere variant de beste' betekent dat de voorkeuren van de gemeente de uitkomst vastleggen."),
        F(reading.sensitivity_chart("gv-overzicht"), "Hoe ver moeten de gewichten verschuiven voordat een andere variant de beste is?",
          "Staafgrafiek per gemeente van de kleinste verschuiving van de gewichten (procentpunt) waarna een andere variant de beste "
          "is, binnen en buiten de opgegeven voorkeuren; de tabel hieronder geeft dezelfde cijfers."),
        T("Kleinste verschuiving van de gewichten tot een andere variant de beste is, per gemeente", header, rows),
    ]
    sections = [S("gevoeligheid", "Gevoeligheid: hoe ver moeten de gewichten verschuiven?", intro)]
    for i, b in enumerate(reading.blocks):
        blocks = [B(b.sensitivity_text())]
        crit = b.sweep_criterion()
        if crit:
            name = b.criterion_names.get(crit, crit)
            blocks.append(P(f"De grafiek laat zien hoe de totale waarde van elke variant verandert als alleen het gewicht van {name} "
                            "verandert en de andere gewichten naar verhouding meebewegen. De stippellijn is het huidige gewicht; een "
                            "driehoek bovenaan markeert een omslagpunt, waar een andere variant de beste wordt."))
            blocks.append(F(b.sweep_chart(crit, f"gv-{i}"), f"Eén gewicht laten variëren: {name} – {b.name}", b.sweep_description(crit)))
            blocks.append(T(f"Totale waarde per variant bij verschillende gewichten van {name} – {b.name}", *b.sweep_table(crit)))
        sections.append(S("gevoeligheid_gemeente", f"Gevoeligheid: {b.name}", blocks, level=2))
    return sections


def _extra_tables(b, i, T, F) -> list:
    blocks = []
    pairwise = b.pairwise_table()
    if pairwise:
        blocks.append(T(f"Kans dat de variant in de rij beter uitkomt dan die in de kolom – {b.name}", *pairwise))
    weights = b.weight_range_table()
    if weights:
        blocks.append(T(f"Gewichten die bij de voorkeuren passen (gemiddelde en 95 %-interval) – {b.name}", *weights))
    if b.value_profile():
        blocks.append(F(b.value_profile_chart(f"vp{i}"), f"Waardeprofiel – {b.name}",
                        f"Gestapelde staven: bijdrage van elk criterium aan de totale waarde per variant voor {b.name}."))
        blocks.append(T(f"Waardeprofiel: bijdrage per criterium – {b.name}", *b.value_profile_table()))
    return blocks


def quality_has_illustrative(snapshot: dict) -> bool:
    return any(x.get("illustrative") for key in ("variants", "criteria", "scores", "preferences") for x in snapshot.get(key, []))


def render_report(trajectory, fmt: str, run: AnalysisRun | None = None, *, problem_error: str = "", viewer=None) -> bytes:
    if fmt not in FORMATS:
        raise OptionsError(f"Onbekend formaat '{fmt}'. Kies uit: {', '.join(FORMATS)}.")
    try:
        from regiokompas.documents.render import render
    except ImportError as exc:
        raise OptionsError("De documentmodule (regiokompas.documents) is niet beschikbaar; het rapport kan nu niet worden gemaakt.") from exc
    document = build(trajectory, run, problem_error=problem_error, viewer=viewer)
    return render(document, fmt)


def summary_line(run: AnalysisRun, reading=None) -> str:
    """One line on the outcome of a run; pass the run's reading when you have it already."""
    reading = reading or read(run.problem, run.results, run.snapshot)
    if reading.pooled:
        b = reading.pooled
    elif reading.blocks:
        b = reading.blocks[0]
    else:
        return ""
    return f"{reading.labels[b.preferred]}: {formatting.percent(b.first(b.preferred))} kans op de eerste plaats ({b.name})."
