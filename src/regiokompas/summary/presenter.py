"""The summary of one trajectory for one municipality ("Wat betekent dit voor onze gemeente"), for a
council member: pure functions that read the register and build a :class:`MunicipalitySummary`.
The template only prints it; it runs no queries.

Every figure carries its source or is labelled illustratief; internal ids, file names and internal
notes (gate descriptions, participant notes, motivations) never appear."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, field

from django.core.cache import cache

from regiokompas import dutch, formatting
from regiokompas.register import constants as c
from regiokompas.register import query
from regiokompas.register.models import Municipality, Trajectory

# --- small helpers ------------------------------------------------------------------------------------

_SEED = re.compile(r"^seed:\S+\s*(?:\((?P<label>[^)]*)\))?\s*(?P<rest>.*)$")
_INTERNAL = re.compile(r"seed:|brondocument|[\w-]+\.(?:json|ya?ml|csv|txt|docx?|pdf|py|md)\b|(?<![:/\w])/[\w./-]+", re.IGNORECASE)

BODY_SUBJECT = {
    c.GoverningBodyKind.RAAD: "de gemeenteraad",
    c.GoverningBodyKind.COLLEGE: "het college van B&W",
    c.GoverningBodyKind.BURGEMEESTER: "de burgemeester",
    c.GoverningBodyKind.ALGEMEEN_BESTUUR: "het algemeen bestuur",
    c.GoverningBodyKind.DAGELIJKS_BESTUUR: "het dagelijks bestuur",
    c.GoverningBodyKind.BESTUUR: "het bestuur",
    c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG: "het portefeuillehoudersoverleg",
}

# the finite verb and the rest, so that a date can lead the sentence ("In mei 2012 hield het college ... aan")
OUTCOME_VERB = {
    c.Outcome.AGREE: ("stemde", "in"),
    c.Outcome.AGREE_WITH_CONDITIONS: ("stemde", "onder voorwaarden in"),
    c.Outcome.HOLD: ("hield", "het besluit aan"),
    c.Outcome.REJECT: ("stemde", "niet in (pas op de plaats)"),
    c.Outcome.NOT_YET_DECIDED: ("heeft", "nog niet besloten"),
    c.Outcome.PROPOSED: ("stelde", "het besluit voor aan de raad"),
    c.Outcome.NOTED: ("nam", "kennis"),
}


def public_source(value: str) -> str:
    """A source as a council member may read it: a source document of the example reads as its label
    ("memo …, 29 mei 2012"); file names, paths and internal ids are left out ("" if nothing is left)."""
    text = " ".join((value or "").split())
    if not text:
        return ""
    match = _SEED.match(text)
    if match:
        text = "; ".join(x for x in (match["label"] or "", match["rest"] or "") if x.strip())
    text = re.sub(r"(?:\s*;\s*)+", "; ", text).strip(" ;")
    return "" if not text or _INTERNAL.search(text) else text


def when(day: dt.date | None, precision: str = c.DatePrecision.DAY) -> str:
    """'op 3 april 2012', 'in april 2012', 'in 2012' or '(datum onbekend)'."""
    if day is None or precision == c.DatePrecision.UNKNOWN:
        return "(datum onbekend)"
    text = formatting.long_date(day, precision, missing=formatting.UNKNOWN_DATE)
    return f"op {text}" if precision == c.DatePrecision.DAY else f"in {text}"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _out_of_ten(p: float) -> str:
    return f"{round(p * 10)} van de 10"


# --- the summary --------------------------------------------------------------------------------------


@dataclass
class Sourced:
    text: str
    source: str = ""
    illustrative: bool = False


@dataclass
class DecisionLine:
    gate: str
    sentence: str
    source: str = ""
    illustrative: bool = False


@dataclass
class ConditionLine:
    text: str
    gate: str
    category: str
    since: str
    source: str = ""
    illustrative: bool = False


@dataclass
class Preferred:
    variant: str
    sentence: str
    certainty: str
    changes: list[str]
    source: str
    illustrative: bool
    variant_id: str
    scope: str  # "gemeente" (this municipality's own preferences) or "regio" (all municipalities together)


@dataclass
class CostLine:
    variant: str
    preferred: bool
    expected: str
    band: str
    current: str
    difference: str
    cheaper: str


@dataclass
class ExitLine:
    variant: str
    method: str
    year: int
    fee: str
    band: str


@dataclass
class Costs:
    period: str
    lines: list[CostLine]
    exits: list[ExitLine]
    unknown: list[str]
    source: str
    illustrative: bool
    note: str = ""


@dataclass
class AdviceLine:
    body: str
    subject: str
    sentence: str
    source: str = ""
    illustrative: bool = False


@dataclass
class NextLine:
    date: dt.date | None
    when: str
    text: str
    source: str = ""
    illustrative: bool = False


@dataclass
class MunicipalitySummary:
    trajectory: Trajectory
    municipality: Municipality
    today: dt.date
    trajectory_status: str
    standing: list[Sourced]
    participation: str
    decisions: list[DecisionLine] = field(default_factory=list)
    conditions: list[ConditionLine] = field(default_factory=list)
    preferred: Preferred | None = None
    preferred_note: str = ""
    costs: Costs | None = None
    costs_note: str = ""
    advice: list[AdviceLine] = field(default_factory=list)
    informed: list[Sourced] = field(default_factory=list)
    next_steps: list[NextLine] = field(default_factory=list)

    @property
    def conditions_heading(self) -> str:
        n = len(self.conditions)
        return "Open voorwaarden" if n == 0 else f"{dutch.count(n, 'open voorwaarde', 'open voorwaarden').capitalize()}"

    @property
    def decisions_heading(self) -> str:
        return "Besluiten van college en raad" if len(self.decisions) != 1 else "Besluit van college of raad"

    @property
    def illustrative(self) -> bool:
        return bool((self.preferred and self.preferred.illustrative) or (self.costs and self.costs.illustrative)
                    or any(x.illustrative for x in [*self.decisions, *self.conditions, *self.advice, *self.next_steps]))


def build(trajectory: Trajectory, municipality: Municipality, *, today: dt.date | None = None,
          can_see_analysis: bool = True) -> MunicipalitySummary:
    """The summary of ``trajectory`` for ``municipality`` (a participant; the view checks that)."""
    today = today or dt.date.today()
    state = query.trajectory_state(trajectory)
    summary = MunicipalitySummary(
        trajectory=trajectory, municipality=municipality, today=today,
        trajectory_status=str(c.TrajectoryStatus(trajectory.status).label) if trajectory.status in c.TrajectoryStatus.values else "",
        standing=_standing(state, municipality), participation=_participation(state, municipality),
        decisions=_decisions(state, municipality), conditions=_conditions(trajectory, municipality),
        advice=_advice(trajectory, municipality), informed=_informed(trajectory, municipality),
        next_steps=_next_steps(state, municipality, today),
    )
    if can_see_analysis:
        summary.preferred, summary.preferred_note = _preferred(trajectory, municipality)
        summary.costs, summary.costs_note = _costs(trajectory, municipality,
                                                   summary.preferred.variant_id if summary.preferred else "")
    else:
        summary.preferred_note = summary.costs_note = "Alleen zichtbaar voor wie aan het traject deelneemt."
    return summary


# --- where the trajectory stands ----------------------------------------------------------------------


def _last_decided(state) -> int | None:
    """Index of the last gate whose outcome is known (passed, stopped, held, information)."""
    last = None
    for i, g in enumerate(state.gates):
        if state.results[g.pk].status != c.GateStatus.OPEN:
            last = i
    return last


def _standing(state, municipality) -> list[Sourced]:
    lines = []
    gates = state.gates
    if not gates:
        return [Sourced("Er zijn nog geen besluitmomenten vastgelegd.")]
    last = _last_decided(state)
    n = len(gates)
    if last is None:
        lines.append(Sourced(f"Het traject heeft {dutch.count(n, 'besluitmoment', 'besluitmomenten')}; "
                             f"{dutch.number(n, 'dat is', 'geen daarvan is')} nog niet afgerond."))
    else:
        g = gates[last]
        r = state.results[g.pk]
        lines.append(Sourced(f"Besluitmoment {last + 1} van {n}, '{g.title}', is {r.status_label}. {r.explanation}",
                             public_source(g.source), g.illustrative))
    current = next((g for g in gates[(last + 1 if last is not None else 0):] if state.results[g.pk].status == c.GateStatus.OPEN), None)
    if current is not None:
        r = state.results[current.pk]
        day = current.planned_date or current.deadline
        planned = f", gepland {when(day, current.planned_date_precision if current.planned_date else c.DatePrecision.DAY)}" if day else ", nog zonder datum"
        lines.append(Sourced(f"Nu aan de orde: '{current.title}'{planned}. {r.explanation}"))
    return lines


def _participation(state, municipality) -> str:
    if not state.gates:
        return f"{municipality.name} neemt deel aan het traject."
    cell = state.cell(state.gates[-1], municipality)
    name = municipality.name
    return {
        c.ParticipationStatus.ACTIVE: f"{name} neemt deel aan het traject" + (" (weer aangesloten na een pauze)." if cell.returned else "."),
        c.ParticipationStatus.JOINED_LATER: f"{name} is later bij het traject aangesloten en neemt deel.",
        c.ParticipationStatus.PAUSED: f"{name} heeft pas op de plaats gemaakt: de gemeente doet (voorlopig) niet mee, maar is niet uitgetreden.",
        c.ParticipationStatus.WITHDRAWN: f"{name} is uit het traject getreden.",
        c.ParticipationStatus.NOT_INVOLVED: f"{name} is (nog) niet bij het traject betrokken.",
        c.ParticipationStatus.MERGED: f"{name} is opgegaan in een fusiegemeente.",
    }.get(cell.status, f"{name}: {cell.status_label}.")


def _decisions(state, municipality) -> list[DecisionLine]:
    out = []
    for g in state.gates:
        for d in state.cell(g, municipality).decisions:
            kind = d.governing_body.kind
            subject = BODY_SUBJECT.get(kind, str(d.governing_body))
            finite, rest = OUTCOME_VERB.get(d.outcome, ("besloot", f"'{d.get_outcome_display()}'"))
            if d.outcome == c.Outcome.REJECT and d.withdraws:
                rest = "niet in en trad uit het traject"
            n = len(d.conditions.all())
            extra = f", met {dutch.count(n, 'voorwaarde', 'voorwaarden')}" if n else ""
            moment = when(d.date, d.date_precision)
            if d.date is None or d.date_precision == c.DatePrecision.UNKNOWN:
                sentence = f"{_first_upper(subject)} {finite} {rest}{extra} (datum onbekend)."
            else:
                sentence = f"{_first_upper(moment)} {finite} {subject} {rest}{extra}."
            out.append(DecisionLine(g.title, sentence,
                                    public_source(d.source), d.illustrative))
    return out


def _conditions(trajectory, municipality) -> list[ConditionLine]:
    out = []
    for cond in query.open_conditions(trajectory).get(municipality, []):
        d = cond.decision
        out.append(ConditionLine(cond.text, d.gate.title, str(c.ConditionCategory(cond.category).label)
                                 if cond.category in c.ConditionCategory.values else cond.category,
                                 f"gesteld {when(d.date, d.date_precision)}", public_source(cond.source or d.source),
                                 cond.illustrative or d.illustrative))
    return out


# --- analysis -----------------------------------------------------------------------------------------


def certainty_words(block, best: str) -> str:
    """How sure the preference is, in words, from the first-rank acceptability and its margin."""
    order = block.ordered
    p, se = block.first(best), block.first_se(best)
    if len(order) < 2:
        return "Er is maar één variant doorgerekend."
    second = order[1]
    p2, se2 = block.first(second), block.first_se(second)
    if p - p2 <= 1.96 * math.hypot(se or 0, se2 or 0):
        return (f"Geen duidelijke winnaar: het verschil met {block.labels[second]} ({_out_of_ten(p2)}) valt binnen de "
                "rekenonzekerheid.")
    if p >= 0.75:
        return f"Dat is een duidelijke voorkeur; {block.labels[second]} volgt met {_out_of_ten(p2)}."
    if p >= 0.5:
        return f"Dat is een voorkeur, maar geen zekerheid; {block.labels[second]} volgt met {_out_of_ten(p2)}."
    return ("Geen enkele variant is in de meeste doorrekeningen de beste: de keuze hangt sterk af van de weging en "
            f"de onzekere scores; {block.labels[second]} volgt met {_out_of_ten(p2)}.")


def _preferred(trajectory, municipality) -> tuple[Preferred | None, str]:
    from regiokompas.options.interface import AnalysisRun, margin, read

    run = AnalysisRun.objects.filter(trajectory=trajectory).order_by("-number").first()
    if run is None:
        return None, "Er is nog geen analyse van de varianten uitgevoerd."
    reading = read(run.problem, run.results, run.snapshot)
    block = next((b for b in reading.municipalities if b.id == municipality.cbs_code), None)
    scope = "gemeente"
    if block is None:
        block, scope = reading.pooled, "regio"
    if block is None or not block.alternatives:
        return None, f"De laatste analyse (analyse {run.number}) bevat geen uitkomst voor {municipality.name}."
    best = block.preferred
    names = {a["id"]: a.get("name", a["id"]) for a in run.problem.get("alternatives", [])}
    block.labels = {**block.labels, **names}
    p, se = block.first(best), block.first_se(best)
    who = f"met de voorkeuren van {municipality.name}" if scope == "gemeente" else \
        f"met de voorkeuren van alle gemeenten samen ({municipality.name} heeft geen eigen voorkeuren opgegeven)"
    sentence = (f"{block.labels[best]} is {who} in {_out_of_ten(p)} doorrekeningen de beste "
                f"(marge {margin(se)}).")
    changes = [line for line in [block.change_text()] if line]
    source = f"Analyse {run.number} van {formatting.long_date(run.created_at.date())} ({run.samples} doorrekeningen, methode SMAA-2)"
    illustrative = bool(run.illustrative)
    return Preferred(block.labels[best], sentence, certainty_words(block, best), changes, source, illustrative, best, scope), ""


# --- costs --------------------------------------------------------------------------------------------


def _cached(trajectory, kind: str, compute):
    """A cost computation is deterministic in its inputs. Every change of the register goes through a
    service function that writes an audit entry, so the newest audit entry (id and time) marks the
    state of the inputs: the result is kept in Django's cache under that mark."""
    from regiokompas.audit.models import AuditEntry

    mark = AuditEntry.objects.order_by("-pk").values_list("pk", "timestamp").first()
    digest = hashlib.sha256(json.dumps([trajectory.pk, trajectory.slug, mark], default=str).encode()).hexdigest()
    key = f"regiokompas:summary:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 24 * 3600)
    return value


