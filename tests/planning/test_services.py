"""Plan versions, dependency shifting, cycles, bad dates, consultations: services validate, write
audit rows, and change nothing when they refuse."""

import pytest

from regiokompas.accounts.actors import SystemActor
from regiokompas.planning import constants as pc
from regiokompas.planning import services as ps
from regiokompas.planning.models import Consultation, ConsultationBody, Milestone, Plan
from regiokompas.register import services as rs
from regiokompas.register.errors import PermissionDenied, RegisterError

from .helpers import D, database_counts, simple_plan, trajectory_with_law

pytestmark = pytest.mark.django_db


def dates(version):
    return {m.code: m.date for m in version.milestones.all()}


def test_moving_a_law_date_moves_exactly_the_dependent_milestones():
    t, law, gates = trajectory_with_law()
    v1 = simple_plan(t, law, gates)
    shifts = {s.key: s for s in ps.propose_law_shift(ps.inputs_of(v1), law, D(2030, 7, 1))}
    assert set(shifts) == {"voorbereiding", "invoering", "evaluatie"}
    assert shifts["invoering"].new == D(2030, 7, 1)
    assert shifts["voorbereiding"].new == D(2030, 4, 2)  # moves as much as the law: 181 days
    assert shifts["evaluatie"].new == D(2030, 12, 28)  # transitively, 181 days later
    v2 = ps.apply_law_change(SystemActor("test"), t, law, new_date=D(2030, 7, 1), reason="Wet een half jaar later")
    before, after = dates(v1), dates(v2)
    assert after["los"] == before["los"] and after["besluit"] == before["besluit"]
    assert {k for k in before if before[k] != after[k]} == {"voorbereiding", "invoering", "evaluatie"}
    law.refresh_from_db()
    assert law.planned_start == D(2030, 7, 1)


def test_done_milestones_and_decisions_stay_when_the_law_moves():
    t, law, gates = trajectory_with_law(slug="plan-done")
    v1 = simple_plan(t, law, gates, done={"invoering"})
    shifts = {s.key: s for s in ps.propose_law_shift(ps.inputs_of(v1), law, D(2031, 1, 1))}
    assert shifts["invoering"].kept and shifts["invoering"].new == D(2030, 1, 1)
    assert "evaluatie" not in shifts  # only hangs on a milestone that stays
    assert shifts["voorbereiding"].new == D(2030, 10, 3)


def test_withdrawn_law_releases_the_dependencies_in_the_new_version_only():
    t, law, gates = trajectory_with_law(slug="plan-weg")
    v1 = simple_plan(t, law, gates)
    v2 = ps.apply_law_change(SystemActor("test"), t, law, new_date=D(2031, 1, 1), new_status="withdrawn", reason="Wet gaat niet door")
    assert not v2.milestones.get(code="invoering").dependencies.exists()
    assert v1.milestones.get(code="invoering").dependencies.filter(law=law).exists()
    law.refresh_from_db()
    assert law.status == "withdrawn" and law.planned_start == D(2030, 1, 1)


def test_version_history_is_kept_and_records_what_moved():
    t, law, gates = trajectory_with_law(slug="plan-hist")
    v1 = simple_plan(t, law, gates)
    items = ps.inputs_of(v1)
    for m in items:
        if m.key == "los":
            m.date = D(2030, 4, 1)
    v2 = ps.new_version(SystemActor("test"), t, title="Tweede", reason="Later", milestones=items)
    assert [v.number for v in Plan.objects.get(trajectory=t).versions.all()] == [1, 2]
    assert dates(v1)["los"] == D(2030, 3, 1) and dates(v2)["los"] == D(2030, 4, 1)
    assert v2.based_on == v1
    assert v2.changes == [{"key": "los", "title": "Losse mijlpaal", "change": "verschoven", "old": "2030-03-01",
                           "new": "2030-04-01", "days": 31}]
    from regiokompas.audit.models import AuditEntry
    assert AuditEntry.objects.filter(action="planversion.create", trajectory_slug=t.slug).count() == 2


