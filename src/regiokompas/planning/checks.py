"""Gate prerequisites: rules as data, evaluated per gate and municipality. The result is a list of
warnings shown on the gate page and in the register; a decision is never silently blocked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from regiokompas import caching
from regiokompas.planning import constants as pc
from regiokompas.planning.models import Consultation, CouncilProcedure, Milestone, Plan, PrerequisiteRule
from regiokompas.register import constants as c
from regiokompas.register import query
from regiokompas.register.models import Decision, Gate, Municipality, Trajectory


@dataclass
class Finding:
    rule: PrerequisiteRule
    gate: Gate
    message: str
    municipalities: list[Municipality] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def municipality_names(self) -> str:
        return ", ".join(f"{m.name} ({d})" if d else m.name for m, d in zip(self.municipalities, self.details, strict=True))


def rules_for(trajectory: Trajectory) -> list[PrerequisiteRule]:
    """Standard rules, replaced or extended by the trajectory's region's own rules."""
    rules = {r.code: r for r in PrerequisiteRule.objects.filter(region__isnull=True)}
    if trajectory.region_id:
        for r in PrerequisiteRule.objects.filter(region_id=trajectory.region_id):
            rules[r.code] = r
    return sorted((r for r in rules.values() if r.active), key=lambda r: r.code)


def decision_dates(gate: Gate) -> dict[Municipality, tuple[dt.date | None, bool]]:
    """Per participating municipality: the date of its decision (True) or, if none yet, the planned date (False).

    The planned date comes from the municipality's own track in the current plan, else the regional
    milestone of the gate, else the gate's planned date.
    """
    state = query.trajectory_state(gate.trajectory)
    result = state.results[gate.pk]
    municipalities = result.participants or state.municipalities
    decisions = {
        d.municipality_id: d
        for d in Decision.objects.filter(gate=gate, is_current=True, governing_body__kind=gate.deciding_body_kind)
        .exclude(outcome=c.Outcome.NOT_YET_DECIDED)
    }
    plan = Plan.objects.filter(trajectory=gate.trajectory).first()
    version = plan.current if plan else None
    regional_day = gate.planned_date
    tracks: dict[int, dt.date] = {}
    if version:
        for ms in Milestone.objects.filter(version=version, gate=gate, kind=pc.MilestoneKind.GATE):
            if ms.municipality_id:
                tracks[ms.municipality_id] = ms.date
            else:
                regional_day = ms.date
    out = {}
    for m in municipalities:
        d = decisions.get(m.pk)
        if d and d.date:
            out[m] = (d.date, True)
        else:
            out[m] = (tracks.get(m.pk, regional_day), False)
    return out


def _first_upper(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _when(day: dt.date | None, decided: bool) -> str:
    if day is None:
        return "zonder datum"
    return f"{'besloten' if decided else 'gepland'} {day:%d-%m-%Y}"


def evaluate_gate(gate: Gate, rules: list[PrerequisiteRule] | None = None, today: dt.date | None = None) -> list[Finding]:
    """The prerequisites of ``gate`` that are not met, per municipality. A gate without a (planned
    or decided) date is still checked: what is outstanding is reported, with its deadline if that
    has passed (``today``), instead of being skipped.

    With the standard rules and today's date the findings are cached per gate and data version."""
    if rules is None and today is None:
        return caching.cached("planning.gate_findings", (gate.pk, dt.date.today()),
                              lambda: _evaluate_gate(gate, rules_for(gate.trajectory), dt.date.today()))
    return _evaluate_gate(gate, rules, today)


def _evaluate_gate(gate: Gate, rules: list[PrerequisiteRule] | None = None, today: dt.date | None = None) -> list[Finding]:
    rules = rules_for(gate.trajectory) if rules is None else rules
    check = _GateCheck(gate, today or dt.date.today())
    dates = decision_dates(gate)
    for rule in rules:
        if rule.deciding_body_kind and rule.deciding_body_kind != gate.deciding_body_kind:
            continue
        rule_check = {pc.RuleKind.CONSULTATION: check.consultation, pc.RuleKind.PROCEDURE: check.procedure,
                      pc.RuleKind.DEVIATION: check.deviation}.get(rule.kind)
        if rule_check is None:
            continue
        for m, (day, decided) in dates.items():
            rule_check(rule, m, day, decided)
    return list(check.findings.values())


