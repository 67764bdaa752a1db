"""From validated API input to the register's service functions, and from the register's derived
state to the API's answers. Views check rights; the services check the register's rules."""

from __future__ import annotations

from regiokompas.api.fields import format_partial_date
from regiokompas.register import query, services
from regiokompas.register.models import ArrangementParticipation, Decision, Gate, JointArrangement, Trajectory


def create_gate(actor, trajectory: Trajectory, v: dict) -> Gate:
    organs = v.get("organen") or ["college"]
    gate = Gate(
        trajectory=trajectory,
        ordinal=v["volgnummer"],
        title=v["titel"],
        description=v["omschrijving"],
        continuation_rule=v["voortgangsregel"],
        deciding_body_kind=organs[-1],
        planned_date=v.get("gepland"),
    )
    if "minimumDeelnemers" in v:
        gate.minimum_participants = v["minimumDeelnemers"]
    return services.save_object(actor, gate)


def _conditions(items) -> list[services.ConditionInput]:
    return [services.ConditionInput(text=item["omschrijving"], category=item["soort"]) for item in items or []]


def decision_input(gate: Gate, municipality, v: dict) -> services.DecisionInput:
    body = services.body_of(municipality, v["orgaan"]) if v.get("orgaan") else services.body_of(municipality, gate.deciding_body_kind)
    return services.DecisionInput(
        gate=gate,
        municipality=municipality,
        outcome=v["uitkomst"],
        date=v.get("date"),
        date_precision=v.get("date_precision") or "day",
        governing_body=body,
        motivation=v["motivering"],
        withdraws=v["treedtUit"],
        zaaknummer=v["zaaknummer"],
        conditions=_conditions(v.get("voorwaarden")),
    )


def supersede(actor, earlier: Decision, v: dict) -> Decision:
    v = dict(v)
    gate = v.get("besluitmoment") or earlier.gate
    municipality = v.get("gemeente") or earlier.municipality
    if not v.get("orgaan"):
        v["orgaan"] = earlier.governing_body.kind
    data = decision_input(gate, municipality, v)
    if "voorwaarden" not in v:
        data.conditions = [services.ConditionInput(text=cond.text, category=cond.category, source=cond.source)
                           for cond in earlier.conditions.order_by("id")]
    return services.supersede_decision(actor, earlier, data, reason=v["reden"], kind=v["soort"])


def matrix(trajectory: Trajectory) -> dict:
    state = query.trajectory_state(trajectory)
    decisions = (Decision.objects.filter(gate__trajectory=trajectory, is_current=True)
                 .select_related("governing_body", "municipality", "gate")
                 .order_by("gate__ordinal", "municipality__name", "governing_body__kind"))
    return {
        "traject": trajectory.slug,
        "gemeenten": [{"code": m.cbs_code, "naam": m.name} for m in state.municipalities],
        "besluitmomenten": [
            {"id": g.pk, "volgnummer": g.ordinal, "titel": g.title, "status": state.results[g.pk].status,
             "toelichting": state.results[g.pk].explanation}
            for g in state.gates
        ],
        "cellen": [
            {"gemeente": d.municipality.cbs_code, "besluitmoment": d.gate_id, "orgaan": d.governing_body.kind,
             "uitkomst": d.outcome, "datum": format_partial_date(d.date, d.date_precision), "besluit": d.pk}
            for d in decisions
        ],
    }


def create_arrangement(actor, v: dict) -> JointArrangement:
    arrangement = JointArrangement(
        name=v["naam"],
        wgr_form=v["rechtsvorm"],
        arrangement_type=v.get("soortRegeling") or "",
        centre_municipality=v.get("centrumgemeente"),
        valid_from=v.get("geldigVanaf"),
        publication=v["publicatie"],
    )
    services.save_object(actor, arrangement)
    for municipality in v["deelnemers"]:
        services.save_object(actor, ArrangementParticipation(arrangement=arrangement, municipality=municipality,
                                                             joined=v.get("geldigVanaf")))
    return arrangement
