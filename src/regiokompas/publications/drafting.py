"""Draft council information for a gate and a municipality from the register facts, and convert
between register Documents and the neutral document model."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from regiokompas import dutch, formatting
from regiokompas.accounts import permissions
from regiokompas.documents import model as dm
from regiokompas.register import constants as c
from regiokompas.register import query
from regiokompas.register.models import Decision, Document, Gate, Municipality, Role

ILLUSTRATIVE_NOTE = (
    "Dit stuk is opgesteld uit gegevens in Regiokompas waarvan een deel illustratief is (voorbeeldgegevens zonder bron). "
    "Controleer de feiten voordat u het stuk definitief maakt."
)



def short_name(municipality) -> str:
    """'Bergen (NH.)' -> 'Bergen': documents name a municipality as it calls itself."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", str(municipality)).strip()


BODY_PHRASE = {
    c.GoverningBodyKind.COLLEGE: "Het college van {name}",
    c.GoverningBodyKind.RAAD: "De gemeenteraad van {name}",
    c.GoverningBodyKind.BURGEMEESTER: "De burgemeester van {name}",
    c.GoverningBodyKind.ALGEMEEN_BESTUUR: "Het algemeen bestuur (voor {name})",
    c.GoverningBodyKind.DAGELIJKS_BESTUUR: "Het dagelijks bestuur (voor {name})",
    c.GoverningBodyKind.BESTUUR: "Het bestuur (voor {name})",
    c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG: "Het portefeuillehoudersoverleg (voor {name})",
}


def body_phrase(name: str, body_kind: str = c.GoverningBodyKind.COLLEGE) -> str:
    """'Het college van Bergen', 'De gemeenteraad van Bergen': a raad decision is never a college's."""
    return BODY_PHRASE.get(body_kind, BODY_PHRASE[c.GoverningBodyKind.COLLEGE]).format(name=name)


def body_noun(body_kind: str) -> str:
    """'het college', 'de gemeenteraad', 'het algemeen bestuur'."""
    if body_kind == c.GoverningBodyKind.COLLEGE:
        return "het college"
    if body_kind in (c.GoverningBodyKind.RAAD, c.GoverningBodyKind.BURGEMEESTER):
        return f"de {c.GoverningBodyKind(body_kind).label}"
    return f"het {c.GoverningBodyKind(body_kind).label}" if body_kind in c.GoverningBodyKind.values else "het bestuur"


def decision_sentence(name: str, outcome: str, subject: str, when: str, body_kind: str = c.GoverningBodyKind.COLLEGE) -> str:
    w = f" {when}" if when else ""
    who = body_phrase(name, body_kind)
    if outcome == c.Outcome.HOLD:
        return f"{who} heeft het besluit over '{subject}'{w} aangehouden."
    if outcome == c.Outcome.AGREE_WITH_CONDITIONS:
        return f"{who} heeft{w} onder voorwaarden ingestemd met '{subject}'."
    if outcome == c.Outcome.REJECT:
        return f"{who} heeft{w} niet ingestemd met '{subject}'."
    if outcome == c.Outcome.PROPOSED:
        return f"{who} heeft '{subject}'{w} aan de raad voorgesteld."
    if outcome == c.Outcome.NOTED:
        return f"{who} heeft{w} kennisgenomen van '{subject}'."
    if outcome == c.Outcome.NOT_YET_DECIDED:
        return f"{who} heeft over '{subject}' nog geen besluit genomen."
    return f"{who} heeft{w} ingestemd met '{subject}'."

TITLE_PHRASE = {
    c.Outcome.AGREE: "stemt in met",
    c.Outcome.AGREE_WITH_CONDITIONS: "stemt onder voorwaarden in met",
    c.Outcome.HOLD: "houdt het besluit aan over",
    c.Outcome.REJECT: "stemt niet in met",
    c.Outcome.PROPOSED: "stelt de raad voor:",
    c.Outcome.NOTED: "neemt kennis van",
}


def _date_text(d: dt.date | None, precision: str = c.DatePrecision.DAY) -> str:
    if d is None:
        return ""
    if precision in (c.DatePrecision.YEAR, c.DatePrecision.MONTH):
        return f"in {formatting.long_date(d, precision)}"
    return f"op {formatting.long_date(d)}"


def _names(ms) -> str:
    return dutch.enumerate_nl(short_name(m) for m in ms)


