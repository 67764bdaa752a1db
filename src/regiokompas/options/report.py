"""The substantiation report "Onderbouwing keuze uitvoeringsvariant", built as the neutral
document model (regiokompas.documents.model) and rendered by regiokompas.documents.render."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math

from django.apps import apps
from django.utils import timezone

from regiokompas import formatting
from regiokompas.options import chapters, quality
from regiokompas.options.errors import OptionsError
from regiokompas.options.models import AnalysisRun
from regiokompas.options.results import Z95, read
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
    """The report as a Document: a short main part for the council (the conclusion in plain Dutch
    on page 1, then question, variants, criteria and scores in brief, the outcome with a few key
    charts, this region's costs and the limits in brief), then the annexes with the technical
    detail (scores with their evidence, preferences, every SMAA index per municipality, the
    sensitivity per municipality, the financial detail, all data-quality findings, the
    accountability of the calculation). Without a run, the outcome chapter says why there is none.

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
        _summary_section(m, trajectory, run, reading, problem_error, snapshot),
        _question_section(m, trajectory),
        _variants_section(m, snapshot),
        _criteria_section(m, snapshot),
    ]
    sections += _results_sections(m, run, reading, problem_error)
    sections += chapters.sections(trajectory)  # chapters of other apps (finance)
    sections.append(_quality_section(m, snapshot))
    # the annexes: the technical detail
    sections += _scores_annex(m, snapshot, _hidden_documents(snapshot, viewer))
    sections.append(_preferences_section(m, snapshot))
    if reading is not None:
        sections.append(_indices_annex(m, run, reading))
        sections.append(_sensitivity_annex(m, reading))
    sections += chapters.annexes(trajectory)  # the detail of the chapters of other apps
    sections.append(_quality_annex(m, snapshot))
    if run is not None:
        sections.append(_accountability_section(m, run, reading))
    illustrative = bool(run.illustrative) if run is not None else quality_has_illustrative(snapshot)
    header = {
        "onderwerp": TITLE,
        "traject": trajectory.name,
        "datum": formatting.short_date(dt.date.today()),
    }
    if run is not None:
        header["analyse"] = f"nummer {run.number}, {formatting.short_date(timezone.localtime(run.created_at).date())}"
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
        toc_after=1,  # the conclusion on page 1, the table of contents after it
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
    """The criteria in brief, with the scores of every variant (their evidence: annex)."""
    criteria, variants = snapshot.get("criteria", []), snapshot.get("variants", [])
    if not criteria:
        return m.Section("criteria", "Criteria en scores in het kort", [m.Paragraph("Er zijn nog geen criteria vastgesteld.")])
    cells = {(s["variant"], s["criterion"]): s for s in snapshot.get("scores", [])}
    rows = [[c["name"], f"{c['unit']}, {'hoger' if c['direction'] == 'higher' else 'lager'} is beter"]
            + [cells[(v["id"], c["id"])]["display"] if (v["id"], c["id"]) in cells else "ontbreekt" for v in variants]
            for c in criteria]
    return m.Section("criteria", "Criteria en scores in het kort", [
        m.Paragraph(f"De varianten zijn vergeleken op {len(criteria)} criteria. Een score is een vast getal, een bandbreedte "
                    "(laag – hoog) of een schatting laag / meest waarschijnlijk / hoog: zo telt de onzekerheid mee. De definitie "
                    "van elk criterium en de onderbouwing van elke score staan in de bijlage 'Criteria en scores met hun "
                    "onderbouwing'."),
        m.Table("Criteria en scores per variant", ["Criterium", "Meting"] + [f"Variant {v['number']}" for v in variants], rows),
    ])


def _evidence_text(s: dict, hidden: set) -> str:
    ev = s.get("evidence", {})
    title = "vertrouwelijk document" if ev.get("document_id") in hidden else ev.get("document")
    evidence = "; ".join(x for x in (title, f"p. {ev['page']}" if ev.get("page") else "", ev.get("source"),
                                       ev.get("author"), ev.get("date")) if x) or "niet onderbouwd"
    return (s.get("argument") + " " if s.get("argument") else "") + "Onderbouwing: " + evidence + _ill(s.get("illustrative"))