def _costs(trajectory, municipality, preferred_id: str = "") -> tuple[Costs | None, str]:
    from regiokompas.finance import build as fb
    from regiokompas.finance.errors import FinanceError
    from regiokompas.finance.models import CostItem, CurrentCost

    settings = fb.settings_of(trajectory)
    if settings is None:
        return None, "Voor dit traject is nog geen kostenmodel vastgelegd."
    code = municipality.cbs_code
    try:
        result = _cached(trajectory, "costs", lambda: fb.compute(trajectory))
    except FinanceError as exc:
        return None, exc.message
    if code not in result.get("municipalities", {}):
        return None, f"{municipality.name} staat niet in het kostenmodel van dit traject."
    current = CurrentCost.objects.filter(trajectory=trajectory, municipality=municipality).first()
    lines, unknown = [], []
    year_list = list(result.get("years") or [])
    start = year_list[0] if year_list else settings.start_year
    years = len(year_list) or settings.years
    for vid, v in result["variants"].items():
        if not v.get("known", True):
            unknown.append(v["name"])
            continue
        entry = v["municipalities"].get(code)
        if entry is None:
            continue
        h = entry["horizon"]
        diff = entry.get("difference") or {}
        dh = diff.get("horizon") or {}
        cheaper = diff.get("probability_cheaper")
        lines.append(CostLine(
            v["name"], vid == preferred_id, formatting.euro(h.get("mean"), missing="onbekend"), f"{formatting.euro(h.get('p05'), missing='onbekend')} – {formatting.euro(h.get('p95'), missing='onbekend')}",
            formatting.euro(h["mean"] - dh["mean"], missing="onbekend") if dh.get("mean") is not None and h.get("mean") is not None else "onbekend",
            (("meer dan nu: " if dh.get("mean", 0) > 0 else "minder dan nu: ") + formatting.euro(abs(dh["mean"]), missing="onbekend")) if dh.get("mean") is not None else "onbekend",
            f"{_out_of_ten(cheaper)}" if cheaper is not None else "–"))
    exits = []
    if len(result.get("coalition", [])) > 1 and code in result.get("coalition", []):
        try:
            effects = _cached(trajectory, f"exit-{code}", lambda: fb.exit_effects(trajectory, result, leavers=[code]))
        except FinanceError:
            effects = {}
        # the preferred variant's exit costs (every variant's if there is no preferred one; the rest on the finance pages)
        shown = [vid for vid in effects if vid == preferred_id] or list(effects)
        for vid in shown:
            for e in (effects[vid].get(code) or {}).values():
                u = e["uncertainty"]["fee_all"]
                exits.append(ExitLine(result["variants"][vid]["name"], e["method_label"], e["exit_year"], formatting.euro(u["mean"], missing="onbekend"),
                                      f"{formatting.euro(u['p05'], missing='onbekend')} – {formatting.euro(u['p95'], missing='onbekend')}"))
    illustrative = bool(settings.illustrative or CostItem.objects.filter(variant__trajectory=trajectory, illustrative=True).exists()
                        or (current and current.illustrative))
    sources = [s for s in (public_source(settings.source), public_source(current.source) if current else "") if s]
    return Costs(f"{years} jaar ({start}–{start + years - 1})", lines, exits, unknown,
                 "; ".join(dict.fromkeys(sources)) or "kostenmodel van het traject", illustrative), ""


