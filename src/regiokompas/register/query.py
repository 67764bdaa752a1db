"""Computed views of the register: participation per gate, a gate's result under its continuation
rule, open conditions, and consequences for shared organisations. Nothing here writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from regiokompas import caching
from regiokompas.register import constants as c
from regiokompas.register.models import (
    Condition,
    Decision,
    ExecutionOrganisation,
    Gate,
    Municipality,
    Trajectory,
)

PS = c.ParticipationStatus
IN_TRAJECTORY = {PS.ACTIVE, PS.JOINED_LATER}


@dataclass
class Cell:
    """The state of one municipality at one gate."""

    status: str
    decision: Decision | None = None  # the counting body's decision (see Gate.counting_body_kind)
    returned: bool = False  # came back after a pause or withdrawal
    note: str = ""
    decisions: list[Decision] = field(default_factory=list)  # every body's current decision, in the gate's order

    @property
    def status_label(self) -> str:
        return PS(self.status).label

    @property
    def outcome(self) -> str:
        return self.decision.outcome if self.decision else c.Outcome.NOT_YET_DECIDED

    @property
    def other_decisions(self) -> list[Decision]:
        """Decisions of the other bodies (a college's proposal beside the raad's decision)."""
        return [d for d in self.decisions if self.decision is None or d.pk != self.decision.pk]


@dataclass
class GateResult:
    gate: Gate
    status: str
    participants: list[Municipality]
    agreed: list[Municipality] = field(default_factory=list)
    held: list[Municipality] = field(default_factory=list)
    rejected: list[Municipality] = field(default_factory=list)
    undecided: list[Municipality] = field(default_factory=list)
    continuing: list[Municipality] = field(default_factory=list)
    not_continuing: list[Municipality] = field(default_factory=list)
    explanation: str = ""

    @property
    def status_label(self) -> str:
        return c.GateStatus(self.status).label


@dataclass
class SharedOrganisationFlag:
    organisation: ExecutionOrganisation
    continuing: list[Municipality]
    not_continuing: list[Municipality]

    @property
    def message(self) -> str:
        def names(ms):
            return ", ".join(m.name for m in ms)

        return (
            f"{self.organisation} werkt voor gemeenten die doorgaan ({names(self.continuing)}) én voor gemeenten "
            f"die niet doorgaan ({names(self.not_continuing)}): breng de gevolgen voor deze organisatie in beeld."
        )


@dataclass
class TrajectoryState:
    trajectory: Trajectory
    gates: list[Gate]
    municipalities: list[Municipality]
    cells: dict[tuple[int, int], Cell]
    results: dict[int, GateResult]

    def cell(self, gate: Gate, municipality: Municipality) -> Cell:
        return self.cells[(gate.pk, municipality.pk)]

    def rows(self):
        """Matrix rows for templates: (municipality, [(gate, cell), ...])."""
        return [(m, [(g, self.cell(g, m)) for g in self.gates]) for m in self.municipalities]


def _body_order(gate: Gate, decision: Decision) -> tuple[int, str]:
    kind = decision.governing_body.kind
    bodies = gate.bodies or []
    return (bodies.index(kind) if kind in bodies else len(bodies), kind)


def current_decisions_by_cell(trajectory: Trajectory) -> dict[tuple[int, int], list[Decision]]:
    """Every body's current decision per (gate, municipality), in the order of the gate's bodies."""
    decisions = (
        Decision.objects.filter(gate__trajectory=trajectory, is_current=True)
        .select_related("governing_body", "municipality", "gate")
        .prefetch_related(Prefetch("conditions", queryset=Condition.objects.order_by("id")))
    )
    by_cell: dict[tuple[int, int], list[Decision]] = defaultdict(list)
    for d in decisions:
        by_cell[(d.gate_id, d.municipality_id)].append(d)
    for items in by_cell.values():
        items.sort(key=lambda d: _body_order(d.gate, d))
    return dict(by_cell)


def counting_decision(gate: Gate, decisions: list[Decision]) -> Decision | None:
    """The decision that counts for the continuation rule: the counting body's; at an information
    moment none counts."""
    if gate.kind == c.GateKind.INFORMATION:
        return None
    kind = gate.counting_body_kind
    return next((d for d in decisions if d.governing_body.kind == kind), None)


def _current_decisions(trajectory: Trajectory) -> dict[tuple[int, int], Decision]:
    """The counting body's current decision per (gate, municipality)."""
    chosen: dict[tuple[int, int], Decision] = {}
    for key, items in current_decisions_by_cell(trajectory).items():
        d = counting_decision(items[0].gate, items)
        if d is not None:
            chosen[key] = d
    return chosen


def trajectory_state(trajectory: Trajectory) -> TrajectoryState:
    """Participation and outcome per gate, derived from the current decisions; cached per trajectory
    and data version (regiokompas.caching), the same for every viewer."""
    state = caching.cached("trajectory_state", (trajectory.pk, trajectory.slug), lambda: _derive_state(trajectory))
    state.trajectory = trajectory
    return state