def test_moving_a_done_milestone_is_refused_and_nothing_changes():
    t, law, gates = trajectory_with_law(slug="plan-done2")
    v1 = simple_plan(t, law, gates, done={"besluit"})
    items = ps.inputs_of(v1)
    next(m for m in items if m.key == "besluit").date = D(2029, 9, 1)
    before = database_counts()
    with pytest.raises(RegisterError, match="al afgerond"):
        ps.new_version(SystemActor("test"), t, title="x", reason="y", milestones=items)
    assert database_counts() == before


def test_dependency_cycle_is_rejected_with_a_clear_message_and_nothing_saved():
    t, law, gates = trajectory_with_law(slug="plan-kring")
    M, Dep = ps.MilestoneInput, ps.DependencyInput
    items = [M("a", "Alfa", D(2030, 1, 1), depends_on=[Dep("c", 1)]), M("b", "Beta", D(2030, 2, 1), depends_on=[Dep("a", 1)]),
             M("c", "Gamma", D(2030, 3, 1), depends_on=[Dep("b", 1)])]
    before = database_counts()
    with pytest.raises(RegisterError) as exc:
        ps.create_plan(SystemActor("test"), t, title="Kring", milestones=items)
    assert "kring" in exc.value.message and "Alfa" in exc.value.message
    assert database_counts() == before
    assert not Plan.objects.filter(trajectory=t).exists()


def test_find_cycle():
    assert ps.find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert ps.find_cycle({"a": {"b"}, "b": {"a"}}) in (["a", "b", "a"], ["b", "a", "b"])


@pytest.mark.parametrize("change, message", [
    (lambda m: setattr(m, "end_date", D(2029, 1, 1)), "einddatum"),
    (lambda m: setattr(m, "date", D(1850, 1, 1)), "buiten de toegestane periode"),
    (lambda m: setattr(m, "date", "2030-13-01"), "geen geldige datum"),
    (lambda m: setattr(m, "depends_on", [ps.DependencyInput("bestaat-niet")]), "onbekende mijlpaal"),
    (lambda m: setattr(m, "depends_on", [ps.DependencyInput(m.key)]), "van zichzelf"),
])
def test_bad_milestones_are_rejected_and_nothing_saved(change, message):
    t, law, gates = trajectory_with_law(slug="plan-fout")
    m = ps.MilestoneInput("x", "Mijlpaal", D(2030, 1, 1))
    change(m)
    before = database_counts()
    with pytest.raises(RegisterError, match=message):
        ps.create_plan(SystemActor("test"), t, title="Fout", milestones=[m])
    assert database_counts() == before


def test_parse_date_gives_dutch_errors():
    assert ps.parse_date("01-02-2013") == D(2013, 2, 1)
    with pytest.raises(RegisterError, match="geen geldige datum"):
        ps.parse_date("31-02-2013")
    with pytest.raises(RegisterError, match="geen geldige datum"):
        ps.parse_date("morgen")


def test_law_change_without_dependent_milestones_is_refused():
    t, law, gates = trajectory_with_law(slug="plan-geen")
    ps.create_plan(SystemActor("test"), t, title="Los", milestones=[ps.MilestoneInput("los", "Los", D(2030, 1, 1))])
    before = database_counts()
    with pytest.raises(RegisterError, match="niets te verschuiven"):
        ps.apply_law_change(SystemActor("test"), t, law, new_date=D(2031, 1, 1), reason="Later")
    assert database_counts() == before


@pytest.mark.parametrize("fields, message", [
    ({"kind": "information", "due": D(2030, 2, 1)}, "geen adviestermijn"),
    ({"kind": "or_advice_art25", "requested": D(2030, 2, 1), "due": D(2030, 1, 1)}, "termijn eindigt vóór"),
    ({"kind": "or_advice_art25", "requested": D(2030, 2, 1), "received": D(2030, 1, 1), "outcome": "positive"}, "niet eerder ontvangen"),
    ({"kind": "or_advice_art25", "requested": D(2030, 1, 1), "received": D(2030, 2, 1), "outcome": "negative", "deviates": True},
     "schriftelijke motivering"),
    ({"kind": "information", "scope": "personnel_consequences"}, "politiek primaat"),
    ({"kind": "client_advice"}, "cliëntenraad"),
])
def test_bad_consultations_are_rejected_and_nothing_saved(m, fields, message):
    t, law, gates = trajectory_with_law(slug="plan-or", municipalities=[m["bergen"]])
    body = ps.save_body(SystemActor("test"), ConsultationBody(trajectory=t, kind=pc.BodyKind.OR, name="OR Bergen", employer_municipality=m["bergen"]))
    before = database_counts()
    with pytest.raises(RegisterError, match=message):
        ps.save_consultation(SystemActor("test"), Consultation(body=body, subject="Advies", **fields))
    assert database_counts() == before