def _scores_annex(m, snapshot: dict, hidden: set) -> list:
    """Annex: the criteria with their definition, the scores with their uncertainty, and per
    criterion the pros, cons and evidence of every variant (one table)."""
    P, T, S = m.Paragraph, m.Table, m.Section
    variants, criteria = snapshot.get("variants", []), snapshot.get("criteria", [])
    blocks: list = []
    if criteria:
        blocks.append(T("Criteria, eenheid, schaal en richting", ["Criterium", "Definitie", "Eenheid", "Schaal", "Richting"],
                        [[c["name"], c.get("definition", ""), c["unit"], f"{formatting.number(c['scale'][0], significant=6)} tot {formatting.number(c['scale'][1], significant=6)}",
                          "hoger is beter" if c["direction"] == "higher" else "lager is beter"] for c in criteria]))
    cells = {(s["variant"], s["criterion"]): s for s in snapshot.get("scores", [])}
    rows = []
    for c in criteria:
        row = [f"{c['name']} ({c['unit']})"]
        for v in variants:
            s = cells.get((v["id"], c["id"]))
            row.append("ontbreekt" if s is None else s["display"] + ("" if s.get("substantiated") else " – niet onderbouwd") + _ill(s.get("illustrative")))
        rows.append(row)
    if rows and cells:
        blocks.append(P("Een score is exact, een bandbreedte (laag – hoog) of een schatting laag / meest waarschijnlijk / hoog. "
                        "In de analyse wordt elke schatting als kansverdeling doorgerekend (bandbreedte: gelijkmatig; drie waarden: PERT)."))
        blocks.append(T("Scores per criterium en variant", ["Criterium"] + [f"Variant {v['number']}" for v in variants], rows))
    elif criteria:
        blocks.append(P("Er zijn nog geen scores."))
    vnumber = {v["id"]: v["number"] for v in variants}
    pros = [[c["name"], f"Variant {vnumber[v['id']]}", s["display"], s.get("pros") or "–", s.get("cons") or "–", _evidence_text(s, hidden)]
            for c in criteria for v in variants if (s := cells.get((v["id"], c["id"]))) is not None]
    detail = [T("Voor- en nadelen per criterium en variant, met argumentatie en onderbouwing",
                ["Criterium", "Variant", "Score", "Voordelen", "Nadelen", "Argumentatie en onderbouwing"], pros)] if pros \
        else [P("Er zijn nog geen scores met argumentatie.")]
    return [S("scores", "Criteria en scores met hun onderbouwing", blocks or [P("Er zijn nog geen criteria vastgesteld.")], annex=True),
            S("voor_en_nadelen", "Voor- en nadelen per criterium", detail, level=2, annex=True)]


def _preferences_section(m, snapshot: dict):
    P, B = m.Paragraph, m.BulletList
    blocks = []
    for p in snapshot.get("preferences", []):
        blocks.append(P(f"{p['name']}{_ill(p.get('illustrative'))}" + (f": {p['note']}" if p.get("note") else "")))
        blocks.append(B([f"Uitspraak {i}: {s['text']}" for i, s in enumerate(p.get("statements", []), 1)]))
    without = [p["name"] for p in snapshot.get("without_preferences", [])]
    if without:
        blocks.append(P("Geen voorkeuren opgegeven: " + ", ".join(without) + "."))
    return m.Section("voorkeuren", "Voorkeuren per gemeente", blocks or [P("Nog geen enkele gemeente heeft voorkeuren opgegeven.")],
                     annex=True)