def _derive_state(trajectory: Trajectory) -> TrajectoryState:
    gates = list(trajectory.gates.order_by("ordinal"))
    participants = list(trajectory.participants.select_related("municipality__successor", "joined_at_gate").order_by("municipality__name"))
    municipalities = [p.municipality for p in participants]
    joined_at = {p.municipality_id: (p.joined_at_gate.ordinal if p.joined_at_gate else None) for p in participants}
    by_cell = current_decisions_by_cell(trajectory)
    decisions = {key: d for key, items in by_cell.items() if (d := counting_decision(items[0].gate, items)) is not None}
    cells: dict[tuple[int, int], Cell] = {}
    # Founding participants are in from the start; later ones from the gate at which they joined.
    previous: dict[int, str] = {m.pk: (PS.ACTIVE if joined_at[m.pk] is None else PS.NOT_INVOLVED) for m in municipalities}
    results: dict[int, GateResult] = {}
    for index, gate in enumerate(gates):
        gate_day = gate.planned_date or gate.deadline
        for m in municipalities:
            d = decisions.get((gate.pk, m.pk))
            prev = previous[m.pk]
            if d is None and joined_at[m.pk] is not None and gate.ordinal < joined_at[m.pk]:
                cell = Cell(PS.NOT_INVOLVED)
            else:
                cell = _derive_cell(index, gate, gate_day, m, d, prev)
            cell.decisions = by_cell.get((gate.pk, m.pk), [])
            cells[(gate.pk, m.pk)] = cell
        results[gate.pk] = _gate_result(gate, municipalities, cells, previous)
        for m in municipalities:
            previous[m.pk] = cells[(gate.pk, m.pk)].status
    return TrajectoryState(trajectory, gates, municipalities, cells, results)


def _derive_cell(index: int, gate: Gate, gate_day, m: Municipality, d: Decision | None, prev: str) -> Cell:
    decision_day = d.date if d and d.date else gate_day
    if d is None and decision_day and not m.exists_on(decision_day) and m.successor_id:
        return Cell(PS.MERGED, note=f"Opgegaan in {m.successor}")
    if d is None or d.outcome in c.UNDECIDED:
        return Cell(prev if prev != PS.JOINED_LATER else PS.ACTIVE, d)
    if d.outcome in c.AGREEING or d.outcome == c.Outcome.HOLD:
        if prev == PS.NOT_INVOLVED:
            return Cell(PS.ACTIVE if index == 0 else PS.JOINED_LATER, d)
        if prev in (PS.PAUSED, PS.WITHDRAWN) and d.outcome in c.AGREEING:
            return Cell(PS.ACTIVE, d, returned=True, note="Weer aangesloten")
        if prev in (PS.PAUSED, PS.WITHDRAWN):
            return Cell(prev, d)  # a hold after a pause keeps the pause
        return Cell(PS.ACTIVE, d)
    # reject: a pause unless the municipality explicitly leaves ("pas op de plaats" is not leaving)
    return Cell(PS.WITHDRAWN if d.withdraws else PS.PAUSED, d)


def _gate_result(gate: Gate, municipalities, cells, previous) -> GateResult:
    participants = []
    agreed, held, rejected, undecided = [], [], [], []
    for m in municipalities:
        cell = cells[(gate.pk, m.pk)]
        prev = previous[m.pk]
        involved = cell.decision is not None and cell.decision.outcome not in c.UNDECIDED
        if not involved and prev not in IN_TRAJECTORY:
            continue  # paused, withdrawn, merged or not (yet) involved, and not deciding here
        participants.append(m)
        outcome = cell.outcome
        if outcome in c.AGREEING:
            agreed.append(m)
        elif outcome == c.Outcome.HOLD:
            held.append(m)
        elif outcome == c.Outcome.REJECT:
            rejected.append(m)
        else:
            undecided.append(m)
    result = GateResult(gate, c.GateStatus.OPEN, participants, agreed, held, rejected, undecided)
    n = len(participants)
    rule = gate.continuation_rule
    if gate.kind == c.GateKind.INFORMATION:
        result.status = c.GateStatus.INFORMATION
        noted = sum(1 for m in participants if any(d.outcome == c.Outcome.NOTED for d in cells[(gate.pk, m.pk)].decisions))
        result.continuing = [m for m in participants]
        result.explanation = (
            f"Informatiemoment: er wordt niets besloten; {noted} van {n} gemeenten hebben kennisgenomen."
            if n else "Informatiemoment: er wordt niets besloten."
        )
        return result
    body = c.GoverningBodyKind(gate.counting_body_kind).label if gate.counting_body_kind in c.GoverningBodyKind.values else "orgaan"
    if n == 0:
        result.explanation = "Nog geen deelnemende gemeenten bij dit besluitmoment."
        return result
    {c.ContinuationRule.ALL_MUST_AGREE: _all_must_agree, c.ContinuationRule.MAJORITY: _majority}.get(
        rule, _coalition_of_the_willing)(result, gate, body)
    return result