# --- works council, client council, council ----------------------------------------------------------


def _advice(trajectory, municipality) -> list[AdviceLine]:
    from django.db.models import Q

    from regiokompas.planning import constants as pc
    from regiokompas.planning.models import Consultation

    kinds = {pc.BodyKind.OR, pc.BodyKind.BOR, pc.BodyKind.CLIENT_COUNCIL, pc.BodyKind.ADVISORY_COUNCIL}
    qs = (Consultation.objects.filter(body__trajectory=trajectory, body__kind__in=kinds)
          .filter(Q(body__employer_municipality=municipality) | Q(body__employer_municipality__isnull=True))
          .select_related("body", "gate").order_by("requested", "pk"))
    out = []
    for cons in qs:
        outcome = cons.outcome
        if outcome == pc.AdviceOutcome.PENDING:
            parts = [f"gevraagd {when(cons.requested)}" if cons.requested else "nog niet gevraagd"]
            if cons.due:
                parts.append(f"advies uiterlijk {when(cons.due)}")
            sentence = "Nog geen advies: " + ", ".join(parts) + "."
        else:
            sentence = f"Advies: {cons.get_outcome_display()}" + (f", ontvangen {when(cons.received)}" if cons.received else "") + "."
            if cons.deviates:
                sentence += " Het college wijkt af van dit advies."
        out.append(AdviceLine(f"{cons.body.name} ({cons.body.get_kind_display()})", cons.subject, sentence,
                              public_source(cons.source), cons.illustrative))
    return out


