"""Domain rules of the register (Wet gemeenschappelijke regelingen, Gemeentewet; wetten.overheid.nl)."""

import datetime as dt

import pytest
from tests.register.helpers import decide, new_trajectory

from regiokompas.examples import SLUG_2012, SLUG_2019
from regiokompas.register import constants as c
from regiokompas.register import query
from regiokompas.register import services as s
from regiokompas.register.models import Trajectory

PS = c.ParticipationStatus
pytestmark = pytest.mark.django_db


def test_hold_is_not_reject_it_keeps_the_municipality_in(m):
    t, (g1, g2) = new_trajectory(municipalities=[m["bergen"], m["alkmaar"]])
    decide(g1, m["bergen"], c.Outcome.HOLD)
    decide(g1, m["alkmaar"], c.Outcome.REJECT)
    state = query.trajectory_state(t)
    assert state.cell(g1, m["bergen"]).status == PS.ACTIVE
    assert state.cell(g1, m["alkmaar"]).status == PS.PAUSED
    assert state.cell(g2, m["bergen"]).status == PS.ACTIVE
    assert state.cell(g2, m["alkmaar"]).status == PS.PAUSED
    assert state.results[g1.pk].status == c.GateStatus.STOPPED


def test_pause_then_return_and_explicit_withdrawal(m):
    t, (g1, g2) = new_trajectory(rule="coalition_of_the_willing", minimum=1, municipalities=[m["bergen"], m["alkmaar"], m["heiloo"]])
    decide(g1, m["bergen"], c.Outcome.REJECT)
    decide(g1, m["alkmaar"], c.Outcome.AGREE)
    decide(g1, m["heiloo"], c.Outcome.REJECT, withdraws=True)
    decide(g2, m["bergen"], c.Outcome.AGREE)
    decide(g2, m["alkmaar"], c.Outcome.AGREE)
    state = query.trajectory_state(t)
    assert state.cell(g1, m["bergen"]).status == PS.PAUSED
    assert state.cell(g1, m["heiloo"]).status == PS.WITHDRAWN
    back = state.cell(g2, m["bergen"])
    assert back.status == PS.ACTIVE and back.returned
    assert state.cell(g2, m["heiloo"]).status == PS.WITHDRAWN  # no decision: stays out
    assert state.results[g1.pk].status == c.GateStatus.PASSED_PARTIALLY
    assert [x.name for x in state.results[g1.pk].continuing] == ["Alkmaar"]
    # a withdrawn municipality does not count as a participant of the next gate
    assert m["heiloo"] not in state.results[g2.pk].participants
    assert state.results[g2.pk].status == c.GateStatus.PASSED


@pytest.mark.parametrize(
    "rule,outcomes,expected",
    [
        ("all_must_agree", ["agree", "agree", "agree"], c.GateStatus.PASSED),
        ("all_must_agree", ["agree", "agree", "hold"], c.GateStatus.HELD),
        ("all_must_agree", ["agree", "agree", None], c.GateStatus.OPEN),
        ("all_must_agree", ["agree", "agree_with_conditions", "reject"], c.GateStatus.STOPPED),
        ("majority", ["agree", "agree", "reject"], c.GateStatus.PASSED),
        ("majority", ["agree", "reject", "reject"], c.GateStatus.STOPPED),
        ("majority", ["agree", "hold", None], c.GateStatus.OPEN),
        ("majority", ["agree", "hold", "hold"], c.GateStatus.HELD),
        ("coalition_of_the_willing", ["agree", "agree", "reject"], c.GateStatus.PASSED_PARTIALLY),
        ("coalition_of_the_willing", ["agree", "reject", "reject"], c.GateStatus.STOPPED),
        ("coalition_of_the_willing", ["agree", "agree", None], c.GateStatus.OPEN),
    ],
)
def test_continuation_rules(m, rule, outcomes, expected):
    munis = [m["bergen"], m["alkmaar"], m["heiloo"]]
    t, (g1, _g2) = new_trajectory(rule=rule, municipalities=munis)
    for muni, outcome in zip(munis, outcomes, strict=True):
        if outcome:
            conditions = [s.ConditionInput("Een voorwaarde")] if outcome == "agree_with_conditions" else []
            decide(g1, muni, outcome, conditions=conditions)
    assert query.trajectory_state(t).results[g1.pk].status == expected