class _GateCheck:
    """The findings for one gate, one method per kind of rule; a finding collects the municipalities
    it applies to."""

    def __init__(self, gate: Gate, today: dt.date):
        self.gate = gate
        self.today = today
        self.consultations = list(Consultation.objects.filter(gate=gate).select_related("body"))
        self.procedures = list(CouncilProcedure.objects.filter(gate=gate))
        self.findings: dict[tuple[int, str], Finding] = {}

    def flag(self, rule, message: str, m, detail: str = "") -> None:
        f = self.findings.setdefault((rule.pk, message), Finding(rule, self.gate, message))
        if m not in f.municipalities:
            f.municipalities.append(m)
            f.details.append(detail)

    def consultation(self, rule, m, day, decided) -> None:
        kinds = set(rule.consultation_kind_list)
        relevant = [x for x in self.consultations if x.kind in kinds and x.body.employer_municipality_id in (None, m.pk)]
        labels = " of ".join(str(pc.ConsultationKind(k).label) for k in rule.consultation_kind_list)
        if not relevant:
            if rule.required:
                self.flag(rule, f"Er is voor dit besluitmoment geen {labels} vastgelegd.", m, "")
            return
        if day is None:
            self._consultation_undated(rule, m, relevant)
            return
        for x in relevant:
            latest = day - dt.timedelta(days=rule.min_days_before)
            if x.requested is None or x.requested > latest:
                extra = f" (ten minste {rule.min_days_before} dagen vooraf)" if rule.min_days_before else ""
                when = f"pas op {x.requested:%d-%m-%Y}" if x.requested else "nog niet"
                self.flag(rule, f"{_first_upper(x.get_kind_display())} ({x.body.get_kind_display()}) is {when} gedaan; het besluit "
                                f"komt eerder{extra}.", m, _when(day, decided))
            elif x.is_advice and (x.received is None or x.received > day) and (x.due is None or x.due > day):
                self.flag(rule, f"Het besluit valt vóór het advies van {x.body} binnen is en vóór het einde van de "
                                "adviestermijn.", m, _when(day, decided))

    def _consultation_undated(self, rule, m, relevant: list) -> None:
        for x in relevant:
            if x.requested is None:
                self.flag(rule, f"{_first_upper(x.get_kind_display())} ({x.body.get_kind_display()}) is nog niet gevraagd; "
                                "het besluit heeft nog geen datum.", m, _when(None, False))
            elif x.is_advice and x.received is None:
                late = (f"; de adviestermijn is op {x.due:%d-%m-%Y} verstreken" if x.due and x.due < self.today
                        else (f"; de adviestermijn loopt tot {x.due:%d-%m-%Y}" if x.due else ""))
                self.flag(rule, f"Het advies van {x.body} is nog niet binnen{late}. Het besluit heeft nog geen datum: "
                                "plan het na het advies of na het einde van de termijn.", m, _when(None, False))

    def procedure(self, rule, m, day, decided) -> None:
        kinds = set(rule.procedure_kind_list)
        relevant = [p for p in self.procedures if p.kind in kinds and p.municipality_id == m.pk]
        labels = " of ".join(str(pc.ProcedureKind(k).label) for k in rule.procedure_kind_list)
        if not relevant:
            if rule.required:
                self.flag(rule, f"Er is geen raadsprocedure ({labels}) vastgelegd vóór dit besluitmoment.", m, "")
            return
        for p in relevant:
            if day is None:
                if not p.completed:
                    done = f"gepland {p.planned:%d-%m-%Y}" if p.planned else "nog niet gepland"
                    self.flag(rule, f"De {p.get_kind_display()} van de raad is nog niet afgerond ({done}); het besluit "
                                    "heeft nog geen datum.", m, _when(None, False))
                continue
            # A decision taken needs the procedure completed; a planned one needs it planned (or done) in time.
            ready = p.completed if decided else (p.completed or p.planned)
            if ready is None or ready > day - dt.timedelta(days=rule.min_days_before):
                done = (f"afgerond {p.completed:%d-%m-%Y}" if p.completed else
                        f"gepland {p.planned:%d-%m-%Y}" if p.planned else "nog niet gepland")
                self.flag(rule, f"Het besluit komt vóór de {p.get_kind_display()} van de raad ({done}).", m, _when(day, decided))

    def deviation(self, rule, m, day, decided) -> None:
        for x in self.consultations:
            if x.body.employer_municipality_id not in (None, m.pk) or not x.is_advice:
                continue
            if x.outcome == pc.AdviceOutcome.NEGATIVE and decided and not x.deviation_motivation.strip():
                self.flag(rule, f"{x.body} adviseerde negatief; een besluit dat afwijkt vraagt een schriftelijke motivering, "
                                "die ontbreekt.", m, "")


def evaluate_trajectory(trajectory: Trajectory) -> list[Finding]:
    """The findings of every gate; cached per trajectory, day and data version."""
    def evaluate() -> list[Finding]:
        rules = rules_for(trajectory)
        result = []
        for gate in trajectory.gates.order_by("ordinal"):
            result.extend(_evaluate_gate(gate, rules))
        return result

    return caching.cached("planning.trajectory_findings", (trajectory.pk, dt.date.today()), evaluate)