def _results_sections(m, run, reading, problem_error: str) -> list:
    """The outcome in the main part: per municipality the chance that each variant is best (chart
    and table), why (the contributions of the criteria, all municipalities together) and how firm
    it is (how far the weights must move)."""
    P, B, T, F, S = m.Paragraph, m.BulletList, m.Table, m.Figure, m.Section
    if run is None:
        why = problem_error or "Er is nog geen analyse uitgevoerd."
        return [S("resultaten", "De uitkomst", [P(f"Er zijn geen resultaten: {why}")]),
                S("gevoeligheid", "Hoe vast ligt de uitkomst?", [P("Zonder analyse is er geen gevoeligheidsanalyse.")])]
    samples = formatting.number(run.samples)
    blocks = [P(f"Elke gemeente heeft aangegeven welke criteria zij belangrijker vindt dan andere (bijlage 'Voorkeuren per "
                f"gemeente'). De berekening (analyse {run.number}) heeft {samples} keer een combinatie van gewichten die bij die "
                "voorkeuren past en scores binnen hun onzekerheid getrokken, en telt hoe vaak elke variant dan de beste is: de kans "
                "op de eerste plaats. Tussen haakjes staat de rekenmarge (95 %). De methode heet SMAA-2 (stochastische "
                "multicriteria-acceptabiliteitsanalyse); alle uitkomsten per gemeente staan in de bijlage 'Uitkomsten per gemeente'.")]
    blocks.append(B([_without_conflicts(line) for line in reading.agreement()]))
    if len(reading.blocks) > 1:
        header, rows = reading.comparison_table()
        blocks.append(F(reading.comparison_chart("rkcmp"), "Kans op de eerste plaats per gemeente",
                        "Staafgrafiek van de kans dat elke variant de beste is, per gemeente; de tabel hieronder geeft dezelfde cijfers."))
        blocks.append(T("Kans op de eerste plaats per gemeente", header, rows))
    key = reading.pooled or (reading.blocks[0] if reading.blocks else None)
    if key is not None and key.value_profile():
        who = "alle gemeenten samen" if key.is_pooled else key.name
        blocks.append(P(f"Waarom? De grafiek hieronder laat voor {who} zien hoeveel elk criterium bijdraagt aan de totale waarde van "
                        "elke variant, bij de gewichten die het midden houden van wat de voorkeuren toelaten."))
        blocks.append(F(key.value_profile_chart("vp-kern"), f"Bijdrage van elk criterium aan de totale waarde – {who}",
                        f"Gestapelde staven: bijdrage van elk criterium aan de totale waarde per variant voor {who}; "
                        "de tabel hieronder geeft dezelfde cijfers."))
        blocks.append(T(f"Bijdrage van elk criterium aan de totale waarde – {who}", *key.value_profile_table()))
    header, rows = reading.sensitivity_table()
    firm = [
        P("Hoeveel gewicht moet van het ene naar het andere criterium verschuiven (in procentpunten, bij de meest waarschijnlijke "
          "scores) voordat een andere variant de beste is, binnen de voorkeuren die de gemeente heeft opgegeven en ook daarbuiten? "
          "Een kleine verschuiving betekent een broze voorkeur; 'geen andere variant de beste' betekent dat de voorkeuren van de "
          "gemeente de uitkomst vastleggen. Per gemeente uitgewerkt: bijlage 'Gevoeligheid per gemeente'."),
        F(reading.sensitivity_chart("gv-overzicht"), "Hoe ver moeten de gewichten verschuiven voordat een andere variant de beste is?",
          "Staafgrafiek per gemeente van de kleinste verschuiving van de gewichten (procentpunt) waarna een andere variant de beste "
          "is, binnen en buiten de opgegeven voorkeuren; de tabel hieronder geeft dezelfde cijfers."),
        # the distances of the chart; which single weight is nearest a switch: the annex
        T("Kleinste verschuiving van de gewichten tot een andere variant de beste is, per gemeente", header[:4], [r[:4] for r in rows]),
    ]
    return [S("resultaten", "De uitkomst", blocks), S("gevoeligheid", "Hoe vast ligt de uitkomst?", firm)]


def _without_conflicts(line: str) -> str:
    """A line of the agreement without the statements that clash (those are in the annex)."""
    head, sep, _rest = line.partition(" Deze uitspraken botsen met elkaar: ")
    return head + " Welke uitspraken botsen: bijlage 'Uitkomsten per gemeente'." if sep else line


INDEX_TERMS = [
    "Rangkans (plaats 1, 2, …): in welk deel van de trekkingen de variant op die plaats eindigt; tussen haakjes de rekenmarge (95 %).",
    "Holistisch (holistische aanvaardbaarheid): de rangkansen samen gewogen, plaats 1 het zwaarst; een maat voor hoe goed de "
    "variant in het algemeen uitkomt.",
    "Centraal gewicht: de 'typische' afweging waarbij de variant de beste is (het gemiddelde van de gewichten in de trekkingen "
    "waarin zij de beste is).",
    "Betrouwbaarheid (betrouwbaarheidsfactor): hoe vaak de variant bij haar centrale gewichten de beste blijft als alleen de "
    "scores onzeker zijn.",
    "Onderlinge vergelijking: de kans dat de variant in de rij beter uitkomt dan die in de kolom.",
    "Gewichten die bij de voorkeuren passen: het gemiddelde gewicht per criterium en het interval waarbinnen 95 % van de "
    "getrokken gewichten ligt.",
    "Waardeprofiel: de bijdrage van elk criterium aan de totale waarde van de variant, bij de gemiddelde gewichten en de meest "
    "waarschijnlijke scores.",
]