def _role(municipality: Municipality, kind: str, on: dt.date, trajectory=None) -> str:
    """Who held the role on ``on``, the date of the document (not the day it is drafted). A role for
    this trajectory goes before a general one. A role without an end date counts for one council term
    (four years) from its start: after that the register does not know, and the field stays empty."""
    from django.db.models import Q

    scope = Q(trajectory__isnull=True) | Q(trajectory=trajectory) if trajectory is not None else Q(trajectory__isnull=True)
    roles = sorted(Role.objects.filter(scope, municipality=municipality, kind=kind).select_related("person"),
                   key=lambda r: (r.trajectory_id is None, -(r.valid_from or dt.date.min).toordinal()))
    for r in roles:
        if r.valid_from and r.valid_from > on:
            continue
        if r.valid_to and r.valid_to < on:
            continue
        if r.valid_to is None and r.valid_from and (on - r.valid_from).days > 4 * 366:
            continue
        return r.person.name
    return ""


def _decision(gate: Gate, municipality: Municipality) -> Decision | None:
    """The decision that counts at the gate (the counting body's), else the latest of another body."""
    current = list(
        Decision.objects.filter(gate=gate, municipality=municipality, is_current=True)
        .select_related("governing_body", "gate")
        .prefetch_related("conditions")
        .order_by("-created")
    )
    return query.counting_decision(gate, current) or (current[0] if current else None)


# --- facts from the whole register, for every kind -----------------------------------------------

WGR_FORMS = {c.LegalForm.OPENBAAR_LICHAAM, c.LegalForm.BEDRIJFSVOERINGSORGANISATIE, c.LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
             c.LegalForm.CENTRUMGEMEENTEREGELING, c.LegalForm.REGELING_ZONDER_MEER}
PRIVATE_FORMS = {c.LegalForm.STICHTING, c.LegalForm.VERENIGING, c.LegalForm.NV, c.LegalForm.BV}
ILLUSTRATIEF = "illustratief (voorbeeldgegevens zonder bron)"


@dataclass
class CostLine:
    variant: str
    contribution: str
    difference: str


@dataclass
class Facts:
    gate: Gate
    municipality: Municipality
    today: dt.date
    name: str
    participants: list
    own: list  # this municipality's current decisions at the gate, oldest first
    others: list  # (municipality, decision) of the other participants
    undecided: list
    variants: list  # (name, legal form label or "")
    legal_forms: set
    analysis: str = ""
    analysis_illustrative: bool = False
    analysis_headline: str = ""
    costs: list = field(default_factory=list)
    cost_caption: str = ""
    cost_source: str = ""
    cost_key: str = ""
    exit_cost: str = ""
    consultations: list = field(default_factory=list)
    next_steps: list = field(default_factory=list)
    subject_docs: list = field(default_factory=list)
    illustrative: bool = False
    continuing: list = field(default_factory=list)
    not_continuing: list = field(default_factory=list)

    @property
    def single(self) -> bool:
        return len(self.participants) == 1

    @property
    def bodies(self) -> list[str]:
        return list(self.gate.bodies or [self.gate.counting_body_kind])

    @property
    def is_information(self) -> bool:
        return self.gate.kind == c.GateKind.INFORMATION


def _analysis(trajectory) -> tuple[str, bool, str]:
    """The outcome of the latest stored analysis run in plain Dutch with its margin, whether it is
    illustrative, and a one-line headline for page 1."""
    from regiokompas.options.interface import AnalysisRun, read

    run = AnalysisRun.objects.filter(trajectory=trajectory).order_by("-number").first()
    if run is None:
        return "", False, ""
    reading = read(run.problem, run.results, run.snapshot)
    block = reading.pooled or (reading.blocks[0] if reading.blocks else None)
    if block is None:
        return "", False, ""
    intro = ("De varianten zijn naast elkaar gelegd op de criteria die de gemeenten samen hebben gekozen. Omdat de scores "
             "en het belang van de criteria niet precies vaststaan, is de vergelijking vele duizenden keren doorgerekend "
             "met steeds andere, redelijke aannames. De uitkomst: ")
    text = block.conclusion(with_confidence=False)
    source = f" (Bron: analyse nr. {run.number} van {formatting.long_date(run.created_at.date())} in Regiokompas.)"
    best = block.labels[block.ordered[0]]
    headline = (f"In de vergelijking van de varianten komt {best} het vaakst als beste uit de bus; dat is een uitkomst "
                "met een marge, geen zekerheid.")
    return intro + text[:1].lower() + text[1:] + source, bool(run.illustrative), headline