def test_or_without_employer_and_procedure_for_outsider_are_refused(m):
    t, law, gates = trajectory_with_law(slug="plan-or2", municipalities=[m["bergen"]])
    with pytest.raises(RegisterError, match="werkgever"):
        ps.save_body(SystemActor("test"), ConsultationBody(trajectory=t, kind=pc.BodyKind.OR, name="OR zonder werkgever"))
    from regiokompas.planning.models import CouncilProcedure
    with pytest.raises(RegisterError, match="neemt niet deel"):
        ps.save_procedure(SystemActor("test"), CouncilProcedure(gate=gates[0], municipality=m["alkmaar"], kind="toestemming"))
    proc = ps.save_procedure(SystemActor("test"), CouncilProcedure(gate=gates[0], municipality=m["bergen"], kind="toestemming"))
    assert proc.legal_basis == "Wgr art. 1"


def test_record_advice_with_deviation_needs_motivation(m):
    t, law, gates = trajectory_with_law(slug="plan-adv", municipalities=[m["bergen"]])
    body = ps.save_body(SystemActor("test"), ConsultationBody(trajectory=t, kind=pc.BodyKind.OR, name="OR Bergen", employer_municipality=m["bergen"]))
    cons = ps.save_consultation(SystemActor("test"), Consultation(body=body, kind="or_advice_art25", subject="Advies", requested=D(2030, 1, 1),
                                                     due=D(2030, 2, 1)))
    with pytest.raises(RegisterError, match="motivering"):
        ps.record_advice(SystemActor("test"), cons, received=D(2030, 1, 20), outcome="negative", deviates=True)
    cons.refresh_from_db()
    assert cons.outcome == "pending"
    ps.record_advice(SystemActor("test"), cons, received=D(2030, 1, 20), outcome="negative", deviates=True, motivation="Omdat ...")
    cons.refresh_from_db()
    assert cons.outcome == "negative" and cons.deviation_motivation == "Omdat ..."


def test_only_project_organisation_changes_the_plan(users):
    t, law, gates = trajectory_with_law(slug="plan-rechten")
    before = database_counts()
    with pytest.raises(PermissionDenied):
        ps.create_plan(users["or-bergen"], t, title="x", milestones=[])
    assert database_counts() == before
    version = ps.create_plan(users["projectleider"], t, title="Eerste", milestones=[ps.MilestoneInput("a", "A", D(2030, 1, 1))])
    assert version.recorded_by.endswith("(projectleider)")