def _indices_annex(m, run, reading):
    """Annex: every index of the analysis for every municipality (and all together): one table per
    index with a row per municipality (and variant), the criteria as columns where they apply."""
    P, B, T = m.Paragraph, m.BulletList, m.Table
    blocks = [P(f"Uitkomsten van analyse {run.number} per gemeente en voor alle gemeenten samen. De termen:"), B(list(INDEX_TERMS)),
              P("De conclusie per gemeente:"), B([f"{b.name}: {b.conclusion()}" for b in reading.blocks])]
    if len(reading.municipalities) > 1:
        blocks += [P("Waar de gemeenten samen uitkomen:"), B(reading.summary()[1:])]
    if not reading.blocks:
        return m.Section("resultaten_gemeenten", "Uitkomsten per gemeente", blocks, annex=True)
    labels = [reading.labels[a] for a in reading.alternatives]
    criteria = [reading.criterion_names.get(c, c) for c in reading.criteria]
    rank = [[f"{b.name} – {row[0]}", *row[1:]] for b in reading.blocks for row in b.rank_table()[1]]
    blocks.append(T("Rangkansen, holistische aanvaardbaarheid en betrouwbaarheidsfactor per gemeente en variant",
                    ["Gemeente – variant", *reading.blocks[0].rank_table()[0][1:]], rank))
    pairwise = [(b, b.pairwise_table()) for b in reading.blocks]
    if any(t for _b, t in pairwise):
        blocks.append(T("Kans dat de variant in de rij beter uitkomt dan die in de kolom, per gemeente", ["Gemeente – variant", *labels],
                        [[f"{b.name} – {row[0]}", *row[1:]] for b, t in pairwise if t for row in t[1]]))
    ranges = [(b, b.weight_range_table()) for b in reading.blocks]
    if any(t for _b, t in ranges):
        blocks.append(T("Gewichten die bij de voorkeuren passen: gemiddeld gewicht per criterium (95 % van de gewichten daartussen)",
                        ["Gemeente", *criteria], [[b.name, *(r[1] if r[2] == "–" else f"{r[1]} ({r[2]})" for r in t[1])] for b, t in ranges if t]))
    central = [[f"{b.name} – {reading.labels[a]}", *(row[1 + i] for row in b.central_weight_table()[1])]
               for b in reading.blocks for i, a in enumerate(b.alternatives)]
    blocks.append(T("Centrale gewichten per gemeente en variant", ["Gemeente – variant", *criteria], central))
    profiles = [b for b in reading.blocks if b.value_profile()]
    if profiles:
        rows = []
        for b in profiles:
            table = b.value_profile_table()[1]  # a row per criterion and a total, a column per variant
            rows += [[f"{b.name} – {reading.labels[a]}", *(row[1 + i] for row in table)] for i, a in enumerate(b.alternatives)]
        blocks.append(T("Waardeprofiel: bijdrage van elk criterium aan de totale waarde, per gemeente en variant",
                        ["Gemeente – variant", *criteria, "Totaal"], rows))
    return m.Section("resultaten_gemeenten", "Uitkomsten per gemeente", blocks, annex=True)