def _costs(trajectory, municipality) -> dict:
    """This municipality's contribution per variant with its 90 % range, the exit cost and the key, from
    the finance app (empty when the trajectory has no cost model)."""
    from regiokompas.finance import build
    from regiokompas.finance.errors import FinanceError
    from regiokompas.finance.models import CostItem
    from regiokompas.finance.presentation import known, with_span

    settings = build.settings_of(trajectory)
    if settings is None:
        return {}
    try:
        result = build.compute(trajectory)
    except FinanceError:
        return {}
    code = municipality.cbs_code
    if code not in result["municipalities"]:
        return {}
    years = result["years"]
    lines = []
    for v in result["variants"].values():
        m = v["municipalities"].get(code)
        if m is None or not known(v):
            lines.append(CostLine(v["name"], "onbekend (nog geen kostenposten)", "–"))
            continue
        d = m["difference"]
        lines.append(CostLine(v["name"], with_span(m["horizon"]), with_span(d["horizon"]) if d else "–"))
    exit_text = ""
    try:
        first = next((vid for vid, v in result["variants"].items() if known(v)), None)
        if first is not None:
            effects = build.exit_effects(trajectory, result, leavers=[code], methods=("declining",))
            effect = (effects.get(first) or {}).get(code, {}).get("declining")
            if effect:
                u = effect.get("uncertainty")
                fee = with_span(u["fee_all"]) if u else with_span(None)
                exit_text = (f"Als {short_name(municipality)} in {result['variants'][first]['name']} per {effect['exit_year']} "
                             f"uittreedt, is de uittreedsom naar verwachting {fee} ({effect['method_label']}).")
    except FinanceError:
        exit_text = ""
    illustrative = bool(settings.illustrative or CostItem.objects.filter(variant__trajectory=trajectory, illustrative=True).exists())
    key = settings.structural_key
    return {
        "lines": lines,
        "caption": f"Bijdrage van {short_name(municipality)} per variant over {years[0]}–{years[-1]} "
                   "(verwachting met 90 %-bandbreedte; negatief verschil = goedkoper dan nu)",
        "source": ILLUSTRATIEF if illustrative else (settings.source or "kostenmodel van het traject in Regiokompas"),
        "key": str(key.name) if key is not None else "",
        "exit": exit_text,
        "illustrative": illustrative,
    }


def _consultations(gate, municipality) -> list[str]:
    """Works and client councils consulted at this gate: this municipality's own and the shared ones."""
    from django.db.models import Q

    from regiokompas.planning.models import Consultation

    lines = []
    mine = Q(body__employer_municipality__isnull=True) | Q(body__employer_municipality=municipality)
    for cons in Consultation.objects.filter(mine, gate=gate).select_related("body").order_by("requested", "pk"):
        body = str(cons.body)
        state = cons.get_outcome_display()
        due = f", advies uiterlijk {formatting.long_date(cons.due)}" if cons.due and not cons.received else ""
        got = f" op {formatting.long_date(cons.received)}" if cons.received else ""
        lines.append(f"{body} ({cons.get_kind_display()}): {state}{got}{due}.")
    return lines


def _next_steps(gate, municipality, today) -> list[str]:
    """The next gates with their bodies and planned dates, and the dates in the plan from the law."""
    from regiokompas.planning import constants as pc
    from regiokompas.planning.models import Milestone, Plan

    lines = []
    for later in gate.trajectory.gates.filter(ordinal__gt=gate.ordinal).order_by("ordinal")[:3]:
        who = dutch.enumerate_nl(body_noun(b) for b in (later.bodies or [later.counting_body_kind]))
        when = f", gepland {_date_text(later.planned_date)}" if later.planned_date else ""
        kind = "informatiemoment" if later.kind == c.GateKind.INFORMATION else "besluitmoment"
        lines.append(f"Volgend {kind}: '{later.title}' ({who}{when}).")
    plan = Plan.objects.filter(trajectory=gate.trajectory).first()
    if plan is not None and plan.current is not None:
        from django.db.models import Q

        milestones = (Milestone.objects.filter(version=plan.current, date__gte=today, kind=pc.MilestoneKind.LAW)
                      .filter(Q(municipality__isnull=True) | Q(municipality=municipality)).order_by("date")[:4])
        for ms in milestones:
            lines.append(f"{ms.title}: {formatting.long_date(ms.date)}.")
    return lines


