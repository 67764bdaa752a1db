"""Gate prerequisites: rules as data fire when a decision comes too early and stay quiet otherwise."""

import pytest

from regiokompas.accounts.actors import SystemActor
from regiokompas.planning import checks
from regiokompas.planning import constants as pc
from regiokompas.planning import services as ps
from regiokompas.planning.models import Consultation, ConsultationBody, CouncilProcedure, PrerequisiteRule
from regiokompas.register.models import Region, Trajectory

from .helpers import D, trajectory_with_law

pytestmark = pytest.mark.django_db


MARCH = D(2024, 3, 1)


def decide(gate, muni, outcome="agree", day=MARCH):
    from regiokompas.register import services as s

    return s.record_decision(SystemActor("test"), s.DecisionInput(gate=gate, municipality=muni, outcome=outcome, date=day))


def codes(findings):
    return sorted(f.rule.code for f in findings)


def test_council_procedure_rule_fires_before_completion_and_is_quiet_after(m):
    t, law, gates = trajectory_with_law(slug="chk-raad", municipalities=[m["bergen"]])
    gate = gates[0]
    proc = ps.save_procedure(SystemActor("test"), CouncilProcedure(gate=gate, municipality=m["bergen"], kind="wensen_en_bedenkingen",
                                                      sent=D(2024, 2, 1)))
    decide(gate, m["bergen"], day=D(2024, 3, 1))
    findings = checks.evaluate_gate(gate)
    assert codes(findings) == ["raadsprocedure-voor-besluit"]
    assert "wensen en bedenkingen" in findings[0].message and "Bergen" in findings[0].municipality_names
    proc.completed = D(2024, 2, 20)
    ps.save_procedure(SystemActor("test"), proc)
    assert checks.evaluate_gate(gate) == []


def test_planned_decision_after_planned_procedure_is_quiet(m):
    t, law, gates = trajectory_with_law(slug="chk-plan", municipalities=[m["bergen"]])
    ps.save_procedure(SystemActor("test"), CouncilProcedure(gate=gates[0], municipality=m["bergen"], kind="toestemming", planned=D(2029, 5, 1)))
    assert checks.evaluate_gate(gates[0]) == []  # gate planned 1 June 2029
    ps.save_procedure(SystemActor("test"), CouncilProcedure(gate=gates[1], municipality=m["bergen"], kind="toestemming", planned=D(2029, 7, 1)))
    assert codes(checks.evaluate_gate(gates[1])) == ["raadsprocedure-voor-besluit"]


def _or(t, muni):
    return ps.save_body(SystemActor("test"), ConsultationBody(trajectory=t, kind=pc.BodyKind.OR, name=f"OR {muni}", employer_municipality=muni))


def test_advice_requested_too_late_fires(m):
    t, law, gates = trajectory_with_law(slug="chk-or", municipalities=[m["bergen"], m["alkmaar"]])
    ps.save_consultation(SystemActor("test"), Consultation(body=_or(t, m["bergen"]), gate=gates[0], kind="or_advice_art25", subject="Advies",
                                              requested=D(2024, 3, 10), due=D(2024, 4, 10)))
    decide(gates[0], m["bergen"], day=D(2024, 3, 1))
    decide(gates[0], m["alkmaar"], day=D(2024, 3, 1))
    findings = checks.evaluate_gate(gates[0])
    assert codes(findings) == ["or-advies-voor-besluit"]
    assert [x.name for x in findings[0].municipalities] == ["Bergen (NH.)"]  # Alkmaar's decision is not about Bergen's OR


def test_decision_before_advice_and_before_term_end_fires_but_after_term_is_quiet(m):
    t, law, gates = trajectory_with_law(slug="chk-termijn", municipalities=[m["bergen"]])
    cons = ps.save_consultation(SystemActor("test"), Consultation(body=_or(t, m["bergen"]), gate=gates[0], kind="or_advice_art25", subject="Advies",
                                                     requested=D(2024, 1, 1), due=D(2024, 3, 15)))
    decide(gates[0], m["bergen"], day=D(2024, 3, 1))
    assert "vóór het advies" in checks.evaluate_gate(gates[0])[0].message
    cons.due = D(2024, 2, 15)
    ps.save_consultation(SystemActor("test"), cons)
    assert checks.evaluate_gate(gates[0]) == []  # the term has passed: the college may decide
    ps.record_advice(SystemActor("test"), cons, received=D(2024, 2, 10), outcome="positive")
    assert checks.evaluate_gate(gates[0]) == []