def _sensitivity_annex(m, reading):
    """Annex: per municipality how firm its outcome is in words and in the full overview table, and
    the one-way sweep of the weight nearest a switch: its switch points in one table, its values per
    10 % in another (a row per municipality and variant)."""
    P, B, T = m.Paragraph, m.BulletList, m.Table
    items: list = []
    sweep_rows = []
    values: list = []  # the sweeps' values per 10 %: a table per grid, a row per municipality and variant
    for b in reading.blocks:
        items += [b.name, B(b.sensitivity_text())]
        crit = b.sweep_criterion()
        if not crit:
            continue
        name = b.criterion_names.get(crit, crit)
        sweep_rows.append([b.name, name, *b.sweep_switches(crit)])
        steps = b.sweep_table(crit)[1]  # a row per weight: the weight, the value of each variant, the best
        header = ["Gemeente (criterium) – variant", *(row[0] for row in steps)]
        rows = [[f"{b.name} ({name}) – {reading.labels[a]}", *(row[1 + i] for row in steps)] for i, a in enumerate(b.alternatives)]
        rows.append([f"{b.name} ({name}) – beste", *(row[-1] for row in steps)])
        if values and values[-1].header == header:
            values[-1].rows.extend(rows)
        else:
            values.append(T("Totale waarde per variant bij het gewicht in de kolom (de andere gewichten naar verhouding), per gemeente",
                            header, rows))
    header, rows = reading.sensitivity_table()
    if not items:
        return m.Section("gevoeligheid_gemeenten", "Gevoeligheid per gemeente",
                         [P("Er zijn geen gemeenten met voorkeuren in deze analyse.")], annex=True)
    blocks = [P("Per gemeente: bij welke gewichten een andere variant de beste wordt."), B(items),
              T("Kleinste verschuiving van de gewichten tot een andere variant de beste is, en het gewicht dat afzonderlijk het "
                "dichtst bij een omslag ligt, per gemeente", header, rows)]
    if sweep_rows:
        blocks.append(P("Eén gewicht laten variëren: de totale waarde van elke variant (meest waarschijnlijke scores) als alleen het "
                        "gewicht van één criterium van 0 tot 100 % loopt en de andere gewichten naar verhouding meebewegen; per "
                        "gemeente het criterium dat het dichtst bij een omslag ligt (anders het zwaarste), met de gewichten waarbij "
                        "een andere variant de beste wordt (omslagpunten)."))
        blocks.append(T("Eén gewicht laten variëren: omslagpunten per gemeente",
                        ["Gemeente", "Criterium", "Huidig gewicht", "Beste bij huidig gewicht", "Omslagpunten"], sweep_rows))
        blocks += values
    return m.Section("gevoeligheid_gemeenten", "Gevoeligheid per gemeente", blocks, annex=True)


def _brief(text: str) -> str:
    """A finding in brief: its first clause when it goes on to list every case."""
    head, sep, _rest = text.partition(": ")
    return head + "." if sep and len(text) > 160 else text


def _quality_section(m, snapshot: dict):
    fnd = quality.findings(snapshot)
    return m.Section("datakwaliteit", "Kwaliteit en beperkingen", [
        m.Paragraph("Wat in deze onderbouwing nog ontbreekt of onzeker is, in het kort (een score zonder document of bron heet "
                    "'niet onderbouwd'; elke bevinding volledig: bijlage 'Datakwaliteit: alle bevindingen'):"),
        m.BulletList([_brief(f.text) for f in fnd] or ["Geen bevindingen."]),
    ])


def _quality_annex(m, snapshot: dict):
    fnd = quality.findings(snapshot)
    return m.Section("datakwaliteit_volledig", "Datakwaliteit: alle bevindingen", [
        m.BulletList([f.text for f in fnd] or ["Geen bevindingen."]),
    ], annex=True)


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
    return m.Section("verantwoording", "Verantwoording van de berekening", [m.BulletList(items)], annex=True)


def _house_style(trajectory):
    """The project organisation's house style (None: the neutral municipal style)."""
    if trajectory.project_organisation_id is None or not apps.is_installed("regiokompas.housestyle"):
        return None
    from regiokompas.housestyle.services import document_style

    return document_style(organisation=trajectory.project_organisation)


def _certainty(b) -> str:
    """How certain the outcome of a block is, in words."""
    order = b.ordered
    if len(order) < 2:
        return "Er is maar één variant."
    p, p2 = b.first(order[0]), b.first(order[1])
    spread = Z95 * math.hypot(b.first_se(order[0]) or 0, b.first_se(order[1]) or 0)
    if p - p2 <= spread:
        return f"Onzeker: {b.labels[order[0]]} en {b.labels[order[1]]} komen ongeveer even vaak als beste uit; er is geen duidelijke winnaar."
    if p >= 0.75:
        return "Vrij zeker: dit is een duidelijke voorkeur."
    if p >= 0.5:
        return "Redelijk, niet zeker: een voorkeur, maar in een flink deel van de gevallen is een andere variant beter."
    return "Onzeker: geen enkele variant is in de meerderheid van de gevallen de beste; de keuze hangt sterk af van de afweging."