def collect(gate: Gate, municipality: Municipality, today: dt.date) -> Facts:
    from regiokompas.options.interface import Variant

    trajectory = gate.trajectory
    state = query.trajectory_state(trajectory)
    result = state.results[gate.pk]
    own = list(Decision.objects.filter(gate=gate, municipality=municipality, is_current=True)
               .select_related("governing_body").prefetch_related("conditions").order_by("date", "created"))
    others = [(m, state.cell(gate, m).decision) for m in state.municipalities
              if m.pk != municipality.pk and state.cell(gate, m).decision is not None]
    variants = list(Variant.objects.filter(trajectory=trajectory).order_by("number").prefetch_related("components"))
    forms = set()
    for v in variants:
        if v.wgr_form:
            forms.add(v.wgr_form)
        forms.update(comp.form for comp in v.components.all() if comp.form in c.LegalForm.values)
    analysis, analysis_illustrative, headline = _analysis(trajectory)
    costs = _costs(trajectory, municipality)
    participants = [p.municipality for p in trajectory.participants.select_related("municipality").order_by("municipality__name")]
    facts = Facts(
        gate=gate, municipality=municipality, today=today, name=short_name(municipality), participants=participants,
        own=own, others=others, undecided=[m for m in result.undecided if m.pk != municipality.pk],
        variants=[(v.name, v.get_wgr_form_display() if v.wgr_form else "") for v in variants], legal_forms=forms,
        analysis=analysis, analysis_illustrative=analysis_illustrative, analysis_headline=headline,
        costs=costs.get("lines", []), cost_caption=costs.get("caption", ""), cost_source=costs.get("source", ""),
        cost_key=costs.get("key", ""), exit_cost=costs.get("exit", ""),
        consultations=_consultations(gate, municipality), next_steps=_next_steps(gate, municipality, today),
        subject_docs=list(permissions.public_documents(gate.subject_documents.all())),
    )
    facts.continuing, facts.not_continuing = list(result.continuing), list(result.not_continuing)
    facts.illustrative = bool(gate.illustrative or any(d.illustrative for d in own) or any(d.illustrative for _, d in others)
                              or analysis_illustrative or costs.get("illustrative"))
    return facts


def legal_basis(facts: Facts) -> list[str]:
    """The articles the competence rests on, derived from the gate's bodies and the variants' legal forms."""
    bodies = facts.bodies
    lines = []
    if facts.is_information:
        return [INFO_169]
    wgr = facts.legal_forms & WGR_FORMS
    private = facts.legal_forms & PRIVATE_FORMS
    if c.GoverningBodyKind.RAAD in bodies:
        if wgr:
            lines.append("artikel 1, eerste lid, Wet gemeenschappelijke regelingen (de raad treft, met andere gemeenten, "
                         "een gemeenschappelijke regeling)")
        lines.append("artikel 147, tweede lid, Gemeentewet (bevoegdheden tot regeling en bestuur die niet aan het college of "
                     "de burgemeester zijn toegekend, berusten bij de raad)")
    if c.GoverningBodyKind.COLLEGE in bodies:
        if wgr and c.GoverningBodyKind.RAAD in bodies:
            lines.append("artikel 1, tweede lid, Wet gemeenschappelijke regelingen (het college treft een regeling niet dan "
                         "na toestemming van de raad)")
        if private:
            lines.append("artikel 160, eerste lid, onder e, en tweede lid, Gemeentewet (het college besluit over deelneming in "
                         "een stichting, vereniging of vennootschap nadat de raad wensen en bedenkingen heeft kunnen uiten)")
        lines.append(COLLEGE_160)
    if c.GoverningBodyKind.RAAD not in bodies and not private:
        lines.append(INFO_169)
    return lines


COLLEGE_160 = ("artikel 160, eerste lid, Gemeentewet (het college is belast met het dagelijks bestuur en met de "
               "voorbereiding en uitvoering van raadsbesluiten)")
INFO_169 = ("artikel 169, tweede lid, Gemeentewet (het college geeft de raad alle inlichtingen die de raad voor de "
            "uitoefening van zijn taak nodig heeft)")


INTERNAL = re.compile(r"seed:|[\w-]+\.(?:json|ya?ml|csv|txt|docx?|pdf|py)\b|/[\w./-]+", re.IGNORECASE)


def public_source(text: str) -> str:
    """A source fit for a council document: internal references (seed ids, file names, paths) are left out."""
    text = (text or "").strip()
    return "" if not text or INTERNAL.search(text) else text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _who(facts: Facts) -> str:
    names = [short_name(m) for m in facts.participants]
    return dutch.municipalities(names)