def test_negative_advice_without_motivation_is_flagged(m):
    t, law, gates = trajectory_with_law(slug="chk-afwijk", municipalities=[m["bergen"]])
    cons = ps.save_consultation(SystemActor("test"), Consultation(body=_or(t, m["bergen"]), gate=gates[0], kind="or_advice_art25", subject="Advies",
                                                     requested=D(2024, 1, 1), due=D(2024, 2, 1), received=D(2024, 1, 20),
                                                     outcome="negative"))
    decide(gates[0], m["bergen"], day=D(2024, 3, 1))
    assert codes(checks.evaluate_gate(gates[0])) == ["afwijken-gemotiveerd"]
    ps.record_advice(SystemActor("test"), cons, received=D(2024, 1, 20), outcome="negative", deviates=True, motivation="Politieke afweging")
    assert checks.evaluate_gate(gates[0]) == []


def test_rules_are_data_a_region_replaces_and_adds(m):
    from regiokompas.register import services as s

    region = s.save_object(SystemActor("test"), Region(name="Testregio"))
    t, law, gates = trajectory_with_law(slug="chk-regio", municipalities=[m["bergen"]])
    t.region = region
    s.save_object(SystemActor("test"), t)
    ps.save_procedure(SystemActor("test"), CouncilProcedure(gate=gates[0], municipality=m["bergen"], kind="zienswijze"))
    decide(gates[0], m["bergen"])
    assert codes(checks.evaluate_gate(gates[0])) == ["raadsprocedure-voor-besluit"]
    ps.save_rule(SystemActor("test"), PrerequisiteRule(region=region, code="raadsprocedure-voor-besluit", title="Uit", active=False,
                                          kind="procedure_before_decision", procedure_kinds="zienswijze"))
    assert checks.evaluate_gate(gates[0]) == []
    ps.save_rule(SystemActor("test"), PrerequisiteRule(region=region, code="clientenraad-altijd", title="Cliëntenraad altijd gehoord",
                                          kind="consultation_before_decision", consultation_kinds="client_advice", required=True))
    findings = checks.evaluate_gate(gates[0])
    assert codes(findings) == ["clientenraad-altijd"] and "geen advies cliëntenraad" in findings[0].message


def test_bad_rule_is_rejected(m):
    before = PrerequisiteRule.objects.count()
    with pytest.raises(ps.RegisterError, match="Onbekende soort"):
        ps.save_rule(SystemActor("test"), PrerequisiteRule(code="x", title="X", kind="consultation_before_decision", consultation_kinds="geheim"))
    with pytest.raises(ps.RegisterError, match="Noem bij deze regel"):
        ps.save_rule(SystemActor("test"), PrerequisiteRule(code="y", title="Y", kind="procedure_before_decision"))
    assert PrerequisiteRule.objects.count() == before


def test_warnings_never_block_a_decision(m):
    t, law, gates = trajectory_with_law(slug="chk-blok", municipalities=[m["bergen"]])
    ps.save_procedure(SystemActor("test"), CouncilProcedure(gate=gates[0], municipality=m["bergen"], kind="toestemming"))
    decision = decide(gates[0], m["bergen"])
    assert decision.pk and checks.evaluate_gate(gates[0])


def test_example_gate_2_decided_before_the_works_councils_were_informed():
    t = Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012")
    findings = checks.evaluate_gate(t.gates.get(ordinal=2))
    assert codes(findings) == ["or-geinformeerd-voor-go-no-go"]
    names = findings[0].municipality_names
    assert "Bergen (NH.) (besloten 01-05-2012)" in names and "Alkmaar (gepland 03-04-2012)" in names
    gate3 = checks.evaluate_gate(t.gates.get(ordinal=3))
    procedure = [f for f in gate3 if f.rule.code == "raadsprocedure-voor-besluit"]
    assert [x.name for x in procedure[0].municipalities] == ["Alkmaar"]  # Bergen's slower track waits for its council