def _summary_section(m, trajectory, run, reading, problem_error: str, snapshot: dict):
    """"Conclusie in het kort", for page 1: which variant comes out best (by name), how certain that
    is in words, whether the municipalities agree, and what would change the outcome."""
    P, B = m.Paragraph, m.BulletList
    if run is None:
        why = problem_error or "Er is nog geen analyse uitgevoerd."
        return m.Section("samenvatting", "Conclusie in het kort", [
            P(f"Dit rapport bevat nog geen conclusie: {why} De hoofdstukken hieronder beschrijven de vraag, de varianten, "
              "de criteria, de scores en de voorkeuren zoals ze nu zijn vastgelegd.")])
    b = reading.pooled or (reading.blocks[0] if reading.blocks else None)
    if b is None:
        return m.Section("samenvatting", "Conclusie in het kort", [P(reading.summary()[0])])
    names = {v["id"]: f"{reading.labels.get(v['id'], v['id'])} ({v['name']})" for v in snapshot.get("variants", [])}
    best, *rest = b.ordered
    who = "voor de gemeenten samen" if b.is_pooled else f"voor {b.name}"
    outcome = (f"{names.get(best, reading.labels[best])} komt {who} het vaakst als beste uit: in {formatting.percent(b.first(best))} van de "
               "doorgerekende situaties")
    if rest:
        outcome += f"; daarna {names.get(rest[0], reading.labels[rest[0]])} met {formatting.percent(b.first(rest[0]))}"
    items = [f"Uitkomst: {outcome}.", f"Hoe zeker: {_certainty(b)}"]
    if len(reading.municipalities) > 1:
        items.append(reading.summary()[1])
        consensus = reading.results.get("consensus")
        if isinstance(consensus, dict) and consensus.get("feasible") is False:
            items.append("Er is geen afweging die bij de voorkeuren van alle gemeenten tegelijk past: de uitkomst voor de gemeenten "
                         "samen is een gemiddelde, geen gedeelde afweging.")
    change = [x for x in (b.change_text(), _nearest_switch_text(b)) if x]
    unsupported = sum(1 for s in snapshot.get("scores", []) if not s.get("substantiated"))
    if unsupported:
        change.append(f"Betere onderbouwing van de scores: {unsupported} van de {len(snapshot.get('scores', []))} scores hebben "
                      "nog geen document of bron.")
    if change:
        items.append("Wat de uitkomst zou veranderen: " + " ".join(change))
    blocks = [B(items), P(
        "Hoe is dit bepaald? Elke variant is beoordeeld op een aantal criteria, met de onzekerheid in die beoordeling. Elke gemeente "
        "heeft aangegeven welke criteria zij belangrijker vindt. De berekening probeert vele combinaties van zulke afwegingen en "
        "beoordelingen en telt hoe vaak elke variant dan de beste is. De hoofdstukken hierna lichten dat toe; de technische "
        "uitwerking staat in de bijlagen.")]
    if run.illustrative:
        blocks.append(P("Let op: de analyse gebruikt illustratieve voorbeeldgegevens; deze conclusie laat zien hoe de analyse "
                        "werkt en is niet bruikbaar voor besluitvorming."))
    return m.Section("samenvatting", "Conclusie in het kort", blocks)


def _nearest_switch_text(b) -> str:
    found = b.nearest_switch()
    if not found:
        return ""
    crit, current, w, to = found
    verb = "stijgt" if w > current else "daalt"
    return (f"Als het gewicht van {b.criterion_names.get(crit, crit)} van {formatting.percent(current)} {verb} tot ongeveer {formatting.percent(w)} (de andere "
            f"gewichten naar verhouding), wordt {b.labels.get(to, to)} de beste.")


def quality_has_illustrative(snapshot: dict) -> bool:
    return any(x.get("illustrative") for key in ("variants", "criteria", "scores", "preferences") for x in snapshot.get(key, []))


def render_report(trajectory, fmt: str, run: AnalysisRun | None = None, *, problem_error: str = "", viewer=None) -> bytes:
    if fmt not in FORMATS:
        raise OptionsError(f"Onbekend formaat '{fmt}'. Kies uit: {', '.join(FORMATS)}.")
    document = build(trajectory, run, problem_error=problem_error, viewer=viewer)
    return rendered(document, fmt)


def rendered(document, fmt: str) -> bytes:
    """The document rendered, kept in Django's cache by its complete content: the same report
    downloaded again (same analysis, data, reader's view and day) is not laid out again."""
    from regiokompas import caching

    try:
        from regiokompas.documents.render import render
    except ImportError as exc:
        raise OptionsError("De documentmodule (regiokompas.documents) is niet beschikbaar; het rapport kan nu niet worden gemaakt.") from exc
    digest = hashlib.blake2b(repr(document).encode("utf-8"), digest_size=16).hexdigest()
    return caching.cached("options.report_file", (digest, fmt), lambda: render(document, fmt), versioned=False)


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