def beslispunten(facts: Facts) -> list[str]:
    """The numbered points the raad is asked to decide, from the gate and the college's conditions."""
    title = f"'{facts.gate.title}'"
    if facts.is_information:
        return [f"kennis te nemen van de informatie over {title}"]
    if c.GoverningBodyKind.RAAD not in facts.bodies:
        if facts.legal_forms & PRIVATE_FORMS:
            return [f"geen wensen en bedenkingen te uiten over het ontwerpbesluit van het college over {title} "
                    "(artikel 160, tweede lid, Gemeentewet)"]
        return [f"kennis te nemen van het voorgenomen besluit van het college over {title}"]
    points = [f"in te stemmen met {title}"]
    conditions = [cond.text.strip() for d in facts.own if d.governing_body.kind == c.GoverningBodyKind.COLLEGE
                  for cond in d.conditions.all() if cond.text.strip()]
    for cond in conditions:
        points.append(f"daarbij als voorwaarde te stellen: {_lower_first(cond).rstrip('.')}")
    return points


def _cost_blocks(facts: Facts) -> list:
    P = dm.Paragraph
    if not facts.costs:
        return [P(f"Voor dit traject is (nog) geen kostenmodel vastgelegd; de financiële gevolgen voor {facts.name} zijn daarom nog niet "
                  "in bedragen te geven.")]
    blocks = [dm.Table(facts.cost_caption, ["Variant", f"Bijdrage {facts.name}", "Verschil met huidige situatie"],
                       [[x.variant, x.contribution, x.difference] for x in facts.costs])]
    if facts.cost_key:
        blocks.append(P(f"De kosten zijn over de gemeenten verdeeld met de verdeelsleutel '{facts.cost_key}'."))
    if facts.exit_cost:
        blocks.append(P(facts.exit_cost))
    blocks.append(P(f"Bron van de bedragen: {facts.cost_source or 'kostenmodel van het traject in Regiokompas'}."
                    if facts.cost_source != ILLUSTRATIEF else
                    "Let op: deze bedragen zijn illustratief; zij rusten op voorbeeldgegevens zonder bron."))
    return blocks


def _variant_blocks(facts: Facts) -> list:
    P, B = dm.Paragraph, dm.BulletList
    blocks = []
    if facts.variants:
        blocks.append(P(dutch.number(len(facts.variants), "Er is één variant uitgewerkt:",
                                     f"Er zijn {len(facts.variants)} varianten uitgewerkt:")))
        blocks.append(B([f"{n}{' (' + f + ')' if f else ''}" for n, f in facts.variants]))
    if facts.analysis:
        blocks.append(P(facts.analysis + (" Deze analyse is illustratief: zij rust op voorbeeldgegevens." if facts.analysis_illustrative else "")))
    return blocks


def _own_sentences(facts: Facts) -> list[str]:
    lines = []
    for d in facts.own:
        when = _date_text(d.date, d.date_precision)
        lines.append(decision_sentence(facts.name, d.outcome, facts.gate.title, when, d.governing_body.kind))
    return lines


def _other_lines(facts: Facts) -> list[str]:
    lines = []
    for m, d in facts.others:
        when = _date_text(d.date, d.date_precision)
        lines.append(f"{short_name(m)}: {d.get_outcome_display()} door {body_noun(d.governing_body.kind)}{' ' + when if when else ''}.")
    if facts.undecided:
        lines.append(f"Nog geen besluit bekend van {_names(facts.undecided)}.")
    return lines


def _who_continues(facts: Facts) -> list[str]:
    lines = []
    if facts.continuing:
        who = dutch.municipalities(short_name(m) for m in facts.continuing)
        lines.append(f"{who[:1].upper()}{who[1:]} {dutch.verb(len(facts.continuing), 'gaat', 'gaan')} verder.")
    if facts.not_continuing:
        n = len(facts.not_continuing)
        lines.append(f"{_names(facts.not_continuing)} {dutch.verb(n, 'gaat', 'gaan')} (nu) niet verder.")
    return lines


def _intro(facts: Facts) -> str:
    trajectory = facts.gate.trajectory
    aim = f" Het doel: {_lower_first(trajectory.aim.strip()).rstrip('.')}." if trajectory.aim.strip() else ""
    if facts.single:
        together = f"In het traject '{trajectory.name}' bereidt de gemeente {facts.name} een besluit voor.{aim}"
    else:
        together = f"In het traject '{trajectory.name}' werken {_who(facts)} samen.{aim}"
    kind = "informatiemoment" if facts.is_information else "besluitmoment"
    planned = f", gepland {_date_text(facts.gate.planned_date)}" if facts.gate.planned_date else ""
    who = dutch.enumerate_nl(body_noun(b) for b in facts.bodies)
    return f"{together} Dit stuk gaat over het {kind} '{facts.gate.title}' ({who}{planned})."


