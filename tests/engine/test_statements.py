"""Statement compilation, conflicts and measurement types."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiokompas.engine import ProblemError, analyse
from regiokompas.engine import constraints as cons
from regiokompas.engine.sampling import sample_weights

from .problems import exact_problem, example

CRITS = ["c0", "c1", "c2", "c3"]


def statement_st():
    crit = st.sampled_from(CRITS)
    interval = st.builds(lambda c, a, b: {"type": "interval", "criterion": c, "min": round(min(a, b), 2), "max": round(max(a, b), 2)},
                         crit, st.floats(0, 1), st.floats(0, 1))
    ratio = st.builds(lambda c, d, a, b: {"type": "ratio", "numerator": c, "denominator": d,
                                          "min": round(min(a, b), 2), "max": round(max(a, b), 2)},
                      crit, crit, st.floats(0, 4), st.floats(0, 4)).filter(lambda s: s["numerator"] != s["denominator"])
    ranking = st.permutations(CRITS).flatmap(
        lambda p: st.integers(2, 4).map(lambda k: {"type": "ranking", "order": [[c] for c in p[:k]]}))
    return st.one_of(interval, ratio, ranking)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(statement_st(), min_size=1, max_size=5))
def test_samples_satisfy_statements_or_conflict_is_minimal(statements):
    rows = cons.statement_rows(statements, CRITS)
    n = len(CRITS)
    if not cons.feasible(rows, n):
        bad = cons.conflicting_statements(rows, n)
        assert bad and not cons.feasible([r for r in rows if r.statement in bad], n)
        for s in bad:  # irreducible: without any one of them the rest is feasible
            assert cons.feasible([r for r in rows if r.statement in bad and r.statement != s], n)
        return
    red = cons.reduce(rows, n)
    w, info = sample_weights(n, rows, red, 300, np.random.default_rng(0))
    assert np.allclose(w.sum(axis=1), 1) and w.min() >= 0
    for r in rows:
        lhs = w @ r.coef
        if r.eq:
            assert np.allclose(lhs, r.rhs, atol=1e-6), (info, r)
        else:
            assert np.all(lhs <= r.rhs + 1e-6), (info, r)


def test_analyse_forced_hit_and_run_agrees_with_exact():
    p = example()
    p["stakeholders"] = [{"id": "s", "statements": [{"type": "ranking", "order": [["eff"], ["cost"]]}]}]
    a = analyse(p, samples=20000, seed=1)["stakeholders"]["s"]
    b = analyse(p, samples=20000, seed=1, sampler="hit_and_run")["stakeholders"]["s"]
    assert a["sampler"]["method"] == "exact" and b["sampler"]["method"] == "hit_and_run"
    for alt in a["rank_acceptability"]:
        x, y = a["rank_acceptability"][alt][0], b["rank_acceptability"][alt][0]
        se = a["rank_acceptability_se"][alt][0] + b["rank_acceptability_se"][alt][0]
        assert abs(x - y) < 5 * se + 0.005


def test_implied_equality_warning_in_result():
    p = example()
    p["stakeholders"][0]["statements"] = [{"type": "ranking", "order": [["eff"], ["cost"]]},
                                          {"type": "ranking", "order": [["cost"], ["eff"]]}]
    block = analyse(p, samples=500)["stakeholders"]["GM0373"]
    (w,) = block["warnings"]
    assert w["key"] == "weights.implied_equality" and w["statements"] == [0, 1]
    assert block["weights"]["mean"] == {"eff": 0.5, "cost": 0.5}


def test_imprecise_swing_becomes_ratio_bounds():
    rows = cons.statement_rows([{"type": "swing", "reference": "c0", "values": {"c1": [40, 60], "c2": 20}}], CRITS)
    red = cons.reduce(rows, 4)
    w, _ = sample_weights(4, rows, red, 2000, np.random.default_rng(0))
    assert np.all((w[:, 1] / w[:, 0] >= 0.4 - 1e-6) & (w[:, 1] / w[:, 0] <= 0.6 + 1e-6))
    assert np.allclose(w[:, 2] / w[:, 0], 0.2)


def test_every_measurement_type_runs_and_has_a_most_likely_value():
    p = exact_problem([[0.5] * 8, [0.5] * 8])
    p["criteria"][7]["levels"] = [{"id": "slecht", "value": 0.1}, {"id": "matig", "value": 0.5}, {"id": "goed", "value": 0.9}]
    p["criteria"][6]["pvf"] = {"type": "piecewise", "cutoffs": [0, 0.5, 1], "values": [0, 0.8, 1]}
    cells = [
        {"type": "uniform", "low": 0.2, "high": 0.4},
        {"type": "pert", "low": 0.1, "mode": 0.3, "high": 0.9},
        {"type": "triangular", "low": 0.1, "mode": 0.3, "high": 0.9},
        {"type": "normal", "mean": 0.5, "sd": 0.1},
        {"type": "lognormal", "mu": -1.0, "sigma": 0.3},
        {"type": "beta", "alpha": 2, "beta": 5},
        {"type": "discrete", "values": [0.25, 0.75], "probabilities": [1, 3]},
        {"type": "ordinal", "levels": ["matig", "goed"]},
    ]
    for j, cell in enumerate(cells):
        p["measurements"]["a0"][f"c{j}"] = cell
    r = analyse(p, samples=2000, seed=0)
    det = r["stakeholders"]["s"]["deterministic"]["partial_values"]["a0"]
    assert det["c0"] == pytest.approx(0.3) and det["c1"] == pytest.approx(0.3) and det["c3"] == pytest.approx(0.5)
    assert det["c4"] == pytest.approx(np.exp(-1.0), abs=1e-6) and det["c5"] == pytest.approx(0.2)
    assert det["c6"] == pytest.approx(0.9)  # most likely 0.75 through the piecewise value function
    assert det["c7"] == pytest.approx(0.9)
    assert r["measurements"]["exact"] is False
    assert sum(r["stakeholders"]["s"]["rank_acceptability"]["a0"]) == pytest.approx(1)


def test_ordinal_measurement_needs_levels():
    p = exact_problem([[0.5], [0.5]])
    p["measurements"]["a0"]["c0"] = {"type": "ordinal", "level": "goed"}
    with pytest.raises(ProblemError) as info:
        analyse(p, samples=100)
    assert info.value.errors[0]["key"] == "measurement.invalid"


def test_weighted_pooling_needs_weights():
    p = example()
    p["pooled_weighting"] = "inhabitants"
    p["stakeholders"][0]["weight"] = 20000
    with pytest.raises(ProblemError) as info:
        analyse(p, samples=100)
    assert [e["key"] for e in info.value.errors] == ["stakeholder.weight_missing"]
    assert info.value.errors[0]["stakeholder"] == "GM0361"


def test_numpy_integers_are_accepted():
    r = analyse(example(), samples=np.int64(500), seed=np.int32(1))
    assert r["samples"] == 500 and r["seed"] == 1


def test_exact_weights_rounded_within_tolerance_are_feasible():
    p = example()
    p["stakeholders"][1]["statements"][0]["weights"] = {"eff": 0.6000009, "cost": 0.4}
    block = analyse(p, samples=200)["stakeholders"]["GM0361"]
    assert block["sampler"]["method"] == "point"
    assert block["weights"]["mean"]["eff"] == pytest.approx(0.6, abs=1e-5)


def test_inequalities_that_pin_the_weights_give_a_point_and_a_warning():
    p = example()
    p["stakeholders"][0]["statements"] = [{"type": "interval", "criterion": "eff", "min": 0.5},
                                          {"type": "interval", "criterion": "cost", "min": 0.5}]
    block = analyse(p, samples=300)["stakeholders"]["GM0373"]
    assert block["sampler"]["method"] == "point" and block["sampler"]["dimension"] == 0
    assert block["weights"]["mean"] == {"eff": 0.5, "cost": 0.5}
    assert block["warnings"][0]["statements"] == [0, 1]


def test_measurements_outside_the_scale_are_clipped_with_a_warning():
    p = exact_problem([[0.5, 0.5], [0.5, 0.5]])
    p["measurements"]["a0"]["c0"] = {"type": "uniform", "low": 0.8, "high": 1.4}
    r = analyse(p, samples=500)
    (w,) = r["warnings"]
    assert w["key"] == "measurement.outside_scale" and w["path"] == "measurements/a0/c0"
    assert analyse(exact_problem([[0.5, 0.5], [0.5, 0.5]]), samples=100)["warnings"] == []