def test_example_plan_has_wwnv_version_and_replan():
    from regiokompas.register.models import Trajectory

    plan = Plan.objects.get(trajectory=Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012"))
    v1, v2 = list(plan.versions.all())
    assert v1.milestones.get(code="invoering").dependencies.get().law.abbreviation == "Wwnv"
    assert v1.milestones.get(code="invoering").date == D(2013, 1, 1)
    assert "niet door" in v2.reason
    bergen = v2.milestones.get(code="gate-3-bergen")
    regional = v2.milestones.get(code="gate-3")
    assert bergen.gate_id == regional.gate_id and bergen.date > regional.date and bergen.illustrative
    assert v2.milestones.filter(kind=pc.MilestoneKind.CONSULTATION).count() >= 2
    assert {c["change"] for c in v2.changes} >= {"toegevoegd", "vervallen"}
    assert all(ms.source for ms in Milestone.objects.filter(version__plan=plan))


def test_long_chains_do_not_hit_the_recursion_limit():
    size = 3000
    edges = {f"m{i}": ({f"m{i + 1}"} if i + 1 < size else set()) for i in range(size)}
    assert ps.find_cycle(edges) is None
    edges[f"m{size - 1}"] = {"m0"}
    assert len(ps.find_cycle(edges)) == size + 1
    M, Dep = ps.MilestoneInput, ps.DependencyInput
    items = [M(f"m{i}", f"m{i}", D(2030, 1, 1), depends_on=[Dep(f"m{i + 1}", 1)] if i + 1 < size else []) for i in range(size)]
    order = [m.key for m in ps._topological(items)]
    assert order[0] == f"m{size - 1}" and order[-1] == "m0"


def test_gate_milestone_stays_when_its_decisions_are_taken(m):
    from regiokompas.register import services as rs

    t, law, gates = trajectory_with_law(slug="plan-besloten", municipalities=[m["bergen"], m["alkmaar"]])
    M, Dep = ps.MilestoneInput, ps.DependencyInput
    items = [M("besluit", "Besluit colleges", D(2024, 3, 1), kind=pc.MilestoneKind.GATE, gate=gates[0], depends_on=[Dep(law, -100)]),
             M("besluit-bergen", "Besluit Bergen", D(2024, 6, 1), kind=pc.MilestoneKind.GATE, gate=gates[0],
               municipality=m["bergen"], depends_on=[Dep(law, -50)])]
    ps.create_plan(SystemActor("test"), t, title="P", milestones=items)
    rs.record_decision(SystemActor("test"), rs.DecisionInput(gate=gates[0], municipality=m["bergen"], outcome="agree", date=D(2024, 6, 1)))
    current = ps.inputs_of(Plan.objects.get(trajectory=t).current)
    shifts = {s.key: s for s in ps.propose_law_shift(current, law, D(2031, 1, 1), ps.decided_keys(current))}
    assert shifts["besluit-bergen"].kept and not shifts["besluit"].kept  # Alkmaar has not decided yet
    rs.record_decision(SystemActor("test"), rs.DecisionInput(gate=gates[0], municipality=m["alkmaar"], outcome="hold", date=D(2024, 3, 1)))
    shifts = {s.key: s for s in ps.propose_law_shift(current, law, D(2031, 1, 1), ps.decided_keys(current))}
    assert shifts["besluit"].kept


def test_example_facts_carry_a_source_and_invented_data_is_marked():
    from regiokompas.planning.models import CouncilProcedure, PrerequisiteRule

    rows = list(Consultation.objects.filter(body__trajectory__slug="alkmaar-sociale-zaken-2012"))
    rows += list(ConsultationBody.objects.filter(trajectory__slug="alkmaar-sociale-zaken-2012"))
    rows += list(CouncilProcedure.objects.filter(gate__trajectory__slug="alkmaar-sociale-zaken-2012"))
    rows += list(Milestone.objects.filter(version__plan__trajectory__slug="alkmaar-sociale-zaken-2012"))
    rows += list(PrerequisiteRule.objects.all())
    assert rows and all(r.source for r in rows)
    for r in rows:
        if r.illustrative:
            assert "illustratief" in r.source
        else:
            assert "seed:" in r.source or "WOR" in r.source or "Gemeentewet" in r.source or "Participatiewet" in r.source, r


def test_a_plan_without_versions_gets_a_first_version():
    """A plan whose versions are missing (for instance from a partly restored dossier) takes a new
    version as its first one; a law change on it finds nothing to move and says so in Dutch."""
    t, law, gates = trajectory_with_law(slug="plan-leeg")
    plan = rs.save_object(SystemActor("test"), Plan(trajectory=t, name="Planning"))
    assert plan.current is None
    before = database_counts()
    with pytest.raises(RegisterError, match="hangt af van"):
        ps.apply_law_change(SystemActor("test"), t, law, new_date=D(2031, 1, 1), reason="Wet later")
    assert database_counts() == before
    items = [ps.MilestoneInput("start", "Start", D(2029, 9, 1))]
    version = ps.new_version(SystemActor("test"), t, title="Planning opnieuw", reason="Versies ontbraken", milestones=items)
    assert (version.number, version.based_on) == (1, None)
    assert [c["change"] for c in version.changes] == ["toegevoegd"]
    assert plan.current == version