def _header(facts: Facts, title: str) -> dict:
    trajectory = facts.gate.trajectory
    header = {
        "datum": formatting.long_date(facts.today), "aan": "de gemeenteraad", "van": "het college van burgemeester en wethouders",
        "onderwerp": title,
        "portefeuillehouder": _role(facts.municipality, c.RoleKind.PORTEFEUILLEHOUDER, facts.today, trajectory),
        "contact": _role(facts.municipality, c.RoleKind.CONTACT, facts.today, trajectory),
    }
    return {k: v for k, v in header.items() if v}


def _bijlagen(facts: Facts) -> list[str]:
    return [d.title for d in facts.subject_docs]


def draft_raadsvoorstel(facts: Facts) -> dm.Document:
    P, B, S = dm.Paragraph, dm.BulletList, dm.Section
    trajectory = facts.gate.trajectory
    title = f"{trajectory.name}: {facts.gate.title}"
    points = beslispunten(facts)
    argumenten = []
    if facts.analysis:
        argumenten.append(facts.analysis_headline or "De vergelijking van de varianten geeft richting; zie de paragraaf over de varianten hieronder.")
    agreeing = [m for m, d in facts.others if d.outcome in c.AGREEING]
    if agreeing:
        argumenten.append(f"{_names(agreeing)} {dutch.verb(len(agreeing), 'heeft', 'hebben')} al ingestemd.")
    for d in facts.own:
        if d.motivation.strip():
            argumenten.append(d.motivation.strip())
    if not argumenten:
        argumenten.append("Met dit besluit kan het traject volgens de afgesproken planning verder.")
    kanttekeningen = []
    if facts.undecided:
        kanttekeningen.append(f"{_names(facts.undecided)} {dutch.verb(len(facts.undecided), 'heeft', 'hebben')} nog niet besloten; "
                              "de uitkomst voor de samenwerking als geheel staat daarom nog niet vast.")
    if facts.costs:
        kanttekeningen.append("De bedragen zijn verwachtingen met een bandbreedte: de werkelijke kosten kunnen binnen (en in "
                              "uitzonderlijke gevallen buiten) die marge uitvallen.")
    if facts.illustrative:
        kanttekeningen.append("Een deel van de gegevens in dit voorstel is illustratief (voorbeeldgegevens zonder bron) en moet "
                              "vóór besluitvorming worden gecontroleerd.")
    if not kanttekeningen:
        kanttekeningen.append("Er zijn geen bijzondere risico's bekend.")
    communicatie = ("Na het besluit informeert het college de projectorganisatie." if facts.single else
                    f"Na het besluit informeert het college de andere deelnemende gemeenten ({_names([m for m in facts.participants if m.pk != facts.municipality.pk])}) "
                    "en de projectorganisatie.")
    sections = [
        S("voorstel", "Voorgesteld besluit", [P("De raad wordt voorgesteld:"), B(points, ordered=True)]),
        S("inleiding", "Inleiding", [P(_intro(facts))]),
        S("beoogd_effect", "Beoogd effect", [P(
            "De raad is geïnformeerd over het voorgenomen besluit en kan zijn rol daarin vervullen." if c.GoverningBodyKind.RAAD not in facts.bodies
            else f"Met dit besluit legt de raad vast of en onder welke voorwaarden {facts.name} in het traject verder gaat.")]),
        S("argumenten", "Argumenten", [B(argumenten, ordered=True)]),
    ]
    variant_blocks = _variant_blocks(facts)
    if variant_blocks:
        sections.append(S("analyse", "Varianten en vergelijking", variant_blocks))
    sections += [
        S("kanttekeningen", "Kanttekeningen en risico's", [B(kanttekeningen)]),
        S("financien", "Financiële consequenties", _cost_blocks(facts)),
        S("communicatie", "Communicatie", [P(communicatie)] + ([P("Medezeggenschap en adviesraden:"), B(facts.consultations)]
                                                                 if facts.consultations else [])),
        S("uitvoering", "Uitvoering en planning", [B(facts.next_steps)] if facts.next_steps else
          [P("Er zijn na dit moment geen verdere besluitmomenten gepland.")]),
        S("bevoegdheid", "Bevoegdheid", [B([_lower_first(x[:1].upper() + x[1:]) for x in legal_basis(facts)])]),
    ]
    if _bijlagen(facts):
        sections.append(S("bijlagen", "Bijlagen", [B(_bijlagen(facts))]))
    return dm.Document(kind="raadsvoorstel", title=title, organisation=f"gemeente {facts.name}", status="concept",
                       header=_header(facts, title), sections=sections, attachments=_bijlagen(facts),
                       illustrative_note=ILLUSTRATIVE_NOTE if facts.illustrative else None)