def _informed(trajectory, municipality) -> list[Sourced]:
    from django.db.models import Q

    from regiokompas.accounts import permissions
    from regiokompas.planning.models import CouncilProcedure
    from regiokompas.publications.models import InformationEvent

    events = (InformationEvent.objects.filter(municipality=municipality)
              .filter(Q(gate__trajectory=trajectory) | Q(document__trajectory=trajectory))
              .select_related("document", "gate").order_by("date", "pk"))
    out = []
    for e in events:
        title = permissions.public_title(e.document)
        what = f"'{title}'" if title else "een stuk"
        channel = "" if e.channel == "onbekend" else f" ({e.get_channel_display()})"
        out.append(Sourced(f"{_first_upper(when(e.date))} is de raad geïnformeerd met {what}{channel}.",
                           public_source(e.source), e.illustrative))
    for p in CouncilProcedure.objects.filter(gate__trajectory=trajectory, municipality=municipality).exclude(sent=None).order_by("sent"):
        out.append(Sourced(f"{_first_upper(when(p.sent))} is het stuk voor '{p.gate.title}' aan de raad gezonden "
                           f"({p.get_kind_display()}).", public_source(p.source), p.illustrative))
    return out


# --- what comes next ----------------------------------------------------------------------------------


def _next_steps(state, municipality, today: dt.date) -> list[NextLine]:
    from regiokompas.planning.models import Plan

    out: list[NextLine] = []
    for g in state.gates:
        if state.results[g.pk].status != c.GateStatus.OPEN:
            continue
        cell = state.cell(g, municipality)
        mine = " (besluit van deze gemeente staat nog open)" if cell.decision is None or cell.decision.outcome in c.UNDECIDED else ""
        day = g.planned_date or g.deadline
        precision = g.planned_date_precision if g.planned_date else c.DatePrecision.DAY
        late = " (die datum is verstreken)" if day and day < today else ""
        out.append(NextLine(day, _first_upper(when(day, precision)) + late if day else "Nog geen datum",
                            f"Besluitmoment '{g.title}' ({g.counting_body_label}){mine}", public_source(g.source), g.illustrative))
    plan = Plan.objects.filter(trajectory=state.trajectory).first()
    version = plan.current if plan else None
    if version is not None:
        from django.db.models import Q

        for ms in (version.milestones.filter(date__gte=today, status="planned")
                   .filter(Q(municipality=municipality) | Q(municipality__isnull=True)).exclude(gate__isnull=False).order_by("date")[:6]):
            out.append(NextLine(ms.date, _first_upper(when(ms.date)), f"{ms.title} (planning, {ms.get_kind_display()})",
                                public_source(ms.source), ms.illustrative))
    for law in state.trajectory.drivers.all():
        if law.status == c.LawStatus.WITHDRAWN:
            out.append(NextLine(None, "Vervallen", f"{law.name} ({law.abbreviation}) gaat niet door.", public_source(law.source),
                                law.illustrative))
            continue
        day = law.actual_start or law.planned_start
        if day and day >= today:
            label = "treedt in werking" if law.actual_start else "treedt naar verwachting in werking"
            out.append(NextLine(day, _first_upper(when(day)), f"{law.name} ({law.abbreviation}) {label}.", public_source(law.source),
                                law.illustrative))
    out.sort(key=lambda x: (x.date is None, x.date or dt.date.max))
    return out