def _all_must_agree(result: GateResult, gate: Gate, body: str) -> None:
    participants, agreed, held, rejected, undecided = (result.participants, result.agreed, result.held, result.rejected,
                                                       result.undecided)
    n = len(participants)
    if rejected:
        result.status = c.GateStatus.STOPPED
        result.explanation = "Niet alle gemeenten stemmen in; volgens de regel 'alle gemeenten moeten instemmen' gaat het traject zo niet door."
        result.not_continuing = participants
    elif held and not undecided:
        result.status = c.GateStatus.HELD
        result.explanation = f"Bij één of meer gemeenten heeft het orgaan dat telt ({body}) het besluit aangehouden."
    elif not held and not undecided:
        result.status = c.GateStatus.PASSED
        result.continuing = agreed
        result.explanation = "Alle deelnemende gemeenten hebben ingestemd."
    else:
        result.explanation = f"{len(undecided) + len(held)} van {n} gemeenten hebben (nog) niet ingestemd."


def _majority(result: GateResult, gate: Gate, body: str) -> None:
    participants, agreed, rejected, undecided = result.participants, result.agreed, result.rejected, result.undecided
    n = len(participants)
    if len(agreed) * 2 > n:
        result.status = c.GateStatus.PASSED
        result.continuing = participants
        result.explanation = f"Een meerderheid ({len(agreed)} van {n}) stemt in; alle deelnemers gaan door."
    elif len(rejected) * 2 >= n:
        result.status = c.GateStatus.STOPPED
        result.not_continuing = participants
        result.explanation = f"Geen meerderheid mogelijk: {len(rejected)} van {n} gemeenten stemmen niet in."
    elif not undecided:
        result.status = c.GateStatus.HELD
        result.explanation = "Geen meerderheid: te veel besluiten zijn aangehouden."
    else:
        result.explanation = f"{len(agreed)} van {n} gemeenten stemmen in; een meerderheid is {n // 2 + 1}."


def _coalition_of_the_willing(result: GateResult, gate: Gate, body: str) -> None:
    participants, agreed, held, rejected, undecided = (result.participants, result.agreed, result.held, result.rejected,
                                                       result.undecided)
    minimum = max(gate.minimum_participants, 1)
    if undecided or held:
        result.explanation = (
            f"{len(agreed)} gemeenten stemmen in; {len(undecided) + len(held)} besluiten staan nog open of zijn aangehouden."
        )
        if held and not undecided:
            result.status = c.GateStatus.HELD
    elif len(agreed) >= minimum:
        result.continuing = agreed
        result.not_continuing = rejected
        result.status = c.GateStatus.PASSED if not rejected else c.GateStatus.PASSED_PARTIALLY
        result.explanation = (
            f"{len(agreed)} gemeenten gaan door"
            + (f"; {', '.join(m.name for m in rejected)} niet (pas op de plaats of uittreden)." if rejected else ".")
        )
    else:
        result.status = c.GateStatus.STOPPED
        result.not_continuing = participants
        result.explanation = f"Minder dan {minimum} gemeenten stemmen in; het traject stopt bij dit besluitmoment."


def shared_organisation_flags(result: GateResult) -> list[SharedOrganisationFlag]:
    """Organisations that serve municipalities on both sides of a gate (BUCH in 2020); cached per
    gate and data version, the same for every viewer."""
    if not result.continuing or not result.not_continuing:
        return []
    return caching.cached("register.shared_organisation_flags", (result.gate.pk,), lambda: _shared_organisation_flags(result))


def _shared_organisation_flags(result: GateResult) -> list[SharedOrganisationFlag]:
    cont = {m.pk for m in result.continuing}
    stop = {m.pk for m in result.not_continuing}
    flags = []
    orgs = ExecutionOrganisation.objects.filter(served_municipalities__in=cont | stop).distinct().prefetch_related("served_municipalities")
    day = result.gate.planned_date or result.gate.deadline
    if day:  # only organisations that existed at the time of the gate
        orgs = orgs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    for org in orgs:
        served = list(org.served_municipalities.all())
        a = [m for m in served if m.pk in cont]
        b = [m for m in served if m.pk in stop]
        if a and b:
            flags.append(SharedOrganisationFlag(org, a, b))
    return flags


def open_conditions(trajectory: Trajectory) -> dict[Municipality, list[Condition]]:
    by_municipality: dict[Municipality, list[Condition]] = defaultdict(list)
    qs = (
        Condition.objects.filter(
            decision__gate__trajectory=trajectory, decision__is_current=True, status=c.ConditionStatus.OPEN
        )
        .select_related("decision__municipality", "decision__gate")
        .order_by("decision__municipality__name", "id")
    )
    for cond in qs:
        by_municipality[cond.decision.municipality].append(cond)
    return dict(by_municipality)


def continuing_municipalities(trajectory: Trajectory) -> list[Municipality]:
    """Who is in the trajectory after its latest gate with a result."""
    state = trajectory_state(trajectory)
    if not state.gates:
        return []
    last = state.gates[-1]
    return [m for m in state.municipalities if state.cell(last, m).status in IN_TRAJECTORY]


def decision_history(decision: Decision) -> list[Decision]:
    """The decision and every version it superseded, newest first."""
    chain = [decision]
    current = decision
    while current.supersedes_id:
        current = current.supersedes
        chain.append(current)
    return chain