def _article(line: str) -> str:
    return line.split(" (")[0]


def draft_raadsbesluit(facts: Facts) -> dm.Document:
    P, B, S = dm.Paragraph, dm.BulletList, dm.Section
    trajectory = facts.gate.trajectory
    title = f"{trajectory.name}: {facts.gate.title}"
    points = [p[:1].upper() + p[1:] + "." for p in beslispunten(facts)]
    # the raad's own grounds: the college's competence (art. 160, first paragraph) is not the raad's
    articles = dutch.enumerate_nl(_article(x) for x in legal_basis(facts) if x != COLLEGE_160)
    meeting = _date_text(facts.gate.planned_date).removeprefix("op ") if facts.gate.planned_date else "…"
    griffier = _role(facts.municipality, c.RoleKind.GRIFFIER, facts.today, trajectory)
    sections = [
        S("formule", "", [
            P(f"De raad van de gemeente {facts.name};"),
            P(f"gelezen het voorstel van burgemeester en wethouders van {formatting.long_date(facts.today)};"),
            P(f"gelet op {articles};"),
            P("besluit:"),
            B(points, ordered=True),
        ]),
        S("ondertekening", "", [
            P(f"Aldus besloten in de openbare vergadering van de raad van de gemeente {facts.name} van {meeting}."),
            P("de griffier," + (f" {griffier}" if griffier else "")),
            P("de voorzitter,"),
        ]),
    ]
    return dm.Document(kind="raadsbesluit", title=title, organisation=f"gemeente {facts.name}", status="concept",
                       header={"onderwerp": title}, sections=sections, attachments=[],
                       illustrative_note=ILLUSTRATIVE_NOTE if facts.illustrative else None)


def draft_information(facts: Facts, kind: str) -> dm.Document:
    """Raadsmemo, raadsinformatiebrief or digitale nieuwsbrief: what was decided and by whom, what the
    other municipalities decided, the variants and the analysis, the costs, the consultations and what follows."""
    P, B, S = dm.Paragraph, dm.BulletList, dm.Section
    trajectory = facts.gate.trajectory
    own = _own_sentences(facts)
    if not own:
        own = [f"{body_phrase(facts.name, facts.gate.counting_body_kind)} heeft over '{facts.gate.title}' nog geen besluit genomen."]
    last = facts.own[-1] if facts.own else None
    body_kind = last.governing_body.kind if last is not None else facts.gate.counting_body_kind
    body_word = {c.GoverningBodyKind.RAAD: "raad", c.GoverningBodyKind.COLLEGE: "college"}.get(
        body_kind, str(c.GoverningBodyKind(body_kind).label) if body_kind in c.GoverningBodyKind.values else "bestuur")
    kern = [P(_intro(facts)), P(" ".join(own))]
    if facts.analysis_headline:
        kern.append(P(facts.analysis_headline))
    if facts.costs:
        kern.append(P(f"Wat de samenwerking {facts.name} kost, verschilt per variant; de bedragen met hun marge staan onder 'Financiën'."))
    toelichting = []
    for d in facts.own:
        if d.motivation.strip():
            toelichting.append(P(d.motivation.strip()))
        conds = [cond.text for cond in d.conditions.all()]
        if conds:
            toelichting.append(P(dutch.number(len(conds), "Voorwaarde voor het vervolg:", "Voorwaarden voor het vervolg:")))
            toelichting.append(B(conds))
    if kind == "digitale_nieuwsbrief":
        verb = TITLE_PHRASE.get(last.outcome, "besluit over") if last is not None else "besluit nog over"
        title = f"{facts.name} {verb} {_lower_first(facts.gate.title)}"
        header = {"onderwerp": title}
        sections = [S("kernboodschap", "Kernboodschap", kern)]
    else:
        title = f"{trajectory.name}: {facts.gate.title}"
        header = _header(facts, title)
        header["aan"], header["van"] = "Gemeenteraad", "College"
        sections = [
            S("aanleiding", "Aanleiding", [P("Op initiatief van het college, als onderdeel van de actieve informatieplicht "
                                             "(artikel 169 Gemeentewet).")]),
            S("kernboodschap", "Kernboodschap", kern),
        ]
    if toelichting:
        sections.append(S("besluit", f"Toelichting op het besluit van de {body_word}" if body_word == "raad" else
                          f"Toelichting op het besluit van het {body_word}", toelichting))
    others = _other_lines(facts)
    if others and not facts.single:
        sections.append(S("tekst", dutch.number(len(facts.participants) - 1, "De andere gemeente", "De andere gemeenten"), [B(others)]))
    variant_blocks = _variant_blocks(facts)
    if variant_blocks:
        sections.append(S("analyse", "Varianten en vergelijking", variant_blocks))
    if facts.costs:
        sections.append(S("financien", "Financiën", _cost_blocks(facts)))
    if facts.consultations:
        sections.append(S("participatie", "Medezeggenschap en adviesraden", [B(facts.consultations)]))
    sections.append(S("vervolg", "Vervolg", [P(x) for x in _who_continues(facts)] + ([B(facts.next_steps)] if facts.next_steps else []) +
                      [P("Wij houden u op de hoogte.")]))
    attachments = _bijlagen(facts) if kind != "digitale_nieuwsbrief" else []
    if attachments:
        sections.append(S("bijlagen", "Bijlagen", [B(attachments)]))
    return dm.Document(kind=kind, title=title, organisation=f"gemeente {facts.name}", status="concept", header=header,
                       sections=sections, attachments=attachments,
                       illustrative_note=ILLUSTRATIVE_NOTE if facts.illustrative else None)