def test_merger_successor_and_decisions_after_the_merger(m):
    assert m["heerhugowaard"].successor == m["dijk_en_waard"]
    assert m["heerhugowaard"].successor_on(dt.date(2023, 1, 1)) == m["dijk_en_waard"]
    assert m["heerhugowaard"].successor_on(dt.date(2021, 6, 1)) == m["heerhugowaard"]
    assert m["schermer"].successor_on(dt.date(2016, 1, 1)) == m["alkmaar"]
    t, (g1, _g2) = new_trajectory(municipalities=[m["heerhugowaard"], m["dijk_en_waard"]])
    with pytest.raises(s.RegisterError, match="bestond niet op 01-03-2022.*Dijk en Waard"):
        decide(g1, m["heerhugowaard"], c.Outcome.AGREE, day=dt.date(2022, 3, 1))
    # the predecessor's earlier decision stays attached to it
    d = decide(g1, m["heerhugowaard"], c.Outcome.AGREE, day=dt.date(2021, 3, 1))
    assert d.municipality == m["heerhugowaard"]


def test_example_2012_bergen_held_with_two_open_conditions(m):
    t = Trajectory.objects.get(slug=SLUG_2012)
    state = query.trajectory_state(t)
    gate = state.gates[0]
    cell = state.cell(gate, m["bergen"])
    assert cell.decision.outcome == c.Outcome.HOLD
    assert cell.decision.supersedes.date == dt.date(2012, 4, 3)  # the hold of 3 April stays as history
    assert cell.status == PS.ACTIVE
    conditions = query.open_conditions(t)[m["bergen"]]
    assert len(conditions) == 2
    assert "effectiviteit, efficiency en klantgerichtheid" in conditions[0].text
    assert "ondernemingsraden" in conditions[1].text
    assert state.results[gate.pk].status == c.GateStatus.OPEN  # the other colleges' decisions are unknown
    assert t.drivers.get().status == c.LawStatus.WITHDRAWN


def test_example_2020_five_continue_bergen_and_uitgeest_pause_and_return(m):
    t = Trajectory.objects.get(slug=SLUG_2019)
    state = query.trajectory_state(t)
    pilots, berenschot, zaffier = state.gates
    result = state.results[berenschot.pk]
    assert result.status == c.GateStatus.PASSED_PARTIALLY
    assert {x.name for x in result.continuing} == {"Alkmaar", "Heerhugowaard", "Langedijk", "Castricum", "Heiloo"}
    assert {x.name for x in result.not_continuing} == {"Bergen (NH.)", "Uitgeest"}
    assert state.cell(berenschot, m["bergen"]).status == PS.PAUSED
    assert state.cell(pilots, m["uitgeest"]).status == PS.NOT_INVOLVED
    assert state.cell(zaffier, m["bergen"]).returned
    assert state.results[zaffier.pk].status == c.GateStatus.PASSED
    flags = query.shared_organisation_flags(result)
    assert [f.organisation.name for f in flags] == ["BUCH werkorganisatie"]
    assert {x.name for x in flags[0].continuing} == {"Castricum", "Heiloo"}
    assert {x.name for x in flags[0].not_continuing} == {"Bergen (NH.)", "Uitgeest"}
    assert "BUCH werkorganisatie" in flags[0].message


def test_every_example_fact_has_a_source(db):
    from django.apps import apps

    for model in apps.get_app_config("register").get_models():
        if any(f.name == "source" for f in model._meta.fields):
            missing = model.objects.filter(source="", illustrative=False)
            assert not missing.exists(), f"{model.__name__} zonder bron: {list(missing)[:3]}"
