"""From validated API input to the register's service functions, and from the register's derived
state to the API's answers. Views check rights first; the services check them again together with
every rule of the register."""

from __future__ import annotations

from regiokompas import formatting
from regiokompas.accounts import users
from regiokompas.register import constants as c
from regiokompas.register import query, services, setup_services
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Decision, Gate, JointArrangement, Trajectory


def create_trajectory(actor, v: dict) -> Trajectory:
    start = FuzzyDate(v["start_date"], v["start_precision"]) if "start_date" in v else FuzzyDate.unknown()
    return setup_services.create_trajectory(actor, setup_services.TrajectoryInput(
        slug=v["slug"], name=v["naam"], domain=v["domein"], aim=v["doel"], start=start, participants=v["deelnemers"],
    ))


def create_gate(actor, trajectory: Trajectory, v: dict) -> Gate:
    gate = Gate(
        trajectory=trajectory,
        ordinal=v["volgnummer"],
        title=v["titel"],
        description=v["omschrijving"],
        kind=v["soort"],
        bodies=list(v.get("organen") or [c.GoverningBodyKind.COLLEGE]),
        counting_body=v.get("orgaanDatTelt") or "",
        body_arrangement=v.get("regeling"),
        body_organisation=v.get("organisatie"),
        continuation_rule=v["voortgangsregel"],
        planned_date=v.get("planned_date"),
        planned_date_precision=v.get("planned_date_precision", c.DatePrecision.UNKNOWN),
        deadline=v.get("uitersteDatum"),
    )
    if "minimumDeelnemers" in v:
        gate.minimum_participants = v["minimumDeelnemers"]
    return services.save_gate(actor, gate)


def _conditions(items) -> list[services.ConditionInput] | None:
    if items is None:
        return None
    return [services.ConditionInput(text=item["omschrijving"], category=item.get("soort")) for item in items]


def decision_input(gate: Gate, municipality, v: dict) -> services.DecisionInput:
    return services.DecisionInput(
        gate=gate,
        municipality=municipality,
        outcome=v["uitkomst"],
        date=v.get("date"),
        date_precision=v.get("date_precision", c.DatePrecision.UNKNOWN),
        body_kind=v.get("orgaan") or "",
        motivation=v["motivering"],
        withdraws=v["treedtUit"],
        zaaknummer=v["zaaknummer"],
        conditions=_conditions(v.get("voorwaarden")),
    )


def body_for(decision_input: services.DecisionInput):
    """The governing body a new decision will be of (None when the service will refuse the input)."""
    try:
        return services.resolve_body(decision_input.gate, decision_input.municipality,
                                     decision_input.body_kind or decision_input.gate.counting_body_kind)
    except RegisterError:
        return None


def supersede(actor, earlier: Decision, v: dict) -> Decision:
    """A correction or new decision; without 'voorwaarden' the earlier conditions are carried over
    with their status (the service does that when ``conditions`` is None)."""
    gate = v.get("besluitmoment") or earlier.gate
    municipality = v.get("gemeente") or earlier.municipality
    data = decision_input(gate, municipality, v)
    if not data.body_kind:
        data.governing_body = earlier.governing_body
    return services.supersede_decision(actor, earlier, data, reason=v["reden"], kind=v["soort"])


def matrix(trajectory: Trajectory) -> dict:
    """Every participant, gate and current decision per body; each gate's result under its rule."""
    state = query.trajectory_state(trajectory)
    cells = []
    for gate in state.gates:
        for municipality in state.municipalities:
            for d in state.cell(gate, municipality).decisions:
                cells.append({
                    "gemeente": municipality.cbs_code, "besluitmoment": gate.pk, "orgaan": d.governing_body.kind,
                    "uitkomst": d.outcome, "datum": formatting.iso_date(d.date, d.date_precision), "besluit": d.pk,
                })
    return {
        "traject": trajectory.slug,
        "gemeenten": [{"code": m.cbs_code, "naam": m.name} for m in state.municipalities],
        "besluitmomenten": [
            {"id": g.pk, "volgnummer": g.ordinal, "titel": g.title, "soort": g.kind, "organen": list(g.bodies or []),
             "status": state.results[g.pk].status, "toelichting": state.results[g.pk].explanation}
            for g in state.gates
        ],
        "deelname": [
            {"gemeente": m.cbs_code, "besluitmoment": g.pk, "status": state.cell(g, m).status}
            for g in state.gates for m in state.municipalities
        ],
        "cellen": cells,
    }


def create_arrangement(actor, v: dict) -> JointArrangement:
    arrangement = JointArrangement(
        name=v["naam"],
        legal_form=v["rechtsvorm"],
        arrangement_type=v.get("soortRegeling") or "",
        centre_municipality=v.get("centrumgemeente"),
        valid_from=v.get("valid_from"),
        valid_from_precision=v.get("valid_from_precision", c.DatePrecision.UNKNOWN),
        publication=v["publicatie"],
    )
    services.save_arrangement(actor, arrangement, participants=v["deelnemers"])
    if v.get("voorganger") is not None:
        services.record_succession(actor, arrangement, [v["voorganger"]], v["soortOpvolging"],
                                   date=FuzzyDate(arrangement.valid_from, arrangement.valid_from_precision))
    return arrangement


def create_user(actor, v: dict):
    return users.create_user(actor, users.UserInput(
        username=v["gebruikersnaam"], role=v["rol"], municipality=v.get("gemeente"), organisation=v.get("organisatie"),
        trajectories=v["trajecten"], first_name=v["voornaam"], last_name=v["achternaam"], email=v.get("email", ""),
    ))