KINDS = ("raadsvoorstel", "raadsbesluit", "memo", "raadsinformatiebrief", "digitale_nieuwsbrief")


def draft(gate: Gate, municipality: Municipality, kind: str, *, today: dt.date | None = None) -> dm.Document:
    """A concept council document of ``kind`` about ``gate`` for ``municipality``, written from the whole
    register; ``today`` is the date of the document (who held the portfolio then)."""
    if kind not in KINDS:
        raise ValueError(kind)
    facts = collect(gate, municipality, today or dt.date.today())
    if kind == "raadsvoorstel":
        return draft_raadsvoorstel(facts)
    if kind == "raadsbesluit":
        return draft_raadsbesluit(facts)
    return draft_information(facts, kind)


def to_model(document: Document, *, viewer=None) -> dm.Document:
    """A stored register Document as the neutral document model (for rendering to ``viewer``; without
    a viewer the reader is the raad or the public, and only public attachments are named)."""
    sections = [dm.Section.from_text(s.type, s.heading, s.text) for s in document.sections.order_by("order")]
    attachments = []
    for s in sections:
        if s.type == "bijlagen":
            for b in s.blocks:
                if isinstance(b, dm.BulletList):
                    attachments.extend(str(x) for x in b.items if not isinstance(x, dm.BulletList))
    if not attachments:
        attachments = [a.title for a in permissions.documents_for_reader(viewer, document.attachments.all())]
    organisation = ""
    if document.issuer_municipality_id:
        organisation = f"gemeente {short_name(document.issuer_municipality)}"
    elif document.issuer_organisation_id:
        organisation = str(document.issuer_organisation)
    header = {k: str(v) for k, v in (document.header or {}).items() if v not in (None, "")}
    note = document.header.get("_illustrative_note") if isinstance(document.header, dict) else None
    header.pop("_illustrative_note", None)
    if document.illustrative and not note:
        note = ILLUSTRATIVE_NOTE
    return dm.Document(
        kind=document.kind if document.kind in dm.KIND_LABELS else "other",
        title=document.title,
        organisation=organisation,
        status=document.status,
        header=header,
        sections=sections,
        attachments=attachments,
        illustrative_note=note,
        style=house_style(municipality=document.issuer_municipality, organisation=document.issuer_organisation),
    )


def house_style(*, municipality=None, organisation=None):
    """The issuer's house style for the renderers (None: the neutral municipal style)."""
    from django.apps import apps

    if not apps.is_installed("regiokompas.housestyle"):
        return None
    from regiokompas.housestyle.services import document_style

    return document_style(municipality=municipality, organisation=organisation)


def section_inputs(document: dm.Document):
    from regiokompas.register.services import SectionInput

    return [SectionInput(type=s.type, heading=s.heading, text=s.text) for s in document.sections]
